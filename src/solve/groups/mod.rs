//! A large roster solved group by group: people who never share a slot (an annex's
//! staff and another annex's) share no row of the program but the largest
//! deviations of fairness, which bound everyone's. Each group of people, with its
//! slots and its own copy of those largest deviations, is a program of its own, far
//! smaller than the whole: solved one after the other, HiGHS holds one group's
//! program, tree and pools at a time instead of the whole year's.
//!
//! The largest deviations' cost is shared out among the groups that hold them (a
//! Lagrangian split): each group pays its share of its own largest deviation, so
//! the sum of the groups' optima is at most the whole program's optimum, and the
//! sum of their bounds is a bound of the whole. The groups' rosters put together,
//! each largest deviation the largest of the groups', are a roster of the whole
//! program, whose objective is recomputed on the whole program: proven optimal
//! only when it meets that bound. When it does not (the groups would want
//! different largest deviations) and at least half the time limit is left, the
//! whole program is solved instead, as it is below [`APART_NONZEROS`].

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::Instant;

use super::highs::{Matrix, Program, better, meets};
use super::search::mark;
use super::{Best, SolveOptions, alone, search, set_options};
use crate::model::Decision;
use crate::{Roster, SolveError};
use progress::Combined;

mod progress;

/// Fewest nonzeros for which a program is solved by groups. Below it the whole
/// program's solve is quick and small enough, and on the agency's monthly and
/// quarterly rosters the groups' bound falls short of the optimum (their largest
/// deviations differ), so that splitting would only add the groups' time to the
/// whole solve's; the monthly rosters also keep their very rosters.
pub(super) const APART_NONZEROS: usize = 400_000;

/// Share of the time limit that must be left for the whole program to be solved
/// when the groups' roster is not proven optimal.
const APART_SHARE: f64 = 0.5;

/// One group: its columns (the people's decisions, the columns that share rows with
/// them, and the shared columns its rows hold) and its rows, in the program's order.
#[derive(Debug, PartialEq)]
pub(super) struct Group {
    pub columns: Vec<usize>,
    pub rows: Vec<usize>,
}

/// The groups of `matrix` once the `shared` columns are set aside: the columns
/// that rows link, each with its rows and the shared columns those rows hold. A
/// part without any `decision` column (a column in no row) joins the first group.
/// One group (or none) when a row holds shared columns only.
pub(super) fn groups(matrix: &Matrix, decision: &[bool], shared: &[bool]) -> Vec<Group> {
    let n = matrix.column_count();
    let mut parent: Vec<usize> = (0..n).collect();
    for r in 0..matrix.row_count() {
        let mut first = None;
        for c in matrix.row_columns(r).filter(|&c| !shared[c]) {
            match first {
                None => first = Some(c),
                Some(f) => union(&mut parent, f, c),
            }
        }
        if first.is_none() {
            // a row of shared columns alone ties every group
            return vec![];
        }
    }
    // groups numbered by their first column, so the order is the program's
    let mut number: BTreeMap<usize, usize> = BTreeMap::new();
    let mut group_of = vec![usize::MAX; n];
    for c in (0..n).filter(|&c| !shared[c]) {
        let root = find(&mut parent, c);
        let next = number.len();
        group_of[c] = *number.entry(root).or_insert(next);
    }
    let mut with_decision = vec![false; number.len()];
    for c in (0..n).filter(|&c| decision[c] && !shared[c]) {
        with_decision[group_of[c]] = true;
    }
    // renumber: groups with a decision in order; the others join the first
    let mut renumber = vec![0; number.len()];
    let mut count = 0;
    for (g, &has) in with_decision.iter().enumerate() {
        if has {
            renumber[g] = count;
            count += 1;
        }
    }
    let mut out: Vec<Group> = (0..count.max(1))
        .map(|_| Group {
            columns: vec![],
            rows: vec![],
        })
        .collect();
    for c in (0..n).filter(|&c| !shared[c]) {
        out[renumber[group_of[c]]].columns.push(c);
    }
    for r in 0..matrix.row_count() {
        let c = matrix
            .row_columns(r)
            .find(|&c| !shared[c])
            .expect("checked above");
        out[renumber[group_of[c]]].rows.push(r);
    }
    for group in &mut out {
        let mut held: Vec<usize> = group
            .rows
            .iter()
            .flat_map(|&r| matrix.row_columns(r))
            .filter(|&c| shared[c])
            .collect();
        held.sort_unstable();
        held.dedup();
        group.columns.extend(held);
        group.columns.sort_unstable();
    }
    out
}

fn find(parent: &mut [usize], mut c: usize) -> usize {
    while parent[c] != c {
        parent[c] = parent[parent[c]];
        c = parent[c];
    }
    c
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (a, b) = (find(parent, a), find(parent, b));
    if a != b {
        parent[a.max(b)] = a.min(b);
    }
}

/// The groups the program of `matrix` (whose decisions are `decisions`) falls
/// into once its `shared` columns are set aside, when it is large enough
/// ([`APART_NONZEROS`]) to be solved by groups and falls into several; `None`
/// otherwise.
pub(super) fn split(
    matrix: &Matrix,
    shared: &[usize],
    decisions: &[Decision],
) -> Option<Vec<Group>> {
    if matrix.nonzeros() < APART_NONZEROS || shared.is_empty() {
        return None;
    }
    let is_shared = mark(matrix.column_count(), shared);
    let decision = super::decision_mask(matrix, decisions);
    let groups = groups(matrix, &decision, &is_shared);
    (groups.len() >= 2).then_some(groups)
}

/// The program of `matrix` (whose decisions are `decisions`) solved by its
/// `groups` ([`split`]): the roster made of the groups' rosters, and the sum of
/// their bounds. When it does not meet the bound while more than [`APART_SHARE`]
/// of the time limit is left, or when a group has no roster, the program is
/// solved whole by `whole` (given the time left) instead, and the better roster
/// of the two is returned with the better bound.
///
/// A stop asked through the watch ends the solve of the groups at once, and the
/// whole program is then never started: the groups' roster is returned when
/// every group has one (not proven, unless it meets the bound), none otherwise.
pub(super) fn solve_apart(
    matrix: &Arc<Matrix>,
    groups: &[Group],
    shared: &[usize],
    roster: &Roster,
    decisions: &[Decision],
    options: &SolveOptions,
    whole: impl FnOnce(&SolveOptions) -> Result<Best, SolveError>,
) -> Result<Best, SolveError> {
    let started = Instant::now();
    let is_shared = mark(matrix.column_count(), shared);
    let apart = solve_groups(matrix, groups, is_shared, roster, decisions, options)?;
    let stopped = options.stop_asked();
    let left = options.time_limit - started.elapsed().as_secs_f64();
    if !whole_needed(&apart, stopped, left, options.time_limit) {
        return Ok(apart);
    }
    let mut whole_options = options.clone();
    whole_options.time_limit = left.max(1.0);
    let mut best = whole(&whole_options)?;
    // the groups' roster when the whole solve found none better (stopped early)
    if let Some(columns) = apart.columns
        && (best.columns.is_none() || better(apart.objective, best.objective))
    {
        best.objective = apart.objective;
        best.columns = Some(columns);
    }
    best.bound = best.bound.max(apart.bound);
    best.proven = best.proven || best.meets_bound(options.relative_gap);
    Ok(best)
}

/// Whether the whole program must be solved after the groups gave `apart`, with
/// `left` seconds of the time limit `limit` left: never once a stop is asked or
/// when the groups' roster is proven; when a group has no roster; and when more
/// than [`APART_SHARE`] of the time limit is left to do better.
fn whole_needed(apart: &Best, stopped: bool, left: f64, limit: f64) -> bool {
    !stopped && !apart.proven && (apart.columns.is_none() || left > limit * APART_SHARE)
}

/// Solves each of `groups` in turn, the smallest first, each within its share of
/// the time left in proportion to its size (so the largest takes what the others
/// leave): the groups' rosters put together and the sum of their bounds, proven
/// when they meet; no roster when a group has none (or the time is up, or a stop
/// was asked, before every group is solved).
fn solve_groups(
    matrix: &Arc<Matrix>,
    groups: &[Group],
    shared: Vec<bool>,
    roster: &Roster,
    decisions: &[Decision],
    options: &SolveOptions,
) -> Result<Best, SolveError> {
    let started = Instant::now();
    let left = || options.time_limit - started.elapsed().as_secs_f64();
    // each shared column's cost split evenly among the groups that hold it
    let mut holders: BTreeMap<usize, f64> = BTreeMap::new();
    for group in groups {
        for &c in group.columns.iter().filter(|&&c| shared[c]) {
            *holders.entry(c).or_default() += 1.0;
        }
    }
    let scaled: BTreeMap<usize, f64> = holders.iter().map(|(&c, &n)| (c, 1.0 / n)).collect();
    let size = |g: &Group| -> usize { g.rows.iter().map(|&r| matrix.row_columns(r).count()).sum() };
    let sizes: Vec<usize> = groups.iter().map(size).collect();
    let mut order: Vec<usize> = (0..groups.len()).collect();
    order.sort_by_key(|&g| sizes[g]);
    let mut size_left: usize = sizes.iter().sum();
    let columns_of: Vec<&[usize]> = groups.iter().map(|g| g.columns.as_slice()).collect();
    let combined = Arc::new(Combined::new(
        Arc::clone(matrix),
        &columns_of,
        shared,
        &scaled,
        options.watch.clone(),
    ));
    let scaled: Vec<(usize, f64)> = scaled.into_iter().collect();
    for (k, g) in order.into_iter().enumerate() {
        let (group, group_size) = (&groups[g], sizes[g]);
        if left() <= 0.0 || options.stop_asked() {
            combined.whole();
            return Ok(Best::without_roster(f64::NEG_INFINITY));
        }
        let mut part_options = options.clone();
        part_options.time_limit = left() * group_size as f64 / size_left.max(1) as f64;
        part_options.watch = combined.start(g, k, &group.columns).map(Arc::new);
        size_left -= group_size;
        let best = solve_group(matrix, group, &scaled, roster, decisions, &part_options)?;
        if options.verbose {
            eprintln!(
                "group of {group_size} nonzeros: {:.1} s, objective {}, bound {}",
                started.elapsed().as_secs_f64(),
                best.objective,
                best.bound
            );
        }
        let Some(solved) = best.columns else {
            combined.whole();
            return Ok(Best::without_roster(f64::NEG_INFINITY));
        };
        combined.finish(&solved, best.bound);
    }
    let (columns, bound) = combined.whole();
    let columns = matrix.rounded(&columns);
    if !matrix.keeps_every_row(&columns, 1e-6) {
        return Ok(Best::without_roster(bound));
    }
    let objective = matrix.objective_of(&columns);
    let proven = meets(objective, bound, options.relative_gap);
    if let Some(watch) = &options.watch {
        watch.note_best(objective);
        watch.note_bound(bound);
    }
    Ok(Best {
        columns: Some(columns),
        objective,
        bound,
        proven,
    })
}

/// One group's program solved as a whole program is (its relaxation first, then
/// HiGHS with the neighbourhood search beside it when `options` asks for it): its
/// best roster (in the group's columns, when one is found) and bound.
fn solve_group(
    matrix: &Matrix,
    group: &Group,
    scaled: &[(usize, f64)],
    roster: &Roster,
    decisions: &[Decision],
    options: &SolveOptions,
) -> Result<Best, SolveError> {
    let part = Arc::new(matrix.restricted(&group.columns, &group.rows, scaled));
    let index: HashMap<usize, usize> = group
        .columns
        .iter()
        .enumerate()
        .map(|(i, &c)| (c, i))
        .collect();
    let part_decisions: Vec<Decision> = decisions
        .iter()
        .filter_map(|d| {
            let column = *index.get(&d.column)?;
            Some(Decision { column, ..*d })
        })
        .collect();
    let mut program = Program::from_problem(part.problem(), 0.0)?;
    set_options(&mut program, options)?;
    let best = if options.neighbourhood_search {
        search(program, &part, roster, &part_decisions, options)?
    } else {
        alone(&mut program, &part, roster, &part_decisions, options)?
    };
    Ok(best)
}

#[cfg(all(test, feature = "synthetic"))]
mod tests {
    use super::*;
    use crate::model::Model;
    use crate::synthetic::{Size, generate};
    use crate::validate;

    /// A month of a synthetic agency of `staff` people and `sites` desks: its
    /// roster, matrix, decisions and shared columns.
    fn agency(staff: usize, sites: usize) -> (Roster, Arc<Matrix>, Vec<Decision>, Vec<usize>) {
        let size = Size {
            staff,
            sites,
            months: 1,
            seed: 3,
        };
        let roster = Roster::new(generate(size)).unwrap();
        let model = Model::build(&roster);
        let decisions = model.decisions().to_vec();
        let shared = model.shared_columns();
        let (vars, objective, rows, _) = model.into_parts();
        let matrix = Arc::new(Matrix::new(&vars, &objective, &rows));
        (roster, matrix, decisions, shared)
    }

    #[test]
    fn an_agency_falls_into_its_annexes_and_the_head_office_with_the_lines() {
        let (roster, matrix, decisions, shared) = agency(30, 4);
        assert_eq!(shared.len(), 2, "the largest duty and hours deviations");
        let is_shared = mark(matrix.column_count(), &shared);
        let decision = super::super::decision_mask(&matrix, &decisions);
        let groups = groups(&matrix, &decision, &is_shared);
        assert_eq!(
            groups.len(),
            4,
            "three annexes, and the head office with the lines"
        );
        // every column in exactly one group but the shared ones, in each
        let mut seen = vec![0; matrix.column_count()];
        for group in &groups {
            group.columns.iter().for_each(|&c| seen[c] += 1);
            assert!(shared.iter().all(|c| group.columns.contains(c)));
            // a group's people are one site's (the lines go with the head office)
            let mut homes: Vec<&str> = decisions
                .iter()
                .filter(|d| group.columns.contains(&d.column))
                .map(|d| roster.staff()[d.staff].home.as_str())
                .collect();
            homes.dedup();
            homes.sort_unstable();
            homes.dedup();
            assert_eq!(homes.len(), 1, "{homes:?}");
        }
        for c in 0..matrix.column_count() {
            assert_eq!(seen[c], if is_shared[c] { 4 } else { 1 }, "column {c}");
        }
        let rows: usize = groups.iter().map(|g| g.rows.len()).sum();
        assert_eq!(rows, matrix.row_count(), "every row in one group");
    }

    #[test]
    fn a_program_without_shared_columns_is_one_group() {
        let (_, matrix, decisions, _) = agency(30, 4);
        let none = vec![false; matrix.column_count()];
        let decision = super::super::decision_mask(&matrix, &decisions);
        assert_eq!(groups(&matrix, &decision, &none).len(), 1);
    }

    /// The groups of `matrix` with its `shared` columns set aside.
    fn groups_of(matrix: &Matrix, decisions: &[Decision], shared: &[usize]) -> Vec<Group> {
        let is_shared = mark(matrix.column_count(), shared);
        let decision = super::super::decision_mask(matrix, decisions);
        groups(matrix, &decision, &is_shared)
    }

    fn quiet() -> SolveOptions {
        SolveOptions {
            neighbourhood_search: false,
            ..SolveOptions::default()
        }
    }

    /// The roster of `columns`, which the validator must accept, and its objective
    /// recomputed by the validator.
    fn checked(roster: &Roster, decisions: &[Decision], columns: &[f64]) -> f64 {
        let assignments = super::super::assignments_of(roster, decisions, columns);
        let report = validate(roster, &assignments);
        assert!(report.violations.is_empty(), "{:?}", report.violations);
        report.objective
    }

    #[test]
    fn solved_by_groups_an_agency_gets_the_whole_solves_optimum_when_proven() {
        // the largest deviations cost nothing: the groups are independent
        let size = Size {
            staff: 30,
            sites: 4,
            months: 1,
            seed: 3,
        };
        let mut def = generate(size);
        def.rules.fairness.max_duty_deviation = 0;
        def.rules.fairness.max_hours_deviation = 0;
        let roster = Roster::new(def).unwrap();
        let model = Model::build(&roster);
        let decisions = model.decisions().to_vec();
        let shared = model.shared_columns();
        let (vars, objective, rows, _) = model.into_parts();
        let matrix = Arc::new(Matrix::new(&vars, &objective, &rows));
        let groups = groups_of(&matrix, &decisions, &shared);
        assert_eq!(groups.len(), 4);
        let best = solve_apart(
            &matrix,
            &groups,
            &shared,
            &roster,
            &decisions,
            &quiet(),
            |_| panic!("the groups prove their roster: the whole is not solved"),
        )
        .unwrap();
        assert!(best.proven);
        let objective = checked(&roster, &decisions, best.columns.as_ref().unwrap());
        assert!((objective - best.objective).abs() < 1e-6);
        let whole = crate::solve(&roster, &quiet()).unwrap();
        assert_eq!(whole.status, crate::Status::Optimal);
        assert!(
            (objective - whole.objective).abs() < 1e-6,
            "by groups {objective} against {}",
            whole.objective
        );
        assert!(objective > 0.0, "a roster where fairness costs something");
    }

    #[test]
    fn the_groups_bound_is_a_bound_of_the_whole_program() {
        // the largest deviations cost: each group pays a share of its own
        let (roster, matrix, decisions, shared) = agency(30, 4);
        let groups = groups_of(&matrix, &decisions, &shared);
        let is_shared = mark(matrix.column_count(), &shared);
        let best =
            solve_groups(&matrix, &groups, is_shared, &roster, &decisions, &quiet()).unwrap();
        assert!(best.columns.is_some(), "every group has a roster");
        let objective = checked(&roster, &decisions, best.columns.as_ref().unwrap());
        let whole = crate::solve(&roster, &quiet()).unwrap();
        assert_eq!(whole.status, crate::Status::Optimal);
        assert!(
            best.bound <= whole.objective + 1e-6,
            "{} > {}",
            best.bound,
            whole.objective
        );
        assert!(objective >= whole.objective - 1e-6);
        assert_eq!(best.proven, objective <= best.bound + 1e-6);
    }

    /// Options that report to `watch`, and stop with it.
    fn watched(watch: &Arc<crate::Watch>) -> SolveOptions {
        SolveOptions {
            watch: Some(Arc::clone(watch)),
            ..quiet()
        }
    }

    #[test]
    fn a_stop_before_the_groups_ends_the_solve_without_solving_the_whole() {
        let (roster, matrix, decisions, shared) = agency(30, 4);
        let groups = groups_of(&matrix, &decisions, &shared);
        let watch = Arc::new(crate::Watch::new());
        watch.stop();
        let best = solve_apart(
            &matrix,
            &groups,
            &shared,
            &roster,
            &decisions,
            &watched(&watch),
            |_| panic!("a stopped solve never starts the whole program"),
        )
        .unwrap();
        assert!(best.columns.is_none(), "no group was solved");
        assert!(!best.proven);
        assert_eq!(watch.progress().group, None, "the groups are over");
    }

    #[test]
    fn a_stop_once_every_group_has_a_roster_returns_the_groups_roster() {
        // the largest deviations cost: the groups' roster is not proven at once
        let (roster, matrix, decisions, shared) = agency(30, 4);
        let groups = groups_of(&matrix, &decisions, &shared);
        let watch = Arc::new(crate::Watch::new());
        // Stops as a person pressing Ctrl-C would, once the whole roster's
        // objective shows: when the last group has a roster.
        let stopper = std::thread::spawn({
            let watch = Arc::clone(&watch);
            move || {
                while watch.progress().best.is_none() {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                let seen = watch.progress();
                watch.stop();
                seen
            }
        });
        let stopped_whole = Arc::clone(&watch);
        let best = solve_apart(
            &matrix,
            &groups,
            &shared,
            &roster,
            &decisions,
            &watched(&watch),
            // reached only when the stop comes after the groups, as the whole
            // program starts: its solve is then interrupted without a roster
            move |_| {
                while !stopped_whole.is_stopped() {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                Ok(Best {
                    columns: None,
                    objective: f64::INFINITY,
                    bound: f64::NEG_INFINITY,
                    proven: false,
                })
            },
        )
        .unwrap();
        let seen = stopper.join().unwrap();
        let columns = best.columns.as_ref().expect("the groups' roster");
        let objective = checked(&roster, &decisions, columns);
        assert!((objective - best.objective).abs() < 1e-6);
        assert!(best.bound <= objective + 1e-6, "an honest bound");
        assert!(best.bound.is_finite(), "the groups' bounds summed");
        assert_eq!(best.proven, objective <= best.bound + 1e-6);
        assert!(objective <= seen.best.unwrap() + 1e-6, "{seen:?}");
        assert!(seen.bound.unwrap() <= best.bound + 1e-6, "{seen:?}");
    }

    #[test]
    fn the_watch_follows_the_groups_and_ends_with_the_whole_roster() {
        let (roster, matrix, decisions, shared) = agency(30, 4);
        let groups = groups_of(&matrix, &decisions, &shared);
        let is_shared = mark(matrix.column_count(), &shared);
        let watch = Arc::new(crate::Watch::new());
        // the groups seen by a display that looks often
        let seen = Arc::new(std::sync::Mutex::new(std::collections::BTreeSet::new()));
        let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let display = std::thread::spawn({
            let (watch, seen, done) = (Arc::clone(&watch), Arc::clone(&seen), Arc::clone(&done));
            move || {
                while !done.load(std::sync::atomic::Ordering::Relaxed) {
                    if let Some(group) = watch.progress().group {
                        seen.lock().unwrap().insert(group);
                    }
                    std::thread::sleep(std::time::Duration::from_millis(1));
                }
            }
        });
        let best = solve_groups(
            &matrix,
            &groups,
            is_shared,
            &roster,
            &decisions,
            &watched(&watch),
        )
        .unwrap();
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        display.join().unwrap();
        let progress = watch.progress();
        assert_eq!(progress.group, None);
        assert_eq!(progress.best, Some(best.objective), "the whole roster's");
        assert_eq!(
            progress.bound,
            Some(best.bound),
            "the groups' bounds summed"
        );
        let seen = seen.lock().unwrap();
        assert!(!seen.is_empty());
        assert!(
            seen.iter().all(|&(g, n)| n == 4 && (1..=4).contains(&g)),
            "{seen:?}"
        );
    }
}
