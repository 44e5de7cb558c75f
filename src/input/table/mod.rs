//! Staff and leave read from spreadsheets: `staff_from` and `leave_from` of a
//! roster file's `[roster]` table, or a table read on its own.
//!
//! A table is an `.xlsx` or `.ods` workbook (read with `calamine`; a sheet may be
//! named, else the first is read) or a `.csv` file (plain `,`, or `;` as French
//! Excel writes it, with or without a byte order mark). Its first row that is not
//! blank holds the headers, matched in French or English, in any order, whatever
//! their case and accents; each row under it is a person (staff) or an absence
//! (leave). One file per job: [`open`] (the file into rows, by format, with
//! [`workbook`] and [`delimited`]), [`headers`] and [`columns`] (the header row),
//! [`cell`] (a cell as text, number, date or list), [`staff`] and [`leave`] (the
//! rows), [`attach`] (into a roster, and the errors `Roster::new` finds in a table
//! person located at their cell).
//!
//! Every error names the file, the sheet of a workbook, the row as the spreadsheet
//! numbers it and the column by its header ([`TableError`]).
//!
//! ```
//! # let dir = tempfile::tempdir().unwrap();
//! let path = dir.path().join("staff.csv");
//! std::fs::write(&path, "\u{feff}Matricule;Nom;Rattachement;Langues;Quotité\nBM-07;Latifa Chraïbi;bm;ar, fr;0,5\n").unwrap();
//! let staff = duty_roster::input::read_staff_table(&path, None).unwrap();
//! assert_eq!(staff[0].skills, ["ar", "fr"]);
//! assert_eq!(staff[0].share, 0.5);
//! ```

mod attach;
mod cell;
mod columns;
mod delimited;
mod headers;
mod leave;
mod open;
mod staff;
mod workbook;

#[cfg(test)]
mod tests;

use std::path::Path;

pub(crate) use attach::{Failure, attach};
pub use leave::LeaveRow;

use crate::Staff;
use crate::domain::ranges::{MAX_LEAVE_ROWS, MAX_STAFF};
use crate::error::TableError;

/// Reads a staff table: one [`Staff`] per row, in the table's order, with the keys
/// a `[[staff]]` entry has (`id`, `name`, `home`, `sites`, `skills`, `share`, every
/// personal limit, `max_<duty>`), so that each maps 1:1 to a `[[staff]]` entry.
/// `sheet` names a workbook's sheet (the first when `None`). The sites and duty ids
/// are not checked here: the roster that takes the people does.
///
/// # Errors
/// A [`TableError`] naming the file, the sheet, the row and the column: the file
/// unreadable, larger than [`MAX_FILE_BYTES`](crate::source::MAX_FILE_BYTES) or not
/// of its kind; no such sheet; an empty sheet; an unknown or repeated column; a
/// missing `id`, `name` or `home` column or value; a value not of its column's kind;
/// an id given twice; more than [`MAX_STAFF`] rows.
///
/// # Example
/// ```
/// use std::path::Path;
/// let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/rosters/aubm-staff.xlsx"));
/// let staff = duty_roster::input::read_staff_table(path, Some("Personnel")).unwrap();
/// assert_eq!((staff.len(), staff[0].id.as_str()), (30, "BM-01"));
/// assert_eq!(staff[1].limits.max_per_duty["saturday"], 2);
///
/// let err = duty_roster::input::read_staff_table(path, Some("Staff")).unwrap_err();
/// assert!(err.to_string().ends_with("no sheet named `Staff` (its sheets: Personnel)"));
/// ```
pub fn read_staff_table(path: &Path, sheet: Option<&str>) -> Result<Vec<Staff>, TableError> {
    Ok(staff_rows(path, sheet)?.staff)
}

/// Reads a leave table: one [`LeaveRow`] per row (`id`, `from` and `to`, or `date`
/// or an empty `to` for one day, and `reason`), in the table's order. The ids are not
/// checked here: the roster that takes the leave does.
///
/// # Errors
/// As [`read_staff_table`], with `id` and `from` (or `date`) the needed columns; a
/// date that cannot be read; a leave that ends before it starts; more than
/// [`MAX_LEAVE_ROWS`] rows.
///
/// # Example
/// ```
/// use std::path::Path;
/// let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/rosters/aubm-leave.csv"));
/// let leave = duty_roster::input::read_leave_table(path, None).unwrap();
/// assert_eq!((leave[0].id.as_str(), leave[0].row), ("BM-05", 2));
/// ```
pub fn read_leave_table(path: &Path, sheet: Option<&str>) -> Result<Vec<LeaveRow>, TableError> {
    Ok(leave_rows(path, sheet)?.leave)
}

pub(crate) fn staff_rows(path: &Path, sheet: Option<&str>) -> Result<staff::StaffRows, TableError> {
    staff::read(open::open(path, sheet, MAX_STAFF)?)
}

pub(crate) fn leave_rows(path: &Path, sheet: Option<&str>) -> Result<leave::LeaveRows, TableError> {
    leave::read(open::open(path, sheet, MAX_LEAVE_ROWS)?)
}
