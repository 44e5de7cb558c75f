//! Events and cover overrides: dates on which a duty needs other cover than usual.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::DateRange;

/// A named date range with extra cover at some sites (the open days).
///
/// # Example
/// ```
/// let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
/// let dates = duty_roster::DateRange::new(d("2022-08-08"), d("2022-08-12"));
/// let mut open_days = duty_roster::Event::new("open-days", "Journées portes ouvertes", dates);
/// open_days.cover.push(duty_roster::EventCover::new("after-hours", "bm", 1));
/// assert_eq!(open_days.dates.len(), 5);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
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

impl Event {
    /// An event over `dates` that needs no extra cover yet (push to `cover`).
    ///
    /// # Example
    /// ```
    /// let d: chrono::NaiveDate = "2022-08-08".parse().unwrap();
    /// let e = duty_roster::Event::new("fair", "Salon", duty_roster::DateRange::single(d));
    /// assert!(e.cover.is_empty());
    /// ```
    pub fn new(id: &str, name: &str, dates: DateRange) -> Self {
        Event {
            id: id.to_string(),
            name: name.to_string(),
            dates,
            cover: Vec::new(),
        }
    }
}

/// Extra people needed for one duty kind at one site during an event: added to
/// both the minimum and the maximum of the usual cover.
///
/// # Example
/// ```
/// let c = duty_roster::EventCover::new("sat", "kbg", 2);
/// assert_eq!(c.extra, 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EventCover {
    /// Duty kind id.
    pub duty: String,
    /// Site id.
    pub site: String,
    /// People added to the usual minimum and maximum.
    pub extra: u32,
}

impl EventCover {
    /// `extra` more people for duty kind `duty` at site `site`.
    ///
    /// # Example
    /// ```
    /// let c = duty_roster::EventCover::new("after-hours", "bm", 1);
    /// assert_eq!((c.duty.as_str(), c.site.as_str()), ("after-hours", "bm"));
    /// ```
    pub fn new(duty: &str, site: &str, extra: u32) -> Self {
        EventCover {
            duty: duty.to_string(),
            site: site.to_string(),
            extra,
        }
    }
}

/// A cover set outright for one duty kind at one site on one date (replacing the
/// usual minimum and maximum, events included). Used for per-day demand.
///
/// # Example
/// ```
/// let mut o = duty_roster::CoverOverride::new("2014-01-06".parse().unwrap(), "D", "ward", 3);
/// o.max = Some(3);
/// assert_eq!(o.min, 3);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
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

impl CoverOverride {
    /// At least `min` people, with no maximum, for duty kind `duty` at site `site` on
    /// `date`.
    ///
    /// # Example
    /// ```
    /// let o = duty_roster::CoverOverride::new("2014-01-06".parse().unwrap(), "D", "ward", 2);
    /// assert_eq!((o.min, o.max), (2, None));
    /// ```
    pub fn new(date: NaiveDate, duty: &str, site: &str, min: u32) -> Self {
        CoverOverride {
            date,
            duty: duty.to_string(),
            site: site.to_string(),
            min,
            max: None,
        }
    }
}

/// A duty that must be given to one person (pre-assigned): it stays whatever the
/// objective says.
///
/// # Example
/// ```
/// let p = duty_roster::Pin::new("2022-08-06".parse().unwrap(), "sat", "bm", "BM-01");
/// assert_eq!(p.staff, "BM-01");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
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

impl Pin {
    /// Staff member `staff` on duty kind `duty` at site `site` on `date`.
    ///
    /// # Example
    /// ```
    /// let p = duty_roster::Pin::new("2022-08-01".parse().unwrap(), "evening", "hq", "A");
    /// assert_eq!(p.duty, "evening");
    /// ```
    pub fn new(date: NaiveDate, duty: &str, site: &str, staff: &str) -> Self {
        Pin {
            date,
            duty: duty.to_string(),
            site: site.to_string(),
            staff: staff.to_string(),
        }
    }
}
