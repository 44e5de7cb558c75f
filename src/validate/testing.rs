//! What the validator's unit tests share: the tiny roster without fairness, a
//! rota that breaks nothing, and shorthands for assignments and reports.

pub(super) use chrono::{NaiveDate, NaiveTime, Weekday};

pub(super) use super::{Report, validate};
pub(super) use crate::sample::tiny_roster_def;
pub(super) use crate::{
    Absence, Assignment, Bound, DateRange, Fairness, Pin, Preference, Roster, RosterDef, Rule,
    SiteCover, SkillNeed, Strength, Succession, Term, Wish,
};

pub(super) fn date(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 8, d).unwrap()
}

pub(super) fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

/// The tiny roster (evening desk at `hq`, Monday 1 to Friday 5 August 2022, one
/// person; staff A, B, C; period to Sunday 7) with fairness off, so that only the
/// rule under test costs anything.
pub(super) fn def() -> RosterDef {
    let mut def = tiny_roster_def();
    def.rules.fairness = Fairness::off();
    def
}

pub(super) fn on(d: u32, duty: &str, who: &str) -> Assignment {
    Assignment::new(date(d), duty, "hq", who)
}

/// Evening duties by (day of August, staff id).
pub(super) fn evenings(list: &[(u32, &str)]) -> Vec<Assignment> {
    list.iter().map(|&(d, who)| on(d, "evening", who)).collect()
}

/// One person each evening, nobody two days running: A, B, C, A, B.
pub(super) fn rota() -> Vec<Assignment> {
    evenings(&[(1, "A"), (2, "B"), (3, "C"), (4, "A"), (5, "B")])
}

pub(super) fn with(mut list: Vec<Assignment>, more: &[Assignment]) -> Vec<Assignment> {
    list.extend_from_slice(more);
    list
}

pub(super) fn check(def: RosterDef, assignments: &[Assignment]) -> Report {
    validate(&Roster::new(def).unwrap(), assignments)
}

pub(super) fn rules(report: &Report) -> Vec<Rule> {
    report.violations.iter().map(|v| v.rule).collect()
}

pub(super) fn messages(report: &Report) -> Vec<&str> {
    report
        .violations
        .iter()
        .map(|v| v.message.as_str())
        .collect()
}

/// Asserts that there is no violation and that every term but `term` is 0;
/// returns `term`.
pub(super) fn only(report: &Report, term: Term) -> f64 {
    assert!(report.violations.is_empty(), "{:?}", report.violations);
    for (&t, &v) in &report.terms {
        if t != term {
            assert_eq!(v, 0.0, "{t:?}");
        }
    }
    report.terms[&term]
}

pub(super) fn clean(report: &Report) {
    assert!(report.violations.is_empty(), "{:?}", report.violations);
    assert_eq!(report.objective, 0.0, "{:?}", report.terms);
}

pub(super) fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

/// A second weekday duty at `hq`, `late`, from 18:30 to 20:30 (right after the
/// evening desk), nobody needed, at most one person.
pub(super) fn with_late(def: &mut RosterDef) {
    let mut late = def.duties[0].clone();
    late.id = "late".into();
    late.start = time(18, 30);
    late.end = time(20, 30);
    late.cover = vec![SiteCover {
        min: 0,
        ..SiteCover::exactly("hq", 1)
    }];
    def.duties.push(late);
}

/// Two weeks (1 to 14 August), evenings optional, and a `weekend` duty on
/// Saturdays and Sundays from 09:00 to 13:00, optional.
pub(super) fn with_weekend(def: &mut RosterDef) {
    def.period = DateRange::new(date(1), date(14));
    def.duties[0].cover = vec![SiteCover {
        min: 0,
        ..SiteCover::exactly("hq", 1)
    }];
    let mut weekend = def.duties[0].clone();
    weekend.id = "weekend".into();
    weekend.weekdays = vec![Weekday::Sat, Weekday::Sun];
    weekend.start = time(9, 0);
    weekend.end = time(13, 0);
    def.duties.push(weekend);
}

pub(super) fn bound(value: u32, strength: Strength) -> Option<Bound> {
    Some(Bound { value, strength })
}
