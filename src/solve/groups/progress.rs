//! The groups' rosters and bounds put together as they come: the roster of the
//! whole program made of the groups' rosters (each largest deviation the largest
//! of the groups'), the sum of their bounds, and what the whole solve's [`Watch`]
//! shows meanwhile (which group of how many is solved, the whole roster's best
//! objective and bound) instead of each group's own figures.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

use super::super::highs::Matrix;
use crate::Watch;
use crate::solve::watch::Whole;

/// The whole program's roster and bound, made of its groups'.
pub(super) struct Combined {
    matrix: Arc<Matrix>,
    shared: Vec<bool>,
    /// The whole solve's watch, told the whole's figures.
    outer: Option<Arc<Watch>>,
    count: usize,
    state: Mutex<State>,
}

struct State {
    /// The finished groups' column values (zero elsewhere); the shared columns
    /// are in `largest`.
    columns: Vec<f64>,
    /// Each shared column's largest value among the finished groups.
    largest: BTreeMap<usize, f64>,
    /// The constant part plus the finished groups' bounds.
    bound: f64,
    /// The least objective of each group not finished yet, by group (its costs at
    /// their cheaper bounds): their bound until they have one.
    least: Vec<Option<f64>>,
    /// Groups finished with a roster.
    finished: usize,
    /// The group being solved and its columns.
    current: Option<(usize, Vec<usize>)>,
}

impl Combined {
    /// Nothing solved yet of the `groups` (each given by its columns, of which
    /// `shared` are the shared ones, whose cost is scaled by their factor in
    /// `scaled`); the whole's figures told to `outer`.
    pub(super) fn new(
        matrix: Arc<Matrix>,
        groups: &[&[usize]],
        shared: Vec<bool>,
        scaled: &BTreeMap<usize, f64>,
        outer: Option<Arc<Watch>>,
    ) -> Combined {
        let least = groups
            .iter()
            .map(|columns| {
                let sum: f64 = columns
                    .iter()
                    .map(|&c| matrix.least(c) * scaled.get(&c).copied().unwrap_or(1.0))
                    .sum();
                Some(sum)
            })
            .collect();
        let n = matrix.column_count();
        let bound = matrix.offset();
        Combined {
            shared,
            outer,
            count: groups.len(),
            state: Mutex::new(State {
                columns: vec![0.0; n],
                largest: BTreeMap::new(),
                bound,
                least,
                finished: 0,
                current: None,
            }),
            matrix,
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Group `g` (of columns `columns`), the `k`-th solved (from 0), starts: the
    /// watch says so, and the watch to give its solve (stopped with the whole
    /// solve, its figures passed on here).
    pub(super) fn start(self: &Arc<Self>, g: usize, k: usize, columns: &[usize]) -> Option<Watch> {
        self.state().current = Some((g, columns.to_vec()));
        let outer = self.outer.as_ref()?;
        outer.note_group(Some((k + 1, self.count)));
        self.tell_bound(&self.state(), None);
        Some(outer.part(Arc::clone(self) as Arc<dyn Whole>))
    }

    /// The group being solved ended with the roster `solved` (in its columns) and
    /// `bound`.
    pub(super) fn finish(&self, solved: &[f64], bound: f64) {
        let mut state = self.state();
        let Some((g, columns)) = state.current.take() else {
            return;
        };
        for (&c, &value) in columns.iter().zip(solved) {
            if self.shared[c] {
                let v = state.largest.entry(c).or_insert(f64::NEG_INFINITY);
                *v = v.max(value);
            } else {
                state.columns[c] = value;
            }
        }
        state.bound += bound;
        state.least[g] = None;
        state.finished += 1;
        self.tell_bound(&state, None);
    }

    /// The groups' rosters put together (each shared column at its largest), and
    /// the sum of their bounds (constant part included).
    pub(super) fn whole(&self) -> (Vec<f64>, f64) {
        let state = self.state();
        if let Some(outer) = &self.outer {
            outer.note_group(None);
        }
        (with(&state.columns, &state.largest, &[]), state.bound)
    }

    /// Tells the outer watch the sum of the finished groups' bounds, the current
    /// group's `bound` when known, and the least objective of the others.
    fn tell_bound(&self, state: &State, bound: Option<f64>) {
        let Some(outer) = &self.outer else {
            return;
        };
        let current = state.current.as_ref().map(|(g, _)| *g);
        let rest: f64 = state
            .least
            .iter()
            .enumerate()
            .filter_map(|(g, least)| {
                let least = (*least)?;
                Some(match (Some(g) == current, bound) {
                    (true, Some(bound)) => bound.max(least),
                    _ => least,
                })
            })
            .sum();
        outer.note_bound(state.bound + rest);
    }
}

/// `columns` with each shared column of `largest` at its largest, and `part`'s
/// columns (column, value) at their value (a shared one only where it is larger).
fn with(columns: &[f64], largest: &BTreeMap<usize, f64>, part: &[(usize, f64, bool)]) -> Vec<f64> {
    let mut all = columns.to_vec();
    for (&c, &value) in largest {
        all[c] = value;
    }
    for &(c, value, shared) in part {
        if shared && largest.get(&c).is_some_and(|&v| v >= value) {
            continue;
        }
        all[c] = value;
    }
    all
}

impl Whole for Combined {
    /// Once every other group is finished, the whole roster made with this one.
    fn roster(&self, _objective: f64, solved: &[f64]) {
        let Some(outer) = &self.outer else {
            return;
        };
        let state = self.state();
        let Some((_, columns)) = &state.current else {
            return;
        };
        if state.finished + 1 < self.count {
            return;
        }
        let part: Vec<(usize, f64, bool)> = columns
            .iter()
            .zip(solved)
            .map(|(&c, &v)| (c, v, self.shared[c]))
            .collect();
        let all = with(&state.columns, &state.largest, &part);
        outer.note_best(self.matrix.objective_of(&self.matrix.rounded(&all)));
    }

    fn bound(&self, bound: f64) {
        self.tell_bound(&self.state(), Some(bound));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use good_lp::{Expression, constraint, variables};

    /// Two groups, {a, m} and {b, m}, tied by m, the largest of a and b (cost 4,
    /// half of it in each group); b is at least 1.
    fn two_groups() -> Arc<Matrix> {
        variables! { vars: 0 <= a (integer) <= 1; 1 <= b (integer) <= 1; 0 <= m <= 10; }
        let objective: Expression = a + b + 4 * m;
        let rows = vec![constraint!(m - a >= 0), constraint!(m - b >= 0)];
        Arc::new(Matrix::new(&vars, &objective, &rows))
    }

    #[test]
    fn the_watch_shows_the_group_the_combined_roster_and_the_summed_bound() {
        let watch = Arc::new(Watch::new());
        let scaled = BTreeMap::from([(2, 0.5)]);
        let combined = Arc::new(Combined::new(
            two_groups(),
            &[&[0, 2], &[1, 2]],
            vec![false, false, true],
            &scaled,
            Some(Arc::clone(&watch)),
        ));
        let first = combined.start(0, 0, &[0, 2]).unwrap();
        let progress = watch.progress();
        assert_eq!(progress.group, Some((1, 2)));
        assert_eq!(
            progress.bound,
            Some(1.0),
            "the least of each group: 0 and 1"
        );
        first.note_bound(0.5);
        assert_eq!(watch.progress().bound, Some(1.5));
        first.note_roster(3.0, &[1.0, 1.0]);
        assert_eq!(
            watch.progress().best,
            None,
            "the second group has no roster"
        );
        combined.finish(&[1.0, 1.0], 3.0);
        assert_eq!(watch.progress().bound, Some(4.0), "3, and 1 for the second");
        let second = combined.start(1, 1, &[1, 2]).unwrap();
        assert_eq!(watch.progress().group, Some((2, 2)));
        assert!(second.is_stopped() == watch.is_stopped());
        second.note_roster(3.0, &[1.0, 0.5]);
        // a = b = 1, m the larger of 1 and 0.5: 1 + 1 + 4
        assert_eq!(watch.progress().best, Some(6.0));
        assert_eq!(second.progress().best, Some(3.0), "the group's own figure");
        combined.finish(&[1.0, 1.0], 2.5);
        let (columns, bound) = combined.whole();
        assert_eq!(columns, vec![1.0, 1.0, 1.0]);
        assert_eq!(bound, 5.5);
        assert_eq!(watch.progress().group, None, "the groups are solved");
        watch.stop();
        assert!(second.is_stopped(), "a group's watch stops with the solve");
    }

    #[test]
    fn without_a_watch_the_groups_are_still_put_together() {
        let combined = Arc::new(Combined::new(
            two_groups(),
            &[&[0, 2], &[1, 2]],
            vec![false, false, true],
            &BTreeMap::from([(2, 0.5)]),
            None,
        ));
        assert!(combined.start(1, 0, &[1, 2]).is_none());
        combined.finish(&[1.0, 1.0], 2.0);
        assert!(combined.start(0, 1, &[0, 2]).is_none());
        combined.finish(&[0.0, 0.0], 0.5);
        assert_eq!(combined.whole(), (vec![0.0, 1.0, 1.0], 2.5));
    }
}
