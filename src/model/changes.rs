//! Changes from a published roster (a re-plan): one change per person added to or
//! removed from a slot. The count is not a term of the objective: the solver first
//! minimises it alone, then bounds it while minimising the usual objective, so that
//! every hard rule comes first, then the fewest changes, then fairness and wishes.
//! Frozen slots keep exactly their published people; a person's changes may be
//! bounded (the removal of a duty they can no longer take does not count).

use std::collections::HashSet;

use good_lp::Expression;

use super::Model;

/// Adds the frozen slots and the bound per person; returns the count of changes,
/// `None` without a re-plan.
pub(super) fn add(model: &mut Model) -> Option<Expression> {
    let replan = model.roster().def().replan.as_ref()?;
    let roster = model.roster();
    let published: HashSet<(usize, usize)> = replan
        .published
        .iter()
        .filter_map(|a| Some((roster.staff_index(&a.staff)?, roster.slot_index_of(a)?)))
        .collect();
    let mut changes = Expression::from(0.0);
    let mut per_person = vec![Expression::from(0.0); roster.staff().len()];
    let mut offered: HashSet<(usize, usize)> = HashSet::new();
    for decision in model.decisions.clone() {
        let key = (decision.staff, decision.slot);
        let was = published.contains(&key);
        offered.insert(key);
        let change = if was {
            Expression::from(1.0) - decision.var
        } else {
            Expression::from(decision.var)
        };
        if replan.is_frozen(roster.slots()[decision.slot].date) {
            let value = if was { 1.0 } else { 0.0 };
            model.constrain(Expression::from(decision.var).eq(value));
        }
        changes += change.clone();
        per_person[decision.staff] += change;
    }
    // Published duties their person can no longer take are removed whatever happens.
    let forced = published.difference(&offered).count();
    changes += forced as f64;
    if let Some(max) = replan.max_changes_per_person {
        for count in per_person {
            model.constrain(count.leq(f64::from(max)));
        }
    }
    Some(changes)
}
