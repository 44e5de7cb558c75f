//! A tiny roster built in code, for examples and tests: one site, one evening duty on
//! weekdays, three people, one week.

use chrono::{NaiveDate, NaiveTime, Weekday};

use crate::{
    DateRange, DutyKind, Outcome, Roster, RosterDef, Rules, Settings, Site, SiteCover, Staff,
    solve, validate,
};

/// The definition of the tiny roster: site `hq`, duty `evening` (Monday to Friday,
/// 16:30 to 18:30, one person), staff `A`, `B`, `C`, week of 2022-08-01.
///
/// # Example
/// ```
/// let def = duty_roster::sample::tiny_roster_def();
/// assert_eq!(def.staff.len(), 3);
/// ```
pub fn tiny_roster_def() -> RosterDef {
    let time = |h, m| NaiveTime::from_hms_opt(h, m, 0).expect("valid time");
    let date = |d| NaiveDate::from_ymd_opt(2022, 8, d).expect("valid date");
    RosterDef {
        id: "tiny".into(),
        name: "Tiny roster".into(),
        period: DateRange::new(date(1), date(7)),
        time_zone: "Africa/Casablanca".into(),
        revision: None,
        holidays: vec![],
        sites: vec![Site {
            id: "hq".into(),
            name: "Head office".into(),
            address: Some("1 Main street".into()),
            phone: None,
            open_to_all: false,
        }],
        duties: vec![DutyKind {
            id: "evening".into(),
            name: "Evening desk".into(),
            weekdays: vec![
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
            ],
            start: time(16, 30),
            end: time(18, 30),
            overnight: false,
            on_holidays: false,
            times: vec![],
            cover: vec![SiteCover::exactly("hq", 1)],
            fairness_weight: 1,
        }],
        events: vec![],
        cover_overrides: vec![],
        staff: vec![
            Staff::new("A", "Amina", "hq"),
            Staff::new("B", "Brahim", "hq"),
            Staff::new("C", "Chama", "hq"),
        ],
        rules: Rules::default(),
        pins: vec![],
        settings: Settings::default(),
        replan: None,
    }
}

/// The tiny roster, validated.
///
/// # Example
/// ```
/// assert_eq!(duty_roster::sample::tiny_roster().slots().len(), 5);
/// ```
pub fn tiny_roster() -> Roster {
    Roster::new(tiny_roster_def()).expect("the tiny roster is valid")
}

/// Solves `def` with the default options and checks the roster with the independent
/// validator: no rule broken, and the objective the solver reports equal to the one
/// recomputed from the assignment. For tests of a rule family, which put a tiny
/// roster where only that rule binds through it.
///
/// # Panics
/// When `def` is invalid or infeasible, a rule is broken, or the objectives differ.
///
/// # Example
/// ```
/// let (roster, outcome) = duty_roster::sample::solve_checked(duty_roster::sample::tiny_roster_def());
/// assert_eq!(outcome.assignments.len(), roster.slots().len());
/// ```
pub fn solve_checked(def: RosterDef) -> (Roster, Outcome) {
    let roster = Roster::new(def).expect("valid roster");
    let outcome = solve(&roster, &Default::default()).expect("feasible roster");
    let report = validate(&roster, &outcome.assignments);
    assert!(
        report.violations.is_empty(),
        "broken rules: {:?}",
        report.violations
    );
    assert!(
        (outcome.objective - outcome.solver_objective).abs()
            < 1e-5 * outcome.objective.abs().max(1.0),
        "validator objective {} != solver objective {}",
        outcome.objective,
        outcome.solver_objective
    );
    (roster, outcome)
}

/// How many duties `staff` has in `outcome`.
///
/// # Example
/// ```
/// let (_, outcome) = duty_roster::sample::solve_checked(duty_roster::sample::tiny_roster_def());
/// let all: usize = ["A", "B", "C"].iter().map(|s| duty_roster::sample::count(&outcome, s)).sum();
/// assert_eq!(all, 5);
/// ```
pub fn count(outcome: &Outcome, staff: &str) -> usize {
    outcome
        .assignments
        .iter()
        .filter(|a| a.staff == staff)
        .count()
}
