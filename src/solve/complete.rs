//! Rosters near the relaxation's optimum, each the best of a small program cut out
//! of the whole one: [`complete`] holds every integer column the relaxation sets to
//! a whole value (where its roster costs no more than the relaxation's bound it is
//! optimal, and nothing more needs solving: on the agency's rosters this proves the
//! optimum before HiGHS's own search would even start); [`within_support`] keeps
//! out only the decisions the relaxation leaves out.

use super::highs::{Matrix, Program};
use super::{SolveOptions, set_options};
use crate::SolveError;

/// Most branch-and-bound nodes of the completing solve (HiGHS's own limit when it
/// completes a start roster).
const COMPLETION_NODES: i32 = 500;

/// How far from a whole number a relaxed value may be and still count as one.
const WHOLE: f64 = 1e-6;

/// The roster the relaxation's optimum `relaxed` becomes when every integer column
/// it sets to a whole value is held there and only the others (with the continuous
/// columns in their rows) are solved for, with its objective. `None` when the held
/// values leave no roster, or none is found within `time_limit` seconds.
pub(super) fn complete(
    matrix: &Matrix,
    relaxed: &[f64],
    options: &SolveOptions,
    time_limit: f64,
) -> Result<Option<(f64, Vec<f64>)>, SolveError> {
    let integer = matrix.integer_columns();
    let rounded = matrix.rounded(relaxed);
    let fractional: Vec<usize> = (0..relaxed.len())
        .filter(|&c| integer[c] && (relaxed[c] - rounded[c]).abs() > WHOLE)
        .collect();
    if fractional.is_empty() {
        // the relaxation's optimum is a roster already
        return Ok(Some((matrix.objective_of(&rounded), rounded)));
    }
    // on the caller's thread, whose HiGHS scheduler is set: no thread count of its own
    solve_around(
        matrix,
        &fractional,
        integer,
        &rounded,
        options,
        None,
        time_limit,
    )
}

/// The best roster that takes only decisions the relaxation's optimum `relaxed`
/// takes at all (its support), within `time_limit` seconds: every decision it
/// leaves out stays out, the others and every column that is not a decision are
/// solved for (the heuristic known as RENS). Larger than [`complete`]'s program and
/// slower, but where the relaxation's support holds an optimal roster, as it often
/// does on small programs, it finds one before HiGHS's root node has closed the gap.
/// Meant for a thread of its own: it has HiGHS use that one thread.
pub(super) fn within_support(
    matrix: &Matrix,
    decision: &[bool],
    relaxed: &[f64],
    options: &SolveOptions,
    time_limit: f64,
) -> Result<Option<(f64, Vec<f64>)>, SolveError> {
    let rounded = matrix.rounded(relaxed);
    let taken: Vec<usize> = (0..relaxed.len())
        .filter(|&c| decision[c] && relaxed[c] > WHOLE)
        .collect();
    solve_around(
        matrix,
        &taken,
        decision,
        &rounded,
        options,
        Some(1),
        time_limit,
    )
}

/// The best roster with the columns `free` (and the columns outside `held` in
/// their rows) solved for and every other column held at its value in `values`,
/// within `time_limit` seconds and [`COMPLETION_NODES`] nodes, with its objective.
/// HiGHS sets its thread count once per thread: `threads` only on a thread of its
/// own; `None` takes the scheduler the calling thread has (asking it for another
/// count would be an error).
fn solve_around(
    matrix: &Matrix,
    free: &[usize],
    held: &[bool],
    values: &[f64],
    options: &SolveOptions,
    threads: Option<i32>,
    time_limit: f64,
) -> Result<Option<(f64, Vec<f64>)>, SolveError> {
    let (problem, part) = matrix.part(free, held, values);
    let mut program = Program::from_problem(problem, 0.0)?;
    set_options(&mut program, options)?;
    if let Some(threads) = threads {
        program.set_option("threads", threads)?;
    }
    program.set_option("mip_max_nodes", COMPLETION_NODES)?;
    let run = program.solve(time_limit, None)?;
    Ok(run.columns.map(|solved| {
        let all = part.complete(&solved, values);
        (matrix.objective_of(&all), all)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use good_lp::{Expression, constraint, variables};

    /// Minimise x + y + z + 2w with x + y >= 1, y + z >= 1, x + z >= 1, w >= x,
    /// all binary: the relaxation takes half of x, y and z (1.5) and w = 0.5; every
    /// roster costs at least 2 + 2 (two of x, y, z, with w = 1 whenever x is).
    fn triangle() -> Matrix {
        variables! { vars: 0 <= x (integer) <= 1; 0 <= y (integer) <= 1; 0 <= z (integer) <= 1; 0 <= w (integer) <= 1; }
        let objective: Expression = x + y + z + 2 * w;
        let rows = vec![
            constraint!(x + y >= 1),
            constraint!(y + z >= 1),
            constraint!(x + z >= 1),
            constraint!(w - x >= 0),
        ];
        Matrix::new(&vars, &objective, &rows)
    }

    fn quiet() -> SolveOptions {
        SolveOptions::default()
    }

    #[test]
    fn whole_values_are_held_and_the_rest_is_solved_for() {
        let matrix = triangle();
        // x is held at 1 (so w must be 1), y and z are solved for: one of them
        let (objective, columns) = complete(&matrix, &[1.0, 0.5, 0.5, 1.0], &quiet(), 10.0)
            .unwrap()
            .expect("a roster");
        assert_eq!(columns[0], 1.0);
        assert_eq!(columns[3], 1.0);
        assert_eq!(columns[1] + columns[2], 1.0, "{columns:?}");
        assert_eq!(objective, 4.0);
        assert_eq!(matrix.objective_of(&columns), objective);
    }

    #[test]
    fn an_integral_relaxation_is_a_roster_as_it_is() {
        let matrix = triangle();
        let (objective, columns) = complete(&matrix, &[0.0, 1.0, 1.0, 1e-9], &quiet(), 10.0)
            .unwrap()
            .expect("a roster");
        assert_eq!(columns, vec![0.0, 1.0, 1.0, 0.0]);
        assert_eq!(objective, 2.0);
    }

    #[test]
    fn within_the_support_only_the_decisions_the_relaxation_leaves_out_stay_out() {
        let matrix = triangle();
        let decision = [true, true, true, false];
        // everything taken: the best roster of all, y and z (w is not a decision)
        let (objective, columns) =
            within_support(&matrix, &decision, &[1.0, 0.5, 0.5, 1.0], &quiet(), 10.0)
                .unwrap()
                .expect("a roster");
        assert_eq!((objective, columns), (2.0, vec![0.0, 1.0, 1.0, 0.0]));
        // z left out: x and y both, and w with x
        let (objective, columns) =
            within_support(&matrix, &decision, &[1.0, 1.0, 0.0, 1.0], &quiet(), 10.0)
                .unwrap()
                .expect("a roster");
        assert_eq!((objective, columns), (4.0, vec![1.0, 1.0, 0.0, 1.0]));
    }

    #[test]
    fn a_relaxation_with_no_roster_near_it_gives_none() {
        // each pair sums to exactly 1: only halves do, no roster does
        variables! { vars: 0 <= x (integer) <= 1; 0 <= y (integer) <= 1; 0 <= z (integer) <= 1; }
        let objective: Expression = x + y + z;
        let rows = vec![
            constraint!(x + y == 1),
            constraint!(y + z == 1),
            constraint!(x + z == 1),
        ];
        let matrix = Matrix::new(&vars, &objective, &rows);
        let none = complete(&matrix, &[0.5, 0.5, 0.5], &quiet(), 10.0).unwrap();
        assert!(none.is_none());
    }
}
