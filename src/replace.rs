//! Who can replace whom in a published roster, decided on the phone: the people who
//! could take a person's duty without breaking a hard rule, ranked by what it costs
//! (the objective's rise: fairness, wishes, soft rules), with a second move when the
//! best ones need one; and a swap two people agreed on, checked against every rule.
//! Both judge rosters with the independent validator: a candidate may break no hard
//! rule that the published roster, less the duty given up, does not already break.
//!
//! ```
//! use duty_roster::{Assignment, sample, solve};
//! let roster = sample::tiny_roster();
//! let published = solve(&roster, &Default::default()).unwrap().assignments;
//! let monday = &published[0];
//! let options = duty_roster::replace::replacements(&roster, &published, &monday.staff, monday.date).unwrap();
//! assert_eq!(options.len(), 2); // the two others
//! assert!(options.iter().all(|o| o.staff != monday.staff));
//! ```

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::validate::{Report, Violation};
use crate::{Assignment, Roster, Term, validate};

/// People whose second move is tried, among those who cannot take the duty alone.
const CHAIN_CANDIDATES: usize = 5;
/// Duties of such a person, nearest the date first, that a second move may pass on.
const CHAIN_DUTIES: usize = 6;

/// One person who could take the duty, and what it costs.
///
/// # Example
/// See the [module](self).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Replacement {
    /// Who takes the duty.
    pub staff: String,
    /// The duty taken.
    pub duty: Assignment,
    /// The rise of the objective (negative: the roster gets better).
    pub cost: f64,
    /// Of which fairness.
    pub fairness: f64,
    /// Of which wishes not honoured.
    pub wishes: f64,
    /// A second move the replacement needs: one of their duties passed on to
    /// someone else.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub then: Option<Move>,
}

/// A duty passed on to another person.
///
/// # Example
/// See [`Replacement`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Move {
    /// The duty, as its holder had it.
    pub duty: Assignment,
    /// Who takes it.
    pub to: String,
}

/// A replacement or swap that cannot be made.
///
/// # Example
/// ```
/// let roster = duty_roster::sample::tiny_roster();
/// let e = duty_roster::replace::replacements(&roster, &[], "A", "2022-08-01".parse().unwrap()).unwrap_err();
/// assert_eq!(e.to_string(), "`A` has no duty on 2022-08-01 in the published roster");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReplaceError {
    /// The person has no duty that day.
    #[error("`{staff}` has no duty on {date} in the published roster")]
    NoDuty {
        /// Staff id.
        staff: String,
        /// The date.
        date: NaiveDate,
    },
    /// The staff id is not the roster's.
    #[error("unknown staff `{0}`")]
    UnknownStaff(String),
    /// The swap breaks rules; each is listed.
    #[error("the swap breaks {}", .0.iter().map(|v| format!("`{}`: {}", v.rule, v.message)).collect::<Vec<_>>().join("; "))]
    Breaks(Vec<Violation>),
}

/// The published duties of `staff` on `date`.
fn duties_of(published: &[Assignment], staff: &str, date: NaiveDate) -> Vec<Assignment> {
    published
        .iter()
        .filter(|a| a.staff == staff && a.date == date)
        .cloned()
        .collect()
}

/// `list` less `out`, plus `staff` on `duty`.
fn with_move(list: &[Assignment], out: &Assignment, staff: &str) -> Vec<Assignment> {
    let mut moved: Vec<Assignment> = list.iter().filter(|a| *a != out).cloned().collect();
    moved.push(Assignment::new(out.date, &out.duty, &out.site, staff));
    moved
}

/// The violations of `report` that `before` does not have.
fn new_violations(report: &Report, before: &BTreeSet<String>) -> Vec<Violation> {
    report
        .violations
        .iter()
        .filter(|v| !before.contains(&v.message))
        .cloned()
        .collect()
}

fn fairness(report: &Report) -> f64 {
    [
        Term::FairnessMaxDuty,
        Term::FairnessTotalDuty,
        Term::FairnessMaxHours,
        Term::FairnessTotalHours,
    ]
    .iter()
    .map(|t| report.terms.get(t).copied().unwrap_or(0.0))
    .sum()
}

fn wishes(report: &Report) -> f64 {
    report.terms.get(&Term::Preferences).copied().unwrap_or(0.0)
}

/// The people who could take `staff`'s duty on `date` in `published` without
/// breaking a new hard rule: first those who can take it alone, then those who need
/// to pass one of their own duties on, each ranked by cost (then staff id).
///
/// # Errors
/// [`ReplaceError::UnknownStaff`], or [`ReplaceError::NoDuty`] when the person has
/// no duty that day.
///
/// # Example
/// See the [module](self).
pub fn replacements(
    roster: &Roster,
    published: &[Assignment],
    staff: &str,
    date: NaiveDate,
) -> Result<Vec<Replacement>, ReplaceError> {
    if roster.staff_index(staff).is_none() {
        return Err(ReplaceError::UnknownStaff(staff.to_string()));
    }
    let Some(duty) = duties_of(published, staff, date).into_iter().next() else {
        return Err(ReplaceError::NoDuty {
            staff: staff.to_string(),
            date,
        });
    };
    let base: Vec<Assignment> = published.iter().filter(|a| **a != duty).cloned().collect();
    let base_report = validate(roster, &base);
    let before: BTreeSet<String> = base_report
        .violations
        .iter()
        .map(|v| v.message.clone())
        .collect();
    let cost_of = |report: &Report, staff: &str, then: Option<Move>| Replacement {
        staff: staff.to_string(),
        duty: duty.clone(),
        cost: report.objective - base_report.objective,
        fairness: fairness(report) - fairness(&base_report),
        wishes: wishes(report) - wishes(&base_report),
        then,
    };
    let mut direct = Vec::new();
    let mut blocked: Vec<(f64, &str, Vec<Assignment>)> = Vec::new();
    for person in roster.staff() {
        if person.id == staff {
            continue;
        }
        let mut candidate = base.clone();
        candidate.push(Assignment::new(
            duty.date, &duty.duty, &duty.site, &person.id,
        ));
        let report = validate(roster, &candidate);
        let new = new_violations(&report, &before);
        if new.is_empty() {
            direct.push(cost_of(&report, &person.id, None));
        } else if new
            .iter()
            .all(|v| v.staff.as_deref() == Some(person.id.as_str()))
        {
            blocked.push((report.objective, &person.id, candidate));
        }
    }
    blocked.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(b.1)));
    let mut chained = Vec::new();
    for (_, q, candidate) in blocked.into_iter().take(CHAIN_CANDIDATES) {
        let mut theirs: Vec<&Assignment> = published
            .iter()
            .filter(|a| a.staff == q && **a != duty)
            .collect();
        theirs.sort_by_key(|a| ((a.date - date).num_days().abs(), a.date));
        let mut best: Option<Replacement> = None;
        for e in theirs.into_iter().take(CHAIN_DUTIES) {
            for r in roster.staff() {
                if r.id == staff || r.id == q {
                    continue;
                }
                let second = with_move(&candidate, e, &r.id);
                let report = validate(roster, &second);
                if !new_violations(&report, &before).is_empty() {
                    continue;
                }
                let option = cost_of(
                    &report,
                    q,
                    Some(Move {
                        duty: e.clone(),
                        to: r.id.clone(),
                    }),
                );
                if best.as_ref().is_none_or(|b| option.cost < b.cost) {
                    best = Some(option);
                }
            }
        }
        chained.extend(best);
    }
    let rank = |list: &mut Vec<Replacement>| {
        list.sort_by(|a, b| a.cost.total_cmp(&b.cost).then(a.staff.cmp(&b.staff)));
    };
    rank(&mut direct);
    rank(&mut chained);
    direct.extend(chained);
    Ok(direct)
}

/// The published roster with `a`'s duty on `date_a` given to `b`, and, with
/// `date_b`, `b`'s duty that day given to `a`: checked against every rule of
/// `roster`.
///
/// # Errors
/// [`ReplaceError::Breaks`] listing each new broken rule; [`ReplaceError::NoDuty`]
/// or [`ReplaceError::UnknownStaff`] when the duties named are not there.
///
/// # Example
/// ```
/// use duty_roster::replace::{ReplaceError, swap};
/// let roster = duty_roster::sample::tiny_roster();
/// let published = duty_roster::solve(&roster, &Default::default()).unwrap().assignments;
/// let (a, b) = (&published[0], &published[1]);
/// let swapped = swap(&roster, &published, &a.staff, a.date, &b.staff, Some(b.date)).unwrap();
/// assert!(swapped.iter().any(|x| x.date == a.date && x.staff == b.staff));
/// ```
pub fn swap(
    roster: &Roster,
    published: &[Assignment],
    a: &str,
    date_a: NaiveDate,
    b: &str,
    date_b: Option<NaiveDate>,
) -> Result<Vec<Assignment>, ReplaceError> {
    for id in [a, b] {
        if roster.staff_index(id).is_none() {
            return Err(ReplaceError::UnknownStaff(id.to_string()));
        }
    }
    let duty = |staff: &str, date: NaiveDate| {
        duties_of(published, staff, date)
            .into_iter()
            .next()
            .ok_or_else(|| ReplaceError::NoDuty {
                staff: staff.to_string(),
                date,
            })
    };
    let before: BTreeSet<String> = validate(roster, published)
        .violations
        .into_iter()
        .map(|v| v.message)
        .collect();
    let mut swapped = with_move(published, &duty(a, date_a)?, b);
    if let Some(date_b) = date_b {
        swapped = with_move(&swapped, &duty(b, date_b)?, a);
    }
    let new = new_violations(&validate(roster, &swapped), &before);
    if new.is_empty() {
        Ok(swapped)
    } else {
        Err(ReplaceError::Breaks(new))
    }
}
