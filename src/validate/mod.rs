//! The independent validator: recomputes every hard rule and every objective term
//! from an assignment alone.
//!
//! It shares no code with the model builder (`src/model/`): eligibility, cover,
//! rest, runs of days, weekends, limits, pins, preferences and fair targets are all
//! derived again here from the roster's definition and its expanded slots, so that a
//! solver's answer (or a roster edited by hand) is checked by a second, simpler
//! reading of the same rules.
//!
//! Violations come in a fixed order whatever the order of the assignments: first the
//! assignments themselves (unknown slot or staff, duplicates, site not allowed,
//! person away), then cover and skills by slot, then the rules on each person's
//! days (one duty per day, rest, successions, runs of days, weekends), the limits,
//! and the pins.
//!
//! Each rule family has its own file, named as its counterpart in `src/model/`
//! (`cover`, `skills`, `one_duty_per_day`, `rest`, `successions`, `runs`, `weekends`,
//! `limits`, `pins`, `preferences`, `fairness`, plus `eligibility` for sites and
//! absences), with its unit tests beside it; `resolve` reads the assignments once
//! into the indices every check uses.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{Assignment, Bound, Roster, Rule, Strength, Term};

mod changes;
mod cover;
mod eligibility;
mod fairness;
mod limits;
mod one_duty_per_day;
mod pins;
mod preferences;
mod resolve;
mod rest;
mod runs;
mod skills;
mod successions;
#[cfg(test)]
mod testing;
mod weekends;

use resolve::Checker;

/// A hard rule broken by an assignment: the rule's key and a readable sentence.
///
/// # Example
/// ```
/// use duty_roster::{sample, validate, Rule};
/// let report = validate(&sample::tiny_roster(), &[]);
/// let v = &report.violations[0];
/// assert_eq!(v.rule, Rule::CoverMin);
/// assert_eq!(v.message, "2022-08-01 hq evening: 0 assigned, needs at least 1");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Violation {
    /// The rule broken; written as its key ([`Rule::key`]).
    pub rule: Rule,
    /// The staff member it concerns, when it concerns one person (not for cover).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff: Option<String>,
    /// A readable sentence naming the date, site, duty and staff member concerned.
    pub message: String,
}

/// What the validator found: hard rules broken, every objective term, and each
/// person's load against their fair targets.
///
/// # Example
/// ```
/// use duty_roster::{sample, validate, Term};
/// let report = validate(&sample::tiny_roster(), &[]);
/// assert_eq!(report.violations.len(), 5); // five evenings with nobody
/// assert_eq!(report.terms.len(), Term::ALL.len());
/// assert_eq!(report.people.len(), 3);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Report {
    /// Hard rules broken, in a deterministic order.
    pub violations: Vec<Violation>,
    /// Every term of [`Term::ALL`], already multiplied by its weight (0 when nothing).
    pub terms: BTreeMap<Term, f64>,
    /// The sum of the terms.
    pub objective: f64,
    /// Each person's load, in staff order.
    pub people: Vec<PersonLoad>,
    /// The changes from the published roster, when the roster re-plans one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changes: Option<Changes>,
}

/// The changes of a re-planned roster from the published one: each person added to
/// or removed from a slot is one change; a duty moved between two people is two.
///
/// # Example
/// ```
/// use duty_roster::{Assignment, Replan, Roster, sample, validate};
/// let a = |who: &str| Assignment::new("2022-08-01".parse().unwrap(), "evening", "hq", who);
/// let mut def = sample::tiny_roster_def();
/// def.replan = Some(Replan::new(vec![a("A")]));
/// let report = validate(&Roster::new(def).unwrap(), &[a("B")]);
/// let changes = report.changes.unwrap();
/// assert_eq!((changes.count(), changes.people_affected()), (2, 2));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Changes {
    /// Duties given to a person who did not have them, in slot then staff order.
    pub added: Vec<Assignment>,
    /// Published duties taken from their person, in slot then staff order.
    pub removed: Vec<Assignment>,
}

impl Changes {
    /// The number of changes.
    ///
    /// # Example
    /// See [`Changes`].
    pub fn count(&self) -> usize {
        self.added.len() + self.removed.len()
    }

    /// The number of people with at least one change.
    ///
    /// # Example
    /// See [`Changes`].
    pub fn people_affected(&self) -> usize {
        let people: std::collections::BTreeSet<&str> = self
            .added
            .iter()
            .chain(&self.removed)
            .map(|a| a.staff.as_str())
            .collect();
        people.len()
    }
}

/// One person's load over the period, with their fair targets.
///
/// # Example
/// ```
/// use duty_roster::{sample, validate};
/// let report = validate(&sample::tiny_roster(), &[]);
/// let a = &report.people[0];
/// assert_eq!((a.staff.as_str(), a.duties, a.hours), ("A", 0, 0.0));
/// assert!((a.per_duty[0].target - 5.0 / 3.0).abs() < 1e-9); // a third of five evenings
/// assert!((a.hours_target - 10.0 / 3.0).abs() < 1e-9); // of two hours each
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PersonLoad {
    /// Staff id.
    pub staff: String,
    /// Number of duties assigned.
    pub duties: u32,
    /// Duties of each kind, in the roster's duty order (one entry per kind).
    pub per_duty: Vec<DutyLoad>,
    /// Hours assigned.
    pub hours: f64,
    /// Fair number of hours: their share of every slot they could take, less the
    /// hours they carry from earlier months (never below 0).
    pub hours_target: f64,
    /// Hours carried from earlier months (done minus fair share); absent when the
    /// person carries nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours_carried: Option<f64>,
}

/// One person's count of one duty kind, with the fair target.
///
/// # Example
/// ```
/// use duty_roster::{sample, validate};
/// let report = validate(&sample::tiny_roster(), &[]);
/// let evening = &report.people[1].per_duty[0];
/// assert_eq!((evening.duty.as_str(), evening.count), ("evening", 0));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DutyLoad {
    /// Duty kind id.
    pub duty: String,
    /// Number of duties of this kind assigned.
    pub count: u32,
    /// Fair number: their share of every slot of this kind they could take, less
    /// the duties of this kind they carry from earlier months (never below 0).
    pub target: f64,
    /// Duties of this kind carried from earlier months (done minus fair share);
    /// absent when the person carries nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried: Option<f64>,
    /// Their own share of this month's slots of this kind, before what they carry:
    /// what a ledger records as owed this month.
    #[serde(skip)]
    pub share: f64,
    /// Hours worked on duties of this kind.
    #[serde(skip)]
    pub hours: f64,
    /// Their own share of the hours of this month's slots of this kind.
    #[serde(skip)]
    pub hours_share: f64,
}

/// Recomputes every hard rule and every objective term of `roster` from
/// `assignments` alone.
///
/// Assignments that name no slot or no staff member, or repeat one already given, are
/// reported and then ignored; every other assignment counts, even when it breaks a
/// rule (a person on a site they may not serve still covers it).
///
/// # Example
/// ```
/// use duty_roster::{sample, validate, Assignment, Term};
/// let roster = sample::tiny_roster();
/// let day = |d| chrono::NaiveDate::from_ymd_opt(2022, 8, d).unwrap();
/// let assignments: Vec<Assignment> = [(1, "A"), (2, "B"), (3, "C"), (4, "A"), (5, "B")]
///     .into_iter()
///     .map(|(d, who)| Assignment::new(day(d), "evening", "hq", who))
///     .collect();
/// let report = validate(&roster, &assignments);
/// assert!(report.violations.is_empty());
/// assert_eq!(report.people[2].duties, 1);
/// // Fair is 1 or 2 evenings each (5/3 rounded down or up): 2, 2 and 1 is fair.
/// assert!((report.people[2].per_duty[0].target - 5.0 / 3.0).abs() < 1e-9);
/// assert_eq!(report.terms[&Term::FairnessMaxDuty], 0.0);
/// ```
pub fn validate(roster: &Roster, assignments: &[Assignment]) -> Report {
    let mut check = Checker::new(roster, assignments);
    check.site_allowed();
    check.not_away();
    check.cover();
    check.skills();
    check.one_duty_per_day();
    check.min_rest();
    check.forbidden_successions();
    check.max_consecutive_days();
    check.min_consecutive_days();
    check.min_consecutive_days_off();
    check.max_weekends();
    check.limits();
    check.pins();
    check.preferences();
    let changes = check.changes();
    let people = check.fairness();
    let objective = check.terms.values().sum();
    Report {
        violations: check.violations,
        terms: check.terms,
        objective,
        people,
        changes,
    }
}

/// "1 day" or "3 days".
fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// A person's number for a rule: their own limit, else the roster's; with the
/// rule's strength (hard when only the person's limit is set).
fn bound_for(own: Option<u32>, rule: Option<Bound>) -> Option<(u32, Strength)> {
    let value = own.or(rule.map(|b| b.value))?;
    Some((value, rule.map_or(Strength::Hard, |b| b.strength)))
}

#[cfg(test)]
mod tests {
    use crate::validate::testing::*;

    #[test]
    fn valid_rota_has_no_violation_and_no_cost() {
        let report = check(def(), &rota());
        clean(&report);
        assert_eq!(report.terms.len(), Term::ALL.len());
    }

    #[test]
    fn violations_do_not_depend_on_assignment_order() {
        let list = with(rota(), &evenings(&[(1, "B"), (9, "A"), (2, "Z")]));
        let mut reversed = list.clone();
        reversed.reverse();
        let report = check(tiny_roster_def(), &list);
        assert_eq!(report.violations.len(), 3);
        assert_eq!(report, check(tiny_roster_def(), &reversed));
    }
}
