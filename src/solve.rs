//! Solving: builds the model, hands it to HiGHS, reads the roster back, and
//! recomputes the objective from the assignment with the validator.

use std::collections::BTreeMap;
use std::time::Instant;

use good_lp::{SolverModel, highs};
use highs::{HighsModelStatus, HighsSolutionStatus};
use serde::{Deserialize, Serialize};

use crate::model::Model;
use crate::{Assignment, Roster, SolveError, Term, check, validate};

/// How to solve.
///
/// # Example
/// ```
/// let options = duty_roster::SolveOptions { time_limit: 10.0, ..Default::default() };
/// assert_eq!(options.threads, None);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SolveOptions {
    /// Seconds before the solver stops with the best roster found so far.
    pub time_limit: f64,
    /// Solver threads (HiGHS's own choice when absent).
    pub threads: Option<u32>,
    /// Relative gap at which a roster counts as optimal.
    pub relative_gap: f64,
    /// Print the solver's log on standard error.
    pub verbose: bool,
}

impl Default for SolveOptions {
    fn default() -> Self {
        SolveOptions {
            time_limit: 60.0,
            threads: None,
            relative_gap: 1e-9,
            verbose: false,
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
    let (vars, objective, rows, offset) = model.into_parts();
    let mut highs_model = vars
        .minimise(objective)
        .using(highs)
        .with_all(rows)
        .try_into_inner()
        .map_err(|e| SolveError::Solver(e.to_string()))?;
    let build_seconds = started.elapsed().as_secs_f64();

    set_options(&mut highs_model, options)?;
    let solving = Instant::now();
    let solved = highs_model
        .try_solve()
        .map_err(|e| SolveError::Solver(format!("{e:?}")))?;
    let solve_seconds = solving.elapsed().as_secs_f64();

    let status = match solved.status() {
        HighsModelStatus::Optimal => Status::Optimal,
        HighsModelStatus::Infeasible | HighsModelStatus::UnboundedOrInfeasible => {
            return Err(SolveError::Infeasible {
                reasons: check::precheck(roster)
                    .into_iter()
                    .map(|f| f.to_string())
                    .collect(),
            });
        }
        HighsModelStatus::ReachedTimeLimit
        | HighsModelStatus::ReachedIterationLimit
        | HighsModelStatus::ReachedSolutionLimit
        | HighsModelStatus::ReachedInterrupt => Status::TimeLimit,
        other => {
            return Err(SolveError::Solver(format!(
                "HiGHS stopped with status {other:?}"
            )));
        }
    };
    if solved.primal_solution_status() != HighsSolutionStatus::Feasible {
        return Err(SolveError::NoSolution {
            seconds: solve_seconds,
        });
    }
    let values = solved.get_solution();
    let columns = values.columns();
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
    let solver_objective = solved.objective_value() + offset;
    let best_bound = solved
        .double_info_value(c"mip_dual_bound")
        .map_or(solver_objective, |b| b + offset);
    let gap = match status {
        Status::Optimal => 0.0,
        Status::TimeLimit => relative_gap(report.objective, best_bound),
    };
    Ok(Outcome {
        status,
        assignments,
        objective: report.objective,
        terms: report.terms,
        solver_objective,
        best_bound,
        gap,
        build_seconds,
        solve_seconds,
        slots: roster.slots().len(),
        variables,
        constraints,
    })
}

fn relative_gap(objective: f64, bound: f64) -> f64 {
    if !bound.is_finite() {
        return 1.0;
    }
    ((objective - bound) / objective.abs().max(1e-9)).max(0.0)
}

fn set_options(model: &mut highs::Model, options: &SolveOptions) -> Result<(), SolveError> {
    let fail = |name: &str| SolveError::Solver(format!("cannot set HiGHS option `{name}`"));
    model
        .try_set_option("output_flag", options.verbose)
        .map_err(|_| fail("output_flag"))?;
    model
        .try_set_option("log_to_console", options.verbose)
        .map_err(|_| fail("log_to_console"))?;
    model
        .try_set_option("time_limit", options.time_limit)
        .map_err(|_| fail("time_limit"))?;
    model
        .try_set_option("mip_rel_gap", options.relative_gap)
        .map_err(|_| fail("mip_rel_gap"))?;
    if let Some(threads) = options.threads {
        model
            .try_set_option("threads", threads as i32)
            .map_err(|_| fail("threads"))?;
    }
    Ok(())
}
