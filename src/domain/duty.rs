//! Duty kinds: the templates from which the period's slots are made.

use chrono::{NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

use super::DateRange;

/// A kind of duty (slot template): when it runs and how many people it needs where.
///
/// # Example
/// ```
/// use chrono::{NaiveTime, Weekday};
/// use duty_roster::{DutyKind, SiteCover};
/// let saturday = DutyKind {
///     id: "sat".into(),
///     name: "Saturday morning".into(),
///     weekdays: vec![Weekday::Sat],
///     start: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
///     end: NaiveTime::from_hms_opt(13, 0, 0).unwrap(),
///     overnight: false,
///     on_holidays: false,
///     times: vec![],
///     cover: vec![SiteCover::exactly("bm", 2)],
/// };
/// assert_eq!(saturday.minutes_on("2022-08-06".parse().unwrap()), 240);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DutyKind {
    /// Unique id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Days of the week on which it runs.
    pub weekdays: Vec<Weekday>,
    /// Local start time.
    pub start: NaiveTime,
    /// Local end time (on the next day when `overnight`).
    pub end: NaiveTime,
    /// The duty ends on the day after it starts (a night duty).
    #[serde(default)]
    pub overnight: bool,
    /// Whether it also runs on public holidays.
    #[serde(default)]
    pub on_holidays: bool,
    /// Other hours on some dates (Ramadan).
    #[serde(default)]
    pub times: Vec<TimeOverride>,
    /// How many people it needs, per site.
    pub cover: Vec<SiteCover>,
}

impl DutyKind {
    /// Local start and end time on `date`, taking overrides into account (the last
    /// override that contains the date wins).
    ///
    /// # Example
    /// See [`DutyKind`].
    pub fn hours_on(&self, date: chrono::NaiveDate) -> (NaiveTime, NaiveTime) {
        self.times
            .iter()
            .rev()
            .find(|t| t.dates.contains(date))
            .map_or((self.start, self.end), |t| (t.start, t.end))
    }

    /// Length in minutes on `date`.
    ///
    /// # Example
    /// See [`DutyKind`].
    pub fn minutes_on(&self, date: chrono::NaiveDate) -> i64 {
        let (start, end) = self.hours_on(date);
        let minutes = (end - start).num_minutes();
        if self.overnight {
            minutes + 24 * 60
        } else {
            minutes
        }
    }
}

/// Other hours for a duty kind over a date range (for example Ramadan hours).
///
/// # Example
/// ```
/// let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
/// let t = |s: &str| s.parse::<chrono::NaiveTime>().unwrap();
/// let ramadan = duty_roster::TimeOverride {
///     dates: duty_roster::DateRange::new(d("2022-04-02"), d("2022-05-01")),
///     start: t("15:00:00"),
///     end: t("17:00:00"),
/// };
/// assert!(ramadan.dates.contains(d("2022-04-12")));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeOverride {
    /// The dates it applies to.
    pub dates: DateRange,
    /// Local start time on those dates.
    pub start: NaiveTime,
    /// Local end time on those dates.
    pub end: NaiveTime,
}

/// How many people a duty kind needs at one site on each of its days.
///
/// # Example
/// ```
/// let c = duty_roster::SiteCover::exactly("bm", 2);
/// assert_eq!((c.min, c.max), (2, Some(2)));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SiteCover {
    /// The site id.
    pub site: String,
    /// Minimum number of people.
    pub min: u32,
    /// Maximum number of people (no maximum when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
    /// Skills the slot needs: at least `count` people with `skill`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<SkillNeed>,
    /// Penalty per missing person; the minimum is hard when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub under_weight: Option<u32>,
    /// Penalty per person above the maximum; the maximum is hard when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub over_weight: Option<u32>,
}

impl SiteCover {
    /// Exactly `count` people at `site`, hard, no skill needed.
    ///
    /// # Example
    /// ```
    /// assert_eq!(duty_roster::SiteCover::exactly("phone", 1).site, "phone");
    /// ```
    pub fn exactly(site: &str, count: u32) -> Self {
        SiteCover {
            site: site.to_string(),
            min: count,
            max: Some(count),
            skills: Vec::new(),
            under_weight: None,
            over_weight: None,
        }
    }
}

/// At least `count` people with `skill` on a slot.
///
/// # Example
/// ```
/// let es = duty_roster::SkillNeed { skill: "es".into(), count: 1 };
/// assert_eq!(es.count, 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillNeed {
    /// The skill (a language code, a profession...).
    pub skill: String,
    /// How many people with it.
    pub count: u32,
}
