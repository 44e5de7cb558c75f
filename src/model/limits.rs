//! Personal limits: most and fewest duties, most of each kind, most and fewest
//! minutes worked. Hard, or soft at a cost per duty (per hour for minutes).

use good_lp::{Expression, variable};

use super::Model;
use crate::{Strength, Term};

/// A slack for one limit: none when hard; else at least 0, costing `weight * scale`
/// per unit.
fn limit_slack(model: &mut Model, scale: f64) -> Expression {
    match model.roster().def().rules.limits {
        Strength::Hard => Expression::from(0.0),
        Strength::Soft(w) => {
            let s = model.vars.add(variable().min(0));
            model.penalise(Term::PersonalLimits, f64::from(w) * scale, s);
            Expression::from(s)
        }
    }
}

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
            let excess = limit_slack(model, 1.0);
            model.constrain((all.clone() - excess).leq(f64::from(max)));
        }
        if let Some(min) = limits.min_duties {
            let shortfall = limit_slack(model, 1.0);
            model.constrain((all + shortfall).geq(f64::from(min)));
        }
        for (duty_id, &max) in &limits.max_per_duty {
            let duty = roster.duty_index(duty_id).expect("validated");
            let of_kind: Vec<usize> = mine
                .iter()
                .copied()
                .filter(|&d| roster.slots()[model.decisions[d].slot].duty == duty)
                .collect();
            let excess = if max == 0 {
                Expression::from(0.0)
            } else {
                limit_slack(model, 1.0)
            };
            model.constrain((model.sum_of(&of_kind) - excess).leq(f64::from(max)));
        }
        if limits.max_minutes.is_some() || limits.min_minutes.is_some() {
            let mut minutes = good_lp::Expression::with_capacity(mine.len());
            for &d in &mine {
                let decision = model.decisions[d];
                minutes.add_mul(roster.slots()[decision.slot].minutes as f64, decision.var);
            }
            if let Some(max) = limits.max_minutes {
                let excess = limit_slack(model, 1.0 / 60.0);
                model.constrain((minutes.clone() - excess).leq(f64::from(max)));
            }
            if let Some(min) = limits.min_minutes {
                let shortfall = limit_slack(model, 1.0 / 60.0);
                model.constrain((minutes + shortfall).geq(f64::from(min)));
            }
        }
    }
}
