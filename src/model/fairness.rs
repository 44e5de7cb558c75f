//! Fairness: each person's duties of each kind, and hours, close to a fair target —
//! their share of every slot they could take, in proportion to their workload share.
//!
//! A count is fair anywhere between the target rounded down and rounded up (nobody
//! can do 1.67 duties); the deviation is the distance to that band. Hours are
//! rounded the same way in steps of the greatest common divisor of the duties'
//! lengths as the clocks show them (with 2-hour and 4-hour duties, 13 hours is as fair
//! as 12 or 14; a night that a clock change makes 13 real hours long still counts 12
//! hours in the step, or the step of every band would shrink to one hour). The objective
//! penalises the largest deviation and the sum of deviations, for duty counts per
//! kind (each multiplied by its kind's `fairness_weight`) and for hours. Integral
//! deviations keep the optimum easy to prove.
//!
//! What a person carries from earlier months (a ledger) moves their targets: the
//! balance is taken off the target of each kind they can take this month, and off
//! their hours, never below 0.

use good_lp::{Expression, Variable, variable};

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
    // Fair targets: each slot's minimum cover shared among the people who could take
    // it, in proportion to their workload share.
    let mut duty_target = vec![vec![0.0; duty_count]; staff_count];
    let mut hours_target = vec![0.0; staff_count];
    let mut duty_count_expr = vec![vec![Expression::from(0.0); duty_count]; staff_count];
    let mut hours_expr = vec![Expression::from(0.0); staff_count];
    let mut involved = vec![vec![false; duty_count]; staff_count];
    for (slot_i, slot) in roster.slots().iter().enumerate() {
        let takers = &model.by_slot[slot_i];
        let shares: f64 = takers
            .iter()
            .map(|&d| roster.staff()[model.decisions[d].staff].share)
            .sum();
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
    for (p, person) in roster.staff().iter().enumerate() {
        for (k, duty) in roster.duties().iter().enumerate() {
            if involved[p][k] {
                duty_target[p][k] = (duty_target[p][k] - person.carried.duty(&duty.id)).max(0.0);
            }
        }
        if involved[p].iter().any(|&i| i) {
            hours_target[p] = (hours_target[p] - person.carried.hours).max(0.0);
        }
    }
    let weights: Vec<f64> = roster
        .duties()
        .iter()
        .map(|d| f64::from(d.fairness_weight))
        .collect();
    if fairness.max_duty_deviation + fairness.total_duty_deviation > 0 {
        let largest = model.vars.add(variable().min(0).integer());
        model.penalise(
            Term::FairnessMaxDuty,
            f64::from(fairness.max_duty_deviation),
            largest,
        );
        for p in 0..staff_count {
            for k in 0..duty_count {
                if involved[p][k] {
                    let count = std::mem::take(&mut duty_count_expr[p][k]);
                    let weight = weights[k];
                    let dev = deviation(model, count, duty_target[p][k], 1.0, weight, largest);
                    model.penalise(
                        Term::FairnessTotalDuty,
                        f64::from(fairness.total_duty_deviation) * weight,
                        dev,
                    );
                }
            }
        }
    }
    if fairness.max_hours_deviation + fairness.total_hours_deviation > 0 {
        let step = hours_step(model);
        let largest = model.vars.add(variable().min(0).integer());
        model.penalise(
            Term::FairnessMaxHours,
            f64::from(fairness.max_hours_deviation),
            largest,
        );
        for p in 0..staff_count {
            if involved[p].iter().any(|&i| i) {
                let hours = std::mem::take(&mut hours_expr[p]);
                let dev = deviation(model, hours, hours_target[p], step, 1.0, largest);
                model.penalise(
                    Term::FairnessTotalHours,
                    f64::from(fairness.total_hours_deviation),
                    dev,
                );
            }
        }
    }
}

/// The step in which hours come: the greatest common divisor of the slots' lengths
/// as the clocks show them.
fn hours_step(model: &Model) -> f64 {
    fn gcd(a: i64, b: i64) -> i64 {
        if b == 0 { a } else { gcd(b, a % b) }
    }
    let minutes = model
        .roster()
        .slots()
        .iter()
        .map(|s| s.clock_minutes().max(1))
        .fold(0, gcd);
    if minutes == 0 {
        1.0
    } else {
        minutes as f64 / 60.0
    }
}

/// A variable at least the distance from `actual` to the fair band of `target` in
/// steps of `step`, with `largest` at least `weight` times it.
fn deviation(
    model: &mut Model,
    actual: Expression,
    target: f64,
    step: f64,
    weight: f64,
    largest: Variable,
) -> Variable {
    let (low, high) = band(target / step);
    let (low, high) = (low * step, high * step);
    let dev = model.vars.add(variable().min(0));
    model.constrain((actual.clone() - dev).leq(high));
    model.constrain((actual + dev).geq(low));
    model.constrain(Expression::from(largest).geq(weight * dev));
    dev
}

/// The fair band of a target: rounded down and up, with a little tolerance so that
/// 2.0000000001 counts as 2.
fn band(target: f64) -> (f64, f64) {
    const EPS: f64 = 1e-9;
    ((target + EPS).floor(), (target - EPS).ceil())
}
