//! The integer program: one binary variable per (person, slot) a person could take,
//! and one module per rule family, each adding its own variables, constraints and
//! objective terms.

mod changes;
mod cover;
mod fairness;
mod limits;
mod one_duty_per_day;
mod preferences;
mod rest;
mod runs;
mod skills;
mod successions;
mod weekends;

use std::collections::{BTreeMap, HashMap};

use good_lp::{Constraint, Expression, IntoAffineExpression, ProblemVariables, Variable, variable};

use crate::{Roster, Strength, Term};

/// One decision: person `staff` takes slot `slot`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Decision {
    /// Staff index.
    pub staff: usize,
    /// Slot index.
    pub slot: usize,
    /// The binary variable.
    pub var: Variable,
    /// Its column in the solver's model (the order variables were made in).
    pub column: usize,
}

/// The integer program of a roster, ready to hand to a solver.
pub(crate) struct Model<'r> {
    roster: &'r Roster,
    vars: ProblemVariables,
    decisions: Vec<Decision>,
    by_slot: Vec<Vec<usize>>,
    by_staff_day: Vec<Vec<Vec<usize>>>,
    worked: HashMap<(usize, usize), Expression>,
    constraints: Vec<Constraint>,
    terms: BTreeMap<Term, Expression>,
    /// The number of changes from the published roster, when re-planning.
    changes: Option<Expression>,
}

impl<'r> Model<'r> {
    /// Builds the integer program of `roster`: every rule family in turn.
    pub(crate) fn build(roster: &'r Roster) -> Model<'r> {
        let mut model = Model::decisions_only(roster);
        cover::add(&mut model);
        limits::add(&mut model);
        one_duty_per_day::add(&mut model);
        rest::add(&mut model);
        successions::add(&mut model);
        runs::add(&mut model);
        weekends::add(&mut model);
        preferences::add(&mut model);
        fairness::add(&mut model);
        model.changes = changes::add(&mut model);
        model
    }

    fn decisions_only(roster: &'r Roster) -> Model<'r> {
        let days = roster.def().period.len();
        let mut vars = ProblemVariables::new();
        let mut decisions = Vec::new();
        let mut by_slot = vec![Vec::new(); roster.slots().len()];
        let mut by_staff_day = vec![vec![Vec::new(); days]; roster.staff().len()];
        let pinned: Vec<(usize, usize)> = roster
            .def()
            .pins
            .iter()
            .filter_map(|p| {
                let slot = roster.slots().iter().position(|s| {
                    s.date == p.date
                        && roster.duties()[s.duty].id == p.duty
                        && roster.sites()[s.site].id == p.site
                })?;
                Some((roster.staff_index(&p.staff)?, slot))
            })
            .collect();
        let mut pinned_vars = Vec::new();
        for (slot_i, slot) in roster.slots().iter().enumerate() {
            let day = (slot.date - roster.def().period.first).num_days() as usize;
            for (staff_i, staff_days) in by_staff_day.iter_mut().enumerate() {
                if !roster.is_eligible(staff_i, slot_i) {
                    continue;
                }
                let is_pinned = pinned.contains(&(staff_i, slot_i));
                let def = if is_pinned && roster.def().rules.pins.is_hard() {
                    variable().binary().min(1)
                } else {
                    variable().binary()
                };
                let column = vars.len();
                let var = vars.add(def);
                if is_pinned {
                    pinned_vars.push(var);
                }
                by_slot[slot_i].push(decisions.len());
                staff_days[day].push(decisions.len());
                decisions.push(Decision {
                    staff: staff_i,
                    slot: slot_i,
                    var,
                    column,
                });
            }
        }
        let mut model = Model {
            roster,
            vars,
            decisions,
            by_slot,
            by_staff_day,
            worked: HashMap::new(),
            constraints: Vec::new(),
            terms: BTreeMap::new(),
            changes: None,
        };
        // A soft pin costs its weight when its variable is 0: weight * (1 - x).
        if let Strength::Soft(w) = roster.def().rules.pins {
            for var in pinned_vars {
                model.penalise(Term::Pins, f64::from(w), Expression::from(1.0) - var);
            }
        }
        model
    }

    /// The decisions (person, slot, variable), by slot then staff order.
    pub(crate) fn decisions(&self) -> &[Decision] {
        &self.decisions
    }

    /// The columns that tie every person's rows together: the largest deviations of
    /// fairness, which bound everyone's. Without them, people who never share a slot
    /// (an annex's staff and another's) share no row.
    pub(crate) fn shared_columns(&self) -> Vec<usize> {
        let shared: Vec<Variable> = [Term::FairnessMaxDuty, Term::FairnessMaxHours]
            .iter()
            .filter_map(|term| self.terms.get(term))
            .flat_map(|e| e.linear_coefficients().map(|(var, _)| var))
            .collect();
        self.vars
            .iter_variables_with_def()
            .enumerate()
            .filter(|(_, (var, _))| shared.contains(var))
            .map(|(column, _)| column)
            .collect()
    }

    /// Number of constraints.
    pub(crate) fn constraint_count(&self) -> usize {
        self.constraints.len()
    }

    /// Number of variables.
    pub(crate) fn variable_count(&self) -> usize {
        self.vars.len()
    }

    /// Allows at most `max` changes from the published roster (nothing without one).
    pub(crate) fn bound_changes(&mut self, max: f64) {
        if let Some(changes) = self.changes.clone() {
            self.constrain(changes.leq(max));
        }
    }

    /// Takes the model apart for the first step of a re-plan, whose objective is the
    /// number of changes alone (see [`Model::into_parts`]).
    pub(crate) fn into_parts_for_changes(
        self,
    ) -> (ProblemVariables, Expression, Vec<Constraint>, f64) {
        let objective = self.changes.unwrap_or_else(|| Expression::from(0.0));
        let offset = good_lp::IntoAffineExpression::constant(&objective);
        (self.vars, objective, self.constraints, offset)
    }

    /// Takes the model apart for the solver: variables, objective, constraints, and
    /// the objective's constant part (which solvers leave out of the value they report).
    pub(crate) fn into_parts(self) -> (ProblemVariables, Expression, Vec<Constraint>, f64) {
        let mut objective = Expression::from(0.0);
        for expr in self.terms.values() {
            objective += expr.clone();
        }
        let offset = good_lp::IntoAffineExpression::constant(&objective);
        (self.vars, objective, self.constraints, offset)
    }

    // ---- helpers for the rule modules ----

    fn roster(&self) -> &'r Roster {
        self.roster
    }

    fn day_count(&self) -> usize {
        self.roster.def().period.len()
    }

    fn sum_of(&self, decisions: &[usize]) -> Expression {
        let mut e = Expression::with_capacity(decisions.len());
        for &d in decisions {
            e.add_mul(1.0, self.decisions[d].var);
        }
        e
    }

    /// Decisions of `staff` on `day` that are of duty kind `duty`.
    fn of_duty(&self, staff: usize, day: usize, duty: usize) -> Vec<usize> {
        self.by_staff_day[staff][day]
            .iter()
            .copied()
            .filter(|&d| self.roster.slots()[self.decisions[d].slot].duty == duty)
            .collect()
    }

    fn constrain(&mut self, c: Constraint) {
        self.constraints.push(c);
    }

    /// Adds `weight * expr` to objective term `term`.
    fn penalise(&mut self, term: Term, weight: f64, expr: impl Into<Expression>) {
        let e = self
            .terms
            .entry(term)
            .or_insert_with(|| Expression::from(0.0));
        e.add_mul(weight, expr.into());
    }

    /// A slack variable for a soft rule: integer, at least 0, costed in `term`.
    /// For a hard rule, no slack (the constant 0).
    fn slack(&mut self, strength: Strength, term: Term) -> Expression {
        match strength {
            Strength::Hard => Expression::from(0.0),
            Strength::Soft(w) => {
                let s = self.vars.add(variable().integer().min(0));
                self.penalise(term, f64::from(w), s);
                Expression::from(s)
            }
        }
    }

    /// Whether `staff` works on `day`: the sum of their decisions that day when at most
    /// one duty a day is hard, else a binary variable tied to them.
    fn worked(&mut self, staff: usize, day: usize) -> Expression {
        if let Some(e) = self.worked.get(&(staff, day)) {
            return e.clone();
        }
        let decisions = self.by_staff_day[staff][day].clone();
        let sum = self.sum_of(&decisions);
        let e = if self.roster.def().rules.one_duty_per_day.is_hard() || decisions.len() <= 1 {
            sum
        } else {
            let w = self.vars.add(variable().binary());
            for &d in &decisions {
                let x = self.decisions[d].var;
                self.constraints.push(Expression::from(w).geq(x));
            }
            self.constraints.push(Expression::from(w).leq(sum));
            Expression::from(w)
        };
        self.worked.insert((staff, day), e.clone());
        e
    }
}

#[cfg(test)]
mod tests {
    use super::Model;
    use crate::sample::tiny_roster;

    #[test]
    fn model_has_one_decision_per_person_and_evening_in_slot_order() {
        let roster = tiny_roster();
        let model = Model::build(&roster);
        assert_eq!(model.decisions().len(), 15); // 3 people x 5 evenings
        let first = model.decisions()[0];
        assert_eq!((first.staff, first.slot), (0, 0));
        assert!(model.constraint_count() > 0);
        assert!(model.variable_count() >= 15);
    }
}
