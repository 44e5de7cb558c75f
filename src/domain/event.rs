//! Events and cover overrides: dates on which a duty needs other cover than usual.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::DateRange;

/// A named date range with extra cover at some sites (the open days).
///
/// # Example
/// ```
/// let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
/// let open_days = duty_roster::Event {
///     id: "open-days".into(),
///     name: "Journées portes ouvertes".into(),
///     dates: duty_roster::DateRange::new(d("2022-08-08"), d("2022-08-12")),
///     cover: vec![duty_roster::EventCover { duty: "after-hours".into(), site: "bm".into(), extra: 1 }],
/// };
/// assert_eq!(open_days.dates.len(), 5);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Unique id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The dates of the event.
    pub dates: DateRange,
    /// The extra cover it needs.
    pub cover: Vec<EventCover>,
}

/// Extra people needed for one duty kind at one site during an event: added to
/// both the minimum and the maximum of the usual cover.
///
/// # Example
/// ```
/// let c = duty_roster::EventCover { duty: "sat".into(), site: "kbg".into(), extra: 2 };
/// assert_eq!(c.extra, 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventCover {
    /// Duty kind id.
    pub duty: String,
    /// Site id.
    pub site: String,
    /// People added to the usual minimum and maximum.
    pub extra: u32,
}

/// A cover set outright for one duty kind at one site on one date (replacing the
/// usual minimum and maximum, events included). Used for per-day demand.
///
/// # Example
/// ```
/// let o = duty_roster::CoverOverride {
///     date: "2014-01-06".parse().unwrap(),
///     duty: "D".into(),
///     site: "ward".into(),
///     min: 3,
///     max: Some(3),
/// };
/// assert_eq!(o.min, 3);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverOverride {
    /// The date.
    pub date: NaiveDate,
    /// Duty kind id.
    pub duty: String,
    /// Site id.
    pub site: String,
    /// Minimum number of people that day.
    pub min: u32,
    /// Maximum number of people that day (none when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
}

/// A duty that must be given to one person (pre-assigned): it stays whatever the
/// objective says.
///
/// # Example
/// ```
/// let p = duty_roster::Pin {
///     date: "2022-08-06".parse().unwrap(),
///     duty: "sat".into(),
///     site: "bm".into(),
///     staff: "BM-01".into(),
/// };
/// assert_eq!(p.staff, "BM-01");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pin {
    /// The date.
    pub date: NaiveDate,
    /// Duty kind id.
    pub duty: String,
    /// Site id.
    pub site: String,
    /// Staff id.
    pub staff: String,
}
