//! Why a roster cannot be made: an elastic version of the roster, in which every hard
//! rule may be broken at a cost that says how bad breaking it is, is solved; the rules
//! its best roster breaks are the smallest set of changes that would make the roster
//! possible. Each is told as a sentence in the roster's words (dates, sites, duties,
//! people), grouped by cause, with the single change that would fix it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::check::{Finding, precheck};
use crate::rule::Fix;
use crate::validate::Violation;
use crate::{
    Assignment, Language, Outcome, Roster, RosterDef, Rule, SolveError, SolveOptions, Staff, solve,
    validate,
};

pub use crate::domain::RelaxCosts;

/// The elastic version of a roster: every hard rule soft at its cost; soft rules,
/// preferences and fairness as they were.
///
/// # Example
/// ```
/// let def = duty_roster::sample::tiny_roster_def();
/// let relaxed = duty_roster::diagnose::relax(&def, &Default::default());
/// assert_eq!(relaxed.duties[0].cover[0].under_weight, Some(10_000));
/// assert!(!relaxed.rules.one_duty_per_day.is_hard());
/// ```
pub fn relax(def: &RosterDef, costs: &RelaxCosts) -> RosterDef {
    let mut def = def.clone();
    for duty in &mut def.duties {
        for cover in &mut duty.cover {
            if cover.under_weight.is_none() {
                cover.under_weight = Some(costs.cover);
            }
            if cover.over_weight.is_none() {
                cover.over_weight = Some(costs.cover_over);
            }
        }
    }
    def.rules.soften(&def.staff, costs);
    def
}

pub use crate::rule::Cause;

/// One change the roster needs: what is wrong, and the single change that fixes it.
///
/// # Example
/// See [`Diagnosis`], whose `problems` these are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Problem {
    /// The group.
    pub cause: Cause,
    /// The rule broken, as in [`Violation::rule`].
    pub rule: Rule,
    /// What is wrong.
    pub text: String,
    /// The change that fixes it.
    pub fix: String,
}

/// Why a roster cannot be made.
///
/// # Example
/// ```
/// let mut def = duty_roster::sample::tiny_roster_def();
/// def.staff.truncate(1);
/// def.duties[0].cover[0].min = 2;
/// def.duties[0].cover[0].max = Some(2);
/// let roster = duty_roster::Roster::new(def).unwrap();
/// let d = duty_roster::diagnose::diagnose(&roster, &Default::default()).unwrap();
/// assert_eq!(d.problems.len(), 5); // each evening is one person short
/// assert!(d.problems[0].text.contains("needs 2, at most 1 possible"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Diagnosis {
    /// What counting shows before solving.
    pub findings: Vec<Finding>,
    /// The changes the roster needs, grouped by cause (in [`Cause`] order).
    pub problems: Vec<Problem>,
    /// A roster that breaks only those rules (without regard to fairness or
    /// preferences: [`relax`] the roster and solve it for a fair one).
    pub relaxed: Outcome,
    /// The strict rules it breaks, as the validator says them.
    pub violations: Vec<Violation>,
}

impl Diagnosis {
    /// The problems as text, grouped under headings.
    ///
    /// # Example
    /// See [`Diagnosis`]; `d.render()` starts with "cover that cannot be met:".
    pub fn render(&self) -> String {
        let mut groups: BTreeMap<Cause, Vec<&Problem>> = BTreeMap::new();
        for p in &self.problems {
            groups.entry(p.cause).or_default().push(p);
        }
        let mut out = String::new();
        for (cause, problems) in groups {
            out.push_str(&format!("{}:\n", cause.title()));
            for p in problems {
                out.push_str(&format!("  - {}\n    fix: {}\n", p.text, p.fix));
            }
        }
        out
    }
}

/// Solves the elastic version of `roster` and explains what it breaks.
///
/// # Errors
/// A [`SolveError`] when even the elastic roster cannot be solved (the solver failed
/// or found nothing in time).
///
/// # Example
/// See [`Diagnosis`].
pub fn diagnose(roster: &Roster, options: &SolveOptions) -> Result<Diagnosis, SolveError> {
    // Which rules must give does not depend on fairness or wishes: leave them out,
    // which makes the elastic solve fast.
    let mut relaxed_def = relax(roster.def(), &RelaxCosts::default());
    relaxed_def.rules.fairness = crate::Fairness::off();
    for person in &mut relaxed_def.staff {
        person.preferences.clear();
    }
    let relaxed_roster =
        Roster::new(relaxed_def).map_err(|e| SolveError::Solver(format!("elastic roster: {e}")))?;
    let relaxed = solve(&relaxed_roster, options)?;
    let report = validate(roster, &relaxed.assignments);
    let mut problems = cover_problems(roster, &relaxed.assignments);
    problems.extend(
        report
            .violations
            .iter()
            .filter(|v| v.rule != Rule::CoverMin)
            .map(|v| rule_problem(roster, &relaxed.assignments, v)),
    );
    problems.sort_by_key(|p| p.cause);
    Ok(Diagnosis {
        findings: precheck(roster),
        problems,
        relaxed,
        violations: report.violations,
    })
}

/// Slots below their hard minimum in `assignments`, each with why the other people
/// who serve the site could not take it.
fn cover_problems(roster: &Roster, assignments: &[Assignment]) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (slot_i, slot) in roster.slots().iter().enumerate() {
        if slot.under_weight.is_some() {
            continue;
        }
        let duty = &roster.duties()[slot.duty];
        let site = &roster.sites()[slot.site];
        let on_slot: Vec<&Assignment> = assignments
            .iter()
            .filter(|a| a.date == slot.date && a.duty == duty.id && a.site == site.id)
            .collect();
        let n = on_slot.len() as u32;
        if n >= slot.min {
            continue;
        }
        let mut why = Vec::new();
        let mut raise = None;
        for (p, person) in roster.staff().iter().enumerate() {
            if !roster.may_serve_site(p, slot.site) || on_slot.iter().any(|a| a.staff == person.id)
            {
                continue;
            }
            let (reason, limit) = why_not(roster, p, slot_i, assignments);
            if raise.is_none() {
                raise = limit;
            }
            why.push(format!("{} {reason}", person.id));
        }
        let when = format!("{} {}", Language::En.weekday_name(slot.date), slot.date);
        let text = format!(
            "{when}, {}, {}: needs {}, at most {n} possible ({})",
            site.name,
            duty.name,
            slot.min,
            if why.is_empty() {
                "nobody else serves this site".to_string()
            } else {
                why.join(", ")
            }
        );
        let mut fix = format!(
            "lower the cover of `{}` at `{}` on {} to {n}, or add a person who may serve `{}`",
            duty.id, site.id, slot.date, site.id
        );
        if let Some(limit) = raise {
            fix.push_str(&format!(", or {limit}"));
        }
        problems.push(Problem {
            cause: Cause::Cover,
            rule: Rule::CoverMin,
            text,
            fix,
        });
    }
    problems
}

/// Why person `p` is not on slot `slot_i` in `assignments`, and the limit to raise
/// when a limit is what keeps them off.
pub(crate) fn why_not(
    roster: &Roster,
    p: usize,
    slot_i: usize,
    assignments: &[Assignment],
) -> (String, Option<String>) {
    let slot = &roster.slots()[slot_i];
    let person = &roster.staff()[p];
    let duty = &roster.duties()[slot.duty];
    if let Some(absence) = person.absence_during(slot) {
        // A leave's reason only when the user asked for reasons: it may be health data.
        let reason = if absence.reason.is_empty() || !roster.def().settings.show_reasons {
            "away".to_string()
        } else {
            format!("on {}", absence.reason)
        };
        return (reason, None);
    }
    if person.limits.max_per_duty.get(&duty.id) == Some(&0) || person.limits.max_duties == Some(0) {
        return (format!("never does `{}`", duty.id), None);
    }
    let mine: Vec<&Assignment> = assignments
        .iter()
        .filter(|a| a.staff == person.id)
        .collect();
    if let Some(other) = mine.iter().find(|a| a.date == slot.date) {
        return (
            format!("on `{}` at `{}` that day", other.duty, other.site),
            None,
        );
    }
    if let Some(&max) = person.limits.max_per_duty.get(&duty.id) {
        let count = mine.iter().filter(|a| a.duty == duty.id).count() as u32;
        if count >= max {
            let raise = format!(
                "raise {}'s max_per_duty.{} to {}",
                person.id,
                duty.id,
                max + 1
            );
            return (format!("already at {max} `{}`", duty.id), Some(raise));
        }
    }
    if let Some(max) = person.limits.max_duties
        && mine.len() as u32 >= max
    {
        let raise = format!("raise {}'s max_duties to {}", person.id, max + 1);
        return (format!("already at {max} duties"), Some(raise));
    }
    for s in &roster.def().rules.forbidden_successions {
        let day_before = slot.date.pred_opt();
        let day_after = slot.date.succ_opt();
        if s.then == duty.id
            && mine
                .iter()
                .any(|a| Some(a.date) == day_before && a.duty == s.first)
        {
            return (format!("on `{}` the day before", s.first), None);
        }
        if s.first == duty.id
            && mine
                .iter()
                .any(|a| Some(a.date) == day_after && a.duty == s.then)
        {
            return (format!("on `{}` the day after", s.then), None);
        }
    }
    if let Some(rest) = roster.def().rules.min_rest_minutes {
        let close = mine.iter().filter_map(|a| roster.slot_of(a)).find(|other| {
            let gap = if other.start_utc <= slot.start_utc {
                slot.start_utc - other.end_utc
            } else {
                other.start_utc - slot.end_utc
            };
            gap.num_minutes() < i64::from(rest.value)
        });
        if let Some(other) = close {
            return (
                format!(
                    "on `{}` {}, too close for the rest",
                    roster.duties()[other.duty].id,
                    other.date
                ),
                None,
            );
        }
    }
    ("would break a run or weekend rule".to_string(), None)
}

/// A broken rule other than cover, with its fix.
fn rule_problem(roster: &Roster, assignments: &[Assignment], v: &Violation) -> Problem {
    let who = v.staff.clone().unwrap_or_else(|| "someone".into());
    // The fix of a personal limit, from the person's load in the relaxed roster.
    let limit = |fix: &dyn Fn(&Load) -> String| {
        load(roster, assignments, &who).map_or_else(|| "add staff".to_string(), |l| fix(&l))
    };
    let fix = match v.rule.fix() {
        Fix::Say(text) => text.replace("{who}", &who).replace("{rule}", v.rule.key()),
        Fix::RaiseDuties => limit(&|l| {
            format!(
                "raise {who}'s max_duties to {}, or add staff",
                l.duties.len()
            )
        }),
        Fix::LowerDuties => limit(&|l| format!("lower {who}'s min_duties to {}", l.duties.len())),
        Fix::RaiseMinutes => {
            limit(&|l| format!("raise {who}'s max_minutes to {}, or add staff", l.minutes))
        }
        Fix::LowerMinutes => limit(&|l| format!("lower {who}'s min_minutes to {}", l.minutes)),
        Fix::RaisePerDuty => limit(&|l| {
            let raises: Vec<String> = l
                .person
                .limits
                .max_per_duty
                .iter()
                .filter_map(|(duty, &max)| {
                    let count = l.duties.iter().filter(|a| a.duty == *duty).count();
                    (count > max as usize).then(|| format!("max_per_duty.{duty} to {count}"))
                })
                .collect();
            format!("raise {who}'s {}, or add staff", raises.join(" and "))
        }),
    };
    let cause = v.rule.cause();
    Problem {
        cause,
        rule: v.rule,
        text: v.message.clone(),
        fix,
    }
}

/// One person's duties and minutes in the relaxed roster: what a limit's fix needs.
struct Load<'a> {
    person: &'a Staff,
    duties: Vec<&'a Assignment>,
    minutes: i64,
}

/// The load of staff member `staff` in `assignments`; `None` when no such person.
fn load<'a>(roster: &'a Roster, assignments: &'a [Assignment], staff: &str) -> Option<Load<'a>> {
    let person = &roster.staff()[roster.staff_index(staff)?];
    let duties: Vec<&Assignment> = assignments.iter().filter(|a| a.staff == staff).collect();
    let minutes = duties
        .iter()
        .filter_map(|a| roster.slot_of(a))
        .map(|s| s.minutes)
        .sum();
    Some(Load {
        person,
        duties,
        minutes,
    })
}
