//! Leave rows: one absence per row, attached to a person by id (`id`, `from`, `to`,
//! `reason`; `date`, or an empty `to`, for one day).

use super::columns::Columns;
use super::headers::LEAVE;
use super::open::Table;
use crate::error::TableError;
use crate::{Absence, DateRange};

/// One row of a leave table.
///
/// # Example
/// ```
/// # let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("leave.csv");
/// std::fs::write(&path, "Matricule;Du;Au;Motif\nBM-05;15/08/2022;31/08/2022;congé\n").unwrap();
/// let rows = duty_roster::input::read_leave_table(&path, None).unwrap();
/// assert_eq!((rows[0].id.as_str(), rows[0].row), ("BM-05", 2));
/// assert_eq!(rows[0].absence.dates.last.to_string(), "2022-08-31");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LeaveRow {
    /// The person's id.
    pub id: String,
    /// The dates, and the reason (personal: no output gives it).
    pub absence: Absence,
    /// The row, as the spreadsheet numbers it.
    pub row: u32,
}

/// The leave of a table, with what an error about a row needs.
#[derive(Debug)]
pub(crate) struct LeaveRows {
    /// The table (its rows are no longer needed).
    pub table: Table,
    /// Which column holds what.
    pub columns: Columns,
    /// The rows.
    pub leave: Vec<LeaveRow>,
}

impl LeaveRows {
    /// The header of the column that gives a row's dates: `date` or `from`.
    pub(crate) fn dates_header(&self) -> String {
        self.columns.header(dates_key(&self.columns))
    }
}

/// The key of the column that gives a row's first day: `from` when the table has
/// one, else `date`.
fn dates_key(columns: &Columns) -> &'static str {
    if columns.named.contains_key("from") {
        "from"
    } else {
        "date"
    }
}

/// Reads the rows of `table`.
///
/// # Errors
/// The header's errors, a table with neither `from` nor `date`, and at its row and
/// column: an empty id, a date that cannot be read, no date, `date` beside `from`,
/// `to` without `from`, a leave that ends before it starts.
pub(crate) fn read(mut table: Table) -> Result<LeaveRows, TableError> {
    let columns = Columns::read(&table, LEAVE, false, &["id"])?;
    if !columns.named.contains_key("from") && !columns.named.contains_key("date") {
        return Err(table.at(
            Some(table.header_row),
            None,
            "no `from` nor `date` column: add `from` and `to` (or du and au), or `date` for single days",
        ));
    }
    let rows = std::mem::take(&mut table.rows);
    let mut leave = Vec::with_capacity(rows.len());
    for (number, cells) in &rows {
        let at = |key: &str, message: String| {
            table.at(Some(*number), Some(&columns.header(key)), message)
        };
        let cell = |key: &str| columns.cell(cells, key);
        let date = |key: &str| -> Result<Option<chrono::NaiveDate>, TableError> {
            let c = cell(key);
            if c.is_blank() {
                return Ok(None);
            }
            c.date().map(Some).map_err(|m| at(key, m))
        };
        let id = cell("id").text().map_err(|m| at("id", m))?;
        if id.is_empty() {
            return Err(at("id", "empty id: whose leave is it?".into()));
        }
        let dates = match (date("date")?, date("from")?, date("to")?) {
            (Some(_), Some(_), _) | (Some(_), _, Some(_)) => {
                return Err(at(
                    "date",
                    "give either `date` or `from` and `to`, not both".into(),
                ));
            }
            (Some(d), None, None) | (None, Some(d), None) => DateRange::single(d),
            (None, Some(first), Some(last)) if last < first => {
                return Err(at(
                    "to",
                    format!("the leave ends on {last}, before it starts on {first}"),
                ));
            }
            (None, Some(first), Some(last)) => DateRange::new(first, last),
            (None, None, Some(_)) => {
                return Err(at(
                    "to",
                    "`to` needs a `from` (or give a single `date`)".into(),
                ));
            }
            (None, None, None) => {
                return Err(at(
                    dates_key(&columns),
                    "no date: give the first day of the leave".into(),
                ));
            }
        };
        let mut absence = Absence::new(dates);
        absence.reason = cell("reason").text().map_err(|m| at("reason", m))?;
        leave.push(LeaveRow {
            id,
            absence,
            row: *number,
        });
    }
    Ok(LeaveRows {
        table,
        columns,
        leave,
    })
}
