//! Skills: enough people with each needed skill on a slot; soft, at the slot's
//! under-cover weight, where its cover is soft.

use super::Model;
use crate::{Slot, Strength, Term};

/// The skill rows of one slot, whose decisions are `on_slot`, with the strength of
/// the slot's minimum cover.
pub(super) fn add_for_slot(model: &mut Model, slot: &Slot, on_slot: &[usize], under: Strength) {
    let roster = model.roster();
    for need in &slot.skills {
        let skilled: Vec<usize> = on_slot
            .iter()
            .copied()
            .filter(|&d| {
                roster.staff()[model.decisions[d].staff]
                    .skills
                    .contains(&need.skill)
            })
            .collect();
        let count = model.sum_of(&skilled);
        let missing = model.slack(under, Term::SkillShortage);
        model.constrain((count + missing).geq(f64::from(need.count)));
    }
}
