//! Limits with clear errors, the smaller messages of issue 17 and sanitised terminal
//! output, through the command line: every refusal names the file, the line and
//! column when there is one, the field, the limit and what would be valid.

mod common;

use common::run::Run;
use common::{read_assignments, root, scratch_in};
use std::path::{Path, PathBuf};

use duty_roster::{read_roster_file, validate};

/// The shared small roster, starting on line 1 (the line numbers below count from it).
fn small() -> &'static str {
    common::SMALL.trim_start_matches('\n')
}

fn scratch(name: &str) -> PathBuf {
    scratch_in("limits-tests", name)
}

/// Writes `text` as `roster.toml` in a fresh folder; returns the file's path.
fn roster_file(name: &str, text: &str) -> String {
    let path = scratch(name).join("roster.toml");
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// `small()` with `from` replaced by `to` (which must occur).
fn small_with(from: &str, to: &str) -> String {
    assert!(small().contains(from), "{from:?} not in small()");
    small().replacen(from, to, 1)
}

/// Checks the roster written in `out` with the validator: no rule broken.
fn check_written(roster_path: &str, out: &Path) {
    let roster = read_roster_file(Path::new(roster_path)).unwrap();
    let assignments = read_assignments(&out.join("roster.csv"));
    let report = validate(&roster, &assignments);
    assert!(report.violations.is_empty(), "{:?}", report.violations);
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    let objective = summary["objective"].as_f64().unwrap();
    assert!((objective - report.objective).abs() < 1e-6);
}

// ---- file size ----

/// `check /dev/zero` read without end and grew past gigabytes; the reader stops at
/// the limit instead (its size from metadata is 0, so only a bounded read tells).
#[test]
fn an_endless_file_is_refused_at_the_size_limit() {
    Run::new(&["check", "/dev/zero"])
        .status(2)
        .stderr_has("/dev/zero")
        .stderr_has("larger than 20 MB");
}

#[test]
fn a_file_over_the_size_limit_is_refused_for_roster_baseline_and_ledger() {
    let dir = scratch("too-large");
    let big = dir.join("big.csv");
    let file = std::fs::File::create(&big).unwrap();
    file.set_len(20 * 1024 * 1024 + 1).unwrap();
    let big = big.display().to_string();
    let roster = roster_file("too-large-roster", small());
    Run::new(&["check", &big])
        .status(2)
        .stderr_has("larger than 20 MB");
    Run::new(&["ledger", &big, "--report"])
        .status(2)
        .stderr_has("larger than 20 MB");
    let out = dir.join("out").display().to_string();
    Run::new(&["solve", &roster, "--out", &out, "--baseline", &big])
        .status(2)
        .stderr_has(&big)
        .stderr_has("larger than 20 MB");
}

// ---- period ----

/// A one-digit typo in `last` made a 100-year roster that ran for minutes and
/// gigabytes before "no roster found".
#[test]
fn a_period_over_two_years_is_refused_with_its_position_and_valid_range() {
    let file = roster_file(
        "period-long",
        &small_with("last = 2022-08-05", "last = 2122-08-31"),
    );
    for args in [
        vec!["check", file.as_str()],
        vec![
            "solve",
            file.as_str(),
            "--out",
            "target/limits-tests/period-long/out",
        ],
    ] {
        Run::new(&args)
            .status(2)
            .stderr_has("roster.toml:5:8: period.last")
            .stderr_has("at most 731 days (2 years)")
            .stderr_has("from 2022-08-01 to 2024-07-31");
    }
    assert!(!root().join("target/limits-tests/period-long/out").exists());
}

#[test]
fn a_period_over_a_year_is_a_warning_in_check() {
    let file = roster_file(
        "period-year",
        &small_with("last = 2022-08-05", "last = 2023-09-30"),
    );
    Run::new(&["check", &file])
        .status(0)
        .stderr_has("warning:")
        .stderr_has("period.last")
        .stderr_has("426 days");
    let short = roster_file("period-month", small());
    let run = Run::new(&["check", &short]).status(0);
    assert!(!run.stderr().contains("warning"), "{}", run.stderr());
}

// ---- numbers ----

/// `share = 1e308` passed `check` and failed in HiGHS with "Error.".
#[test]
fn a_share_out_of_range_is_refused_at_its_position() {
    let file = roster_file(
        "share",
        &small_with("name = \"Amina\"\n", "name = \"Amina\"\nshare = 1e308\n"),
    );
    Run::new(&["check", &file])
        .status(2)
        .stderr_has("roster.toml:25:9: staff[0].share")
        .stderr_has("1e308 is out of range: from 0.01 to 100");
}

#[test]
fn numbers_above_their_range_name_the_field_and_the_limit() {
    let cases = [
        (
            "min = 2",
            "min = 20000",
            "roster.toml:20:9: duty[0].cover[0].min",
            "at most 10000",
        ),
        (
            "name = \"Amina\"\n",
            "name = \"Amina\"\nmax_consecutive_days = 5000\n",
            "roster.toml:25:24: staff[0].max_consecutive_days",
            "at most 731",
        ),
        (
            "home = \"bm\"\n\n[[staff]]\nid = \"B\"",
            "home = \"bm\"\n  [[staff.preference]]\n  wish = \"avoid\"\n  weight = 2000000000\n\n[[staff]]\nid = \"B\"",
            "roster.toml:28:12: staff[0].preferences[0].weight",
            "at most 1000000",
        ),
        (
            "time_zone = \"Africa/Casablanca\"\n",
            "time_zone = \"Africa/Casablanca\"\n[rules]\nmin_rest_hours = { hours = 100000 }\n",
            "roster.toml:8:28: rules.min_rest_hours.hours",
            "at most 168",
        ),
        (
            "time_zone = \"Africa/Casablanca\"\n",
            "time_zone = \"Africa/Casablanca\"\n[settings]\nreminder_minutes = 99999999\n",
            "roster.toml:8:20: settings.reminder_minutes",
            "at most 40320",
        ),
    ];
    for (from, to, at, limit) in cases {
        let file = roster_file("numbers", &small_with(from, to));
        Run::new(&["check", &file])
            .status(2)
            .stderr_has(at)
            .stderr_has(limit);
    }
}

/// A number past what the file's integers can hold said "expected a whole number,
/// 0 or more", which it is: it now says the largest allowed.
#[test]
fn an_integer_above_the_supported_range_says_the_maximum() {
    let file = roster_file("huge-int", &small_with("min = 2", "min = 5000000000"));
    let run = Run::new(&["check", &file])
        .status(2)
        .stderr_has("roster.toml:20:9: `min` 5000000000 is out of range: at most 10000 people");
    assert!(!run.stderr().contains("0 or more"), "{}", run.stderr());
}

#[test]
fn too_many_staff_or_slots_are_refused_with_the_limit() {
    let mut many = small().to_string();
    for i in 0..10_000 {
        many.push_str(&format!(
            "\n[[staff]]\nid = \"S{i}\"\nname = \"S\"\nhome = \"bm\"\n"
        ));
    }
    let file = roster_file("many-staff", &many);
    Run::new(&["check", &file])
        .status(2)
        .stderr_has("staff")
        .stderr_has("10002 people")
        .stderr_has("at most 10000");
    let mut sites = small_with("last = 2022-08-05", "last = 2024-07-31").replacen(
        "weekdays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]",
        "weekdays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", \"sun\"]",
        1,
    );
    let mut covers = String::new();
    for i in 0..80 {
        sites.push_str(&format!("\n[[site]]\nid = \"s{i}\"\nname = \"S\"\n"));
        covers.push_str(&format!("  [[duty.cover]]\n  site = \"s{i}\"\n  min = 0\n"));
    }
    let sites = sites.replacen("\n[[staff]]", &format!("{covers}\n[[staff]]"), 1);
    let file = roster_file("many-slots", &sites);
    Run::new(&["check", &file])
        .status(2)
        .stderr_has("slots")
        .stderr_has("at most 50000");
    // 5,000 people who may all answer a phone line open every day for two years.
    let mut line = small_with("last = 2022-08-05", "last = 2024-07-31")
        .replacen(
            "\"thu\", \"fri\"]",
            "\"thu\", \"fri\", \"sat\", \"sun\"]",
            1,
        )
        .replacen(
            "name = \"Béni Mellal\"\n",
            "name = \"Line\"\nopen_to_all = true\n",
            1,
        );
    for i in 0..5_000 {
        line.push_str(&format!(
            "\n[[staff]]\nid = \"S{i}\"\nname = \"S\"\nhome = \"bm\"\n"
        ));
    }
    let file = roster_file("many-choices", &line);
    Run::new(&["check", &file])
        .status(2)
        .stderr_has("(person, slot) pairs")
        .stderr_has("at most 2000000");
}

// ---- threads ----

/// `--threads 100000` aborted the process after a minute; it is capped to the
/// machine's cores before solving, with a note.
#[test]
fn threads_above_the_machine_are_capped_with_a_note() {
    let file = roster_file("threads", small());
    let out = scratch("threads-out");
    let out_s = out.display().to_string();
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    Run::new(&[
        "solve",
        &file,
        "--out",
        &out_s,
        "--threads",
        "100000",
        "--no-search",
    ])
    .status(0)
    .stderr_has(&format!("--threads 100000 is more than the {cores} cores"));
    check_written(&file, &out);
    let quiet = Run::new(&[
        "solve",
        &file,
        "--out",
        &out_s,
        "--threads",
        "1",
        "--no-search",
    ])
    .status(0);
    assert!(!quiet.stderr().contains("--threads"), "{}", quiet.stderr());
}

// ---- smaller messages ----

#[test]
fn a_file_not_in_utf8_names_the_line_and_column_and_says_to_save_as_utf8() {
    let dir = scratch("latin1");
    let path = dir.join("roster.toml");
    let text = small().replace("name = \"Brahim\"", "name = \"Br\u{e9}him\"");
    let bytes: Vec<u8> = text.chars().map(|c| c as u32 as u8).collect();
    std::fs::write(&path, bytes).unwrap();
    Run::new(&["check", path.to_str().unwrap()])
        .status(2)
        .stderr_has("roster.toml:10:10")
        .stderr_has("0xE9")
        .stderr_has("save the file as UTF-8");
}

#[test]
fn a_ledger_or_baseline_not_in_utf8_names_the_line_and_says_to_save_as_utf8() {
    let dir = scratch("latin1-csv");
    let ledger = std::fs::read_to_string(root().join("rosters/aubm-ledger.csv")).unwrap();
    let mut lines: Vec<String> = ledger.lines().take(3).map(str::to_string).collect();
    lines[2] = lines[2].replacen(",BM-01,", ",BM-\u{e9}1,", 1);
    let bytes: Vec<u8> = (lines.join("\n") + "\n")
        .chars()
        .map(|c| c as u32 as u8)
        .collect();
    let path = dir.join("ledger.csv");
    std::fs::write(&path, &bytes).unwrap();
    Run::new(&["ledger", path.to_str().unwrap(), "--report"])
        .status(2)
        .stderr_has("ledger.csv:3: column 39: byte 0xE9")
        .stderr_has("save the file as UTF-8");
    let roster = roster_file("latin1-csv-roster", small());
    let baseline = dir.join("roster.csv");
    let header = "date,weekday,start,end,site,site_name,duty,duty_name,staff,staff_name\n";
    let row = "2022-08-01,lundi,16:30,18:30,bm,B\u{e9}ni,after-hours,After hours,A,Amina\n";
    let bytes: Vec<u8> = (header.to_string() + row)
        .chars()
        .map(|c| c as u32 as u8)
        .collect();
    std::fs::write(&baseline, bytes).unwrap();
    let out = dir.join("out").display().to_string();
    Run::new(&[
        "solve",
        &roster,
        "--out",
        &out,
        "--baseline",
        baseline.to_str().unwrap(),
    ])
    .status(2)
    .stderr_has("roster.csv:2: column 34: byte 0xE9")
    .stderr_has("save the file as UTF-8");
}

#[test]
fn a_duplicate_key_is_named_with_its_position() {
    let file = roster_file(
        "duplicate",
        &small_with("name = \"Small\"\n", "name = \"Small\"\nname = \"Again\"\n"),
    );
    Run::new(&["check", &file])
        .status(2)
        .stderr_has("roster.toml:4:1")
        .stderr_has("duplicate key `name`");
}

#[test]
fn a_pin_on_a_holiday_says_it_is_a_holiday() {
    let text = small_with(
        "\n[[site]]",
        "\n[[holiday]]\ndate = 2022-08-03\nname = \"Fête\"\n\n[[site]]",
    ) + "\n[[pin]]\ndate = 2022-08-03\nduty = \"after-hours\"\nsite = \"bm\"\nstaff = \"A\"\n";
    let file = roster_file("pin-holiday", &text);
    let run = Run::new(&["check", &file])
        .status(2)
        .stderr_has("2022-08-03 is a holiday (Fête)")
        .stderr_has("on_holidays = true");
    assert!(!run.stderr().contains("weekday, holiday or cover"));
    let text = small_with(
        "\n[[staff]]",
        "\n[[site]]\nid = \"fbs\"\nname = \"FBS\"\n\n[[staff]]",
    ) + "\n[[pin]]\ndate = 2022-08-02\nduty = \"after-hours\"\nsite = \"fbs\"\nstaff = \"A\"\n";
    let file = roster_file("pin-no-cover", &text);
    Run::new(&["check", &file])
        .status(2)
        .stderr_has("duty `after-hours` has no cover at site `fbs` (it runs at: bm)");
}

// ---- sanitised terminal output ----

const ESC_NAME: &str = "Amina \u{1b}[31mRED\u{7}\r";
const ESC_SHOWN: &str = "Amina \\u{1b}[31mRED\\u{7}\\r";

fn escaped_roster(name: &str) -> String {
    let text = small_with(
        "name = \"Amina\"",
        "name = \"Amina \\u001b[31mRED\\u0007\\r\"",
    );
    roster_file(name, &text)
}

#[test]
fn names_with_control_characters_are_escaped_in_solve_and_kept_in_files() {
    let file = escaped_roster("escape-solve");
    let out = scratch("escape-solve-out");
    let out_s = out.display().to_string();
    let key = "a key of at least sixteen bytes";
    Run::with_env(
        &[
            "solve",
            &file,
            "--out",
            &out_s,
            "--no-search",
            "--private-names",
        ],
        &[("DUTY_ROSTER_NAME_KEY", key)],
    )
    .status(0)
    .stdout_has(ESC_SHOWN)
    .no_raw_controls();
    check_written(&file, &out);
    let csv = std::fs::read_to_string(out.join("roster.csv")).unwrap();
    assert!(csv.contains(ESC_NAME), "the file keeps the exact name");
}

#[test]
fn names_with_control_characters_are_escaped_in_explain_check_and_errors() {
    let file = escaped_roster("escape-explain");
    Run::new(&["explain", &file, "--staff", "A", "--time-limit", "20"])
        .status(0)
        .stdout_has(ESC_SHOWN)
        .no_raw_controls();
    Run::new(&[
        "explain",
        &file,
        "--date",
        "2022-08-02",
        "--time-limit",
        "20",
    ])
    .status(0)
    .stdout_has("on duty")
    .no_raw_controls();
    // An infeasible roster names its sites in the report on stderr.
    let text = small_with(
        "name = \"Béni Mellal\"",
        "name = \"Béni \\u001b[31mMellal\"",
    )
    .replace("min = 2", "min = 3");
    let infeasible = roster_file("escape-infeasible", &text);
    let out = scratch("escape-infeasible-out").join("out");
    Run::new(&["solve", &infeasible, "--out", out.to_str().unwrap()])
        .status(3)
        .stderr_has("Béni \\u{1b}[31mMellal")
        .no_raw_controls();
    // An error message quoting text of the file.
    let bad = small_with("home = \"bm\"", "home = \"b\\u001b[2Jm\"");
    let bad = roster_file("escape-error", &bad);
    Run::new(&["check", &bad])
        .status(2)
        .stderr_has("unknown site `b\\u{1b}[2Jm`")
        .no_raw_controls();
}

/// A bad argument's value is echoed in its error: clap's (rendered without escape
/// sequences) and ours.
#[test]
fn an_argument_with_control_characters_is_escaped_in_its_error() {
    Run::new(&[
        "explain",
        "rosters/aubm-2022-08.toml",
        "--date",
        "2022\u{1b}[31m",
    ])
    .status(2)
    .stderr_has("invalid value '2022")
    .no_raw_controls();
    Run::new(&[
        "explain",
        "rosters/aubm-2022-08.toml",
        "--staff",
        "X\u{1b}]0;owned\u{7}",
    ])
    .status(2)
    .stderr_has("unknown staff `X\\u{1b}]0;owned\\u{7}`")
    .no_raw_controls();
}
