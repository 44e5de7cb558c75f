//! A first roster built person by person, for programs whose rows that tie people
//! together can always be met (cover with a cost per person short or extra, as in
//! the shift-scheduling benchmark): each person's roster is then bound only by
//! their own rules, so a roster can always be built, at any size, long before the
//! whole program's solve finds one.
//!
//! Each person in turn gets the best roster of their own, the others held at what
//! they were given so far: the part of the program their decisions open (cut out of
//! the [`Matrix`], with every column that is not a decision and is reached from
//! them through rows: slacks, a person's worked days and weekends, fairness
//! deviations), a small program that HiGHS solves in a fraction of a second. Its
//! objective holds the cover still missing, so later people fill what earlier ones
//! left. People built early chose before the later ones filled the cover, so more
//! passes follow, each person's part solved again from the roster so far (the
//! first roster built elsewhere when one came sooner), while a pass saves at least
//! [`SWEEP_GAIN`] of the cost and nothing better comes from elsewhere: on the
//! benchmark's largest instances the first passes take a few seconds and save a
//! third to two thirds of the first roster's cost, sooner than the search's parts of
//! several people would. Whether it applies is read from the program itself: every row holding
//! decisions of two or more people must have, for each of its limits, a column that
//! is not a decision and can move without limit in the direction that meets it. On
//! the agency's rosters, whose cover is hard, it does not apply and nothing runs.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use super::detached::Detached;
use super::highs::{Callbacks, Exchange, Matrix, Program, better};
use super::{GRACE, SolveOptions, set_options};
use crate::SolveError;
use crate::model::Decision;

/// Share of the time limit the construction may take in all: where it applies and
/// the whole program's solve finds no roster, it is the only roster there is.
const SHARE: f64 = 0.9;

/// Most branch-and-bound nodes of one person's part: a good roster of theirs is
/// enough, the search improves it.
const PART_NODES: i32 = 50;

/// Relative gap at which one person's part counts as solved: a good roster of
/// theirs is enough, proving it best is not worth the time.
const PART_GAP: f64 = 2e-2;

/// How many even shares of the time left a person's part may take at first.
const PART_SHARES: f64 = 1.5;

/// Least share of its cost that a pass over the people must save for another
/// pass to follow.
const SWEEP_GAIN: f64 = 0.02;

/// How far a row or bound may be missed from rounding noise and still hold.
const TOLERANCE: f64 = 1e-6;

/// A roster of `(objective, columns)`.
pub(super) type Found = (f64, Vec<f64>);

/// The construction of a first roster, person by person, over one program.
pub(super) struct Construction {
    matrix: Arc<Matrix>,
    /// Whether each column is a decision (person, slot).
    decision: Vec<bool>,
    /// The decision columns of each person, in column order.
    people: Vec<Vec<usize>>,
}

impl Construction {
    /// The construction over `matrix`, whose decisions are `decisions`; `None`
    /// when a row that ties two people together may be impossible to meet (hard
    /// cover, a bound on the changes of a re-plan): no person's roster alone can
    /// then be sure to fit.
    pub(super) fn new(matrix: Arc<Matrix>, decisions: &[Decision]) -> Option<Construction> {
        let staff_count = decisions.iter().map(|d| d.staff + 1).max()?;
        let mut owner = vec![None; matrix.column_count()];
        let mut people = vec![Vec::new(); staff_count];
        for d in decisions {
            owner[d.column] = Some(d.staff);
            people[d.staff].push(d.column);
        }
        for columns in &mut people {
            columns.sort_unstable();
        }
        if !couples_softly(&matrix, &owner) {
            return None;
        }
        let decision = owner.iter().map(Option::is_some).collect();
        Some(Construction {
            matrix,
            decision,
            people,
        })
    }

    /// Builds the roster within `time_limit` seconds: each person's part in turn,
    /// with [`PART_SHARES`] even shares of the time left (most end at their
    /// optimum long before), and all of it where that finds no roster of theirs.
    /// `None` when a part has no roster in that time (or is infeasible: the
    /// person's own rules cannot all hold), when `stop` is set or
    /// `found_elsewhere` tells of a roster found otherwise, or when the roster
    /// built breaks a row after all.
    pub(super) fn build(
        &self,
        options: &SolveOptions,
        time_limit: f64,
        stop: &AtomicBool,
        found_elsewhere: &dyn Fn() -> bool,
    ) -> Result<Option<Found>, SolveError> {
        let started = Instant::now();
        let mut values: Vec<f64> = (0..self.matrix.column_count())
            .map(|col| {
                let (low, high) = self.matrix.bounds(col);
                if low.is_finite() {
                    low
                } else if high.is_finite() {
                    high.min(0.0)
                } else {
                    0.0
                }
            })
            .collect();
        for (done, columns) in self.people.iter().enumerate() {
            if columns.is_empty() {
                continue;
            }
            let left = || time_limit - started.elapsed().as_secs_f64();
            // a few times an even share of the time left; where that finds no
            // roster of theirs, all of it
            let share = PART_SHARES * left() / (self.people.len() - done) as f64;
            let mut solved = None;
            for first in [true, false] {
                let budget = if first { share.min(left()) } else { left() };
                if budget <= 0.0 || stop.load(Ordering::Relaxed) || found_elsewhere() {
                    return Ok(None);
                }
                solved = self.solve_part(columns, &values, options, budget, stop, false)?;
                if solved.is_some() {
                    break;
                }
            }
            let Some(solved) = solved else {
                return Ok(None);
            };
            values = solved;
        }
        let mut values = self.matrix.rounded(&values);
        if !self.matrix.keeps_every_row(&values, TOLERANCE) {
            // a row no person's part reached (a slot nobody can take, its slack
            // still at its start): every decision held, every other column solved for
            let others: Vec<usize> = (0..values.len()).filter(|&c| !self.decision[c]).collect();
            let left = time_limit - started.elapsed().as_secs_f64();
            if left <= 0.0 {
                return Ok(None);
            }
            let Some(settled) = self.solve_part(&others, &values, options, left, stop, true)?
            else {
                return Ok(None);
            };
            values = self.matrix.rounded(&settled);
            if !self.matrix.keeps_every_row(&values, TOLERANCE) {
                return Ok(None);
            }
        }
        let objective = self.matrix.objective_of(&values);
        if options.verbose {
            eprintln!(
                "construction: {:.1} s, first roster: {objective}",
                started.elapsed().as_secs_f64()
            );
        }
        Ok(Some((objective, values)))
    }

    /// One more pass over the people of a built roster `found`: each person's part
    /// solved again from their roster, the others held at the roster so far, and
    /// kept where it costs less. People built early chose before the later ones
    /// filled the cover; this lets them take what is still missing. `None` when
    /// `stop` is set or the time runs out before the pass ends.
    pub(super) fn sweep(
        &self,
        found: &Found,
        options: &SolveOptions,
        time_limit: f64,
        stop: &AtomicBool,
    ) -> Result<Option<Found>, SolveError> {
        let started = Instant::now();
        let (mut objective, mut values) = (found.0, found.1.clone());
        for columns in self.people.iter().filter(|c| !c.is_empty()) {
            let left = time_limit - started.elapsed().as_secs_f64();
            if left <= 0.0 || stop.load(Ordering::Relaxed) {
                return Ok(None);
            }
            let Some(solved) = self.solve_part(columns, &values, options, left, stop, true)? else {
                continue;
            };
            let solved = self.matrix.rounded(&solved);
            let cost = self.matrix.objective_of(&solved);
            if better(cost, objective) && self.matrix.keeps_every_row(&solved, TOLERANCE) {
                (objective, values) = (cost, solved);
            }
        }
        if options.verbose {
            eprintln!(
                "construction: {:.1} s, another pass: {objective}",
                started.elapsed().as_secs_f64()
            );
        }
        Ok(Some((objective, values)))
    }

    /// The best roster of the person whose decisions are `columns`, the others held
    /// at `values`, within `budget` seconds (from their roster in `values` when
    /// `from_values`): the whole program's columns, or `None` when none is found.
    fn solve_part(
        &self,
        columns: &[usize],
        values: &[f64],
        options: &SolveOptions,
        budget: f64,
        stop: &AtomicBool,
        from_values: bool,
    ) -> Result<Option<Vec<f64>>, SolveError> {
        // the part follows the columns that are not decisions from them
        let (problem, part) = self.matrix.part(columns, &self.decision, values);
        let mut program = Program::from_problem(problem, 0.0)?;
        set_options(&mut program, options)?;
        program.set_option("threads", 1)?;
        program.set_option("mip_max_nodes", PART_NODES)?;
        program.set_option("mip_rel_gap", PART_GAP)?;
        program.set_option("mip_heuristic_run_feasibility_jump", !from_values)?;
        let start = from_values.then_some(part.start.as_slice());
        let run = program.solve_with(budget, start, Callbacks::Stop(stop))?;
        Ok(run.columns.map(|solved| part.complete(&solved, values)))
    }
}

/// Whether every row that holds decisions of two or more people (`owner` of each
/// column: the person of a decision, `None` for other columns) can be met whatever
/// those decisions are: for each of its finite limits, a column that is not a
/// decision moves the row's value without limit towards it.
fn couples_softly(matrix: &Matrix, owner: &[Option<usize>]) -> bool {
    matrix.rows().all(|(low, high, entries)| {
        let mut people = entries.iter().filter_map(|&(col, _)| owner[col]);
        let Some(first) = people.next() else {
            return true;
        };
        if people.all(|p| p == first) {
            return true;
        }
        // can the row's value rise (`up`) or fall without limit through a column
        // that is not a decision?
        let moves = |up: bool| {
            entries.iter().any(|&(col, coefficient)| {
                let (lower, upper) = matrix.bounds(col);
                owner[col].is_none()
                    && if (coefficient > 0.0) == up {
                        upper == f64::INFINITY
                    } else {
                        lower == f64::NEG_INFINITY
                    }
            })
        };
        (low == f64::NEG_INFINITY || moves(true)) && (high == f64::INFINITY || moves(false))
    })
}

/// A construction running on a thread of its own; it is told to stop when dropped.
pub(super) struct Running {
    stop: Arc<AtomicBool>,
    work: Option<Detached<Option<Found>>>,
    /// When its time runs out.
    deadline: Instant,
}

/// Starts building a first roster of `matrix` on a thread of its own, when the
/// program allows one ([`Construction::new`]); the roster goes to `exchange`
/// as soon as it is built, where the whole solve and the search take it up.
pub(super) fn start(
    matrix: &Arc<Matrix>,
    decisions: &[Decision],
    exchange: &Arc<Exchange>,
    options: &SolveOptions,
) -> Option<Running> {
    let construction = Construction::new(Arc::clone(matrix), decisions)?;
    let limit = options.time_limit * SHARE;
    let stop = Arc::new(AtomicBool::new(false));
    let work = Detached::spawn({
        let (exchange, options, stop) = (Arc::clone(exchange), options.clone(), Arc::clone(&stop));
        move || {
            let started = Instant::now();
            // the search starts from a roster found elsewhere sooner
            let elsewhere = || exchange.best().is_some();
            let mut found = construction
                .build(&options, limit, &stop, &elsewhere)
                .ok()
                .flatten();
            if let Some((objective, columns)) = &found {
                exchange.offer(*objective, columns);
            }
            // more passes over the best roster so far (the first built elsewhere
            // when one came sooner) while each gains enough and nothing better
            // comes from elsewhere meanwhile
            if found.is_none() && !stop.load(Ordering::Relaxed) {
                found = exchange.best();
            }
            while let Some(built) = &found
                && exchange.better_than(built.0).is_none()
            {
                let left = limit - started.elapsed().as_secs_f64();
                let Some(swept) = construction
                    .sweep(built, &options, left, &stop)
                    .ok()
                    .flatten()
                else {
                    break;
                };
                let gain = built.0 - swept.0;
                exchange.offer(swept.0, &swept.1);
                let enough = gain > SWEEP_GAIN * built.0.abs();
                found = Some(swept);
                if !enough {
                    break;
                }
            }
            found
        }
    });
    Some(Running {
        stop,
        work: Some(work),
        deadline: Instant::now() + std::time::Duration::from_secs_f64(limit),
    })
}

impl Running {
    /// Seconds until its time is up.
    pub(super) fn left(&self) -> f64 {
        self.deadline
            .saturating_duration_since(Instant::now())
            .as_secs_f64()
    }

    /// The roster built, waiting for it until its time is up (and a little more,
    /// should HiGHS be stuck; see `detached`).
    pub(super) fn wait(mut self) -> Option<Found> {
        let left = self.left();
        self.work.take()?.wait(left + GRACE).flatten()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Model;
    use crate::sample::tiny_roster_def;
    use crate::{Roster, RosterDef, Term, validate};

    /// The roster of `def` built person by person, when the construction applies,
    /// with the roster and its decisions.
    fn built(def: RosterDef) -> Option<(Roster, Vec<Decision>, Found)> {
        let roster = Roster::new(def).expect("a valid roster");
        let model = Model::build(&roster);
        let decisions = model.decisions().to_vec();
        let (vars, objective, rows, _) = model.into_parts();
        let matrix = Arc::new(Matrix::new(&vars, &objective, &rows));
        let construction = Construction::new(matrix, &decisions)?;
        let found = construction
            .build(
                &SolveOptions::default(),
                10.0,
                &AtomicBool::new(false),
                &|| false,
            )
            .expect("HiGHS runs")
            .expect("a roster");
        Some((roster, decisions, found))
    }

    /// The tiny roster (3 people, 5 evenings, fairness on) with its cover soft.
    fn soft_cover() -> RosterDef {
        let mut def = tiny_roster_def();
        def.duties[0].cover[0].under_weight = Some(100);
        def.duties[0].cover[0].over_weight = Some(100);
        def
    }

    #[test]
    fn soft_cover_gets_a_roster_that_keeps_every_rule_and_fills_the_cover() {
        let (roster, decisions, (objective, columns)) = built(soft_cover()).expect("applies");
        let assignments = super::super::assignments_of(&roster, &decisions, &columns);
        let report = validate(&roster, &assignments);
        assert!(report.violations.is_empty(), "{:?}", report.violations);
        // every evening covered once: an evening short would cost 100
        assert_eq!(assignments.len(), 5);
        assert_eq!(
            report.terms.get(&Term::CoverUnder).copied().unwrap_or(0.0),
            0.0
        );
        // the objective is the one the validator recomputes from the assignment
        assert!((report.objective - objective).abs() < 1e-6, "{report:?}");
    }

    #[test]
    fn soft_cover_where_a_persons_own_rules_bind_still_gets_a_roster() {
        let mut def = soft_cover();
        // A and B may each do one evening: C takes what fairness lets them
        def.staff[0].limits.max_duties = Some(1);
        def.staff[1].limits.max_duties = Some(1);
        let (roster, decisions, (objective, columns)) = built(def).expect("applies");
        let assignments = super::super::assignments_of(&roster, &decisions, &columns);
        let report = validate(&roster, &assignments);
        assert!(report.violations.is_empty(), "{:?}", report.violations);
        let of = |id: &str| assignments.iter().filter(|a| a.staff == id).count();
        assert_eq!((of("A"), of("B")), (1, 1));
        assert!(of("C") >= 2, "{assignments:?}");
        assert!((report.objective - objective).abs() < 1e-6, "{report:?}");
    }

    #[test]
    fn another_pass_lets_an_early_person_take_what_a_later_one_could_not() {
        use crate::{Absence, DateRange, Fairness, Preference, Wish};
        let mut def = soft_cover();
        def.rules.fairness = Fairness::off();
        def.duties[0].cover[0].over_weight = Some(1);
        let date = |d| chrono::NaiveDate::from_ymd_opt(2022, 8, d).expect("a date");
        let away = |first, last| Absence::new(DateRange::new(date(first), date(last)));
        let wants_the_first = |weight| {
            let mut wish = Preference::new(Wish::Want, weight);
            wish.dates = Some(DateRange::single(date(1)));
            wish
        };
        // Evenings on Monday 1st and Tuesday 2nd. A, built first, may take either
        // (one of them) and wishes a little for the 1st; B may take only the 1st
        // and wishes it more; C is away.
        def.duties[0].weekdays = vec![chrono::Weekday::Mon, chrono::Weekday::Tue];
        def.staff[0].unavailable.push(away(3, 7));
        def.staff[0].limits.max_duties = Some(1);
        def.staff[0].preferences.push(wants_the_first(10));
        def.staff[1].unavailable.push(away(2, 7));
        def.staff[1].preferences.push(wants_the_first(50));
        def.staff[2].unavailable.push(away(1, 7));
        let roster = Roster::new(def).expect("a valid roster");
        let model = Model::build(&roster);
        let decisions = model.decisions().to_vec();
        let (vars, objective, rows, _) = model.into_parts();
        let matrix = Arc::new(Matrix::new(&vars, &objective, &rows));
        let construction = Construction::new(matrix, &decisions).expect("applies");
        let (options, stop) = (SolveOptions::default(), AtomicBool::new(false));
        let on = |columns: &[f64], who: &str| -> Vec<u32> {
            let assignments = super::super::assignments_of(&roster, &decisions, columns);
            let report = validate(&roster, &assignments);
            assert!(report.violations.is_empty(), "{:?}", report.violations);
            assignments
                .iter()
                .filter(|a| a.staff == who)
                .map(|a| chrono::Datelike::day(&a.date))
                .collect()
        };
        // the first pass: A takes the 1st before B comes, B takes it too (its wish
        // is worth more than one extra person); the 2nd stays short
        let built = construction
            .build(&options, 10.0, &stop, &|| false)
            .expect("HiGHS runs")
            .expect("a roster");
        assert_eq!((on(&built.1, "A"), on(&built.1, "B")), (vec![1], vec![1]));
        assert_eq!(built.0, 100.0 + 1.0);
        // another pass: A, seeing B on the 1st, moves to the 2nd
        let swept = construction
            .sweep(&built, &options, 10.0, &stop)
            .expect("HiGHS runs")
            .expect("a roster");
        assert_eq!((on(&swept.1, "A"), on(&swept.1, "B")), (vec![2], vec![1]));
        assert_eq!(swept.0, 10.0);
        let report = validate(
            &roster,
            &super::super::assignments_of(&roster, &decisions, &swept.1),
        );
        assert!((report.objective - swept.0).abs() < 1e-6, "{report:?}");
    }

    #[test]
    fn a_slot_nobody_can_take_is_left_short_and_the_roster_still_built() {
        let mut def = soft_cover();
        // everybody away on Friday 5th: its evening stays short
        let friday = chrono::NaiveDate::from_ymd_opt(2022, 8, 5).expect("a date");
        for person in &mut def.staff {
            person
                .unavailable
                .push(crate::Absence::new(crate::DateRange::single(friday)));
        }
        let (roster, decisions, (objective, columns)) = built(def).expect("applies");
        let assignments = super::super::assignments_of(&roster, &decisions, &columns);
        let report = validate(&roster, &assignments);
        assert!(report.violations.is_empty(), "{:?}", report.violations);
        assert_eq!(assignments.len(), 4);
        assert!(assignments.iter().all(|a| a.date != friday));
        assert_eq!(report.terms.get(&Term::CoverUnder).copied(), Some(100.0));
        assert!((report.objective - objective).abs() < 1e-6, "{report:?}");
    }

    #[test]
    fn hard_cover_is_left_to_the_solver() {
        // the tiny roster's cover is hard: no person alone can be sure to fit
        assert!(built(tiny_roster_def()).is_none());
    }
}
