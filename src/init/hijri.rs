//! The tabular (arithmetic) Islamic calendar: Hijri dates to Gregorian dates and
//! back, with the civil epoch (1 Muharram 1 AH = Friday 16 July 622, Julian) and the
//! leap years 2, 5, 7, 10, 13, 16, 18, 21, 24, 26 and 29 of each 30-year cycle.
//!
//! The months of the real calendar begin with the sighting of the new moon, which the
//! tabular calendar does not know: its dates may be a day (rarely two) off the
//! announced ones. They serve to place the religious holidays of a new roster as
//! lines to confirm, never as facts.

use chrono::{Datelike, NaiveDate};

/// A date of the tabular Islamic calendar.
///
/// # Example
/// ```
/// use duty_roster::init::hijri::HijriDate;
/// let eid = HijriDate::new(1443, 10, 1).unwrap(); // 1 Shawwal 1443
/// // Morocco sighted the moon a day earlier: Eid al-Fitr was on 2 May 2022.
/// assert_eq!(eid.to_gregorian().to_string(), "2022-05-03");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct HijriDate {
    /// The year (AH), 1 or later.
    pub year: i32,
    /// The month, 1 (Muharram) to 12 (Dhu al-Hijja).
    pub month: u32,
    /// The day of the month, 1 to 29 or 30.
    pub day: u32,
}

/// Muharram, the first month.
pub const MUHARRAM: u32 = 1;
/// Rabi' al-awwal, the month of the Mawlid.
pub const RABI_AL_AWWAL: u32 = 3;
/// Ramadan, the month of fasting.
pub const RAMADAN: u32 = 9;
/// Shawwal, whose first days are Eid al-Fitr.
pub const SHAWWAL: u32 = 10;
/// Dhu al-Hijja, whose 10th is Eid al-Adha.
pub const DHU_AL_HIJJA: u32 = 12;

/// Days from 0001-01-01 (proleptic Gregorian, day 1) to the day before 1 Muharram 1 AH:
/// 16 July 622 Julian is 19 July 622 Gregorian.
fn epoch() -> i64 {
    i64::from(
        NaiveDate::from_ymd_opt(622, 7, 19)
            .expect("a valid date")
            .num_days_from_ce(),
    ) - 1
}

impl HijriDate {
    /// The date `day` of `month` of `year`, or `None` when there is no such day
    /// (month outside 1 to 12, day outside the month, year before 1).
    ///
    /// # Example
    /// ```
    /// use duty_roster::init::hijri::HijriDate;
    /// assert!(HijriDate::new(1443, 12, 30).is_none()); // 1443 is a common year
    /// assert!(HijriDate::new(1445, 12, 30).is_some()); // 1445 is a leap year
    /// ```
    pub fn new(year: i32, month: u32, day: u32) -> Option<HijriDate> {
        let fits = year >= 1 && (1..=12).contains(&month) && day >= 1;
        (fits && day <= month_length(year, month)).then_some(HijriDate { year, month, day })
    }

    /// The Gregorian date of this day.
    ///
    /// # Example
    /// ```
    /// use duty_roster::init::hijri::HijriDate;
    /// let new_year = HijriDate::new(1444, 1, 1).unwrap();
    /// assert_eq!(new_year.to_gregorian().to_string(), "2022-07-30");
    /// ```
    pub fn to_gregorian(self) -> NaiveDate {
        let days = self.days_from_ce();
        let days = i32::try_from(days).expect("a Hijri year chrono can hold");
        NaiveDate::from_num_days_from_ce_opt(days).expect("a Hijri year chrono can hold")
    }

    /// The tabular Hijri date of a Gregorian date on or after 19 July 622.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use duty_roster::init::hijri::HijriDate;
    /// let date = NaiveDate::from_ymd_opt(2022, 5, 3).unwrap();
    /// assert_eq!(HijriDate::from_gregorian(date), HijriDate::new(1443, 10, 1));
    /// ```
    pub fn from_gregorian(date: NaiveDate) -> Option<HijriDate> {
        let fixed = i64::from(date.num_days_from_ce());
        if fixed <= epoch() {
            return None;
        }
        let year = ((30 * (fixed - epoch() - 1) + 10646).div_euclid(10631)) as i32;
        let start_of = |month| {
            HijriDate {
                year,
                month,
                day: 1,
            }
            .days_from_ce()
        };
        let month = (1..=12).rev().find(|&m| start_of(m) <= fixed)?;
        let day = u32::try_from(fixed - start_of(month) + 1).ok()?;
        HijriDate::new(year, month, day)
    }

    /// Days from the start of the proleptic Gregorian calendar (1 for 0001-01-01).
    fn days_from_ce(self) -> i64 {
        let year = i64::from(self.year);
        let month = i64::from(self.month);
        epoch()
            + (year - 1) * 354
            + (3 + 11 * year).div_euclid(30)
            + 29 * (month - 1)
            + month / 2
            + i64::from(self.day)
    }
}

/// Whether `year` has 355 days (Dhu al-Hijja has 30).
///
/// # Example
/// ```
/// assert!(duty_roster::init::hijri::is_leap_year(1445));
/// assert!(!duty_roster::init::hijri::is_leap_year(1446));
/// ```
pub fn is_leap_year(year: i32) -> bool {
    (14 + 11 * i64::from(year)).rem_euclid(30) < 11
}

/// The number of days of `month` (1 to 12) of `year`: 30 for odd months, 29 for
/// even ones, and 30 for Dhu al-Hijja of a leap year.
///
/// # Example
/// ```
/// use duty_roster::init::hijri::{RAMADAN, month_length};
/// assert_eq!(month_length(1443, RAMADAN), 30);
/// ```
pub fn month_length(year: i32, month: u32) -> u32 {
    match month {
        12 if is_leap_year(year) => 30,
        m if m % 2 == 1 => 30,
        _ => 29,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    /// Days between the tabular date and the announced one in Morocco.
    fn off_by(hijri: (i32, u32, u32), announced: &str) -> i64 {
        let tabular = HijriDate::new(hijri.0, hijri.1, hijri.2)
            .unwrap()
            .to_gregorian();
        (tabular - date(announced)).num_days()
    }

    /// The tabular calendar may miss the moon sighting by a day: the holidays Morocco
    /// announced must lie within one day of their tabular dates.
    #[test]
    fn tabular_dates_are_within_a_day_of_moroccan_announcements() {
        let announced = [
            ((1443, SHAWWAL, 1), "2022-05-02"),        // Eid al-Fitr 2022
            ((1443, DHU_AL_HIJJA, 10), "2022-07-10"),  // Eid al-Adha 2022
            ((1444, MUHARRAM, 1), "2022-07-30"),       // 1 Muharram 1444
            ((1444, RABI_AL_AWWAL, 12), "2022-10-08"), // Mawlid 2022 (first day off)
            ((1443, RAMADAN, 1), "2022-04-03"),        // Ramadan 2022 began
            ((1444, SHAWWAL, 1), "2023-04-22"),        // Eid al-Fitr 2023
            ((1444, DHU_AL_HIJJA, 10), "2023-06-29"),  // Eid al-Adha 2023
            ((1445, RAMADAN, 1), "2024-03-12"),        // Ramadan 2024 began
            ((1445, SHAWWAL, 1), "2024-04-10"),        // Eid al-Fitr 2024
            ((1445, DHU_AL_HIJJA, 10), "2024-06-17"),  // Eid al-Adha 2024
        ];
        for (hijri, day) in announced {
            let off = off_by(hijri, day);
            assert!(
                off.abs() <= 1,
                "{hijri:?}: tabular is {off} days from {day}"
            );
        }
    }

    #[test]
    fn the_epoch_is_16_july_622_julian() {
        let first = HijriDate::new(1, 1, 1).unwrap();
        assert_eq!(first.to_gregorian(), date("0622-07-19"));
        assert_eq!(HijriDate::from_gregorian(date("0622-07-18")), None);
    }

    #[test]
    fn years_have_354_or_355_days() {
        for year in 1400..1500 {
            let start = HijriDate::new(year, 1, 1).unwrap().to_gregorian();
            let next = HijriDate::new(year + 1, 1, 1).unwrap().to_gregorian();
            let expected = if is_leap_year(year) { 355 } else { 354 };
            assert_eq!((next - start).num_days(), expected, "year {year}");
        }
    }

    #[test]
    fn every_day_converts_back_to_itself() {
        let mut day = date("2020-01-01");
        while day < date("2030-12-31") {
            let hijri = HijriDate::from_gregorian(day).unwrap();
            assert_eq!(hijri.to_gregorian(), day, "{hijri:?}");
            day = day.succ_opt().unwrap();
        }
    }

    #[test]
    fn impossible_days_are_refused() {
        assert_eq!(HijriDate::new(1445, 13, 1), None);
        assert_eq!(HijriDate::new(1445, 2, 30), None);
        assert_eq!(HijriDate::new(0, 1, 1), None);
    }
}
