//! One focused test per rule family: a tiny roster where only that rule binds,
//! solved by HiGHS, checked by the independent validator, with a case where the
//! hard rule holds and one where the soft rule is penalised by exactly its weight.

use chrono::{NaiveDate, NaiveTime, Weekday};
use duty_roster::{
    Absence, Assignment, Bound, CoverOverride, DateRange, DutyKind, Fairness, Outcome, Pin,
    Preference, Roster, RosterDef, SiteCover, SkillNeed, SolveError, Strength, Succession, Term,
    Wish, sample, solve,
};

fn date(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 8, d).unwrap()
}

fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

/// Away on `dates`, on leave.
fn leave(dates: DateRange) -> Absence {
    let mut absence = Absence::new(dates);
    absence.reason = "leave".into();
    absence
}

/// The tiny roster (hq, weekday evenings, staff A B C, 1–7 Aug 2022) without fairness,
/// so that only the rule under test shapes the objective.
fn base() -> RosterDef {
    let mut def = sample::tiny_roster_def();
    def.rules.fairness = Fairness::off();
    def
}

/// Solves, checks the roster with the validator, and checks that the objective the
/// solver reports equals the one recomputed from the assignment.
fn solved(def: RosterDef) -> (Roster, Outcome) {
    sample::solve_checked(def)
}

fn infeasible(def: RosterDef) -> bool {
    let roster = Roster::new(def).expect("valid roster");
    matches!(
        solve(&roster, &Default::default()),
        Err(SolveError::Infeasible { .. })
    )
}

fn term(outcome: &Outcome, t: Term) -> f64 {
    outcome.terms.get(&t).copied().unwrap_or(0.0)
}

fn count(outcome: &Outcome, staff: &str) -> usize {
    sample::count(outcome, staff)
}

fn only_staff(def: &mut RosterDef, ids: &[&str]) {
    def.staff.retain(|s| ids.contains(&s.id.as_str()));
}

#[test]
fn cover_minimum_and_maximum_hold_when_hard() {
    let mut def = base();
    def.duties[0].cover[0] = SiteCover::exactly("hq", 2);
    let (roster, outcome) = solved(def);
    assert_eq!(outcome.assignments.len(), 2 * roster.slots().len());
}

#[test]
fn cover_minimum_soft_is_penalised_per_missing_person() {
    let mut def = base();
    only_staff(&mut def, &["A"]);
    def.duties[0].cover[0] = SiteCover::exactly("hq", 2);
    def.duties[0].cover[0].under_weight = Some(7);
    let (_, outcome) = solved(def);
    // 5 evenings, each short of one person.
    assert_eq!(term(&outcome, Term::CoverUnder), 35.0);
    assert_eq!(outcome.assignments.len(), 5);
}

#[test]
fn cover_minimum_hard_makes_an_understaffed_roster_infeasible() {
    let mut def = base();
    only_staff(&mut def, &["A"]);
    def.duties[0].cover[0] = SiteCover::exactly("hq", 2);
    assert!(infeasible(def));
}

#[test]
fn cover_maximum_soft_is_penalised_per_extra_person() {
    let mut def = base();
    // B wants Monday's evening badly (10); the slot's maximum of 1 is soft (3).
    def.duties[0].cover[0].over_weight = Some(3);
    def.pins.push(Pin::new(date(1), "evening", "hq", "A"));
    let mut monday = Preference::new(Wish::Want, 10);
    monday.dates = Some(DateRange::single(date(1)));
    def.staff[1].preferences.push(monday);
    let (_, outcome) = solved(def);
    assert_eq!(term(&outcome, Term::CoverOver), 3.0);
    assert_eq!(term(&outcome, Term::Preferences), 0.0);
}

#[test]
fn cover_maximum_soft_of_zero_keeps_the_slot_at_a_cost() {
    // A soft maximum of 0 (a benchmark cover line with requirement 0) costs its
    // weight per person; it does not close the slot. A must do 5 evenings, so
    // Monday's, where nobody is wanted, costs 4.
    let mut def = base();
    only_staff(&mut def, &["A"]);
    def.duties[0].cover[0].over_weight = Some(4);
    def.duties[0].cover[0].under_weight = Some(1);
    let mut nobody = CoverOverride::new(date(1), "evening", "hq", 0);
    nobody.max = Some(0);
    def.cover_overrides.push(nobody);
    def.staff[0].limits.min_duties = Some(5);
    let (roster, outcome) = solved(def.clone());
    assert_eq!(roster.slots().len(), 5);
    assert_eq!(term(&outcome, Term::CoverOver), 4.0);
    assert_eq!(outcome.objective, 4.0);
    // A hard maximum of 0 closes the slot: four evenings left for five duties.
    def.duties[0].cover[0].over_weight = None;
    assert_eq!(Roster::new(def.clone()).unwrap().slots().len(), 4);
    assert!(infeasible(def));
}

#[test]
fn skill_need_puts_a_skilled_person_on_every_slot() {
    let mut def = base();
    def.duties[0].cover[0].skills.push(SkillNeed::new("es", 1));
    def.staff[2].skills.push("es".into());
    let (_, outcome) = solved(def);
    assert_eq!(count(&outcome, "C"), 5);
}

#[test]
fn skill_need_soft_is_penalised_per_missing_skilled_person() {
    let mut def = base();
    def.duties[0].cover[0].skills.push(SkillNeed::new("es", 1));
    def.duties[0].cover[0].under_weight = Some(5);
    let (_, outcome) = solved(def);
    assert_eq!(term(&outcome, Term::SkillShortage), 25.0);
}

/// A second duty kind at the same hours on a line anyone may answer.
fn with_phone_line(def: &mut RosterDef) {
    let mut line = duty_roster::Site::new("phone", "Phone line");
    line.phone = Some("0523484046".into());
    line.open_to_all = true;
    def.sites.push(line);
    let mut phone = def.duties[0].clone();
    phone.id = "phone-line".into();
    phone.cover = vec![SiteCover::exactly("phone", 1)];
    def.duties.push(phone);
}

#[test]
fn one_duty_per_day_holds_when_hard() {
    let mut def = base();
    with_phone_line(&mut def);
    only_staff(&mut def, &["A", "B"]);
    let (_, outcome) = solved(def);
    for a in &outcome.assignments {
        let same_day = outcome
            .assignments
            .iter()
            .filter(|b| b.staff == a.staff && b.date == a.date)
            .count();
        assert_eq!(same_day, 1);
    }
}

#[test]
fn one_duty_per_day_soft_is_penalised_per_extra_duty() {
    let mut def = base();
    with_phone_line(&mut def);
    only_staff(&mut def, &["A"]);
    def.rules.one_duty_per_day = Strength::Soft(4);
    let (_, outcome) = solved(def);
    assert_eq!(term(&outcome, Term::OneDutyPerDay), 20.0);
}

#[test]
fn min_rest_spaces_duties_when_hard() {
    let mut def = base();
    only_staff(&mut def, &["A", "B"]);
    // 24 h rest after an evening ending 18:30 forbids the next evening at 16:30.
    def.rules.min_rest_minutes = Some(Bound::new(24 * 60, Strength::Hard));
    let (_, outcome) = solved(def);
    for a in &outcome.assignments {
        let next = a.date.succ_opt().unwrap();
        assert!(
            !outcome
                .assignments
                .iter()
                .any(|b| b.staff == a.staff && b.date == next)
        );
    }
}

#[test]
fn min_rest_soft_is_penalised_per_short_rest() {
    let mut def = base();
    only_staff(&mut def, &["A"]);
    def.rules.min_rest_minutes = Some(Bound::new(24 * 60, Strength::Soft(6)));
    let (_, outcome) = solved(def);
    // A works Monday to Friday: four short rests.
    assert_eq!(term(&outcome, Term::MinRest), 24.0);
}

#[test]
fn min_rest_allows_duties_further_apart_than_the_rest() {
    let mut def = base();
    only_staff(&mut def, &["A"]);
    def.rules.min_rest_minutes = Some(Bound::new(20 * 60, Strength::Hard));
    let (_, outcome) = solved(def);
    assert_eq!(outcome.assignments.len(), 5);
}

fn with_saturday(def: &mut RosterDef) {
    let mut sat = DutyKind::new(
        "sat",
        "Saturday morning",
        &[Weekday::Sat],
        time(9, 0),
        time(13, 0),
    );
    sat.cover.push(SiteCover::exactly("hq", 1));
    def.duties.push(sat);
}

#[test]
fn forbidden_succession_keeps_friday_evening_off_saturday() {
    let mut def = base();
    with_saturday(&mut def);
    only_staff(&mut def, &["A", "B"]);
    def.rules
        .forbidden_successions
        .push(Succession::new("evening", "sat", Strength::Hard));
    let (_, outcome) = solved(def);
    let friday = outcome
        .assignments
        .iter()
        .find(|a| a.date == date(5))
        .unwrap();
    let saturday = outcome
        .assignments
        .iter()
        .find(|a| a.date == date(6))
        .unwrap();
    assert_ne!(friday.staff, saturday.staff);
}

#[test]
fn forbidden_succession_soft_is_penalised_once_per_succession() {
    let mut def = base();
    with_saturday(&mut def);
    only_staff(&mut def, &["A"]);
    def.rules
        .forbidden_successions
        .push(Succession::new("evening", "sat", Strength::Soft(9)));
    let (_, outcome) = solved(def);
    assert_eq!(term(&outcome, Term::ForbiddenSuccession), 9.0);
}

#[test]
fn max_consecutive_days_holds_when_hard() {
    let mut def = base();
    only_staff(&mut def, &["A", "B"]);
    def.rules.max_consecutive_days = Some(Bound::new(2, Strength::Hard));
    let (_, outcome) = solved(def);
    for staff in ["A", "B"] {
        for start in 1..=3 {
            let run = (start..start + 3)
                .filter(|&d| {
                    outcome
                        .assignments
                        .iter()
                        .any(|a| a.staff == staff && a.date == date(d))
                })
                .count();
            assert!(run <= 2, "{staff} works 3 days from {start}");
        }
    }
}

#[test]
fn max_consecutive_days_soft_is_penalised_per_extra_day_in_each_window() {
    let mut def = base();
    only_staff(&mut def, &["A"]);
    def.rules.max_consecutive_days = Some(Bound::new(3, Strength::Soft(2)));
    let (_, outcome) = solved(def);
    // Mon–Fri: windows of 4 days Mon–Thu and Tue–Fri each hold one day too many.
    assert_eq!(term(&outcome, Term::MaxConsecutiveDays), 4.0);
}

/// Every day of the week has an evening duty, needing at most one person (soft minimum).
fn every_day_optional(def: &mut RosterDef) {
    def.duties[0].weekdays = vec![
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];
    def.duties[0].cover[0] = SiteCover::exactly("hq", 1);
    def.duties[0].cover[0].under_weight = Some(1);
}

/// The first person is on leave on the period's Tuesday and Thursday.
fn away_on_tuesday_and_thursday(def: &mut RosterDef) {
    for day in [2, 4] {
        def.staff[0]
            .unavailable
            .push(leave(DateRange::single(date(day))));
    }
}

#[test]
fn min_consecutive_days_forbids_a_lone_duty_day_inside_the_period() {
    let mut def = base();
    every_day_optional(&mut def);
    only_staff(&mut def, &["A"]);
    away_on_tuesday_and_thursday(&mut def);
    def.rules.min_consecutive_days = Some(Bound::new(2, Strength::Hard));
    let (_, outcome) = solved(def);
    // Wednesday alone between two days away would be a run of 1: left empty.
    assert!(!outcome.assignments.iter().any(|a| a.date == date(3)));
    // Monday touches the period's start: exempt.
    assert!(outcome.assignments.iter().any(|a| a.date == date(1)));
    assert_eq!(term(&outcome, Term::CoverUnder), 3.0);
}

#[test]
fn min_consecutive_days_soft_is_penalised_per_short_run() {
    let mut def = base();
    every_day_optional(&mut def);
    def.duties[0].cover[0].under_weight = Some(100);
    only_staff(&mut def, &["A"]);
    away_on_tuesday_and_thursday(&mut def);
    def.rules.min_consecutive_days = Some(Bound::new(2, Strength::Soft(5)));
    let (_, outcome) = solved(def);
    assert_eq!(term(&outcome, Term::MinConsecutiveDays), 5.0);
}

#[test]
fn min_consecutive_days_off_forbids_a_lone_free_day_inside_the_period() {
    let mut def = base();
    every_day_optional(&mut def);
    only_staff(&mut def, &["A"]);
    def.staff[0]
        .unavailable
        .push(leave(DateRange::single(date(4))));
    def.rules.min_consecutive_days_off = Some(Bound::new(2, Strength::Hard));
    let (_, outcome) = solved(def);
    // Thursday is off; a lone free day is not allowed, so Wednesday or Friday is off too.
    let worked = |d| outcome.assignments.iter().any(|a| a.date == date(d));
    assert!(!(worked(3) && worked(5)));
}

#[test]
fn min_consecutive_days_off_soft_is_penalised_per_short_run() {
    let mut def = base();
    every_day_optional(&mut def);
    def.duties[0].cover[0].under_weight = Some(100);
    only_staff(&mut def, &["A"]);
    def.staff[0]
        .unavailable
        .push(leave(DateRange::single(date(4))));
    def.rules.min_consecutive_days_off = Some(Bound::new(2, Strength::Soft(3)));
    let (_, outcome) = solved(def);
    assert_eq!(term(&outcome, Term::MinConsecutiveDaysOff), 3.0);
}

#[test]
fn personal_limits_bound_duties_kinds_and_minutes() {
    let mut def = base();
    def.staff[0].limits.max_duties = Some(1);
    def.staff[1].limits.max_minutes = Some(2 * 120);
    def.staff[2].limits.min_duties = Some(2);
    let (_, outcome) = solved(def);
    assert!(count(&outcome, "A") <= 1);
    assert!(count(&outcome, "B") <= 2);
    assert!(count(&outcome, "C") >= 2);
    let mut def = base();
    def.staff[0].limits.max_per_duty.insert("evening".into(), 0);
    def.staff[1].limits.max_per_duty.insert("evening".into(), 1);
    def.staff[2].limits.max_per_duty.insert("evening".into(), 4);
    let (_, outcome) = solved(def);
    assert_eq!(count(&outcome, "A"), 0);
    assert_eq!(count(&outcome, "B"), 1);
    assert_eq!(count(&outcome, "C"), 4);
}

/// B is pinned to Wednesday's evening but avoids every duty at 50 each.
fn pin_b_on_wednesday_though_b_avoids_every_duty(def: &mut RosterDef) {
    def.pins.push(Pin::new(date(3), "evening", "hq", "B"));
    def.staff[1]
        .preferences
        .push(Preference::new(Wish::Avoid, 50));
}

#[test]
fn pinned_duties_stay() {
    let mut def = base();
    pin_b_on_wednesday_though_b_avoids_every_duty(&mut def);
    let (_, outcome) = solved(def);
    assert!(
        outcome
            .assignments
            .contains(&Assignment::new(date(3), "evening", "hq", "B"))
    );
    assert_eq!(term(&outcome, Term::Preferences), 50.0);
}

#[test]
fn preferences_avoid_and_want_are_honoured_or_penalised_by_weight() {
    let mut def = base();
    only_staff(&mut def, &["A"]);
    // A must do every evening; avoiding Wednesday costs 3, wanting Saturday (no duty) costs nothing.
    let mut wednesday = Preference::new(Wish::Avoid, 3);
    wednesday.dates = Some(DateRange::single(date(3)));
    def.staff[0].preferences.push(wednesday);
    let mut saturdays = Preference::new(Wish::Want, 4);
    saturdays.weekdays = vec![Weekday::Sat];
    def.staff[0].preferences.push(saturdays);
    let (_, outcome) = solved(def);
    assert_eq!(term(&outcome, Term::Preferences), 3.0);

    let mut def = base();
    def.staff[0]
        .preferences
        .push(Preference::new(Wish::Avoid, 2));
    let mut tuesdays = Preference::new(Wish::Want, 2);
    tuesdays.weekdays = vec![Weekday::Tue];
    def.staff[1].preferences.push(tuesdays);
    let (_, outcome) = solved(def);
    assert_eq!(count(&outcome, "A"), 0);
    assert!(
        outcome
            .assignments
            .contains(&Assignment::new(date(2), "evening", "hq", "B"))
    );
    assert_eq!(term(&outcome, Term::Preferences), 0.0);
}

#[test]
fn fairness_spreads_duties_in_proportion_to_share() {
    let mut def = sample::tiny_roster_def();
    let (_, outcome) = solved(def.clone());
    let mut counts: Vec<usize> = ["A", "B", "C"].iter().map(|s| count(&outcome, s)).collect();
    counts.sort();
    assert_eq!(counts, vec![1, 2, 2]);
    // 5 slots over 3 people: targets 5/3, fair band [1, 2]; counts 1, 2, 2 lie in it.
    assert!(term(&outcome, Term::FairnessMaxDuty).abs() < 1e-6);

    // A half-time person carries half the load of the others: targets 1, 2, 2.
    def.staff[0].share = 0.5;
    let (_, outcome) = solved(def);
    assert_eq!(count(&outcome, "A"), 1);
    assert_eq!(count(&outcome, "B"), 2);
    assert_eq!(count(&outcome, "C"), 2);
    assert!(outcome.objective.abs() < 1e-6);
}

#[test]
fn unavailable_people_are_never_assigned() {
    let mut def = base();
    def.staff[0]
        .unavailable
        .push(leave(DateRange::new(date(1), date(7))));
    let (_, outcome) = solved(def);
    assert_eq!(count(&outcome, "A"), 0);
}

#[test]
fn holidays_have_no_duty_unless_the_duty_runs_on_holidays() {
    let mut def = base();
    def.holidays
        .push(duty_roster::Holiday::new(date(3), "A holiday"));
    let (roster, outcome) = solved(def.clone());
    assert_eq!(roster.slots().len(), 4);
    assert!(!outcome.assignments.iter().any(|a| a.date == date(3)));
    def.duties[0].on_holidays = true;
    let (roster, _) = solved(def);
    assert_eq!(roster.slots().len(), 5);
}

#[test]
fn events_add_cover_on_their_dates() {
    let mut def = base();
    let mut open_days =
        duty_roster::Event::new("open-days", "Open days", DateRange::new(date(2), date(3)));
    open_days
        .cover
        .push(duty_roster::EventCover::new("evening", "hq", 1));
    def.events.push(open_days);
    let (_, outcome) = solved(def);
    let on = |d| {
        outcome
            .assignments
            .iter()
            .filter(|a| a.date == date(d))
            .count()
    };
    assert_eq!((on(1), on(2), on(3), on(4)), (1, 2, 2, 1));
}

#[test]
fn ramadan_hours_move_the_duty_and_its_utc_instant() {
    let mut def = base();
    def.period = DateRange::new(
        NaiveDate::from_ymd_opt(2022, 4, 11).unwrap(),
        NaiveDate::from_ymd_opt(2022, 4, 15).unwrap(),
    );
    def.duties[0].times.push(duty_roster::TimeOverride::new(
        def.period,
        time(15, 0),
        time(17, 0),
    ));
    let (roster, _) = solved(def);
    let slot = &roster.slots()[1];
    assert_eq!(slot.start_local.to_string(), "2022-04-12 15:00:00");
    // Morocco is at UTC+0 during Ramadan 2022.
    assert_eq!(slot.start_utc.to_rfc3339(), "2022-04-12T15:00:00+00:00");
}

#[test]
fn personal_limits_soft_are_penalised_per_duty_beyond_them() {
    let mut def = base();
    only_staff(&mut def, &["A"]);
    def.staff[0].limits.max_duties = Some(3);
    def.rules.limits = Strength::Soft(7);
    let (_, outcome) = solved(def);
    // A alone must do all five evenings: two beyond the limit.
    assert_eq!(outcome.assignments.len(), 5);
    assert_eq!(term(&outcome, Term::PersonalLimits), 14.0);
}

#[test]
fn personal_limits_soft_on_minutes_are_penalised_per_hour() {
    let mut def = base();
    only_staff(&mut def, &["A"]);
    def.staff[0].limits.max_minutes = Some(7 * 60);
    def.rules.limits = Strength::Soft(6);
    let (_, outcome) = solved(def);
    // Ten hours of evenings against a limit of seven: three hours beyond.
    assert!((term(&outcome, Term::PersonalLimits) - 18.0).abs() < 1e-6);
}

#[test]
fn pins_soft_are_penalised_when_not_honoured() {
    let mut def = base();
    def.rules.pins = Strength::Soft(5);
    // B avoids everything at 50 per duty: cheaper to leave the pin (5) than to honour it.
    pin_b_on_wednesday_though_b_avoids_every_duty(&mut def);
    let (_, outcome) = solved(def);
    assert_eq!(count(&outcome, "B"), 0);
    assert_eq!(term(&outcome, Term::Pins), 5.0);
}
