//! `roster.xlsx`: the roster as a workbook to open in Excel or LibreOffice, written
//! with `rust_xlsxwriter`. One file per kind of sheet:
//!
//! - **a sheet per site** (`site_grid.rs`): the month grid, days down and the site's
//!   duty kinds across, the names of the people on each duty in its cell; holidays
//!   and event (open) days shaded and named, weekends marked; the header rows frozen;
//!   set to print on one A4 landscape page;
//! - **the per-person sheet** (`people.rs`): each person's duties and hours against
//!   their fair targets and the deviations, the figures of `summary.csv`;
//! - **the assignments sheet** (`assignments.rs`): the rows of `roster.csv`, with its
//!   columns, as an Excel table with filters.
//!
//! Every sheet starts with the roster's name, its period, revision and status
//! (optimal, feasible with its gap, interrupted, relaxed). Labels come from the
//! roster's language; an Arabic roster's sheets run right to left, and a cell of
//! Arabic names is right-aligned in any roster. The bytes depend only on the roster,
//! the outcome's status and assignments, and the report: the document's creation
//! date is the roster's revision (or its first day), never the clock.

mod assignments;
mod layout;
mod people;
mod site_grid;
mod style;

use std::collections::BTreeSet;
use std::path::Path;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use crate::domain::Words;
use crate::validate::Report;
use crate::{Outcome, Roster, Status, WriteError};

/// The file name `solve` writes the workbook to.
///
/// # Example
/// ```
/// let dir = std::path::Path::new("out");
/// assert_eq!(dir.join(duty_roster::output::xlsx::FILE_NAME), std::path::Path::new("out/roster.xlsx"));
/// ```
pub const FILE_NAME: &str = "roster.xlsx";

/// The rows every sheet starts with (name; period, revision and status; the
/// sheet's own title), before its header row.
const HEAD_ROWS: u32 = 3;

/// A4 in Excel's paper sizes.
const A4: u8 = 9;

/// The bytes of `roster.xlsx` for `outcome` of `roster`, with the per-person figures
/// of `report` (the validator's report of the same assignments). `relaxed` marks a
/// roster that breaks the report's violations on purpose: its status says so and its
/// assignments get the `breaks` column of `roster.csv`. Assignments that name no slot
/// or no person are left out, as in `roster.csv`.
///
/// # Errors
/// [`WriteError::Encode`] naming `roster.xlsx` when the workbook cannot be built.
///
/// # Example
/// ```
/// use duty_roster::{sample, solve, validate};
/// let roster = sample::tiny_roster();
/// let outcome = solve(&roster, &Default::default()).unwrap();
/// let report = validate(&roster, &outcome.assignments);
/// let bytes = duty_roster::output::xlsx::render(&roster, &outcome, &report, false).unwrap();
/// assert!(bytes.starts_with(b"PK")); // a zip archive
/// let again = duty_roster::output::xlsx::render(&roster, &outcome, &report, false).unwrap();
/// assert_eq!(bytes, again);
/// ```
pub fn render(
    roster: &Roster,
    outcome: &Outcome,
    report: &Report,
    relaxed: bool,
) -> Result<Vec<u8>, WriteError> {
    build(roster, outcome, report, relaxed).map_err(|e| WriteError::Encode {
        path: Path::new(FILE_NAME).to_path_buf(),
        message: e.to_string(),
    })
}

/// What every sheet is drawn from.
struct Book<'a> {
    roster: &'a Roster,
    outcome: &'a Outcome,
    report: &'a Report,
    relaxed: bool,
    labels: &'static Words,
}

fn build(
    roster: &Roster,
    outcome: &Outcome,
    report: &Report,
    relaxed: bool,
) -> Result<Vec<u8>, XlsxError> {
    let book = Book {
        roster,
        outcome,
        report,
        relaxed,
        labels: roster.language().words(),
    };
    let mut workbook = Workbook::new();
    workbook.set_properties(&book.properties()?);
    let mut names = SheetNames::default();
    for site in roster.sites_with_slots() {
        let sheet = workbook.add_worksheet();
        sheet.set_name(names.take(&roster.sites()[site].name, &roster.sites()[site].id))?;
        site_grid::write(&book, sheet, site)?;
    }
    let sheet = workbook.add_worksheet();
    sheet.set_name(names.take(book.labels.workbook.people, "people"))?;
    people::write(&book, sheet)?;
    let sheet = workbook.add_worksheet();
    sheet.set_name(names.take(book.labels.workbook.assignments, "assignments"))?;
    assignments::write(&book, sheet)?;
    workbook.save_to_buffer()
}

impl Book<'_> {
    /// Fixed document properties: title, subject, author and a creation date taken
    /// from the roster (its revision, or its first day at midnight).
    fn properties(&self) -> Result<DocProperties, XlsxError> {
        let def = self.roster.def();
        let created = match def.revision {
            Some(at) => ExcelDateTime::from_timestamp(at.timestamp())?,
            None => {
                let first = def.period.first;
                excel_date(first)?.and_hms(0, 0, 0)?
            }
        };
        Ok(DocProperties::new()
            .set_title(def.name.as_str())
            .set_subject(format!("{} — {}", self.labels.page.title, self.period()))
            .set_author("duty-roster")
            .set_keywords(def.id.as_str())
            .set_creation_datetime(&created))
    }

    /// "du 1er août 2022 au 31 août 2022".
    fn period(&self) -> String {
        self.labels.long_span(self.roster.def().period)
    }

    /// How the roster was obtained, in the roster's language.
    fn status(&self) -> String {
        let w = &self.labels.workbook;
        let colon = self.labels.page.colon;
        let gap = || format!("{} %", self.labels.number(self.outcome.gap * 100.0));
        if self.relaxed {
            return format!("{}{colon}{}", w.relaxed, self.report.violations.len());
        }
        match self.outcome.status {
            Status::Optimal => w.optimal.to_string(),
            Status::TimeLimit => format!("{}{colon}{}", w.feasible_gap, gap()),
            Status::Interrupted => format!("{}{colon}{}", w.interrupted, gap()),
            _ => w.given.to_string(),
        }
    }

    /// The line under the roster's name: period, revision and status.
    fn meta_line(&self) -> String {
        let l = self.labels;
        let c = l.page.colon;
        let revision = match self.roster.def().revision {
            Some(at) => {
                let local = at.with_timezone(&self.roster.time_zone());
                format!(
                    "{} {}",
                    l.long_date(local.date_naive()),
                    local.format("%H:%M")
                )
            }
            None => l.page.no_revision.to_string(),
        };
        format!(
            "{}{c}{} · {}{c}{revision} · {}{c}{}",
            l.page.period,
            self.period(),
            l.page.revision,
            l.workbook.status,
            self.status()
        )
    }

    /// The first rows of a sheet (name, meta line, `title`) and its direction; the
    /// sheet's header row comes next, at row [`HEAD_ROWS`].
    fn head(&self, sheet: &mut Worksheet, title: &str) -> Result<(), XlsxError> {
        let rtl = self.labels.rtl;
        sheet.set_right_to_left(rtl);
        // read right to left on an Arabic sheet, so that a long line starting in
        // Latin script runs into the sheet from its first column, not off the page
        let head = |format: Format| {
            if rtl {
                format.set_reading_direction(2)
            } else {
                format
            }
        };
        let name = &self.roster.def().name;
        sheet.write_string_with_format(0, 0, name, &head(style::name()))?;
        sheet.write_string_with_format(1, 0, self.meta_line(), &head(style::meta()))?;
        sheet.write_string_with_format(2, 0, title, &head(style::title()))?;
        Ok(())
    }
}

/// A table sheet's header row frozen with its first `frozen_columns` columns, and
/// its pages: A4 landscape, one page wide, the header row repeated on each page.
fn set_table_pages(sheet: &mut Worksheet, frozen_columns: u16) -> Result<(), XlsxError> {
    sheet.set_freeze_panes(HEAD_ROWS + 1, frozen_columns)?;
    sheet
        .set_paper_size(A4)
        .set_landscape()
        .set_print_fit_to_pages(1, 0)
        .set_repeat_rows(HEAD_ROWS, HEAD_ROWS)?;
    Ok(())
}

/// `date` as an Excel date.
fn excel_date(date: chrono::NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    use chrono::Datelike;
    let year =
        u16::try_from(date.year()).map_err(|_| XlsxError::DateTimeRangeError(date.to_string()))?;
    ExcelDateTime::from_ymd(year, date.month() as u8, date.day() as u8)
}

/// The sheet names given so far, to keep them valid and distinct.
#[derive(Default)]
struct SheetNames {
    /// Taken names, lowercased (Excel compares them without case).
    used: BTreeSet<String>,
}

impl SheetNames {
    /// A valid sheet name for `wanted`, or for `fallback` when `wanted` has nothing
    /// left once cleaned; `" (2)"`, `" (3)"`... added when taken.
    fn take(&mut self, wanted: &str, fallback: &str) -> String {
        let mut base = clean_sheet_name(wanted);
        if base.is_empty() {
            base = clean_sheet_name(fallback);
        }
        if base.is_empty() {
            base = "sheet".to_string();
        }
        let mut name = base.clone();
        let mut n = 2;
        while self.used.contains(&name.to_lowercase()) {
            let suffix = format!(" ({n})");
            let keep = 31 - suffix.chars().count();
            name = format!("{}{suffix}", base.chars().take(keep).collect::<String>());
            n += 1;
        }
        self.used.insert(name.to_lowercase());
        name
    }
}

/// `name` as Excel takes it for a sheet: cut at the first of `[ ] : * ? / \` (a
/// bilingual "Siège / المقر" keeps its first language), or without them when
/// nothing is before it; no control characters, no `'` at either end, at most 31
/// characters.
fn clean_sheet_name(name: &str) -> String {
    let forbidden =
        |c: char| matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') || c.is_control();
    let before: String = name.chars().take_while(|&c| !forbidden(c)).collect();
    let kept: String = if before.trim().is_empty() {
        name.chars().filter(|&c| !forbidden(c)).collect()
    } else {
        before
    };
    let kept = kept.trim().trim_matches('\'').trim();
    kept.chars()
        .take(31)
        .collect::<String>()
        .trim_end()
        .to_string()
}

/// Whether `text` reads right to left: its first letter is Arabic or Hebrew script.
fn is_rtl_text(text: &str) -> bool {
    text.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(|c| matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_cleaned_shortened_and_distinct() {
        let mut names = SheetNames::default();
        assert_eq!(
            names.take("Annexe — Azilal / الملحقة — أزيلال", "az"),
            "Annexe — Azilal"
        );
        assert_eq!(names.take("annexe — azilal", "az"), "annexe — azilal (2)");
        assert_eq!(names.take("[nord]", "n"), "nord");
        assert_eq!(names.take("//", "bm"), "bm");
        let long = "A very long site name that Excel would refuse";
        let first = names.take(long, "x");
        assert_eq!(first.chars().count(), 31);
        let second = names.take(long, "x");
        assert_eq!(second.chars().count(), 31);
        assert!(second.ends_with(" (2)"));
        assert_eq!(names.take("'quoted'", "q"), "quoted");
    }

    #[test]
    fn arabic_text_reads_right_to_left() {
        assert!(is_rtl_text("سلمى"));
        assert!(is_rtl_text("(سلمى) Salma"));
        assert!(!is_rtl_text("Salma سلمى"));
        assert!(!is_rtl_text("12"));
    }
}
