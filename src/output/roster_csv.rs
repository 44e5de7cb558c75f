//! `roster.csv`: one row per assignment, by date, start time, site, duty and person.

use std::path::Path;

use super::CsvStyle;
use super::csv_cells::{encode_error, finish, text, writer};
use crate::validate::Violation;
use crate::{Assignment, Roster, Slot, WriteError};

/// The columns of `roster.csv`.
///
/// # Example
/// ```
/// assert_eq!(duty_roster::output::roster_csv::COLUMNS[0], "date");
/// ```
pub const COLUMNS: [&str; 10] = [
    "date",
    "weekday",
    "start",
    "end",
    "site",
    "site_name",
    "duty",
    "duty_name",
    "staff",
    "staff_name",
];

/// Assignments with their slots, in print order: date, start time, site, duty, person.
/// Assignments naming no slot or no person are left out.
pub(crate) fn in_print_order<'a>(
    roster: &'a Roster,
    assignments: &'a [Assignment],
) -> Vec<(&'a Slot, &'a Assignment)> {
    let mut rows: Vec<(&Slot, &Assignment, usize)> = assignments
        .iter()
        .filter_map(|a| Some((roster.slot_of(a)?, a, roster.staff_index(&a.staff)?)))
        .collect();
    rows.sort_by_key(|(s, _, p)| (s.date, s.start_local, s.site, s.duty, *p));
    rows.into_iter().map(|(s, a, _)| (s, a)).collect()
}

/// The `breaks` cell of a relaxed roster's row for person `staff`: the keys of the
/// broken rules that concern them, sorted, space-separated.
pub(crate) fn breaks_of(violations: &[Violation], staff: &str) -> String {
    let mut rules: Vec<&str> = violations
        .iter()
        .filter(|v| v.staff.as_deref() == Some(staff))
        .map(|v| v.rule.key())
        .collect();
    rules.sort_unstable();
    rules.dedup();
    rules.join(" ")
}

/// The bytes of `roster.csv`.
///
/// # Errors
/// [`WriteError::Encode`] naming `path` if a row cannot be encoded.
///
/// # Example
/// ```
/// use duty_roster::output::{roster_csv, CsvStyle};
/// let roster = duty_roster::sample::tiny_roster();
/// let a = duty_roster::Assignment::new("2022-08-01".parse().unwrap(), "evening", "hq", "A");
/// let bytes = roster_csv::render(&roster, &[a], CsvStyle::default(), "roster.csv".as_ref()).unwrap();
/// let text = String::from_utf8(bytes).unwrap();
/// assert_eq!(text.lines().nth(1).unwrap(), "2022-08-01,lundi,16:30,18:30,hq,Head office,evening,Evening desk,A,Amina");
/// ```
pub fn render(
    roster: &Roster,
    assignments: &[Assignment],
    style: CsvStyle,
    path: &Path,
) -> Result<Vec<u8>, WriteError> {
    write_rows(roster, assignments, None, style, path)
}

/// The bytes of `roster.csv` for a relaxed roster (one that breaks rules to exist):
/// the usual columns and `breaks`, the keys of the broken rules that concern the
/// row's person (`max_duties`, `min_rest`...).
///
/// # Errors
/// [`WriteError::Encode`] naming `path` if a row cannot be encoded.
///
/// # Example
/// ```
/// use duty_roster::output::{roster_csv, CsvStyle};
/// use duty_roster::{validate::Violation, Rule};
/// let mut def = duty_roster::sample::tiny_roster_def();
/// def.staff[0].limits.max_duties = Some(0);
/// let roster = duty_roster::Roster::new(def).unwrap();
/// let a = duty_roster::Assignment::new("2022-08-01".parse().unwrap(), "evening", "hq", "A");
/// let report = duty_roster::validate(&roster, std::slice::from_ref(&a));
/// let broken: Vec<Violation> =
///     report.violations.into_iter().filter(|v| v.rule == Rule::MaxDuties).collect();
/// let bytes = roster_csv::render_relaxed(&roster, &[a], &broken, CsvStyle::default(), "roster.csv".as_ref()).unwrap();
/// let text = String::from_utf8(bytes).unwrap();
/// assert!(text.lines().next().unwrap().ends_with(",breaks"));
/// assert!(text.lines().nth(1).unwrap().ends_with(&format!(",{}", Rule::MaxDuties)));
/// ```
pub fn render_relaxed(
    roster: &Roster,
    assignments: &[Assignment],
    violations: &[Violation],
    style: CsvStyle,
    path: &Path,
) -> Result<Vec<u8>, WriteError> {
    write_rows(roster, assignments, Some(violations), style, path)
}

fn write_rows(
    roster: &Roster,
    assignments: &[Assignment],
    violations: Option<&[Violation]>,
    style: CsvStyle,
    path: &Path,
) -> Result<Vec<u8>, WriteError> {
    let mut w = writer(style);
    let fail = encode_error(path);
    let mut header: Vec<&str> = COLUMNS.to_vec();
    if violations.is_some() {
        header.push("breaks");
    }
    w.write_record(&header).map_err(&fail)?;
    let language = roster.language();
    for (slot, a) in in_print_order(roster, assignments) {
        let site = &roster.sites()[slot.site];
        let duty = &roster.duties()[slot.duty];
        let person = &roster.staff()[roster.staff_index(&a.staff).expect("filtered")];
        let mut row = vec![
            slot.date.to_string(),
            language.weekday_name(slot.date).to_string(),
            slot.start_local.format("%H:%M").to_string(),
            slot.end_local.format("%H:%M").to_string(),
            text(&site.id),
            text(&site.name),
            text(&duty.id),
            text(&duty.name),
            text(&person.id),
            text(&person.name),
        ];
        if let Some(violations) = violations {
            row.push(breaks_of(violations, &person.id));
        }
        w.write_record(&row).map_err(&fail)?;
    }
    finish(w, path)
}
