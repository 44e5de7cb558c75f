//! Workbooks: `.xlsx` (read cell by cell, so that a stray cell far away costs
//! nothing) and `.ods`, through `calamine`.

use std::io::Cursor;

use calamine::{Data, Ods, Reader, Xlsx};

use super::cell::Cell;
use super::open::{MAX_COLUMNS, RawRows, too_wide};

/// An error, with the sheet when one was chosen.
type Failure = (Option<String>, String);

/// The name of the sheet read (`sheet`, or the first) and its rows.
///
/// # Errors
/// Not a workbook of its kind, no such sheet (naming those there are), a cell past
/// [`MAX_COLUMNS`].
pub(crate) fn rows(
    bytes: Vec<u8>,
    ods: bool,
    sheet: Option<&str>,
) -> Result<(String, RawRows), Failure> {
    let kind = if ods { ".ods" } else { ".xlsx" };
    let unreadable = |e: &dyn std::fmt::Display| {
        (
            None,
            format!(
                "not a readable {kind} workbook ({e}): save it again from the spreadsheet, or export the sheet as CSV"
            ),
        )
    };
    if ods {
        let mut book: Ods<_> = Ods::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
        let name = choose(&book.sheet_names(), sheet)?;
        let range = book
            .worksheet_range(&name)
            .map_err(|e| (Some(name.clone()), format!("cannot read the sheet: {e}")))?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut rows = RawRows::new();
        for (r, c, value) in range.used_cells() {
            let (row, column) = (top + r as u32, left + c as u32);
            push(&mut rows, row, column, data(value)).map_err(|m| (Some(name.clone()), m))?;
        }
        Ok((name, rows))
    } else {
        let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
        let name = choose(&book.sheet_names(), sheet)?;
        let failed =
            |e: calamine::XlsxError| (Some(name.clone()), format!("cannot read the sheet: {e}"));
        let mut reader = book.worksheet_cells_reader(&name).map_err(failed)?;
        let mut rows = RawRows::new();
        while let Some(cell) = reader.next_cell().map_err(failed)? {
            let (row, column) = cell.get_position();
            let value = data(&Data::from(cell.get_value().clone()));
            if !value.is_blank() {
                push(&mut rows, row, column, value).map_err(|m| (Some(name.clone()), m))?;
            }
        }
        drop(reader);
        Ok((name, rows))
    }
}

/// Adds a cell (0-based row and column) under its spreadsheet row number.
fn push(rows: &mut RawRows, row: u32, column: u32, value: Cell) -> Result<(), String> {
    let number = row.saturating_add(1);
    if column >= MAX_COLUMNS {
        return Err(too_wide(number));
    }
    rows.entry(number).or_default().push((column, value));
    Ok(())
}

/// The sheet to read: `wanted` (its exact name, else the one whose name differs
/// only in case), or the first.
fn choose(names: &[String], wanted: Option<&str>) -> Result<String, Failure> {
    let list = || {
        if names.is_empty() {
            "it has none".to_string()
        } else {
            format!("its sheets: {}", names.join(", "))
        }
    };
    match wanted {
        None => names
            .first()
            .cloned()
            .ok_or_else(|| (None, format!("the workbook has no sheet ({})", list()))),
        Some(w) => names
            .iter()
            .find(|n| n.as_str() == w)
            .or_else(|| names.iter().find(|n| n.to_lowercase() == w.to_lowercase()))
            .cloned()
            .ok_or_else(|| (None, format!("no sheet named `{w}` ({})", list()))),
    }
}

fn data(value: &Data) -> Cell {
    match value {
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(d) => date_time(d),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
        Data::Empty => Cell::Empty,
    }
}

/// A date cell as its date (in the workbook's 1900 or 1904 date system); a
/// duration as its number.
fn date_time(d: &calamine::ExcelDateTime) -> Cell {
    if d.is_datetime() {
        let (y, m, day, ..) = d.to_ymd_hms_milli();
        if let Some(date) =
            chrono::NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(day))
        {
            return Cell::Date(date);
        }
    }
    Cell::Number(d.as_f64())
}
