//! Dates: the planning period, public holidays and inclusive date ranges.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// An inclusive range of dates, `first..=last`.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use duty_roster::DateRange;
/// let d = |s: &str| s.parse::<NaiveDate>().unwrap();
/// let r = DateRange::new(d("2022-08-08"), d("2022-08-12"));
/// assert!(r.contains(d("2022-08-10")));
/// assert_eq!(r.days().count(), 5);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DateRange {
    /// First date, included.
    pub first: NaiveDate,
    /// Last date, included.
    pub last: NaiveDate,
}

impl DateRange {
    /// The range `first..=last`.
    ///
    /// # Example
    /// ```
    /// let d: chrono::NaiveDate = "2022-08-01".parse().unwrap();
    /// assert_eq!(duty_roster::DateRange::new(d, d).days().count(), 1);
    /// ```
    pub fn new(first: NaiveDate, last: NaiveDate) -> Self {
        DateRange { first, last }
    }

    /// A range of one date.
    ///
    /// # Example
    /// ```
    /// let d: chrono::NaiveDate = "2022-08-01".parse().unwrap();
    /// assert!(duty_roster::DateRange::single(d).contains(d));
    /// ```
    pub fn single(date: NaiveDate) -> Self {
        DateRange::new(date, date)
    }

    /// Whether `date` lies in the range.
    ///
    /// # Example
    /// ```
    /// let d: chrono::NaiveDate = "2022-08-01".parse().unwrap();
    /// assert!(!duty_roster::DateRange::single(d).contains(d.succ_opt().unwrap()));
    /// ```
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.first <= date && date <= self.last
    }

    /// Every date of the range, in order (none when `last < first`).
    ///
    /// # Example
    /// ```
    /// let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    /// let r = duty_roster::DateRange::new(d("2022-08-30"), d("2022-09-01"));
    /// assert_eq!(r.days().last(), Some(d("2022-09-01")));
    /// ```
    pub fn days(&self) -> impl Iterator<Item = NaiveDate> + use<> {
        let last = self.last;
        self.first.iter_days().take_while(move |d| *d <= last)
    }

    /// Number of dates in the range.
    ///
    /// # Example
    /// ```
    /// let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    /// assert_eq!(duty_roster::DateRange::new(d("2022-08-01"), d("2022-08-31")).len(), 31);
    /// ```
    pub fn len(&self) -> usize {
        ((self.last - self.first).num_days() + 1).max(0) as usize
    }

    /// Whether the range holds no date.
    ///
    /// # Example
    /// ```
    /// let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    /// assert!(duty_roster::DateRange::new(d("2022-08-02"), d("2022-08-01")).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.last < self.first
    }
}

impl std::fmt::Display for DateRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.first == self.last {
            write!(f, "{}", self.first)
        } else {
            write!(f, "{} to {}", self.first, self.last)
        }
    }
}

/// A public holiday: not a working day.
///
/// # Example
/// ```
/// let h = duty_roster::Holiday::new("2022-08-14".parse().unwrap(), "Oued Ed-Dahab");
/// assert_eq!(h.name, "Oued Ed-Dahab");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Holiday {
    /// The date.
    pub date: NaiveDate,
    /// Its name, shown in outputs.
    pub name: String,
}

impl Holiday {
    /// The holiday `name` on `date`.
    ///
    /// # Example
    /// ```
    /// let d: chrono::NaiveDate = "2022-07-30".parse().unwrap();
    /// assert_eq!(duty_roster::Holiday::new(d, "Fête du Trône").date, d);
    /// ```
    pub fn new(date: NaiveDate, name: &str) -> Self {
        Holiday {
            date,
            name: name.to_string(),
        }
    }
}
