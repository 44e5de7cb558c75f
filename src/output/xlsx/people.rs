//! The per-person sheet of `roster.xlsx`: one row per person with the figures of
//! `summary.csv`, in its column order (id, name, home, share, duties, their fair
//! target and deviation, each duty kind and its target, hours, their target and
//! deviation), under headers in the roster's language. Numbers are rounded to three
//! decimals as in `summary.csv`; the header row and the two first columns are
//! frozen.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::{Book, HEAD_ROWS, is_rtl_text, set_table_pages};
use super::{layout, style};
use crate::output::csv_cells::number;
use crate::output::summary;

/// The width of a column of figures, in characters.
const FIGURE_WIDTH: f64 = 13.0;

/// `value` as `summary.csv` writes it: rounded to three decimals.
fn round3(value: f64) -> f64 {
    number(value).parse().unwrap_or(value)
}

/// Writes the per-person sheet into `sheet`.
pub(super) fn write(book: &Book, sheet: &mut Worksheet) -> Result<(), XlsxError> {
    let roster = book.roster;
    let l = book.labels;
    let w = &l.workbook;
    book.head(sheet, l.page.people)?;
    let c = |a: &str, b: &str| format!("{a} — {b}");
    let mut header: Vec<String> = vec![
        w.id.into(),
        w.name.into(),
        w.home.into(),
        l.page.share.into(),
        l.page.duties.into(),
        c(l.page.duties, l.page.target),
        c(l.page.duties, w.deviation),
    ];
    for duty in roster.duties() {
        header.push(duty.name.clone());
        header.push(c(&duty.name, l.page.target));
    }
    header.push(l.page.hours.into());
    header.push(c(l.page.hours, l.page.target));
    header.push(c(l.page.hours, w.deviation));
    let head = style::header();
    for (col, text) in header.iter().enumerate() {
        sheet.write_string_with_format(HEAD_ROWS, col as u16, text, &head)?;
    }
    // figures' columns: wide enough for a number; the header row as tall as the
    // longest duty name wraps to (bold, wrapped at words: a little narrower)
    let lines = header[3..]
        .iter()
        .map(|h| layout::lines(h, FIGURE_WIDTH - 3.0))
        .max()
        .unwrap_or(1);
    sheet.set_row_height(HEAD_ROWS, layout::row_height(lines))?;
    let mut row = HEAD_ROWS + 1;
    let mut name_width = 12;
    for load in &book.report.people {
        let Some(person) = roster.staff_index(&load.staff).map(|i| &roster.staff()[i]) else {
            continue;
        };
        sheet.write_string(row, 0, &person.id)?;
        let name = style::text(is_rtl_text(&person.name));
        sheet.write_string_with_format(row, 1, &person.name, &name)?;
        sheet.write_string(row, 2, &person.home)?;
        name_width = name_width.max(person.name.chars().count() + 2);
        let figures = summary::figures(person.share, load);
        for (i, value) in figures.into_iter().enumerate() {
            sheet.write_number(row, 3 + i as u16, round3(value))?;
        }
        row += 1;
    }
    sheet.set_column_width(0, 10)?;
    sheet.set_column_width(1, name_width.min(40) as f64)?;
    sheet.set_column_width(2, 10)?;
    for col in 3..header.len() as u16 {
        sheet.set_column_width(col, FIGURE_WIDTH)?;
    }
    set_table_pages(sheet, 2)
}
