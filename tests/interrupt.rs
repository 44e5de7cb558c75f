//! Stopping a solve early through its [`Watch`], or with Ctrl-C / SIGTERM on the
//! command line: the best roster found so far comes back, marked interrupted, and
//! passes the independent validator; a second signal ends the run at once.

mod common;

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use duty_roster::{SolveOptions, Status, Watch, read_roster_file, solve, validate};

/// Instance 4 of the benchmark, never proven optimal within a minute.
fn hard_instance() -> PathBuf {
    common::root().join("benches/data/nsp/Instance4.txt")
}

/// `duty-roster solve` of the hard instance into `out`, for ten minutes at most.
fn start_solve(out: &std::path::Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_duty-roster"))
        .arg("solve")
        .arg(hard_instance())
        .arg("--out")
        .arg(out)
        .args(["--time-limit", "600"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn signal(child: &Child, name: &str) {
    let sent = Command::new("kill")
        .args([&format!("-{name}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
}

#[test]
fn a_first_signal_writes_the_best_roster_marked_interrupted() {
    for name in ["INT", "TERM"] {
        let out = common::scratch_in("interrupt-tests", name).join("out");
        let child = start_solve(&out);
        // Long enough for a first roster (found within a second on any machine
        // that builds HiGHS in minutes).
        thread::sleep(Duration::from_secs(3));
        signal(&child, name);
        let run = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(5), "{stderr}");
        assert!(stderr.contains("stopped by a signal: wrote the best roster found"));
        // Not a terminal: no progress line.
        assert!(!stderr.contains("solving"), "{stderr}");
        let stdout = String::from_utf8_lossy(&run.stdout);
        assert!(stdout.contains("status: interrupted"), "{stdout}");
        let summary = std::fs::read_to_string(out.join("summary.json")).unwrap();
        assert!(summary.contains("\"status\": \"interrupted\""), "{summary}");
        let roster = read_roster_file(&hard_instance()).unwrap();
        let assignments = common::read_assignments(&out.join("roster.csv"));
        let report = validate(&roster, &assignments);
        assert!(report.violations.is_empty(), "{:?}", report.violations);
        let objective = format!("objective {}", report.objective);
        assert!(stdout.contains(&objective), "{objective} in {stdout}");
    }
}

#[test]
fn a_second_signal_ends_the_run_at_once_and_writes_nothing() {
    let scratch = common::scratch_in("interrupt-tests", "twice");
    let out = scratch.join("out");
    let child = start_solve(&out);
    thread::sleep(Duration::from_millis(500));
    signal(&child, "INT");
    signal(&child, "INT");
    let run = child.wait_with_output().unwrap();
    assert_eq!(run.status.code(), Some(130));
    assert!(!out.exists());
    // No staging folder is left beside it either.
    let left: Vec<_> = std::fs::read_dir(&scratch).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_stopped_solve_returns_its_best_roster_marked_interrupted() {
    // Instance 4 of the benchmark is never proven optimal within a minute.
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/data/nsp/Instance4.txt");
    let roster = read_roster_file(&path).unwrap();
    let watch = Arc::new(Watch::new());
    let mut options = SolveOptions::default();
    options.time_limit = 600.0;
    options.watch = Some(Arc::clone(&watch));
    let stopper = thread::spawn({
        let watch = Arc::clone(&watch);
        move || {
            // Stop once a roster is known, as a person pressing Ctrl-C would.
            while watch.progress().best.is_none() {
                thread::sleep(Duration::from_millis(50));
            }
            let seen = watch.progress();
            watch.stop();
            seen
        }
    });
    let outcome = solve(&roster, &options).unwrap();
    let seen = stopper.join().unwrap();
    assert_eq!(outcome.status, Status::Interrupted);
    assert!(outcome.solve_seconds < 600.0);
    assert!(outcome.gap > 0.0);
    let report = validate(&roster, &outcome.assignments);
    assert!(report.violations.is_empty(), "{:?}", report.violations);
    assert_eq!(report.objective, outcome.objective);
    // The returned roster is at least as good as the one the watch reported.
    assert!(outcome.objective <= seen.best.unwrap() + 1e-6);
    assert!(outcome.best_bound <= outcome.objective);
}
