//! Preferences: a penalty for each avoided duty given, and for each wanted date left
//! without a wanted duty.

use chrono::Datelike;
use good_lp::{Expression, variable};

use super::Model;
use crate::{Preference, Roster, Slot, Term};

fn matches(roster: &Roster, pref: &Preference, slot: &Slot) -> bool {
    pref.dates.is_none_or(|r| r.contains(slot.date))
        && (pref.weekdays.is_empty() || pref.weekdays.contains(&slot.date.weekday()))
        && pref
            .duty
            .as_ref()
            .is_none_or(|d| *d == roster.duties()[slot.duty].id)
        && pref
            .site
            .as_ref()
            .is_none_or(|s| *s == roster.sites()[slot.site].id)
}

pub(super) fn add(model: &mut Model) {
    let roster = model.roster();
    for (staff, person) in roster.staff().iter().enumerate() {
        for pref in &person.preferences {
            let weight = f64::from(pref.weight);
            match pref.wish {
                crate::Wish::Avoid => {
                    for day in 0..model.day_count() {
                        for &d in &model.by_staff_day[staff][day].clone() {
                            let decision = model.decisions[d];
                            if matches(roster, pref, &roster.slots()[decision.slot]) {
                                model.penalise(Term::Preferences, weight, decision.var);
                            }
                        }
                    }
                }
                crate::Wish::Want => add_want(model, staff, pref, weight),
            }
        }
    }
}

/// For each date with a matching slot: `weight * (1 - got)`, where `got` is at most 1
/// and at most the number of matching duties given that date.
fn add_want(model: &mut Model, staff: usize, pref: &Preference, weight: f64) {
    let roster = model.roster();
    let first = roster.def().period.first;
    let mut wanted_days: Vec<usize> = roster
        .slots()
        .iter()
        .filter(|s| matches(roster, pref, s))
        .map(|s| (s.date - first).num_days() as usize)
        .collect();
    wanted_days.dedup();
    for day in wanted_days {
        let matching: Vec<usize> = model.by_staff_day[staff][day]
            .iter()
            .copied()
            .filter(|&d| matches(roster, pref, &roster.slots()[model.decisions[d].slot]))
            .collect();
        model.penalise(Term::Preferences, weight, Expression::from(1.0));
        if matching.is_empty() {
            continue;
        }
        let got = model.vars.add(variable().min(0).max(1));
        model.constrain(Expression::from(got).leq(model.sum_of(&matching)));
        model.penalise(Term::Preferences, -weight, got);
    }
}
