//! A seeded generator of agency-like rosters of any size, for benchmarks and tests:
//! a head office and annexes with after-hours and Saturday duty, a phone and a
//! WhatsApp line, holidays, leave, languages and part-time staff; and
//! [`night_lines`], the same agency with a 12-hour overnight phone line and
//! 4-hour Saturday WhatsApp duties over Morocco's Ramadan clock changes.

mod night;

pub use night::{NIGHT_DUTY, NightLines, night_lines};

use chrono::{Datelike, Months, NaiveDate, NaiveTime, Weekday};

use crate::random::SplitMix;
use crate::{
    Absence, DateRange, DutyKind, Holiday, RosterDef, Rules, Settings, Site, SiteCover, SkillNeed,
    Staff, Strength, Succession,
};

/// The size of a generated roster.
///
/// # Example
/// ```
/// let size = duty_roster::synthetic::Size { staff: 30, sites: 4, months: 1, seed: 7 };
/// let def = duty_roster::synthetic::generate(size);
/// assert_eq!(def.staff.len(), 30);
/// assert!(duty_roster::Roster::new(def).is_ok());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    /// Number of staff.
    pub staff: usize,
    /// Number of sites with a desk (a head office and annexes); the two lines come on top.
    pub sites: usize,
    /// Number of months, from January 2023.
    pub months: u32,
    /// Seed of the random choices.
    pub seed: u64,
}

const LANGUAGES: [&str; 5] = ["es", "it", "nl", "en", "de"];
const FIXED_HOLIDAYS: [(u32, u32, &str); 10] = [
    (1, 1, "Nouvel an"),
    (1, 11, "Manifeste de l'indépendance"),
    (1, 14, "Nouvel an amazigh"),
    (5, 1, "Fête du travail"),
    (7, 30, "Fête du trône"),
    (8, 14, "Oued Ed-Dahab"),
    (8, 20, "Révolution du roi et du peuple"),
    (8, 21, "Fête de la jeunesse"),
    (11, 6, "Marche verte"),
    (11, 18, "Fête de l'indépendance"),
];

/// The `months` whole months from `first`.
fn months_from(first: NaiveDate, months: u32) -> DateRange {
    let last = first
        .checked_add_months(Months::new(months))
        .and_then(|d| d.pred_opt())
        .expect("valid date");
    DateRange::new(first, last)
}

/// The successions every synthetic agency forbids: a Saturday after an
/// after-hours duty (hard), two after-hours duties running (soft, 20).
fn desk_successions() -> Vec<Succession> {
    vec![
        succession("after-hours", "saturday", Strength::Hard),
        succession("after-hours", "after-hours", Strength::Soft(20)),
    ]
}

/// Duty kind `then` may not follow `first` on the next day, with `strength`.
fn succession(first: &str, then: &str, strength: Strength) -> Succession {
    Succession {
        first: first.into(),
        then: then.into(),
        strength,
    }
}

/// The id of desk site `i`: the head office `hq`, then `annex-01`, `annex-02`...
fn site_id(i: usize) -> String {
    if i == 0 {
        "hq".to_string()
    } else {
        format!("annex-{i:02}")
    }
}

/// `desks` desk sites (the head office, then annexes) and the phone and WhatsApp
/// lines.
fn agency_sites(desks: usize) -> Vec<Site> {
    let mut sites: Vec<Site> = (0..desks)
        .map(|i| Site {
            id: site_id(i),
            name: if i == 0 {
                "Siège".to_string()
            } else {
                format!("Annexe {i}")
            },
            address: Some(format!("{} avenue Hassan II", 10 + i)),
            phone: None,
            open_to_all: false,
        })
        .collect();
    for (id, phone) in [("phone", "0523484046"), ("whatsapp", "0696198557")] {
        sites.push(Site {
            id: id.into(),
            name: id.into(),
            address: None,
            phone: Some(phone.into()),
            open_to_all: false,
        });
    }
    sites
}

/// A roster of the given size. Every slot has enough eligible people, so it is
/// feasible unless the random leave empties a small annex.
///
/// # Example
/// See [`Size`].
pub fn generate(size: Size) -> RosterDef {
    let mut rng = SplitMix(size.seed);
    let first = NaiveDate::from_ymd_opt(2023, 1, 1).expect("valid date");
    let period = months_from(first, size.months);
    let sites = agency_sites(size.sites.max(1));
    let desks = size.sites.max(1);
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
    let duties = vec![
        duty(
            "after-hours",
            weekdays.clone(),
            time(16, 30),
            time(18, 30),
            desk_cover(2, 1, false),
        ),
        duty(
            "saturday",
            vec![Weekday::Sat],
            time(9, 0),
            time(13, 0),
            desk_cover(2, 1, true),
        ),
        duty(
            "phone-line",
            weekdays.clone(),
            time(16, 30),
            time(18, 30),
            vec![SiteCover::exactly("phone", 1)],
        ),
        duty(
            "whatsapp-line",
            weekdays,
            time(16, 30),
            time(18, 30),
            vec![SiteCover::exactly("whatsapp", 1)],
        ),
    ];
    // A third of the staff at the head office, the rest spread over the annexes
    // (at least three per annex).
    let staff: Vec<Staff> = (0..size.staff)
        .map(|i| {
            let home = if desks == 1 || i % 3 == 0 {
                0
            } else {
                1 + (i / 3 * 2 + i % 3 - 1) % (desks - 1)
            };
            let mut person = Staff::new(
                &format!("S{:04}", i + 1),
                &format!("Agent {}", i + 1),
                &site_id(home),
            );
            if home == 0 {
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
            for month in 0..size.months {
                if rng.below(3) == 0 {
                    let start = first.checked_add_months(Months::new(month)).expect("valid")
                        + chrono::Duration::days(rng.below(21) as i64);
                    let end = start + chrono::Duration::days(6);
                    person.unavailable.push(Absence {
                        dates: DateRange::new(start, end.min(period.last)),
                        reason: "congé".into(),
                        scope: crate::AbsenceScope::WholeDays,
                    });
                }
            }
            person
                .limits
                .max_per_duty
                .insert("saturday".into(), 2 * size.months);
            person
        })
        .collect();
    let holidays = period
        .days()
        .filter_map(|d| {
            FIXED_HOLIDAYS
                .iter()
                .find(|(m, day, _)| d.month() == *m && d.day() == *day)
                .map(|(_, _, name)| Holiday {
                    date: d,
                    name: (*name).into(),
                })
        })
        .collect();
    let rules = Rules {
        forbidden_successions: desk_successions(),
        ..Rules::default()
    };
    RosterDef {
        id: format!(
            "synthetic-{}-{}-{}-{}",
            size.staff, size.sites, size.months, size.seed
        ),
        name: format!(
            "Synthetic agency: {} staff, {} sites, {} months",
            size.staff, size.sites, size.months
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
        pins: vec![],
        settings: Settings::default(),
        replan: None,
    }
}
