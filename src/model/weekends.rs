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
