//! The library's error types: one enum per phase (reading, validating, solving,
//! writing) behind one public [`Error`].

use std::path::PathBuf;

/// Any error the library returns.
///
/// # Example
/// ```
/// use duty_roster::{Error, ValidationError};
/// let err: Error = ValidationError::new("staff[0].home", "unknown site `x`").into();
/// assert!(err.to_string().contains("staff[0].home"));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A roster file could not be read or parsed.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// A roster is well-formed but says something impossible (unknown id, bad dates...).
    #[error(transparent)]
    Validation(#[from] ValidationError),
    /// The solver failed or proved the roster infeasible.
    #[error(transparent)]
    Solve(#[from] SolveError),
    /// An output file could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
    /// A ledger could not be read or extended.
    #[error(transparent)]
    Ledger(#[from] crate::ledger::LedgerError),
    /// A published roster (a re-plan's baseline) could not be read.
    #[error(transparent)]
    Baseline(#[from] crate::input::BaselineError),
}

/// Where in a text file something is: 1-based line and column.
///
/// # Example
/// ```
/// let at = duty_roster::error::Position::from_offset("a\nbc", 3);
/// assert_eq!((at.line, at.column), (2, 2));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

impl Position {
    /// The position of byte `offset` in `text`.
    ///
    /// # Example
    /// ```
    /// let at = duty_roster::error::Position::from_offset("x = 1", 4);
    /// assert_eq!((at.line, at.column), (1, 5));
    /// ```
    pub fn from_offset(text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let before = &text[..text.floor_char_boundary(offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Position { line, column }
    }
}

impl std::fmt::Display for Position {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// A roster file could not be read or parsed.
///
/// # Example
/// ```
/// let err = duty_roster::read_roster_file(std::path::Path::new("no/such.toml")).unwrap_err();
/// assert!(err.to_string().contains("no/such.toml"));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The file could not be opened or read.
    #[error("{}: cannot read: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The text is not valid for its format (TOML syntax, unknown field, wrong type...).
    #[error("{}{}: {message}", path.display(), at.map(|p| format!(":{p}")).unwrap_or_default())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// Where, when known.
        at: Option<Position>,
        /// What is wrong and what would be valid.
        message: String,
    },
    /// The file is well-formed but its content is invalid.
    #[error("{}{}: {source}", path.display(), at.map(|p| format!(":{p}")).unwrap_or_default())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// Where, when known.
        at: Option<Position>,
        /// The validation error.
        source: ValidationError,
    },
    /// A staff or leave table (`staff_from`, `leave_from`) could not be read, or one
    /// of its cells is invalid for the roster.
    #[error(transparent)]
    Table(#[from] TableError),
}

/// A staff or leave table (.xlsx, .ods or .csv) could not be read, or says something
/// impossible: the file, the sheet of a workbook, the row as the spreadsheet numbers
/// it and the column as its header is written, when known, and what is wrong.
///
/// # Example
/// ```
/// # let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("staff.csv");
/// std::fs::write(&path, "id;nom;site\nBM-01;Salma;bm\nBM-01;Youssef;bm\n").unwrap();
/// let e = duty_roster::input::read_staff_table(&path, None).unwrap_err();
/// assert_eq!((e.row, e.column.as_deref()), (Some(3), Some("id")));
/// assert_eq!(
///     e.to_string(),
///     format!("{}, row 3, column id: duplicate id `BM-01` (also row 2)", path.display())
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{}{}{}: {message}",
    path.display(),
    sheet.as_ref().map(|s| format!(", sheet {s}")).unwrap_or_default(),
    row.map(|r| format!(", row {r}")).unwrap_or_default(),
    column.as_ref().map(|c| format!(", column {c}")).unwrap_or_default())]
#[non_exhaustive]
pub struct TableError {
    /// The table's file.
    pub path: PathBuf,
    /// The sheet, for a workbook.
    pub sheet: Option<String>,
    /// The row, counted from 1 as the spreadsheet shows it (the header is row 1).
    pub row: Option<u32>,
    /// The column, by its header as written in the file.
    pub column: Option<String>,
    /// What is wrong and what would be valid.
    pub message: String,
}

/// A roster says something impossible: the field (as a path such as
/// `staff[3].home`) and what is wrong with it.
///
/// # Example
/// ```
/// let err = duty_roster::ValidationError::new("site[1].id", "duplicate id `bm`");
/// assert_eq!(err.to_string(), "site[1].id: duplicate id `bm`");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
#[non_exhaustive]
pub struct ValidationError {
    /// The field, as a path into the roster (`staff[3].home`).
    pub field: String,
    /// What is wrong and what would be valid.
    pub message: String,
}

impl ValidationError {
    /// A new error about `field`.
    ///
    /// # Example
    /// ```
    /// let e = duty_roster::ValidationError::new("period.last", "before period.first");
    /// assert_eq!(e.field, "period.last");
    /// ```
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        ValidationError {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// The solver could not give a roster.
///
/// # Example
/// ```
/// let e = duty_roster::SolveError::NoSolution { seconds: 1.5 };
/// assert!(e.to_string().contains("1.5"));
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum SolveError {
    /// The rules cannot all hold; `reasons` lists what could be seen (slots that cannot be covered...).
    #[error("the roster is infeasible: no assignment satisfies every hard rule{}", reasons.iter().map(|r| format!("\n  - {r}")).collect::<String>())]
    Infeasible {
        /// Readable reasons, possibly empty.
        reasons: Vec<String>,
    },
    /// The time limit passed before any roster was found.
    #[error("no roster found within the time limit ({seconds} s)")]
    NoSolution {
        /// Seconds spent.
        seconds: f64,
    },
    /// HiGHS reported an error.
    #[error("solver failure: {0}")]
    Solver(String),
}

/// An output file could not be written.
///
/// # Example
/// ```
/// let e = duty_roster::WriteError::Io {
///     path: "out/roster.csv".into(),
///     source: std::io::Error::other("disk full"),
/// };
/// assert!(e.to_string().contains("out/roster.csv"));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WriteError {
    /// A file or folder could not be written.
    #[error("{}: cannot write: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A value could not be encoded.
    #[error("{}: cannot encode: {message}", path.display())]
    Encode {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
}
