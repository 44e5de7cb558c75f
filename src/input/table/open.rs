//! Opening a table: the file read with the input size limit, then its rows, by
//! format (`.xlsx`/`.xlsm` and `.ods` through [`super::workbook`], `.csv` through
//! [`super::delimited`]). The first row that is not blank is the header.

use std::path::{Path, PathBuf};

use super::cell::Cell;
use crate::error::TableError;

/// The most columns a table may use: far more than a staff table has, few enough
/// that a stray cell in column XFD does not cost memory.
pub(crate) const MAX_COLUMNS: u32 = 1_000;

/// A table as read: its header and the rows under it, each with its number as the
/// spreadsheet shows it. Blank rows are left out.
#[derive(Debug)]
pub(crate) struct Table {
    /// The file.
    pub path: PathBuf,
    /// The sheet, for a workbook.
    pub sheet: Option<String>,
    /// The header row's number.
    pub header_row: u32,
    /// The headers, as written, by column.
    pub header: Vec<String>,
    /// The rows: number and cells, by column.
    pub rows: Vec<(u32, Vec<Cell>)>,
}

impl Table {
    /// An error about the whole table (no row, no column).
    pub(crate) fn error(&self, message: impl Into<String>) -> TableError {
        self.at(None, None, message)
    }

    /// An error at `row` and `column` (its header).
    pub(crate) fn at(
        &self,
        row: Option<u32>,
        column: Option<&str>,
        message: impl Into<String>,
    ) -> TableError {
        TableError {
            path: self.path.clone(),
            sheet: self.sheet.clone(),
            row,
            column: column.map(str::to_string),
            message: message.into(),
        }
    }
}

/// Rows by number, each a list of (column, cell), as a reader gives them.
pub(crate) type RawRows = std::collections::BTreeMap<u32, Vec<(u32, Cell)>>;

/// Opens the table at `path` (its sheet `sheet`, or the first one of a workbook),
/// refusing more than `max_rows` rows under the header.
///
/// # Errors
/// A [`TableError`] naming the file (and the sheet): unreadable or too large, not a
/// workbook of its kind, no such sheet (naming those there are), an empty sheet, too
/// many rows or columns, text that is not UTF-8.
pub(crate) fn open(path: &Path, sheet: Option<&str>, max_rows: usize) -> Result<Table, TableError> {
    let plain = |message: String| TableError {
        path: path.to_path_buf(),
        sheet: None,
        row: None,
        column: None,
        message,
    };
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let kind = match extension.as_str() {
        "xlsx" | "xlsm" => Kind::Xlsx,
        "ods" => Kind::Ods,
        "csv" | "txt" => Kind::Csv,
        _ => {
            return Err(plain(format!(
                "cannot tell the table's format from its name: name it .xlsx, .ods or .csv{}",
                if extension.is_empty() {
                    String::new()
                } else {
                    format!(" (not .{extension})")
                }
            )));
        }
    };
    let bytes = crate::source::read_input(path).map_err(|e| plain(format!("cannot read: {e}")))?;
    let (sheet_name, rows) = match kind {
        Kind::Csv => {
            if sheet.is_some() {
                return Err(plain(
                    "a CSV file has no sheets: remove `sheet`, or point at a workbook".into(),
                ));
            }
            (
                None,
                super::delimited::rows(&bytes)
                    .map_err(|(row, m)| TableError { row, ..plain(m) })?,
            )
        }
        Kind::Xlsx | Kind::Ods => {
            let (name, rows) = super::workbook::rows(bytes, kind == Kind::Ods, sheet)
                .map_err(|(sheet, m)| TableError { sheet, ..plain(m) })?;
            (Some(name), rows)
        }
    };
    into_table(path, sheet_name, rows, max_rows)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Xlsx,
    Ods,
    Csv,
}

/// The header and rows of `rows`, blank rows left out.
fn into_table(
    path: &Path,
    sheet: Option<String>,
    rows: RawRows,
    max_rows: usize,
) -> Result<Table, TableError> {
    let mut table = Table {
        path: path.to_path_buf(),
        sheet,
        header_row: 0,
        header: Vec::new(),
        rows: Vec::new(),
    };
    let mut rows = rows
        .into_iter()
        .filter(|(_, cells)| cells.iter().any(|(_, c)| !c.is_blank()));
    let Some((header_row, header_cells)) = rows.next() else {
        return Err(table.error(
            "the sheet is empty: its first row must hold the column headers (id, name, ...)",
        ));
    };
    table.header_row = header_row;
    let width = header_cells.iter().map(|(c, _)| c + 1).max().unwrap_or(0);
    table.header = vec![String::new(); width as usize];
    for (column, cell) in header_cells {
        table.header[column as usize] = cell.text().unwrap_or_default();
    }
    for (number, cells) in rows {
        if table.rows.len() == max_rows {
            return Err(table.at(
                Some(number),
                None,
                format!(
                    "more than {max_rows} rows: a table read into a roster has at most {max_rows}"
                ),
            ));
        }
        let width = cells.iter().map(|(c, _)| c + 1).max().unwrap_or(0);
        let mut line = vec![Cell::Empty; width as usize];
        for (column, cell) in cells {
            line[column as usize] = cell;
        }
        table.rows.push((number, line));
    }
    Ok(table)
}

/// The error for a cell past [`MAX_COLUMNS`].
pub(crate) fn too_wide(row: u32) -> String {
    format!(
        "row {row} has a value past column {MAX_COLUMNS}: a table has at most {MAX_COLUMNS} columns"
    )
}
