//! Slots: one duty kind at one site on one date, with its times and cover, made
//! from the roster's templates.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::SkillNeed;

/// One duty kind at one site on one date: the unit people are assigned to.
///
/// # Example
/// ```
/// # let roster = duty_roster::sample::tiny_roster();
/// let slot = &roster.slots()[0];
/// assert_eq!(roster.duties()[slot.duty].id, "evening");
/// assert!(slot.end_utc > slot.start_utc);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Slot {
    /// The date the duty starts.
    pub date: NaiveDate,
    /// Index of the duty kind in [`Roster::duties`](crate::Roster::duties).
    pub duty: usize,
    /// Index of the site in [`Roster::sites`](crate::Roster::sites).
    pub site: usize,
    /// Local start.
    pub start_local: NaiveDateTime,
    /// Local end.
    pub end_local: NaiveDateTime,
    /// Start instant.
    pub start_utc: DateTime<Utc>,
    /// End instant.
    pub end_utc: DateTime<Utc>,
    /// Length in minutes (wall-clock difference of the local times).
    pub minutes: i64,
    /// Fewest people.
    pub min: u32,
    /// Most people, if any.
    pub max: Option<u32>,
    /// Skills needed.
    pub skills: Vec<SkillNeed>,
    /// Penalty per missing person (hard minimum when absent).
    pub under_weight: Option<u32>,
    /// Penalty per extra person (hard maximum when absent).
    pub over_weight: Option<u32>,
}

/// The instant of a local time in `tz`; a time skipped by a clock change is moved
/// forward by the change, an ambiguous one takes the earlier instant.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// let at = NaiveDate::from_ymd_opt(2022, 8, 8).unwrap().and_hms_opt(16, 30, 0).unwrap();
/// let utc = duty_roster::domain::slot::to_utc(chrono_tz::Africa::Casablanca, at);
/// assert_eq!(utc.to_rfc3339(), "2022-08-08T15:30:00+00:00");
/// ```
pub fn to_utc(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    let mut probe = local;
    for _ in 0..4 {
        if let Some(t) = tz.from_local_datetime(&probe).earliest() {
            return t.with_timezone(&Utc);
        }
        probe += chrono::Duration::minutes(30);
    }
    Utc.from_utc_datetime(&local)
}
