//! Successions: a forbidden pair of duty kinds is not worked on two days running,
//! hard or at a cost per extra duty.
//!
//! Where a person has at most one duty a day (hard), the pairs are aggregated: one
//! row per person, day and first duty kind `s`, `x[d, s] + sum of x[d+1, t] <= 1`
//! over the kinds `t` that may not follow `s` (at most one of them is worked, and
//! none with `s`). A hard row also takes every other first kind whose forbidden
//! followers include all of those: the duties of day `d` and `d + 1` in the row
//! then all exclude each other, so at most one is worked (a clique), which is
//! tighter than the pairs in the linear relaxation, with far fewer rows. A soft row
//! keeps one first kind, so that each broken pair is in one row and costs once.
//! Otherwise (two duties a day allowed) each pair has its own row.

use std::collections::{BTreeMap, BTreeSet};

use super::Model;
use super::rest::forbid_together;
use crate::{Strength, Term};

/// Duty kind `then` may not follow duty kind `first` on the next day.
pub(super) fn add(model: &mut Model) {
    let successions = model.roster().def().rules.forbidden_successions.clone();
    let mut pairs = BTreeSet::new();
    for succession in successions {
        let first = model
            .roster()
            .duty_index(&succession.first)
            .expect("validated");
        let then = model
            .roster()
            .duty_index(&succession.then)
            .expect("validated");
        pairs.insert((first, then, weight(succession.strength)));
    }
    if model.roster().def().rules.one_duty_per_day.is_hard() {
        return add_aggregated(model, &pairs);
    }
    for (first, then, weight) in pairs {
        let strength = strength(weight);
        for staff in 0..model.roster().staff().len() {
            for day in 0..model.day_count().saturating_sub(1) {
                forbid_together(
                    model,
                    staff,
                    (day, first),
                    (day + 1, then),
                    strength,
                    Term::ForbiddenSuccession,
                );
            }
        }
    }
}

/// The rows of the aggregated form: per strength and first kind, its forbidden
/// followers; a hard row with every first kind whose followers include them.
fn add_aggregated(model: &mut Model, pairs: &BTreeSet<(usize, usize, Option<u32>)>) {
    let mut followers: BTreeMap<(Option<u32>, usize), Vec<usize>> = BTreeMap::new();
    for &(first, then, weight) in pairs {
        followers.entry((weight, first)).or_default().push(then);
    }
    let mut rows: BTreeSet<(Vec<usize>, Vec<usize>, Option<u32>)> = BTreeSet::new();
    for (&(weight, first), thens) in &followers {
        let firsts: Vec<usize> = if weight.is_none() {
            followers
                .iter()
                .filter(|((w, _), others)| w.is_none() && thens.iter().all(|t| others.contains(t)))
                .map(|(&(_, other), _)| other)
                .collect()
        } else {
            vec![first]
        };
        rows.insert((firsts, thens.clone(), weight));
    }
    for (firsts, thens, weight) in rows {
        let strength = strength(weight);
        for staff in 0..model.roster().staff().len() {
            for day in 0..model.day_count().saturating_sub(1) {
                let today: Vec<usize> = firsts
                    .iter()
                    .flat_map(|&duty| model.of_duty(staff, day, duty))
                    .collect();
                if today.is_empty() {
                    continue;
                }
                let tomorrow: Vec<usize> = thens
                    .iter()
                    .flat_map(|&duty| model.of_duty(staff, day + 1, duty))
                    .collect();
                if tomorrow.is_empty() {
                    continue;
                }
                let both: Vec<usize> = today.into_iter().chain(tomorrow).collect();
                let extra = model.slack(strength, Term::ForbiddenSuccession);
                model.constrain((model.sum_of(&both) - extra).leq(1.0));
            }
        }
    }
}

/// A strength as an ordered key: `None` when hard, the weight when soft.
fn weight(strength: Strength) -> Option<u32> {
    match strength {
        Strength::Hard => None,
        Strength::Soft(w) => Some(w),
    }
}

/// The strength of a key made by [`weight`].
fn strength(weight: Option<u32>) -> Strength {
    weight.map_or(Strength::Hard, Strength::Soft)
}
