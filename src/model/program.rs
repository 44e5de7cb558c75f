//! The model handed to HiGHS column by column and row by row, with the handle of
//! every column kept, so that a search can fix some columns to a roster's values,
//! solve again from that roster, and free them afterwards.

use std::collections::HashMap;

use good_lp::{
    Constraint, Expression, IntoAffineExpression, ProblemVariables, SolverModel, Variable,
};
use highs::{Col, HighsModelStatus, HighsSolutionStatus, RowProblem, Sense};

use crate::SolveError;

use super::exchange::Exchange;
use super::share;

/// The HiGHS model of a [`Model`](super::Model) and what is needed to change it.
pub(crate) struct Program {
    /// The HiGHS model (taken out while it solves).
    highs: Option<highs::Model>,
    cols: Vec<Col>,
    /// Each column's bounds as built.
    bounds: Vec<(f64, f64)>,
    /// Each column's bounds now (fixed or as built).
    current: Vec<(f64, f64)>,
    /// The objective's constant part, which HiGHS leaves out of its value.
    offset: f64,
}

/// What one solve gave.
pub(crate) struct Run {
    /// How HiGHS stopped.
    pub status: HighsModelStatus,
    /// The best solution's column values, when one was found.
    pub columns: Option<Vec<f64>>,
    /// Its objective, constant included.
    pub objective: f64,
    /// The best bound proved, constant included.
    pub bound: f64,
}

fn solver_error(what: &str, e: impl std::fmt::Debug) -> SolveError {
    SolveError::Solver(format!("HiGHS {what}: {e:?}"))
}

impl Program {
    /// Passes the variables, objective and constraints to HiGHS through good_lp's
    /// HiGHS backend: the very model good_lp would solve (its `>=` rows keep their
    /// direction, so ties between optimal rosters break as they always have). Its
    /// columns cannot be fixed.
    pub(crate) fn through_good_lp(
        vars: ProblemVariables,
        objective: Expression,
        rows: Vec<Constraint>,
    ) -> Result<Program, SolveError> {
        let offset = objective.constant();
        let highs = vars
            .minimise(objective)
            .using(good_lp::highs)
            .with_all(rows)
            .try_into_inner()
            .map_err(|e| SolveError::Solver(e.to_string()))?;
        Ok(Program {
            highs: Some(highs),
            cols: Vec::new(),
            bounds: Vec::new(),
            current: Vec::new(),
            offset,
        })
    }

    /// Passes the variables, objective and constraints to HiGHS column by column,
    /// keeping each column's handle so that it can be fixed and freed.
    pub(crate) fn new(
        vars: ProblemVariables,
        objective: Expression,
        rows: Vec<Constraint>,
    ) -> Result<Program, SolveError> {
        let offset = objective.constant();
        let mut index: HashMap<Variable, usize> = HashMap::with_capacity(vars.len());
        let mut cost = vec![0.0; vars.len()];
        for (i, (var, _)) in vars.iter_variables_with_def().enumerate() {
            index.insert(var, i);
        }
        for (var, c) in (&objective).linear_coefficients() {
            cost[index[&var]] += c;
        }
        let mut problem = RowProblem::default();
        let mut cols = Vec::with_capacity(vars.len());
        let mut bounds = Vec::with_capacity(vars.len());
        for (i, (_, def)) in vars.iter_variables_with_def().enumerate() {
            let (low, high) = (def.get_min(), def.get_max());
            cols.push(problem.add_column_with_integrality(cost[i], low..=high, def.is_integer()));
            bounds.push((low, high));
        }
        for row in &rows {
            let expr = row.expression();
            let rhs = -expr.constant();
            let factors = expr
                .linear_coefficients()
                .map(|(var, c)| (cols[index[&var]], c));
            if row.is_equality() {
                problem.add_row(rhs..=rhs, factors);
            } else {
                problem.add_row(..=rhs, factors);
            }
        }
        let highs = problem
            .try_optimise(Sense::Minimise)
            .map_err(|e| solver_error("cannot load the model", e))?;
        Ok(Program {
            highs: Some(highs),
            cols,
            current: bounds.clone(),
            bounds,
            offset,
        })
    }

    /// The objective's constant part (left out of the values HiGHS reports).
    pub(crate) fn offset(&self) -> f64 {
        self.offset
    }

    fn model(&mut self) -> &mut highs::Model {
        self.highs
            .as_mut()
            .expect("the model is back after each solve")
    }

    /// Sets a HiGHS option.
    pub(crate) fn set_option<V: highs::HighsOptionValue>(
        &mut self,
        name: &str,
        value: V,
    ) -> Result<(), SolveError> {
        self.model()
            .try_set_option(name, value)
            .map_err(|_| SolveError::Solver(format!("cannot set HiGHS option `{name}`")))
    }

    /// Fixes column `col` to `value` (until [`Program::free`]).
    pub(crate) fn fix(&mut self, col: usize, value: f64) {
        if self.current[col] != (value, value) {
            self.current[col] = (value, value);
            let c = self.cols[col];
            self.model().change_column_bounds(c, value..=value);
        }
    }

    /// Gives column `col` its bounds back.
    pub(crate) fn free(&mut self, col: usize) {
        if self.current[col] != self.bounds[col] {
            self.current[col] = self.bounds[col];
            let (low, high) = self.bounds[col];
            let c = self.cols[col];
            self.model().change_column_bounds(c, low..=high);
        }
    }

    /// Solves within `time_limit` seconds, starting from `start` when given.
    pub(crate) fn solve(
        &mut self,
        time_limit: f64,
        start: Option<&[f64]>,
    ) -> Result<Run, SolveError> {
        self.solve_with(time_limit, start, None)
    }

    /// Solves within `time_limit` seconds, telling `exchange` of every roster it
    /// improves on and of its bound, taking the better rosters others offer there as
    /// its incumbent, and stopping when the exchange's best roster meets its bound.
    pub(crate) fn solve_sharing(
        &mut self,
        time_limit: f64,
        exchange: &Exchange,
    ) -> Result<Run, SolveError> {
        self.solve_with(time_limit, None, Some(exchange))
    }

    fn solve_with(
        &mut self,
        time_limit: f64,
        start: Option<&[f64]>,
        exchange: Option<&Exchange>,
    ) -> Result<Run, SolveError> {
        self.set_option("time_limit", time_limit.max(0.01))?;
        let mut model = self
            .highs
            .take()
            .expect("the model is back after each solve");
        if let Some(start) = start {
            model
                .try_set_solution(Some(start), None, None, None)
                .map_err(|e| solver_error("cannot take the start roster", e))?;
        }
        if let Some(exchange) = exchange {
            share::start(model.as_mut_ptr(), exchange)?;
        }
        let mut solved = model.try_solve().map_err(|e| solver_error("failed", e))?;
        if exchange.is_some() {
            // The exchange may not outlive this call: HiGHS forgets it.
            share::stop(solved.as_mut_ptr());
        }
        let status = solved.status();
        let feasible = solved.primal_solution_status() == HighsSolutionStatus::Feasible;
        let columns = feasible.then(|| solved.get_solution().columns().to_vec());
        let objective = solved.objective_value() + self.offset;
        let bound = solved
            .double_info_value(c"mip_dual_bound")
            .map_or(objective, |b| b + self.offset);
        self.highs = Some(solved.into());
        Ok(Run {
            status,
            columns,
            objective,
            bound,
        })
    }
}
