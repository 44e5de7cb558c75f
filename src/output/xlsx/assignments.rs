//! The assignments sheet of `roster.xlsx`: the rows of `roster.csv`, in its order and
//! under its column names (and its `breaks` column for a relaxed roster), as an
//! Excel table with filters. Dates are Excel dates shown as `yyyy-mm-dd`; every
//! other cell is text as in `roster.csv`, written as a string cell, so a name can
//! never run as a formula.

use rust_xlsxwriter::{Table, TableColumn, TableStyle, Worksheet, XlsxError};

use super::style;
use super::{Book, HEAD_ROWS, excel_date, is_rtl_text, set_table_pages};
use crate::output::roster_csv::{COLUMNS, breaks_of, in_print_order};

/// The table's name, as formulas and Power Query refer to it.
const TABLE_NAME: &str = "Assignments";

/// Writes the assignments sheet into `sheet`.
pub(super) fn write(book: &Book, sheet: &mut Worksheet) -> Result<(), XlsxError> {
    let roster = book.roster;
    let language = roster.language();
    book.head(sheet, book.labels.workbook.assignments)?;
    let mut columns: Vec<&str> = COLUMNS.to_vec();
    if book.relaxed {
        columns.push("breaks");
    }
    let mut widths: Vec<usize> = columns.iter().map(|c| c.len() + 4).collect();
    let date = style::date();
    let mut row = HEAD_ROWS;
    for (slot, a) in in_print_order(roster, &book.outcome.assignments) {
        row += 1;
        let site = &roster.sites()[slot.site];
        let duty = &roster.duties()[slot.duty];
        let person = &roster.staff()[roster
            .staff_index(&a.staff)
            .expect("in_print_order keeps known staff")];
        sheet.write_datetime_with_format(row, 0, excel_date(slot.date)?, &date)?;
        let mut cells = vec![
            language.weekday_name(slot.date).to_string(),
            slot.start_local.format("%H:%M").to_string(),
            slot.end_local.format("%H:%M").to_string(),
            site.id.clone(),
            site.name.clone(),
            duty.id.clone(),
            duty.name.clone(),
            person.id.clone(),
            person.name.clone(),
        ];
        if book.relaxed {
            cells.push(breaks_of(&book.report.violations, &person.id));
        }
        for (i, text) in cells.iter().enumerate() {
            let col = 1 + i;
            widths[col] = widths[col].max(text.chars().count() + 2);
            sheet.write_string_with_format(
                row,
                col as u16,
                text,
                &style::text(is_rtl_text(text)),
            )?;
        }
    }
    // A table needs a row under its header, even an empty one.
    let last_row = row.max(HEAD_ROWS + 1);
    let table = Table::new()
        .set_name(TABLE_NAME)
        .set_style(TableStyle::Medium2)
        .set_columns(
            &columns
                .iter()
                .map(|c| TableColumn::new().set_header(*c))
                .collect::<Vec<_>>(),
        );
    sheet.add_table(HEAD_ROWS, 0, last_row, columns.len() as u16 - 1, &table)?;
    for (col, width) in widths.into_iter().enumerate() {
        sheet.set_column_width(col as u16, width.clamp(8, 40) as f64)?;
    }
    sheet.set_column_width(0, 12)?;
    set_table_pages(sheet, 0)
}
