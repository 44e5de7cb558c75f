//! The shift-scheduling benchmark of Curtois & Qu, read with `input::nsp`: the first
//! three instances solved to their proven optimum and checked twice (by the
//! validator, and by a second reading of the file's objective written here), the
//! reader's errors on broken files, and the command line on an instance.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use duty_roster::input::nsp;
use duty_roster::{
    Assignment, ReadError, SolveOptions, Status, Watch, read_roster_file, solve, validate,
};

const BENCHMARKS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/data/nsp/");

fn instance(n: u32) -> PathBuf {
    Path::new(BENCHMARKS).join(format!("Instance{n}.txt"))
}

/// The benchmark objective of `assignments`, computed from the file's text alone: on-
/// and off-request weights plus weighted under- and over-cover (FORMAT.md, section 3).
fn benchmark_objective(text: &str, assignments: &[Assignment]) -> u64 {
    let day0 = nsp::day_zero();
    let mut shift_of: HashMap<(String, i64), String> = HashMap::new();
    let mut count: HashMap<(i64, String), u64> = HashMap::new();
    for a in assignments {
        let day = (a.date - day0).num_days();
        assert!(
            shift_of
                .insert((a.staff.clone(), day), a.duty.clone())
                .is_none(),
            "two shifts for {} on day {day}",
            a.staff
        );
        *count.entry((day, a.duty.clone())).or_default() += 1;
    }
    let mut section = "";
    let mut total = 0;
    for line in text.lines().map(str::trim) {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        if line.starts_with("SECTION_") {
            section = line;
            continue;
        }
        let f: Vec<&str> = line.split(',').collect();
        let num = |i: usize| f[i].trim().parse::<i64>().unwrap();
        match section {
            "SECTION_SHIFT_ON_REQUESTS" | "SECTION_SHIFT_OFF_REQUESTS" => {
                let worked = shift_of.get(&(f[0].to_string(), num(1)));
                let granted = worked.is_some_and(|s| s == f[2]);
                if granted != (section == "SECTION_SHIFT_ON_REQUESTS") {
                    total += num(3) as u64;
                }
            }
            "SECTION_COVER" => {
                let n = count.get(&(num(0), f[1].to_string())).copied().unwrap_or(0) as i64;
                let r = num(2);
                total += (num(3) * (r - n).max(0) + num(4) * (n - r).max(0)) as u64;
            }
            _ => {}
        }
    }
    total
}

/// Solves instance `n`, which must reach `best` with optimality proven; the
/// validator finds no broken rule and recomputes the same objective.
fn solves_to_optimum(n: u32, best: f64) {
    let path = instance(n);
    let roster = read_roster_file(&path).unwrap();
    let mut options = SolveOptions::default();
    options.time_limit = 120.0;
    let outcome = solve(&roster, &options).unwrap();
    assert_eq!(outcome.status, Status::Optimal, "Instance{n}");
    assert_eq!(outcome.objective, best, "Instance{n}");
    let report = validate(&roster, &outcome.assignments);
    assert!(report.violations.is_empty(), "{:?}", report.violations);
    assert_eq!(report.objective, best);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        benchmark_objective(&text, &outcome.assignments) as f64,
        best
    );
}

#[test]
fn instance1_solves_to_its_optimum_607() {
    solves_to_optimum(1, 607.0);
}

/// Instance1 is proven by the whole solve's bound meeting the roster found within
/// the relaxation's support on another thread; that roster wins ties and is always
/// waited for, so the same roster comes back on every run whatever the timing.
#[test]
fn instance1_gives_the_same_roster_on_every_run() {
    let roster = read_roster_file(&instance(1)).unwrap();
    let runs: Vec<_> = (0..3)
        .map(|_| solve(&roster, &SolveOptions::default()).unwrap())
        .collect();
    for outcome in &runs {
        assert_eq!(outcome.status, Status::Optimal);
        assert!(
            validate(&roster, &outcome.assignments)
                .violations
                .is_empty()
        );
        assert_eq!(outcome.assignments, runs[0].assignments);
    }
}

#[test]
fn instance2_solves_to_its_optimum_828() {
    solves_to_optimum(2, 828.0);
}

#[test]
fn instance3_solves_to_its_optimum_1001() {
    solves_to_optimum(3, 1001.0);
}

/// Instance6 is not solved within four seconds, so the neighbourhood search runs
/// beside the whole program's solve and the two trade rosters: whatever roster wins,
/// it breaks no rule, its objective is the one recomputed from it (by the validator
/// and by the file's own terms), and it is called optimal only if it meets the bound.
#[test]
fn a_time_limited_search_returns_a_valid_roster_with_its_recomputed_objective() {
    let path = instance(6);
    let roster = read_roster_file(&path).unwrap();
    let mut options = SolveOptions::default();
    options.time_limit = 4.0;
    let outcome = solve(&roster, &options).unwrap();
    let report = validate(&roster, &outcome.assignments);
    assert!(report.violations.is_empty(), "{:?}", report.violations);
    assert_eq!(outcome.objective, report.objective);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        benchmark_objective(&text, &outcome.assignments) as f64,
        outcome.objective
    );
    assert!(outcome.best_bound <= outcome.objective + 1e-6);
    if outcome.status == Status::Optimal {
        assert!(outcome.objective - outcome.best_bound < 1e-6);
    } else {
        assert!(outcome.gap > 0.0);
    }
}

#[test]
fn reader_maps_every_field_of_instance2() {
    let roster = read_roster_file(&instance(2)).unwrap();
    let def = roster.def();
    assert_eq!(def.id, "Instance2");
    assert_eq!(def.period.first.to_string(), "2014-01-06");
    assert_eq!(def.period.len(), 14);
    assert_eq!(def.time_zone, "UTC");
    assert_eq!(def.staff.len(), 14);
    let ids: Vec<&str> = roster.duties().iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["E", "L"]);
    // lengths come from the file, whatever the start time
    for slot in roster.slots() {
        assert_eq!(slot.minutes, 480);
    }
    assert_eq!(roster.slots().len(), 28);
    // every slot is soft: 100 per missing person, 1 per extra one
    assert!(
        roster
            .slots()
            .iter()
            .all(|s| s.min == s.max.unwrap() && s.under_weight == Some(100))
    );
    assert!(roster.slots().iter().all(|s| s.over_weight == Some(1)));
    // E cannot follow L
    let rules = &def.rules;
    assert_eq!(rules.forbidden_successions.len(), 1);
    assert_eq!(
        (
            rules.forbidden_successions[0].first.as_str(),
            rules.forbidden_successions[0].then.as_str()
        ),
        ("L", "E")
    );
    assert!(!rules.fairness.is_on());
    let a = &def.staff[0];
    assert_eq!(a.id, "A");
    assert_eq!(a.limits.max_minutes, Some(4320));
    assert_eq!(a.limits.min_minutes, Some(3360));
    assert!(a.unavailable.iter().all(|u| u.dates.len() == 1));
}

#[test]
fn read_roster_file_detects_the_format_by_content_and_by_extension() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/nsp-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let text = std::fs::read_to_string(instance(1)).unwrap();
    // by content, whatever the name
    let renamed = dir.join("instance1.roster");
    std::fs::write(&renamed, &text).unwrap();
    assert_eq!(read_roster_file(&renamed).unwrap().staff().len(), 8);
    // LF line endings (one public copy has them) read the same
    let lf = dir.join("instance1-lf.txt");
    std::fs::write(&lf, text.replace("\r\n", "\n")).unwrap();
    assert_eq!(read_roster_file(&lf).unwrap().slots().len(), 14);
    // a .txt that is neither says which format it was read as
    let other = dir.join("notes.txt");
    std::fs::write(&other, "hello\n").unwrap();
    let err = read_roster_file(&other).unwrap_err().to_string();
    assert!(err.contains("notes.txt:"), "{err}");
    assert!(
        err.ends_with(
            "(read as a TOML roster file; a benchmark file starts with `SECTION_HORIZON`)"
        ),
        "{err}"
    );
    // a TOML roster saved as .txt is read as TOML
    let august = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rosters/aubm-2022-08.toml");
    let saved = dir.join("august.txt");
    std::fs::copy(&august, &saved).unwrap();
    assert_eq!(read_roster_file(&saved).unwrap().def().id, "aubm-2022-08");
}

// ---- the reader's errors ----

/// A small valid instance, 7 days, with CRLF line endings as the distributed files.
const MINI: &str = "# a comment\r
SECTION_HORIZON\r
7\r
\r
SECTION_SHIFTS\r
# ShiftID, Length in mins, Shifts which cannot follow this shift | separated\r
D,480,\r
N,480,D\r
\r
SECTION_STAFF\r
# ID, MaxShifts, MaxTotalMinutes, MinTotalMinutes, MaxConsecutiveShifts, MinConsecutiveShifts, MinConsecutiveDaysOff, MaxWeekends\r
A,D=7|N=2,2880,960,5,2,2,1\r
B,D=7|N=0,2880,960,5,2,2,1\r
\r
SECTION_DAYS_OFF\r
# EmployeeID, DayIndexes (start at zero)\r
A,3\r
B,0,1\r
\r
SECTION_SHIFT_ON_REQUESTS\r
# EmployeeID, Day, ShiftID, Weight\r
A,0,D,2\r
\r
SECTION_SHIFT_OFF_REQUESTS\r
# EmployeeID, Day, ShiftID, Weight\r
B,5,D,3\r
\r
SECTION_COVER\r
# Day, ShiftID, Requirement, Weight for under, Weight for over\r
0,D,1,100,1\r
0,N,-0,100,1\r
1,D,2,100,1\r
";

fn parse(text: &str) -> Result<duty_roster::Roster, ReadError> {
    nsp::parse(text, Path::new("mini.txt"))
}

fn error(text: &str) -> String {
    parse(text).unwrap_err().to_string()
}

#[test]
fn reader_reads_the_mini_instance() {
    let roster = parse(MINI).unwrap();
    assert_eq!(roster.staff().len(), 2);
    let b = &roster.staff()[1];
    assert_eq!(b.limits.max_per_duty["N"], 0);
    assert_eq!(b.unavailable.len(), 2);
    let n = &roster.duties()[1];
    assert!(n.overnight, "a night shift from 22:00 ends the next day");
    // the `-0` requirement is read as 0
    let first = nsp::day_zero();
    let zero = roster
        .def()
        .cover_overrides
        .iter()
        .find(|o| o.date == first && o.duty == "N")
        .unwrap();
    assert_eq!((zero.min, zero.max), (0, Some(0)));
    // a soft maximum of 0 keeps the slot: someone on it costs the weight for over
    assert!(
        roster
            .slots()
            .iter()
            .any(|s| s.date == first && roster.duties()[s.duty].id == "N")
    );
    let outcome = solve(&roster, &SolveOptions::default()).unwrap();
    let report = validate(&roster, &outcome.assignments);
    assert!(report.violations.is_empty(), "{:?}", report.violations);
    assert_eq!(
        report.objective,
        benchmark_objective(MINI, &outcome.assignments) as f64
    );
}

#[test]
fn reader_error_missing_section_names_it_and_the_line() {
    let text = MINI.replace(
        "SECTION_SHIFT_ON_REQUESTS\r\n# EmployeeID, Day, ShiftID, Weight\r\nA,0,D,2\r\n\r\n",
        "",
    );
    assert_eq!(
        error(&text),
        "mini.txt:20:1: missing section `SECTION_SHIFT_ON_REQUESTS` before `SECTION_SHIFT_OFF_REQUESTS` \
         (sections come in this order: SECTION_HORIZON, SECTION_SHIFTS, SECTION_STAFF, SECTION_DAYS_OFF, \
         SECTION_SHIFT_ON_REQUESTS, SECTION_SHIFT_OFF_REQUESTS, SECTION_COVER)"
    );
    let cut = &MINI[..MINI.find("SECTION_COVER").unwrap()];
    assert!(
        error(cut)
            .starts_with("mini.txt:28:1: missing section `SECTION_COVER` at the end of the file"),
        "{}",
        error(cut)
    );
}

#[test]
fn reader_error_unknown_shift_id_names_the_line_and_column() {
    assert_eq!(
        error(&MINI.replace("A,0,D,2", "A,0,X,2")),
        "mini.txt:22:5: unknown shift `X` (known: D, N)"
    );
    assert_eq!(
        error(&MINI.replace("N,480,D", "N,480,D|Q")),
        "mini.txt:8:9: unknown shift `Q` (known: D, N)"
    );
    assert_eq!(
        error(&MINI.replace("A,D=7|N=2", "A,D=7|E=2")),
        "mini.txt:12:7: unknown shift `E` (known: D, N)"
    );
}

#[test]
fn reader_error_unknown_staff_id_names_the_line() {
    assert_eq!(
        error(&MINI.replace("B,5,D,3", "C,5,D,3")),
        "mini.txt:26:1: unknown staff `C` (known: A, B)"
    );
}

#[test]
fn reader_error_bad_number_names_the_field() {
    assert_eq!(
        error(&MINI.replace("1,D,2,100,1", "1,D,two,100,1")),
        "mini.txt:32:5: bad number `two` for the requirement (a whole number, 0 or more)"
    );
    assert_eq!(
        error(&MINI.replace("A,D=7|N=2,2880", "A,D=7|N=2,-5")),
        "mini.txt:12:11: bad number `-5` for MaxTotalMinutes (a whole number, 0 or more)"
    );
    assert_eq!(
        error(&MINI.replace("\r\n7\r\n", "\r\n7.5\r\n")),
        "mini.txt:3:1: bad number `7.5` for the horizon (a whole number, 0 or more)"
    );
}

#[test]
fn reader_error_wrong_field_count_and_day_outside_the_horizon() {
    assert_eq!(
        error(&MINI.replace("B,D=7|N=0,2880,960,5,2,2,1", "B,D=7|N=0,2880,960,5,2,2")),
        "mini.txt:13:1: 7 fields where 8 are expected: ID, MaxShifts, MaxTotalMinutes, \
         MinTotalMinutes, MaxConsecutiveShifts, MinConsecutiveShifts, MinConsecutiveDaysOff, MaxWeekends"
    );
    assert_eq!(
        error(&MINI.replace("B,0,1\r", "B,0,7\r")),
        "mini.txt:18:5: day 7 is outside the horizon (days 0 to 6)"
    );
}

#[test]
fn reader_error_impossible_limits_point_at_the_staff_line() {
    // MinTotalMinutes above MaxTotalMinutes: well-formed, but impossible
    assert_eq!(
        error(&MINI.replace("B,D=7|N=0,2880,960", "B,D=7|N=0,900,960")),
        "mini.txt:13:1: staff[1].min_minutes: min_minutes 960 is above max_minutes 900"
    );
}

#[test]
fn cli_solves_an_instance_and_writes_the_benchmark_objective() {
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/nsp-tests/cli-instance1");
    let _ = std::fs::remove_dir_all(&out);
    let run = Command::new(env!("CARGO_BIN_EXE_duty-roster"))
        .args(["solve", "--out"])
        .arg(&out)
        .arg(instance(1))
        .output()
        .unwrap();
    assert!(run.status.success());
    // The benchmark has no fairness rule: the summary shows workloads, no targets.
    let printed = String::from_utf8_lossy(&run.stdout);
    assert!(printed.contains("workload (duties and hours)"), "{printed}");
    assert!(!printed.contains("fairness"), "{printed}");
    assert!(printed.contains("\n  A      9  72\n"), "{printed}");
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["objective"], 607.0);
    assert_eq!(summary["status"], "optimal");
    let csv = std::fs::read_to_string(out.join("roster.csv")).unwrap();
    assert!(
        csv.lines()
            .nth(1)
            .unwrap()
            .starts_with("2014-01-06,Monday,")
    );
}

/// Instance17 (56 days, 32 people, 4 shift types): the whole program's solve finds
/// no roster in a short time on its own; the roster built person by person beside
/// it (soft cover: every person's roster alone keeps the hard rules) is there first.
/// The solve is stopped as soon as any roster shows (no time limit to tune to the
/// machine): it is returned, breaks no rule, and its objective is the one recomputed
/// from it.
#[test]
fn a_large_instance_stopped_at_its_first_roster_returns_a_valid_roster() {
    let path = instance(17);
    let roster = read_roster_file(&path).unwrap();
    let watch = Arc::new(Watch::new());
    let mut options = SolveOptions::default();
    options.time_limit = 3600.0;
    options.watch = Some(Arc::clone(&watch));
    let stopper = std::thread::spawn({
        let watch = Arc::clone(&watch);
        move || {
            while watch.progress().best.is_none() {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            watch.stop();
        }
    });
    let outcome = solve(&roster, &options).expect("a roster once one shows");
    stopper.join().unwrap();
    assert_eq!(outcome.status, Status::Interrupted);
    let report = validate(&roster, &outcome.assignments);
    assert!(report.violations.is_empty(), "{:?}", report.violations);
    assert!(!outcome.assignments.is_empty());
    assert_eq!(outcome.objective, report.objective);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        benchmark_objective(&text, &outcome.assignments) as f64,
        outcome.objective
    );
}
