//! The changes of a re-plan, each with why it was made: a duty removed because its
//! person is now away (`unavailable`), may no longer serve the site or take the
//! kind, or because the published roster breaks one of their rules now (the rules'
//! keys); a duty added to cover a slot someone left (`cover: replaces <id>`); any
//! other change `moved` (made to keep the rules elsewhere). Reasons name rules and
//! staff ids, never a leave's reason.
//!
//! ```
//! use duty_roster::{Absence, Assignment, DateRange, Replan, Roster, sample, solve, validate};
//! use duty_roster::changes::{ChangeKind, explain_changes};
//! let monday: chrono::NaiveDate = "2022-08-01".parse().unwrap();
//! let mut def = sample::tiny_roster_def();
//! let published = vec![Assignment::new(monday, "evening", "hq", "A")];
//! def.staff[0].unavailable.push(Absence::new(DateRange::single(monday)));
//! def.replan = Some(Replan::new(published));
//! let roster = Roster::new(def).unwrap();
//! let outcome = solve(&roster, &Default::default()).unwrap();
//! let changes = validate(&roster, &outcome.assignments).changes.unwrap();
//! let explained = explain_changes(&roster, &changes);
//! let removed = explained.iter().find(|c| c.kind == ChangeKind::Removed).unwrap();
//! assert_eq!((removed.assignment.staff.as_str(), removed.reason.as_str()), ("A", "unavailable"));
//! ```

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::validate::Changes;
use crate::{Assignment, Roster, Rule, validate};

/// Whether a change gives a duty or takes it away.
///
/// # Example
/// ```
/// assert_eq!(duty_roster::changes::ChangeKind::Added.key(), "added");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ChangeKind {
    /// A published duty taken from its person.
    Removed,
    /// A duty given to a person who did not have it.
    Added,
}

impl ChangeKind {
    /// `added` or `removed`, as `changes.csv` writes it.
    ///
    /// # Example
    /// See [`ChangeKind`].
    pub fn key(self) -> &'static str {
        match self {
            ChangeKind::Removed => "removed",
            ChangeKind::Added => "added",
        }
    }
}

/// One change, with why it was made.
///
/// # Example
/// See the [module](self).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Change {
    /// The duty and the person.
    pub assignment: Assignment,
    /// Given or taken away.
    pub kind: ChangeKind,
    /// Why: a rule key (`unavailable`, `max_duties`...), `cover: replaces <id>`, or
    /// `moved`.
    pub reason: String,
}

impl Change {
    /// A change of `kind` to `assignment`, made for `reason`.
    ///
    /// # Example
    /// See [`render_text`].
    pub fn new(assignment: Assignment, kind: ChangeKind, reason: &str) -> Self {
        Change {
            assignment,
            kind,
            reason: reason.to_string(),
        }
    }
}

/// The changes of a re-planned `roster`, by date, site, duty and person (a removal
/// before an addition), each with why it was made.
///
/// # Example
/// See the [module](self).
pub fn explain_changes(roster: &Roster, changes: &Changes) -> Vec<Change> {
    let published = roster
        .def()
        .replan
        .as_ref()
        .map_or(&[][..], |r| &r.published[..]);
    // The rules the published roster breaks now, per person.
    let mut broken: BTreeMap<String, BTreeSet<Rule>> = BTreeMap::new();
    for v in validate(roster, published).violations {
        if let Some(staff) = v.staff {
            broken.entry(staff).or_default().insert(v.rule);
        }
    }
    let mut out: Vec<Change> = Vec::new();
    for a in &changes.removed {
        out.push(Change {
            assignment: a.clone(),
            kind: ChangeKind::Removed,
            reason: removal_reason(roster, a, broken.get(&a.staff)),
        });
    }
    for a in &changes.added {
        let left: Vec<&str> = changes
            .removed
            .iter()
            .filter(|r| r.date == a.date && r.duty == a.duty && r.site == a.site)
            .map(|r| r.staff.as_str())
            .collect();
        let reason = if left.is_empty() {
            "moved".to_string()
        } else {
            format!("cover: replaces {}", left.join(" "))
        };
        out.push(Change {
            assignment: a.clone(),
            kind: ChangeKind::Added,
            reason,
        });
    }
    out.sort_by(|x, y| order(x).cmp(&order(y)));
    out
}

/// The order of changes: date, site, duty, a removal before an addition, person.
fn order(c: &Change) -> (chrono::NaiveDate, &str, &str, ChangeKind, &str) {
    let a = &c.assignment;
    (a.date, &a.site, &a.duty, c.kind, &a.staff)
}

/// Why published duty `a` was taken from its person.
fn removal_reason(roster: &Roster, a: &Assignment, broken: Option<&BTreeSet<Rule>>) -> String {
    let (Some(p), Some(slot)) = (roster.staff_index(&a.staff), roster.slot_index_of(a)) else {
        return "moved".to_string();
    };
    let person = &roster.staff()[p];
    let site = roster.slots()[slot].site;
    if person.absence_during(&roster.slots()[slot]).is_some() {
        return Rule::Unavailable.key().to_string();
    }
    if !roster.may_serve_site(p, site) {
        return Rule::SiteNotAllowed.key().to_string();
    }
    if !roster.is_eligible(p, slot) {
        return Rule::MaxPerDuty.key().to_string();
    }
    match broken {
        Some(rules) if !rules.is_empty() => {
            rules.iter().map(|r| r.key()).collect::<Vec<_>>().join("+")
        }
        _ => "moved".to_string(),
    }
}

/// The changes grouped by person, as printed after a re-plan: each person's name,
/// then their duties removed and added, with why.
///
/// # Example
/// ```
/// use duty_roster::changes::{Change, ChangeKind, render_text};
/// let a = duty_roster::Assignment::new("2022-08-01".parse().unwrap(), "evening", "hq", "A");
/// let change = Change::new(a, ChangeKind::Removed, "unavailable");
/// let text = render_text(&duty_roster::sample::tiny_roster(), &[change]);
/// assert!(text.contains("A — Amina"));
/// assert!(text.contains("- 2022-08-01 evening at hq (unavailable)"));
/// ```
pub fn render_text(roster: &Roster, changes: &[Change]) -> String {
    if changes.is_empty() {
        return "no change from the published roster\n".to_string();
    }
    let mut by_person: BTreeMap<usize, Vec<&Change>> = BTreeMap::new();
    for c in changes {
        let p = roster
            .staff_index(&c.assignment.staff)
            .unwrap_or(usize::MAX);
        by_person.entry(p).or_default().push(c);
    }
    let mut out = String::new();
    for (p, list) in by_person {
        let who = roster.staff().get(p).map_or_else(
            || list[0].assignment.staff.clone(),
            |s| format!("{} — {}", s.id, s.name),
        );
        out.push_str(&format!("{who}\n"));
        for c in list {
            let a = &c.assignment;
            let sign = match c.kind {
                ChangeKind::Removed => '-',
                ChangeKind::Added => '+',
            };
            out.push_str(&format!(
                "  {sign} {} {} at {} ({})\n",
                a.date, a.duty, a.site, c.reason
            ));
        }
    }
    out
}
