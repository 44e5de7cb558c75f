//! Cover: each slot gets between its minimum and maximum number of people; soft
//! where the cover has under/over weights. The slot's skills (in `skills`) are added
//! right after its cover, with the same strength as its minimum.

use super::Model;
use crate::{Strength, Term};

pub(super) fn add(model: &mut Model) {
    let roster = model.roster();
    for (slot_i, slot) in roster.slots().iter().enumerate() {
        let on_slot = model.by_slot[slot_i].clone();
        let assigned = model.sum_of(&on_slot);
        let under = strength(slot.under_weight);
        let shortfall = model.slack(under, Term::CoverUnder);
        if slot.max == Some(slot.min) && slot.over_weight.is_some() {
            // An exact number with a soft maximum: one row, `assigned + short - extra = n`.
            let excess = model.slack(strength(slot.over_weight), Term::CoverOver);
            model.constrain((assigned + shortfall - excess).eq(f64::from(slot.min)));
        } else {
            model.constrain((assigned.clone() + shortfall).geq(f64::from(slot.min)));
            if let Some(max) = slot.max {
                let excess = model.slack(strength(slot.over_weight), Term::CoverOver);
                model.constrain((assigned - excess).leq(f64::from(max)));
            }
        }
        super::skills::add_for_slot(model, slot, &on_slot, under);
    }
}

fn strength(weight: Option<u32>) -> Strength {
    weight.map_or(Strength::Hard, Strength::Soft)
}
