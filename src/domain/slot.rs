//! Slots: one duty kind at one site on one date, with its times and cover, made
//! from the roster's templates.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::{DateRange, SkillNeed};

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
    /// Local start, as the clocks show it: a time that a clock change skips is
    /// moved forward by the change (see [`to_utc`]).
    pub start_local: NaiveDateTime,
    /// Local end, as the clocks show it.
    pub end_local: NaiveDateTime,
    /// Start instant.
    pub start_utc: DateTime<Utc>,
    /// End instant.
    pub end_utc: DateTime<Utc>,
    /// Length in minutes of real elapsed time (from `start_utc` to `end_utc`): a night
    /// across a clock change lasts an hour more or less than its wall-clock hours.
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

impl Slot {
    /// The dates the duty's hours touch: its start date, and for a duty past midnight
    /// the dates it runs into (one ending at 00:00 touches only its start date). A
    /// person away on a date works at no moment of it.
    ///
    /// # Example
    /// ```
    /// # let roster = duty_roster::sample::tiny_roster();
    /// let slot = &roster.slots()[0];
    /// assert_eq!(slot.dates_touched(), duty_roster::DateRange::single(slot.date));
    /// ```
    pub fn dates_touched(&self) -> DateRange {
        let last = (self.end_local - chrono::Duration::minutes(1)).date();
        DateRange::new(self.date, last.max(self.date))
    }

    /// Length in minutes as the clocks show it, from the local start to the local
    /// end: a 20:00 to 08:00 night is 720 minutes even where a clock change makes it
    /// last 13 real hours (`minutes` is then 780). Fairness rounds hours in steps of
    /// these lengths, which are what the duties were drawn up in.
    ///
    /// # Example
    /// ```
    /// # let roster = duty_roster::sample::tiny_roster();
    /// let slot = &roster.slots()[0];
    /// assert_eq!(slot.clock_minutes(), slot.minutes);
    /// ```
    pub fn clock_minutes(&self) -> i64 {
        (self.end_local - self.start_local).num_minutes()
    }
}

/// The instant of a local time in `tz`, by the rule of RFC 5545 (which calendar apps
/// follow): a time skipped by a clock change is read with the offset in force before
/// the change, so it lands later by the change's length (02:30 on a spring-forward day
/// whose clocks jump from 02:00 to 03:00 is 03:30); a time that occurs twice is its
/// first occurrence.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use duty_roster::domain::slot::to_utc;
/// let at = NaiveDate::from_ymd_opt(2022, 8, 8).unwrap().and_hms_opt(16, 30, 0).unwrap();
/// assert_eq!(to_utc(chrono_tz::Africa::Casablanca, at).to_rfc3339(), "2022-08-08T15:30:00+00:00");
/// // Paris skips 02:00 to 03:00 on 27 March 2022: 02:30 is read as 03:30.
/// let gap = NaiveDate::from_ymd_opt(2022, 3, 27).unwrap().and_hms_opt(2, 30, 0).unwrap();
/// assert_eq!(to_utc(chrono_tz::Europe::Paris, gap).to_rfc3339(), "2022-03-27T01:30:00+00:00");
/// ```
pub fn to_utc(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    if let Some(t) = tz.from_local_datetime(&local).earliest() {
        return t.with_timezone(&Utc);
    }
    // In a gap: the offset before it is the one of the latest valid local time before
    // `local` (gaps last hours at most; a day back is always outside one).
    let mut probe = local;
    for _ in 0..(24 * 4) {
        probe -= chrono::Duration::minutes(15);
        if let Some(before) = tz.from_local_datetime(&probe).latest() {
            let offset = before.offset().fix().local_minus_utc();
            return Utc.from_utc_datetime(&(local - chrono::Duration::seconds(i64::from(offset))));
        }
    }
    Utc.from_utc_datetime(&local)
}

/// The local wall time of instant `at` in `tz`.
///
/// # Example
/// ```
/// use chrono::{NaiveDate, TimeZone, Utc};
/// let at = Utc.with_ymd_and_hms(2022, 3, 27, 1, 30, 0).unwrap();
/// let local = duty_roster::domain::slot::local_time(chrono_tz::Europe::Paris, at);
/// assert_eq!(local.to_string(), "2022-03-27 03:30:00");
/// ```
pub fn local_time(tz: Tz, at: DateTime<Utc>) -> NaiveDateTime {
    at.with_timezone(&tz).naive_local()
}
