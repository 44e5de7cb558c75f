//! The ranges a roster's sizes and numbers must stay in, and their checks: a period
//! of at most two years, at most [`MAX_STAFF`] people, [`MAX_SLOTS`] slots and
//! [`MAX_CHOICES`] (person, slot) pairs, and
//! every number of the roster file below the most that makes sense for it. Past
//! them a typo (`last = 2122-08-31`, `share = 1e308`) would run the solver out of
//! time or memory, or fail inside it with no word of where; each is refused here,
//! naming the field, the limit and what to do instead.
//!
//! The limits are constants of this file; `docs/roster-format.md` lists them.

use std::ops::RangeInclusive;

use chrono::Datelike;

use super::check_def::err;
use super::{Bound, RosterDef, Slot, Strength};
use crate::ValidationError;

type Check = Result<(), ValidationError>;

/// Most days in a period: two years (a leap year and one more).
pub const MAX_PERIOD_DAYS: usize = 731;
/// Most days in a period before `check` warns that it is long: one (leap) year.
pub const LONG_PERIOD_DAYS: usize = 366;
/// Most people in a roster.
pub const MAX_STAFF: usize = 10_000;
/// Most rows of a leave table (`leave_from`): ten absences for each of the most
/// people.
pub const MAX_LEAVE_ROWS: usize = 10 * MAX_STAFF;
/// Most slots (one duty at one site on one date) in a roster.
pub const MAX_SLOTS: usize = 50_000;
/// Most (person, slot) pairs the model may decide: ten times the agency's largest
/// benchmark (300 staff at 20 sites over a year).
pub const MAX_CHOICES: usize = 2_000_000;
/// Most people a cover, an event's extra or a skill need may ask for.
pub const MAX_PEOPLE: u32 = 10_000;
/// Largest weight of a soft rule, a wish or a fairness term.
pub const MAX_WEIGHT: u32 = 1_000_000;
/// Largest `fairness_weight` of a duty kind.
pub const MAX_FAIRNESS_WEIGHT: u32 = 100;
/// Largest `reminder_minutes`: four weeks.
pub const MAX_REMINDER_MINUTES: u32 = 28 * 24 * 60;
/// Longest `min_rest_hours`: a week (longer rests are `min_consecutive_days_off`).
pub const MAX_REST_HOURS: u32 = 7 * 24;
/// Most duties a personal limit may name: the most slots.
pub const MAX_DUTIES: u32 = MAX_SLOTS as u32;
/// Most minutes a personal limit may name: every minute of the longest period.
pub const MAX_MINUTES: u32 = MAX_PERIOD_DAYS as u32 * 24 * 60;
/// Most days a run rule may name: the longest period.
pub const MAX_DAYS: u32 = MAX_PERIOD_DAYS as u32;
/// Most weekends `max_weekends` may name: the weekends of the longest period.
pub const MAX_WEEKENDS: u32 = 105;
/// Workload shares allowed (1.0 is full time; percentages up to 100 work too, as
/// only the ratios between people count).
pub const SHARE: RangeInclusive<f64> = 0.01..=100.0;

/// The most a whole number written under `key` in a roster file may be, and what
/// it counts, or `None` for a key that holds no such number. A table's entries
/// (`max_per_duty = { saturday = 2 }`, `skills = { es = 1 }`) go by the table's key.
///
/// # Example
/// ```
/// use duty_roster::domain::ranges::{MAX_PEOPLE, max_of_key};
/// assert_eq!(max_of_key("min"), Some((MAX_PEOPLE, "people")));
/// assert_eq!(max_of_key("name"), None);
/// ```
pub fn max_of_key(key: &str) -> Option<(u32, &'static str)> {
    Some(match key {
        "min" | "max" | "extra" | "skills" => (MAX_PEOPLE, "people"),
        "weight"
        | "under_weight"
        | "over_weight"
        | "max_duty_deviation"
        | "total_duty_deviation"
        | "max_hours_deviation"
        | "total_hours_deviation" => (MAX_WEIGHT, "for a weight"),
        "fairness_weight" => (MAX_FAIRNESS_WEIGHT, "for a fairness weight"),
        "reminder_minutes" => (MAX_REMINDER_MINUTES, "minutes (four weeks)"),
        "max_duties" | "min_duties" | "max_per_duty" => (MAX_DUTIES, "duties"),
        "max_minutes" | "min_minutes" => (MAX_MINUTES, "minutes (two years)"),
        "max_consecutive_days" | "min_consecutive_days" | "min_consecutive_days_off" | "days" => {
            (MAX_DAYS, "days (two years)")
        }
        "max_weekends" | "weekends" => (MAX_WEEKENDS, "weekends (two years)"),
        "hours" => (MAX_REST_HOURS, "hours (a week)"),
        _ => return None,
    })
}

/// The error of a number above the most its key allows.
fn above(field: String, key: &str, value: impl std::fmt::Display) -> ValidationError {
    let (max, what) = max_of_key(key).expect("a key with a range");
    err(
        field,
        format!("{value} is out of range: at most {max} {what}"),
    )
}

/// Checks `value` of `field`, whose last key is `key`.
fn at_most(field: impl FnOnce() -> String, key: &str, value: u32) -> Check {
    match max_of_key(key) {
        Some((max, _)) if value > max => Err(above(field(), key, value)),
        _ => Ok(()),
    }
}

/// Checks the period's length: at most [`MAX_PERIOD_DAYS`] days.
pub(crate) fn check_period(def: &RosterDef) -> Check {
    let period = &def.period;
    if period.len() <= MAX_PERIOD_DAYS {
        return Ok(());
    }
    let last = period.first + chrono::Days::new(MAX_PERIOD_DAYS as u64 - 1);
    Err(err(
        "period.last",
        format!(
            "the period {period} lasts {} days; a roster covers at most {MAX_PERIOD_DAYS} days \
             (2 years): `last` from {} to {last} (plan a longer time as several rosters)",
            period.len(),
            period.first,
        ),
    ))
}

/// A warning when the period is longer than a year: valid, but slow to solve and
/// most likely a typo.
///
/// # Example
/// ```
/// use duty_roster::{DateRange, RosterDef};
/// let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
/// let mut def = RosterDef::new("r", "R", DateRange::new(d("2022-08-01"), d("2022-08-31")), "UTC");
/// assert!(duty_roster::domain::ranges::period_warning(&def).is_none());
/// def.period = DateRange::new(d("2022-08-01"), d("2023-08-31"));
/// let w = duty_roster::domain::ranges::period_warning(&def).unwrap();
/// assert_eq!(w.field, "period.last");
/// assert!(w.message.contains("396 days"));
/// ```
pub fn period_warning(def: &RosterDef) -> Option<ValidationError> {
    let days = def.period.len();
    (days > LONG_PERIOD_DAYS).then(|| {
        err(
            "period.last",
            format!(
                "the period {} lasts {days} days, more than a year: is `last` right? \
                 (a long period takes long to solve; a month or a quarter is usual)",
                def.period
            ),
        )
    })
}

/// Checks the roster's size: at most [`MAX_STAFF`] people and, counted before the
/// slots are made, at most [`MAX_SLOTS`] slots.
pub(crate) fn check_size(def: &RosterDef) -> Check {
    if def.staff.len() > MAX_STAFF {
        return Err(err(
            format!("staff[{MAX_STAFF}]"),
            format!(
                "{} people: a roster has at most {MAX_STAFF} staff (make one roster per site or group of sites)",
                def.staff.len()
            ),
        ));
    }
    // Slots per weekday, over-counting those a cover override closes.
    let mut slots = 0usize;
    for date in def.period.days() {
        let holiday = def.holidays.iter().any(|h| h.date == date);
        slots += def
            .duties
            .iter()
            .filter(|d| d.weekdays.contains(&date.weekday()) && (!holiday || d.on_holidays))
            .map(|d| d.cover.len())
            .sum::<usize>();
        if slots > MAX_SLOTS {
            return Err(err(
                "period",
                format!(
                    "the period {} has more than {MAX_SLOTS} slots (one duty at one site on one \
                     date), at most {MAX_SLOTS} are supported: shorten the period or make one \
                     roster per site",
                    def.period
                ),
            ));
        }
    }
    Ok(())
}

/// Checks the count of (person, slot) pairs the model would decide, one for each
/// slot and each person who may serve its site: at most [`MAX_CHOICES`].
pub(crate) fn check_choices(def: &RosterDef, slots: &[Slot]) -> Check {
    let servers: Vec<usize> = def
        .sites
        .iter()
        .map(|site| {
            if site.open_to_all {
                return def.staff.len();
            }
            def.staff
                .iter()
                .filter(|p| p.home == site.id || p.sites.contains(&site.id))
                .count()
        })
        .collect();
    let choices: usize = slots.iter().map(|s| servers[s.site]).sum();
    if choices <= MAX_CHOICES {
        return Ok(());
    }
    Err(err(
        "period",
        format!(
            "{} slots and {} people make {choices} (person, slot) pairs to decide, at most \
             {MAX_CHOICES} are supported: shorten the period, or make one roster per site \
             (everyone may take the slots of a site with `open_to_all`)",
            slots.len(),
            def.staff.len()
        ),
    ))
}

/// Checks every number of the definition against its range.
pub(crate) fn check_numbers(def: &RosterDef) -> Check {
    if let Some(m) = def.settings.reminder_minutes {
        at_most(|| "settings.reminder_minutes".into(), "reminder_minutes", m)?;
    }
    for (i, duty) in def.duties.iter().enumerate() {
        let f = |name: &str| format!("duty[{i}].{name}");
        at_most(
            || f("fairness_weight"),
            "fairness_weight",
            duty.fairness_weight,
        )?;
        for (j, c) in duty.cover.iter().enumerate() {
            let g = |name: &str| format!("duty[{i}].cover[{j}].{name}");
            at_most(|| g("min"), "min", c.min)?;
            for (name, value) in [("max", c.max), ("under_weight", c.under_weight)]
                .into_iter()
                .chain([("over_weight", c.over_weight)])
            {
                if let Some(v) = value {
                    at_most(|| g(name), name, v)?;
                }
            }
            for need in &c.skills {
                at_most(|| g("skills"), "skills", need.count)?;
            }
        }
    }
    for (i, e) in def.events.iter().enumerate() {
        for (j, c) in e.cover.iter().enumerate() {
            at_most(|| format!("event[{i}].cover[{j}].extra"), "extra", c.extra)?;
        }
    }
    for (i, o) in def.cover_overrides.iter().enumerate() {
        at_most(|| format!("cover_override[{i}].min"), "min", o.min)?;
        if let Some(max) = o.max {
            at_most(|| format!("cover_override[{i}].max"), "max", max)?;
        }
    }
    for (i, person) in def.staff.iter().enumerate() {
        check_person(i, person)?;
    }
    check_rules(&def.rules)
}

fn check_person(i: usize, person: &crate::Staff) -> Check {
    let f = |name: &str| format!("staff[{i}].{name}");
    if !SHARE.contains(&person.share) {
        return Err(err(
            f("share"),
            format!(
                "workload share {} is out of range: from {} to {} (1.0 is full time, 0.5 half time)",
                short_number(person.share),
                SHARE.start(),
                SHARE.end()
            ),
        ));
    }
    for (j, p) in person.preferences.iter().enumerate() {
        at_most(
            || format!("staff[{i}].preferences[{j}].weight"),
            "weight",
            p.weight,
        )?;
    }
    let l = &person.limits;
    let numbers = [
        ("max_duties", l.max_duties),
        ("min_duties", l.min_duties),
        ("max_minutes", l.max_minutes),
        ("min_minutes", l.min_minutes),
        ("max_consecutive_days", l.max_consecutive_days),
        ("min_consecutive_days", l.min_consecutive_days),
        ("min_consecutive_days_off", l.min_consecutive_days_off),
        ("max_weekends", l.max_weekends),
    ];
    for (name, value) in numbers {
        if let Some(v) = value {
            at_most(|| f(name), name, v)?;
        }
    }
    for (duty, &v) in &l.max_per_duty {
        at_most(
            || format!("staff[{i}].max_per_duty.{duty}"),
            "max_per_duty",
            v,
        )?;
    }
    Ok(())
}

/// A number as written in a file: `1e308` rather than its 309 digits.
fn short_number(x: f64) -> String {
    if x != 0.0 && !(1e-4..1e9).contains(&x.abs()) {
        format!("{x:e}")
    } else {
        x.to_string()
    }
}

fn check_rules(rules: &crate::Rules) -> Check {
    let strength = |name: &str, s: Strength| match s.weight() {
        Some(w) => at_most(|| format!("rules.{name}.weight"), "weight", w),
        None => Ok(()),
    };
    strength("one_duty_per_day", rules.one_duty_per_day)?;
    strength("limits", rules.limits)?;
    strength("pins", rules.pins)?;
    let bound = |name: &str, unit: &str, b: Option<Bound>, value: fn(u32) -> u32| -> Check {
        let Some(b) = b else { return Ok(()) };
        at_most(|| format!("rules.{name}.{unit}"), unit, value(b.value))?;
        strength(name, b.strength)
    };
    if let Some(b) = rules.min_rest_minutes
        && b.value > MAX_REST_HOURS * 60
    {
        return Err(above(
            "rules.min_rest_hours.hours".into(),
            "hours",
            f64::from(b.value) / 60.0,
        ));
    }
    bound("min_rest_hours", "hours", rules.min_rest_minutes, |_| 0)?;
    bound(
        "max_consecutive_days",
        "days",
        rules.max_consecutive_days,
        |v| v,
    )?;
    bound(
        "min_consecutive_days",
        "days",
        rules.min_consecutive_days,
        |v| v,
    )?;
    bound(
        "min_consecutive_days_off",
        "days",
        rules.min_consecutive_days_off,
        |v| v,
    )?;
    bound("max_weekends", "weekends", rules.max_weekends, |v| v)?;
    for (i, s) in rules.forbidden_successions.iter().enumerate() {
        strength(&format!("forbidden_succession[{i}]"), s.strength)?;
    }
    let fairness = &rules.fairness;
    for (name, value) in [
        ("max_duty_deviation", fairness.max_duty_deviation),
        ("total_duty_deviation", fairness.total_duty_deviation),
        ("max_hours_deviation", fairness.max_hours_deviation),
        ("total_hours_deviation", fairness.total_hours_deviation),
    ] {
        at_most(|| format!("rules.fairness.{name}"), name, value)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DateRange, Staff};

    fn def(days: u64) -> RosterDef {
        let first: chrono::NaiveDate = "2024-01-01".parse().unwrap();
        let last = first + chrono::Days::new(days - 1);
        RosterDef::new("r", "R", DateRange::new(first, last), "UTC")
    }

    #[test]
    fn ranges_a_period_of_two_years_passes_and_one_day_more_does_not() {
        assert!(check_period(&def(731)).is_ok());
        let e = check_period(&def(732)).unwrap_err();
        assert_eq!(e.field, "period.last");
        assert!(e.message.contains("from 2024-01-01 to 2025-12-31"), "{e}");
        assert!(period_warning(&def(366)).is_none());
        assert!(period_warning(&def(367)).is_some());
    }

    #[test]
    fn ranges_a_share_and_a_limit_are_refused_past_their_range_only() {
        let mut d = def(31);
        d.staff.push(Staff::new("A", "A", "bm"));
        d.staff[0].share = 100.0;
        d.staff[0].limits.max_weekends = Some(MAX_WEEKENDS);
        assert!(check_numbers(&d).is_ok());
        d.staff[0].limits.max_weekends = Some(MAX_WEEKENDS + 1);
        assert_eq!(
            check_numbers(&d).unwrap_err().field,
            "staff[0].max_weekends"
        );
        d.staff[0].share = 1e308;
        assert_eq!(check_numbers(&d).unwrap_err().field, "staff[0].share");
    }

    #[test]
    fn ranges_rules_name_their_file_path() {
        let mut d = def(31);
        d.rules.fairness.max_hours_deviation = MAX_WEIGHT + 1;
        assert_eq!(
            check_numbers(&d).unwrap_err().field,
            "rules.fairness.max_hours_deviation"
        );
        d.rules.fairness = Default::default();
        d.rules.max_weekends = Some(Bound::new(2, Strength::Soft(MAX_WEIGHT + 1)));
        assert_eq!(
            check_numbers(&d).unwrap_err().field,
            "rules.max_weekends.weight"
        );
        d.rules.max_weekends = None;
        d.rules.min_rest_minutes = Some(Bound::new(MAX_REST_HOURS * 60 + 1, Strength::Hard));
        assert_eq!(
            check_numbers(&d).unwrap_err().field,
            "rules.min_rest_hours.hours"
        );
    }
}
