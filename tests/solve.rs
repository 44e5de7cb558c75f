//! Solving options beyond the defaults: without the neighbourhood search, a roster
//! that takes more than a second to prove optimal is the same roster on every run.

use duty_roster::synthetic::{Size, generate};
use duty_roster::{Roster, SolveOptions, Status, solve, validate};

#[test]
fn without_the_search_a_roster_proven_optimal_is_the_same_on_every_run() {
    // 120 people at 10 sites for a month: a few seconds to prove, so by default the
    // search would join the solve and could land on another roster of the same cost.
    let size = Size {
        staff: 120,
        sites: 10,
        months: 1,
        seed: 7,
    };
    let roster = Roster::new(generate(size)).unwrap();
    let mut options = SolveOptions::default();
    options.neighbourhood_search = false;
    let first = solve(&roster, &options).unwrap();
    let second = solve(&roster, &options).unwrap();
    assert_eq!(first.status, Status::Optimal);
    assert_eq!(first.assignments, second.assignments);
    let report = validate(&roster, &first.assignments);
    assert!(report.violations.is_empty(), "{:?}", report.violations);
    assert_eq!(report.objective, first.objective);
}
