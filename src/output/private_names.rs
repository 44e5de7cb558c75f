//! `private-names.csv`: with keyed calendar names (`--private-names`), which
//! per-person calendar file is whose. It is written with the rest of the set, for
//! the user only (mode 0600 on Unix): the keyed names exist so that a published
//! folder does not tell whose file is whose, so this list must not be published.

use std::path::Path;

use super::CsvStyle;
use super::csv_cells::{encode_error, finish, text, writer};
use crate::{Roster, WriteError};

/// The file's name in the output folder.
///
/// # Example
/// ```
/// assert_eq!(duty_roster::output::private_names::FILE_NAME, "private-names.csv");
/// ```
pub const FILE_NAME: &str = "private-names.csv";

/// The columns of `private-names.csv`, in order.
///
/// # Example
/// ```
/// assert_eq!(duty_roster::output::private_names::COLUMNS, ["file", "staff", "staff_name"]);
/// ```
pub const COLUMNS: [&str; 3] = ["file", "staff", "staff_name"];

/// The bytes of `private-names.csv`: one row per `(file, staff id)`, in the order
/// given, with the person's name.
///
/// # Errors
/// [`WriteError::Encode`] naming `path` if encoding fails.
///
/// # Example
/// ```
/// use duty_roster::output::{CsvStyle, private_names};
/// let roster = duty_roster::sample::tiny_roster();
/// let rows = [("calendars/staff/0f3a.ics".to_string(), "A".to_string())];
/// let bytes = private_names::render(&roster, &rows, CsvStyle::default(), "x.csv".as_ref()).unwrap();
/// assert_eq!(
///     String::from_utf8(bytes).unwrap(),
///     "file,staff,staff_name\ncalendars/staff/0f3a.ics,A,Amina\n"
/// );
/// ```
pub fn render(
    roster: &Roster,
    rows: &[(String, String)],
    style: CsvStyle,
    path: &Path,
) -> Result<Vec<u8>, WriteError> {
    let mut w = writer(style);
    let fail = encode_error(path);
    w.write_record(COLUMNS).map_err(&fail)?;
    for (file, staff) in rows {
        let name = roster
            .staff_index(staff)
            .map_or("", |i| roster.staff()[i].name.as_str());
        w.write_record([text(file), text(staff), text(name)])
            .map_err(&fail)?;
    }
    finish(w, path)
}
