//! Most weekends worked: a weekend counts when a person works its Saturday or Sunday.

use std::collections::BTreeMap;

use chrono::{Datelike, Weekday};
use good_lp::{Expression, variable};

use super::Model;
use crate::{Strength, Term};

pub(super) fn add(model: &mut Model) {
    let rule = model.roster().def().rules.max_weekends;
    let first = model.roster().def().period.first;
    let mut weekends: BTreeMap<chrono::IsoWeek, Vec<usize>> = BTreeMap::new();
    for day in 0..model.day_count() {
        let date = first + chrono::Duration::days(day as i64);
        if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            weekends.entry(date.iso_week()).or_default().push(day);
        }
    }
    for staff in 0..model.roster().staff().len() {
        let own = model.roster().staff()[staff].limits.max_weekends;
        let Some(max) = own.or(rule.map(|r| r.value)) else {
            continue;
        };
        let strength = rule.map_or(Strength::Hard, |r| r.strength);
        let mut count = Expression::from(0.0);
        let mut possible = 0;
        for days in weekends.values() {
            let workable: Vec<usize> = days
                .iter()
                .copied()
                .filter(|&d| !model.by_staff_day[staff][d].is_empty())
                .collect();
            if workable.is_empty() {
                continue;
            }
            possible += 1;
            let on_weekend = model.vars.add(variable().min(0).max(1));
            for day in workable {
                let worked = model.worked(staff, day);
                model.constrain(Expression::from(on_weekend).geq(worked));
            }
            count += on_weekend;
        }
        if possible <= max {
            continue;
        }
        let excess = model.slack(strength, Term::MaxWeekends);
        model.constrain((count - excess).leq(f64::from(max)));
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveTime, Weekday};

    use crate::sample::{count, solve_checked, tiny_roster_def};
    use crate::{Bound, DateRange, DutyKind, Fairness, RosterDef, SiteCover, Strength, Term};

    /// Two weeks of the tiny roster with only a Saturday morning duty, one person a
    /// Saturday, staff `ids`, and no fairness, so that only the weekend rule shapes it.
    fn two_saturdays(ids: &[&str]) -> RosterDef {
        let mut def = tiny_roster_def();
        def.rules.fairness = Fairness::off();
        let date = |d| NaiveDate::from_ymd_opt(2022, 8, d).unwrap();
        def.period = DateRange::new(date(1), date(14));
        let time = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
        let mut sat = DutyKind::new(
            "sat",
            "Saturday morning",
            &[Weekday::Sat],
            time(9),
            time(13),
        );
        sat.cover.push(SiteCover::exactly("hq", 1));
        def.duties = vec![sat];
        def.staff.retain(|s| ids.contains(&s.id.as_str()));
        def
    }

    #[test]
    fn max_weekends_holds_when_hard() {
        let mut def = two_saturdays(&["A", "B"]);
        def.rules.max_weekends = Some(Bound::new(1, Strength::Hard));
        let (_, outcome) = solve_checked(def);
        assert_eq!(count(&outcome, "A"), 1);
        assert_eq!(count(&outcome, "B"), 1);
    }

    #[test]
    fn max_weekends_soft_is_penalised_per_extra_weekend() {
        let mut def = two_saturdays(&["A"]);
        def.rules.max_weekends = Some(Bound::new(1, Strength::Soft(8)));
        let (_, outcome) = solve_checked(def);
        assert_eq!(outcome.terms.get(&Term::MaxWeekends), Some(&8.0));
    }

    #[test]
    fn a_persons_own_max_weekends_overrides_the_rosters() {
        let mut def = two_saturdays(&["A", "B"]);
        def.rules.max_weekends = Some(Bound::new(2, Strength::Hard));
        def.staff[1].limits.max_weekends = Some(0);
        let (_, outcome) = solve_checked(def);
        assert_eq!((count(&outcome, "A"), count(&outcome, "B")), (2, 0));
    }
}
