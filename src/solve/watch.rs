//! Watching a solve from another thread: the best objective and bound so far, and a
//! way to stop it early with the best roster found.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// Where the rosters and bounds of one part of a solve go: the figures of the
/// whole solve, which a part alone does not know (a roster solved group by group,
/// `solve/groups/`).
pub(crate) trait Whole: Send + Sync {
    /// The part found a roster of `objective` (in its own terms), of column
    /// values `columns` (its own columns).
    fn roster(&self, objective: f64, columns: &[f64]);
    /// Every roster of the part costs at least `bound` (in its own terms).
    fn bound(&self, bound: f64);
}

/// A handle on a running [`solve`](fn@crate::solve): give it to the solve through
/// [`SolveOptions::watch`](crate::SolveOptions::watch), then read
/// [`progress`](Watch::progress) or call [`stop`](Watch::stop) from another
/// thread (a progress display, a signal handler). A stopped solve returns the best
/// roster found so far with [`Status::Interrupted`](crate::Status::Interrupted).
///
/// # Example
/// ```
/// use std::sync::Arc;
/// let watch = Arc::new(duty_roster::Watch::new());
/// let mut options = duty_roster::SolveOptions::default();
/// options.watch = Some(Arc::clone(&watch));
/// let roster = duty_roster::sample::tiny_roster();
/// let outcome = duty_roster::solve(&roster, &options).unwrap();
/// assert_eq!(outcome.status, duty_roster::Status::Optimal);
/// assert!(!watch.is_stopped());
/// ```
pub struct Watch {
    stop: Arc<AtomicBool>,
    /// The best objective found, as `f64` bits (infinity while none).
    best: AtomicU64,
    /// The best bound proved, as `f64` bits (minus infinity while none).
    bound: AtomicU64,
    /// The group being solved (from 1) and the number of groups, as
    /// `group << 32 | count`; 0 while the program is solved whole.
    group: AtomicU64,
    /// For the watch of a part of the solve: where its figures go.
    whole: Option<Arc<dyn Whole>>,
}

impl std::fmt::Debug for Watch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watch")
            .field("stopped", &self.is_stopped())
            .field("progress", &self.progress())
            .finish_non_exhaustive()
    }
}

/// What a [`Watch`] knows of its solve: the best objective found and the best bound
/// proved so far, as the solver sees them (the returned roster's objective is
/// recomputed from its assignments).
///
/// # Example
/// ```
/// let progress = duty_roster::Watch::new().progress();
/// assert_eq!(progress.best, None);
/// assert_eq!(progress.gap(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct Progress {
    /// The best objective found so far.
    pub best: Option<f64>,
    /// The best lower bound proved so far.
    pub bound: Option<f64>,
    /// While a large roster is solved group by group (people who share no slot):
    /// the group being solved, counted from 1, and the number of groups. `best`
    /// and `bound` are then the whole roster's: the best roster made of the
    /// groups' rosters (known once every group has one) and the sum of the
    /// groups' bounds.
    pub group: Option<(usize, usize)>,
}

impl Progress {
    /// The relative gap between the best objective and the bound, when both are
    /// known and the gap has a meaning (a bound of 0 makes any positive objective
    /// 100 % away, which says nothing).
    ///
    /// # Example
    /// ```
    /// let mut progress = duty_roster::Watch::new().progress();
    /// progress.best = Some(110.0);
    /// progress.bound = Some(99.0);
    /// assert!((progress.gap().unwrap() - 0.1).abs() < 1e-9);
    /// ```
    pub fn gap(&self) -> Option<f64> {
        let (best, bound) = (self.best?, self.bound?);
        (best.abs() > 1e-9 && bound.abs() > 1e-9).then(|| ((best - bound) / best.abs()).max(0.0))
    }
}

impl Default for Watch {
    fn default() -> Self {
        Watch::new()
    }
}

impl Watch {
    /// A watch with nothing known and no stop asked.
    ///
    /// # Example
    /// ```
    /// assert!(!duty_roster::Watch::new().is_stopped());
    /// ```
    pub fn new() -> Self {
        Watch {
            stop: Arc::new(AtomicBool::new(false)),
            best: AtomicU64::new(f64::INFINITY.to_bits()),
            bound: AtomicU64::new(f64::NEG_INFINITY.to_bits()),
            group: AtomicU64::new(0),
            whole: None,
        }
    }

    /// The watch of a part of this watch's solve: stopped with it, its own
    /// figures told to `whole` as they come.
    pub(crate) fn part(&self, whole: Arc<dyn Whole>) -> Watch {
        Watch {
            stop: Arc::clone(&self.stop),
            whole: Some(whole),
            ..Watch::new()
        }
    }

    /// Asks the solve to stop as soon as the solver next looks (within a fraction of
    /// a second) and return the best roster found.
    ///
    /// # Example
    /// ```
    /// let watch = duty_roster::Watch::new();
    /// watch.stop();
    /// assert!(watch.is_stopped());
    /// ```
    pub fn stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
    }

    /// Whether a stop was asked.
    ///
    /// # Example
    /// See [`Watch::stop`].
    pub fn is_stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    /// The flag that [`stop`](Watch::stop) sets, for code that can only set a flag
    /// (a signal handler).
    ///
    /// # Example
    /// ```
    /// let watch = duty_roster::Watch::new();
    /// watch.stop_flag().store(true, std::sync::atomic::Ordering::SeqCst);
    /// assert!(watch.is_stopped());
    /// ```
    pub fn stop_flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.stop)
    }

    /// The best objective and bound so far.
    ///
    /// # Example
    /// See [`Progress`].
    pub fn progress(&self) -> Progress {
        let best = f64::from_bits(self.best.load(Ordering::Relaxed));
        let bound = f64::from_bits(self.bound.load(Ordering::Relaxed));
        let group = self.group.load(Ordering::Relaxed);
        Progress {
            best: best.is_finite().then_some(best),
            bound: bound.is_finite().then_some(bound),
            group: (group != 0).then_some(((group >> 32) as usize, group as u32 as usize)),
        }
    }

    /// Forgets the objective, bound and group: a new program is being solved (a
    /// re-plan's second step has another objective than its first).
    pub(crate) fn restart(&self) {
        self.best.store(f64::INFINITY.to_bits(), Ordering::Relaxed);
        self.bound
            .store(f64::NEG_INFINITY.to_bits(), Ordering::Relaxed);
        self.group.store(0, Ordering::Relaxed);
    }

    /// Group `group` (from 1) of `count` is being solved; `None` once the groups
    /// are solved.
    pub(crate) fn note_group(&self, group: Option<(usize, usize)>) {
        let packed = group.map_or(0, |(g, n)| ((g as u64) << 32) | (n as u64 & 0xffff_ffff));
        self.group.store(packed, Ordering::Relaxed);
    }

    /// A roster of `objective` and column values `columns` was found.
    pub(crate) fn note_roster(&self, objective: f64, columns: &[f64]) {
        self.note_best(objective);
        if let Some(whole) = &self.whole {
            whole.roster(objective, columns);
        }
    }

    /// A roster of `objective` was found.
    pub(crate) fn note_best(&self, objective: f64) {
        let _ = self
            .best
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |bits| {
                (objective < f64::from_bits(bits)).then_some(objective.to_bits())
            });
    }

    /// Every roster costs at least `bound`.
    pub(crate) fn note_bound(&self, bound: f64) {
        if !bound.is_finite() {
            return;
        }
        if let Some(whole) = &self.whole {
            whole.bound(bound);
        }
        let _ = self
            .bound
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |bits| {
                (bound > f64::from_bits(bits)).then_some(bound.to_bits())
            });
    }
}

impl PartialEq for Watch {
    /// Two watches are equal when they are the same handle.
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_keeps_the_lowest_objective_and_the_highest_bound() {
        let watch = Watch::new();
        watch.note_best(120.0);
        watch.note_best(130.0);
        watch.note_bound(90.0);
        watch.note_bound(80.0);
        watch.note_bound(f64::NEG_INFINITY);
        let progress = watch.progress();
        assert_eq!((progress.best, progress.bound), (Some(120.0), Some(90.0)));
        watch.restart();
        assert_eq!(watch.progress().best, None);
    }

    #[test]
    fn a_bound_of_zero_gives_no_gap() {
        let progress = Progress {
            best: Some(5.0),
            bound: Some(0.0),
            group: None,
        };
        assert_eq!(progress.gap(), None);
    }

    /// What a part's watch passes on, in order.
    #[derive(Default)]
    struct Told(std::sync::Mutex<Vec<String>>);

    impl Whole for Told {
        fn roster(&self, objective: f64, columns: &[f64]) {
            self.0
                .lock()
                .unwrap()
                .push(format!("roster {objective} {columns:?}"));
        }
        fn bound(&self, bound: f64) {
            self.0.lock().unwrap().push(format!("bound {bound}"));
        }
    }

    #[test]
    fn a_parts_watch_stops_with_its_solve_and_passes_its_figures_on() {
        let watch = Watch::new();
        let told = Arc::new(Told::default());
        let part = watch.part(Arc::clone(&told) as Arc<dyn Whole>);
        part.note_roster(7.0, &[1.0, 0.0]);
        part.note_bound(3.0);
        part.note_bound(f64::NEG_INFINITY);
        assert_eq!(
            *told.0.lock().unwrap(),
            ["roster 7 [1.0, 0.0]", "bound 3"],
            "a bound not known is not passed on"
        );
        assert_eq!(part.progress().best, Some(7.0));
        assert_eq!(watch.progress().best, None, "a part's figures are its own");
        assert!(!part.is_stopped());
        watch.stop();
        assert!(part.is_stopped(), "a stop of the solve stops its parts");
    }

    #[test]
    fn the_group_being_solved_is_known_until_a_restart() {
        let watch = Watch::new();
        assert_eq!(watch.progress().group, None);
        watch.note_group(Some((3, 20)));
        assert_eq!(watch.progress().group, Some((3, 20)));
        watch.restart();
        assert_eq!(watch.progress().group, None);
    }
}
