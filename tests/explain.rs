//! `explain`: a person's targets, duties and unhonoured wishes with their price; a
//! date's slots with who could take them and why the others could not.

use std::process::Command;

use duty_roster::explain::{explain_date, explain_staff};
use duty_roster::{DateRange, Preference, Roster, Wish, sample, solve, validate};

const BIN: &str = env!("CARGO_BIN_EXE_duty-roster");

#[test]
fn explain_staff_prices_an_unhonoured_wish() {
    // A wants every evening; fairness gives A one or two of the five.
    let mut def = sample::tiny_roster_def();
    def.staff[0]
        .preferences
        .push(Preference::new(Wish::Want, 1));
    let roster = Roster::new(def).unwrap();
    let outcome = solve(&roster, &Default::default()).unwrap();
    assert!(
        validate(&roster, &outcome.assignments)
            .violations
            .is_empty()
    );
    let e = explain_staff(&roster, &outcome, "A", &Default::default()).unwrap();
    assert_eq!(e.unhonoured.len(), 1);
    let wish = &e.unhonoured[0];
    assert_eq!(wish.times as usize, 5 - e.duties.len());
    let cost = wish.cost_of_honouring.expect("A can do every evening");
    // Honouring it saves its own weight on each missed date but costs more in fairness.
    assert!(cost > 0.0, "{cost}");
}

#[test]
fn explain_staff_says_when_a_wish_cannot_be_honoured() {
    // A alone must do every evening; avoiding Wednesday is impossible.
    let mut def = sample::tiny_roster_def();
    def.staff.truncate(1);
    let mut wednesday = Preference::new(Wish::Avoid, 3);
    wednesday.dates = Some(DateRange::single("2022-08-03".parse().unwrap()));
    def.staff[0].preferences.push(wednesday);
    let roster = Roster::new(def).unwrap();
    let outcome = solve(&roster, &Default::default()).unwrap();
    let e = explain_staff(&roster, &outcome, "A", &Default::default()).unwrap();
    assert_eq!(e.unhonoured.len(), 1);
    assert_eq!(e.unhonoured[0].cost_of_honouring, None);
}

#[test]
fn explain_date_lists_everyone_who_serves_the_site() {
    let mut def = sample::tiny_roster_def();
    let mut leave = duty_roster::Absence::new(def.period);
    leave.reason = "congé".into();
    def.staff[2].unavailable.push(leave);
    let roster = Roster::new(def.clone()).unwrap();
    let outcome = solve(&roster, &Default::default()).unwrap();
    let slots = explain_date(&roster, &outcome, "2022-08-02".parse().unwrap());
    assert_eq!(slots.len(), 1);
    assert_eq!(slots[0].assigned.len(), 1);
    // A leave's reason is said only when reasons are asked for.
    assert!(
        slots[0].others.iter().any(|o| o == "C away"),
        "{:?}",
        slots[0].others
    );
    def.settings.show_reasons = true;
    let shown = Roster::new(def).unwrap();
    let slots = explain_date(&shown, &outcome, "2022-08-02".parse().unwrap());
    assert!(
        slots[0].others.iter().any(|o| o == "C on congé"),
        "{:?}",
        slots[0].others
    );
}

#[test]
fn explain_command_prints_text_and_json() {
    let run = |args: &[&str]| {
        Command::new(BIN)
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap()
    };
    let out = run(&["explain", "rosters/aubm-2022-08.toml", "--staff", "BM-01"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("fair target"));
    let out = run(&[
        "explain",
        "rosters/aubm-2022-08.toml",
        "--date",
        "2022-08-13",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!json["date"]["slots"].as_array().unwrap().is_empty());
    let out = run(&["explain", "rosters/aubm-2022-08.toml", "--staff", "NOBODY"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("BM-01"));
    let out = run(&[
        "explain",
        "rosters/aubm-2022-08.toml",
        "--date",
        "2023-01-01",
    ]);
    assert_eq!(out.status.code(), Some(2));
}
