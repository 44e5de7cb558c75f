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

use super::highs::{Matrix, Program, meets};
use super::{Best, SolveOptions, alone, search, set_options};
use crate::model::Decision;
use crate::{Roster, SolveError};

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
    let mut is_shared = vec![false; matrix.column_count()];
    for &c in shared {
        is_shared[c] = true;
    }
    let decision = super::decision_mask(matrix, decisions);
    let groups = groups(matrix, &decision, &is_shared);
    (groups.len() >= 2).then_some(groups)
}

/// The program of `matrix` (whose decisions are `decisions`) solved by its
/// `groups` ([`split`]): the roster made of the groups' rosters, and the sum of
/// their bounds; `None` when a group has no roster, or when the roster does not
/// meet the bound while more than [`APART_SHARE`] of the time limit is left for
/// the whole program.
pub(super) fn solve_apart(
    matrix: &Matrix,
    groups: &[Group],
    shared: &[usize],
    roster: &Roster,
    decisions: &[Decision],
    options: &SolveOptions,
) -> Result<Option<Best>, SolveError> {
    let started = Instant::now();
    let mut is_shared = vec![false; matrix.column_count()];
    for &c in shared {
        is_shared[c] = true;
    }
    let Some(best) = solve_groups(matrix, groups, &is_shared, roster, decisions, options)? else {
        return Ok(None);
    };
    let left = options.time_limit - started.elapsed().as_secs_f64();
    Ok((best.proven || left <= options.time_limit * APART_SHARE).then_some(best))
}

/// Solves each of `groups` in turn, the smallest first, each within its share of
/// the time left in proportion to its size (so the largest takes what the others
/// leave): the groups' rosters put together and the sum of their bounds, proven
/// when they meet; `None` when a group has no roster (or the time is up, or a stop
/// was asked, before every group is solved).
fn solve_groups(
    matrix: &Matrix,
    groups: &[Group],
    shared: &[bool],
    roster: &Roster,
    decisions: &[Decision],
    options: &SolveOptions,
) -> Result<Option<Best>, SolveError> {
    let started = Instant::now();
    let left = || options.time_limit - started.elapsed().as_secs_f64();
    // each shared column's cost split evenly among the groups that hold it
    let mut holders: BTreeMap<usize, f64> = BTreeMap::new();
    for group in groups {
        for &c in group.columns.iter().filter(|&&c| shared[c]) {
            *holders.entry(c).or_default() += 1.0;
        }
    }
    let scaled: Vec<(usize, f64)> = holders.iter().map(|(&c, &n)| (c, 1.0 / n)).collect();
    let size = |g: &Group| -> usize { g.rows.iter().map(|&r| matrix.row_columns(r).count()).sum() };
    let sizes: Vec<usize> = groups.iter().map(size).collect();
    let mut order: Vec<usize> = (0..groups.len()).collect();
    order.sort_by_key(|&g| sizes[g]);
    let mut size_left: usize = sizes.iter().sum();
    let mut columns = vec![0.0; matrix.column_count()];
    let mut shared_value: BTreeMap<usize, f64> = BTreeMap::new();
    let mut bound = matrix.objective_of(&columns);
    for g in order {
        let (group, group_size) = (&groups[g], sizes[g]);
        if left() <= 0.0 || options.watch.as_ref().is_some_and(|w| w.is_stopped()) {
            return Ok(None);
        }
        let mut part_options = options.clone();
        part_options.time_limit = left() * group_size as f64 / size_left.max(1) as f64;
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
            return Ok(None);
        };
        bound += best.bound;
        for (&c, &value) in group.columns.iter().zip(&solved) {
            if shared[c] {
                let v = shared_value.entry(c).or_insert(f64::NEG_INFINITY);
                *v = v.max(value);
            } else {
                columns[c] = value;
            }
        }
    }
    for (c, value) in shared_value {
        columns[c] = value;
    }
    let columns = matrix.rounded(&columns);
    if !matrix.keeps_every_row(&columns, 1e-6) {
        return Ok(None);
    }
    let objective = matrix.objective_of(&columns);
    let proven = meets(objective, bound, options.relative_gap);
    Ok(Some(Best {
        columns: Some(columns),
        objective,
        bound,
        proven,
    }))
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
    fn agency(staff: usize, sites: usize) -> (Roster, Matrix, Vec<Decision>, Vec<usize>) {
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
        let matrix = Matrix::new(&vars, &objective, &rows);
        (roster, matrix, decisions, shared)
    }

    #[test]
    fn an_agency_falls_into_its_annexes_and_the_head_office_with_the_lines() {
        let (roster, matrix, decisions, shared) = agency(30, 4);
        assert_eq!(shared.len(), 2, "the largest duty and hours deviations");
        let mut is_shared = vec![false; matrix.column_count()];
        shared.iter().for_each(|&c| is_shared[c] = true);
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
        let mut is_shared = vec![false; matrix.column_count()];
        shared.iter().for_each(|&c| is_shared[c] = true);
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
        let matrix = Matrix::new(&vars, &objective, &rows);
        let groups = groups_of(&matrix, &decisions, &shared);
        assert_eq!(groups.len(), 4);
        let best = solve_apart(&matrix, &groups, &shared, &roster, &decisions, &quiet())
            .unwrap()
            .expect("every group solved, the bound met");
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
        let mut is_shared = vec![false; matrix.column_count()];
        shared.iter().for_each(|&c| is_shared[c] = true);
        let best = solve_groups(&matrix, &groups, &is_shared, &roster, &decisions, &quiet())
            .unwrap()
            .expect("every group has a roster");
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
}
