//! Builds a small roster in code (no file), solves it, checks it with the independent
//! validator and prints who does what.
//!
//! Run with `cargo run --release --example build_in_code`.

use chrono::{NaiveDate, NaiveTime, Weekday};
use duty_roster::{
    DateRange, DutyKind, Roster, RosterDef, Rules, Settings, Site, SiteCover, SolveOptions, Staff,
    solve, validate,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let date = |d| NaiveDate::from_ymd_opt(2022, 8, d).expect("valid date");
    let time = |h, m| NaiveTime::from_hms_opt(h, m, 0).expect("valid time");
    let mut saturday_desk = SiteCover::exactly("desk", 2);
    saturday_desk.skills.push(duty_roster::SkillNeed {
        skill: "es".into(),
        count: 1,
    });
    let mut staff: Vec<Staff> = ["Amina", "Brahim", "Chama", "Driss"]
        .iter()
        .enumerate()
        .map(|(i, name)| Staff::new(&format!("S{}", i + 1), name, "desk"))
        .collect();
    staff[0].skills.push("es".into());
    staff[2].skills.push("es".into());
    let def = RosterDef {
        id: "in-code".into(),
        name: "A roster built in code".into(),
        period: DateRange::new(date(1), date(14)),
        time_zone: "Africa/Casablanca".into(),
        revision: None,
        holidays: vec![],
        sites: vec![Site {
            id: "desk".into(),
            name: "Citizens' desk".into(),
            address: None,
            phone: None,
            open_to_all: false,
        }],
        duties: vec![
            DutyKind {
                id: "evening".into(),
                name: "After-hours desk".into(),
                weekdays: vec![
                    Weekday::Mon,
                    Weekday::Tue,
                    Weekday::Wed,
                    Weekday::Thu,
                    Weekday::Fri,
                ],
                start: time(16, 30),
                end: time(18, 30),
                overnight: false,
                on_holidays: false,
                times: vec![],
                cover: vec![SiteCover::exactly("desk", 1)],
            },
            DutyKind {
                id: "saturday".into(),
                name: "Saturday morning".into(),
                weekdays: vec![Weekday::Sat],
                start: time(9, 0),
                end: time(13, 0),
                overnight: false,
                on_holidays: false,
                times: vec![],
                cover: vec![saturday_desk],
            },
        ],
        events: vec![],
        cover_overrides: vec![],
        staff,
        rules: Rules::default(),
        pins: vec![],
        settings: Settings::default(),
    };
    let roster = Roster::new(def)?;
    let outcome = solve(&roster, &SolveOptions::default())?;
    let report = validate(&roster, &outcome.assignments);
    assert!(
        report.violations.is_empty(),
        "the validator found broken rules"
    );
    println!(
        "status {}, objective {:.3}",
        outcome.status, outcome.objective
    );
    for a in &outcome.assignments {
        println!("{} {:<9} {}", a.date, a.duty, a.staff);
    }
    Ok(())
}
