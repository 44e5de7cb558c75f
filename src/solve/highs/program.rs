//! A program in HiGHS: the whole program as good_lp hands it over, or a problem
//! built row by row (the search's parts of it); solved with a time limit, from a
//! start roster, or sharing rosters with others through an [`Exchange`].

use good_lp::{Constraint, Expression, IntoAffineExpression, ProblemVariables, SolverModel};
use highs::{HighsModelStatus, HighsSolutionStatus, RowProblem, Sense};

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use crate::{SolveError, Watch};

use super::callbacks::{Interrupt, Started};
use super::exchange::Exchange;

/// Most work spent on a relaxation, in simplex iterations times the program's
/// nonzeros (an iteration costs about a pass over them): beyond it (the largest
/// programs), the relaxation costs more than the roster it leads to saves. A count,
/// not a time, so that the same roster gives the same path on any machine. 400
/// million: a program of 40,000 nonzeros may take 10,000 iterations, more than a
/// mid-sized roster's relaxation needs; one of 200,000 only 2,000, far fewer than
/// its relaxation would need.
const RELAXATION_WORK: f64 = 4e8;

/// A program in HiGHS, and the objective's constant part HiGHS leaves out.
pub(crate) struct Program {
    /// The HiGHS model (taken out while it solves).
    highs: Option<highs::Model>,
    /// The objective's constant part, which HiGHS leaves out of its value.
    offset: f64,
    /// The watch whose stop interrupts every solve of the program.
    watch: Option<Arc<Watch>>,
    /// Whether the root's first linear program is solved by the interior point
    /// method ([`Program::root_by_interior_point`]).
    interior_root: bool,
}

/// What one solve gave.
pub(crate) struct Run {
    /// How HiGHS stopped.
    pub status: HighsModelStatus,
    /// The best solution's column values, when one was found.
    pub columns: Option<Vec<f64>>,
    /// Its objective, constant included.
    pub objective: f64,
    /// The best bound proved, constant included.
    pub bound: f64,
}

/// The callbacks a solve runs with.
#[derive(Clone, Copy)]
pub(crate) enum Callbacks<'a> {
    /// No callback: the solve runs alone.
    None,
    /// Telling the exchange of every roster the solve improves on and of its
    /// bound, taking the better rosters others offer there as its incumbent, and
    /// stopping when the exchange's best roster meets its bound.
    Share(&'a Exchange),
    /// Interrupted once the flag is set (checked where HiGHS checks its time limit
    /// in a search).
    Stop(&'a AtomicBool),
}

fn solver_error(what: &str, e: impl std::fmt::Debug) -> SolveError {
    SolveError::Solver(format!("HiGHS {what}: {e:?}"))
}

/// The error of a program whose model a failed solve destroyed.
fn lost() -> SolveError {
    SolveError::Solver("HiGHS lost the model in a failed solve".into())
}

impl Program {
    /// Passes the variables, objective and constraints to HiGHS through good_lp's
    /// HiGHS backend: the very model good_lp would solve (its `>=` rows keep their
    /// direction, so ties between optimal rosters break as they always have).
    pub(crate) fn through_good_lp(
        vars: ProblemVariables,
        objective: Expression,
        rows: Vec<Constraint>,
    ) -> Result<Program, SolveError> {
        let offset = objective.constant();
        let highs = vars
            .minimise(objective)
            .using(good_lp::highs)
            .with_all(rows)
            .try_into_inner()
            .map_err(|e| SolveError::Solver(e.to_string()))?;
        Ok(Program {
            highs: Some(highs),
            offset,
            watch: None,
            interior_root: false,
        })
    }

    /// The HiGHS model of `problem`, whose objective leaves out the constant `offset`.
    pub(crate) fn from_problem(problem: RowProblem, offset: f64) -> Result<Program, SolveError> {
        let highs = problem
            .try_optimise(Sense::Minimise)
            .map_err(|e| solver_error("cannot load the model", e))?;
        Ok(Program {
            highs: Some(highs),
            offset,
            watch: None,
            interior_root: false,
        })
    }

    /// Interrupts every later solve of the program once `watch` is stopped.
    pub(crate) fn watch(&mut self, watch: Option<Arc<Watch>>) {
        self.watch = watch;
    }

    /// The objective's constant part (left out of the values HiGHS reports).
    pub(crate) fn offset(&self) -> f64 {
        self.offset
    }

    /// The HiGHS model; an error once a failed solve has destroyed it.
    fn model(&mut self) -> Result<&mut highs::Model, SolveError> {
        self.highs.as_mut().ok_or_else(lost)
    }

    /// Sets a HiGHS option.
    pub(crate) fn set_option<V: highs::HighsOptionValue>(
        &mut self,
        name: &str,
        value: V,
    ) -> Result<(), SolveError> {
        self.model()?
            .try_set_option(name, value)
            .map_err(|_| SolveError::Solver(format!("cannot set HiGHS option `{name}`")))
    }

    /// Solves within `time_limit` seconds, starting from `start` when given.
    pub(crate) fn solve(
        &mut self,
        time_limit: f64,
        start: Option<&[f64]>,
    ) -> Result<Run, SolveError> {
        self.solve_with(time_limit, start, Callbacks::None)
    }

    /// Has the solve of the whole program solve its root node's first linear
    /// program by the interior point method (then crossover to a basis) instead
    /// of the dual simplex: for programs whose relaxation the simplex method
    /// could not solve within [`RELAXATION_WORK`], the simplex method may take
    /// much of the time limit over it, or all of it, where the interior point
    /// method takes seconds; the root's cut rounds and heuristics, and the bound,
    /// come that much sooner.
    pub(crate) fn root_by_interior_point(&mut self) -> Result<(), SolveError> {
        self.set_option("mip_lp_solver", "ipm")?;
        self.interior_root = true;
        Ok(())
    }

    /// Whether [`Program::root_by_interior_point`] was called: the relaxation was
    /// beyond the simplex method's work limit.
    pub(crate) fn root_is_interior_point(&self) -> bool {
        self.interior_root
    }

    /// The columns of the linear relaxation's optimum (integrality dropped), when it
    /// is solved within `time_limit` seconds and [`RELAXATION_WORK`] (the program
    /// has `nonzeros` coefficients); `None` otherwise. Its optimum is the bound
    /// every roster meets, and the rosters near it are the first ones tried: on
    /// rosters whose relaxation is nearly integral, the optimum is then found at
    /// once instead of after the root's cut rounds.
    pub(crate) fn relaxation(
        &mut self,
        time_limit: f64,
        nonzeros: usize,
    ) -> Result<Option<Vec<f64>>, SolveError> {
        let iterations = (RELAXATION_WORK / nonzeros.max(1) as f64).min(f64::from(i32::MAX));
        self.set_option("solve_relaxation", true)?;
        self.set_option("simplex_iteration_limit", iterations as i32)?;
        let run = match self.solve_with(time_limit, None, Callbacks::None) {
            // the model is gone with the failed solve: nothing to go on with
            Err(e) if self.highs.is_none() => return Err(e),
            run => run,
        };
        self.set_option("solve_relaxation", false)?;
        self.set_option("simplex_iteration_limit", i32::MAX)?;
        Ok(run
            .ok()
            .filter(|run| run.status == HighsModelStatus::Optimal)
            .and_then(|run| run.columns))
    }

    /// Solves within `time_limit` seconds from `start` when given, with `callbacks`.
    pub(crate) fn solve_with(
        &mut self,
        time_limit: f64,
        start: Option<&[f64]>,
        callbacks: Callbacks,
    ) -> Result<Run, SolveError> {
        self.set_option("time_limit", time_limit.max(0.01))?;
        // HiGHS gives the model back only after a successful solve: a failed one
        // destroys it, and every later use of the program is an error.
        let mut model = self.highs.take().ok_or_else(lost)?;
        if let Some(start) = start {
            model
                .try_set_solution(Some(start), None, None, None)
                .map_err(|e| solver_error("cannot take the start roster", e))?;
        }
        let asked = self.watch.as_ref().map(|w| w.stop_flag());
        let solved = match (callbacks, asked.as_deref()) {
            (Callbacks::None, None) => model.try_solve().map_err(|e| solver_error("failed", e))?,
            (Callbacks::None, Some(asked)) => {
                Started::stoppable(model, &Interrupt([Some(asked), None]))?.solve()?
            }
            // the exchange looks at the watch itself
            (Callbacks::Share(exchange), _) => Started::sharing(model, exchange)?.solve()?,
            (Callbacks::Stop(stop), asked) => {
                Started::stoppable(model, &Interrupt([Some(stop), asked]))?.solve()?
            }
        };
        let status = solved.status();
        let feasible = solved.primal_solution_status() == HighsSolutionStatus::Feasible;
        let columns = feasible.then(|| solved.get_solution().columns().to_vec());
        let objective = solved.objective_value() + self.offset;
        let bound = solved
            .double_info_value(c"mip_dual_bound")
            .map_or(objective, |b| b + self.offset);
        self.highs = Some(solved.into());
        Ok(Run {
            status,
            columns,
            objective,
            bound,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::random::SplitMix;
    use std::time::Instant;

    /// A market split program (rows of random weights on binary columns, each
    /// summing to half its weights): tiny, yet hard for branch and bound, so its
    /// solve lasts until it is stopped.
    fn market_split() -> RowProblem {
        let mut random = SplitMix(7);
        let mut problem = RowProblem::default();
        let cols: Vec<_> = (0..40)
            .map(|_| problem.add_integer_column(random.below(10) as f64, 0..=1))
            .collect();
        for _ in 0..4 {
            let weights: Vec<f64> = cols.iter().map(|_| random.below(100) as f64).collect();
            let half = (weights.iter().sum::<f64>() / 2.0).floor();
            problem.add_row(half..=half, cols.iter().copied().zip(weights));
        }
        problem
    }

    /// How the market split program's solve with a stop flag, `stopped` or not,
    /// and `time_limit` seconds ends.
    fn market_split_ends(stopped: bool, time_limit: f64) -> HighsModelStatus {
        let mut program = Program::from_problem(market_split(), 0.0).unwrap();
        program.set_option("output_flag", false).unwrap();
        let stop = AtomicBool::new(stopped);
        let run = program.solve_with(time_limit, None, Callbacks::Stop(&stop));
        run.unwrap().status
    }

    #[test]
    fn a_solve_with_a_set_stop_flag_is_interrupted() {
        assert_eq!(
            market_split_ends(true, 30.0),
            HighsModelStatus::ReachedInterrupt
        );
    }

    /// A market split program whose rows sum to what a random choice of its
    /// columns gives them, with that choice (a roster) and its objective.
    fn market_split_with_a_roster() -> (RowProblem, Vec<f64>, f64) {
        let mut random = SplitMix(5);
        let mut problem = RowProblem::default();
        let costs: Vec<f64> = (0..40).map(|_| 1.0 + random.below(9) as f64).collect();
        let cols: Vec<_> = costs
            .iter()
            .map(|&c| problem.add_integer_column(c, 0..=1))
            .collect();
        let chosen: Vec<f64> = cols.iter().map(|_| random.below(2) as f64).collect();
        for _ in 0..4 {
            let weights: Vec<f64> = cols.iter().map(|_| random.below(100) as f64).collect();
            let sum: f64 = weights.iter().zip(&chosen).map(|(w, x)| w * x).sum();
            problem.add_row(sum..=sum, cols.iter().copied().zip(weights));
        }
        let objective = costs.iter().zip(&chosen).map(|(c, x)| c * x).sum();
        (problem, chosen, objective)
    }

    /// The market split program with a roster solved for `time_limit` seconds,
    /// sharing through an exchange that holds that roster and, given `yield_limit`,
    /// lets the solve give its core up as if its time limit were that long; the
    /// run, the exchange, and the roster's objective.
    fn market_split_shared(yield_limit: Option<f64>, time_limit: f64) -> (Run, Exchange, f64) {
        let (mut program, exchange, objective) = market_split_sharing();
        if let Some(limit) = yield_limit {
            exchange.allow_yield(limit);
        }
        let run = program
            .solve_with(time_limit, None, Callbacks::Share(&exchange))
            .unwrap();
        (run, exchange, objective)
    }

    /// The market split program, quiet, and an exchange that holds a roster of it;
    /// the roster's objective.
    fn market_split_sharing() -> (Program, Exchange, f64) {
        let (problem, roster, objective) = market_split_with_a_roster();
        let mut program = Program::from_problem(problem, 0.0).unwrap();
        program.set_option("output_flag", false).unwrap();
        let exchange = Exchange::new(0.0, 0.0, true);
        exchange.offer(objective, &roster);
        (program, exchange, objective)
    }

    #[test]
    fn a_held_whole_solve_gets_its_whole_time_limit_once_its_root_is_solved() {
        let (mut program, exchange, _) = market_split_sharing();
        let held = exchange.hold_root(1.0);
        assert_eq!(held, 0.5);
        let started = Instant::now();
        let run = program
            .solve_with(held, None, Callbacks::Share(&exchange))
            .unwrap();
        assert_eq!(run.status, HighsModelStatus::ReachedTimeLimit);
        assert!(!exchange.root_unsolved());
        let seconds = started.elapsed().as_secs_f64();
        assert!(seconds > 0.75, "ran past its held {held} s: {seconds} s");
    }

    #[test]
    fn a_whole_solve_that_gains_nothing_gives_its_core_up() {
        let (run, exchange, objective) = market_split_shared(Some(1.0), 30.0);
        assert_eq!(run.status, HighsModelStatus::ReachedInterrupt);
        assert!(exchange.yielded());
        assert!(exchange.bound().is_finite(), "the bound is kept");
        assert!(exchange.best().unwrap().0 <= objective);
    }

    #[test]
    fn a_whole_solve_not_allowed_to_give_its_core_up_keeps_it() {
        let (run, exchange, _) = market_split_shared(None, 1.0);
        assert_eq!(run.status, HighsModelStatus::ReachedTimeLimit);
        assert!(!exchange.yielded());
    }

    #[test]
    fn a_solve_with_an_unset_stop_flag_runs_to_its_time_limit() {
        assert_eq!(
            market_split_ends(false, 0.3),
            HighsModelStatus::ReachedTimeLimit
        );
    }

    /// The market split program, quiet, whose every solve fails: HiGHS cannot read
    /// the start roster its options name, and ends the solve with an error (which
    /// destroys the model).
    fn failing() -> Program {
        let mut program = Program::from_problem(market_split(), 0.0).unwrap();
        program.set_option("output_flag", false).unwrap();
        program
            .set_option("read_solution_file", "no/such/roster.sol")
            .unwrap();
        program
    }

    fn is_solver_error<T>(result: Result<T, SolveError>) -> bool {
        matches!(result, Err(SolveError::Solver(_)))
    }

    /// The optimum of a small program with a fractional relaxation (rows of
    /// random weights over binary columns, a least and a most each), proven,
    /// with its root solved by the interior point method or not.
    fn proven_optimum(interior_point: bool) -> f64 {
        let mut random = SplitMix(11);
        let mut problem = RowProblem::default();
        let cols: Vec<_> = (0..30)
            .map(|_| problem.add_integer_column(1.0 + random.below(20) as f64, 0..=1))
            .collect();
        for _ in 0..6 {
            let weights: Vec<f64> = cols.iter().map(|_| random.below(10) as f64).collect();
            let total: f64 = weights.iter().sum();
            problem.add_row(total / 3.0..=total / 2.0, cols.iter().copied().zip(weights));
        }
        let mut program = Program::from_problem(problem, 0.0).unwrap();
        program.set_option("output_flag", false).unwrap();
        if interior_point {
            program.root_by_interior_point().unwrap();
        }
        let run = program.solve(30.0, None).unwrap();
        assert_eq!(run.status, HighsModelStatus::Optimal);
        run.objective
    }

    #[test]
    fn a_root_solved_by_the_interior_point_method_proves_the_same_optimum() {
        let simplex = proven_optimum(false);
        assert!(simplex > 0.0, "{simplex}");
        assert!((proven_optimum(true) - simplex).abs() < 1e-6);
    }

    #[test]
    fn a_failed_relaxation_is_a_solver_error() {
        let mut program = failing();
        let relaxed = program.relaxation(10.0, 160);
        // the solve's own failure, not what follows from it
        assert!(
            matches!(&relaxed, Err(SolveError::Solver(m)) if !m.contains("lost")),
            "{:?}",
            relaxed.err()
        );
        // the model is gone: what follows is an error too, not a panic
        assert!(is_solver_error(program.set_option("threads", 1)));
        assert!(is_solver_error(program.solve(10.0, None)));
    }

    #[test]
    fn a_failed_solve_with_callbacks_is_a_solver_error() {
        let exchange = Exchange::new(0.0, 0.0, true);
        let mut program = failing();
        let run = program.solve_with(10.0, None, Callbacks::Share(&exchange));
        assert!(is_solver_error(run));
        assert!(exchange.best().is_none());
        let stop = AtomicBool::new(false);
        let run = program.solve_with(10.0, None, Callbacks::Stop(&stop));
        assert!(is_solver_error(run));
    }
}
