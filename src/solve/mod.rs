//! Solving: builds the model, hands it to HiGHS, reads the roster back, and
//! recomputes the objective from the assignment with the validator.
//!
//! HiGHS first solves the linear relaxation, whose optimum is completed into a
//! roster (its whole values held, a small program solved for the rest); on the
//! agency's rosters that roster meets the relaxation's bound, so it is optimal and
//! nothing more is solved. Otherwise a short solve (HiGHS's root and one leaf)
//! starts from that roster, then the full solve from the best roster found; where
//! the relaxation cannot be completed, the full solve starts at once.
//!
//! When the whole program is not solved within a second, a large-neighbourhood search
//! runs beside it, in a second thread: it holds most of the decisions at the best
//! roster so far (everyone but a few people, or every day but a few), solves the part
//! of the same integer program that the rest open, and keeps what is better. The two
//! solves trade rosters and the bound as they go; the best roster is returned, proven
//! optimal when its recomputed objective meets the bound.

mod complete;
mod construct;
mod detached;
mod groups;
mod highs;
mod replan;
mod search;
mod size;
mod watch;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use ::highs::HighsModelStatus;
use serde::{Deserialize, Serialize};

use detached::Detached;

use self::highs::{Callbacks, Exchange, Matrix, Program, Run, better, meets};
use crate::model::{Decision, Model};
use crate::{Assignment, Roster, SolveError, Term, check, validate};

pub use size::{ProgramSize, program_size};
pub use watch::{Progress, Watch};

/// How to solve.
///
/// # Example
/// ```
/// let mut options = duty_roster::SolveOptions::default();
/// options.time_limit = 10.0;
/// assert_eq!(options.threads, None);
/// assert!(options.neighbourhood_search);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct SolveOptions {
    /// Seconds before the solver stops with the best roster found so far.
    pub time_limit: f64,
    /// Solver threads (HiGHS's own choice when absent); at most [`max_threads`]
    /// are used.
    pub threads: Option<u32>,
    /// Relative gap at which a roster counts as optimal.
    pub relative_gap: f64,
    /// Print the solver's log on standard error.
    pub verbose: bool,
    /// Run a large-neighbourhood search beside the solve of the whole program (in
    /// a second thread, once the whole program has run alone for a second), and
    /// keep the better roster.
    pub neighbourhood_search: bool,
    /// Seed of the neighbourhood search's random choices.
    pub seed: u64,
    /// A handle through which another thread follows the solve and may stop it.
    #[serde(skip)]
    pub watch: Option<Arc<Watch>>,
}

impl SolveOptions {
    /// Whether a stop was asked through the [`watch`](SolveOptions::watch).
    pub(crate) fn stop_asked(&self) -> bool {
        self.watch.as_ref().is_some_and(|w| w.is_stopped())
    }
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
            watch: None,
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
#[non_exhaustive]
pub enum Status {
    /// Proven optimal (within the relative gap).
    Optimal,
    /// Stopped at the time limit with a roster that is not proven optimal.
    TimeLimit,
    /// Stopped early on request ([`Watch::stop`]; a signal on the command line) with
    /// the best roster found, not proven optimal.
    Interrupted,
    /// Not solved: a roster given and checked (a swap two people agreed on).
    Given,
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Status::Optimal => "optimal",
            Status::TimeLimit => "time limit",
            Status::Interrupted => "interrupted",
            Status::Given => "given, not solved",
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
#[non_exhaustive]
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
    /// Seconds spent building the model; on a re-plan, also finding the fewest
    /// changes first.
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

impl Outcome {
    /// The outcome of a roster given rather than solved (a swap two people agreed
    /// on): its objective and terms recomputed by the validator, status
    /// [`Status::Given`], no solver figures.
    ///
    /// # Example
    /// ```
    /// let roster = duty_roster::sample::tiny_roster();
    /// let outcome = duty_roster::Outcome::given(&roster, vec![]);
    /// assert_eq!(outcome.status, duty_roster::Status::Given);
    /// assert_eq!(outcome.objective, duty_roster::validate(&roster, &[]).objective);
    /// ```
    pub fn given(roster: &Roster, assignments: Vec<Assignment>) -> Outcome {
        let report = validate(roster, &assignments);
        Outcome {
            status: Status::Given,
            assignments,
            objective: report.objective,
            terms: report.terms,
            solver_objective: report.objective,
            best_bound: report.objective,
            gap: 0.0,
            build_seconds: 0.0,
            solve_seconds: 0.0,
            slots: roster.slots().len(),
            variables: 0,
            constraints: 0,
        }
    }
}

/// Solves `roster`: an optimal roster, or the best found within the time limit.
///
/// Heuristics beside the main solve run on threads of their own. Should HiGHS
/// hang in one of them (its presolve can loop without looking at its time
/// limit), `solve` still returns, at most a few seconds past the time limit, and
/// leaves that thread to end on its own.
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
    // A re-plan first finds the fewest changes; the roster then keeps to them.
    let fewest = match roster.def().replan {
        Some(_) => Some(replan::fewest_changes(roster, options)?),
        None => None,
    };
    let mut options = options.clone();
    if let Some(fewest) = &fewest {
        options.time_limit = (options.time_limit - fewest.seconds).max(1.0);
    }
    let options = &options;
    let mut model = Model::build(roster);
    if let Some(fewest) = &fewest {
        model.bound_changes(fewest.changes as f64 + 0.5);
    }
    let decisions = model.decisions().to_vec();
    let shared = model.shared_columns();
    let (variables, constraints) = (model.variable_count(), model.constraint_count());
    let (vars, objective, rows, _) = model.into_parts();
    // a copy of the program that parts of it are cut from
    let matrix = Arc::new(Matrix::new(&vars, &objective, &rows));
    // A program solved by groups is loaded from the matrix only if it must be
    // solved whole after all: the variables and rows are not kept meanwhile.
    let split = groups::split(&matrix, &shared, &decisions);
    let mut parts = split.is_none().then_some((vars, objective, rows));
    let mut build_seconds = started.elapsed().as_secs_f64();
    let solving = Instant::now();
    // the whole program, in the time left; also after its groups, when they fall short
    let mut whole = |options: &SolveOptions| -> Result<Best, SolveError> {
        let building = Instant::now();
        let mut program = match parts.take() {
            Some((vars, objective, rows)) => Program::through_good_lp(vars, objective, rows)?,
            None => Program::from_problem(matrix.problem(), matrix.offset())?,
        };
        build_seconds += building.elapsed().as_secs_f64();
        set_options(&mut program, options)?;
        if options.neighbourhood_search {
            search(program, &matrix, roster, &decisions, options)
        } else {
            alone(&mut program, &matrix, roster, &decisions, options)
        }
    };
    let best = match &split {
        Some(split) => {
            groups::solve_apart(&matrix, split, &shared, roster, &decisions, options, whole)?
        }
        None => {
            let mut options = options.clone();
            options.time_limit = (options.time_limit - solving.elapsed().as_secs_f64()).max(1.0);
            whole(&options)?
        }
    };
    let solve_seconds = (started.elapsed().as_secs_f64() - build_seconds).max(0.0);
    let Some(columns) = best.columns else {
        return Err(SolveError::NoSolution {
            seconds: solve_seconds,
        });
    };
    let assignments = assignments_of(roster, &decisions, &columns);
    let report = validate(roster, &assignments);
    // Proven only if the roster itself meets the bound (not just the solver's value).
    let fewest_proven = fewest.as_ref().is_none_or(|f| f.proven);
    let status = if fewest_proven
        && best.proven
        && meets(report.objective, best.bound, options.relative_gap)
    {
        Status::Optimal
    } else if options.stop_asked() {
        Status::Interrupted
    } else {
        Status::TimeLimit
    };
    let gap = match status {
        Status::Optimal | Status::Given => 0.0,
        Status::TimeLimit | Status::Interrupted => relative_gap(report.objective, best.bound),
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

/// The threads of the whole program's solve when the search runs beside it: one
/// core for the search, the others for the whole solve.
pub(super) fn whole_threads() -> i32 {
    (available_cores() - 1).max(1) as i32
}

/// The whole program solved alone in this thread, started from its relaxation.
fn alone(
    program: &mut Program,
    matrix: &Arc<Matrix>,
    roster: &Roster,
    decisions: &[Decision],
    options: &SolveOptions,
) -> Result<Best, SolveError> {
    let exchange = exchange_for(program, matrix, options);
    let decision = decision_mask(matrix, decisions);
    let constructing = construct::start(matrix, decisions, &exchange, options);
    let first = from_relaxation(program, matrix, &decision, &exchange, options)?;
    let run = match first {
        First::Proven(run) => run,
        First::Start(start, left, bound) => {
            let waiting = Instant::now();
            let start = start.or_else(|| Some(constructing?.wait()?.1));
            let left = (left - waiting.elapsed().as_secs_f64()).max(0.0);
            let mut run = program.solve(left, start.as_deref())?;
            run.bound = run.bound.max(bound);
            run
        }
    };
    Best::from_full_run(roster, run)
}

/// The assignments that the column values `columns` choose.
fn assignments_of(roster: &Roster, decisions: &[Decision], columns: &[f64]) -> Vec<Assignment> {
    decisions
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
        .collect()
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
    /// No roster, and `bound` (minus infinity where none was proved).
    fn without_roster(bound: f64) -> Best {
        Best {
            columns: None,
            objective: f64::INFINITY,
            bound,
            proven: false,
        }
    }

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
        self.columns.is_some() && meets(self.objective, self.bound, relative_gap)
    }
}

/// Sets the solver options of `options` on `program`, and its watch: a stop asked
/// there interrupts every solve of the program.
pub(super) fn set_options(program: &mut Program, options: &SolveOptions) -> Result<(), SolveError> {
    program.watch(options.watch.clone());
    program.set_option("output_flag", options.verbose)?;
    program.set_option("log_to_console", options.verbose)?;
    program.set_option("mip_rel_gap", options.relative_gap)?;
    if let Some(threads) = options.threads {
        program.set_option("threads", threads.min(max_threads()) as i32)?;
    }
    Ok(())
}

/// The most solver threads used: the cores this process may use. More would only
/// contend for them, and HiGHS aborts the process when it cannot start them all, so
/// [`SolveOptions::threads`] is capped to it.
///
/// # Example
/// ```
/// assert!(duty_roster::solve::max_threads() >= 1);
/// ```
pub fn max_threads() -> u32 {
    u32::try_from(available_cores()).unwrap_or(u32::MAX)
}

/// The whole program solved for the full time limit (the bound, and the proof of
/// optimality), with a neighbourhood search beside it in a second thread (better
/// rosters sooner); the better roster wins.
///
/// The search starts only when the whole program is not solved within [`ALONE`]
/// seconds, and stops when it is. A whole solve of a large program (its root by
/// the interior point method) that gains nothing for long (see `Progress`) stops,
/// and a second search takes its core for the time left; the bound it proved is
/// kept. Such a solve is held to a share of its time limit until its root's first
/// linear program is solved (then lengthened to the whole limit); one whose root
/// is not solved by then gives its core to a second search too. The whole solve
/// runs on a thread of its own, awaited here: one still in its root's linear
/// program [`GRACE`] seconds past its time limit or the stop asked through the
/// watch is left behind (see `patience`).
fn search(
    mut whole: Program,
    matrix: &Arc<Matrix>,
    roster: &Roster,
    decisions: &[Decision],
    options: &SolveOptions,
) -> Result<Best, SolveError> {
    let started = Instant::now();
    // More heuristic effort in the whole program's solve: it finds rosters too.
    whole.set_option("mip_heuristic_effort", HEURISTIC_EFFORT)?;
    if options.threads.is_none() {
        whole.set_option("threads", whole_threads())?;
    }
    let exchange = exchange_for(&whole, matrix, options);
    let decision = decision_mask(matrix, decisions);
    let constructing = construct::start(matrix, decisions, &exchange, options);
    let first = from_relaxation(&mut whole, matrix, &decision, &exchange, options)?;
    let (start, time_limit) = match first {
        First::Proven(run) => return Best::from_full_run(roster, run),
        First::Start(start, left, bound) => {
            exchange.note_lower_bound(bound);
            (start.or_else(|| exchange.best().map(|(_, c)| c)), left)
        }
    };
    let stop = Arc::new(AtomicBool::new(false));
    let new_search = |options: &SolveOptions| {
        search::Search::new(
            Arc::clone(matrix),
            roster,
            decisions,
            decision.clone(),
            options,
            Arc::clone(&stop),
            started,
        )
    };
    let search = new_search(options);
    // the search's clock is the solve's: it ends with the whole solve; it starts
    // once a first roster is built on its core (that roster is in the exchange)
    let building = constructing.as_ref().map_or(0.0, construct::Running::left);
    let helper = Detached::spawn({
        let exchange = Arc::clone(&exchange);
        move || {
            let _ = constructing.map(construct::Running::wait);
            search::beside(search, &exchange)
        }
    });
    // Only where the relaxation was beyond the simplex method's work limit: the
    // root's linear programs are then so large that HiGHS's root takes much of the
    // time limit. On smaller programs the whole solve's tree and its heuristics,
    // which start from the search's rosters, find better ones late, after long
    // stretches without a gain (measured in docs/benchmarks-nsp.md).
    // There too its root's first linear program is held to a share of the time
    // limit (see `Progress::hold_root`).
    let whole_limit = if whole.root_is_interior_point() {
        exchange.allow_yield(options.time_limit);
        exchange.hold_root(time_limit)
    } else {
        time_limit
    };
    let solving = Instant::now();
    let whole_solve = Detached::spawn({
        let exchange = Arc::clone(&exchange);
        move || whole.solve_with(whole_limit, start.as_deref(), Callbacks::Share(&exchange))
    });
    let run = whole_solve.wait_while(patience(solving, time_limit, GRACE, || {
        options.stop_asked()
    }));
    if run.is_none() && options.verbose {
        eprintln!(
            "whole solve: {:.1} s, not back {GRACE} s past its time limit or the stop; left behind",
            started.elapsed().as_secs_f64()
        );
    }
    let root_unsolved = exchange.root_unsolved()
        && matches!(&run, Some(Ok(run)) if run.status == HighsModelStatus::ReachedTimeLimit);
    if exchange.yielded() || root_unsolved {
        if options.verbose {
            let why = if exchange.root_unsolved() {
                "its root's linear program unsolved at its held time limit"
            } else {
                "gains nothing"
            };
            eprintln!(
                "whole solve: {:.1} s, {why}; its core runs a second search",
                started.elapsed().as_secs_f64()
            );
        }
        let second = SolveOptions {
            seed: options.seed.wrapping_add(1),
            ..options.clone()
        };
        // An error ends this search; the first one goes on.
        let _ = new_search(&second).run(&exchange);
    }
    stop.store(true, Ordering::Relaxed);
    // The search's rosters are in the exchange; a failed search leaves none. Its
    // part in progress is interrupted at HiGHS's next check of the stop flag,
    // unless HiGHS is stuck where it checks nothing (see `detached`); a first
    // roster still being built is waited for when there is no other.
    let building = if exchange.best().is_none() {
        building
    } else {
        0.0
    };
    let _ = helper.wait(part_limit(options).max(building) + GRACE);
    let mut best = match run {
        Some(run) => Best::from_full_run(roster, run?)?,
        None => Best::without_roster(f64::NEG_INFINITY),
    };
    best.bound = best.bound.max(exchange.bound());
    // On a tie the exchange's roster: the whole solve's own final roster may be one
    // HiGHS rebuilt from a handed-over roster, which need not cost the same.
    if let Some((objective, columns)) = exchange.best()
        && (best.columns.is_none() || !better(best.objective, objective))
    {
        best.objective = objective;
        best.columns = Some(columns);
    }
    best.proven = best.proven || best.meets_bound(options.relative_gap);
    Ok(best)
}

/// Seconds a thread that solves a part of the program is waited for beyond the
/// part's own time limit, before it is taken to be stuck in HiGHS and let go.
const GRACE: f64 = 2.0;

/// Whether to wait on for a whole program's solve that started at `solving` with
/// `time_limit` seconds: until `grace` seconds past its time limit, or past the
/// moment `stopped()` first holds. Inside its root's first linear program HiGHS
/// looks at neither its clock nor its callbacks, and on the largest programs that
/// linear program outlasts the time limit: the solve is then left behind, and the
/// best roster and bound that the exchange holds are the answer.
fn patience(
    solving: Instant,
    time_limit: f64,
    grace: f64,
    stopped: impl Fn() -> bool,
) -> impl FnMut() -> bool {
    let mut stop_seen: Option<Instant> = None;
    move || {
        if stop_seen.is_none() && stopped() {
            stop_seen = Some(Instant::now());
        }
        solving.elapsed().as_secs_f64() < time_limit + grace
            && stop_seen.is_none_or(|seen| seen.elapsed().as_secs_f64() < grace)
    }
}

/// What the first, short solve from the relaxation gave.
enum First {
    /// The program solved and proven optimal.
    Proven(Run),
    /// A roster to start the full solve from (when one was found), the seconds
    /// left of the time limit, and the bound proved so far (constant included).
    Start(Option<Vec<f64>>, f64, f64),
}

/// The linear relaxation's optimum, completed into a roster: where that roster
/// meets the relaxation's bound, as on the agency's rosters, it is optimal and
/// nothing more is solved. Otherwise a first, short solve, HiGHS's root node and a
/// single leaf, from that roster; beside it, in a second thread, the best roster
/// within the relaxation's support
/// ([`complete::within_support`]), whose roster stops the solve as soon as the
/// solve's bound meets it. Where either proves the optimum, that roster is returned
/// (the second thread's on a tie, whichever ends first: the same roster on every
/// run); otherwise the better one starts the full solve.
///
/// When the simplex method does not solve the relaxation within its work limit,
/// the full solve starts at once and solves its root by the interior point method
/// ([`Program::root_by_interior_point`]).
///
/// When the relaxation cannot be completed, the full solve starts at once, with the
/// relaxation's bound: HiGHS's own completion of the relaxation fails there too, so
/// a short solve would only do the root node that the full solve does again, and
/// keep the search's core idle meanwhile.
///
/// Call it once the program's options are set (HiGHS takes its thread count at the
/// first solve).
fn from_relaxation(
    program: &mut Program,
    matrix: &Arc<Matrix>,
    decision: &[bool],
    exchange: &Arc<Exchange>,
    options: &SolveOptions,
) -> Result<First, SolveError> {
    let started = Instant::now();
    let left = || (options.time_limit - started.elapsed().as_secs_f64()).max(0.0);
    let Some(relaxed) = program.relaxation(options.time_limit, matrix.nonzeros())? else {
        program.root_by_interior_point()?;
        return Ok(First::Start(None, left(), f64::NEG_INFINITY));
    };
    let bound = exchange.rounded_up(matrix.objective_of(&relaxed));
    let Some((objective, columns)) = complete::complete(matrix, &relaxed, options, left())? else {
        // No short solve: HiGHS's own completion of the relaxation fails where
        // ours does, and the full solve would only do its root again.
        return Ok(First::Start(None, left(), bound));
    };
    if meets(objective, bound, options.relative_gap) {
        return Ok(First::Proven(Run {
            status: HighsModelStatus::Optimal,
            columns: Some(columns),
            objective,
            bound,
        }));
    }
    exchange.offer(objective, &columns);
    program.set_option("mip_max_leaves", 1)?;
    let limit = part_limit(options).min(left());
    let spawned = Instant::now();
    let helper = Detached::spawn({
        let (matrix, exchange) = (Arc::clone(matrix), Arc::clone(exchange));
        let (decision, relaxed, options) = (decision.to_vec(), relaxed.clone(), options.clone());
        move || {
            let found = complete::within_support(&matrix, &decision, &relaxed, &options, limit)
                .ok()
                .flatten();
            if let Some((objective, columns)) = &found {
                exchange.offer(*objective, columns);
            }
            found
        }
    });
    let run = program.solve_with(left(), Some(&columns), Callbacks::Share(exchange));
    let waited = (limit - spawned.elapsed().as_secs_f64()).max(0.0) + GRACE;
    let support = helper.wait(waited).flatten();
    let mut run = run?;
    program.set_option("mip_max_leaves", i32::MAX)?;
    if let Some((objective, columns)) = support
        && (run.columns.is_none() || !better(run.objective, objective))
    {
        run.objective = objective;
        run.columns = Some(columns);
    }
    run.bound = run.bound.max(exchange.bound());
    let proven = run.status == HighsModelStatus::Optimal
        || (run.columns.is_some() && meets(run.objective, run.bound, options.relative_gap));
    Ok(if proven {
        run.status = HighsModelStatus::Optimal;
        First::Proven(run)
    } else {
        First::Start(run.columns, left(), run.bound)
    })
}

/// Seconds a part of the program may take (a neighbourhood of the search, the
/// roster within the relaxation's support): short, since the whole program's solve
/// may end at any time and waits for it.
pub(super) fn part_limit(options: &SolveOptions) -> f64 {
    (options.time_limit / 30.0).clamp(0.5, 3.0)
}

/// The exchange through which the solves of `program` (copied in `matrix`) share
/// rosters and bounds.
fn exchange_for(program: &Program, matrix: &Matrix, options: &SolveOptions) -> Arc<Exchange> {
    Arc::new(
        Exchange::new(
            program.offset(),
            options.relative_gap,
            matrix.objective_is_integral(),
        )
        .watched_by(options.watch.clone()),
    )
}

/// Whether each column of `matrix` is one of the `decisions` (a person on a slot).
fn decision_mask(matrix: &Matrix, decisions: &[Decision]) -> Vec<bool> {
    let mut mask = vec![false; matrix.column_count()];
    for d in decisions {
        mask[d.column] = true;
    }
    mask
}

/// The cores this process may use (1 when unknown).
fn available_cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// HiGHS's `mip_heuristic_effort` in the whole program's solve (its default is 0.05).
const HEURISTIC_EFFORT: f64 = 0.3;

/// Seconds the whole program is solved alone before the neighbourhood search starts
/// beside it: most rosters are solved by then.
pub(super) const ALONE: f64 = 1.0;

fn relative_gap(objective: f64, bound: f64) -> f64 {
    if !bound.is_finite() {
        return 1.0;
    }
    ((objective - bound) / objective.abs().max(1e-9)).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_whole_solve_is_waited_for_within_its_time_limit_and_grace() {
        let mut waiting = patience(Instant::now(), 60.0, 2.0, || false);
        assert!(waiting());
        let long_ago = Instant::now().checked_sub(Duration::from_secs(10)).unwrap();
        let mut waiting = patience(long_ago, 9.0, 2.0, || false);
        assert!(waiting(), "one second past the limit, within the grace");
        let mut waiting = patience(long_ago, 7.0, 2.0, || false);
        assert!(!waiting(), "three seconds past the limit");
    }

    #[test]
    fn a_whole_solve_is_waited_for_the_grace_after_a_stop() {
        let stopped = AtomicBool::new(false);
        let mut waiting = patience(Instant::now(), 60.0, 0.05, || {
            stopped.load(Ordering::Relaxed)
        });
        assert!(waiting());
        std::thread::sleep(Duration::from_millis(80));
        assert!(waiting(), "no stop yet: the grace has not started");
        stopped.store(true, Ordering::Relaxed);
        assert!(waiting(), "the stop just seen");
        std::thread::sleep(Duration::from_millis(80));
        assert!(!waiting(), "the grace after the stop is over");
    }
}
