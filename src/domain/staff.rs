//! Staff: who they are, where they may serve, when they are away, what they prefer
//! and how much they may carry.

use std::collections::BTreeMap;

use chrono::Weekday;
use serde::{Deserialize, Serialize};

use super::{DateRange, Limits};

/// A staff member.
///
/// # Example
/// ```
/// let s = duty_roster::Staff::new("BM-01", "Salma Idrissi", "bm");
/// assert_eq!(s.share, 1.0);
/// assert!(s.sites.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Staff {
    /// Unique id (a code).
    pub id: String,
    /// Full name, Arabic and/or French script.
    pub name: String,
    /// Home site id.
    pub home: String,
    /// Other sites they may serve.
    #[serde(default)]
    pub sites: Vec<String>,
    /// Skills: languages spoken, profession...
    #[serde(default)]
    pub skills: Vec<String>,
    /// Workload share: 1.0 full time, 0.5 half time. Fair targets are proportional to it.
    #[serde(default = "full_share")]
    pub share: f64,
    /// Dates they cannot work (leave, training, sick days).
    #[serde(default)]
    pub unavailable: Vec<Absence>,
    /// Soft wishes.
    #[serde(default)]
    pub preferences: Vec<Preference>,
    /// Hard limits.
    #[serde(default)]
    pub limits: Limits,
    /// What they bring from earlier months (from a ledger): fair targets this month
    /// correct it.
    #[serde(default, skip_serializing_if = "Carried::is_empty")]
    pub carried: Carried,
}

/// What a person brings from the earlier months of a ledger: per duty kind, the
/// duties done minus their fair share (positive when they did more than their
/// share), and the same for hours. This month's fair targets are lowered by it, never
/// below 0, for the kinds and hours the person can take this month.
///
/// # Example
/// ```
/// let mut c = duty_roster::Carried::default();
/// assert!(c.is_empty());
/// c.duties.insert("sat".into(), 2.5);
/// assert!(!c.is_empty());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Carried {
    /// Per duty kind id: duties done minus the fair share, over the earlier months.
    #[serde(default)]
    pub duties: BTreeMap<String, f64>,
    /// Hours done minus the fair share, over the earlier months.
    #[serde(default)]
    pub hours: f64,
}

impl Carried {
    /// Whether nothing is carried.
    ///
    /// # Example
    /// See [`Carried`].
    pub fn is_empty(&self) -> bool {
        self.duties.values().all(|&d| d == 0.0) && self.hours == 0.0
    }

    /// The balance carried for duty kind `duty` (0 when none).
    ///
    /// # Example
    /// ```
    /// let mut c = duty_roster::Carried::default();
    /// c.duties.insert("sat".into(), -1.0);
    /// assert_eq!((c.duty("sat"), c.duty("evening")), (-1.0, 0.0));
    /// ```
    pub fn duty(&self, duty: &str) -> f64 {
        self.duties.get(duty).copied().unwrap_or(0.0)
    }
}

fn full_share() -> f64 {
    1.0
}

impl Staff {
    /// A full-time staff member with no extra site, skill, absence, wish or limit.
    ///
    /// # Example
    /// ```
    /// let s = duty_roster::Staff::new("AZ-01", "Youssef Amrani", "azilal");
    /// assert_eq!(s.home, "azilal");
    /// ```
    pub fn new(id: &str, name: &str, home: &str) -> Self {
        Staff {
            id: id.to_string(),
            name: name.to_string(),
            home: home.to_string(),
            sites: Vec::new(),
            skills: Vec::new(),
            share: 1.0,
            unavailable: Vec::new(),
            preferences: Vec::new(),
            limits: Limits::default(),
            carried: Carried::default(),
        }
    }

    /// Whether the person is away on `date`.
    ///
    /// # Example
    /// ```
    /// let d: chrono::NaiveDate = "2022-08-03".parse().unwrap();
    /// let mut s = duty_roster::Staff::new("A", "A", "bm");
    /// s.unavailable.push(duty_roster::Absence::new(duty_roster::DateRange::single(d)));
    /// assert!(s.is_away(d));
    /// ```
    pub fn is_away(&self, date: chrono::NaiveDate) -> bool {
        self.unavailable.iter().any(|a| a.dates.contains(date))
    }

    /// The absence that keeps the person from `slot`: one covering a date its hours
    /// touch (so a night ending on the first morning of a leave is out too), or for
    /// an absence of [`AbsenceScope::StartingDuties`], its start date.
    ///
    /// # Example
    /// ```
    /// # let roster = duty_roster::sample::tiny_roster();
    /// let slot = &roster.slots()[0];
    /// let mut s = duty_roster::Staff::new("A", "A", "bm");
    /// assert!(s.absence_during(slot).is_none());
    /// s.unavailable.push(duty_roster::Absence::new(duty_roster::DateRange::single(slot.date)));
    /// assert!(s.absence_during(slot).is_some());
    /// ```
    pub fn absence_during(&self, slot: &super::Slot) -> Option<&Absence> {
        let touched = slot.dates_touched();
        self.unavailable.iter().find(|a| match a.scope {
            AbsenceScope::WholeDays => {
                a.dates.first <= touched.last && touched.first <= a.dates.last
            }
            AbsenceScope::StartingDuties => a.dates.contains(slot.date),
        })
    }
}

/// Dates a person cannot work, with the reason.
///
/// # Example
/// ```
/// let d: chrono::NaiveDate = "2022-08-03".parse().unwrap();
/// let mut a = duty_roster::Absence::new(duty_roster::DateRange::single(d));
/// a.reason = "training".into();
/// assert_eq!(a.reason, "training");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Absence {
    /// The dates.
    pub dates: DateRange,
    /// Why (leave, training, sick...); may be empty.
    #[serde(default)]
    pub reason: String,
    /// Which duties the absence rules out.
    #[serde(default)]
    pub scope: AbsenceScope,
}

/// Which duties an [`Absence`] rules out.
///
/// # Example
/// ```
/// assert_eq!(duty_roster::AbsenceScope::default(), duty_roster::AbsenceScope::WholeDays);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AbsenceScope {
    /// Every duty whose hours touch one of the dates: a person on leave from the 20th
    /// is not given the night of the 19th that ends on the morning of the 20th.
    #[default]
    WholeDays,
    /// Only duties that start on one of the dates: the days off of the benchmark
    /// format, where a night may end on the morning of a day off.
    StartingDuties,
}

impl Absence {
    /// Away on `dates`, with no reason given.
    ///
    /// # Example
    /// ```
    /// let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    /// let leave = duty_roster::Absence::new(duty_roster::DateRange::new(d("2022-08-01"), d("2022-08-05")));
    /// assert!(leave.reason.is_empty());
    /// ```
    pub fn new(dates: DateRange) -> Self {
        Absence {
            dates,
            reason: String::new(),
            scope: AbsenceScope::WholeDays,
        }
    }
}

/// Whether a preference asks to get or to avoid the duties it matches.
///
/// # Example
/// ```
/// assert_ne!(duty_roster::Wish::Avoid, duty_roster::Wish::Want);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Wish {
    /// Penalised by `weight` for each matching duty assigned.
    Avoid,
    /// Penalised by `weight` for each matching date on which no matching duty is assigned.
    Want,
}

/// A soft wish: duties to get or to avoid, matched by dates, weekdays, duty kind and site
/// (each filter optional; an empty filter matches everything).
///
/// # Example
/// ```
/// let mut p = duty_roster::Preference::new(duty_roster::Wish::Avoid, 5);
/// p.weekdays = vec![chrono::Weekday::Sat];
/// assert_eq!(p.weight, 5);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Preference {
    /// Get or avoid.
    pub wish: Wish,
    /// Dates it applies to (all when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dates: Option<DateRange>,
    /// Weekdays it applies to (all when empty).
    #[serde(default)]
    pub weekdays: Vec<Weekday>,
    /// Duty kind it applies to (all when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duty: Option<String>,
    /// Site it applies to (all when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// Penalty when not honoured.
    pub weight: u32,
}

impl Preference {
    /// A wish with no filter (it matches every duty), to narrow by setting its
    /// fields.
    ///
    /// # Example
    /// ```
    /// use duty_roster::{Preference, Wish};
    /// let mut saturdays = Preference::new(Wish::Avoid, 5);
    /// saturdays.weekdays.push(chrono::Weekday::Sat);
    /// assert_eq!((saturdays.weight, saturdays.duty), (5, None));
    /// ```
    pub fn new(wish: Wish, weight: u32) -> Self {
        Preference {
            wish,
            dates: None,
            weekdays: Vec::new(),
            duty: None,
            site: None,
            weight,
        }
    }
}
