//! Stopping a solve early through its [`Watch`]: the best roster found so far comes
//! back, marked interrupted, and passes the independent validator.

use std::sync::Arc;
use std::thread;
use std::time::Duration;

use duty_roster::{SolveOptions, Status, Watch, read_roster_file, solve, validate};

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
