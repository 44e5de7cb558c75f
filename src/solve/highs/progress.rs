//! Whether the whole program's solve still earns its core. Beside the search, the
//! whole solve gives two things: better rosters and a rising bound. On large
//! programs it often gives neither for most of the time limit (HiGHS stays in its
//! root's cut rounds, the bound creeps by fractions of the gap), while the search
//! on the other core still improves its roster with every second it gets. Once the
//! whole solve has gained nothing for long enough, it stops and its core runs a
//! second search; the bound it proved is kept.

/// A rise of the bound counts as a gain when it closes at least this share of the
/// gap between the best roster and the bound.
const BOUND_GAIN: f64 = 0.01;

/// The whole solve gives its core up once it has gained nothing for this share of
/// the time since the solve started: the longer it has gained nothing, the less
/// likely a gain is within the time left.
const IDLE_SHARE: f64 = 2.0 / 3.0;

/// Nor before this share of the time limit: the whole solve's root, and the
/// rosters its heuristics build at the root's end, get that long at least.
const EARLIEST_SHARE: f64 = 0.25;

/// Nor while the bound is within this share of the best roster's objective: the
/// whole solve's proof, and the rosters HiGHS's heuristics build from its root's
/// linear program once its cut rounds end, are near; beyond it, the search is what
/// gains.
const NEAR_GAP: f64 = 0.2;

/// What the whole program's solve has gained, and when.
#[derive(Debug, Default)]
pub(super) struct Progress {
    /// Seconds since the solve started when the whole solve last gained (a better
    /// roster, its first bound, or a bound that closes part of the gap).
    gained_at: f64,
    /// The time limit, once a second search may take the whole solve's core (only
    /// where a search runs beside it, and only in its full solve).
    limit: Option<f64>,
    /// Whether the whole solve has been told to give its core up.
    yielded: bool,
}

impl Progress {
    /// A roster better than any so far, found by the whole solve `now` seconds
    /// after the solve started.
    pub(super) fn roster(&mut self, now: f64) {
        self.gained_at = now;
    }

    /// The whole solve's bound rose from `old` to `new` (`best`: the objective of
    /// the best roster so far, infinite while there is none).
    pub(super) fn bound(&mut self, now: f64, old: f64, new: f64, best: f64) {
        if !new.is_finite() || new <= old {
            return;
        }
        let gap = best - old;
        if !old.is_finite() || !gap.is_finite() || new - old >= BOUND_GAIN * gap {
            self.gained_at = now;
        }
    }

    /// From now on the whole solve, of a time limit of `limit` seconds, may give
    /// its core up.
    pub(super) fn allow_yield(&mut self, limit: f64) {
        self.limit = Some(limit);
    }

    /// Whether the whole solve should give its core up `now`, with the best
    /// roster's objective `best` and the bound `bound` (minus infinity while there
    /// is none: there is nothing to keep before it has one); once it should, it
    /// stays so.
    pub(super) fn should_yield(&mut self, now: f64, best: f64, bound: f64) -> bool {
        self.yielded = self.yielded
            || (self
                .limit
                .is_some_and(|limit| now >= EARLIEST_SHARE * limit)
                && bound.is_finite()
                && best - bound > NEAR_GAP * best.abs()
                && now - self.gained_at >= IDLE_SHARE * now);
        self.yielded
    }

    /// Whether the whole solve was told to give its core up.
    pub(super) fn yielded(&self) -> bool {
        self.yielded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A best roster and a bound far apart.
    const FAR: (f64, f64) = (8000.0, 5000.0);

    fn allowed() -> Progress {
        let mut progress = Progress::default();
        progress.allow_yield(20.0);
        progress
    }

    #[test]
    fn yields_once_idle_for_two_thirds_of_the_time_so_far() {
        let mut progress = allowed();
        progress.bound(3.0, f64::NEG_INFINITY, 5000.0, 8000.0);
        assert!(
            !progress.should_yield(8.9, FAR.0, FAR.1),
            "3 s of gain in 8.9 s"
        );
        assert!(progress.should_yield(9.1, FAR.0, FAR.1));
        assert!(progress.should_yield(9.5, FAR.0, FAR.1), "stays so");
        assert!(progress.yielded());
    }

    #[test]
    fn a_bound_that_creeps_is_no_gain_and_one_that_closes_the_gap_is() {
        let mut progress = allowed();
        progress.bound(3.0, f64::NEG_INFINITY, 5000.0, 8000.0);
        progress.bound(5.0, 5000.0, 5010.0, 8000.0);
        assert!(
            progress.should_yield(9.1, FAR.0, FAR.1),
            "10 of a gap of 3000"
        );
        let mut closing = allowed();
        closing.bound(3.0, f64::NEG_INFINITY, 5000.0, 8000.0);
        closing.bound(5.0, 5000.0, 5030.0, 8000.0);
        assert!(
            !closing.should_yield(9.0, FAR.0, FAR.1),
            "30 of a gap of 3000"
        );
        assert!(closing.should_yield(15.1, FAR.0, FAR.1));
    }

    #[test]
    fn a_better_roster_is_a_gain() {
        let mut progress = allowed();
        progress.bound(1.0, f64::NEG_INFINITY, 1350.0, 2500.0);
        progress.roster(10.0);
        assert!(!progress.should_yield(29.0, FAR.0, FAR.1));
        assert!(progress.should_yield(30.1, FAR.0, FAR.1));
    }

    #[test]
    fn never_while_the_bound_is_near_the_best_roster() {
        let mut progress = allowed();
        progress.bound(3.0, f64::NEG_INFINITY, 3000.0, 3600.0);
        assert!(
            !progress.should_yield(30.0, 3600.0, 3000.0),
            "a sixth apart"
        );
        assert!(
            progress.should_yield(30.0, 3800.0, 3000.0),
            "over a fifth apart"
        );
    }

    #[test]
    fn never_without_a_bound_before_a_quarter_of_the_limit_or_unless_allowed() {
        let mut unbounded = allowed();
        assert!(
            !unbounded.should_yield(50.0, FAR.0, f64::NEG_INFINITY),
            "no bound to keep"
        );
        let mut early = allowed();
        early.bound(0.1, f64::NEG_INFINITY, 10.0, 20.0);
        assert!(!early.should_yield(4.9, FAR.0, FAR.1), "a quarter of 20 s");
        assert!(early.should_yield(5.1, FAR.0, FAR.1));
        let mut alone = Progress::default();
        alone.bound(0.1, f64::NEG_INFINITY, 10.0, 20.0);
        assert!(
            !alone.should_yield(50.0, FAR.0, FAR.1),
            "no search to take the core"
        );
        assert!(!alone.yielded());
    }
}
