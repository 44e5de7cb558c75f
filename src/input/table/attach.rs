//! The tables of a roster file: `staff_from` and `leave_from` of `[roster]` read
//! (paths relative to the roster file), their people added after the `[[staff]]`
//! entries, their leave and the top-level `[[preference]]` tables attached to the
//! people by id; and an error `Roster::new` finds in what came from a table located
//! at its row and column.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::leave::LeaveRows;
use super::staff::StaffRows;
use crate::error::TableError;
use crate::input::raw::{Loose, RawRoster};
use crate::input::spans::Spans;
use crate::{Preference, RosterDef, ValidationError};

/// Why the tables could not be attached: an error in the roster file (located by
/// its field path), or in a table.
#[derive(Debug)]
pub(crate) enum Failure {
    /// A value of the roster file.
    Toml(ValidationError),
    /// A table's file or cell.
    Table(TableError),
}

/// Where what the tables gave came from, to locate a later error.
#[derive(Debug, Default)]
pub(crate) struct Origins {
    /// The number of `[[staff]]` entries: people from this index on are the table's.
    toml_staff: usize,
    staff: Option<StaffRows>,
    leave_table: Option<LeaveRows>,
    /// (person, absence index) to the row of the leave table in `leave_table.leave`.
    leave: HashMap<(usize, usize), usize>,
    /// (person, preference index) to the index of its top-level `[[preference]]`.
    preferences: HashMap<(usize, usize), usize>,
}

/// Reads `roster`'s tables and adds their people, then every leave row and
/// top-level preference (`preferences`, in file order, with the person's id) to the
/// person of that id. Leave that lies wholly outside the period is left out, so
/// that a year's leave may be given as is. `toml_lines[i]` is the line of the `i`th
/// `[[staff]]` entry, for the error of an id given twice.
///
/// # Errors
/// A bad `staff_from`/`leave_from` value, a table that cannot be opened, or an
/// unknown person in a `[[preference]]` ([`Failure::Toml`]); a table's error at a
/// row, an id both in the table and in a
/// `[[staff]]` entry, a leave row whose id is nobody's ([`Failure::Table`]).
pub(crate) fn attach(
    roster: &RawRoster,
    roster_path: &Path,
    def: &mut RosterDef,
    preferences: Vec<(String, Preference)>,
    toml_lines: &[usize],
    spans: &mut Spans,
) -> Result<Origins, Failure> {
    let mut origins = Origins {
        toml_staff: def.staff.len(),
        ..Origins::default()
    };
    let folder = roster_path.parent().unwrap_or(Path::new(""));
    if let Some(value) = &roster.staff_from {
        let (path, sheet) = source(spans, "roster.staff_from", value, folder)?;
        let mut rows = super::staff_rows(&path, sheet.as_deref())
            .map_err(|e| unopened("roster.staff_from", e))?;
        let toml: HashMap<&str, usize> = def
            .staff
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        for (person, row) in rows.staff.iter().zip(&rows.rows) {
            if let Some(&i) = toml.get(person.id.as_str()) {
                let line = toml_lines
                    .get(i)
                    .map_or(String::new(), |l| format!(", line {l}"));
                return Err(Failure::Table(rows.table.at(
                    Some(*row),
                    Some(&rows.columns.header("id")),
                    format!(
                        "staff id `{}` is also given by a [[staff]] entry of {}{line}: give each person once",
                        person.id,
                        roster_path.display()
                    ),
                )));
            }
        }
        def.staff.append(&mut rows.staff);
        origins.staff = Some(rows);
    }
    let index: HashMap<String, usize> = def
        .staff
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.clone(), i))
        .collect();
    if let Some(value) = &roster.leave_from {
        let (path, sheet) = source(spans, "roster.leave_from", value, folder)?;
        let rows = super::leave_rows(&path, sheet.as_deref())
            .map_err(|e| unopened("roster.leave_from", e))?;
        for (k, leave) in rows.leave.iter().enumerate() {
            let Some(&i) = index.get(&leave.id) else {
                return Err(Failure::Table(rows.table.at(
                    Some(leave.row),
                    Some(&rows.columns.header("id")),
                    format!(
                        "unknown staff id `{}`: nobody of the roster{} has it",
                        leave.id,
                        if origins.staff.is_some() {
                            " (staff table and [[staff]] entries)"
                        } else {
                            ""
                        }
                    ),
                )));
            };
            let dates = &leave.absence.dates;
            if dates.last < def.period.first || dates.first > def.period.last {
                continue;
            }
            let person = &mut def.staff[i];
            origins.leave.insert((i, person.unavailable.len()), k);
            person.unavailable.push(leave.absence.clone());
        }
        origins.leave_table = Some(rows);
    }
    for (k, (id, preference)) in preferences.into_iter().enumerate() {
        let Some(&i) = index.get(&id) else {
            return Err(Failure::Toml(ValidationError::new(
                format!("preference[{k}].staff"),
                format!("unknown staff `{id}`"),
            )));
        };
        let person = &mut def.staff[i];
        origins.preferences.insert((i, person.preferences.len()), k);
        person.preferences.push(preference);
    }
    Ok(origins)
}

/// A table's error: one about the table as a whole (it cannot be read, is not of
/// its kind, has no such sheet, is empty) is the roster file's, at the key that
/// names the table; one at a row is the table's.
fn unopened(field: &str, error: TableError) -> Failure {
    if error.row.is_none() {
        Failure::Toml(ValidationError::new(field, error.to_string()))
    } else {
        Failure::Table(error)
    }
}

/// The file and sheet of `staff_from` or `leave_from`: `"staff.xlsx"` or
/// `{ path = "staff.xlsx", sheet = "Personnel" }`, relative to `folder`.
fn source(
    spans: &mut Spans,
    field: &str,
    value: &Loose,
    folder: &Path,
) -> Result<(PathBuf, Option<String>), Failure> {
    let value = spans.take(field, value);
    let wrong = |message: String| Failure::Toml(ValidationError::new(field, message));
    let shape =
        "expected a file name (\"staff.xlsx\") or { path = \"staff.xlsx\", sheet = \"Personnel\" }";
    let (path, sheet) = match value {
        toml::Value::String(path) => (path.clone(), None),
        toml::Value::Table(table) => {
            let mut path = None;
            let mut sheet = None;
            for (key, v) in table {
                match (key.as_str(), v) {
                    ("path", toml::Value::String(p)) => path = Some(p.clone()),
                    ("sheet", toml::Value::String(s)) => sheet = Some(s.clone()),
                    ("path" | "sheet", _) => {
                        return Err(wrong(format!("`{key}` must be a string; {shape}")));
                    }
                    _ => return Err(wrong(format!("unknown key `{key}` (valid: path, sheet)"))),
                }
            }
            (
                path.ok_or_else(|| wrong(format!("no `path`; {shape}")))?,
                sheet,
            )
        }
        _ => return Err(wrong(shape.to_string())),
    };
    if path.trim().is_empty() {
        return Err(wrong(format!("empty file name; {shape}")));
    }
    Ok((folder.join(path), sheet))
}

impl Origins {
    /// `error` located at the table cell it is about, when it is about a person,
    /// a leave row or a preference that came from a table or a `[[preference]]`;
    /// otherwise handed back (a `[[preference]]`'s error renamed to its path).
    pub(crate) fn locate(&self, error: ValidationError) -> Result<TableError, ValidationError> {
        let Some((i, rest)) = indexed(&error.field, "staff[") else {
            return Err(error);
        };
        if let Some((j, tail)) = indexed(rest, ".preferences[")
            && let Some(k) = self.preferences.get(&(i, j))
        {
            return Err(ValidationError::new(
                format!("preference[{k}]{tail}"),
                error.message,
            ));
        }
        if let Some((j, _)) = indexed(rest, ".unavailable[")
            && let (Some(k), Some(rows)) = (self.leave.get(&(i, j)), &self.leave_table)
        {
            let row = rows.leave[*k].row;
            return Ok(rows
                .table
                .at(Some(row), Some(&rows.dates_header()), error.message));
        }
        let Some(rows) = self.staff.as_ref().filter(|_| i >= self.toml_staff) else {
            return Err(error);
        };
        let row = rows.rows.get(i - self.toml_staff).copied();
        let key = rest.trim_start_matches('.');
        let key = key.split(['.', '[']).next().unwrap_or_default();
        let column = if key == "max_per_duty" {
            self.max_column(rows, rest, &error.message)
        } else if rows.columns.named.contains_key(key) {
            Some(rows.columns.header(key))
        } else {
            None
        };
        Ok(rows.table.at(row, column.as_deref(), error.message))
    }

    /// The `max_<duty>` column an error is about: the duty named by the field
    /// (`max_per_duty.saturday`) or, failing that, by the message.
    fn max_column(&self, rows: &StaffRows, rest: &str, message: &str) -> Option<String> {
        let columns: &BTreeMap<String, (usize, String)> = &rows.columns.max_per_duty;
        if let Some(duty) = rest.strip_prefix(".max_per_duty.") {
            return columns.get(duty).map(|(_, h)| h.clone());
        }
        columns
            .iter()
            .find(|(duty, _)| message.contains(&format!("`{duty}`")))
            .map(|(_, (_, h))| h.clone())
    }
}

/// `.unavailable[2].to` with prefix `.unavailable[` → (2, `.to`); `staff[3].home`
/// with prefix `staff[` → (3, `.home`).
fn indexed<'a>(rest: &'a str, prefix: &str) -> Option<(usize, &'a str)> {
    let rest = rest.strip_prefix(prefix)?;
    let end = rest.find(']')?;
    Some((rest[..end].parse().ok()?, &rest[end + 1..]))
}
