//! Personal limits, always hard: most and fewest duties, most of each kind, most and
//! fewest minutes worked.

use super::Model;

pub(super) fn add(model: &mut Model) {
    let roster = model.roster();
    for (staff_i, person) in roster.staff().iter().enumerate() {
        let mine: Vec<usize> = model.by_staff_day[staff_i]
            .iter()
            .flatten()
            .copied()
            .collect();
        let limits = &person.limits;
        let all = model.sum_of(&mine);
        if let Some(max) = limits.max_duties {
            model.constrain(all.clone().leq(f64::from(max)));
        }
        if let Some(min) = limits.min_duties {
            model.constrain(all.geq(f64::from(min)));
        }
        for (duty_id, &max) in &limits.max_per_duty {
            let duty = roster.duty_index(duty_id).expect("validated");
            let of_kind: Vec<usize> = mine
                .iter()
                .copied()
                .filter(|&d| roster.slots()[model.decisions[d].slot].duty == duty)
                .collect();
            model.constrain(model.sum_of(&of_kind).leq(f64::from(max)));
        }
        if limits.max_minutes.is_some() || limits.min_minutes.is_some() {
            let mut minutes = good_lp::Expression::with_capacity(mine.len());
            for &d in &mine {
                let decision = model.decisions[d];
                minutes.add_mul(roster.slots()[decision.slot].minutes as f64, decision.var);
            }
            if let Some(max) = limits.max_minutes {
                model.constrain(minutes.clone().leq(f64::from(max)));
            }
            if let Some(min) = limits.min_minutes {
                model.constrain(minutes.geq(f64::from(min)));
            }
        }
    }
}
