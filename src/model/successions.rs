//! Successions: a forbidden pair of duty kinds is not worked on two days running,
//! hard or at a cost per extra duty.

use super::Model;
use super::rest::forbid_together;
use crate::Term;

/// Duty kind `then` may not follow duty kind `first` on the next day.
pub(super) fn add(model: &mut Model) {
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
