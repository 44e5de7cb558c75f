//! Fairness across months: a ledger carried from one month to the next evens out
//! what month-by-month fairness cannot, people who join later owe nothing, and a
//! kind's fairness weight scales its deviations. Every roster is solved and checked
//! by the independent validator (`sample::solve_checked`).

use chrono::{NaiveDate, NaiveTime, Weekday};
use duty_roster::ledger::{Ledger, LedgerError};
use duty_roster::{
    Absence, DateRange, DutyKind, Preference, Roster, RosterDef, SiteCover, Term, Wish, sample,
    validate,
};

fn date(month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, month, day).unwrap()
}

/// One month (July to September 2022) of a Saturday desk needing one person, staffed
/// by A, B and C; A wishes for Saturdays, so that month by month the odd Saturday
/// always goes to A.
fn saturday_month(month: u32) -> RosterDef {
    let mut def = sample::tiny_roster_def();
    let last = date(month + 1, 1).pred_opt().unwrap();
    def.id = format!("sat-{month:02}");
    def.period = DateRange::new(date(month, 1), last);
    let time = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
    let mut saturday = DutyKind::new("sat", "Saturday", &[Weekday::Sat], time(9), time(13));
    saturday.cover.push(SiteCover::exactly("hq", 1));
    def.duties = vec![saturday];
    let mut wants = Preference::new(Wish::Want, 1);
    wants.weekdays = vec![Weekday::Sat];
    def.staff[0].preferences.push(wants);
    def
}

/// Solves `months` in sequence, with or without a ledger; returns each person's
/// Saturdays over all months and the final ledger.
fn summer(months: Vec<RosterDef>, with_ledger: bool) -> (Vec<(String, u32)>, Ledger) {
    let mut ledger = Ledger::default();
    for mut def in months {
        if with_ledger {
            ledger.apply(&mut def);
        }
        let (roster, outcome) = sample::solve_checked(def);
        let report = validate(&roster, &outcome.assignments);
        ledger = ledger.with_month(&roster, &report).unwrap();
    }
    let mut totals: Vec<(String, u32)> = Vec::new();
    for row in ledger.rows() {
        match totals.iter_mut().find(|(s, _)| *s == row.staff) {
            Some((_, n)) => *n += row.weighted_duties,
            None => totals.push((row.staff.clone(), row.weighted_duties)),
        }
    }
    (totals, ledger)
}

fn spread(totals: &[(String, u32)]) -> u32 {
    let counts = totals.iter().map(|(_, n)| *n);
    counts.clone().max().unwrap() - counts.min().unwrap()
}

#[test]
fn a_ledger_evens_out_saturdays_over_three_months_where_month_by_month_does_not() {
    let months = || (7..=9).map(saturday_month).collect::<Vec<_>>();
    let (alone, _) = summer(months(), false);
    let (carried, ledger) = summer(months(), true);
    // 13 Saturdays for three people: month by month A takes the odd one every
    // month; with the ledger nobody is more than one Saturday from anybody else.
    assert!(spread(&alone) >= 2, "month by month: {alone:?}");
    assert!(spread(&carried) <= 1, "with a ledger: {carried:?}");
    let total: u32 = carried.iter().map(|(_, n)| n).sum();
    assert_eq!(total, 13);
    assert_eq!(ledger.rows().len(), 9);
}

#[test]
fn a_person_who_joins_later_owes_no_back_log() {
    let mut july = saturday_month(7);
    july.staff[2]
        .unavailable
        .push(Absence::new(DateRange::new(date(7, 1), date(7, 31))));
    let (_, ledger) = summer(vec![july], true);
    let mut august = saturday_month(8);
    ledger.apply(&mut august);
    assert!(
        august.staff[2].carried.is_empty(),
        "C was not there in July"
    );
    let roster = Roster::new(august).unwrap();
    let report = validate(&roster, &[]);
    // C's target is a full third of August's four Saturdays.
    assert!((report.people[2].per_duty[0].target - 4.0 / 3.0).abs() < 1e-9);
    // A and B shared July's five: each carries what they did beyond 2.5.
    let carried: f64 = report.people[..2]
        .iter()
        .map(|p| p.per_duty[0].carried.unwrap())
        .sum();
    assert!(
        carried.abs() < 1e-9,
        "A and B balance each other: {carried}"
    );
}

#[test]
fn a_month_is_added_to_a_ledger_once() {
    let (_, ledger) = summer(vec![saturday_month(7)], false);
    let roster = Roster::new(saturday_month(7)).unwrap();
    let report = validate(&roster, &[]);
    let again = ledger.with_month(&roster, &report).unwrap_err();
    assert!(matches!(again, LedgerError::Duplicate { ref roster } if roster == "sat-07"));
}

#[test]
fn a_fairness_weight_multiplies_the_deviations_of_its_kind() {
    let mut def = saturday_month(8);
    def.staff[0].preferences.clear();
    def.rules.fairness = duty_roster::Fairness::default();
    // A must take every Saturday: three of four beyond the fair band of 4/3.
    def.pins = (0..4)
        .map(|w| duty_roster::Pin::new(date(8, 6 + 7 * w), "sat", "hq", "A"))
        .collect();
    let term = |weight: u32| {
        let mut def = def.clone();
        def.duties[0].fairness_weight = weight;
        let (_, outcome) = sample::solve_checked(def);
        outcome.terms[&Term::FairnessTotalDuty]
    };
    assert_eq!(term(2), 2.0 * term(1));
    assert!(term(1) > 0.0);
}

#[test]
fn a_ledger_names_the_line_and_column_of_a_bad_value() {
    let path = std::path::Path::new("ledger.csv");
    let header =
        "roster,first,last,staff,duty,duties,fair_duties,weighted_duties,hours,fair_hours\n";
    let bad = format!(
        "{header}jul,2022-07-01,2022-07-31,A,sat,3,2,6,12,8\njul,2022-07-01,2022-07-31,B,sat,two,2,6,12,8\n"
    );
    let e = Ledger::parse(bad.as_bytes(), path).unwrap_err().to_string();
    assert_eq!(
        e,
        "ledger.csv:3: column `duties`: `two` is not a whole number, 0 or more"
    );
    let e = Ledger::parse(b"roster,first\n", path)
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("ledger.csv:1: the header must be `roster,first,last,"),
        "{e}"
    );
    // As Excel saves it: a byte order mark and `;` separators.
    let excel = format!(
        "\u{feff}{}jul;2022-07-01;2022-07-31;A;sat;3;2;6;12;8\n",
        header.replace(',', ";")
    );
    let ledger = Ledger::parse(excel.as_bytes(), path).unwrap();
    assert_eq!(ledger.rows()[0].duties, 3);
}
