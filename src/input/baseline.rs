//! Published rosters read back: a `roster.csv` that duty-roster wrote (plain or
//! Excel style, weekday names in any language), resolved against the current roster
//! file into a [`Baseline`] that re-planning, and later tools, start from.
//!
//! `roster.csv` does not carry the roster's id, so a baseline is matched to a roster
//! by its dates: a row dated outside the roster's period refuses the whole file
//! ([`BaselineError::OtherPeriod`]). A row whose slot no longer exists or whose person
//! is no longer on the staff is not an error: it is kept as a dropped row
//! ([`RowStatus::Dropped`]) for the caller to report.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::output::roster_csv::COLUMNS;
use crate::{Assignment, DateRange, Language, Roster};

/// A published roster read back and resolved against the current roster file.
///
/// # Example
/// ```
/// use duty_roster::input::{parse_baseline, RowStatus};
/// let roster = duty_roster::sample::tiny_roster();
/// let text = "date,weekday,start,end,site,site_name,duty,duty_name,staff,staff_name\n\
///             2022-08-01,lundi,16:30,18:30,hq,Head office,evening,Evening desk,A,Amina\n\
///             2022-08-02,Tuesday,16:30,18:30,hq,Head office,evening,Evening desk,Z,Zineb\n";
/// let baseline = parse_baseline(text.as_bytes(), "roster.csv".as_ref(), &roster).unwrap();
/// assert_eq!(baseline.assignments().len(), 1);
/// assert_eq!(baseline.dropped().count(), 1);
/// assert!(matches!(baseline.rows[1].status, RowStatus::Dropped(_)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Baseline {
    /// The file read (named in reports).
    pub path: PathBuf,
    /// Whether the file was written in the Excel style (`;`, byte order mark).
    pub excel: bool,
    /// Every row, in file order.
    pub rows: Vec<BaselineRow>,
}

/// One row of a baseline: where it was, what it says, and whether it still names a
/// slot and a person of the roster.
///
/// # Example
/// See [`Baseline`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct BaselineRow {
    /// 1-based line of the row in the file.
    pub line: u64,
    /// Who did what, by ids, as the row says.
    pub assignment: Assignment,
    /// The `start` and `end` columns as written (local `HH:MM`).
    pub start: String,
    /// See `start`.
    pub end: String,
    /// The `staff_name` column as written.
    pub staff_name: String,
    /// Whether the row resolves in the current roster.
    pub status: RowStatus,
}

/// Whether a baseline row still resolves in the current roster.
///
/// # Example
/// ```
/// use duty_roster::input::{DropReason, RowStatus};
/// assert_ne!(RowStatus::Kept, RowStatus::Dropped(DropReason::UnknownStaff));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RowStatus {
    /// The slot and the person exist: the row is part of the baseline.
    Kept,
    /// The row names something the roster no longer has.
    Dropped(DropReason),
}

/// Why a baseline row was dropped.
///
/// # Example
/// ```
/// use duty_roster::input::DropReason;
/// assert_eq!(DropReason::UnknownStaff.to_string(), "person no longer on the staff");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DropReason {
    /// The person is not on the roster's staff.
    #[error("person no longer on the staff")]
    UnknownStaff,
    /// The duty, the site, or the slot that day no longer exists.
    #[error("slot no longer exists: {0}")]
    NoSlot(String),
}

/// A baseline that cannot be read: each names the file, and the line and field when
/// there is one.
///
/// # Example
/// ```
/// use duty_roster::input::parse_baseline;
/// let roster = duty_roster::sample::tiny_roster();
/// let err = parse_baseline(b"date,who\n", "roster.csv".as_ref(), &roster).unwrap_err();
/// assert!(err.to_string().starts_with("roster.csv:1: header:"));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BaselineError {
    /// The file could not be read.
    #[error("{}: cannot read: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The header is not that of a `roster.csv`.
    #[error("{}:{line}: header: {message}", path.display())]
    Header {
        /// The file.
        path: PathBuf,
        /// The header's line.
        line: u64,
        /// What is wrong and what would be valid.
        message: String,
    },
    /// A cell cannot be read.
    #[error("{}:{line}: column `{field}`: {message}", path.display())]
    Field {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: u64,
        /// The column's name.
        field: &'static str,
        /// What is wrong and what would be valid.
        message: String,
    },
    /// The file is not valid CSV (unbalanced quotes, invalid UTF-8, a short row...).
    #[error("{}:{line}: {message}", path.display())]
    Csv {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: u64,
        /// What the CSV reader said.
        message: String,
    },
    /// A row is dated outside the roster's period: the baseline is another roster's.
    #[error(
        "{}:{line}: column `date`: {date} is outside the period {period} of roster `{roster}`: the baseline is another roster's",
        path.display()
    )]
    OtherPeriod {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: u64,
        /// The row's date.
        date: NaiveDate,
        /// The roster's period.
        period: DateRange,
        /// The roster's id.
        roster: String,
    },
}

impl Baseline {
    /// The assignments of the rows that still resolve, in file order.
    ///
    /// # Example
    /// See [`Baseline`].
    pub fn assignments(&self) -> Vec<Assignment> {
        self.rows
            .iter()
            .filter(|r| r.status == RowStatus::Kept)
            .map(|r| r.assignment.clone())
            .collect()
    }

    /// The rows that no longer resolve, in file order.
    ///
    /// # Example
    /// See [`Baseline`].
    pub fn dropped(&self) -> impl Iterator<Item = &BaselineRow> {
        self.rows.iter().filter(|r| r.status != RowStatus::Kept)
    }
}

/// Reads the published `roster.csv` at `path` against `roster`.
///
/// # Errors
/// [`BaselineError::Io`] when the file cannot be read; the others as
/// [`parse_baseline`].
///
/// # Example
/// ```
/// use std::path::Path;
/// let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
/// let roster = duty_roster::read_roster_file(&dir.join("rosters/aubm-2022-08.toml")).unwrap();
/// let path = dir.join("tests/golden/aubm-2022-08/roster.csv");
/// let baseline = duty_roster::input::read_baseline(&path, &roster).unwrap();
/// assert!(baseline.excel);
/// assert_eq!(baseline.dropped().count(), 0);
/// ```
pub fn read_baseline(path: &Path, roster: &Roster) -> Result<Baseline, BaselineError> {
    let bytes = crate::source::read_input(path).map_err(|source| BaselineError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse_baseline(&bytes, path, roster)
}

/// Reads the bytes of a published `roster.csv` against `roster`; `path` is only
/// used in errors. The style is detected: a leading byte order mark or a `;` in the
/// header is the Excel style, else plain commas. Cells that the writer protected
/// with a leading `'` are read back without it.
///
/// # Errors
/// [`BaselineError::Header`] when the columns are not those of `roster.csv`
/// (a `breaks` column after them is accepted), [`BaselineError::Field`] for a bad
/// date or a weekday that is not the date's in any language,
/// [`BaselineError::OtherPeriod`] for a row outside the roster's period,
/// [`BaselineError::Csv`] for malformed CSV.
///
/// # Example
/// ```
/// use duty_roster::input::parse_baseline;
/// let roster = duty_roster::sample::tiny_roster();
/// let text = "\u{feff}date;weekday;start;end;site;site_name;duty;duty_name;staff;staff_name\r\n\
///             2022-08-32;lundi;16:30;18:30;hq;Head office;evening;Evening desk;A;Amina\r\n";
/// let err = parse_baseline(text.as_bytes(), "roster.csv".as_ref(), &roster).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "roster.csv:2: column `date`: `2022-08-32` is not a date (expected YYYY-MM-DD)"
/// );
/// ```
pub fn parse_baseline(
    bytes: &[u8],
    path: &Path,
    roster: &Roster,
) -> Result<Baseline, BaselineError> {
    let bom = bytes.starts_with("\u{feff}".as_bytes());
    let bytes = if bom { &bytes[3..] } else { bytes };
    let first_line = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let excel = bom || first_line.contains(&b';');
    if let Err((at, message)) = crate::source::utf8(bytes) {
        return Err(BaselineError::Csv {
            path: path.to_path_buf(),
            line: at.line as u64,
            message: format!("column {}: {message}", at.column),
        });
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(if excel { b';' } else { b',' })
        .has_headers(true)
        .from_reader(bytes);
    let csv_error = |e: csv::Error| BaselineError::Csv {
        path: path.to_path_buf(),
        line: super::csv_line(bytes, e.position()),
        message: e.to_string(),
    };
    let header = reader.headers().map_err(csv_error)?.clone();
    check_header(&header, path)?;
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(csv_error)?;
        let line = super::csv_line(bytes, record.position());
        rows.push(read_row(&record, line, path, roster)?);
    }
    Ok(Baseline {
        path: path.to_path_buf(),
        excel,
        rows,
    })
}

fn check_header(header: &csv::StringRecord, path: &Path) -> Result<(), BaselineError> {
    let found: Vec<&str> = header.iter().collect();
    let expected = COLUMNS.to_vec();
    let relaxed = [expected.as_slice(), &["breaks"]].concat();
    if found == expected || found == relaxed {
        return Ok(());
    }
    Err(BaselineError::Header {
        path: path.to_path_buf(),
        line: 1,
        message: format!(
            "columns `{}`, expected `{}` (the roster.csv that duty-roster writes)",
            found.join(","),
            expected.join(",")
        ),
    })
}

/// The cell of column `i`, without the `'` the writer puts before a cell that looks
/// like a formula.
fn cell(record: &csv::StringRecord, i: usize) -> &str {
    let value = record.get(i).unwrap_or_default();
    match value.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => value,
    }
}

fn read_row(
    record: &csv::StringRecord,
    line: u64,
    path: &Path,
    roster: &Roster,
) -> Result<BaselineRow, BaselineError> {
    let field = |field: &'static str, message: String| BaselineError::Field {
        path: path.to_path_buf(),
        line,
        field,
        message,
    };
    let text = cell(record, 0);
    let date: NaiveDate = text.parse().map_err(|_| {
        field(
            "date",
            format!("`{text}` is not a date (expected YYYY-MM-DD)"),
        )
    })?;
    let weekday = cell(record, 1);
    if !Language::ALL
        .iter()
        .any(|l| l.weekday_name(date) == weekday)
    {
        let names: Vec<&str> = Language::ALL.iter().map(|l| l.weekday_name(date)).collect();
        return Err(field(
            "weekday",
            format!(
                "`{weekday}` is not the weekday of {date} (expected one of: {})",
                names.join(", ")
            ),
        ));
    }
    let period = roster.def().period;
    if !period.contains(date) {
        return Err(BaselineError::OtherPeriod {
            path: path.to_path_buf(),
            line,
            date,
            period,
            roster: roster.def().id.clone(),
        });
    }
    let assignment = Assignment::new(date, cell(record, 6), cell(record, 4), cell(record, 8));
    let status = resolve(&assignment, roster);
    Ok(BaselineRow {
        line,
        assignment,
        start: cell(record, 2).to_string(),
        end: cell(record, 3).to_string(),
        staff_name: cell(record, 9).to_string(),
        status,
    })
}

/// Whether `a` names a slot and a person of `roster`.
fn resolve(a: &Assignment, roster: &Roster) -> RowStatus {
    let slot = match (roster.duty_index(&a.duty), roster.site_index(&a.site)) {
        (None, _) => Err(format!("unknown duty `{}`", a.duty)),
        (_, None) => Err(format!("unknown site `{}`", a.site)),
        (Some(duty), Some(site)) => roster.slot_index(a.date, duty, site).ok_or_else(|| {
            format!(
                "duty `{}` does not run at site `{}` on {}",
                a.duty, a.site, a.date
            )
        }),
    };
    match (slot, roster.staff_index(&a.staff)) {
        (Err(why), _) => RowStatus::Dropped(DropReason::NoSlot(why)),
        (Ok(_), None) => RowStatus::Dropped(DropReason::UnknownStaff),
        (Ok(_), Some(_)) => RowStatus::Kept,
    }
}
