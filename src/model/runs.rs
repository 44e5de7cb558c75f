//! Runs of days: most consecutive duty days, fewest consecutive duty days and fewest
//! consecutive free days (runs touching the period's first or last day are exempt
//! from the minimums; days outside the period count as free for the maximum).

use good_lp::Expression;

use super::Model;
use crate::{Bound, Strength, Term};

/// The number and strength of a run rule for one person: their own number if set,
/// else the roster's; hard unless the roster's rule is soft.
fn personal(rule: Option<Bound>, own: Option<u32>) -> Option<(u32, Strength)> {
    let strength = rule.map_or(Strength::Hard, |r| r.strength);
    own.or(rule.map(|r| r.value)).map(|v| (v, strength))
}

pub(super) fn add(model: &mut Model) {
    let rules = model.roster().def().rules.clone();
    for staff in 0..model.roster().staff().len() {
        let limits = model.roster().staff()[staff].limits.clone();
        let min_off = personal(
            rules.min_consecutive_days_off,
            limits.min_consecutive_days_off,
        );
        if let Some((max, strength)) =
            personal(rules.max_consecutive_days, limits.max_consecutive_days)
        {
            // With hard runs of free days of at least `m`, any window of `max + m`
            // days holds `m` free days: a free run inside it is at least `m` long,
            // and without one its duty days are a single run of at most `max`.
            let longer = match min_off {
                Some((m, Strength::Hard)) if strength.is_hard() => (m as usize).max(1),
                _ => 1,
            };
            let window = if max as usize + longer <= model.day_count() {
                max as usize + longer
            } else {
                max as usize + 1
            };
            add_max_run(model, staff, max as usize, window, strength);
        }
        if let Some((min, strength)) =
            personal(rules.min_consecutive_days, limits.min_consecutive_days)
        {
            add_min_work_run(model, staff, min as usize, strength);
        }
        if let Some((min, strength)) = personal(
            rules.min_consecutive_days_off,
            limits.min_consecutive_days_off,
        ) {
            add_min_free_run(model, staff, min as usize, strength);
        }
    }
}

fn can_work(model: &Model, staff: usize, day: usize) -> bool {
    !model.by_staff_day[staff][day].is_empty()
}

fn worked_sum(model: &mut Model, staff: usize, days: std::ops::Range<usize>) -> Expression {
    let mut sum = Expression::from(0.0);
    for day in days {
        if can_work(model, staff, day) {
            sum += model.worked(staff, day);
        }
    }
    sum
}

/// Every window of `window` days (`max + 1`, or longer when a minimum run of free
/// days makes it valid) holds at most `max` duty days.
fn add_max_run(model: &mut Model, staff: usize, max: usize, window: usize, strength: Strength) {
    let days = model.day_count();
    for start in 0..(days + 1).saturating_sub(window) {
        let range = start..start + window;
        if range.clone().filter(|&d| can_work(model, staff, d)).count() <= max {
            continue;
        }
        let sum = worked_sum(model, staff, range);
        let excess = model.slack(strength, Term::MaxConsecutiveDays);
        model.constrain((sum - excess).leq(max as f64));
    }
}

/// No run of `len < min` worked days with a free day inside the period on each side.
fn add_min_work_run(model: &mut Model, staff: usize, min: usize, strength: Strength) {
    if strength.is_hard() {
        return add_min_run_hard(model, staff, min, true);
    }
    let days = model.day_count();
    for start in 1..days {
        for len in 1..min {
            let after = start + len;
            if after >= days {
                break;
            }
            if (start..after).any(|d| !can_work(model, staff, d)) {
                break;
            }
            let run = worked_sum(model, staff, start..after);
            let before = worked_sum(model, staff, start - 1..start);
            let next = worked_sum(model, staff, after..after + 1);
            let broken = model.slack(strength, Term::MinConsecutiveDays);
            model.constrain((run - before - next - broken).leq(len as f64 - 1.0));
        }
    }
}

/// No run of `len < min` free days with a worked day inside the period on each side.
fn add_min_free_run(model: &mut Model, staff: usize, min: usize, strength: Strength) {
    if strength.is_hard() {
        return add_min_run_hard(model, staff, min, false);
    }
    let days = model.day_count();
    for start in 1..days {
        if !can_work(model, staff, start - 1) {
            continue;
        }
        for len in 1..min {
            let after = start + len;
            if after >= days {
                break;
            }
            if !can_work(model, staff, after) {
                continue;
            }
            let run = worked_sum(model, staff, start..after);
            let before = worked_sum(model, staff, start - 1..start);
            let next = worked_sum(model, staff, after..after + 1);
            let broken = model.slack(strength, Term::MinConsecutiveDaysOff);
            model.constrain((before + next - run - broken).leq(1.0));
        }
    }
}

/// The hard minimum run, in its strong form: a run of worked (`work`) or free days
/// that starts on day `d > 0` goes on for `j < min` more days as long as they are
/// inside the period: `start(d) <= same(d + j)`, where `start(d)` is `w(d) - w(d-1)`
/// for worked runs and `w(d-1) - w(d)` for free ones. A run that reaches the last day
/// satisfies every such row, and a run starting on day 0 has none: both are exempt.
/// On whole numbers this forbids exactly what the run-by-run rows forbid; its linear
/// relaxation is much tighter.
fn add_min_run_hard(model: &mut Model, staff: usize, min: usize, work: bool) {
    let days = model.day_count();
    for start in 1..days {
        let (today, yesterday) = (
            can_work(model, staff, start),
            can_work(model, staff, start - 1),
        );
        // A worked run cannot start on a day that cannot be worked; a free run cannot
        // start after a day that cannot be worked.
        if (work && !today) || (!work && !yesterday) {
            continue;
        }
        for j in 1..min {
            let later = start + j;
            if later >= days {
                break;
            }
            let w = |model: &mut Model, day: usize| worked_sum(model, staff, day..day + 1);
            let begins = if work {
                w(model, start) - w(model, start - 1)
            } else {
                w(model, start - 1) - w(model, start)
            };
            let goes_on = if work {
                w(model, later)
            } else {
                1.0 - w(model, later)
            };
            model.constrain(begins.leq(goes_on));
        }
    }
}
