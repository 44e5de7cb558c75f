//! Turns on the whole solve's core. The whole program's solve holds one core for
//! the bound and the proof; on some rosters it works at its root for the whole
//! time limit while its bound barely moves and every better roster comes from the
//! neighbourhood search. A referee measures the whole solve's progress stretch by
//! stretch: when its bound does not rise fast enough to meet the best roster
//! before the time limit and it found no better roster itself, the whole solve is
//! held at its next callback and a second search takes its core, for a number of
//! stretches that grows while the whole solve stays idle; then the whole solve
//! runs again for a stretch and is measured anew.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::highs::Exchange;

/// Whose turn it is on the whole solve's core.
#[derive(Default)]
pub(crate) struct Turns {
    /// Set while the whole solve is held and the second search runs.
    held: AtomicBool,
    /// Set once the turns are over: the whole solve is never held again.
    over: AtomicBool,
}

impl Turns {
    /// Whether the whole solve should wait (the second search's turn).
    pub(crate) fn whole_waits(&self) -> bool {
        self.held.load(Ordering::Relaxed) && !self.over.load(Ordering::Relaxed)
    }

    /// Whether the second search may run.
    pub(super) fn search_runs(&self) -> bool {
        self.whole_waits()
    }

    /// Holds the whole solve (`true`) or lets it go on.
    pub(crate) fn hold(&self, held: bool) {
        self.held.store(held, Ordering::Relaxed);
    }

    /// Ends the turns: the whole solve goes on and is never held again.
    pub(super) fn end(&self) {
        self.over.store(true, Ordering::Relaxed);
        self.held.store(false, Ordering::Relaxed);
    }
}

/// The relative gap within which the whole solve is never held: the last rosters
/// are then often found by its own heuristics at the root or deep in its tree,
/// and the proof is its work alone.
const CLOSE: f64 = 0.05;

/// The most stretches in a row the whole solve is held for.
const MOST_HELD: u32 = 4;

/// Gives the whole solve's core to the second search while the whole solve shows
/// no progress, until `stop` is set or `time_limit` seconds from `started` have
/// passed; the turns are over when it returns.
pub(super) fn referee(exchange: &Exchange, stop: &AtomicBool, started: Instant, time_limit: f64) {
    let turns = exchange.turns();
    let left = || time_limit - started.elapsed().as_secs_f64();
    let stretch = stretch(time_limit);
    let mut idle = 0;
    while left() > stretch {
        let before = Measure::take(exchange);
        if !pause(stretch, stop, &left) {
            break;
        }
        let after = Measure::take(exchange);
        if before.progress_to(&after, stretch, left()) {
            idle = 0;
            continue;
        }
        idle = (idle + 1).min(MOST_HELD);
        turns.hold(true);
        let going_on = pause(stretch * f64::from(idle), stop, &left);
        turns.hold(false);
        if !going_on {
            break;
        }
    }
    turns.end();
}

/// The seconds of a stretch: a twentieth of the time limit, 1 to 5 s.
fn stretch(time_limit: f64) -> f64 {
    (time_limit / 20.0).clamp(1.0, 5.0)
}

/// Sleeps `seconds` unless `stop` is set or less than the time left first;
/// whether the referee goes on.
fn pause(seconds: f64, stop: &AtomicBool, left: &impl Fn() -> f64) -> bool {
    let until = Instant::now() + Duration::from_secs_f64(seconds.max(0.0));
    while Instant::now() < until {
        if stop.load(Ordering::Relaxed) || left() <= 0.0 {
            return false;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    true
}

/// What the whole solve had shown at one time: its bound, its own best roster's
/// objective, the best roster's, and the nodes of its tree explored.
struct Measure {
    bound: f64,
    whole_found: f64,
    best: f64,
    nodes: i64,
}

impl Measure {
    fn take(exchange: &Exchange) -> Measure {
        Measure {
            bound: exchange.bound(),
            whole_found: exchange.whole_found(),
            best: exchange.best_objective(),
            nodes: exchange.whole_nodes(),
        }
    }

    /// Whether the whole solve made progress between `self` and `later`, a
    /// stretch of `seconds` apart with `left` seconds to go: a better roster of
    /// its own than the best of `self`, or a bound rising fast enough to meet the
    /// best roster by the time limit. No bound or no roster yet is progress too:
    /// there is nothing to measure against; and so are a gap of [`CLOSE`] or
    /// less, and a tree search under way: the proof, and the rosters its dives
    /// find, are the whole solve's work. Only a whole solve still at its root
    /// with a flat bound is held.
    fn progress_to(&self, later: &Measure, seconds: f64, left: f64) -> bool {
        if !later.bound.is_finite() || !self.bound.is_finite() || !later.best.is_finite() {
            return true;
        }
        if later.nodes > 0 {
            return true;
        }
        if super::highs::better(later.whole_found, self.best) {
            return true;
        }
        let gap = later.best - later.bound;
        if gap <= CLOSE * later.best.abs() {
            return true;
        }
        let rise = later.bound - self.bound;
        rise * (left.max(0.0) / seconds) >= gap
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measure(bound: f64, whole_found: f64, best: f64) -> Measure {
        Measure {
            bound,
            whole_found,
            best,
            nodes: 0,
        }
    }

    #[test]
    fn a_bound_on_pace_to_meet_the_best_roster_is_progress() {
        let before = measure(100.0, f64::INFINITY, 200.0);
        // 10 a stretch, 10 stretches left, a gap of 90: on pace
        assert!(before.progress_to(&measure(110.0, f64::INFINITY, 200.0), 3.0, 30.0));
        // 1 a stretch: 10 more by the time limit, short of 89
        assert!(!before.progress_to(&measure(101.0, f64::INFINITY, 200.0), 3.0, 30.0));
    }

    #[test]
    fn a_tree_search_under_way_is_left_to_the_whole_solve() {
        let before = measure(100.0, f64::INFINITY, 200.0);
        let mut later = measure(100.0, f64::INFINITY, 200.0);
        assert!(!before.progress_to(&later, 3.0, 30.0));
        later.nodes = 1;
        assert!(before.progress_to(&later, 3.0, 30.0));
    }

    #[test]
    fn a_gap_of_five_percent_or_less_is_left_to_the_whole_solve() {
        let before = measure(950.0, f64::INFINITY, 1000.0);
        assert!(before.progress_to(&measure(950.0, f64::INFINITY, 1000.0), 3.0, 30.0));
        let before = measure(940.0, f64::INFINITY, 1000.0);
        assert!(!before.progress_to(&measure(940.0, f64::INFINITY, 1000.0), 3.0, 30.0));
    }

    #[test]
    fn a_better_roster_of_the_whole_solve_is_progress() {
        let before = measure(100.0, 250.0, 200.0);
        assert!(before.progress_to(&measure(100.0, 190.0, 190.0), 3.0, 30.0));
        // a better roster from the search is not the whole solve's progress
        assert!(!before.progress_to(&measure(100.0, 250.0, 190.0), 3.0, 30.0));
    }

    #[test]
    fn without_a_bound_or_a_roster_there_is_nothing_to_measure() {
        let none = measure(f64::NEG_INFINITY, f64::INFINITY, f64::INFINITY);
        assert!(none.progress_to(&measure(f64::NEG_INFINITY, f64::INFINITY, 200.0), 3.0, 30.0));
        assert!(none.progress_to(&measure(100.0, f64::INFINITY, f64::INFINITY), 3.0, 30.0));
    }

    #[test]
    fn an_idle_whole_solve_is_held_then_the_turns_end() {
        let exchange = Exchange::new(0.0, 0.0, true);
        exchange.offer(200.0, &[1.0]);
        exchange.note_lower_bound(100.0);
        let stop = AtomicBool::new(false);
        std::thread::scope(|scope| {
            let referee = scope.spawn(|| referee(&exchange, &stop, Instant::now(), 6.0));
            // a second stretch of one second: no bound rise, no roster, so held
            let held = (0..400).any(|_| {
                std::thread::sleep(Duration::from_millis(10));
                exchange.turns().whole_waits()
            });
            assert!(held, "the idle whole solve was never held");
            stop.store(true, Ordering::Relaxed);
            referee.join().unwrap();
        });
        assert!(!exchange.turns().whole_waits(), "the turns are over");
        assert!(!exchange.turns().search_runs());
    }
}
