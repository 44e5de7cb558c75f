//! Re-planning a published roster: the number of changes the solver finds is the
//! fewest that every hard rule allows, checked by an exhaustive search over every
//! roster of small seeded rosters (each candidate judged by the independent
//! validator); frozen days stay as published; a bound per person holds.

use chrono::{NaiveDate, NaiveTime, Weekday};
use duty_roster::{
    Absence, Assignment, DateRange, DutyKind, Fairness, Replan, Roster, RosterDef, SiteCover,
    Staff, Strength, Succession, sample, solve, validate,
};

/// A small deterministic generator (64-bit LCG), so that the rosters are the same
/// on every run and machine.
struct Seeded(u64);

impl Seeded {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

fn date(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 8, d).unwrap()
}

/// A roster of 4 people over 6 days from Monday 2022-08-01, with an evening desk
/// every day and, on some days, a second desk; one person a slot; no two evenings
/// running for anyone (hard), at most 3 duties each, and seeded leave.
fn small(seed: u64) -> RosterDef {
    let mut rng = Seeded(seed);
    let mut def = sample::tiny_roster_def();
    def.id = format!("small-{seed}");
    def.period = DateRange::new(date(1), date(6));
    def.rules.fairness = Fairness::default();
    let t = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
    let all = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
    ];
    let mut evening = DutyKind::new("evening", "Evening", &all, t(17), t(19));
    evening.cover.push(SiteCover::exactly("hq", 1));
    let day = all[rng.below(6) as usize];
    let mut morning = DutyKind::new("morning", "Morning", &[day], t(9), t(12));
    morning.cover.push(SiteCover::exactly("hq", 1));
    def.duties = vec![evening, morning];
    def.staff = ["A", "B", "C", "D"]
        .map(|id| Staff::new(id, id, "hq"))
        .to_vec();
    for person in &mut def.staff {
        person.limits.max_duties = Some(3);
        if rng.below(3) == 0 {
            let d = 1 + rng.below(6) as u32;
            person
                .unavailable
                .push(Absence::new(DateRange::single(date(d))));
        }
    }
    def.rules
        .forbidden_successions
        .push(Succession::new("evening", "evening", Strength::Hard));
    def
}

/// Every roster of `roster` (one person per slot), as assignments, that breaks no
/// hard rule, judged by the validator.
fn valid_rosters(roster: &Roster) -> Vec<Vec<Assignment>> {
    let slots = roster.slots();
    let people = roster.staff().len();
    let mut found = Vec::new();
    let mut choice = vec![0usize; slots.len()];
    loop {
        let assignments: Vec<Assignment> = slots
            .iter()
            .zip(&choice)
            .map(|(s, &p)| {
                Assignment::new(
                    s.date,
                    &roster.duties()[s.duty].id,
                    &roster.sites()[s.site].id,
                    &roster.staff()[p].id,
                )
            })
            .collect();
        if validate(roster, &assignments).violations.is_empty() {
            found.push(assignments);
        }
        // next choice, as a number in base `people`
        let mut i = 0;
        while i < choice.len() {
            choice[i] += 1;
            if choice[i] < people {
                break;
            }
            choice[i] = 0;
            i += 1;
        }
        if i == choice.len() {
            return found;
        }
    }
}

/// `def` re-planning `published`, with `change` made to it.
fn replanned(def: &RosterDef, published: &[Assignment], replan: impl Fn(&mut Replan)) -> Roster {
    let mut def = def.clone();
    let mut r = Replan::new(published.to_vec());
    replan(&mut r);
    def.replan = Some(r);
    Roster::new(def).unwrap()
}

/// A new day of leave for someone who works that day in the published roster.
fn fall_ill(def: &mut RosterDef, published: &[Assignment], seed: u64) {
    let mut rng = Seeded(seed ^ 0x5eed);
    let pick = &published[rng.below(published.len() as u64) as usize];
    let person = def.staff.iter_mut().find(|s| s.id == pick.staff).unwrap();
    person
        .unavailable
        .push(Absence::new(DateRange::single(pick.date)));
}

#[test]
fn the_fewest_changes_are_found_as_an_exhaustive_search_finds_them() {
    let mut checked = 0;
    for seed in 1..=8 {
        let def = small(seed);
        let Ok(first) = solve(&Roster::new(def.clone()).unwrap(), &Default::default()) else {
            continue; // this seed's leave leaves no roster at all
        };
        let published = first.assignments;
        let mut ill = def.clone();
        fall_ill(&mut ill, &published, seed);
        let roster = replanned(&ill, &published, |_| {});
        let candidates = valid_rosters(&roster);
        let Some(fewest) = candidates
            .iter()
            .map(|a| validate(&roster, a).changes.unwrap().count())
            .min()
        else {
            assert!(solve(&roster, &Default::default()).is_err(), "seed {seed}");
            continue;
        };
        let (_, outcome) = sample::solve_checked(roster.def().clone());
        let changes = validate(&roster, &outcome.assignments).changes.unwrap();
        assert_eq!(changes.count(), fewest, "seed {seed}");
        assert!(fewest >= 1, "seed {seed}: the new leave forces a change");
        // Among the rosters with the fewest changes, the usual objective is the best.
        let best_usual = candidates
            .iter()
            .map(|a| validate(&roster, a))
            .filter(|r| r.changes.as_ref().unwrap().count() == fewest)
            .map(|r| r.objective)
            .fold(f64::INFINITY, f64::min);
        assert!((outcome.objective - best_usual).abs() < 1e-6, "seed {seed}");
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} seeds had a roster");
}

#[test]
fn an_unchanged_roster_file_gives_no_change_and_the_same_roster() {
    let def = small(3);
    let (_, first) = sample::solve_checked(def.clone());
    let roster = replanned(&def, &first.assignments, |_| {});
    let (_, again) = sample::solve_checked(roster.def().clone());
    assert_eq!(again.assignments, first.assignments);
    assert_eq!(
        validate(&roster, &again.assignments)
            .changes
            .unwrap()
            .count(),
        0
    );
}

#[test]
fn frozen_days_stay_as_published_and_the_bound_per_person_holds() {
    let mut ran = 0;
    for seed in 1..=8 {
        let def = small(seed);
        let Ok(first) = solve(&Roster::new(def.clone()).unwrap(), &Default::default()) else {
            continue;
        };
        let published = first.assignments;
        let mut ill = def.clone();
        // ill from day 4: days 1 to 3 are frozen
        let pick = published
            .iter()
            .find(|a| a.date >= date(4))
            .unwrap()
            .clone();
        let person = ill.staff.iter_mut().find(|s| s.id == pick.staff).unwrap();
        person
            .unavailable
            .push(Absence::new(DateRange::single(pick.date)));
        let roster = replanned(&ill, &published, |r| {
            r.freeze_until = Some(date(3));
            r.max_changes_per_person = Some(2);
        });
        let Ok(outcome) = solve(&roster, &Default::default()) else {
            continue;
        };
        let report = validate(&roster, &outcome.assignments);
        assert!(
            report.violations.is_empty(),
            "seed {seed}: {:?}",
            report.violations
        );
        let frozen = |list: &[Assignment]| {
            let mut l: Vec<Assignment> =
                list.iter().filter(|a| a.date <= date(3)).cloned().collect();
            l.sort_by(|a, b| (a.date, &a.duty, &a.staff).cmp(&(b.date, &b.duty, &b.staff)));
            l
        };
        assert_eq!(
            frozen(&outcome.assignments),
            frozen(&published),
            "seed {seed}"
        );
        ran += 1;
    }
    assert!(ran >= 3, "only {ran} seeds could be re-planned");
}

#[test]
fn a_frozen_duty_its_person_can_no_longer_take_is_refused_with_the_date() {
    let def = small(3);
    let (_, first) = sample::solve_checked(def.clone());
    let pick = first.assignments[0].clone();
    let mut ill = def.clone();
    let person = ill.staff.iter_mut().find(|s| s.id == pick.staff).unwrap();
    person
        .unavailable
        .push(Absence::new(DateRange::single(pick.date)));
    let mut replan = Replan::new(first.assignments.clone());
    replan.freeze_until = Some(date(6));
    ill.replan = Some(replan);
    let e = Roster::new(ill).unwrap_err();
    assert_eq!(e.field, "replan.freeze_until");
    assert!(e.message.contains(&pick.date.to_string()), "{}", e.message);
}
