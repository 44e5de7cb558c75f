//! Night-line agencies: the agency of [`super::generate`] with duties of very
//! different lengths — 2-hour weekday desks and lines, 4-hour Saturdays (desks and
//! WhatsApp) and a 12-hour overnight phone line every day, 20:00 to 08:00 — over
//! months that hold Morocco's Ramadan clock changes (2023: back one hour on 19 March,
//! forward on 23 April), so that two nights last 13 and 11 real hours.

use chrono::{Datelike, Duration, Months, NaiveDate, NaiveTime, Weekday};

use super::{
    FIXED_HOLIDAYS, LANGUAGES, agency_sites, desk_successions, months_from, site_id, succession,
};
use crate::random::SplitMix;
use crate::{
    Absence, AbsenceScope, DateRange, DutyKind, Holiday, Pin, Preference, RosterDef, Rules,
    Settings, SiteCover, SkillNeed, Staff, Strength, Wish,
};

/// The shape of a generated night-line agency.
///
/// # Example
/// ```
/// use duty_roster::synthetic::{NightLines, night_lines};
/// let def = night_lines(NightLines { staff: 50, sites: 4, months: 2, seed: 1 });
/// assert_eq!(def.staff.len(), 50);
/// assert_eq!(def.period.first.to_string(), "2023-03-01");
/// assert_eq!(def.period.last.to_string(), "2023-04-30");
/// assert!(def.duties.iter().any(|d| d.overnight));
/// assert!(duty_roster::Roster::new(def).is_ok());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NightLines {
    /// Number of staff.
    pub staff: usize,
    /// Number of sites with a desk (a head office and annexes); the phone and
    /// WhatsApp lines come on top.
    pub sites: usize,
    /// Number of months, from March 2023 (two months hold both clock changes).
    pub months: u32,
    /// Seed of the random choices.
    pub seed: u64,
}

/// The overnight phone duty's id in a night-line roster.
pub const NIGHT_DUTY: &str = "phone-night";

/// A night-line agency of the given shape: a third of the staff at the head office,
/// the rest over the annexes; the head office's staff and every other annex person
/// also answer the lines. Leave (a week, for about a third of the staff each month),
/// part-timers (about one in ten at half share), wishes (about one in four: avoid
/// nights, avoid Saturdays, or want a weekday's desk) and a few pins (nights, each
/// on its own date and person, outside their leave). The same shape gives the same
/// roster.
///
/// # Example
/// ```
/// use duty_roster::synthetic::{NightLines, night_lines};
/// let shape = NightLines { staff: 12, sites: 2, months: 1, seed: 3 };
/// assert_eq!(night_lines(shape), night_lines(shape));
/// let roster = duty_roster::Roster::new(night_lines(shape)).unwrap();
/// // one night a day in March, each 12 hours but the 13-hour night of 18 to 19 March
/// let nights: Vec<i64> = roster.slots().iter()
///     .filter(|s| roster.duties()[s.duty].id == "phone-night")
///     .map(|s| s.minutes)
///     .collect();
/// assert_eq!(nights.len(), 31);
/// assert_eq!(nights.iter().filter(|&&m| m == 13 * 60).count(), 1);
/// ```
pub fn night_lines(shape: NightLines) -> RosterDef {
    let mut rng = SplitMix(shape.seed ^ 0x004E_4947_4854);
    let first = NaiveDate::from_ymd_opt(2023, 3, 1).expect("valid date");
    let period = months_from(first, shape.months.max(1));
    let desks = shape.sites.max(1);
    let sites = agency_sites(desks);
    let duties = duties(desks, &site_id);
    let staff: Vec<Staff> = (0..shape.staff)
        .map(|i| person(i, desks, &site_id, shape.months, period, &mut rng))
        .collect();
    let pins = pins(&staff, period, &mut rng);
    let holidays = period
        .days()
        .filter_map(|d| {
            let fixed = FIXED_HOLIDAYS
                .iter()
                .find(|(m, day, _)| d.month() == *m && d.day() == *day)
                .map(|(_, _, name)| *name);
            // Eid al-Fitr 1444 as Morocco observed it.
            let eid = (d == NaiveDate::from_ymd_opt(2023, 4, 22).expect("valid date")
                || d == NaiveDate::from_ymd_opt(2023, 4, 23).expect("valid date"))
            .then_some("Aïd al-Fitr");
            fixed.or(eid).map(|name| Holiday {
                date: d,
                name: name.into(),
            })
        })
        .collect();
    let rules = Rules {
        forbidden_successions: desk_successions()
            .into_iter()
            .chain([
                succession(NIGHT_DUTY, "after-hours", Strength::Hard),
                succession(NIGHT_DUTY, "phone-line", Strength::Hard),
                succession(NIGHT_DUTY, "whatsapp-line", Strength::Hard),
                succession(NIGHT_DUTY, NIGHT_DUTY, Strength::Soft(20)),
            ])
            .collect(),
        ..Rules::default()
    };
    RosterDef {
        id: format!(
            "night-lines-{}-{}-{}-{}",
            shape.staff, shape.sites, shape.months, shape.seed
        ),
        name: format!(
            "Synthetic agency with a night line: {} staff, {} sites, {} months",
            shape.staff, shape.sites, shape.months
        ),
        period,
        time_zone: "Africa/Casablanca".into(),
        revision: None,
        holidays,
        sites,
        duties,
        events: vec![],
        cover_overrides: vec![],
        staff,
        rules,
        pins,
        settings: Settings::default(),
        replan: None,
    }
}

/// The duty kinds: 2-hour weekday desks and lines, 4-hour Saturday desks and
/// WhatsApp, and the 12-hour night line every day, holidays included.
fn duties(desks: usize, site_id: &dyn Fn(usize) -> String) -> Vec<DutyKind> {
    let time = |h, m| NaiveTime::from_hms_opt(h, m, 0).expect("valid time");
    let desk_cover = |hq: u32, annex: u32, spanish: bool| -> Vec<SiteCover> {
        (0..desks)
            .map(|i| {
                let mut c = SiteCover::exactly(&site_id(i), if i == 0 { hq } else { annex });
                if i == 0 && spanish {
                    c.skills.push(SkillNeed {
                        skill: "es".into(),
                        count: 1,
                    });
                }
                c
            })
            .collect()
    };
    let weekdays = vec![
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ];
    let every_day = [weekdays.clone(), vec![Weekday::Sat, Weekday::Sun]].concat();
    let duty = |id: &str, days: Vec<Weekday>, start, end, cover| DutyKind {
        id: id.into(),
        name: id.into(),
        weekdays: days,
        start,
        end,
        overnight: false,
        on_holidays: false,
        times: vec![],
        cover,
        fairness_weight: 1,
    };
    let line = |id| vec![SiteCover::exactly(id, 1)];
    let (evening, evening_end) = (time(16, 30), time(18, 30));
    let (morning, noon) = (time(9, 0), time(13, 0));
    let mut night = duty(
        NIGHT_DUTY,
        every_day,
        time(20, 0),
        time(8, 0),
        line("phone"),
    );
    night.overnight = true;
    night.on_holidays = true;
    vec![
        duty(
            "after-hours",
            weekdays.clone(),
            evening,
            evening_end,
            desk_cover(2, 1, false),
        ),
        duty(
            "saturday",
            vec![Weekday::Sat],
            morning,
            noon,
            desk_cover(2, 1, true),
        ),
        duty(
            "phone-line",
            weekdays.clone(),
            evening,
            evening_end,
            line("phone"),
        ),
        duty(
            "whatsapp-line",
            weekdays,
            evening,
            evening_end,
            line("whatsapp"),
        ),
        duty(
            "whatsapp-saturday",
            vec![Weekday::Sat],
            morning,
            noon,
            line("whatsapp"),
        ),
        night,
    ]
}

/// Person `i`: home site, lines, languages, share, leave, limits and wishes.
fn person(
    i: usize,
    desks: usize,
    site_id: &dyn Fn(usize) -> String,
    months: u32,
    period: DateRange,
    rng: &mut SplitMix,
) -> Staff {
    let home = if desks == 1 || i.is_multiple_of(3) {
        0
    } else {
        1 + (i / 3 * 2 + i % 3 - 1) % (desks - 1)
    };
    let mut person = Staff::new(
        &format!("S{:04}", i + 1),
        &format!("Agent {}", i + 1),
        &site_id(home),
    );
    if home == 0 || i.is_multiple_of(2) {
        person.sites = vec!["phone".into(), "whatsapp".into()];
    }
    person.skills = vec!["fr".into(), "ar".into()];
    if rng.below(3) == 0 || i == 0 {
        person.skills.push("es".into());
    }
    person
        .skills
        .push(LANGUAGES[rng.below(LANGUAGES.len())].into());
    if rng.below(10) == 0 {
        person.share = 0.5;
    }
    for month in 0..months {
        if rng.below(3) == 0 {
            let start = period
                .first
                .checked_add_months(Months::new(month))
                .expect("valid date")
                + Duration::days(rng.below(21) as i64);
            let end = start + Duration::days(6);
            person.unavailable.push(Absence {
                dates: DateRange::new(start, end.min(period.last)),
                reason: "congé".into(),
                scope: AbsenceScope::WholeDays,
            });
        }
    }
    person
        .limits
        .max_per_duty
        .insert("saturday".into(), 2 * months);
    person
        .limits
        .max_per_duty
        .insert(NIGHT_DUTY.into(), 5 * months);
    match rng.below(12) {
        0 if !person.sites.is_empty() => {
            let mut wish = Preference::new(Wish::Avoid, 5);
            wish.duty = Some(NIGHT_DUTY.into());
            person.preferences.push(wish);
        }
        1 => {
            let mut wish = Preference::new(Wish::Avoid, 3);
            wish.weekdays = vec![Weekday::Sat];
            person.preferences.push(wish);
        }
        2 => {
            let mut wish = Preference::new(Wish::Want, 2);
            wish.duty = Some("after-hours".into());
            wish.weekdays = vec![[Weekday::Mon, Weekday::Wed, Weekday::Thu][rng.below(3)]];
            let start = period.first + Duration::days(rng.below(period.len()) as i64);
            wish.dates = Some(DateRange::new(
                start,
                (start + Duration::days(13)).min(period.last),
            ));
            person.preferences.push(wish);
        }
        _ => {}
    }
    person
}

/// A night pinned to about one line person in eight, each on a date of their own
/// outside their leave (and not the day before or after another pin).
fn pins(staff: &[Staff], period: DateRange, rng: &mut SplitMix) -> Vec<Pin> {
    let mut pins: Vec<Pin> = Vec::new();
    let days = period.len();
    for person in staff.iter().filter(|p| !p.sites.is_empty()) {
        if rng.below(8) != 0 {
            continue;
        }
        let date = period.first + Duration::days(rng.below(days) as i64);
        let away = person.unavailable.iter().any(|a| {
            a.dates.first - Duration::days(1) <= date && date <= a.dates.last + Duration::days(1)
        });
        let taken = pins.iter().any(|p| (p.date - date).num_days().abs() <= 1);
        if !away && !taken {
            pins.push(Pin::new(date, NIGHT_DUTY, "phone", &person.id));
        }
    }
    pins
}
