//! Morocco's public holidays in a period: the fixed-date ones, which are certain, and
//! the Islamic ones and Ramadan, dated by the tabular calendar ([`super::hijri`]) and
//! only to be confirmed, since the months begin with the sighting of the moon.

use chrono::{Datelike, NaiveDate};

use super::hijri::{DHU_AL_HIJJA, HijriDate, MUHARRAM, RABI_AL_AWWAL, RAMADAN, SHAWWAL};
use crate::{DateRange, Holiday};

/// The time zone whose rosters get Morocco's holidays.
pub const MOROCCO_TIME_ZONE: &str = "Africa/Casablanca";

/// Fixed-date holidays: (month, day, first year observed, name).
const FIXED: [(u32, u32, i32, &str); 10] = [
    (1, 1, 1956, "Nouvel An / رأس السنة الميلادية"),
    (
        1,
        11,
        1956,
        "Manifeste de l'Indépendance / ذكرى تقديم وثيقة الاستقلال",
    ),
    (1, 14, 2024, "Nouvel An amazigh / رأس السنة الأمازيغية"),
    (5, 1, 1956, "Fête du Travail / عيد الشغل"),
    (7, 30, 2000, "Fête du Trône / عيد العرش"),
    (
        8,
        14,
        1979,
        "Allégeance de Oued Eddahab / ذكرى استرجاع إقليم وادي الذهب",
    ),
    (
        8,
        20,
        1956,
        "Révolution du Roi et du Peuple / ذكرى ثورة الملك والشعب",
    ),
    (8, 21, 2000, "Fête de la Jeunesse / عيد الشباب"),
    (11, 6, 1976, "Marche Verte / ذكرى المسيرة الخضراء"),
    (11, 18, 1956, "Fête de l'Indépendance / عيد الاستقلال"),
];

/// Islamic holidays: (Hijri month, day, name).
const ISLAMIC: [(u32, u32, &str); 7] = [
    (SHAWWAL, 1, "Aïd Al-Fitr (1er Chaoual) / عيد الفطر"),
    (SHAWWAL, 2, "Aïd Al-Fitr (2 Chaoual) / عيد الفطر"),
    (
        DHU_AL_HIJJA,
        10,
        "Aïd Al-Adha (10 Dou al-Hijja) / عيد الأضحى",
    ),
    (
        DHU_AL_HIJJA,
        11,
        "Aïd Al-Adha (11 Dou al-Hijja) / عيد الأضحى",
    ),
    (
        MUHARRAM,
        1,
        "Nouvel An de l'Hégire (1er Moharram) / فاتح محرم",
    ),
    (
        RABI_AL_AWWAL,
        12,
        "Aïd Al-Mawlid (12 Rabii I) / عيد المولد النبوي",
    ),
    (
        RABI_AL_AWWAL,
        13,
        "Aïd Al-Mawlid (13 Rabii I) / عيد المولد النبوي",
    ),
];

/// Morocco's fixed-date public holidays in `period`, in date order.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use duty_roster::DateRange;
/// let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
/// let holidays = duty_roster::init::holidays::fixed(DateRange::new(day(8, 1), day(8, 31)));
/// let dates: Vec<String> = holidays.iter().map(|h| h.date.to_string()).collect();
/// assert_eq!(dates, ["2026-08-14", "2026-08-20", "2026-08-21"]);
/// ```
pub fn fixed(period: DateRange) -> Vec<Holiday> {
    period
        .days()
        .filter_map(|date| {
            FIXED
                .iter()
                .find(|(m, d, since, _)| {
                    date.month() == *m && date.day() == *d && date.year() >= *since
                })
                .map(|(_, _, _, name)| Holiday::new(date, name))
        })
        .collect()
}

/// Morocco's Islamic holidays in `period`, dated by the tabular calendar: each may
/// fall a day (rarely two) before or after, as the moon is sighted. In date order.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use duty_roster::DateRange;
/// let day = |m, d| NaiveDate::from_ymd_opt(2022, m, d).unwrap();
/// let eid = duty_roster::init::holidays::islamic(DateRange::new(day(5, 1), day(5, 31)));
/// assert_eq!(eid[0].date, day(5, 3)); // Morocco announced 2 May 2022: a day earlier
/// assert!(eid[0].name.starts_with("Aïd Al-Fitr"));
/// ```
pub fn islamic(period: DateRange) -> Vec<Holiday> {
    period
        .days()
        .filter_map(|date| {
            let hijri = HijriDate::from_gregorian(date)?;
            ISLAMIC
                .iter()
                .find(|(m, d, _)| hijri.month == *m && hijri.day == *d)
                .map(|(_, _, name)| Holiday::new(date, name))
        })
        .collect()
}

/// A month of Ramadan that meets a period: its Hijri year and its tabular dates.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use duty_roster::DateRange;
/// let day = |m, d| NaiveDate::from_ymd_opt(2027, m, d).unwrap();
/// let ramadan = duty_roster::init::holidays::ramadan(DateRange::new(day(2, 1), day(2, 28)));
/// assert_eq!(ramadan[0].year, 1448);
/// assert!(ramadan[0].dates.contains(day(2, 20)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ramadan {
    /// The Hijri year.
    pub year: i32,
    /// From 1 Ramadan to the day before 1 Shawwal (tabular).
    pub dates: DateRange,
}

/// The months of Ramadan that meet `period` (tabular dates, to confirm).
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use duty_roster::DateRange;
/// let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
/// assert!(duty_roster::init::holidays::ramadan(DateRange::new(day(8, 1), day(8, 31))).is_empty());
/// ```
pub fn ramadan(period: DateRange) -> Vec<Ramadan> {
    let year_of = |date: NaiveDate| HijriDate::from_gregorian(date).map(|h| h.year);
    let (Some(from), Some(to)) = (year_of(period.first), year_of(period.last)) else {
        return Vec::new();
    };
    (from..=to)
        .filter_map(|year| {
            let first = HijriDate::new(year, RAMADAN, 1)?.to_gregorian();
            let eid = HijriDate::new(year, SHAWWAL, 1)?.to_gregorian();
            let dates = DateRange::new(first, eid.pred_opt()?);
            let meets = dates.first <= period.last && dates.last >= period.first;
            meets.then_some(Ramadan { year, dates })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(first: &str, last: &str) -> DateRange {
        DateRange::new(first.parse().unwrap(), last.parse().unwrap())
    }

    fn dates(holidays: &[Holiday]) -> Vec<String> {
        holidays.iter().map(|h| h.date.to_string()).collect()
    }

    #[test]
    fn a_whole_year_has_ten_fixed_holidays_since_2024() {
        assert_eq!(fixed(range("2026-01-01", "2026-12-31")).len(), 10);
        let before = fixed(range("2023-01-01", "2023-01-31"));
        assert_eq!(dates(&before), ["2023-01-01", "2023-01-11"]);
        let since = fixed(range("2024-01-01", "2024-01-31"));
        assert_eq!(dates(&since), ["2024-01-01", "2024-01-11", "2024-01-14"]);
    }

    /// The religious holidays of 2022 as announced (DOMAIN.md): Eid al-Fitr 2-3 May,
    /// Eid al-Adha 10-11 July, 1 Muharram 30 July, Mawlid 8-9 October. A tabular date
    /// may be a day off the sighting.
    #[test]
    fn islamic_holidays_of_2022_are_within_a_day_of_the_announced_ones() {
        let found = islamic(range("2022-01-01", "2022-12-31"));
        let announced = [
            "2022-05-02",
            "2022-05-03",
            "2022-07-10",
            "2022-07-11",
            "2022-07-30",
        ];
        let announced = announced.iter().chain(&["2022-10-08", "2022-10-09"]);
        assert_eq!(found.len(), 7);
        for (holiday, day) in found.iter().zip(announced) {
            let day: NaiveDate = day.parse().unwrap();
            let off = (holiday.date - day).num_days();
            assert!(
                off.abs() <= 1,
                "{}: {} vs {day}",
                holiday.name,
                holiday.date
            );
        }
    }

    #[test]
    fn ramadan_is_found_across_a_period_boundary() {
        // Ramadan 1443 began on 3 April 2022 in Morocco.
        let found = ramadan(range("2022-03-01", "2022-04-05"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].year, 1443);
        assert!(
            (found[0].dates.first - "2022-04-03".parse::<NaiveDate>().unwrap())
                .num_days()
                .abs()
                <= 1
        );
        assert!(ramadan(range("2022-06-01", "2022-06-30")).is_empty());
    }
}
