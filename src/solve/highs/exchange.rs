//! What two solves of the same program tell each other while they run: the best
//! roster either has found, and the best bound the whole program's solve has proved.
//!
//! The whole program's solve reports each roster it improves on and its bound
//! through HiGHS callbacks ([`Callbacks::Share`](super::Callbacks::Share)),
//! and takes the search's better rosters as its own incumbent, so that it prunes with
//! them and its own heuristics start from them. The search reads the whole solve's
//! rosters back and stops once its roster meets the bound.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use super::progress::Progress;
use crate::Watch;

/// The shared best roster and bound. Objective values include the objective's
/// constant part (as [`Run`](super::Run) reports them).
pub(crate) struct Exchange {
    state: Mutex<State>,
    /// The objective's constant part, which HiGHS leaves out of the values it reports.
    offset: f64,
    /// Relative gap at which the best roster counts as optimal.
    relative_gap: f64,
    /// Whether every roster's objective is a whole number (plus the constant part),
    /// so that a bound may be rounded up to one.
    integral: bool,
    /// Told of every better roster and bound; its stop interrupts the whole solve.
    watch: Option<Arc<Watch>>,
    /// When the exchange was made: the clock of the whole solve's [`Progress`].
    made: Instant,
}

struct State {
    /// Column values of the best roster found by either solve.
    columns: Option<Vec<f64>>,
    /// Its objective (infinite while there is none).
    objective: f64,
    /// The objective of the best roster the whole program's solve holds.
    whole_holds: f64,
    /// The best bound the whole program's solve has proved.
    bound: f64,
    /// What the whole program's solve has gained, and when.
    progress: Progress,
}

impl Exchange {
    /// An exchange with no roster and no bound yet; `integral` when every roster's
    /// objective is a whole number plus `offset` (bounds are then rounded up).
    pub(crate) fn new(offset: f64, relative_gap: f64, integral: bool) -> Exchange {
        Exchange {
            state: Mutex::new(State {
                columns: None,
                objective: f64::INFINITY,
                whole_holds: f64::INFINITY,
                bound: f64::NEG_INFINITY,
                progress: Progress::default(),
            }),
            offset,
            relative_gap,
            integral,
            watch: None,
            made: Instant::now(),
        }
    }

    /// The exchange, telling `watch` (a new program: what it knew is forgotten) of
    /// every better roster and bound, and stopping the whole solve at its stop.
    pub(crate) fn watched_by(mut self, watch: Option<Arc<Watch>>) -> Exchange {
        if let Some(watch) = &watch {
            watch.restart();
        }
        self.watch = watch;
        self
    }

    /// Whether the watch asks the solves to stop.
    pub(super) fn stop_asked(&self) -> bool {
        self.watch.as_ref().is_some_and(|w| w.is_stopped())
    }

    fn tell_best(&self, objective: f64, columns: &[f64]) {
        if let Some(watch) = &self.watch {
            watch.note_roster(objective, columns);
        }
    }

    /// The state, even if a thread panicked while holding it (every update leaves
    /// it consistent).
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Offers a roster found by the search; kept when it is the best so far.
    pub(crate) fn offer(&self, objective: f64, columns: &[f64]) {
        let mut state = self.state();
        if better(objective, state.objective) {
            state.objective = objective;
            state.columns = Some(columns.to_vec());
            self.tell_best(objective, columns);
        }
    }

    /// The best roster either solve has found, with its objective.
    pub(crate) fn best(&self) -> Option<(f64, Vec<f64>)> {
        let state = self.state();
        state.columns.clone().map(|c| (state.objective, c))
    }

    /// The best roster, when it is better than `objective`.
    pub(crate) fn better_than(&self, objective: f64) -> Option<(f64, Vec<f64>)> {
        let state = self.state();
        if better(state.objective, objective) {
            state.columns.clone().map(|c| (state.objective, c))
        } else {
            None
        }
    }

    /// The best bound the whole program's solve has proved (minus infinity before
    /// it has one).
    pub(crate) fn bound(&self) -> f64 {
        self.state().bound
    }

    // ---- what the whole program's solve calls, in HiGHS's values (no constant) ----

    /// A roster the whole program's solve improved on.
    pub(super) fn found_by_whole(&self, highs_objective: f64, columns: &[f64]) {
        let objective = highs_objective + self.offset;
        let mut state = self.state();
        state.whole_holds = state.whole_holds.min(objective);
        if better(objective, state.objective) {
            state.progress.roster(self.seconds());
            state.objective = objective;
            state.columns = Some(columns.to_vec());
            self.tell_best(objective, columns);
        }
    }

    /// The best roster, when the whole program's solve does not hold it yet (and
    /// from now on it does).
    pub(super) fn for_whole(&self) -> Option<Vec<f64>> {
        let mut state = self.state();
        if better(state.objective, state.whole_holds) {
            state.whole_holds = state.objective;
            state.columns.clone()
        } else {
            None
        }
    }

    /// The whole program's solve's bound now; whether the best roster meets it
    /// (the solve may stop). Where objectives are whole numbers the bound is
    /// rounded up: a bound of 569.2 proves a roster of 570 optimal.
    pub(super) fn note_bound(&self, highs_bound: f64) -> bool {
        self.note_lower_bound(highs_bound + self.offset)
    }

    /// A lower bound on every roster's objective, constant included (rounded up
    /// like the whole solve's); whether the best roster meets it.
    pub(crate) fn note_lower_bound(&self, bound: f64) -> bool {
        let mut state = self.state();
        if bound.is_finite() {
            let (old, new) = (state.bound, self.rounded_up(bound));
            let best = state.objective;
            state.progress.bound(self.seconds(), old, new, best);
            state.bound = old.max(new);
            if let Some(watch) = &self.watch {
                watch.note_bound(state.bound);
            }
        }
        meets(state.objective, state.bound, self.relative_gap)
    }

    /// From now on the whole program's solve, of a time limit of `limit` seconds,
    /// gives its core to a second search once it gains nothing for long
    /// ([`Progress`]).
    pub(crate) fn allow_yield(&self, limit: f64) {
        self.state().progress.allow_yield(limit);
    }

    /// Whether the whole program's solve should give its core up now (and stop).
    pub(super) fn whole_yields(&self) -> bool {
        let now = self.seconds();
        let mut state = self.state();
        let (best, bound) = (state.objective, state.bound);
        state.progress.should_yield(now, best, bound)
    }

    /// Whether the whole program's solve was told to give its core up.
    pub(crate) fn yielded(&self) -> bool {
        self.state().progress.yielded()
    }

    /// The time limit to solve the whole program with, of a time limit of `limit`
    /// seconds, while its root's first linear program is not solved; its callback
    /// lengthens it to `limit` once it is ([`Progress::hold_root`]).
    pub(crate) fn hold_root(&self, limit: f64) -> f64 {
        self.state().progress.hold_root(limit)
    }

    /// The seconds to lengthen the whole solve's held time limit by, once, asked
    /// `at` seconds into that solve (on its clock) with a bound: its root's first
    /// linear program is solved ([`Progress::root_solved`]).
    pub(super) fn root_solved(&self, at: f64) -> Option<f64> {
        self.state().progress.root_solved(at)
    }

    /// Whether the whole solve was held and never solved its root's first linear
    /// program.
    pub(crate) fn root_unsolved(&self) -> bool {
        self.state().progress.root_unsolved()
    }

    fn seconds(&self) -> f64 {
        self.made.elapsed().as_secs_f64()
    }

    /// A lower bound on every roster's objective (constant included), rounded up
    /// to the next objective a roster can have when objectives are whole numbers.
    pub(crate) fn rounded_up(&self, bound: f64) -> f64 {
        round_up(bound, self.offset, self.integral)
    }
}

/// How far below a whole number a bound may fall from rounding noise, relative to
/// the bound, and still be rounded up to it (HiGHS reports 568.9999999999997 for
/// 569); a bound above it by less is not rounded past it either.
const INTEGRALITY_TOLERANCE: f64 = 1e-6;

/// A lower `bound` on objectives that are, when `integral`, a whole number plus
/// `offset`: rounded up to the next such objective (569.2 + 37 becomes 570 + 37).
///
/// Rounding noise does not count: 568.9999999999997 is taken for 569.
fn round_up(bound: f64, offset: f64, integral: bool) -> f64 {
    if integral && bound.is_finite() {
        let noise = INTEGRALITY_TOLERANCE * bound.abs().max(1.0);
        (bound - offset - noise).ceil() + offset
    } else {
        bound
    }
}

/// Whether objective `a` is better than `b` by more than the solver's rounding
/// noise (HiGHS's values of one roster differ in the last digits from solve to
/// solve).
pub(crate) fn better(a: f64, b: f64) -> bool {
    if b.is_finite() {
        a < b - 1e-6 * b.abs().max(1.0)
    } else {
        a < b
    }
}

/// Whether `objective` meets `bound` within `relative_gap`.
pub(crate) fn meets(objective: f64, bound: f64, relative_gap: f64) -> bool {
    objective.is_finite()
        && bound.is_finite()
        && objective - bound <= (relative_gap * objective.abs()).max(1e-6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn better_ignores_rounding_noise_and_beats_no_roster() {
        assert!(better(1150.0, f64::INFINITY));
        assert!(better(1149.0, 1150.0));
        assert!(!better(1_149.999_999_993_8, 1150.0));
        assert!(!better(f64::INFINITY, f64::INFINITY));
    }

    #[test]
    fn keeps_the_better_roster_and_hands_the_whole_solve_only_what_it_lacks() {
        let exchange = Exchange::new(10.0, 0.0, false);
        exchange.found_by_whole(90.0, &[1.0, 0.0]);
        assert_eq!(exchange.for_whole(), None, "it found this one itself");
        exchange.offer(120.0, &[0.0, 1.0]);
        assert_eq!(exchange.best().unwrap().0, 100.0);
        exchange.offer(95.0, &[0.0, 1.0]);
        assert_eq!(exchange.better_than(100.0), Some((95.0, vec![0.0, 1.0])));
        assert_eq!(exchange.for_whole(), Some(vec![0.0, 1.0]));
        assert_eq!(exchange.for_whole(), None, "handed over once");
        assert!(!exchange.note_bound(80.0));
        assert_eq!(exchange.bound(), 90.0);
        assert!(exchange.note_bound(85.0), "95 meets the bound 85 + 10");
    }

    #[test]
    fn a_bound_on_whole_number_objectives_is_rounded_up() {
        let exchange = Exchange::new(37.0, 0.0, true);
        exchange.offer(607.0, &[1.0]);
        assert!(!exchange.note_bound(568.999_999_999_999_7));
        assert_eq!(exchange.bound(), 606.0, "569 (rounding noise) + 37");
        assert!(exchange.note_bound(569.17), "rounded up to 570, + 37 = 607");
        assert_eq!(exchange.bound(), 607.0);
        let fractional = Exchange::new(37.0, 0.0, false);
        fractional.offer(607.0, &[1.0]);
        assert!(!fractional.note_bound(569.17));
        assert!((fractional.bound() - 606.17).abs() < 1e-9);
        assert!(fractional.note_bound(570.0));
    }
}
