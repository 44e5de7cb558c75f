//! Property tests of the solver against the independent validator, on random small
//! rosters from the seeded generator (`synthetic`) with their staff count, sites,
//! leave, pins and rules varied:
//!
//! * a roster the solver returns breaks no hard rule, and the objective it reports
//!   is the validator's recomputation from the assignment alone;
//! * a roster made infeasible on purpose (a site's whole staff on leave, a person
//!   pinned beyond a slot's cover, duty limits below the demand) is refused as infeasible,
//!   and its elastic diagnosis names every rule its own roster breaks.
//!
//! The cases are drawn from a fixed seed, so every run solves the same rosters; their
//! counts are in docs/fuzzing.md.

use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;

use chrono::Duration;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

use duty_roster::diagnose::diagnose;
use duty_roster::synthetic::{Size, generate};
use duty_roster::{
    Absence, Bound, DateRange, Pin, Roster, RosterDef, SolveError, SolveOptions, Status, Strength,
    solve, validate,
};

/// Random rosters solved, and made infeasible then diagnosed.
const SOLVED_CASES: u32 = 16;
const INFEASIBLE_CASES: u32 = 12;

/// Rules a roster may be given, each hard or soft.
#[derive(Debug, Clone)]
struct RuleChoice {
    max_consecutive_days: Option<u32>,
    max_weekends: Option<u32>,
    min_rest_hours: Option<u32>,
    /// Most duties of every person.
    max_duties: Option<u32>,
    /// Soft at this weight, or hard.
    soft: Option<u32>,
}

/// A variation of a generated roster.
#[derive(Debug, Clone)]
struct Variation {
    size: Size,
    /// Extra leave: (person, first day of the month, length in days).
    leave: Vec<(usize, i64, i64)>,
    /// Pins: (slot, nth person eligible for it).
    pins: Vec<(usize, usize)>,
    rules: RuleChoice,
}

fn rule_choice() -> impl Strategy<Value = RuleChoice> {
    (
        prop::option::of(3u32..=6),
        prop::option::of(2u32..=4),
        prop::option::of(prop_oneof![Just(12u32), Just(14), Just(20)]),
        prop::option::of(8u32..=14),
        prop::option::of(prop_oneof![Just(5u32), Just(50)]),
    )
        .prop_map(
            |(max_consecutive_days, max_weekends, min_rest_hours, max_duties, soft)| RuleChoice {
                max_consecutive_days,
                max_weekends,
                min_rest_hours,
                max_duties,
                soft,
            },
        )
}

fn variation() -> impl Strategy<Value = Variation> {
    (
        10usize..=18,
        1usize..=3,
        any::<u64>(),
        prop::collection::vec((any::<usize>(), 0i64..28, 1i64..6), 0..=3),
        prop::collection::vec((any::<usize>(), any::<usize>()), 0..=4),
        rule_choice(),
    )
        .prop_map(|(staff, sites, seed, leave, pins, rules)| Variation {
            size: Size {
                staff,
                sites,
                months: 1,
                seed,
            },
            leave,
            pins,
            rules,
        })
}

/// The roster of a variation. Pins go to a person eligible for the slot (serving its
/// site, not away), one per slot and per person and day, so that a pin alone never
/// makes the roster impossible.
fn build(v: &Variation) -> RosterDef {
    let mut def = generate(v.size);
    let period = def.period;
    for &(person, from, days) in &v.leave {
        let first = period.first + Duration::days(from);
        let last = (first + Duration::days(days - 1)).min(period.last);
        let n = def.staff.len();
        def.staff[person % n]
            .unavailable
            .push(Absence::new(DateRange::new(first, last)));
    }
    let strength = v.rules.soft.map_or(Strength::Hard, Strength::Soft);
    let bound = |value: Option<u32>| value.map(|n| Bound::new(n, strength));
    def.rules.max_consecutive_days = bound(v.rules.max_consecutive_days);
    def.rules.max_weekends = bound(v.rules.max_weekends);
    def.rules.min_rest_minutes = bound(v.rules.min_rest_hours.map(|h| h * 60));
    if v.rules.max_duties.is_some() {
        def.rules.limits = strength;
    }
    for person in &mut def.staff {
        person.limits.max_duties = v.rules.max_duties;
    }
    let roster = Roster::new(def.clone()).expect("a generated roster is valid");
    let mut slots_taken = BTreeSet::new();
    let mut days_taken = BTreeSet::new();
    for &(slot, nth) in &v.pins {
        let slot_i = slot % roster.slots().len();
        let s = &roster.slots()[slot_i];
        let eligible: Vec<usize> = (0..roster.staff().len())
            .filter(|&p| roster.is_eligible(p, slot_i))
            .collect();
        if eligible.is_empty() || !slots_taken.insert(slot_i) {
            continue;
        }
        let p = eligible[nth % eligible.len()];
        if !days_taken.insert((p, s.date)) {
            continue;
        }
        def.pins.push(Pin::new(
            s.date,
            &roster.duties()[s.duty].id,
            &roster.sites()[s.site].id,
            &roster.staff()[p].id,
        ));
    }
    def
}

/// One thread and a fixed seed: the same rosters on every machine.
fn options() -> SolveOptions {
    let mut options = SolveOptions::default();
    options.threads = Some(1);
    options
}

fn runner(cases: u32) -> TestRunner {
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha))
}

/// The diagnosis of an infeasible roster: something to change, and every rule its
/// roster breaks (as the validator finds on its own) among the ones it names.
fn check_diagnosis(roster: &Roster) -> Result<BTreeSet<String>, TestCaseError> {
    let diagnosis = diagnose(roster, &options())
        .map_err(|e| TestCaseError::fail(format!("no diagnosis: {e}")))?;
    prop_assert!(
        !diagnosis.problems.is_empty(),
        "an infeasible roster with nothing to change"
    );
    let named: BTreeSet<String> = diagnosis
        .problems
        .iter()
        .map(|p| p.rule.key().to_string())
        .collect();
    let report = validate(roster, &diagnosis.relaxed.assignments);
    prop_assert!(
        !report.violations.is_empty(),
        "the diagnosis roster breaks nothing"
    );
    for v in &report.violations {
        prop_assert!(
            named.contains(v.rule.key()),
            "the diagnosis roster breaks `{}` ({}), which it does not name (named: {named:?})",
            v.rule.key(),
            v.message
        );
        if let Some(who) = &v.staff {
            prop_assert!(
                diagnosis
                    .problems
                    .iter()
                    .any(|p| p.rule == v.rule && p.text.contains(who.as_str())),
                "`{}` broken for {who} is not said of {who}",
                v.rule.key()
            );
        }
    }
    Ok(named)
}

#[test]
fn solved_rosters_break_no_hard_rule_and_report_the_validators_objective() {
    let solved = Cell::new(0);
    let infeasible = Cell::new(0);
    runner(SOLVED_CASES)
        .run(&variation(), |v| {
            let roster = Roster::new(build(&v)).expect("a varied roster is valid");
            let outcome = match solve(&roster, &options()) {
                Ok(outcome) => outcome,
                Err(SolveError::Infeasible { .. }) => {
                    infeasible.set(infeasible.get() + 1);
                    check_diagnosis(&roster)?;
                    return Ok(());
                }
                Err(e) => return Err(TestCaseError::fail(format!("solve failed: {e}"))),
            };
            solved.set(solved.get() + 1);
            prop_assert!(matches!(
                outcome.status,
                Status::Optimal | Status::TimeLimit
            ));
            let report = validate(&roster, &outcome.assignments);
            prop_assert!(
                report.violations.is_empty(),
                "the solver's roster breaks hard rules: {:?}",
                report.violations
            );
            let tolerance = 1e-6 * report.objective.abs().max(1.0);
            prop_assert!(
                (outcome.solver_objective - report.objective).abs() <= tolerance,
                "the solver reports {}, the validator recomputes {}",
                outcome.solver_objective,
                report.objective
            );
            prop_assert_eq!(outcome.objective, report.objective);
            prop_assert_eq!(&outcome.terms, &report.terms);
            Ok(())
        })
        .unwrap();
    eprintln!("{} solved, {} infeasible", solved.get(), infeasible.get());
    // Most variations are feasible: otherwise this would test the diagnosis only.
    assert!(
        solved.get() * 2 > SOLVED_CASES,
        "{} solved, {} infeasible",
        solved.get(),
        infeasible.get()
    );
}

/// How a roster is made infeasible on purpose.
#[derive(Debug, Clone, Copy)]
enum Breakage {
    /// Every person of one desk on leave for some days.
    DeskOnLeave,
    /// More people pinned on a slot than its cover allows.
    PinsOverCover,
    /// Everyone's duty limit below what the period needs.
    LimitsBelowDemand,
}

#[test]
fn infeasible_rosters_are_diagnosed_by_the_rules_their_roster_breaks() {
    let breakage = prop_oneof![
        Just(Breakage::DeskOnLeave),
        Just(Breakage::PinsOverCover),
        Just(Breakage::LimitsBelowDemand),
    ];
    let seen = RefCell::new(BTreeSet::new());
    runner(INFEASIBLE_CASES)
        .run(
            &(variation(), breakage, any::<usize>()),
            |(mut v, how, pick)| {
                // Loose rules, so that the breakage is the reason.
                v.rules = RuleChoice {
                    max_consecutive_days: None,
                    max_weekends: None,
                    min_rest_hours: None,
                    max_duties: None,
                    soft: None,
                };
                v.pins.clear();
                let mut def = build(&v);
                let period = def.period;
                let expected = match how {
                    Breakage::DeskOnLeave => {
                        let desk = def.sites[pick % v.size.sites.max(1)].id.clone();
                        let first = period.first + Duration::days((pick % 20) as i64);
                        let leave = DateRange::new(first, first + Duration::days(4));
                        for person in def.staff.iter_mut().filter(|p| p.home == desk) {
                            person.unavailable.push(Absence::new(leave));
                        }
                        "cover_min"
                    }
                    Breakage::PinsOverCover => {
                        // One more person pinned on a slot than its cover allows.
                        let roster = Roster::new(def.clone()).expect("valid");
                        let n = roster.slots().len();
                        let (slot_i, eligible) = (0..n)
                            .map(|k| (pick + k) % n)
                            .map(|i| {
                                let eligible: Vec<usize> = (0..roster.staff().len())
                                    .filter(|&p| roster.is_eligible(p, i))
                                    .collect();
                                (i, eligible)
                            })
                            .find(|(i, e)| {
                                roster.slots()[*i]
                                    .max
                                    .is_some_and(|max| e.len() > max as usize)
                            })
                            .expect("a slot with more eligible people than places");
                        let slot = &roster.slots()[slot_i];
                        let places = slot.max.expect("a bounded slot") as usize;
                        for &p in &eligible[..=places] {
                            def.pins.push(Pin::new(
                                slot.date,
                                &roster.duties()[slot.duty].id,
                                &roster.sites()[slot.site].id,
                                &roster.staff()[p].id,
                            ));
                        }
                        "pin"
                    }
                    Breakage::LimitsBelowDemand => {
                        for person in &mut def.staff {
                            person.limits.max_duties = Some(1 + (pick % 2) as u32);
                        }
                        "max_duties"
                    }
                };
                let roster = Roster::new(def).expect("a broken roster is still valid");
                match solve(&roster, &options()) {
                    Err(SolveError::Infeasible { .. }) => {}
                    Ok(o) => {
                        return Err(TestCaseError::fail(format!(
                            "{how:?} solved: {} duties",
                            o.assignments.len()
                        )));
                    }
                    Err(e) => return Err(TestCaseError::fail(format!("{how:?}: {e}"))),
                }
                let named = check_diagnosis(&roster)?;
                // The elastic roster may give way elsewhere (cover instead of a limit),
                // but what it names is a rule of the kind broken or cover.
                prop_assert!(
                    named.contains(expected)
                        || named.contains("cover_min")
                        || named.contains("cover_max"),
                    "{how:?}: named {named:?}"
                );
                seen.borrow_mut().insert(format!("{how:?}"));
                Ok(())
            },
        )
        .unwrap();
    eprintln!("breakages drawn: {:?}", seen.borrow());
    assert!(seen.borrow().len() >= 2, "only {seen:?} drawn");
}
