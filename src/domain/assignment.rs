//! Assignments: who does which slot, by ids, as a solver or a file gives them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One person on one slot, by ids.
///
/// # Example
/// ```
/// let a = duty_roster::Assignment::new("2022-08-01".parse().unwrap(), "after-hours", "bm", "BM-01");
/// assert_eq!(a.staff, "BM-01");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Assignment {
    /// The slot's date.
    pub date: NaiveDate,
    /// Duty kind id.
    pub duty: String,
    /// Site id.
    pub site: String,
    /// Staff id.
    pub staff: String,
}

impl Assignment {
    /// A new assignment.
    ///
    /// # Example
    /// See [`Assignment`].
    pub fn new(date: NaiveDate, duty: &str, site: &str, staff: &str) -> Self {
        Assignment {
            date,
            duty: duty.to_string(),
            site: site.to_string(),
            staff: staff.to_string(),
        }
    }
}
