//! Rules between two duties of one person: at most one duty a day, a minimum rest
//! between duties, and successions of duty kinds forbidden on consecutive days.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::Model;
use crate::{Strength, Term};

/// At most one duty per person per day (hard, or soft per extra duty).
pub(super) fn add_one_duty_per_day(model: &mut Model) {
    let strength = model.roster().def().rules.one_duty_per_day;
    for staff in 0..model.roster().staff().len() {
        for day in 0..model.day_count() {
            let today = model.by_staff_day[staff][day].clone();
            if today.len() < 2 {
                continue;
            }
            let extra = model.slack(strength, Term::OneDutyPerDay);
            model.constrain((model.sum_of(&today) - extra).leq(1.0));
        }
    }
}

/// A (date, duty kind) pair and its times; the same at every site.
struct Group {
    day: usize,
    duty: usize,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

/// Pairs of groups closer than `rest_minutes` (or overlapping).
fn conflicting_groups(model: &Model, rest_minutes: i64) -> Vec<(usize, usize, usize, usize)> {
    let roster = model.roster();
    let mut groups: BTreeMap<(usize, usize), Group> = BTreeMap::new();
    for slot in roster.slots() {
        let day = (slot.date - roster.def().period.first).num_days() as usize;
        groups.entry((day, slot.duty)).or_insert(Group {
            day,
            duty: slot.duty,
            start: slot.start_utc,
            end: slot.end_utc,
        });
    }
    let mut sorted: Vec<Group> = groups.into_values().collect();
    sorted.sort_by_key(|g| (g.start, g.day, g.duty));
    let rest = chrono::Duration::minutes(rest_minutes);
    let mut pairs = Vec::new();
    for (i, a) in sorted.iter().enumerate() {
        for b in &sorted[i + 1..] {
            if b.start - a.start >= (a.end - a.start) + rest {
                break;
            }
            if b.start - a.end < rest {
                pairs.push((a.day, a.duty, b.day, b.duty));
            }
        }
    }
    pairs
}

/// Two duties of one person must be at least the minimum rest apart.
pub(super) fn add_min_rest(model: &mut Model) {
    let Some(rule) = model.roster().def().rules.min_rest_minutes else {
        return;
    };
    let pairs = conflicting_groups(model, i64::from(rule.value));
    for staff in 0..model.roster().staff().len() {
        for &(day_a, duty_a, day_b, duty_b) in &pairs {
            forbid_together(
                model,
                staff,
                (day_a, duty_a),
                (day_b, duty_b),
                rule.strength,
                Term::MinRest,
            );
        }
    }
}

/// Duty kind `then` may not follow duty kind `first` on the next day.
pub(super) fn add_forbidden_successions(model: &mut Model) {
    let successions = model.roster().def().rules.forbidden_successions.clone();
    for succession in successions {
        let first = model
            .roster()
            .duty_index(&succession.first)
            .expect("validated");
        let then = model
            .roster()
            .duty_index(&succession.then)
            .expect("validated");
        for staff in 0..model.roster().staff().len() {
            for day in 0..model.day_count().saturating_sub(1) {
                forbid_together(
                    model,
                    staff,
                    (day, first),
                    (day + 1, then),
                    succession.strength,
                    Term::ForbiddenSuccession,
                );
            }
        }
    }
}

/// `staff` may not work both (day, duty) groups: at most one duty among them, or a
/// penalty per extra duty.
fn forbid_together(
    model: &mut Model,
    staff: usize,
    a: (usize, usize),
    b: (usize, usize),
    strength: Strength,
    term: Term,
) {
    let in_a = model.of_duty(staff, a.0, a.1);
    if in_a.is_empty() {
        return;
    }
    let in_b = model.of_duty(staff, b.0, b.1);
    if in_b.is_empty() {
        return;
    }
    let both: Vec<usize> = in_a.into_iter().chain(in_b).collect();
    let extra = model.slack(strength, term);
    model.constrain((model.sum_of(&both) - extra).leq(1.0));
}
