//! The program as a sparse matrix, kept beside the solver's copy so that a search can
//! cut out the part of it a neighbourhood frees: the freed decisions, the other
//! columns they share a row with, and every row those columns are in, the rest of
//! the roster held at its values. Handing HiGHS that part instead of the whole
//! program with most columns fixed spares it presolving the whole program each time.

use std::collections::{BTreeSet, HashMap};

use good_lp::{Constraint, Expression, IntoAffineExpression, ProblemVariables, Variable};
use highs::RowProblem;

/// One row: `low <= sum of coefficient * column <= high`.
struct Row {
    low: f64,
    high: f64,
    entries: Vec<(usize, f64)>,
}

/// The program's columns (cost, bounds, integrality) and rows.
pub(crate) struct Matrix {
    cost: Vec<f64>,
    bounds: Vec<(f64, f64)>,
    integer: Vec<bool>,
    rows: Vec<Row>,
    /// The rows each column is in.
    rows_of: Vec<Vec<usize>>,
    /// The objective's constant part.
    offset: f64,
}

/// The part of a program a neighbourhood frees: which columns it has.
pub(crate) struct Part {
    /// The program's column of each of the part's columns.
    columns: Vec<usize>,
    /// The roster the part was cut from, restricted to the part's columns.
    pub start: Vec<f64>,
    /// The columns held out of the part at their least value rather than at
    /// their value in the roster (see [`Matrix::part`]), with that value.
    settled: Vec<(usize, f64)>,
}

impl Part {
    /// Whether the part has no column (the neighbourhood frees nothing).
    pub(crate) fn is_empty(&self) -> bool {
        self.columns.is_empty()
    }

    /// The whole program's columns: `solved` for the part's columns, the settled
    /// columns' least values, and `around` for the others.
    pub(crate) fn complete(&self, solved: &[f64], around: &[f64]) -> Vec<f64> {
        let mut all = around.to_vec();
        for &(col, value) in &self.settled {
            all[col] = value;
        }
        for (&col, &value) in self.columns.iter().zip(solved) {
            all[col] = value;
        }
        all
    }
}

impl Matrix {
    /// The sparse copy of the program made of `vars`, `objective` and `rows` (the
    /// columns in the order the variables were made).
    pub(crate) fn new(
        vars: &ProblemVariables,
        objective: &Expression,
        rows: &[Constraint],
    ) -> Matrix {
        let mut index: HashMap<Variable, usize> = HashMap::with_capacity(vars.len());
        let mut bounds = Vec::with_capacity(vars.len());
        let mut integer = Vec::with_capacity(vars.len());
        for (i, (var, def)) in vars.iter_variables_with_def().enumerate() {
            index.insert(var, i);
            bounds.push((def.get_min(), def.get_max()));
            integer.push(def.is_integer());
        }
        let mut cost = vec![0.0; vars.len()];
        for (var, c) in objective.linear_coefficients() {
            cost[index[&var]] += c;
        }
        let mut rows_of = vec![Vec::new(); vars.len()];
        let rows = rows
            .iter()
            .enumerate()
            .map(|(r, row)| {
                let expr = row.expression();
                let rhs = -expr.constant();
                let entries: Vec<(usize, f64)> = expr
                    .linear_coefficients()
                    .map(|(var, c)| (index[&var], c))
                    .collect();
                for &(col, _) in &entries {
                    rows_of[col].push(r);
                }
                let low = if row.is_equality() {
                    rhs
                } else {
                    f64::NEG_INFINITY
                };
                Row {
                    low,
                    high: rhs,
                    entries,
                }
            })
            .collect();
        Matrix {
            cost,
            bounds,
            integer,
            rows,
            rows_of,
            offset: objective.constant(),
        }
    }

    /// Number of columns.
    pub(crate) fn column_count(&self) -> usize {
        self.cost.len()
    }

    /// Number of nonzero coefficients in the rows.
    pub(crate) fn nonzeros(&self) -> usize {
        self.rows.iter().map(|row| row.entries.len()).sum()
    }

    /// Whether each column must take a whole value.
    pub(crate) fn integer_columns(&self) -> &[bool] {
        &self.integer
    }

    /// `values` with the integer columns rounded.
    pub(crate) fn rounded(&self, values: &[f64]) -> Vec<f64> {
        (0..values.len()).map(|c| self.value(c, values)).collect()
    }

    /// The objective of the program's columns `values`, constant included.
    pub(crate) fn objective_of(&self, values: &[f64]) -> f64 {
        self.offset
            + self
                .cost
                .iter()
                .zip(values)
                .map(|(c, v)| c * v)
                .sum::<f64>()
    }

    /// How much column `col` at its value in `values` adds to the objective beyond
    /// the least it could add within its bounds (0 for a column at its cheaper
    /// bound: a duty not given that was not wanted, a wish met).
    pub(crate) fn regret(&self, col: usize, values: &[f64]) -> f64 {
        let least = self.least(col);
        if least.is_finite() {
            (self.cost[col] * values[col] - least).max(0.0)
        } else {
            0.0
        }
    }

    /// The least column `col` can add to the objective within its bounds (minus
    /// infinity when it has no such least).
    pub(crate) fn least(&self, col: usize) -> f64 {
        let (low, high) = self.bounds[col];
        let cost = self.cost[col];
        if cost == 0.0 {
            0.0
        } else if cost > 0.0 {
            cost * low
        } else {
            cost * high
        }
    }

    /// Column `col`'s lower and upper bounds.
    pub(crate) fn bounds(&self, col: usize) -> (f64, f64) {
        self.bounds[col]
    }

    /// Each row as its limits and entries (column, coefficient):
    /// `low <= sum <= high`.
    pub(crate) fn rows(&self) -> impl Iterator<Item = (f64, f64, &[(usize, f64)])> + '_ {
        self.rows
            .iter()
            .map(|row| (row.low, row.high, row.entries.as_slice()))
    }

    /// Whether column `col` has a cost in the objective.
    pub(crate) fn costs(&self, col: usize) -> bool {
        self.cost[col] != 0.0
    }

    /// The other columns that share a row with column `col` (once per row shared).
    pub(crate) fn beside(&self, col: usize) -> impl Iterator<Item = usize> + '_ {
        self.rows_of[col]
            .iter()
            .flat_map(|&r| self.rows[r].entries.iter().map(|&(c, _)| c))
            .filter(move |&c| c != col)
    }

    /// Whether every optimal roster's objective is a whole number plus the constant
    /// part: every cost is a whole number, on an integer column or on a continuous
    /// one that [`takes_whole_values`](Self::takes_whole_values). A bound on such a
    /// program may then be rounded up to the next whole number.
    pub(crate) fn objective_is_integral(&self) -> bool {
        (0..self.cost.len()).all(|col| {
            let cost = self.cost[col];
            cost == 0.0
                || (cost.fract() == 0.0 && (self.integer[col] || self.takes_whole_values(col)))
        })
    }

    /// Whether continuous column `col` takes a whole value in some optimal roster
    /// whenever the integer columns do: its bounds are whole, and in each of its rows
    /// it has coefficient 1 or -1, every other column is an integer one with a whole
    /// coefficient, and the row's limits are whole. Its limits are then whole given
    /// the integer columns, and a linear cost is least at one of them (a duty wanted
    /// on a day, for instance: at most 1 and at most the duties given that day).
    fn takes_whole_values(&self, col: usize) -> bool {
        let whole = |v: f64| !v.is_finite() || v.fract() == 0.0;
        let (low, high) = self.bounds[col];
        whole(low)
            && whole(high)
            && self.rows_of[col].iter().all(|&r| {
                let row = &self.rows[r];
                whole(row.low)
                    && whole(row.high)
                    && row.entries.iter().all(|&(c, coefficient)| {
                        if c == col {
                            coefficient.abs() == 1.0
                        } else {
                            self.integer[c] && whole(coefficient)
                        }
                    })
            })
    }

    /// The objective's constant part.
    pub(crate) fn offset(&self) -> f64 {
        self.offset
    }

    /// Number of rows.
    pub(crate) fn row_count(&self) -> usize {
        self.rows.len()
    }

    /// The columns of row `row`.
    pub(crate) fn row_columns(&self, row: usize) -> impl Iterator<Item = usize> + '_ {
        self.rows[row].entries.iter().map(|&(c, _)| c)
    }

    /// Whether the column values `values` keep every row and bound, within
    /// `tolerance` relative to the value checked (at least `tolerance` itself), so
    /// that rounding noise on large sums passes.
    pub(crate) fn keeps_every_row(&self, values: &[f64], tolerance: f64) -> bool {
        let within = |v: f64, low: f64, high: f64| {
            let slack = tolerance * v.abs().max(1.0);
            v >= low - slack && v <= high + slack
        };
        let bounded = self
            .bounds
            .iter()
            .zip(values)
            .all(|(&(low, high), &v)| within(v, low, high));
        bounded
            && self.rows.iter().all(|row| {
                let sum: f64 = row.entries.iter().map(|&(c, a)| a * values[c]).sum();
                within(sum, row.low, row.high)
            })
    }

    /// The program of `columns` and `rows` alone (every column of those rows must be
    /// among `columns`), column `i` of it being `columns[i]`, with no constant part;
    /// the cost of each column of `scaled` multiplied by its factor.
    pub(crate) fn restricted(
        &self,
        columns: &[usize],
        rows: &[usize],
        scaled: &[(usize, f64)],
    ) -> Matrix {
        let mut index = HashMap::with_capacity(columns.len());
        for (i, &c) in columns.iter().enumerate() {
            index.insert(c, i);
        }
        let mut cost: Vec<f64> = columns.iter().map(|&c| self.cost[c]).collect();
        for &(c, factor) in scaled {
            if let Some(&i) = index.get(&c) {
                cost[i] *= factor;
            }
        }
        let mut rows_of = vec![Vec::new(); columns.len()];
        let rows = rows
            .iter()
            .enumerate()
            .map(|(r, &whole)| {
                let row = &self.rows[whole];
                let entries: Vec<(usize, f64)> =
                    row.entries.iter().map(|&(c, a)| (index[&c], a)).collect();
                for &(c, _) in &entries {
                    rows_of[c].push(r);
                }
                Row {
                    low: row.low,
                    high: row.high,
                    entries,
                }
            })
            .collect();
        Matrix {
            cost,
            bounds: columns.iter().map(|&c| self.bounds[c]).collect(),
            integer: columns.iter().map(|&c| self.integer[c]).collect(),
            rows,
            rows_of,
            offset: 0.0,
        }
    }

    /// The whole program as a HiGHS problem.
    pub(crate) fn problem(&self) -> RowProblem {
        let all: Vec<usize> = (0..self.cost.len()).collect();
        let rows: Vec<usize> = (0..self.rows.len()).collect();
        self.problem_of(&all, &rows, &[])
    }

    /// The part of the program that the decision columns `free` open, around the
    /// roster `current`: `free`, every column that is not a decision
    /// (`decision[col]` false) and is linked to one of them through rows and other
    /// such columns, and every row of those columns, in which the other columns count
    /// at their value in `current`. Returns it as a HiGHS problem, with its columns.
    ///
    /// The links are followed to the end, not one row deep: a largest deviation,
    /// which shares rows with everyone's deviations but with no decision, would
    /// otherwise stay at its value in `current` in every part, and so would the
    /// deviations of the people a part holds, which it may lower.
    ///
    /// A linked column the part could only ever want at its least value is
    /// [settled](Self::settled) there instead of opened: a held person's deviation
    /// is as low as their held roster lets it be, and only lowers the largest
    /// deviation's row. The part then carries a row per person instead of each
    /// person's deviation rows.
    pub(crate) fn part(
        &self,
        free: &[usize],
        decision: &[bool],
        current: &[f64],
    ) -> (RowProblem, Part) {
        let mut inside = vec![false; self.cost.len()];
        let mut around = current.to_vec();
        let mut held_low = vec![false; self.cost.len()];
        let mut settled = Vec::new();
        for &c in free {
            inside[c] = true;
        }
        let mut reached: Vec<usize> = free.to_vec();
        while let Some(col) = reached.pop() {
            for &r in &self.rows_of[col] {
                for &(c, _) in &self.rows[r].entries {
                    if decision[c] || inside[c] || held_low[c] {
                        continue;
                    }
                    match self.settled(c, decision, &inside, current) {
                        Some(value) => {
                            around[c] = value;
                            held_low[c] = true;
                            settled.push((c, value));
                        }
                        None => {
                            inside[c] = true;
                            reached.push(c);
                        }
                    }
                }
            }
        }
        let columns: Vec<usize> = (0..inside.len()).filter(|&c| inside[c]).collect();
        let rows: BTreeSet<usize> = columns
            .iter()
            .flat_map(|&c| self.rows_of[c].iter().copied())
            .collect();
        let rows: Vec<usize> = rows.into_iter().collect();
        let problem = self.problem_of(&columns, &rows, &around);
        let start = columns.iter().map(|&c| self.value(c, &around)).collect();
        let part = Part {
            columns,
            start,
            settled,
        };
        (problem, part)
    }

    /// The value at which column `col`, not a decision, can be held in a part whose
    /// columns are `inside` (the other decisions held at `values`) with no loss:
    /// the least its rows of held decisions allow, when it costs nothing to raise
    /// and lowering it only eases its rows with columns of the part. `None` when it
    /// must be opened: it pays to raise it, lowering it would tighten such a row,
    /// or a row links it to another column that is neither a decision nor inside.
    fn settled(
        &self,
        col: usize,
        decision: &[bool],
        inside: &[bool],
        values: &[f64],
    ) -> Option<f64> {
        if self.cost[col] < 0.0 {
            return None;
        }
        let (mut least, mut most) = self.bounds[col];
        for &r in &self.rows_of[col] {
            let row = &self.rows[r];
            let mut held = 0.0;
            let mut opened = false;
            let mut own = 0.0;
            for &(c, a) in &row.entries {
                if c == col {
                    own += a;
                } else if inside[c] {
                    opened = true;
                } else if decision[c] {
                    held += a * self.value(c, values);
                } else {
                    return None;
                }
            }
            if opened {
                // lowering `col` moves the row's sum by `-own`: it must not tighten it
                let eases = (own > 0.0 && row.low == f64::NEG_INFINITY)
                    || (own < 0.0 && row.high == f64::INFINITY)
                    || own == 0.0;
                if !eases {
                    return None;
                }
            } else if own > 0.0 {
                least = least.max((row.low - held) / own);
                most = most.min((row.high - held) / own);
            } else if own < 0.0 {
                least = least.max((row.high - held) / own);
                most = most.min((row.low - held) / own);
            }
        }
        if self.integer[col] {
            least = (least - 1e-9).ceil();
        }
        (least.is_finite() && least <= most + 1e-9).then_some(least)
    }

    /// Column `col`'s value in `values`, rounded when the column is an integer.
    fn value(&self, col: usize, values: &[f64]) -> f64 {
        if self.integer[col] {
            values[col].round()
        } else {
            values[col]
        }
    }

    /// A HiGHS problem of `columns` and `rows`; columns left out count at their value
    /// in `values` (all columns must be in when `values` is empty).
    fn problem_of(&self, columns: &[usize], rows: &[usize], values: &[f64]) -> RowProblem {
        let mut problem = RowProblem::default();
        let mut handle = HashMap::with_capacity(columns.len());
        for &c in columns {
            let (low, high) = self.bounds[c];
            let col =
                problem.add_column_with_integrality(self.cost[c], low..=high, self.integer[c]);
            handle.insert(c, col);
        }
        for &r in rows {
            let row = &self.rows[r];
            let mut held = 0.0;
            let mut factors = Vec::with_capacity(row.entries.len());
            for &(c, coefficient) in &row.entries {
                match handle.get(&c) {
                    Some(&col) => factors.push((col, coefficient)),
                    None => held += coefficient * self.value(c, values),
                }
            }
            let (low, high) = (row.low - held, row.high - held);
            if low.is_finite() {
                problem.add_row(low..=high, factors);
            } else {
                problem.add_row(..=high, factors);
            }
        }
        problem
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use good_lp::{constraint, variables};

    /// Minimise 5 - x - 3y - z with x + y <= 1, y + z <= 1, x, y, z binary; x and z
    /// are decisions, y is not.
    fn chain() -> Matrix {
        variables! { vars: 0 <= x (integer) <= 1; 0 <= y (integer) <= 1; 0 <= z (integer) <= 1; }
        let objective: Expression = -x - 3 * y - z + 5;
        let rows = vec![constraint!(x + y <= 1), constraint!(y + z <= 1)];
        Matrix::new(&vars, &objective, &rows)
    }

    #[test]
    fn a_part_holds_what_it_leaves_out_at_its_value() {
        let matrix = chain();
        let decision = [true, false, true];
        let (_, part) = matrix.part(&[0], &decision, &[0.0, 0.0, 1.0]);
        // x and y, which shares a row with x; z stays out at 1
        assert_eq!(part.start, vec![0.0, 0.0]);
        assert_eq!(
            part.complete(&[1.0, 0.0], &[0.0, 0.0, 1.0]),
            vec![1.0, 0.0, 1.0]
        );
        assert_eq!(matrix.objective_of(&[1.0, 0.0, 1.0]), 3.0);
    }

    /// `dx >= x`, `dz >= z`, `m >= dx`, `m >= dz`: two people's deviations and
    /// the largest of them.
    fn deviation_rows([x, z, dx, dz, m]: [Variable; 5]) -> Vec<Constraint> {
        vec![
            constraint!(dx - x >= 0),
            constraint!(dz - z >= 0),
            constraint!(m - dx >= 0),
            constraint!(m - dz >= 0),
        ]
    }

    #[test]
    fn a_part_frees_what_is_linked_through_other_columns_than_decisions() {
        // x and z decisions, dx and dz their deviations, m the largest deviation:
        // minimise m with dx >= x, dz >= z, m >= dx, m >= dz
        variables! { vars: 0 <= x (integer) <= 1; 0 <= z (integer) <= 1; 0 <= dx; 0 <= dz; 0 <= m (integer); }
        let objective: Expression = m.into();
        let matrix = Matrix::new(&vars, &objective, &deviation_rows([x, z, dx, dz, m]));
        let decision = [true, true, false, false, false];
        // a roster whose deviations and largest deviation are all higher than needed
        let current = [1.0, 0.0, 1.0, 1.0, 1.0];
        let (problem, part) = matrix.part(&[0], &decision, &current);
        // x, then dx and m (through dx's row); dz, reached through m's row, is
        // settled at the least z = 0 allows instead of opened
        assert_eq!(part.columns, vec![0, 2, 4]);
        assert_eq!(part.settled, vec![(3, 0.0)]);
        let mut program = super::super::Program::from_problem(problem, 0.0).unwrap();
        program.set_option("output_flag", false).unwrap();
        let run = program.solve(10.0, Some(&part.start)).unwrap();
        let all = part.complete(&run.columns.unwrap(), &current);
        assert_eq!(matrix.objective_of(&all).round(), 0.0, "{all:?}");
        assert!(matrix.keeps_every_row(&all, 1e-9), "{all:?}");
    }

    #[test]
    fn a_part_opens_a_linked_column_that_it_may_pay_to_raise() {
        // as above, but dz is wanted high (a reward) and bounded by m: it cannot
        // be settled at its least value
        variables! { vars: 0 <= x (integer) <= 1; 0 <= z (integer) <= 1; 0 <= dx; 0 <= dz <= 5; 0 <= m (integer); }
        let objective: Expression = m - 0.5 * dz;
        let matrix = Matrix::new(&vars, &objective, &deviation_rows([x, z, dx, dz, m]));
        let decision = [true, true, false, false, false];
        let current = [1.0, 0.0, 1.0, 1.0, 1.0];
        let (_, part) = matrix.part(&[0], &decision, &current);
        assert_eq!(part.columns, vec![0, 2, 3, 4]);
        assert!(part.settled.is_empty());
        // and one whose own rows leave no value: opened too
        variables! { vars2: 0 <= x2 (integer) <= 1; 0 <= z2 (integer) <= 1; 0 <= d2 <= 1; 0 <= m2; }
        let objective: Expression = m2.into();
        let rows = vec![
            constraint!(d2 - 2 * z2 >= 0),
            constraint!(m2 - x2 >= 0),
            constraint!(m2 - d2 >= 0),
        ];
        let matrix = Matrix::new(&vars2, &objective, &rows);
        // z2 held at 1 asks d2 >= 2 above its bound 1: the roster breaks that row,
        // so d2 is not settled
        let (_, part) = matrix.part(&[0], &[true, true, false, false], &[1.0, 1.0, 1.0, 1.0]);
        assert_eq!(part.columns, vec![0, 2, 3]);
    }

    #[test]
    fn a_solved_part_keeps_the_rows_of_what_it_holds() {
        let matrix = chain();
        let decision = [true, false, true];
        let current = [0.0, 0.0, 1.0];
        let (problem, part) = matrix.part(&[0], &decision, &current);
        let mut program = super::super::Program::from_problem(problem, 0.0).unwrap();
        program.set_option("output_flag", false).unwrap();
        let run = program.solve(10.0, Some(&part.start)).unwrap();
        let all = part.complete(&run.columns.unwrap(), &current);
        // y = 1 would pay more, but z is held at 1 and y + z <= 1
        assert_eq!(
            all.iter().map(|v| v.round()).collect::<Vec<_>>(),
            vec![1.0, 0.0, 1.0]
        );
        assert_eq!(matrix.objective_of(&all).round(), 3.0);
        // the whole program takes y instead, which pays more with z free
        let mut whole = super::super::Program::from_problem(matrix.problem(), 0.0).unwrap();
        whole.set_option("output_flag", false).unwrap();
        let best = whole.solve(10.0, None).unwrap();
        assert_eq!(matrix.objective_of(&best.columns.unwrap()).round(), 2.0);
    }

    #[test]
    fn the_relaxation_is_solved_and_the_program_stays_integral() {
        // a triangle: at most one of each pair; the relaxation takes half of each
        variables! { vars: 0 <= x (integer) <= 1; 0 <= y (integer) <= 1; 0 <= z (integer) <= 1; }
        let objective: Expression = -x - y - z;
        let rows = vec![
            constraint!(x + y <= 1),
            constraint!(y + z <= 1),
            constraint!(x + z <= 1),
        ];
        let matrix = Matrix::new(&vars, &objective, &rows);
        let mut program = super::super::Program::from_problem(matrix.problem(), 0.0).unwrap();
        program.set_option("output_flag", false).unwrap();
        let relaxed = program
            .relaxation(10.0, matrix.nonzeros())
            .unwrap()
            .expect("solved");
        assert!(
            (matrix.objective_of(&relaxed) + 1.5).abs() < 1e-9,
            "{relaxed:?}"
        );
        // the next solve is the integer program again, started from the relaxation
        let run = program.solve(10.0, Some(&relaxed)).unwrap();
        let columns = run.columns.unwrap();
        assert!(columns.iter().all(|v| (v - v.round()).abs() < 1e-9));
        assert_eq!(matrix.objective_of(&columns).round(), -1.0);
    }

    #[test]
    fn an_objective_is_integral_with_whole_costs_on_columns_that_take_whole_values() {
        assert!(chain().objective_is_integral());
        // g: continuous, at most 1 and at most x + y: whole wherever x and y are
        let wanted = |coefficient: f64, cost: f64| {
            variables! { vars: 0 <= x (integer) <= 1; 0 <= y (integer) <= 1; 0 <= g <= 1; }
            let objective: Expression = x + y - cost * g + 2;
            let rows = vec![constraint!(coefficient * g - x - y <= 0)];
            Matrix::new(&vars, &objective, &rows).objective_is_integral()
        };
        assert!(wanted(1.0, 2.0));
        assert!(!wanted(2.0, 2.0), "2g <= x + y lets g be a half");
        assert!(!wanted(1.0, 0.5), "a cost of a half");
    }

    #[test]
    fn regret_is_what_a_column_costs_beyond_its_cheaper_bound() {
        let matrix = chain();
        // costs -1, -3, -1: each column is cheapest at 1
        assert_eq!(matrix.regret(1, &[1.0, 0.0, 1.0]), 3.0);
        assert_eq!(matrix.regret(0, &[1.0, 0.0, 1.0]), 0.0);
        assert!(matrix.costs(1));
    }

    #[test]
    fn beside_lists_the_columns_sharing_a_row() {
        let matrix = chain();
        assert_eq!(matrix.beside(1).collect::<Vec<_>>(), [0, 2]);
        assert_eq!(matrix.beside(0).collect::<Vec<_>>(), [1]);
    }

    #[test]
    fn a_part_that_frees_nothing_is_empty() {
        let matrix = chain();
        let current = [1.0, 0.0, 1.0];
        let (_, part) = matrix.part(&[], &[true, false, true], &current);
        assert!(part.is_empty());
        assert_eq!(part.complete(&[], &current), current.to_vec());
        let (_, part) = matrix.part(&[2], &[true, false, true], &current);
        assert!(!part.is_empty());
    }
}
