//! Solving: builds the model, hands it to HiGHS, reads the roster back, and
//! recomputes the objective from the assignment with the validator.
//!
//! When the whole program is not solved at once, a large-neighbourhood search runs
//! beside it, in a second thread: it fixes most of the decisions to the best roster
//! so far (everyone but a few people, or every day but a few), solves the same
//! integer program for the rest, and keeps what is better. The whole program's
//! solve gives the bound; the better of the two rosters is returned, proven optimal
//! when it meets the bound.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use highs::HighsModelStatus;
use serde::{Deserialize, Serialize};

use crate::model::{Decision, Model, Program, Run};
use crate::random::SplitMix;
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
    /// Run a large-neighbourhood search beside the solve of the whole program (in
    /// a second thread, once the whole program has run alone for a second), and
    /// keep the better roster.
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

/// The whole program solved for the full time limit in this thread (the bound, and
/// the proof of optimality), with a neighbourhood search beside it in a second
/// thread (better rosters sooner); the better roster wins. The search starts only
/// when the whole program is not solved within [`ALONE`] seconds, and stops when it
/// is.
fn search(
    mut whole: Program,
    roster: &Roster,
    decisions: &[Decision],
    options: &SolveOptions,
) -> Result<Best, SolveError> {
    // More heuristic effort in the whole program's solve: it finds rosters too.
    whole.set_option("mip_heuristic_effort", HEURISTIC_EFFORT)?;
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let helper = scope.spawn(|| beside(roster, decisions, options, &stop));
        let run = whole.solve(options.time_limit, None);
        stop.store(true, Ordering::Relaxed);
        let found = helper.join().unwrap_or(None);
        let mut best = Best::from_full_run(roster, run?)?;
        if let Some(found) = found {
            best.bound = best.bound.max(found.bound);
            if found.objective < best.objective - 1e-9 || best.columns.is_none() {
                best.objective = found.objective;
                best.columns = found.columns;
            }
        }
        best.proven = best.proven || best.meets_bound(options.relative_gap);
        Ok(best)
    })
}

/// HiGHS's `mip_heuristic_effort` in the whole program's solve (its default is 0.05).
const HEURISTIC_EFFORT: f64 = 0.3;

/// Seconds the whole program is solved alone before the neighbourhood search starts
/// beside it: most rosters are solved by then.
const ALONE: f64 = 1.0;

/// The neighbourhood search of [`search`]: waits [`ALONE`] seconds, builds its own
/// program, finds a first roster, then improves it until the time limit or `stop`.
/// `None` when stopped before it has a roster (or when it fails: the whole program's
/// solve reports errors).
fn beside(
    roster: &Roster,
    decisions: &[Decision],
    options: &SolveOptions,
    stop: &AtomicBool,
) -> Option<Best> {
    let started = Instant::now();
    while started.elapsed().as_secs_f64() < ALONE {
        if stop.load(Ordering::Relaxed) {
            return None;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let (vars, objective, rows, _) = Model::build(roster).into_parts();
    let mut program = Program::new(vars, objective, rows).ok()?;
    if options.verbose {
        eprintln!(
            "neighbourhood search: {:.1} s, program built",
            started.elapsed().as_secs_f64()
        );
    }
    set_options(&mut program, options).ok()?;
    program.set_option("threads", 1).ok()?;
    Search::new(&mut program, roster, decisions, options, stop, started)
        .run()
        .ok()
}

/// A large-neighbourhood search over the decisions of one program.
struct Search<'a> {
    program: &'a mut Program,
    options: &'a SolveOptions,
    /// Set when the search should stop.
    stop: &'a AtomicBool,
    started: Instant,
    random: SplitMix,
    /// Columns of each person's decisions, by day.
    by_staff_day: Vec<Vec<Vec<usize>>>,
    /// The duty kinds each person could take.
    kinds: Vec<Vec<usize>>,
    /// Each slot with a soft minimum cover: its day, duty kind, minimum and the
    /// columns of its decisions.
    soft_slots: Vec<(usize, usize, u32, Vec<usize>)>,
    /// How many people or days each kind of neighbourhood frees (adapted as it goes).
    sizes: [f64; 4],
}

impl<'a> Search<'a> {
    fn new(
        program: &'a mut Program,
        roster: &Roster,
        decisions: &[Decision],
        options: &'a SolveOptions,
        stop: &'a AtomicBool,
        started: Instant,
    ) -> Search<'a> {
        let day_count = roster.def().period.len();
        let staff_count = roster.staff().len();
        let first = roster.def().period.first;
        let mut by_staff_day = vec![vec![Vec::new(); day_count]; staff_count];
        let mut kinds = vec![Vec::new(); staff_count];
        let mut on_slot = vec![Vec::new(); roster.slots().len()];
        for d in decisions {
            let slot = &roster.slots()[d.slot];
            let day = (slot.date - first).num_days() as usize;
            by_staff_day[d.staff][day].push(d.column);
            on_slot[d.slot].push(d.column);
            if !kinds[d.staff].contains(&slot.duty) {
                kinds[d.staff].push(slot.duty);
            }
        }
        let soft_slots = roster
            .slots()
            .iter()
            .zip(on_slot)
            .filter(|(slot, _)| slot.under_weight.is_some() && slot.min > 0)
            .map(|(slot, cols)| {
                let day = (slot.date - first).num_days() as usize;
                (day, slot.duty, slot.min, cols)
            })
            .collect();
        // Small at first: they grow while their sub-problems solve quickly.
        let people = (staff_count as f64 / 10.0).max(2.0);
        let days = (day_count as f64 / 7.0).max(2.0);
        Search {
            program,
            options,
            stop,
            started,
            random: SplitMix(options.seed),
            by_staff_day,
            kinds,
            soft_slots,
            sizes: [people, people, days, days],
        }
    }

    fn left(&self) -> f64 {
        self.options.time_limit - self.started.elapsed().as_secs_f64()
    }

    fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed) || self.left() < 0.2
    }

    /// A first roster, then better ones until the time limit or `stop`.
    fn run(mut self) -> Result<Best, SolveError> {
        // The first roster HiGHS finds: the search improves it faster than HiGHS.
        let first_limit = (self.options.time_limit / 10.0).clamp(1.0, 5.0);
        self.program.set_option("mip_max_improving_sols", 1)?;
        let run = self.program.solve(first_limit.min(self.left()), None)?;
        self.program
            .set_option("mip_max_improving_sols", i32::MAX)?;
        let mut best = Best {
            proven: false,
            bound: run.bound,
            objective: run.objective,
            columns: run.columns,
        };
        if self.options.verbose {
            eprintln!(
                "neighbourhood search: {:.1} s, first roster: {}",
                self.started.elapsed().as_secs_f64(),
                best.objective
            );
        }
        if best.columns.is_none() {
            return Ok(best);
        }
        // Short solves: the whole program's solve may end at any time, and waits
        // for the current one.
        let sub_limit = (self.options.time_limit / 30.0).clamp(0.5, 3.0);
        let mut round = 0usize;
        while !self.stopped() && !best.meets_bound(self.options.relative_gap) {
            let budget = sub_limit.min(self.left());
            let current = best.columns.clone().expect("a roster to improve");
            let kind = Kind::ALL[round % Kind::ALL.len()];
            round += 1;
            let (people, days) = self.pick(kind, &current);
            let fixed = self.fix_all_but(&people, &days, &current);
            let solving = Instant::now();
            let run = self.program.solve(budget, Some(&current));
            let seconds = solving.elapsed().as_secs_f64();
            for &col in &fixed {
                self.program.free(col);
            }
            let run = run?;
            let solved = run.status == HighsModelStatus::Optimal;
            if self.options.verbose {
                eprintln!(
                    "neighbourhood search: {:.1} s, {kind:?} {:.1}, {:?} in {seconds:.1} s: {}",
                    self.started.elapsed().as_secs_f64(),
                    self.sizes[kind as usize],
                    run.status,
                    run.objective
                );
            }
            if let Some(columns) = run.columns
                && run.objective < best.objective - 1e-9
            {
                best.objective = run.objective;
                best.columns = Some(columns);
            }
            self.adapt(kind, solved && seconds < budget / 2.0, !solved);
        }
        Ok(best)
    }

    /// Grows a neighbourhood whose sub-problem was solved quickly, shrinks one that
    /// ran out of time.
    fn adapt(&mut self, kind: Kind, quick: bool, slow: bool) {
        let most = match kind {
            Kind::Days | Kind::Shortage => self.by_staff_day.first().map_or(1, Vec::len),
            Kind::People | Kind::Related => self.by_staff_day.len(),
        } as f64;
        let size = &mut self.sizes[kind as usize];
        if quick {
            *size = (*size * 1.15).max(*size + 1.0).min(most);
        } else if slow {
            *size = (*size * 0.75).max(1.0);
        }
    }

    /// The people and days a neighbourhood of `kind` frees.
    fn pick(&mut self, kind: Kind, current: &[f64]) -> (Vec<bool>, Vec<bool>) {
        let staff_count = self.by_staff_day.len();
        let day_count = self.by_staff_day.first().map_or(0, Vec::len);
        let size = self.sizes[kind as usize].round() as usize;
        match kind {
            Kind::People => {
                let mut all: Vec<usize> = (0..staff_count).collect();
                self.random.shuffle(&mut all);
                (
                    mark(staff_count, &all[..size.min(staff_count)]),
                    vec![true; day_count],
                )
            }
            Kind::Related => {
                // people who could take one duty kind that a random person could take
                let seed = self.random.below(staff_count);
                let kinds = &self.kinds[seed];
                let chosen = if kinds.is_empty() {
                    None
                } else {
                    Some(kinds[self.random.below(kinds.len())])
                };
                let mut related: Vec<usize> = (0..staff_count)
                    .filter(|&p| chosen.is_some_and(|k| self.kinds[p].contains(&k)))
                    .collect();
                let mut others: Vec<usize> =
                    (0..staff_count).filter(|p| !related.contains(p)).collect();
                self.random.shuffle(&mut related);
                self.random.shuffle(&mut others);
                related.extend(others);
                (
                    mark(staff_count, &related[..size.min(staff_count)]),
                    vec![true; day_count],
                )
            }
            Kind::Days => {
                let width = size.min(day_count);
                let first = self.random.below(day_count - width + 1);
                let days: Vec<usize> = (first..first + width).collect();
                (vec![true; staff_count], mark(day_count, &days))
            }
            Kind::Shortage => {
                // days around a slot short of people, and everyone who could take it
                let short: Vec<usize> = (0..self.soft_slots.len())
                    .filter(|&i| {
                        let (_, _, min, cols) = &self.soft_slots[i];
                        let n: f64 = cols.iter().map(|&c| current[c]).sum();
                        n + 0.5 < f64::from(*min)
                    })
                    .collect();
                if short.is_empty() {
                    return self.pick(Kind::Days, current);
                }
                let (day, duty, _, _) = self.soft_slots[short[self.random.below(short.len())]];
                let width = size.min(day_count);
                let first = day
                    .saturating_sub(self.random.below(width))
                    .min(day_count - width);
                let days: Vec<usize> = (first..first + width).collect();
                let people: Vec<usize> = (0..staff_count)
                    .filter(|&p| self.kinds[p].contains(&duty))
                    .collect();
                (mark(staff_count, &people), mark(day_count, &days))
            }
        }
    }

    /// Fixes every decision of a person or day not freed to its value in `current`;
    /// returns the columns fixed.
    fn fix_all_but(&mut self, people: &[bool], days: &[bool], current: &[f64]) -> Vec<usize> {
        let mut fixed = Vec::new();
        for (person, by_day) in self.by_staff_day.iter().enumerate() {
            for (day, columns) in by_day.iter().enumerate() {
                if !(people[person] && days[day]) {
                    fixed.extend_from_slice(columns);
                }
            }
        }
        for &col in &fixed {
            self.program.fix(col, current[col].round());
        }
        fixed
    }
}

/// The kinds of neighbourhood, taken in turn.
#[derive(Debug, Clone, Copy)]
enum Kind {
    /// A few people chosen at random, all days.
    People,
    /// A few people who could take the same duty kind, all days.
    Related,
    /// Everyone, on a few consecutive days.
    Days,
    /// Everyone who could take a slot short of people, on a few days around it.
    Shortage,
}

impl Kind {
    const ALL: [Kind; 4] = [Kind::People, Kind::Shortage, Kind::Days, Kind::Related];
}

/// `n` flags, set at `indices`.
fn mark(n: usize, indices: &[usize]) -> Vec<bool> {
    let mut flags = vec![false; n];
    for &i in indices {
        flags[i] = true;
    }
    flags
}

fn relative_gap(objective: f64, bound: f64) -> f64 {
    if !bound.is_finite() {
        return 1.0;
    }
    ((objective - bound) / objective.abs().max(1e-9)).max(0.0)
}
