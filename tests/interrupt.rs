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

/// Signal 2, SIGINT, and 15, SIGTERM, as bits of Linux's signal masks.
const SIGINT_BIT: u64 = 1 << 1;
const SIGTERM_BIT: u64 = 1 << 14;

/// The signal mask `field` (`SigCgt`, `ShdPnd`) of `child` in Linux's
/// `/proc/PID/status`; `None` where there is no such file (another system, or
/// the process has ended).
fn signal_mask(child: &Child, field: &str) -> Option<u64> {
    let text = std::fs::read_to_string(format!("/proc/{}/status", child.id())).ok()?;
    let mask = text
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))?;
    u64::from_str_radix(mask.trim(), 16).ok()
}

/// Waits, polling every 10 ms for at most a minute, until `done` holds of
/// `child`'s mask `field`; waits three seconds where masks cannot be read.
fn wait_for_mask(child: &Child, field: &str, done: impl Fn(u64) -> bool) {
    if signal_mask(child, field).is_none() {
        thread::sleep(Duration::from_secs(3));
        return;
    }
    for _ in 0..6000 {
        if signal_mask(child, field).is_none_or(&done) {
            return;
        }
        thread::sleep(Duration::from_millis(10));
    }
    panic!("{field} of the solve never changed as awaited");
}

/// Waits until `child` catches SIGINT and SIGTERM (its handlers are set once the
/// roster is read), so that a signal sent next meets them rather than the default
/// action, however loaded the machine.
fn wait_for_signal_handlers(child: &Child) {
    let both = SIGINT_BIT | SIGTERM_BIT;
    wait_for_mask(child, "SigCgt", |caught| caught & both == both);
}

/// Waits until a SIGINT sent to `child` is no longer pending: a second one sent
/// before would merge with it into one.
fn wait_until_sigint_delivered(child: &Child) {
    wait_for_mask(child, "ShdPnd", |pending| pending & SIGINT_BIT == 0);
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
        wait_for_signal_handlers(&child);
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
    wait_for_signal_handlers(&child);
    signal(&child, "INT");
    wait_until_sigint_delivered(&child);
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
