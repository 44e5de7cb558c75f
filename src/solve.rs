//! Solving: builds the model, hands it to HiGHS, reads the roster back, and
//! recomputes the objective from the assignment with the validator.
//!
//! When the first solve does not prove its roster optimal within its share of the
//! time limit, a large-neighbourhood search improves the roster: it fixes most of
//! the decisions to the best roster so far (everyone but a few people, or every day
//! but a few), solves the same integer program for the rest, and keeps what is
//! better. A last solve of the whole program, started from the best roster, then
//! tries to prove it optimal.

use std::collections::BTreeMap;
use std::time::Instant;

use highs::HighsModelStatus;
use serde::{Deserialize, Serialize};

use crate::model::{Decision, Model, Program, Run};
use crate::{Assignment, Roster, SolveError, Term, check, validate};

/// How to solve.
///
/// # Example
/// ```
/// let options = duty_roster::SolveOptions { time_limit: 10.0, ..Default::default() };
/// assert_eq!(options.threads, None);
/// assert!(options.neighbourhood_search);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SolveOptions {
    /// Seconds before the solver stops with the best roster found so far.
    pub time_limit: f64,
    /// Solver threads (HiGHS's own choice when absent).
    pub threads: Option<u32>,
    /// Relative gap at which a roster counts as optimal.
    pub relative_gap: f64,
    /// Print the solver's log on standard error.
    pub verbose: bool,
    /// Improve the roster by large-neighbourhood search when the first solve does
    /// not prove it optimal within its share of the time limit.
    pub neighbourhood_search: bool,
    /// Seed of the neighbourhood search's random choices.
    pub seed: u64,
}

impl Default for SolveOptions {
    fn default() -> Self {
        SolveOptions {
            time_limit: 60.0,
            threads: None,
            relative_gap: 1e-9,
            verbose: false,
            neighbourhood_search: true,
            seed: 1,
        }
    }
}

/// How the solver stopped.
///
/// # Example
/// ```
/// assert_eq!(duty_roster::Status::Optimal.to_string(), "optimal");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Proven optimal (within the relative gap).
    Optimal,
    /// Stopped at the time limit with a roster that is not proven optimal.
    TimeLimit,
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Status::Optimal => "optimal",
            Status::TimeLimit => "time limit",
        })
    }
}

/// A solved roster: the assignment, the objective recomputed from it, and how the
/// solver got there.
///
/// # Example
/// ```
/// let roster = duty_roster::sample::tiny_roster();
/// let outcome = duty_roster::solve(&roster, &Default::default()).unwrap();
/// assert_eq!(outcome.status, duty_roster::Status::Optimal);
/// assert!(outcome.gap.abs() < 1e-6);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    /// How the solver stopped.
    pub status: Status,
    /// Who does what, by slot order then staff order.
    pub assignments: Vec<Assignment>,
    /// The objective, recomputed from the assignment by the validator.
    pub objective: f64,
    /// Its terms.
    pub terms: BTreeMap<Term, f64>,
    /// The objective as the solver reported it (for comparison only).
    pub solver_objective: f64,
    /// The best lower bound the solver proved.
    pub best_bound: f64,
    /// Relative gap between `objective` and `best_bound` (0 when optimal).
    pub gap: f64,
    /// Seconds spent building the model.
    pub build_seconds: f64,
    /// Seconds spent in the solver.
    pub solve_seconds: f64,
    /// Number of slots.
    pub slots: usize,
    /// Number of variables of the model.
    pub variables: usize,
    /// Number of constraints of the model.
    pub constraints: usize,
}

/// Solves `roster`: an optimal roster, or the best found within the time limit.
///
/// # Errors
/// [`SolveError::Infeasible`] with the slots that cannot be covered when no roster
/// satisfies the hard rules; [`SolveError::NoSolution`] when the time limit passes
/// before any roster is found; [`SolveError::Solver`] when HiGHS fails.
///
/// # Example
/// ```
/// let roster = duty_roster::sample::tiny_roster();
/// let outcome = duty_roster::solve(&roster, &Default::default()).unwrap();
/// assert_eq!(outcome.assignments.len(), 5);
/// ```
pub fn solve(roster: &Roster, options: &SolveOptions) -> Result<Outcome, SolveError> {
    let started = Instant::now();
    let model = Model::build(roster);
    let decisions = model.decisions().to_vec();
    let (variables, constraints) = (model.variable_count(), model.constraint_count());
    let (vars, objective, rows, _) = model.into_parts();
    let mut program = Program::through_good_lp(vars, objective, rows)?;
    let build_seconds = started.elapsed().as_secs_f64();

    set_options(&mut program, options)?;
    let solving = Instant::now();
    let best = if options.neighbourhood_search {
        search(program, roster, &decisions, options)?
    } else {
        let run = program.solve(options.time_limit, None)?;
        Best::from_full_run(roster, run)?
    };
    let solve_seconds = solving.elapsed().as_secs_f64();
    let Some(columns) = best.columns else {
        return Err(SolveError::NoSolution {
            seconds: solve_seconds,
        });
    };
    let assignments: Vec<Assignment> = decisions
        .iter()
        .filter(|d| columns[d.column] > 0.5)
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
    let status = if best.proven {
        Status::Optimal
    } else {
        Status::TimeLimit
    };
    let gap = match status {
        Status::Optimal => 0.0,
        Status::TimeLimit => relative_gap(report.objective, best.bound),
    };
    Ok(Outcome {
        status,
        assignments,
        objective: report.objective,
        terms: report.terms,
        solver_objective: best.objective,
        best_bound: best.bound,
        gap,
        build_seconds,
        solve_seconds,
        slots: roster.slots().len(),
        variables,
        constraints,
    })
}

/// The best roster found so far, as column values, and what is known of it.
struct Best {
    columns: Option<Vec<f64>>,
    objective: f64,
    bound: f64,
    proven: bool,
}

/// Whether a full solve stopped normally (optimal or out of time); an error for
/// infeasibility and solver failures.
fn check_full_run(roster: &Roster, status: HighsModelStatus) -> Result<bool, SolveError> {
    match status {
        HighsModelStatus::Optimal => Ok(true),
        HighsModelStatus::Infeasible | HighsModelStatus::UnboundedOrInfeasible => {
            Err(SolveError::Infeasible {
                reasons: check::precheck(roster)
                    .into_iter()
                    .map(|f| f.to_string())
                    .collect(),
            })
        }
        HighsModelStatus::ReachedTimeLimit
        | HighsModelStatus::ReachedIterationLimit
        | HighsModelStatus::ReachedSolutionLimit
        | HighsModelStatus::ReachedInterrupt => Ok(false),
        other => Err(SolveError::Solver(format!(
            "HiGHS stopped with status {other:?}"
        ))),
    }
}

impl Best {
    fn from_full_run(roster: &Roster, run: Run) -> Result<Best, SolveError> {
        let proven = check_full_run(roster, run.status)?;
        Ok(Best {
            proven: proven && run.columns.is_some(),
            bound: if proven { run.objective } else { run.bound },
            objective: run.objective,
            columns: run.columns,
        })
    }

    /// Whether the objective meets the bound (within the relative gap).
    fn meets_bound(&self, relative_gap: f64) -> bool {
        self.columns.is_some()
            && self.objective - self.bound <= (relative_gap * self.objective.abs()).max(1e-6)
    }
}

fn set_options(program: &mut Program, options: &SolveOptions) -> Result<(), SolveError> {
    program.set_option("output_flag", options.verbose)?;
    program.set_option("log_to_console", options.verbose)?;
    program.set_option("mip_rel_gap", options.relative_gap)?;
    if let Some(threads) = options.threads {
        program.set_option("threads", threads as i32)?;
    }
    Ok(())
}

/// A first solve of the whole program within its share of the time limit; when it
/// proves its roster optimal, that roster. Otherwise the program is built again
/// column by column, and the neighbourhood search improves the roster.
fn search(
    mut first: Program,
    roster: &Roster,
    decisions: &[Decision],
    options: &SolveOptions,
) -> Result<Best, SolveError> {
    let started = Instant::now();
    let run = first.solve(options.time_limit * FIRST_SHARE, None)?;
    let best = Best::from_full_run(roster, run)?;
    drop(first);
    if best.proven {
        return Ok(best);
    }
    let left = options.time_limit - started.elapsed().as_secs_f64();
    let (vars, objective, rows, _) = Model::build(roster).into_parts();
    let mut program = Program::new(vars, objective, rows)?;
    set_options(&mut program, options)?;
    let reserve = options.time_limit * LAST_SHARE;
    let sub_limit = (options.time_limit / 30.0).clamp(1.0, 10.0);
    let options = SolveOptions {
        time_limit: left,
        ..options.clone()
    };
    let mut search = Search::new(&mut program, roster, decisions, &options);
    search.reserve = reserve;
    search.sub_limit = sub_limit;
    search.run(best)
}

/// Share of the time limit for the first solve of the whole program.
const FIRST_SHARE: f64 = 0.25;
/// Share of the time limit kept for the last solve of the whole program.
const LAST_SHARE: f64 = 0.2;

/// A large-neighbourhood search over the decisions of one program.
struct Search<'a> {
    program: &'a mut Program,
    options: &'a SolveOptions,
    roster: &'a Roster,
    /// Columns of each person's decisions, by day.
    by_staff_day: Vec<Vec<Vec<usize>>>,
    started: Instant,
    random: SplitMix,
    /// Number of people freed by a people neighbourhood.
    people: usize,
    /// Number of days freed by a days neighbourhood.
    days: usize,
    /// Seconds kept for the last solve of the whole program.
    reserve: f64,
    /// Seconds for each solve of a neighbourhood.
    sub_limit: f64,
}

impl<'a> Search<'a> {
    fn new(
        program: &'a mut Program,
        roster: &'a Roster,
        decisions: &[Decision],
        options: &'a SolveOptions,
    ) -> Search<'a> {
        let day_count = roster.def().period.len();
        let staff_count = roster.staff().len();
        let first = roster.def().period.first;
        let mut by_staff_day = vec![vec![Vec::new(); day_count]; staff_count];
        for d in decisions {
            let day = (roster.slots()[d.slot].date - first).num_days() as usize;
            by_staff_day[d.staff][day].push(d.column);
        }
        Search {
            program,
            options,
            roster,
            by_staff_day,
            started: Instant::now(),
            random: SplitMix(options.seed),
            people: (staff_count / 6).max(2).min(staff_count.max(1)),
            days: (day_count / 4).max(2).min(day_count.max(1)),
            reserve: options.time_limit * LAST_SHARE,
            sub_limit: (options.time_limit / 30.0).clamp(1.0, 10.0),
        }
    }

    fn left(&self) -> f64 {
        self.options.time_limit - self.started.elapsed().as_secs_f64()
    }

    /// Improves `best`, the first solve's result, within the time limit.
    fn run(mut self, mut best: Best) -> Result<Best, SolveError> {
        if best.columns.is_none() {
            let run = self.program.solve(self.left(), None)?;
            return Best::from_full_run(self.roster, run);
        }
        let gap = self.options.relative_gap;
        let mut round = 0usize;
        while !best.meets_bound(gap) && self.left() > self.reserve + 0.1 {
            let budget = self.sub_limit.min(self.left() - self.reserve);
            let current = best.columns.clone().expect("a roster to improve");
            let by_people = round.is_multiple_of(2);
            round += 1;
            let freed = if by_people {
                self.pick_people()
            } else {
                self.pick_days()
            };
            let fixed = self.fix_all_but(&freed, by_people, &current);
            let run = self.program.solve(budget, Some(&current));
            for &col in &fixed {
                self.program.free(col);
            }
            let run = run?;
            let solved = run.status == HighsModelStatus::Optimal;
            if let Some(columns) = run.columns
                && run.objective < best.objective - 1e-9
            {
                best.objective = run.objective;
                best.columns = Some(columns);
                if self.options.verbose {
                    eprintln!(
                        "neighbourhood search: {:.1} s, {} {} freed: {}",
                        self.started.elapsed().as_secs_f64(),
                        freed.len(),
                        if by_people { "people" } else { "days" },
                        best.objective
                    );
                }
            }
            self.adapt(by_people, solved);
        }
        if best.meets_bound(gap) {
            best.proven = true;
            return Ok(best);
        }
        let start = best.columns.clone();
        let last = self.program.solve(self.left(), start.as_deref())?;
        let proven = check_full_run(self.roster, last.status)?;
        if let Some(columns) = last.columns
            && last.objective < best.objective - 1e-9
        {
            best.objective = last.objective;
            best.columns = Some(columns);
        }
        best.bound = best
            .bound
            .max(if proven { last.objective } else { last.bound });
        best.proven = proven || best.meets_bound(gap);
        Ok(best)
    }

    /// Grows a neighbourhood whose sub-problem was solved to optimality, shrinks
    /// one that ran out of time.
    fn adapt(&mut self, by_people: bool, solved: bool) {
        let (size, most) = if by_people {
            (&mut self.people, self.by_staff_day.len())
        } else {
            (
                &mut self.days,
                self.by_staff_day.first().map_or(0, Vec::len),
            )
        };
        *size = if solved {
            (*size + 1).min(most)
        } else {
            size.saturating_sub(1).max(1)
        };
    }

    /// A random set of `self.people` people.
    fn pick_people(&mut self) -> Vec<usize> {
        let mut all: Vec<usize> = (0..self.by_staff_day.len()).collect();
        self.random.shuffle(&mut all);
        all.truncate(self.people);
        all
    }

    /// A random window of `self.days` consecutive days.
    fn pick_days(&mut self) -> Vec<usize> {
        let days = self.by_staff_day.first().map_or(0, Vec::len);
        let width = self.days.min(days);
        let first = self.random.below(days - width + 1);
        (first..first + width).collect()
    }

    /// Fixes every decision outside the freed people (or days) to its value in
    /// `current`; returns the columns fixed.
    fn fix_all_but(&mut self, freed: &[usize], by_people: bool, current: &[f64]) -> Vec<usize> {
        let mut fixed = Vec::new();
        for (person, days) in self.by_staff_day.iter().enumerate() {
            for (day, columns) in days.iter().enumerate() {
                let free = if by_people {
                    freed.contains(&person)
                } else {
                    freed.contains(&day)
                };
                if free {
                    continue;
                }
                for &col in columns {
                    fixed.push(col);
                }
            }
        }
        for &col in &fixed {
            self.program.fix(col, current[col].round());
        }
        fixed
    }
}

/// A small, fast, seeded random number generator (SplitMix64).
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` at least 1).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

fn relative_gap(objective: f64, bound: f64) -> f64 {
    if !bound.is_finite() {
        return 1.0;
    }
    ((objective - bound) / objective.abs().max(1e-9)).max(0.0)
}
