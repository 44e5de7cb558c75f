//! A re-plan of a published roster: the roster as it was published, the day up to
//! which it stays as it was, and how many changes one person may get. The model
//! then looks for the fewest changes first, and the validator counts them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Assignment;

/// What a re-plan starts from.
///
/// # Example
/// ```
/// let a = duty_roster::Assignment::new("2022-08-01".parse().unwrap(), "evening", "hq", "A");
/// let mut replan = duty_roster::Replan::new(vec![a]);
/// replan.freeze_until = Some("2022-08-03".parse().unwrap());
/// assert!(replan.is_frozen("2022-08-02".parse().unwrap()));
/// assert!(!replan.is_frozen("2022-08-04".parse().unwrap()));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Replan {
    /// The published roster's assignments (those that still name a slot and a
    /// person of the roster).
    pub published: Vec<Assignment>,
    /// Duties on or before this date stay exactly as published: they happened, or
    /// are too close to move.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub freeze_until: Option<NaiveDate>,
    /// Most changes one person may get (a change is a duty added or removed); the
    /// removal of a duty the person can no longer take does not count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_changes_per_person: Option<u32>,
}

impl Replan {
    /// A re-plan of `published`, nothing frozen, no limit per person.
    ///
    /// # Example
    /// See [`Replan`].
    pub fn new(published: Vec<Assignment>) -> Self {
        Replan {
            published,
            freeze_until: None,
            max_changes_per_person: None,
        }
    }

    /// Whether duties on `date` are frozen.
    ///
    /// # Example
    /// See [`Replan`].
    pub fn is_frozen(&self, date: NaiveDate) -> bool {
        self.freeze_until.is_some_and(|f| date <= f)
    }
}
