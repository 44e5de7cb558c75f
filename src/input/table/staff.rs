//! Staff rows: one person per row, with the keys of a `[[staff]]` entry
//! (`docs/roster-format.md`, "Staff and leave from a spreadsheet").

use std::collections::HashMap;

use super::cell::Cell;
use super::columns::Columns;
use super::headers::STAFF;
use super::open::Table;
use crate::error::TableError;
use crate::{Limits, Staff};

/// The people of a staff table, with what an error about one of them needs to
/// point at its cell.
#[derive(Debug)]
pub(crate) struct StaffRows {
    /// The table (its rows are no longer needed).
    pub table: Table,
    /// Which column holds what.
    pub columns: Columns,
    /// The people, in the table's order (moved into the roster once attached).
    pub staff: Vec<Staff>,
    /// The row of each person.
    pub rows: Vec<u32>,
}

/// Reads the people of `table`.
///
/// # Errors
/// The header's errors ([`Columns::read`]), and a cell that is empty where a value
/// is needed (`id`, `name`, `home`) or not of its column's kind, or an id given
/// twice: each at its row and column.
pub(crate) fn read(mut table: Table) -> Result<StaffRows, TableError> {
    let columns = Columns::read(&table, STAFF, true, &["id", "name", "home"])?;
    let rows = std::mem::take(&mut table.rows);
    let mut staff = Vec::with_capacity(rows.len());
    let mut numbers = Vec::with_capacity(rows.len());
    let mut seen: HashMap<String, u32> = HashMap::new();
    for (number, cells) in &rows {
        let at = |key: &str, message: String| {
            table.at(Some(*number), Some(&columns.header(key)), message)
        };
        let text = |key: &str| columns.cell(cells, key).text().map_err(|m| at(key, m));
        let needed = |key: &str| {
            let value = text(key)?;
            if value.is_empty() {
                return Err(at(key, format!("empty {key}: every person needs one")));
            }
            Ok(value)
        };
        let id = needed("id")?;
        if let Some(first) = seen.insert(id.clone(), *number) {
            return Err(at("id", format!("duplicate id `{id}` (also row {first})")));
        }
        let mut person = Staff::new(&id, &needed("name")?, &needed("home")?);
        let list = |key: &str| columns.cell(cells, key).list().map_err(|m| at(key, m));
        person.sites = list("sites")?;
        person.skills = list("skills")?;
        let share = columns.cell(cells, "share");
        if !share.is_blank() {
            person.share = share.number().map_err(|m| at("share", m))?;
        }
        person.limits = limits(&columns, cells, &at)?;
        staff.push(person);
        numbers.push(*number);
    }
    Ok(StaffRows {
        table,
        columns,
        staff,
        rows: numbers,
    })
}

/// The person's limits: each `max_`/`min_` column, and `max_<duty>`.
fn limits(
    columns: &Columns,
    cells: &[Cell],
    at: &dyn Fn(&str, String) -> TableError,
) -> Result<Limits, TableError> {
    let mut limits = Limits::default();
    let whole = |key: &str| -> Result<Option<u32>, TableError> {
        let cell = columns.cell(cells, key);
        if cell.is_blank() {
            return Ok(None);
        }
        cell.whole().map(Some).map_err(|m| at(key, m))
    };
    limits.max_duties = whole("max_duties")?;
    limits.min_duties = whole("min_duties")?;
    limits.max_minutes = whole("max_minutes")?;
    limits.min_minutes = whole("min_minutes")?;
    limits.max_consecutive_days = whole("max_consecutive_days")?;
    limits.min_consecutive_days = whole("min_consecutive_days")?;
    limits.min_consecutive_days_off = whole("min_consecutive_days_off")?;
    limits.max_weekends = whole("max_weekends")?;
    for (duty, (index, header)) in &columns.max_per_duty {
        let cell = cells.get(*index).unwrap_or(&Cell::Empty);
        if cell.is_blank() {
            continue;
        }
        let n = cell.whole().map_err(|m| TableError {
            column: Some(header.clone()),
            ..at("id", m)
        })?;
        limits.max_per_duty.insert(duty.clone(), n);
    }
    Ok(limits)
}
