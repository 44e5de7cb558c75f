//! Rest: two duties of one person at least the minimum rest apart (overlapping
//! duties never together), hard or at a cost per extra duty.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::Model;
use crate::{Strength, Term};

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
pub(super) fn add(model: &mut Model) {
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

/// `staff` may not work both (day, duty) groups: at most one duty among them, or a
/// penalty per extra duty.
pub(super) fn forbid_together(
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
