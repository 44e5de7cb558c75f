//! `summary.csv` (one row per person: duties per kind against the fair target, hours)
//! and `summary.json` (status, objective and its terms, bound, gap, counts, timing).

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use super::CsvStyle;
use super::csv_cells::{encode_error, finish, number, text, writer};
use crate::validate::{PersonLoad, Report};
use crate::{Outcome, Roster, WriteError};

/// The bytes of `summary.csv`: `staff, staff_name, home, share, duties,
/// duties_target, deviation`, then `<duty>` and `<duty>_target` for each duty kind,
/// then `hours, hours_target, hours_deviation`. Deviations are actual minus target,
/// `deviation` the sum of the per-kind absolute deviations.
///
/// # Errors
/// [`WriteError::Encode`] naming `path` if a row cannot be encoded.
///
/// # Example
/// ```
/// let roster = duty_roster::sample::tiny_roster();
/// let outcome = duty_roster::solve(&roster, &Default::default()).unwrap();
/// let report = duty_roster::validate(&roster, &outcome.assignments);
/// let bytes = duty_roster::output::summary::render_csv(&roster, &report, Default::default(), "s.csv".as_ref()).unwrap();
/// let text = String::from_utf8(bytes).unwrap();
/// assert!(text.starts_with("staff,staff_name,home,share,duties,duties_target,deviation,evening,evening_target,hours"));
/// assert_eq!(text.lines().count(), 4);
/// ```
pub fn render_csv(
    roster: &Roster,
    report: &Report,
    style: CsvStyle,
    path: &Path,
) -> Result<Vec<u8>, WriteError> {
    let mut w = writer(style);
    let fail = encode_error(path);
    let mut header: Vec<String> = [
        "staff",
        "staff_name",
        "home",
        "share",
        "duties",
        "duties_target",
        "deviation",
    ]
    .map(String::from)
    .to_vec();
    for duty in roster.duties() {
        header.push(text(&duty.id));
        header.push(text(&format!("{}_target", duty.id)));
    }
    header.extend(["hours", "hours_target", "hours_deviation"].map(String::from));
    w.write_record(&header).map_err(&fail)?;
    for load in &report.people {
        let Some(person) = roster.staff_index(&load.staff).map(|i| &roster.staff()[i]) else {
            continue;
        };
        let mut row = vec![text(&person.id), text(&person.name), text(&person.home)];
        row.extend(figures(person.share, load).into_iter().map(number));
        w.write_record(&row).map_err(&fail)?;
    }
    finish(w, path)
}

/// The figures of a person's `summary.csv` row after `staff, staff_name, home`:
/// `share, duties, duties_target, deviation`, then `<duty>` and `<duty>_target` for
/// each duty kind, then `hours, hours_target, hours_deviation`. Deviations are
/// actual minus target, `deviation` the sum of the per-kind absolute deviations.
pub(crate) fn figures(share: f64, load: &PersonLoad) -> Vec<f64> {
    let target: f64 = load.per_duty.iter().map(|d| d.target).sum();
    let deviation: f64 = load
        .per_duty
        .iter()
        .map(|d| (f64::from(d.count) - d.target).abs())
        .sum();
    let mut figures = vec![share, f64::from(load.duties), target, deviation];
    for d in &load.per_duty {
        figures.push(f64::from(d.count));
        figures.push(d.target);
    }
    figures.extend([
        load.hours,
        load.hours_target,
        load.hours - load.hours_target,
    ]);
    figures
}

#[derive(Serialize)]
struct Summary<'a> {
    roster: &'a str,
    name: &'a str,
    first: String,
    last: String,
    status: String,
    objective: f64,
    terms: BTreeMap<&'static str, f64>,
    solver_objective: f64,
    best_bound: f64,
    gap: f64,
    slots: usize,
    assignments: usize,
    variables: usize,
    constraints: usize,
    violations: Vec<String>,
    people: &'a [PersonLoad],
    #[serde(skip_serializing_if = "Option::is_none")]
    changes: Option<ChangeCounts>,
    timing: Timing,
}

/// The changes of a re-plan from the published roster.
#[derive(Serialize)]
struct ChangeCounts {
    added: usize,
    removed: usize,
    people_affected: usize,
}

#[derive(Serialize)]
struct Timing {
    build_seconds: f64,
    solve_seconds: f64,
}

fn round6(x: f64) -> f64 {
    let r = (x * 1e6).round() / 1e6;
    if r == 0.0 { 0.0 } else { r }
}

/// The bytes of `summary.json`. Everything in it is reproducible from the same input
/// except the `timing` object (seconds spent).
///
/// # Errors
/// [`WriteError::Encode`] naming `path` if encoding fails.
///
/// # Example
/// ```
/// let roster = duty_roster::sample::tiny_roster();
/// let outcome = duty_roster::solve(&roster, &Default::default()).unwrap();
/// let report = duty_roster::validate(&roster, &outcome.assignments);
/// let bytes = duty_roster::output::summary::render_json(&roster, &outcome, &report, "s.json".as_ref()).unwrap();
/// let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
/// assert_eq!(json["status"], "optimal");
/// assert_eq!(json["assignments"], 5);
/// ```
pub fn render_json(
    roster: &Roster,
    outcome: &Outcome,
    report: &Report,
    path: &Path,
) -> Result<Vec<u8>, WriteError> {
    let def = roster.def();
    let summary = Summary {
        roster: &def.id,
        name: &def.name,
        first: def.period.first.to_string(),
        last: def.period.last.to_string(),
        status: match outcome.status {
            crate::Status::Optimal => "optimal".into(),
            crate::Status::TimeLimit => "time_limit".into(),
            crate::Status::Interrupted => "interrupted".into(),
            crate::Status::Given => "given".into(),
        },
        objective: round6(outcome.objective),
        terms: outcome
            .terms
            .iter()
            .map(|(t, v)| (t.key(), round6(*v)))
            .collect(),
        solver_objective: round6(outcome.solver_objective),
        best_bound: round6(outcome.best_bound),
        gap: round6(outcome.gap),
        slots: outcome.slots,
        assignments: outcome.assignments.len(),
        variables: outcome.variables,
        constraints: outcome.constraints,
        violations: report
            .violations
            .iter()
            .map(|v| v.message.clone())
            .collect(),
        people: &report.people,
        changes: report.changes.as_ref().map(|c| ChangeCounts {
            added: c.added.len(),
            removed: c.removed.len(),
            people_affected: c.people_affected(),
        }),
        timing: Timing {
            build_seconds: round6(outcome.build_seconds),
            solve_seconds: round6(outcome.solve_seconds),
        },
    };
    let mut bytes = serde_json::to_vec_pretty(&summary).map_err(|e| WriteError::Encode {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    bytes.push(b'\n');
    Ok(bytes)
}
