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
/// let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
/// let one = NaiveTime::from_hms_opt(13, 0, 0).unwrap();
/// let mut saturday = DutyKind::new("sat", "Saturday morning", &[Weekday::Sat], nine, one);
/// saturday.cover.push(SiteCover::exactly("bm", 2));
/// assert_eq!(saturday.minutes_on("2022-08-06".parse().unwrap()), 240);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
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
    /// How much one duty of this kind weighs in fairness (1 for an ordinary duty;
    /// a Saturday or a holiday eve may count 2): a person's distance from their fair
    /// number of this kind is multiplied by it.
    #[serde(default = "one")]
    pub fairness_weight: u32,
}

fn one() -> u32 {
    1
}

impl DutyKind {
    /// A duty kind from `start` to `end` (local times, same day) on `weekdays`: not
    /// overnight, not on holidays, with no other hours and no cover yet (push to
    /// `cover`).
    ///
    /// # Example
    /// ```
    /// use chrono::{NaiveTime, Weekday};
    /// let t = |s: &str| s.parse::<NaiveTime>().unwrap();
    /// let days = [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri];
    /// let evening = duty_roster::DutyKind::new("evening", "Evening", &days, t("16:30:00"), t("18:30:00"));
    /// assert_eq!(evening.weekdays.len(), 5);
    /// assert!(!evening.overnight && evening.cover.is_empty());
    /// ```
    pub fn new(
        id: &str,
        name: &str,
        weekdays: &[Weekday],
        start: NaiveTime,
        end: NaiveTime,
    ) -> Self {
        DutyKind {
            id: id.to_string(),
            name: name.to_string(),
            weekdays: weekdays.to_vec(),
            start,
            end,
            overnight: false,
            on_holidays: false,
            times: Vec::new(),
            cover: Vec::new(),
            fairness_weight: 1,
        }
    }

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
/// let dates = duty_roster::DateRange::new(d("2022-04-02"), d("2022-05-01"));
/// let ramadan = duty_roster::TimeOverride::new(dates, t("15:00:00"), t("17:00:00"));
/// assert!(ramadan.dates.contains(d("2022-04-12")));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TimeOverride {
    /// The dates it applies to.
    pub dates: DateRange,
    /// Local start time on those dates.
    pub start: NaiveTime,
    /// Local end time on those dates.
    pub end: NaiveTime,
}

impl TimeOverride {
    /// Hours `start` to `end` on `dates`.
    ///
    /// # Example
    /// ```
    /// let d: chrono::NaiveDate = "2022-04-12".parse().unwrap();
    /// let t = |s: &str| s.parse::<chrono::NaiveTime>().unwrap();
    /// let o = duty_roster::TimeOverride::new(duty_roster::DateRange::single(d), t("15:00:00"), t("17:00:00"));
    /// assert_eq!(o.start, t("15:00:00"));
    /// ```
    pub fn new(dates: DateRange, start: NaiveTime, end: NaiveTime) -> Self {
        TimeOverride { dates, start, end }
    }
}

/// How many people a duty kind needs at one site on each of its days.
///
/// # Example
/// ```
/// let c = duty_roster::SiteCover::exactly("bm", 2);
/// assert_eq!((c.min, c.max), (2, Some(2)));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
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
    /// At least `min` people at `site`, hard, with no maximum and no skill needed.
    ///
    /// # Example
    /// ```
    /// let mut c = duty_roster::SiteCover::new("bm", 1);
    /// c.under_weight = Some(1000);
    /// assert_eq!((c.min, c.max), (1, None));
    /// ```
    pub fn new(site: &str, min: u32) -> Self {
        SiteCover {
            site: site.to_string(),
            min,
            max: None,
            skills: Vec::new(),
            under_weight: None,
            over_weight: None,
        }
    }

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
/// let es = duty_roster::SkillNeed::new("es", 1);
/// assert_eq!(es.count, 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SkillNeed {
    /// The skill (a language code, a profession...).
    pub skill: String,
    /// How many people with it.
    pub count: u32,
}

impl SkillNeed {
    /// At least `count` people with `skill`.
    ///
    /// # Example
    /// ```
    /// let mut cover = duty_roster::SiteCover::exactly("bm", 2);
    /// cover.skills.push(duty_roster::SkillNeed::new("nurse", 1));
    /// assert_eq!(cover.skills[0].skill, "nurse");
    /// ```
    pub fn new(skill: &str, count: u32) -> Self {
        SkillNeed {
            skill: skill.to_string(),
            count,
        }
    }
}
