//! The first step of a re-plan: the fewest changes from the published roster that
//! every hard rule allows, found with the number of changes as the only objective.
//! The count is the validator's, recomputed from the roster found.

use std::sync::Arc;
use std::time::Instant;

use super::highs::{Matrix, Program};
use super::{SolveOptions, alone, assignments_of, set_options, whole_threads};
use crate::model::Model;
use crate::{Roster, SolveError, validate};

/// The fewest changes found, whether they are proven fewest, and the seconds spent.
pub(super) struct Fewest {
    pub changes: usize,
    pub proven: bool,
    pub seconds: f64,
}

/// Solves `roster` (which re-plans a published one) for the fewest changes.
///
/// # Errors
/// [`SolveError::Infeasible`] when no roster keeps the hard rules (with the frozen
/// slots and the bound per person), and the solver's own failures.
pub(super) fn fewest_changes(
    roster: &Roster,
    options: &SolveOptions,
) -> Result<Fewest, SolveError> {
    let started = Instant::now();
    let model = Model::build(roster);
    let decisions = model.decisions().to_vec();
    let (vars, objective, rows, _) = model.into_parts_for_changes();
    let matrix = Arc::new(Matrix::new(&vars, &objective, &rows));
    let mut program = Program::through_good_lp(vars, objective, rows)?;
    set_options(&mut program, options)?;
    if options.neighbourhood_search && options.threads.is_none() {
        // HiGHS sets its thread count once per thread: the same as the second step's.
        program.set_option("threads", whole_threads())?;
    }
    let best = alone(&mut program, &matrix, roster, &decisions, options)?;
    let Some(columns) = best.columns else {
        return Err(SolveError::NoSolution {
            seconds: started.elapsed().as_secs_f64(),
        });
    };
    let assignments = assignments_of(roster, &decisions, &columns);
    let changes = validate(roster, &assignments)
        .changes
        .map_or(0, |c| c.count());
    Ok(Fewest {
        changes,
        proven: best.proven,
        seconds: started.elapsed().as_secs_f64(),
    })
}
