//! Helpers shared by the integration tests: the crate's folder, fresh scratch folders
//! and reading `roster.csv` back.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use duty_roster::{Assignment, Report, Roster};

pub mod run;

/// The crate's own folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh empty folder `target/<group>/<name>`.
pub fn scratch_in(group: &str, name: &str) -> PathBuf {
    let dir = root().join("target").join(group).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A CSV file as rows of text, its header row included, in either style (plain, or
/// Excel's byte order mark and `;`).
pub fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let delimiter = if text.lines().next().unwrap().contains(';') {
        b';'
    } else {
        b','
    };
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

/// Reads `roster.csv` back as assignments, in either CSV style (plain, or Excel's
/// byte order mark and `;`).
pub fn read_assignments(path: &Path) -> Vec<Assignment> {
    csv_rows(path)
        .iter()
        .skip(1)
        .map(|r| Assignment::new(r[0].parse().unwrap(), &r[6], &r[4], &r[8]))
        .collect()
}

/// Checks a folder `solve` wrote for `roster` with the independent validator: its
/// `roster.csv` breaks no rule, and the objective of its `summary.json` is the one
/// the validator recomputes from the assignments. Returns the validator's report.
pub fn check_solved_folder(roster: &Roster, out: &Path) -> Report {
    let assignments = read_assignments(&out.join("roster.csv"));
    let report = duty_roster::validate(roster, &assignments);
    assert!(report.violations.is_empty(), "{:?}", report.violations);
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    let objective = summary["objective"].as_f64().unwrap();
    assert!(
        (objective - report.objective).abs() < 1e-5,
        "summary objective {objective} != validator {}",
        report.objective
    );
    report
}

/// A valid five-day roster of two people at one site, for tests that break it.
pub const SMALL: &str = r#"
[roster]
id = "small"
name = "Small"
first = 2022-08-01
last = 2022-08-05
time_zone = "Africa/Casablanca"

[[site]]
id = "bm"
name = "Béni Mellal"

[[duty]]
id = "after-hours"
name = "After hours"
weekdays = ["mon", "tue", "wed", "thu", "fri"]
start = "16:30"
end = "18:30"
  [[duty.cover]]
  site = "bm"
  min = 2

[[staff]]
id = "A"
name = "Amina"
home = "bm"

[[staff]]
id = "B"
name = "Brahim"
home = "bm"
"#;
