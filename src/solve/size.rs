//! The size of a roster's integer program and the bound of its linear relaxation:
//! what a formulation is measured by (`cargo bench --bench nsp -- --size`).

use std::sync::Arc;
use std::time::Instant;

use serde::Serialize;

use super::highs::{Exchange, Matrix, Program};
use crate::model::Model;
use crate::{Roster, SolveError};

/// The integer program of a roster: its size, and its linear relaxation's bound.
///
/// # Example
/// ```
/// let roster = duty_roster::sample::tiny_roster();
/// let size = duty_roster::solve::program_size(&roster, 10.0).unwrap();
/// assert!(size.rows > 0 && size.nonzeros >= size.rows);
/// assert!(size.relaxation_bound.is_some());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ProgramSize {
    /// Rows (constraints).
    pub rows: usize,
    /// Columns (variables).
    pub columns: usize,
    /// Nonzero coefficients of the rows.
    pub nonzeros: usize,
    /// The linear relaxation's optimum, constant included (rounded up where every
    /// roster's objective is a whole number), when it is solved within the time
    /// limit (without the iteration limit of [`solve`](crate::solve())'s own first
    /// relaxation, which gives up on large programs).
    pub relaxation_bound: Option<f64>,
    /// Seconds spent on the relaxation.
    pub relaxation_seconds: f64,
}

/// Builds the integer program of `roster` and solves its linear relaxation to
/// its optimum, within `time_limit` seconds.
///
/// # Errors
/// [`SolveError::Solver`] when HiGHS fails.
///
/// # Example
/// ```
/// let roster = duty_roster::sample::tiny_roster();
/// let size = duty_roster::solve::program_size(&roster, 10.0).unwrap();
/// assert!(size.columns >= 15); // 3 people x 5 evenings, and more
/// ```
pub fn program_size(roster: &Roster, time_limit: f64) -> Result<ProgramSize, SolveError> {
    let model = Model::build(roster);
    let (vars, objective, rows, _) = model.into_parts();
    let matrix = Arc::new(Matrix::new(&vars, &objective, &rows));
    let mut program = Program::through_good_lp(vars, objective, rows)?;
    program.set_option("output_flag", false)?;
    program.set_option("log_to_console", false)?;
    let exchange = Exchange::new(program.offset(), 1e-9, matrix.objective_is_integral());
    let started = Instant::now();
    // as if the program had one coefficient: no iteration limit to speak of
    let relaxed = program.relaxation(time_limit, 1)?;
    Ok(ProgramSize {
        rows: matrix.row_count(),
        columns: matrix.column_count(),
        nonzeros: matrix.nonzeros(),
        relaxation_bound: relaxed.map(|r| exchange.rounded_up(matrix.objective_of(&r))),
        relaxation_seconds: started.elapsed().as_secs_f64(),
    })
}
