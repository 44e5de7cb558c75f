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

/// Where the whole solve may yield, the share of the time limit its root's first
/// linear program gets at most ([`Progress::hold_root`]). Half: a large program's
/// proof often comes as soon as that linear program gives its bound (a roster of
/// cost 0 met), so a root that gets less could lose a proof that a slower machine
/// or a shorter time limit would still reach; a root that takes more leaves the
/// whole solve too little time for its cut rounds and tree to gain.
const ROOT_SHARE: f64 = 0.5;

/// Nor while the bound is within this share of the best roster's objective: the
/// whole solve's proof, and the rosters HiGHS's heuristics build from its root's
/// linear program once its cut rounds end, are near; beyond it, the search is what
/// gains.
const NEAR_GAP: f64 = 0.2;

/// The share of the held time limit within which a bound shows the root's linear
/// program solved rather than stopped by that limit.
const ROOT_SOLVED_WITHIN: f64 = 0.9;

/// What the whole program's solve has gained, and when.
#[derive(Debug, Default)]
pub(super) struct Progress {
    /// Seconds since the solve started when the whole solve last gained (a better
    /// roster, or a bound that closes part of the gap). Its first bound is no
    /// gain: every solve gets one once its root's linear program is solved, and a
    /// late one is the sign of a slow root, not of progress; the gap it shows is
    /// what [`Progress::should_yield`] weighs.
    gained_at: f64,
    /// The time limit, once a second search may take the whole solve's core (only
    /// where a search runs beside it, and only in its full solve).
    limit: Option<f64>,
    /// Whether the whole solve has been told to give its core up.
    yielded: bool,
    /// While the whole solve is held to a share of its time limit until its
    /// root's first linear program is solved: that share, in seconds, and the
    /// seconds it is lengthened by then.
    held: Option<(f64, f64)>,
}

impl Progress {
    /// A roster better than any so far, found by the whole solve `now` seconds
    /// after the solve started.
    pub(super) fn roster(&mut self, now: f64) {
        self.gained_at = now;
    }

    /// The whole solve's bound rose from `old` (minus infinity before its first
    /// bound, which is no gain) to `new` (`best`: the objective of the best roster
    /// so far, infinite while there is none).
    pub(super) fn bound(&mut self, now: f64, old: f64, new: f64, best: f64) {
        if !old.is_finite() || !new.is_finite() || new <= old {
            return;
        }
        let gap = best - old;
        if !gap.is_finite() || new - old >= BOUND_GAIN * gap {
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

    /// The time limit the whole solve, of a time limit of `limit` seconds, is
    /// held to until its root's first linear program is solved ([`ROOT_SHARE`] of
    /// it). That linear program is solved by a HiGHS instance of its own, which
    /// neither a callback nor a yield reaches, and on the largest programs it can
    /// take the whole time limit; one that outlasts the share leaves the whole
    /// solve no time to gain anything, and its core runs a second search instead.
    pub(super) fn hold_root(&mut self, limit: f64) -> f64 {
        if !limit.is_finite() {
            // half of no limit is none: nothing to hold
            return limit;
        }
        let held = ROOT_SHARE * limit;
        self.held = Some((held, limit - held));
        held
    }

    /// The seconds to lengthen the held time limit by, asked `at` seconds into the
    /// whole solve once it has a bound: the first time, when that is well within
    /// the held limit (the root's linear program solved); `None` otherwise. A root
    /// whose linear program the held limit stopped gives a bound too (from the
    /// columns' bounds alone), at the held limit, and is not lengthened.
    pub(super) fn root_solved(&mut self, at: f64) -> Option<f64> {
        match self.held {
            Some((held, more)) if at < ROOT_SOLVED_WITHIN * held => {
                self.held = None;
                Some(more)
            }
            _ => None,
        }
    }

    /// Whether the whole solve was held and its root's first linear program was
    /// never solved.
    pub(super) fn root_unsolved(&self) -> bool {
        self.held.is_some()
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
        progress.bound(1.0, f64::NEG_INFINITY, 4900.0, 8000.0);
        progress.bound(3.0, 4900.0, 5000.0, 8000.0);
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
    fn a_first_bound_is_no_gain() {
        let mut progress = allowed();
        progress.bound(12.0, f64::NEG_INFINITY, 5000.0, 8000.0);
        assert!(
            progress.should_yield(12.0, FAR.0, FAR.1),
            "a root that took 12 s of 20 gained nothing yet"
        );
    }

    #[test]
    fn a_held_root_is_lengthened_once() {
        let mut progress = allowed();
        assert_eq!(progress.hold_root(60.0), 30.0, "half the limit");
        assert!(progress.root_unsolved());
        assert_eq!(
            progress.root_solved(6.0),
            Some(30.0),
            "up to the full limit"
        );
        assert_eq!(progress.root_solved(7.0), None, "once");
        assert!(!progress.root_unsolved());
        assert!(!Progress::default().root_unsolved(), "never held");
        let mut unlimited = allowed();
        assert_eq!(unlimited.hold_root(f64::INFINITY), f64::INFINITY);
        assert!(!unlimited.root_unsolved(), "no limit, no hold");
    }

    #[test]
    fn a_root_stopped_by_its_held_limit_is_not_lengthened() {
        let mut progress = allowed();
        progress.hold_root(60.0);
        assert_eq!(progress.root_solved(29.8), None, "a bound at the held 30 s");
        assert!(progress.root_unsolved());
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
