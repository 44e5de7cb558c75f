//! Builds a small roster in code (no file), solves it, checks it with the independent
//! validator and prints who does what.
//!
//! Run with `cargo run --release --example build_in_code`.

use chrono::{NaiveDate, NaiveTime, Weekday};
use duty_roster::{
    DateRange, DutyKind, Roster, RosterDef, Site, SiteCover, SkillNeed, SolveOptions, Staff, solve,
    validate,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let date = |d| NaiveDate::from_ymd_opt(2022, 8, d).expect("valid date");
    let time = |h, m| NaiveTime::from_hms_opt(h, m, 0).expect("valid time");
    let mut saturday_desk = SiteCover::exactly("desk", 2);
    saturday_desk.skills.push(SkillNeed::new("es", 1));
    let mut staff: Vec<Staff> = ["Amina", "Brahim", "Chama", "Driss"]
        .iter()
        .enumerate()
        .map(|(i, name)| Staff::new(&format!("S{}", i + 1), name, "desk"))
        .collect();
    staff[0].skills.push("es".into());
    staff[2].skills.push("es".into());
    let weekdays = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ];
    let mut evening = DutyKind::new(
        "evening",
        "After-hours desk",
        &weekdays,
        time(16, 30),
        time(18, 30),
    );
    evening.cover.push(SiteCover::exactly("desk", 1));
    let mut saturday = DutyKind::new(
        "saturday",
        "Saturday morning",
        &[Weekday::Sat],
        time(9, 0),
        time(13, 0),
    );
    saturday.cover.push(saturday_desk);
    let period = DateRange::new(date(1), date(14));
    let mut def = RosterDef::new(
        "in-code",
        "A roster built in code",
        period,
        "Africa/Casablanca",
    );
    def.sites.push(Site::new("desk", "Citizens' desk"));
    def.duties = vec![evening, saturday];
    def.staff = staff;
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
