//! The table readers against the roster file's own keys, and workbook cells of
//! every kind a spreadsheet writes.

use super::headers::{LEAVE, STAFF, key_of};
use crate::Limits;
use crate::input::fields::field_names;
use crate::input::raw::RawStaff;

#[test]
fn every_personal_limit_and_staff_key_has_a_column() {
    let limits = field_names::<Limits>();
    assert!(limits.len() >= 9, "{limits:?}");
    for key in limits.iter().filter(|k| **k != "max_per_duty") {
        assert_eq!(key_of(key, STAFF), Some(*key), "no column for `{key}`");
    }
    for key in field_names::<RawStaff>()
        .iter()
        .filter(|k| !matches!(**k, "unavailable" | "preference"))
    {
        assert_eq!(key_of(key, STAFF), Some(*key), "no column for `{key}`");
    }
}

#[test]
fn no_header_names_two_columns() {
    for names in [STAFF, LEAVE] {
        let mut all: Vec<&str> = names
            .iter()
            .flat_map(|(k, others)| std::iter::once(*k).chain(others.iter().copied()))
            .collect();
        let count = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), count, "a header is given to two keys");
    }
}

#[test]
fn workbook_date_cells_serials_and_numbers_read_as_their_values() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("leave.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (c, h) in ["Matricule", "Du", "Au", "Motif"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_number(1, 0, 1234).unwrap();
    let first = ExcelDateTime::from_ymd(2022, 8, 15).unwrap();
    sheet
        .write_datetime_with_format(1, 1, &first, &date)
        .unwrap();
    // A date typed as its serial number, in a cell not formatted as a date.
    sheet.write_number(1, 2, 44_804).unwrap();
    sheet.write_string(2, 0, "BM-08").unwrap();
    sheet.write_string(2, 1, "2022-08-03").unwrap();
    book.save(&path).unwrap();
    let rows = super::read_leave_table(&path, None).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].id, "1234");
    assert_eq!(rows[0].absence.dates.first.to_string(), "2022-08-15");
    assert_eq!(rows[0].absence.dates.last.to_string(), "2022-08-31");
    assert_eq!(
        (rows[1].row, rows[1].absence.dates.last.to_string().as_str()),
        (3, "2022-08-03")
    );
}
