//! `changes.csv`: the changes of a re-plan from the published roster, one row per
//! person added to or removed from a slot, with why.

use std::path::Path;

use super::CsvStyle;
use super::csv_cells::{encode_error, finish, text, writer};
use crate::changes::Change;
use crate::{Roster, WriteError};

/// The columns of `changes.csv`, in order.
///
/// # Example
/// ```
/// assert_eq!(duty_roster::output::changes_csv::COLUMNS[5], "change");
/// ```
pub const COLUMNS: [&str; 7] = [
    "date",
    "site",
    "duty",
    "staff",
    "staff_name",
    "change",
    "reason",
];

/// The bytes of `changes.csv` for `changes` (in their order).
///
/// # Errors
/// [`WriteError::Encode`] naming `path` if encoding fails.
///
/// # Example
/// ```
/// use duty_roster::changes::{Change, ChangeKind};
/// use duty_roster::output::{CsvStyle, changes_csv};
/// let roster = duty_roster::sample::tiny_roster();
/// let a = duty_roster::Assignment::new("2022-08-01".parse().unwrap(), "evening", "hq", "A");
/// let rows = [Change::new(a, ChangeKind::Removed, "unavailable")];
/// let bytes = changes_csv::render(&roster, &rows, CsvStyle::default(), "changes.csv".as_ref()).unwrap();
/// assert_eq!(
///     String::from_utf8(bytes).unwrap(),
///     "date,site,duty,staff,staff_name,change,reason\n2022-08-01,hq,evening,A,Amina,removed,unavailable\n"
/// );
/// ```
pub fn render(
    roster: &Roster,
    changes: &[Change],
    style: CsvStyle,
    path: &Path,
) -> Result<Vec<u8>, WriteError> {
    let mut w = writer(style);
    let fail = encode_error(path);
    w.write_record(COLUMNS).map_err(&fail)?;
    for c in changes {
        let a = &c.assignment;
        let name = roster
            .staff_index(&a.staff)
            .map_or("", |p| roster.staff()[p].name.as_str());
        w.write_record([
            a.date.to_string(),
            text(&a.site),
            text(&a.duty),
            text(&a.staff),
            text(name),
            c.kind.key().to_string(),
            text(&c.reason),
        ])
        .map_err(&fail)?;
    }
    finish(w, path)
}
