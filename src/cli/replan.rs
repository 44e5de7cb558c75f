//! `solve --baseline`: a re-plan of a published roster, read from its `roster.csv`
//! (and, beside it, its `summary.json` and `calendars/state.json`).

use std::path::Path;

use duty_roster::input::{RowStatus, read_baseline};
use duty_roster::output::ics::{CALENDARS_DIR, CalendarState, STATE_FILE};
use duty_roster::{Error, Replan, Roster};

use super::SolveArgs;
use super::exit::{Failure, OTHER, USAGE};

/// A roster ready to re-plan a published one.
pub struct Prepared {
    /// The roster with its re-plan.
    pub roster: Roster,
    /// What the published calendars said, when they kept a state.
    pub previous_calendars: Option<CalendarState>,
    /// What to tell about the baseline (rows not carried).
    pub said: String,
}

/// Reads the published roster at `path` and makes `roster` re-plan it, with the
/// freeze and the bound per person of `args`.
pub fn prepare(roster: Roster, args: &SolveArgs, path: &Path) -> Result<Prepared, Failure> {
    prepare_with(roster, path, args.freeze_until, args.max_changes_per_person)
}

/// Reads the published roster at `path` and makes `roster` re-plan it.
pub fn prepare_with(
    roster: Roster,
    path: &Path,
    freeze_until: Option<chrono::NaiveDate>,
    max_changes_per_person: Option<u32>,
) -> Result<Prepared, Failure> {
    let dir = path.parent().unwrap_or(Path::new("."));
    refuse_other_roster(&roster, path, dir)?;
    let baseline = read_baseline(path, &roster).map_err(|e| Failure::from(Error::from(e)))?;
    let mut said = String::new();
    for row in baseline.dropped() {
        let a = &row.assignment;
        if let RowStatus::Dropped(reason) = &row.status {
            said.push_str(&format!(
                "{}:{}: `{}` at `{}` on {} for `{}` not carried: {reason}\n",
                path.display(),
                row.line,
                a.duty,
                a.site,
                a.date,
                a.staff
            ));
        }
    }
    let mut replan = Replan::new(baseline.assignments());
    replan.freeze_until = freeze_until;
    replan.max_changes_per_person = max_changes_per_person;
    let mut def = roster.def().clone();
    def.replan = Some(replan);
    let roster = Roster::new(def).map_err(|e| {
        if e.field == "replan.freeze_until" {
            Failure::new(USAGE, format!("--freeze-until: {}", e.message))
        } else if e.field.starts_with("replan.published") {
            Failure::new(USAGE, format!("{}: {}", path.display(), e.message))
        } else {
            Failure::from(Error::from(e))
        }
    })?;
    let state = dir.join(CALENDARS_DIR).join(STATE_FILE);
    let previous_calendars =
        CalendarState::read(&state).map_err(|e| Failure::new(OTHER, e.to_string()))?;
    Ok(Prepared {
        roster,
        previous_calendars,
        said,
    })
}

/// Refuses a baseline whose `summary.json` (beside it, when there) names another
/// roster.
fn refuse_other_roster(roster: &Roster, path: &Path, dir: &Path) -> Result<(), Failure> {
    let Ok(bytes) = std::fs::read(dir.join("summary.json")) else {
        return Ok(());
    };
    let published = serde_json::from_slice::<serde_json::Value>(&bytes)
        .ok()
        .and_then(|v| v["roster"].as_str().map(str::to_string));
    match published {
        Some(id) if id != roster.def().id => Err(Failure::new(
            USAGE,
            format!(
                "{}: the published roster is `{id}` (its summary.json), not `{}`: re-plan a roster from its own published files",
                path.display(),
                roster.def().id
            ),
        )),
        _ => Ok(()),
    }
}
