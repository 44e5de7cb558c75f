//! Infeasible rosters: one file per cause in `tests/rosters/`, the exact sentences
//! reported (compared with `<file>.expected`; `UPDATE_GOLDEN=1` rewrites them), the
//! exit code, the suggested fix applied making the roster solve, and the elastic
//! model never reporting a problem when the strict roster is feasible.

mod common;

use common::{root, scratch_in};
use std::path::Path;
use std::process::Command;

use duty_roster::diagnose::{RelaxCosts, diagnose, relax};
use duty_roster::synthetic::{Size, generate};
use duty_roster::{Roster, read_roster_file, solve, validate};

const BIN: &str = env!("CARGO_BIN_EXE_duty-roster");

/// Runs `solve` on a roster file; returns the exit code and standard error.
fn solve_file(roster: &Path, out: &Path, extra: &[&str]) -> (i32, String) {
    let output = Command::new(BIN)
        .arg("solve")
        .arg(roster)
        .arg("--out")
        .arg(out)
        .args(extra)
        .current_dir(root())
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Checks one infeasible roster: exit 3, the exact report, no output, and that the
/// fix (a text change of the file) makes it solve.
fn infeasible(cause: &str, fix: impl Fn(&str) -> String) {
    let file = root().join(format!("tests/rosters/infeasible-{cause}.toml"));
    let dir = scratch(cause);
    let (code, stderr) = solve_file(
        Path::new(&format!("tests/rosters/infeasible-{cause}.toml")),
        &dir.join("out"),
        &[],
    );
    assert_eq!(code, 3, "{stderr}");
    assert!(
        !dir.join("out").exists(),
        "nothing is written for an infeasible roster"
    );
    let expected_path = root().join(format!("tests/rosters/infeasible-{cause}.expected"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&expected_path, &stderr).unwrap();
    }
    let expected = std::fs::read_to_string(&expected_path)
        .expect("expected report (UPDATE_GOLDEN=1 writes it)");
    assert_eq!(stderr, expected);

    let fixed = fix(&std::fs::read_to_string(&file).unwrap());
    let fixed_file = dir.join("fixed.toml");
    std::fs::write(&fixed_file, fixed).unwrap();
    let (code, stderr) = solve_file(&fixed_file, &dir.join("fixed-out"), &["--format", "csv"]);
    assert_eq!(
        code, 0,
        "the suggested fix does not make it solve:\n{stderr}"
    );
    let roster = read_roster_file(&fixed_file).unwrap();
    let outcome = solve(&roster, &Default::default()).unwrap();
    assert!(
        validate(&roster, &outcome.assignments)
            .violations
            .is_empty()
    );
}

/// A fresh empty folder for one test.
fn scratch(name: &str) -> std::path::PathBuf {
    scratch_in("diagnose-tests", name)
}

#[test]
fn infeasible_leave_reports_the_short_slot_and_who_is_away() {
    // fix: lower the Saturday cover to 1
    infeasible("leave", |t| t.replace("  min = 2", "  min = 1"));
}

#[test]
fn infeasible_skill_reports_the_missing_skill() {
    // fix: add a person with the skill
    infeasible("skill", |t| {
        t.replace(
            "name = \"Naima Bouzid\"",
            "name = \"Naima Bouzid\"\nskills = [\"es\"]",
        )
    });
}

#[test]
fn infeasible_limits_reports_the_limit_to_raise() {
    let expected = std::fs::read_to_string(root().join("tests/rosters/infeasible-limits.expected"))
        .unwrap_or_default();
    // fix: raise the named person's max_duties by one, as the report says
    let who = expected
        .split("raise ")
        .nth(1)
        .and_then(|s| s.split('\'').next())
        .unwrap_or("AZ-03")
        .to_string();
    infeasible("limits", move |t| {
        let at = t.find(&format!("id = \"{who}\"")).unwrap();
        let (head, tail) = t.split_at(at);
        format!(
            "{head}{}",
            tail.replacen("max_duties = 2", "max_duties = 3", 1)
        )
    });
}

#[test]
fn infeasible_pins_reports_the_clashing_pins() {
    // fix: remove the second pin
    infeasible("pins", |t| t[..t.rfind("[[pin]]").unwrap()].to_string());
}

#[test]
fn infeasible_rest_reports_the_rest_rule() {
    // fix: make the rest rule soft
    infeasible("rest", |t| {
        t.replace("{ hours = 24 }", "{ hours = 24, weight = 10 }")
    });
}

#[test]
fn infeasible_min_duties_reports_the_unreachable_minimum() {
    // fix: lower the minimum to what the days allow
    infeasible("min-duties", |t| {
        t.replace("min_duties = 5", "min_duties = 3")
    });
}

#[test]
fn relaxed_flag_writes_the_best_roster_marked_with_the_rules_it_breaks() {
    let dir = scratch("relaxed");
    let (code, stderr) = solve_file(
        Path::new("tests/rosters/infeasible-limits.toml"),
        &dir,
        &["--relaxed", "--format", "csv"],
    );
    assert_eq!(code, 3, "{stderr}");
    assert!(stderr.contains("wrote the best relaxed roster"), "{stderr}");
    let csv = std::fs::read_to_string(dir.join("roster.csv")).unwrap();
    assert!(csv.lines().next().unwrap().ends_with(",breaks"));
    assert!(csv.lines().any(|l| l.ends_with(",max_duties")), "{csv}");
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["violations"].as_array().unwrap().len(), 1);
}

/// The diagnosis of a feasible roster finds nothing, and its elastic version (with
/// fairness and wishes, as `--relaxed` solves it) costs exactly what the strict one does.
fn elastic_agrees(roster: &Roster) {
    let strict = solve(roster, &Default::default()).expect("feasible");
    let diagnosis = diagnose(roster, &Default::default()).expect("elastic solves");
    assert!(diagnosis.problems.is_empty(), "{:?}", diagnosis.problems);
    assert!(diagnosis.violations.is_empty());
    let elastic = Roster::new(relax(roster.def(), &RelaxCosts::default())).unwrap();
    let relaxed = solve(&elastic, &Default::default()).expect("elastic solves");
    assert!(validate(roster, &relaxed.assignments).violations.is_empty());
    assert!(
        (relaxed.objective - strict.objective).abs() < 1e-6,
        "{} vs {}",
        relaxed.objective,
        strict.objective
    );
}

#[test]
fn elastic_model_reports_nothing_on_the_shipped_rosters() {
    for name in ["aubm-2022-08", "aubm-2022-04-ramadan"] {
        elastic_agrees(&read_roster_file(&root().join(format!("rosters/{name}.toml"))).unwrap());
    }
}

#[test]
fn elastic_model_reports_nothing_on_generated_rosters() {
    for seed in 1..=3 {
        let roster = Roster::new(generate(Size {
            staff: 20,
            sites: 3,
            months: 1,
            seed,
        }))
        .unwrap();
        elastic_agrees(&roster);
    }
}
