//! The period of a new roster: whole months, from `--month` (`2026-08`, or a range
//! `2026-08..2026-10`) or, by default, the month after today.

use chrono::{Datelike, NaiveDate};

use super::InitError;
use crate::DateRange;

/// The most months one roster may span: a year (`check` warns past 366 days).
pub const MAX_MONTHS: u32 = 12;

/// The whole months of a roster, from the first day of the first month to the last day
/// of the last.
///
/// # Example
/// ```
/// let months = duty_roster::init::Months::parse("2026-12..2027-01").unwrap();
/// assert_eq!(months.range().first.to_string(), "2026-12-01");
/// assert_eq!(months.range().last.to_string(), "2027-01-31");
/// assert_eq!(months.label(), "2026-12..2027-01");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Months {
    first: (i32, u32),
    last: (i32, u32),
}

impl Months {
    /// One month.
    ///
    /// # Errors
    /// [`InitError::Month`] when `month` is not 1 to 12 or the year is out of range.
    ///
    /// # Example
    /// ```
    /// let feb = duty_roster::init::Months::single(2028, 2).unwrap();
    /// assert_eq!(feb.range().len(), 29); // 2028 is a leap year
    /// ```
    pub fn single(year: i32, month: u32) -> Result<Months, InitError> {
        let text = format!("{year:04}-{month:02}");
        check_month(&text, year, month)?;
        Ok(Months {
            first: (year, month),
            last: (year, month),
        })
    }

    /// The month after the one holding `today`.
    ///
    /// # Example
    /// ```
    /// let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 15).unwrap();
    /// let next = duty_roster::init::Months::after(today);
    /// assert_eq!(next.label(), "2027-01");
    /// ```
    pub fn after(today: NaiveDate) -> Months {
        let (year, month) = next(today.year(), today.month());
        Months {
            first: (year, month),
            last: (year, month),
        }
    }

    /// Reads `YYYY-MM` (one month) or `YYYY-MM..YYYY-MM` (the months from the first to
    /// the last, both included, at most [`MAX_MONTHS`]).
    ///
    /// # Errors
    /// [`InitError::Month`] naming the text and saying what would be valid.
    ///
    /// # Example
    /// ```
    /// use duty_roster::init::Months;
    /// assert_eq!(Months::parse("2026-08").unwrap().range().len(), 31);
    /// let err = Months::parse("2026-13").unwrap_err();
    /// assert!(err.to_string().contains("month must be 01 to 12"));
    /// ```
    pub fn parse(text: &str) -> Result<Months, InitError> {
        let trimmed = text.trim();
        let (first, last) = match trimmed.split_once("..") {
            Some((a, b)) => (parse_one(text, a)?, parse_one(text, b)?),
            None => {
                let one = parse_one(text, trimmed)?;
                (one, one)
            }
        };
        if last < first {
            return Err(InitError::month(text, "the last month is before the first"));
        }
        let count = (last.0 - first.0) * 12 + last.1 as i32 - first.1 as i32 + 1;
        if count > MAX_MONTHS as i32 {
            return Err(InitError::month(
                text,
                &format!("{count} months, at most {MAX_MONTHS} in one roster"),
            ));
        }
        Ok(Months { first, last })
    }

    /// The dates of the period.
    ///
    /// # Example
    /// ```
    /// let aug = duty_roster::init::Months::single(2026, 8).unwrap();
    /// assert_eq!(aug.range().last.to_string(), "2026-08-31");
    /// ```
    pub fn range(&self) -> DateRange {
        let first = NaiveDate::from_ymd_opt(self.first.0, self.first.1, 1).expect("checked");
        let (year, month) = next(self.last.0, self.last.1);
        let last = NaiveDate::from_ymd_opt(year, month, 1)
            .and_then(|d| d.pred_opt())
            .expect("checked");
        DateRange::new(first, last)
    }

    /// `YYYY-MM`, or `YYYY-MM..YYYY-MM` for several months: the roster's id ends with it.
    ///
    /// # Example
    /// ```
    /// assert_eq!(duty_roster::init::Months::single(2026, 8).unwrap().label(), "2026-08");
    /// ```
    pub fn label(&self) -> String {
        let one = |(y, m): (i32, u32)| format!("{y:04}-{m:02}");
        if self.first == self.last {
            one(self.first)
        } else {
            format!("{}..{}", one(self.first), one(self.last))
        }
    }

    /// The (year, month) pairs of the period, in order.
    pub(crate) fn each(&self) -> Vec<(i32, u32)> {
        let mut months = vec![self.first];
        while *months.last().expect("not empty") != self.last {
            let (y, m) = *months.last().expect("not empty");
            months.push(next(y, m));
        }
        months
    }
}

/// The month after `month` of `year`.
fn next(year: i32, month: u32) -> (i32, u32) {
    if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    }
}

/// Reads one `YYYY-MM` of `whole` (the text as typed, for the error).
fn parse_one(whole: &str, part: &str) -> Result<(i32, u32), InitError> {
    let part = part.trim();
    let bad = || InitError::month(whole, &format!("`{part}` is not YYYY-MM"));
    let (year, month) = part.split_once('-').ok_or_else(bad)?;
    if year.len() != 4 || month.len() != 2 {
        return Err(bad());
    }
    let year: i32 = year.parse().map_err(|_| bad())?;
    let month: u32 = month.parse().map_err(|_| bad())?;
    check_month(whole, year, month)?;
    Ok((year, month))
}

fn check_month(whole: &str, year: i32, month: u32) -> Result<(), InitError> {
    if !(1..=12).contains(&month) {
        return Err(InitError::month(whole, "month must be 01 to 12"));
    }
    if !(1900..=2999).contains(&year) {
        return Err(InitError::month(whole, "year must be 1900 to 2999"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_crosses_the_new_year() {
        let months = Months::parse("2026-11..2027-02").unwrap();
        assert_eq!(
            months.each(),
            [(2026, 11), (2026, 12), (2027, 1), (2027, 2)]
        );
        assert_eq!(months.range().len(), 30 + 31 + 31 + 28);
    }

    #[test]
    fn february_has_29_days_in_a_leap_year_only() {
        assert_eq!(Months::parse("2028-02").unwrap().range().len(), 29);
        assert_eq!(Months::parse("2027-02").unwrap().range().len(), 28);
        assert_eq!(Months::parse("2100-02").unwrap().range().len(), 28);
    }

    #[test]
    fn bad_months_say_what_would_be_valid() {
        let cases = [
            ("2026-13", "month must be 01 to 12"),
            ("2026-8", "`2026-8` is not YYYY-MM"),
            ("august", "`august` is not YYYY-MM"),
            ("2026-08..2026-07", "the last month is before the first"),
            ("2026-01..2027-01", "13 months, at most 12"),
            ("0999-01", "year must be 1900 to 2999"),
        ];
        for (text, why) in cases {
            let err = Months::parse(text).unwrap_err().to_string();
            assert!(err.contains(why), "{text}: {err}");
            assert!(err.contains(&format!("`{text}`")), "{text}: {err}");
            assert!(err.contains("such as 2026-08"), "{text}: {err}");
        }
    }

    #[test]
    fn december_is_followed_by_january() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
        assert_eq!(Months::after(today).range().first.to_string(), "2027-01-01");
        let today = NaiveDate::from_ymd_opt(2026, 1, 31).unwrap();
        assert_eq!(Months::after(today).label(), "2026-02");
    }
}
