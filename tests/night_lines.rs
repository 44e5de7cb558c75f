//! Night-line agencies (`synthetic::night_lines`): the generator is deterministic and
//! its nights last 13 and 11 real hours across Morocco's 2023 clock changes; a small
//! one is solved and checked by the validator; the overnight duty's calendar event
//! starts and ends at the right instants across each clock change.

use chrono::NaiveDate;
use duty_roster::output::ics::render_roster;
use duty_roster::synthetic::{NIGHT_DUTY, NightLines, night_lines};
use duty_roster::{Assignment, Roster, sample, validate};

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// The night slot's real minutes on each date of `roster`.
fn night_minutes(roster: &Roster, on: &str) -> i64 {
    roster
        .slots()
        .iter()
        .find(|s| roster.duties()[s.duty].id == NIGHT_DUTY && s.date == date(on))
        .map(|s| s.minutes)
        .unwrap_or_else(|| panic!("no night on {on}"))
}

#[test]
fn the_generator_is_deterministic_and_seeds_differ() {
    let shape = NightLines {
        staff: 50,
        sites: 4,
        months: 2,
        seed: 1,
    };
    assert_eq!(night_lines(shape), night_lines(shape));
    let other = night_lines(NightLines { seed: 2, ..shape });
    assert_ne!(night_lines(shape).staff, other.staff);
    let def = night_lines(shape);
    assert!(def.staff.iter().any(|s| s.share < 1.0), "part-timers");
    assert!(def.staff.iter().any(|s| !s.unavailable.is_empty()), "leave");
    assert!(
        def.staff.iter().any(|s| !s.preferences.is_empty()),
        "wishes"
    );
    assert!(!def.pins.is_empty(), "pins");
}

#[test]
fn nights_last_13_and_11_hours_across_the_clock_changes() {
    let roster = Roster::new(night_lines(NightLines {
        staff: 50,
        sites: 4,
        months: 2,
        seed: 1,
    }))
    .unwrap();
    assert_eq!(night_minutes(&roster, "2023-03-17"), 12 * 60);
    assert_eq!(night_minutes(&roster, "2023-03-18"), 13 * 60);
    assert_eq!(night_minutes(&roster, "2023-04-22"), 11 * 60);
    assert_eq!(night_minutes(&roster, "2023-04-23"), 12 * 60);
    let lengths: std::collections::BTreeSet<i64> =
        roster.slots().iter().map(|s| s.minutes / 60).collect();
    assert_eq!(lengths.into_iter().collect::<Vec<_>>(), [2, 4, 11, 12, 13]);
}

#[test]
fn a_small_night_line_roster_is_solved_and_checked() {
    // 12 people at one site, one month across the clock change of 19 March.
    let (roster, outcome) = sample::solve_checked(night_lines(NightLines {
        staff: 12,
        sites: 1,
        months: 1,
        seed: 1,
    }));
    let report = validate(&roster, &outcome.assignments);
    assert!(report.violations.is_empty());
    let nights = outcome
        .assignments
        .iter()
        .filter(|a| a.duty == NIGHT_DUTY)
        .count();
    assert_eq!(nights, 31, "one person on the phone every night of March");
    // Every pin holds.
    for pin in &roster.def().pins {
        assert!(
            outcome
                .assignments
                .iter()
                .any(|a| a.date == pin.date && a.duty == pin.duty && a.staff == pin.staff)
        );
    }
}

/// The VEVENT of `uid` in `text` (unfolded).
fn event<'t>(text: &'t str, uid: &str) -> &'t str {
    let start = text
        .find(&format!("UID:{uid}\r\n"))
        .unwrap_or_else(|| panic!("no event {uid}"));
    let end = start + text[start..].find("END:VEVENT").unwrap();
    &text[start..end]
}

fn field<'t>(event: &'t str, name: &str) -> &'t str {
    event
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{name}:")))
        .unwrap_or_else(|| panic!("no {name}"))
}

#[test]
fn the_overnight_event_is_right_across_both_clock_changes() {
    let def = night_lines(NightLines {
        staff: 12,
        sites: 2,
        months: 2,
        seed: 5,
    });
    let id = def.id.clone();
    let person = def
        .staff
        .iter()
        .find(|s| !s.sites.is_empty())
        .unwrap()
        .id
        .clone();
    let roster = Roster::new(def).unwrap();
    let nights = ["2023-03-17", "2023-03-18", "2023-04-22", "2023-04-23"]
        .map(|d| Assignment::new(date(d), NIGHT_DUTY, "phone", &person));
    let text = String::from_utf8(render_roster(&roster, &nights))
        .unwrap()
        .replace("\r\n ", "");
    let times = |day: &str| {
        let e = event(&text, &format!("{id}_{day}_phone_{NIGHT_DUTY}@duty-roster"));
        (field(e, "DTSTART"), field(e, "DTEND"))
    };
    // Summer time (UTC+1) before 19 March: 20:00 to 08:00 local is 19:00Z to 07:00Z.
    assert_eq!(times("20230317"), ("20230317T190000Z", "20230318T070000Z"));
    // The clocks go back at 03:00 on 19 March: 20:00 UTC+1 to 08:00 UTC+0, 13 hours.
    assert_eq!(times("20230318"), ("20230318T190000Z", "20230319T080000Z"));
    // They go forward at 02:00 on 23 April: 20:00 UTC+0 to 08:00 UTC+1, 11 hours.
    assert_eq!(times("20230422"), ("20230422T200000Z", "20230423T070000Z"));
    assert_eq!(times("20230423"), ("20230423T190000Z", "20230424T070000Z"));
}
