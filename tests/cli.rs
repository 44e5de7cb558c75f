//! The command line, end to end: the shipped rosters, broken files, exit codes,
//! golden outputs and determinism. Every roster the solver writes is read back and
//! checked by the independent validator.

mod common;

use common::run::Run;
use common::{SMALL, read_assignments, root, scratch_in};
use std::path::Path;

use duty_roster::{read_roster_file, validate};

/// Writes a roster file into a scratch folder and returns its path.
fn roster_file(dir: &Path, text: &str) -> String {
    let path = dir.join("roster.toml");
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// Solves a shipped roster into `out` and checks the written roster with the validator.
fn solve_shipped(name: &str, out: &Path) -> Run {
    solve_shipped_with(name, out, &[])
}

/// [`solve_shipped`] with more arguments.
fn solve_shipped_with(name: &str, out: &Path, more: &[&str]) -> Run {
    let roster = format!("rosters/{name}.toml");
    let mut args = vec!["solve", &roster, "--out", out.to_str().unwrap()];
    args.extend_from_slice(more);
    let run = Run::new(&args).status(0);
    check_written(&read_roster_file(&root().join(&roster)).unwrap(), out);
    run
}

/// Checks the roster written in `out` with the validator against `roster`: no rule
/// broken, and summary.json's objective the validator's.
fn check_written(roster: &duty_roster::Roster, out: &Path) {
    let assignments = read_assignments(&out.join("roster.csv"));
    let report = validate(roster, &assignments);
    assert!(report.violations.is_empty(), "{:?}", report.violations);
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["status"], "optimal");
    assert_eq!(
        summary["assignments"].as_u64().unwrap() as usize,
        assignments.len()
    );
    let objective = summary["objective"].as_f64().unwrap();
    assert!(
        (objective - report.objective).abs() < 1e-5,
        "summary objective {objective} != validator {}",
        report.objective
    );
}

/// A fresh empty folder for one test.
fn scratch(name: &str) -> std::path::PathBuf {
    scratch_in("cli-tests", name)
}

#[test]
fn solve_august_writes_an_optimal_valid_roster_matching_the_golden_file() {
    let out = scratch("august");
    solve_shipped("aubm-2022-08", &out)
        .stdout_has("status: optimal")
        .stdout_has("fairness (actual/target)");
    let golden = root().join("tests/golden/aubm-2022-08");
    for file in ["roster.csv", "summary.csv"] {
        let written = std::fs::read(out.join(file)).unwrap();
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::create_dir_all(&golden).unwrap();
            std::fs::write(golden.join(file), &written).unwrap();
        }
        let expected =
            std::fs::read(golden.join(file)).expect("golden file (UPDATE_GOLDEN=1 writes it)");
        assert!(
            written == expected,
            "{file} differs from tests/golden/aubm-2022-08/{file}"
        );
    }
}

#[test]
fn solve_ramadan_month_writes_a_valid_roster_with_ramadan_hours() {
    let out = scratch("ramadan");
    solve_shipped("aubm-2022-04-ramadan", &out);
    let csv = std::fs::read_to_string(out.join("roster.csv")).unwrap();
    assert!(
        csv.lines()
            .any(|l| l.starts_with("2022-04-12") && l.contains("15:00") && l.contains("17:00")),
        "{csv}"
    );
}

/// summary.json without its `timing` object, the only part that depends on the clock.
fn summary_without_timing(dir: &Path) -> serde_json::Value {
    let mut v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("summary.json")).unwrap()).unwrap();
    v.as_object_mut().unwrap().remove("timing");
    v
}

#[test]
fn two_runs_give_byte_identical_files() {
    let (a, b) = (scratch("determinism-a"), scratch("determinism-b"));
    solve_shipped("aubm-2022-08", &a);
    solve_shipped("aubm-2022-08", &b);
    for file in ["roster.csv", "summary.csv"] {
        assert!(
            std::fs::read(a.join(file)).unwrap() == std::fs::read(b.join(file)).unwrap(),
            "{file} differs"
        );
    }
    assert_eq!(summary_without_timing(&a), summary_without_timing(&b));
}

#[test]
fn no_search_solves_the_whole_program_alone_to_the_same_roster() {
    // August is proven optimal before the search would start: the same roster.
    let out = scratch("no-search");
    let roster = "rosters/aubm-2022-08.toml";
    let out_arg = out.to_str().unwrap();
    Run::new(&[
        "solve",
        roster,
        "--no-search",
        "--format",
        "csv",
        "--out",
        out_arg,
    ])
    .status(0)
    .stdout_has("status: optimal");
    let golden = root().join("tests/golden/aubm-2022-08/roster.csv");
    assert!(std::fs::read(out.join("roster.csv")).unwrap() == std::fs::read(golden).unwrap());
}

#[test]
fn excel_mode_writes_bom_semicolons_and_crlf() {
    let out = scratch("excel");
    Run::new(&[
        "solve",
        "rosters/aubm-2022-08.toml",
        "--out",
        out.to_str().unwrap(),
        "--excel",
        "--quiet",
    ])
    .status(0);
    let bytes = std::fs::read(out.join("roster.csv")).unwrap();
    assert!(bytes.starts_with("\u{feff}date;weekday;start;end;".as_bytes()));
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.lines().count() > 10);
    assert_eq!(text.matches("\r\n").count(), text.matches('\n').count());
}

#[test]
fn check_accepts_the_shipped_rosters() {
    for name in ["aubm-2022-08", "aubm-2022-04-ramadan"] {
        Run::new(&["check", &format!("rosters/{name}.toml")])
            .status(0)
            .stdout_has("no problem found");
    }
}

#[test]
fn a_small_roster_solves_and_checks() {
    let dir = scratch("small");
    let file = roster_file(&dir, SMALL);
    Run::new(&["check", &file]).status(0);
    Run::new(&["solve", &file, "--out", dir.join("out").to_str().unwrap()]).status(0);
}

#[test]
fn unknown_field_is_invalid_input_with_line_and_column() {
    let dir = scratch("typo");
    let file = roster_file(
        &dir,
        &SMALL.replace("home = \"bm\"\n\n[[staff]]", "hom = \"bm\"\n\n[[staff]]"),
    );
    Run::new(&["check", &file])
        .status(2)
        .stderr_has("roster.toml:")
        .stderr_has("hom");
    Run::new(&["solve", &file, "--out", dir.join("out").to_str().unwrap()]).status(2);
    assert!(!dir.join("out").exists(), "no output after invalid input");
}

#[test]
fn unknown_site_names_the_field_and_the_valid_ids() {
    let dir = scratch("unknown-site");
    let file = roster_file(
        &dir,
        &SMALL.replace("home = \"bm\"\n\n[[staff]]", "home = \"azl\"\n\n[[staff]]"),
    );
    Run::new(&["check", &file])
        .status(2)
        .stderr_has("roster.toml:")
        .stderr_has("azl")
        .stderr_has("bm");
}

#[test]
fn toml_syntax_error_is_invalid_input() {
    let dir = scratch("syntax");
    let file = roster_file(&dir, &SMALL.replace("[[site]]", "[[site]"));
    Run::new(&["check", &file])
        .status(2)
        .stderr_has("roster.toml:");
}

#[test]
fn a_time_limit_must_be_a_number_of_seconds_above_zero() {
    let out = scratch("time-limit");
    for bad in ["0", "NaN", "soon", "-1"] {
        Run::new(&[
            "solve",
            "rosters/aubm-2022-08.toml",
            "--out",
            out.join("out").to_str().unwrap(),
            &format!("--time-limit={bad}"),
        ])
        .status(2)
        .stderr_has("--time-limit")
        .stderr_has("seconds above 0");
    }
    assert!(!out.join("out").exists(), "nothing written");
    solve_shipped_with("aubm-2022-08", &out.join("out"), &["--time-limit", "inf"]);
}

#[test]
fn missing_file_is_an_error_naming_it() {
    Run::new(&["check", "no/such/roster.toml"])
        .status(1)
        .stderr_has("no/such/roster.toml");
}

#[test]
fn understaffed_roster_is_infeasible_and_lists_the_slots() {
    let dir = scratch("infeasible");
    let file = roster_file(&dir, &SMALL.replace("min = 2", "min = 3"));
    Run::new(&["check", &file])
        .status(3)
        .stdout_has("2022-08-01")
        .stdout_has("needs 3");
    Run::new(&["solve", &file, "--out", dir.join("out").to_str().unwrap()])
        .status(3)
        .stderr_has("2022-08-05");
    assert!(
        !dir.join("out").exists(),
        "no roster written for an infeasible roster"
    );
}

#[test]
fn output_folder_that_is_a_file_is_an_error_and_writes_nothing() {
    let dir = scratch("out-is-file");
    let file = roster_file(&dir, SMALL);
    let out = dir.join("taken");
    std::fs::write(&out, "not a folder").unwrap();
    Run::new(&["solve", &file, "--out", out.to_str().unwrap()])
        .status(1)
        .stderr_has("taken");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "not a folder");
}

#[test]
fn every_subcommand_has_help() {
    for args in [
        vec!["--help"],
        vec!["solve", "--help"],
        vec!["check", "--help"],
    ] {
        Run::new(&args).status(0).stdout_has("Usage");
    }
    Run::new(&["solve"]).status(2).stderr_has("--out");
}

/// The shipped month `month` with what people carry from `ledger` applied.
fn with_ledger(month: &str, ledger: &Path) -> duty_roster::Roster {
    let roster = read_roster_file(&root().join(format!("rosters/aubm-2022-{month}.toml"))).unwrap();
    let mut def = roster.def().clone();
    duty_roster::ledger::Ledger::read(ledger)
        .unwrap()
        .apply(&mut def);
    duty_roster::Roster::new(def).unwrap()
}

#[test]
fn the_shipped_ledger_is_july_then_august_and_september_solves_with_it() {
    let dir = scratch("ledger-summer");
    let ledger = dir.join("ledger.csv");
    let ledger_arg = ledger.to_str().unwrap();
    for month in ["07", "08"] {
        let out = dir.join(month);
        let roster = format!("rosters/aubm-2022-{month}.toml");
        let before = dir.join(format!("before-{month}.csv"));
        if ledger.exists() {
            std::fs::copy(&ledger, &before).unwrap();
        }
        Run::new(&[
            "solve",
            &roster,
            "--out",
            out.to_str().unwrap(),
            "--format",
            "csv",
            "--ledger",
            ledger_arg,
            "--update-ledger",
        ])
        .status(0)
        .stdout_has(&format!("added roster `aubm-2022-{month}` to the ledger"));
        let carried = if before.exists() {
            with_ledger(month, &before)
        } else {
            read_roster_file(&root().join(&roster)).unwrap()
        };
        check_written(&carried, &out);
    }
    let shipped = root().join("rosters/aubm-ledger.csv");
    assert!(
        std::fs::read(&ledger).unwrap() == std::fs::read(&shipped).unwrap(),
        "rosters/aubm-ledger.csv is not what solving July then August writes"
    );
    // A month goes into the ledger once; a refused update leaves it as it was.
    Run::new(&[
        "solve",
        "rosters/aubm-2022-08.toml",
        "--out",
        dir.join("again").to_str().unwrap(),
        "--ledger",
        ledger_arg,
        "--update-ledger",
    ])
    .status(2)
    .stderr_has("roster `aubm-2022-08` is in the ledger already");
    assert!(std::fs::read(&ledger).unwrap() == std::fs::read(&shipped).unwrap());
    assert!(!dir.join("again").exists(), "nothing solved or written");
    let september = dir.join("09");
    Run::new(&[
        "solve",
        "rosters/aubm-2022-09.toml",
        "--out",
        september.to_str().unwrap(),
        "--ledger",
        "rosters/aubm-ledger.csv",
    ])
    .status(0);
    check_written(&with_ledger("09", &shipped), &september);
}

#[test]
fn ledger_report_lists_hours_per_person_and_month_and_explain_shows_the_balance() {
    Run::new(&["ledger", "rosters/aubm-ledger.csv", "--report"])
        .status(0)
        .stdout_has("staff   roster        first       after-hours  saturday  lines  total")
        .stdout_has("BM-01   aubm-2022-07");
    Run::new(&["ledger", "rosters/aubm-ledger.csv", "--report", "--csv"])
        .status(0)
        .stdout_has("staff,roster,first,after-hours,saturday,lines,total,weighted_duties\n");
    Run::new(&["ledger", "rosters/no-such-ledger.csv", "--report"])
        .status(1)
        .stderr_has("rosters/no-such-ledger.csv: cannot read");
    Run::new(&[
        "explain",
        "rosters/aubm-2022-09.toml",
        "--ledger",
        "rosters/aubm-ledger.csv",
        "--staff",
        "BM-01",
    ])
    .status(0)
    .stdout_has("duties done beyond the fair share in earlier months")
    .stdout_has("owed from earlier months");
}

/// `solve ROSTER --out OUT --baseline BASELINE` and `extra` arguments.
fn replan(roster: &str, out: &Path, baseline: &Path, extra: &[&str]) -> Run {
    let mut args = vec![
        "solve",
        roster,
        "--out",
        out.to_str().unwrap(),
        "--baseline",
        baseline.to_str().unwrap(),
    ];
    args.extend(extra);
    Run::new(&args)
}

/// Publishes the August roster into `dir/published` and returns its roster.csv.
fn publish_august(dir: &Path) -> std::path::PathBuf {
    let published = dir.join("published");
    solve_shipped("aubm-2022-08", &published);
    published.join("roster.csv")
}

#[test]
fn replanning_an_unchanged_roster_changes_nothing_and_writes_the_same_files() {
    let dir = scratch("replan-same");
    let baseline = publish_august(&dir);
    let again = dir.join("again");
    replan("rosters/aubm-2022-08.toml", &again, &baseline, &[])
        .status(0)
        .stdout_has("changes from the published roster: 0 added, 0 removed, 0 people affected")
        .stdout_has("no change from the published roster");
    let published = dir.join("published");
    for file in [
        "roster.csv",
        "calendars/roster.ics",
        "calendars/staff/BM-04.ics",
    ] {
        assert!(
            std::fs::read(again.join(file)).unwrap()
                == std::fs::read(published.join(file)).unwrap(),
            "{file} differs after a re-plan without change"
        );
    }
    let summary = summary_without_timing(&again);
    assert_eq!(
        summary["changes"],
        serde_json::json!({"added": 0, "removed": 0, "people_affected": 0})
    );
    assert!(!again.join("notices").exists());
}

#[test]
fn replanning_after_a_sick_leave_moves_only_that_persons_duties() {
    let dir = scratch("replan-ill");
    let baseline = publish_august(&dir);
    let out = dir.join("replanned");
    let ill = "tests/rosters/aubm-2022-08-ill.toml";
    replan(ill, &out, &baseline, &["--freeze-until", "2022-08-09"])
        .status(0)
        .stdout_has("BM-04 — Hamid Ouazzani")
        .stdout_has("(unavailable)");
    // Every roster written is checked against the new file, its re-plan included.
    let roster = read_roster_file(&root().join(ill)).unwrap();
    let mut def = roster.def().clone();
    let published = read_assignments(&baseline);
    let mut replan = duty_roster::Replan::new(published.clone());
    replan.freeze_until = Some("2022-08-09".parse().unwrap());
    def.replan = Some(replan);
    let replanning = duty_roster::Roster::new(def).unwrap();
    check_written(&replanning, &out);
    let changes = validate(&replanning, &read_assignments(&out.join("roster.csv")))
        .changes
        .unwrap();
    // BM-04's duties from the 10th to the 23rd leave them, each to one other person.
    let lost = published
        .iter()
        .filter(|a| {
            a.staff == "BM-04"
                && a.date >= "2022-08-10".parse().unwrap()
                && a.date <= "2022-08-23".parse().unwrap()
        })
        .count();
    assert!(lost > 0);
    assert_eq!((changes.removed.len(), changes.added.len()), (lost, lost));
    assert!(changes.removed.iter().all(|a| a.staff == "BM-04"));
    let summary = summary_without_timing(&out);
    assert_eq!(summary["changes"]["removed"], lost);
    let csv = std::fs::read_to_string(out.join("changes.csv")).unwrap();
    assert!(csv.starts_with("\u{feff}date;site;duty;staff;staff_name;change;reason\r\n"));
    assert_eq!(csv.matches(";removed;unavailable").count(), lost);
    assert_eq!(csv.matches(";added;cover: replaces BM-04").count(), lost);
    assert!(
        !csv.contains("maladie"),
        "a leave's reason stays in the roster file"
    );
    let notice = std::fs::read_to_string(out.join("notices/BM-04.txt")).unwrap();
    assert!(notice.starts_with("Bonjour Hamid Ouazzani"));
    assert!(notice.contains("Permanences retirées"));
    assert!(!notice.contains("maladie"));
    // The sick person's calendar cancels the duties, with the same UIDs.
    let ics = std::fs::read_to_string(out.join("calendars/staff/BM-04.ics")).unwrap();
    assert_eq!(ics.matches("STATUS:CANCELLED").count(), lost);
    // Solved again from scratch into the same folder: the re-plan's files go.
    Run::new(&["solve", ill, "--out", out.to_str().unwrap()])
        .status(0)
        .stdout_has("removed ");
    assert!(!out.join("changes.csv").exists());
    assert!(!out.join("notices/BM-04.txt").exists());
}

#[test]
fn a_baseline_of_another_roster_or_with_a_bad_row_is_refused() {
    let dir = scratch("replan-refused");
    let baseline = publish_august(&dir);
    let out = dir.join("out");
    replan("rosters/aubm-2022-09.toml", &out, &baseline, &[])
        .status(2)
        .stderr_has(
            "the published roster is `aubm-2022-08` (its summary.json), not `aubm-2022-09`",
        );
    let lone = dir.join("lone");
    std::fs::create_dir_all(&lone).unwrap();
    let text = std::fs::read_to_string(&baseline).unwrap();
    std::fs::write(
        lone.join("roster.csv"),
        text.replacen("2022-08-02;mardi", "2022-08-02;jeudi", 1),
    )
    .unwrap();
    replan(
        "rosters/aubm-2022-08.toml",
        &out,
        &lone.join("roster.csv"),
        &[],
    )
    .status(2)
    .stderr_has("column `weekday`: `jeudi` is not the weekday of 2022-08-02");
    std::fs::write(lone.join("roster.csv"), &text).unwrap();
    replan(
        "rosters/aubm-2022-09.toml",
        &out,
        &lone.join("roster.csv"),
        &[],
    )
    .status(2)
    .stderr_has("is outside the period 2022-09-01 to 2022-09-30 of roster `aubm-2022-09`");
    replan(
        "tests/rosters/aubm-2022-08-ill.toml",
        &out,
        &baseline,
        &["--freeze-until", "2022-08-31"],
    )
    .status(2)
    .stderr_has("--freeze-until: ");
    assert!(!out.exists(), "nothing written");
    // A row naming a person who left is reported, not carried, and no error.
    let gone = text.lines().nth(1).unwrap().replace(";BM-04;", ";BM-99;");
    std::fs::write(lone.join("roster.csv"), format!("{text}{gone}\r\n")).unwrap();
    replan(
        "rosters/aubm-2022-08.toml",
        &dir.join("kept"),
        &lone.join("roster.csv"),
        &[],
    )
    .status(0)
    .stdout_has("not carried: person no longer on the staff")
    .stdout_has("0 added, 0 removed");
}

#[test]
fn replace_swap_and_explain_work_from_the_published_roster() {
    let dir = scratch("replace-swap");
    let baseline = publish_august(&dir);
    let baseline = baseline.to_str().unwrap();
    let ill = "tests/rosters/aubm-2022-08-ill.toml";
    let published = read_assignments(Path::new(baseline));
    let duty = published
        .iter()
        .find(|a| a.staff == "BM-04" && a.date >= "2022-08-10".parse().unwrap())
        .unwrap();
    let date = duty.date.to_string();
    let run = Run::new(&[
        "replace",
        ill,
        "--baseline",
        baseline,
        "--staff",
        "BM-04",
        "--date",
        &date,
        "--json",
    ])
    .status(0);
    let options: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    let first = &options[0];
    assert_eq!(first["duty"]["staff"], "BM-04");
    assert_ne!(first["staff"], "BM-04");
    Run::new(&[
        "replace",
        ill,
        "--baseline",
        baseline,
        "--staff",
        "BM-04",
        "--date",
        &date,
    ])
    .status(0)
    .stdout_has(&format!(
        "who could take BM-04's `{}` at `{}` on {date}",
        duty.duty, duty.site
    ))
    .stdout_has("  1. ");
    // The first suggestion, made as a swap, keeps every rule and is written.
    let taker = first["staff"].as_str().unwrap();
    let out = dir.join("swapped");
    Run::new(&[
        "swap",
        ill,
        "--baseline",
        baseline,
        "--staff",
        "BM-04",
        "--date",
        &date,
        "--with",
        taker,
        "--out",
        out.to_str().unwrap(),
    ])
    .status(0)
    .stdout_has("the swap keeps every rule");
    let changes = std::fs::read_to_string(out.join("changes.csv")).unwrap();
    assert_eq!(changes.lines().count(), 3, "{changes}");
    Run::new(&[
        "swap",
        ill,
        "--baseline",
        baseline,
        "--staff",
        "BM-04",
        "--date",
        "2022-08-02",
        "--with",
        "BM-01",
        "--out",
        dir.join("none").to_str().unwrap(),
    ])
    .status(2)
    .stderr_has("`BM-04` has no duty on 2022-08-02 in the published roster");
    Run::new(&["explain", ill, "--baseline", baseline, "--staff", "BM-04"])
        .status(0)
        .stdout_has("as it is (not solved again)")
        .stdout_has("breaks now: ");
}

/// Every file under `dir`, read as text.
fn every_file(dir: &Path) -> Vec<(std::path::PathBuf, String)> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
                files.push((path, text));
            }
        }
    }
    files
}

#[test]
fn a_leaves_reason_reaches_no_output_unless_asked_for() {
    const MARKER: &str = "MARKER-REASON-7f3a";
    let dir = scratch("reasons");
    // The shipped August roster and an infeasible one, every leave's reason the marker.
    let marked = |from: &str, to: &str| {
        let text = std::fs::read_to_string(root().join(from)).unwrap();
        let mut out = String::new();
        for (i, part) in text.split("reason = \"").enumerate() {
            if i == 0 {
                out.push_str(part);
            } else {
                let rest = &part[part.find('"').unwrap()..];
                out.push_str(&format!("reason = \"{MARKER}{rest}"));
            }
        }
        assert!(out.contains(MARKER), "{from} has leave with reasons");
        let path = dir.join(to);
        std::fs::write(&path, out).unwrap();
        path.to_str().unwrap().to_string()
    };
    let august = marked("rosters/aubm-2022-08.toml", "august.toml");
    let infeasible = marked("tests/rosters/infeasible-leave.toml", "infeasible.toml");
    let out = |name: &str| dir.join(name).to_str().unwrap().to_string();
    let runs = [
        Run::new(&["solve", &august, "--out", &out("solved")]).status(0),
        Run::new(&["check", &august]).status(0),
        Run::new(&[
            "explain",
            &august,
            "--date",
            "2022-08-16",
            "--staff",
            "BM-01",
        ])
        .status(0),
        Run::new(&["explain", &august, "--date", "2022-08-16", "--json"]).status(0),
        Run::new(&["solve", &infeasible, "--out", &out("infeasible")]).status(3),
        Run::new(&["solve", &infeasible, "--relaxed", "--out", &out("relaxed")]).status(3),
    ];
    for run in &runs {
        assert!(!run.stdout().contains(MARKER), "{}", run.stdout());
        assert!(!run.stderr().contains(MARKER), "{}", run.stderr());
    }
    for folder in ["solved", "relaxed"] {
        for (path, text) in every_file(&dir.join(folder)) {
            assert!(!text.contains(MARKER), "{}", path.display());
        }
    }
    // Asked for, the reason is given.
    Run::new(&["explain", &august, "--date", "2022-08-16", "--show-reasons"])
        .status(0)
        .stdout_has(&format!("on {MARKER}"));
}

#[test]
fn an_output_folder_that_is_a_file_is_refused_before_solving() {
    let dir = scratch("out-is-a-file");
    let file = dir.join("roster.csv");
    std::fs::write(&file, "not a folder").unwrap();
    for out in [file.clone(), file.join("sub")] {
        Run::new(&[
            "solve",
            "rosters/aubm-2022-08.toml",
            "--out",
            out.to_str().unwrap(),
        ])
        .status(1)
        .stderr_has("cannot write the output folder:")
        .stderr_has("roster.csv is a file");
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not a folder");
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "nothing else made"
    );
}
