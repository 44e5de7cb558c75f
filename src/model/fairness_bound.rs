//! A lower bound on the fairness terms from a smaller program: the same deviations,
//! measured on counts per person and slot group rather than on slots.
//!
//! A slot group is the slots of one duty kind at one site that last the same real
//! minutes (the nights of a clock change fall in groups of their own). The program
//! has one integer count per person and group (at most the slots of the group the
//! person could take), the group's cover summed over its slots (the hard minimums
//! below, the maximums above when every one is hard), each person's hard limits of a
//! kind and of duties, and the fairness rows of [`super::fairness`] written on these
//! counts, with the same targets, bands, steps and weights. Its objective is the
//! fairness terms alone.
//!
//! Why the bound is valid for every roster: a roster's decisions, summed per person
//! and group, are counts that meet every row of the small program (each row is a sum
//! of rows of the whole program, or a row of it read on the same sums), and its
//! fairness terms are the same function of these counts. So every roster's fairness
//! terms are at least the small program's optimum, and at least the best bound HiGHS
//! proves for it. The whole program then gets one row, "fairness terms ≥ that bound",
//! which no roster breaks: no optimal roster is cut off, and the objective means what
//! it meant. It helps where the relaxation of the whole program lets every count and
//! every person's hours sit at their fractional targets while whole duties of 2, 4 and
//! 12 hours cannot (small rosters with long duties); it costs a fraction of a second.
//!
//! The small program runs with a bounded number of nodes (a count, so the same
//! roster gets the same bound on any machine) and a time limit only as a guard.

use std::collections::BTreeMap;

use highs::{RowProblem, Sense};

use super::Model;

/// Most branch-and-bound nodes of the small program.
const NODES: i32 = 2_000;
/// A guard on the small program's time, never reached on rosters of the agency's size.
const GUARD_SECONDS: f64 = 5.0;

/// The fair targets and weights the fairness rows use.
pub(super) struct Targets<'a> {
    /// Per person and duty kind, the fair count (after what they carry).
    pub duty: &'a [Vec<f64>],
    /// Per person, the fair hours.
    pub hours: &'a [f64],
    /// Whether the person could take a slot of the kind.
    pub involved: &'a [Vec<bool>],
    /// Per duty kind, its fairness weight.
    pub weights: &'a [f64],
    /// The hours' step.
    pub step: f64,
}

/// The fairness terms' least value over every count per person and group that the
/// roster's cover and hard limits allow; `None` when the small program proves nothing.
pub(super) fn least(model: &Model, targets: &Targets) -> Option<f64> {
    let roster = model.roster();
    let fairness = roster.def().rules.fairness;
    let hard_limits = roster.def().rules.limits.is_hard();
    // group key: (duty, site, minutes) -> (hard minimum, hard maximum, person -> decisions)
    struct Group {
        min: f64,
        max: Option<f64>,
        takers: BTreeMap<usize, usize>,
    }
    let mut groups: BTreeMap<(usize, usize, i64), Group> = BTreeMap::new();
    for (slot_i, slot) in roster.slots().iter().enumerate() {
        let group = groups
            .entry((slot.duty, slot.site, slot.minutes))
            .or_insert(Group {
                min: 0.0,
                max: Some(0.0),
                takers: BTreeMap::new(),
            });
        if slot.under_weight.is_none() {
            group.min += f64::from(slot.min);
        }
        group.max = match (group.max, slot.max, slot.over_weight) {
            (Some(sum), Some(max), None) => Some(sum + f64::from(max)),
            _ => None,
        };
        for &d in &model.by_slot[slot_i] {
            *group.takers.entry(model.decisions[d].staff).or_default() += 1;
        }
    }
    let staff_count = roster.staff().len();
    let duty_count = roster.duties().len();
    let mut problem = RowProblem::default();
    let largest_duty = problem.add_integer_column(f64::from(fairness.max_duty_deviation), 0..);
    let largest_hours = problem.add_integer_column(f64::from(fairness.max_hours_deviation), 0..);
    // per person and kind: (count, hours) columns with their factors
    let mut counts = vec![vec![Vec::new(); duty_count]; staff_count];
    let mut hours = vec![Vec::new(); staff_count];
    for (&(duty, _, minutes), group) in &groups {
        let mut cover = Vec::new();
        for (&p, &n) in &group.takers {
            let col = problem.add_integer_column(0.0, 0.0..=n as f64);
            cover.push((col, 1.0));
            counts[p][duty].push((col, 1.0));
            hours[p].push((col, minutes as f64 / 60.0));
        }
        let max = group.max.unwrap_or(f64::INFINITY);
        if group.min > 0.0 || max.is_finite() {
            problem.add_row(group.min..=max, &cover);
        }
    }
    for (p, person) in roster.staff().iter().enumerate() {
        if hard_limits {
            for (duty_id, &max) in &person.limits.max_per_duty {
                if let Some(k) = roster.duty_index(duty_id) {
                    problem.add_row(..=f64::from(max), &counts[p][k]);
                }
            }
            if let Some(max) = person.limits.max_duties {
                let all: Vec<_> = counts[p].iter().flatten().copied().collect();
                problem.add_row(..=f64::from(max), &all);
            }
        }
        if fairness.max_duty_deviation + fairness.total_duty_deviation > 0 {
            for (k, of_kind) in counts[p].iter().enumerate() {
                if targets.involved[p][k] {
                    let weight = targets.weights[k];
                    let cost = f64::from(fairness.total_duty_deviation) * weight;
                    let dev = deviation(&mut problem, of_kind, targets.duty[p][k], 1.0, cost);
                    problem.add_row(0.0.., [(largest_duty, 1.0), (dev, -weight)]);
                }
            }
        }
        if fairness.max_hours_deviation + fairness.total_hours_deviation > 0
            && targets.involved[p].iter().any(|&i| i)
        {
            let cost = f64::from(fairness.total_hours_deviation);
            let dev = deviation(
                &mut problem,
                &hours[p],
                targets.hours[p],
                targets.step,
                cost,
            );
            problem.add_row(0.0.., [(largest_hours, 1.0), (dev, -1.0)]);
        }
    }
    let mut highs = problem.try_optimise(Sense::Minimise).ok()?;
    highs.try_set_option("output_flag", false).ok()?;
    highs.try_set_option("mip_max_nodes", NODES).ok()?;
    highs.try_set_option("time_limit", GUARD_SECONDS).ok()?;
    highs.try_set_option("threads", 1).ok()?;
    highs.try_set_option("mip_rel_gap", 0.0).ok()?;
    let solved = highs.try_solve().ok()?;
    // The proven bound, never the best count found (which a gap tolerance leaves
    // above the optimum), a little below it for HiGHS's tolerances, then rounded up to
    // the next value the fairness terms can take.
    let bound = solved.double_info_value(c"mip_dual_bound").ok()?;
    let bound = bound - 1e-6 * bound.abs().max(1.0);
    let unit = granularity(model, targets);
    let bound = (bound / unit).ceil() * unit;
    (bound.is_finite() && bound > 0.0).then_some(bound)
}

/// The step of the values the fairness terms take on a roster (deviations at their
/// least): each term's weight times the step of its deviation (a whole duty, or the
/// hours' step, in minutes), their greatest common divisor.
fn granularity(model: &Model, targets: &Targets) -> f64 {
    fn gcd(a: u64, b: u64) -> u64 {
        if b == 0 { a } else { gcd(b, a % b) }
    }
    let f = model.roster().def().rules.fairness;
    let step_minutes = (targets.step * 60.0).round().max(1.0) as u64;
    let mut steps = vec![
        u64::from(f.max_duty_deviation) * 60,
        u64::from(f.max_hours_deviation) * 60,
        u64::from(f.total_hours_deviation) * step_minutes,
    ];
    steps.extend(
        targets
            .weights
            .iter()
            .map(|&w| u64::from(f.total_duty_deviation) * w as u64 * 60),
    );
    match steps.into_iter().fold(0, gcd) {
        0 => 1.0,
        g => g as f64 / 60.0,
    }
}

/// A deviation column (costing `cost` each) at least the distance from the sum of
/// `actual` to the fair band of `target` in steps of `step`, as in
/// [`super::fairness`].
fn deviation(
    problem: &mut RowProblem,
    actual: &[(highs::Col, f64)],
    target: f64,
    step: f64,
    cost: f64,
) -> highs::Col {
    let (low, high) = super::fairness::band(target / step);
    let (low, high) = (low * step, high * step);
    let dev = problem.add_column(cost, 0.0..);
    let mut above = actual.to_vec();
    above.push((dev, -1.0));
    problem.add_row(..=high, &above);
    let mut below = actual.to_vec();
    below.push((dev, 1.0));
    problem.add_row(low.., &below);
    dev
}

#[cfg(test)]
mod tests {
    use good_lp::{Solution, SolverModel};

    use super::super::Model;
    use crate::synthetic::{NightLines, night_lines};
    use crate::{Assignment, Roster, Term, validate};

    /// The optimum of `roster`'s program, with or without the fairness bound, solved
    /// to a zero gap: its objective and roster, the roster checked by the validator.
    fn optimum(roster: &Roster, fairness_bound: bool) -> (f64, Vec<Assignment>) {
        let model = Model::build_with(roster, fairness_bound);
        let decisions = model.decisions().to_vec();
        let (vars, objective, rows, _) = model.into_parts();
        let mut problem = vars
            .minimise(objective.clone())
            .using(good_lp::solvers::highs::highs)
            .set_mip_rel_gap(0.0)
            .unwrap();
        problem.set_verbose(false);
        for row in rows {
            problem.add_constraint(row);
        }
        let solution = problem.solve().expect("feasible");
        let assignments: Vec<Assignment> = decisions
            .iter()
            .filter(|d| solution.value(d.var) > 0.5)
            .map(|d| {
                let slot = &roster.slots()[d.slot];
                Assignment::new(
                    slot.date,
                    &roster.duties()[slot.duty].id,
                    &roster.sites()[slot.site].id,
                    &roster.staff()[d.staff].id,
                )
            })
            .collect();
        let report = validate(roster, &assignments);
        assert!(report.violations.is_empty(), "{:?}", report.violations);
        let solver = solution.eval(&objective);
        assert!(
            (report.objective - solver).abs() < 1e-6,
            "{} {solver}",
            report.objective
        );
        (report.objective, assignments)
    }

    fn fairness_terms(roster: &Roster, assignments: &[Assignment]) -> f64 {
        let terms = validate(roster, assignments).terms;
        [
            Term::FairnessMaxDuty,
            Term::FairnessTotalDuty,
            Term::FairnessMaxHours,
            Term::FairnessTotalHours,
        ]
        .iter()
        .map(|t| terms.get(t).copied().unwrap_or(0.0))
        .sum()
    }

    fn small_night_roster(staff: usize, seed: u64) -> Roster {
        Roster::new(night_lines(NightLines {
            staff,
            sites: 1,
            months: 1,
            seed,
        }))
        .unwrap()
    }

    #[test]
    fn the_bound_cuts_off_no_optimal_roster() {
        let rosters = [
            crate::sample::tiny_roster(),
            small_night_roster(8, 1),
            small_night_roster(8, 2),
        ];
        for roster in &rosters {
            let (without, roster_without) = optimum(roster, false);
            let (with, _) = optimum(roster, true);
            assert!((with - without).abs() < 1e-6, "{with} != {without}");
            // the bound is below the fairness terms of a roster solved without it
            let bound = least_of(roster);
            assert!(bound <= fairness_terms(roster, &roster_without) + 1e-6);
        }
    }

    /// The bound of the fairness terms of `roster`'s program (0 when none is proved).
    fn least_of(roster: &Roster) -> f64 {
        Model::build(roster).fairness_least.unwrap_or(0.0)
    }

    #[test]
    fn the_bound_sees_what_whole_nights_cost_the_hours() {
        // With 2-, 4- and 12-hour duties, every count and everyone's hours sit at their
        // targets in the relaxation; whole duties cannot.
        let roster = small_night_roster(12, 5);
        assert!(least_of(&roster) > 0.0);
        assert_eq!(Model::build_with(&roster, false).fairness_least, None);
    }
}
