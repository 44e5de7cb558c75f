//! Duties and clock changes: hours are real elapsed time, a time that a clock change
//! skips is moved forward by it in every output, and a person on leave on a date
//! works at no moment of it (not even the end of the night before).

use std::path::Path;

use duty_roster::output::{self, OutputOptions};
use duty_roster::{Assignment, Roster, SolveOptions, Term, parse_roster_toml, solve, validate};

/// A roster of one duty kind every day from `first` to `last` at one site, with
/// `staff` people (ids P1, P2...), in `zone`; `extra` is appended to the first
/// person's entry.
fn roster(zone: &str, first: &str, last: &str, duty: &str, staff: usize, extra: &str) -> Roster {
    let mut text = format!(
        r#"
[roster]
id = "clock"
name = "Clock"
first = {first}
last = {last}
time_zone = "{zone}"

[[site]]
id = "ward"
name = "Ward"

[[duty]]
id = "night"
name = "Night"
weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
{duty}
  [[duty.cover]]
  site = "ward"
  min = 1
  max = 1
"#
    );
    for i in 1..=staff {
        text.push_str(&format!(
            "\n[[staff]]\nid = \"P{i}\"\nname = \"Person {i}\"\nhome = \"ward\"\n"
        ));
        if i == 1 {
            text.push_str(extra);
            text.push('\n');
        }
    }
    parse_roster_toml(&text, Path::new("clock.toml")).unwrap()
}

const NIGHT: &str = "start = \"20:00\"\nend = \"08:00\"\novernight = true";

fn minutes_on(roster: &Roster, date: &str) -> i64 {
    let date = date.parse().unwrap();
    roster
        .slots()
        .iter()
        .find(|s| s.date == date)
        .unwrap()
        .minutes
}

#[test]
fn a_night_across_a_clock_change_lasts_its_real_hours() {
    // Morocco puts its clocks back an hour for Ramadan (19 March 2023, 03:00 -> 02:00)
    // and forward after it (23 April 2023, 02:00 -> 03:00).
    let nights = |first, last| roster("Africa/Casablanca", first, last, NIGHT, 1, "");
    let march = nights("2023-03-17", "2023-03-19");
    assert_eq!(minutes_on(&march, "2023-03-17"), 12 * 60);
    assert_eq!(minutes_on(&march, "2023-03-18"), 13 * 60);
    let april = nights("2023-04-21", "2023-04-23");
    assert_eq!(minutes_on(&april, "2023-04-22"), 11 * 60);
    assert_eq!(minutes_on(&april, "2023-04-23"), 12 * 60);

    // The one person works every night: the validator counts 12 + 13 + 12 hours.
    let outcome = solve(&march, &SolveOptions::default()).unwrap();
    let report = validate(&march, &outcome.assignments);
    assert!(report.violations.is_empty(), "{:?}", report.violations);
    assert_eq!(report.objective, outcome.objective);
    assert_eq!(report.people[0].hours, 37.0);
    let files = output::render(&march, &outcome, &report, &OutputOptions::default()).unwrap();
    let summary = files
        .iter()
        .find(|f| f.path == Path::new("summary.json"))
        .unwrap();
    let summary = String::from_utf8(summary.bytes.clone()).unwrap();
    assert!(summary.contains("\"hours\": 37.0"), "{summary}");
}

#[test]
fn a_time_in_a_clock_change_gap_is_moved_forward_everywhere() {
    // Paris skips 02:00 to 03:00 on 27 March 2022: a duty written 02:30-05:00 starts
    // at 03:30 by the clocks (01:30 UTC) and lasts 90 minutes.
    let duty = "start = \"02:30\"\nend = \"05:00\"";
    let roster = roster("Europe/Paris", "2022-03-26", "2022-03-27", duty, 1, "");
    let slot = &roster.slots()[1];
    assert_eq!(slot.start_local.to_string(), "2022-03-27 03:30:00");
    assert_eq!(slot.start_utc.to_rfc3339(), "2022-03-27T01:30:00+00:00");
    assert_eq!(slot.minutes, 90);
    let shifts = duty_roster::domain::clock_shifts(&roster);
    assert_eq!(
        shifts.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["2022-03-27 night: its start 02:30 falls in a clock change's gap and is 03:30"]
    );

    let outcome = solve(&roster, &SolveOptions::default()).unwrap();
    let report = validate(&roster, &outcome.assignments);
    assert!(report.violations.is_empty(), "{:?}", report.violations);
    let files = output::render(&roster, &outcome, &report, &OutputOptions::default()).unwrap();
    let text = |name: &str| {
        let file = files.iter().find(|f| f.path == Path::new(name)).unwrap();
        String::from_utf8(file.bytes.clone()).unwrap()
    };
    let csv = text("roster.csv");
    assert!(csv.contains("2022-03-27,dimanche,03:30,05:00,"), "{csv}");
    assert!(!csv.contains("2022-03-27,dimanche,02:30"), "{csv}");
    let ics = text("calendars/roster.ics");
    assert!(ics.contains("DTSTART:20220327T013000Z"), "{ics}");
    assert!(ics.contains("DTEND:20220327T030000Z"), "{ics}");
}

#[test]
fn fair_hours_come_in_steps_of_the_clock_lengths_of_the_duties() {
    // Nights of 17, 18 and 19 March 2023 (12, 13 and 12 real hours) for two people:
    // 18.5 hours each is the target. The nights are 12 hours on the clock, so hours
    // are fair in steps of 12: anything from 12 to 24. Were the 13-hour night to set
    // the step (one hour), the band would be 18 to 19 and every roster would be 5 to
    // 6 hours off for both people.
    let roster = roster(
        "Africa/Casablanca",
        "2023-03-17",
        "2023-03-19",
        NIGHT,
        2,
        "",
    );
    let night =
        |date: &str, who: &str| Assignment::new(date.parse().unwrap(), "night", "ward", who);
    let fair = [
        night("2023-03-17", "P2"),
        night("2023-03-18", "P1"),
        night("2023-03-19", "P2"),
    ];
    let report = validate(&roster, &fair);
    assert!(report.violations.is_empty(), "{:?}", report.violations);
    assert_eq!(
        (report.people[0].hours, report.people[1].hours),
        (13.0, 24.0)
    );
    assert_eq!(report.terms[&Term::FairnessMaxHours], 0.0);
    assert_eq!(report.terms[&Term::FairnessTotalHours], 0.0);

    // P2 with the 13-hour night has 25 hours: one over the band.
    let over = [
        night("2023-03-17", "P1"),
        night("2023-03-18", "P2"),
        night("2023-03-19", "P2"),
    ];
    let report = validate(&roster, &over);
    let fairness = roster.def().rules.fairness;
    assert_eq!(report.people[1].hours, 25.0);
    let close = |term: Term, weight: u32| {
        let value = report.terms[&term];
        assert!(
            (value - f64::from(weight)).abs() < 1e-9,
            "{term:?}: {value}"
        );
    };
    close(Term::FairnessMaxHours, fairness.max_hours_deviation);
    close(Term::FairnessTotalHours, fairness.total_hours_deviation);

    // The model rounds in the same steps: its optimum is the fair roster.
    let outcome = solve(&roster, &SolveOptions::default()).unwrap();
    let report = validate(&roster, &outcome.assignments);
    assert!(report.violations.is_empty(), "{:?}", report.violations);
    assert_eq!(report.objective, outcome.objective);
    assert_eq!(outcome.solver_objective, 0.0);
    assert_eq!(outcome.objective, 0.0);
}

#[test]
fn nobody_works_the_night_that_ends_on_the_first_morning_of_their_leave() {
    // P1 is away from 20 March: the night of the 19th ends at 08:00 on the 20th.
    let leave = "unavailable = [{ from = 2023-03-20, to = 2023-03-21 }]";
    let roster = roster(
        "Africa/Casablanca",
        "2023-03-16",
        "2023-03-21",
        NIGHT,
        2,
        leave,
    );
    let night_of_19 = roster
        .slots()
        .iter()
        .position(|s| s.date.to_string() == "2023-03-19")
        .unwrap();
    assert!(!roster.is_eligible(0, night_of_19));
    assert!(roster.is_eligible(1, night_of_19));
    assert!(roster.is_eligible(0, night_of_19 - 1));

    let outcome = solve(&roster, &SolveOptions::default()).unwrap();
    let report = validate(&roster, &outcome.assignments);
    assert!(report.violations.is_empty(), "{:?}", report.violations);
    let night = outcome
        .assignments
        .iter()
        .find(|a| a.date.to_string() == "2023-03-19")
        .unwrap();
    assert_eq!(night.staff, "P2");

    // The validator refuses the night for P1 on its own reading.
    let mut forced = outcome.assignments.clone();
    for a in forced
        .iter_mut()
        .filter(|a| a.date.to_string() == "2023-03-19")
    {
        a.staff = "P1".to_string();
    }
    let report = validate(&roster, &forced);
    let messages: Vec<String> = report
        .violations
        .iter()
        .map(|v| v.message.clone())
        .collect();
    assert!(
        messages.iter().any(|m| m.contains("P1 is unavailable")),
        "{messages:?}"
    );
}

#[test]
fn check_names_a_night_lost_to_a_leave_among_the_people_away() {
    // One person, away on the 20th: nobody can take the night of the 19th.
    let leave = "unavailable = [{ date = 2023-03-20 }]";
    let roster = roster(
        "Africa/Casablanca",
        "2023-03-18",
        "2023-03-20",
        NIGHT,
        1,
        leave,
    );
    let findings = duty_roster::check::precheck(&roster);
    let text: Vec<String> = findings.iter().map(ToString::to_string).collect();
    assert_eq!(
        text[..2],
        [
            "2023-03-19 Sunday ward night: needs 1, 0 eligible (nobody); away: P1",
            "2023-03-20 Monday ward night: needs 1, 0 eligible (nobody); away: P1"
        ]
    );
}
