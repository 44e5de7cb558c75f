//! Who can replace whom, and swaps: every replacement suggested for the August
//! roster, second moves included, gives a roster that the independent validator
//! accepts; a swap that leaves too little rest is refused naming the rule.

use chrono::{NaiveDate, NaiveTime, Weekday};
use duty_roster::replace::{ReplaceError, replacements, swap};
use duty_roster::{
    Assignment, Bound, DutyKind, Roster, Rule, SiteCover, Strength, read_roster_file, sample,
    solve, validate,
};

fn date(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 8, d).unwrap()
}

/// The roster a replacement makes of `published`.
fn applied(
    published: &[Assignment],
    option: &duty_roster::replace::Replacement,
) -> Vec<Assignment> {
    let mut list: Vec<Assignment> = published
        .iter()
        .filter(|a| **a != option.duty)
        .cloned()
        .collect();
    let d = &option.duty;
    list.push(Assignment::new(d.date, &d.duty, &d.site, &option.staff));
    if let Some(then) = &option.then {
        list.retain(|a| *a != then.duty);
        let e = &then.duty;
        list.push(Assignment::new(e.date, &e.duty, &e.site, &then.to));
    }
    list
}

#[test]
fn every_replacement_suggested_for_august_keeps_every_rule() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rosters/aubm-2022-08.toml");
    let roster = read_roster_file(&path).unwrap();
    let published = solve(&roster, &Default::default()).unwrap().assignments;
    assert!(validate(&roster, &published).violations.is_empty());
    for who in ["BM-04", "AZ-02", "FBS-03"] {
        let Some(duty) = published
            .iter()
            .find(|a| a.staff == who && a.date >= date(10))
        else {
            continue;
        };
        let options = replacements(&roster, &published, who, duty.date).unwrap();
        assert!(!options.is_empty(), "someone can take {who}'s duty");
        for option in &options {
            assert_ne!(option.staff, who);
            let report = validate(&roster, &applied(&published, option));
            assert!(
                report.violations.is_empty(),
                "{who} → {}: {:?}",
                option.staff,
                report.violations
            );
            let without = validate(
                &roster,
                &published
                    .iter()
                    .filter(|a| *a != duty)
                    .cloned()
                    .collect::<Vec<_>>(),
            )
            .objective;
            assert!((report.objective - without - option.cost).abs() < 1e-6);
        }
        // Alone first, ranked by cost; second moves after.
        let direct: Vec<f64> = options
            .iter()
            .filter(|o| o.then.is_none())
            .map(|o| o.cost)
            .collect();
        assert!(direct.windows(2).all(|w| w[0] <= w[1]));
        let first_chain = options
            .iter()
            .position(|o| o.then.is_some())
            .unwrap_or(options.len());
        assert!(options[first_chain..].iter().all(|o| o.then.is_some()));
    }
}

/// The tiny roster with an early Tuesday desk (07:00 to 09:00) and 16 hours of rest.
fn with_early_tuesday() -> (Roster, Vec<Assignment>) {
    let mut def = sample::tiny_roster_def();
    let t = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
    let mut early = DutyKind::new("early", "Early desk", &[Weekday::Tue], t(7), t(9));
    early.cover.push(SiteCover::exactly("hq", 1));
    def.duties.push(early);
    def.rules.min_rest_minutes = Some(Bound::new(16 * 60, Strength::Hard));
    let roster = Roster::new(def).unwrap();
    let on = |d, duty: &str, who: &str| Assignment::new(date(d), duty, "hq", who);
    let published = vec![
        on(1, "evening", "A"),
        on(2, "early", "B"),
        on(2, "evening", "C"),
        on(3, "evening", "B"),
        on(4, "evening", "C"),
        on(5, "evening", "A"),
    ];
    assert!(validate(&roster, &published).violations.is_empty());
    (roster, published)
}

#[test]
fn a_swap_that_leaves_too_little_rest_is_refused_naming_the_rule() {
    let (roster, published) = with_early_tuesday();
    // B's early Tuesday to A, who ends Monday evening at 18:30.
    let e = swap(&roster, &published, "B", date(2), "A", None).unwrap_err();
    let ReplaceError::Breaks(broken) = &e else {
        panic!("{e}")
    };
    assert_eq!(
        broken.iter().map(|v| v.rule).collect::<Vec<_>>(),
        [Rule::MinRest]
    );
    assert!(
        e.to_string().starts_with("the swap breaks `min_rest`: A: "),
        "{e}"
    );
    // A's Friday for B's Wednesday keeps every rule.
    let swapped = swap(&roster, &published, "A", date(5), "B", Some(date(3))).unwrap();
    assert!(validate(&roster, &swapped).violations.is_empty());
    assert!(swapped.contains(&Assignment::new(date(5), "evening", "hq", "B")));
    assert!(swapped.contains(&Assignment::new(date(3), "evening", "hq", "A")));
    let e = swap(&roster, &published, "A", date(2), "B", None).unwrap_err();
    assert_eq!(
        e.to_string(),
        "`A` has no duty on 2022-08-02 in the published roster"
    );
}
