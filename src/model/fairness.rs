//! Fairness: each person's duties of each kind, and hours, close to a fair target —
//! their share of every slot they could take, in proportion to their workload share.
//! Penalises the largest deviation and the sum of deviations.

use good_lp::{variable, Expression, Variable};

use super::Model;
use crate::Term;

pub(super) fn add(model: &mut Model) {
    let fairness = model.roster().def().rules.fairness;
    if !fairness.is_on() {
        return;
    }
    let roster = model.roster();
    let staff_count = roster.staff().len();
    let duty_count = roster.duties().len();
    // Fair targets: each slot's minimum cover shared among the people who could take it.
    let mut duty_target = vec![vec![0.0; duty_count]; staff_count];
    let mut hours_target = vec![0.0; staff_count];
    let mut duty_count_expr = vec![vec![Expression::from(0.0); duty_count]; staff_count];
    let mut hours_expr = vec![Expression::from(0.0); staff_count];
    let mut involved = vec![vec![false; duty_count]; staff_count];
    for (slot_i, slot) in roster.slots().iter().enumerate() {
        let takers = &model.by_slot[slot_i];
        let shares: f64 = takers.iter().map(|&d| roster.staff()[model.decisions[d].staff].share).sum();
        let hours = slot.minutes as f64 / 60.0;
        for &d in takers {
            let decision = model.decisions[d];
            let p = decision.staff;
            let part = f64::from(slot.min) * roster.staff()[p].share / shares;
            duty_target[p][slot.duty] += part;
            hours_target[p] += part * hours;
            duty_count_expr[p][slot.duty].add_mul(1.0, decision.var);
            hours_expr[p].add_mul(hours, decision.var);
            involved[p][slot.duty] = true;
        }
    }
    if fairness.max_duty_deviation + fairness.total_duty_deviation > 0 {
        let largest = model.vars.add(variable().min(0));
        model.penalise(Term::FairnessMaxDuty, f64::from(fairness.max_duty_deviation), largest);
        for p in 0..staff_count {
            for k in 0..duty_count {
                if !involved[p][k] {
                    continue;
                }
                let dev = deviation(model, duty_count_expr[p][k].clone(), duty_target[p][k], largest);
                model.penalise(Term::FairnessTotalDuty, f64::from(fairness.total_duty_deviation), dev);
            }
        }
    }
    if fairness.max_hours_deviation + fairness.total_hours_deviation > 0 {
        let largest = model.vars.add(variable().min(0));
        model.penalise(Term::FairnessMaxHours, f64::from(fairness.max_hours_deviation), largest);
        for p in 0..staff_count {
            if !involved[p].iter().any(|&i| i) {
                continue;
            }
            let dev = deviation(model, hours_expr[p].clone(), hours_target[p], largest);
            model.penalise(Term::FairnessTotalHours, f64::from(fairness.total_hours_deviation), dev);
        }
    }
}

/// A variable at least `|actual - target|`, with `largest` at least it.
fn deviation(model: &mut Model, actual: Expression, target: f64, largest: Variable) -> Variable {
    let dev = model.vars.add(variable().min(0));
    model.constrain((actual.clone() - dev).leq(target));
    model.constrain((actual + dev).geq(target));
    model.constrain(Expression::from(largest).geq(dev));
    dev
}
