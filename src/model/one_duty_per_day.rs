//! One duty a day: at most one duty per person per day, hard or at a cost per extra
//! duty.

use super::Model;
use crate::Term;

/// At most one duty per person per day (hard, or soft per extra duty).
pub(super) fn add(model: &mut Model) {
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
