//! The files of one solved roster, as a set: which formats to render, the files
//! rendered in memory, and their writing into an output folder. This is the output
//! API a tool that links the crate needs; the per-format modules sit behind it.

use std::path::{Path, PathBuf};

use super::ics::{self, CalendarOptions, CalendarState, FileNames, Owner};
use super::{CsvStyle, html, private_names, roster_csv, staging, summary, xlsx};
use super::{changes_csv, notices};
use crate::validate::Report;
use crate::{Outcome, Roster, WriteError};

/// A file format to write beside `summary.json`, which is always written.
///
/// # Example
/// ```
/// use duty_roster::output::{Format, OutputOptions};
/// assert_eq!(OutputOptions::default().formats, Format::ALL);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Format {
    /// `roster.csv` (one row per assignment) and `summary.csv` (one row per person).
    Csv,
    /// `calendars/`: one calendar per person, one per site and one for the roster.
    Ics,
    /// `roster.html`: the page to print.
    Html,
    /// `roster.xlsx`: the workbook (a month grid per site, per person, assignments).
    Xlsx,
}

impl Format {
    /// Every format, in the order the files are rendered.
    ///
    /// # Example
    /// ```
    /// assert_eq!(duty_roster::output::Format::ALL.len(), 4);
    /// ```
    pub const ALL: [Format; 4] = [Format::Csv, Format::Ics, Format::Html, Format::Xlsx];
}

/// What to render: the formats, the CSV style, how calendar files are named, and
/// whether the roster is a relaxed one (its `roster.csv` then gets a `breaks` column
/// from the report's violations).
///
/// # Example
/// ```
/// let mut options = duty_roster::output::OutputOptions::default();
/// options.csv.excel = true;
/// options.formats = vec![duty_roster::output::Format::Csv];
/// assert!(!options.relaxed);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct OutputOptions {
    /// The formats to render besides `summary.json`.
    pub formats: Vec<Format>,
    /// How CSV files are written.
    pub csv: CsvStyle,
    /// How per-person calendar files are named.
    pub calendar_names: FileNames,
    /// The roster breaks the report's violations on purpose (`--relaxed`).
    pub relaxed: bool,
    /// What the published roster's calendars said (its `calendars/state.json`): a
    /// re-plan's calendars keep unchanged events as they were, raise the `SEQUENCE`
    /// of changed ones and cancel removed ones.
    pub previous_calendars: Option<CalendarState>,
}

impl Default for OutputOptions {
    fn default() -> Self {
        OutputOptions {
            formats: Format::ALL.to_vec(),
            csv: CsvStyle::default(),
            calendar_names: FileNames::StaffId,
            relaxed: false,
            previous_calendars: None,
        }
    }
}

/// What a rendered file holds.
///
/// # Example
/// ```
/// use duty_roster::output::FileKind;
/// assert_ne!(FileKind::RosterCsv, FileKind::SummaryJson);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FileKind {
    /// `roster.csv`.
    RosterCsv,
    /// `summary.csv`.
    SummaryCsv,
    /// `summary.json`.
    SummaryJson,
    /// `roster.html`.
    Html,
    /// `roster.xlsx`.
    Xlsx,
    /// A calendar under `calendars/`, and whose it is.
    Calendar(Owner),
    /// `calendars/state.json`: what the calendars published, for the next re-plan.
    CalendarState,
    /// `changes.csv`: a re-plan's changes from the published roster.
    ChangesCsv,
    /// `notices/<staff>.txt`: a re-plan's message to a person it affects, and whose.
    Notice(String),
    /// `private-names.csv`: with keyed calendar names, which file is whose (for the
    /// user only; written with mode 0600 on Unix).
    PrivateNames,
}

/// One rendered file: its path relative to the output folder, what it holds, and its
/// bytes.
///
/// # Example
/// See [`render`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct OutputFile {
    /// Path relative to the output folder, such as `roster.csv` or
    /// `calendars/staff/BM-01.ics`.
    pub path: PathBuf,
    /// What the file holds.
    pub kind: FileKind,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// Renders every file of `outcome` that `options` asks for, in memory: `roster.csv`
/// and `summary.csv`, `summary.json`, `roster.html`, `roster.xlsx`, then the calendars, in that order,
/// and with keyed calendar names `private-names.csv` (which file is whose).
/// The same input gives the same bytes, except `timing` in `summary.json`.
///
/// # Errors
/// [`WriteError::Encode`] when a CSV or JSON file cannot be encoded.
///
/// # Example
/// ```
/// use duty_roster::output::{FileKind, OutputOptions, render};
/// let roster = duty_roster::sample::tiny_roster();
/// let outcome = duty_roster::solve(&roster, &Default::default()).unwrap();
/// let report = duty_roster::validate(&roster, &outcome.assignments);
/// let files = render(&roster, &outcome, &report, &OutputOptions::default()).unwrap();
/// let csv = files.iter().find(|f| f.kind == FileKind::RosterCsv).unwrap();
/// assert_eq!(csv.path, std::path::Path::new("roster.csv"));
/// assert_eq!(String::from_utf8_lossy(&csv.bytes).lines().count(), 1 + 5);
/// ```
pub fn render(
    roster: &Roster,
    outcome: &Outcome,
    report: &Report,
    options: &OutputOptions,
) -> Result<Vec<OutputFile>, WriteError> {
    let wants = |format| options.formats.contains(&format);
    let file = |path: &str, kind, bytes| OutputFile {
        path: PathBuf::from(path),
        kind,
        bytes,
    };
    let mut files = Vec::new();
    if wants(Format::Csv) {
        let path = Path::new("roster.csv");
        let bytes = if options.relaxed {
            roster_csv::render_relaxed(
                roster,
                &outcome.assignments,
                &report.violations,
                options.csv,
                path,
            )?
        } else {
            roster_csv::render(roster, &outcome.assignments, options.csv, path)?
        };
        files.push(file("roster.csv", FileKind::RosterCsv, bytes));
        let path = Path::new("summary.csv");
        let bytes = summary::render_csv(roster, report, options.csv, path)?;
        files.push(file("summary.csv", FileKind::SummaryCsv, bytes));
    }
    if let Some(changes) = &report.changes {
        let explained = crate::changes::explain_changes(roster, changes);
        if wants(Format::Csv) {
            let path = Path::new(CHANGES_FILE);
            let bytes = changes_csv::render(roster, &explained, options.csv, path)?;
            files.push(file(CHANGES_FILE, FileKind::ChangesCsv, bytes));
        }
        for (staff, path, text) in notices::render(roster, &explained) {
            files.push(OutputFile {
                path,
                kind: FileKind::Notice(staff),
                bytes: text.into_bytes(),
            });
        }
    }
    let path = Path::new("summary.json");
    let bytes = summary::render_json(roster, outcome, report, path)?;
    files.push(file("summary.json", FileKind::SummaryJson, bytes));
    if wants(Format::Html) {
        let page = html::render(roster, &outcome.assignments, report);
        files.push(file(html::FILE_NAME, FileKind::Html, page.into_bytes()));
    }
    if wants(Format::Xlsx) {
        let bytes = xlsx::render(roster, outcome, report, options.relaxed)?;
        files.push(file(xlsx::FILE_NAME, FileKind::Xlsx, bytes));
    }
    if wants(Format::Ics) {
        let calendar_options = CalendarOptions {
            file_names: options.calendar_names.clone(),
            previous: options.previous_calendars.clone(),
        };
        let (calendars, state) =
            ics::render_with_state(roster, &outcome.assignments, &calendar_options);
        for calendar in calendars {
            files.push(OutputFile {
                path: calendar.path,
                kind: FileKind::Calendar(calendar.owner),
                bytes: calendar.bytes,
            });
        }
        files.push(OutputFile {
            path: Path::new(ics::CALENDARS_DIR).join(ics::STATE_FILE),
            kind: FileKind::CalendarState,
            bytes: state.to_json(),
        });
        if matches!(options.calendar_names, FileNames::Keyed(_)) {
            let rows: Vec<(String, String)> = files
                .iter()
                .filter_map(|f| match &f.kind {
                    FileKind::Calendar(Owner::Staff(id)) => {
                        Some((f.path.to_string_lossy().replace('\\', "/"), id.clone()))
                    }
                    _ => None,
                })
                .collect();
            let path = Path::new(PRIVATE_NAMES_FILE);
            let bytes = private_names::render(roster, &rows, options.csv, path)?;
            files.push(file(PRIVATE_NAMES_FILE, FileKind::PrivateNames, bytes));
        }
    }
    Ok(files)
}

/// Writes `files` into the folder `out` (made when missing) as one set: they are
/// written into a staging folder beside `out` (same parent), the entries of `out`
/// that no run writes (a user's own files and folders) are carried over, and the
/// staging folder then takes the place of `out` in one step (an atomic exchange on
/// Linux; elsewhere two renames, which the next run completes or undoes when killed
/// between them). Whatever fails or is killed before that step, `out` keeps its
/// old set whole; staging folders left by killed runs are removed by the next one.
/// Files a run writes that this set does not hold (a calendar of someone no longer
/// on the roster, an earlier re-plan's `changes.csv` or notices, `roster.csv` when
/// CSV is no longer asked for) are not carried over; their paths are returned,
/// sorted.
///
/// # Errors
/// [`WriteError::Io`] naming the file or folder that could not be written or
/// carried over; `out` is then as it was.
///
/// # Example
/// ```
/// use duty_roster::output::{OutputOptions, render, write};
/// let roster = duty_roster::sample::tiny_roster();
/// let outcome = duty_roster::solve(&roster, &Default::default()).unwrap();
/// let report = duty_roster::validate(&roster, &outcome.assignments);
/// let files = render(&roster, &outcome, &report, &OutputOptions::default()).unwrap();
/// let out = std::env::temp_dir().join("duty-roster-doc-bundle");
/// let removed = write(&out, &files).unwrap();
/// assert!(removed.is_empty());
/// assert!(out.join("calendars/staff/A.ics").exists());
/// ```
pub fn write(out: &Path, files: &[OutputFile]) -> Result<Vec<PathBuf>, WriteError> {
    staging::write_staged(out, files, true)
}

/// `changes.csv`, written by a re-plan only.
pub(crate) const CHANGES_FILE: &str = "changes.csv";

/// `private-names.csv`, written with keyed calendar names only.
pub(crate) const PRIVATE_NAMES_FILE: &str = private_names::FILE_NAME;
