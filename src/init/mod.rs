//! Starting a roster: `duty-roster init` writes a commented roster file, ready to
//! edit, for some whole months, from a template (`agency` or `ward`), with Morocco's
//! public holidays of the period when the time zone is `Africa/Casablanca`.
//!
//! One module per job: the period ([`Months`]), the tabular Islamic calendar
//! ([`hijri`]), the holidays ([`holidays`]), the templates ([`Template`]), the
//! `[[staff]]` entries ([`staff_entry`]), the rendering ([`render`]) and the writing
//! ([`write_new`]).
//!
//! ```
//! use duty_roster::init::{InitOptions, Months, Template, render};
//! let options = InitOptions::new(Months::parse("2026-08")?, Template::Agency);
//! let text = render(&options)?;
//! assert!(text.contains("first = 2026-08-01\nlast = 2026-08-31\n"));
//! assert!(text.contains("date = 2026-08-20\n")); // Revolution of the King and the People
//! let roster = duty_roster::parse_roster_toml(&text, "new.toml".as_ref())?;
//! assert!(duty_roster::check::precheck(&roster).is_empty());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod hijri;
pub mod holidays;
mod period;
mod relative;
mod render;
mod staff;
mod template;
mod write;

use std::path::PathBuf;

pub use period::{MAX_MONTHS, Months};
pub use relative::relative_to;
pub use render::render;
pub use staff::staff_entry;
pub use template::Template;
pub use write::write_new;

use crate::Staff;

/// What a new roster holds: its months, its template and, when known, its staff.
///
/// # Example
/// ```
/// use duty_roster::init::{InitOptions, Months, Template};
/// let mut options = InitOptions::new(Months::single(2026, 8)?, Template::Ward);
/// options.staff.push(duty_roster::Staff::new("N-01", "Nadia", "ward"));
/// assert_eq!(options.staff.len(), 1);
/// # Ok::<(), duty_roster::init::InitError>(())
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct InitOptions {
    /// The months of the period.
    pub months: Months,
    /// The template of sites, duties and rules.
    pub template: Template,
    /// The people, written as `[[staff]]` entries; the template's placeholders
    /// when empty and there is no [`staff_table`](InitOptions::staff_table).
    pub staff: Vec<Staff>,
    /// A staff table (`.xlsx`, `.ods`, `.csv`) the roster reads its people from
    /// (`staff_from` in `[roster]`), instead of the placeholders.
    pub staff_table: Option<StaffTable>,
    /// Where the file will be written: the check of the text reads a relative
    /// [`StaffTable::path`] from its folder and names it in errors. `None`: a file
    /// called `new roster` in the current folder.
    pub location: Option<PathBuf>,
}

/// A staff table named by `staff_from` in a new roster.
///
/// # Example
/// ```
/// use duty_roster::init::{InitOptions, Months, StaffTable, Template, render};
/// let mut options = InitOptions::new(Months::single(2022, 8)?, Template::Agency);
/// options.staff_table = Some(StaffTable::new("aubm-staff.xlsx", Some("Personnel")));
/// options.location = Some(concat!(env!("CARGO_MANIFEST_DIR"), "/rosters/new.toml").into());
/// let text = render(&options)?;
/// assert!(text.contains(r#"staff_from = { path = "aubm-staff.xlsx", sheet = "Personnel" }"#));
/// # Ok::<(), duty_roster::init::InitError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffTable {
    /// The table's path as the roster file gives it: relative to the roster
    /// file's folder, or absolute.
    pub path: PathBuf,
    /// The sheet of a workbook; the first sheet when `None`.
    pub sheet: Option<String>,
}

impl StaffTable {
    /// A table at `path` (relative to the roster file's folder), on `sheet`.
    ///
    /// # Example
    /// ```
    /// let table = duty_roster::init::StaffTable::new("staff.csv", None);
    /// assert_eq!(table.path, std::path::Path::new("staff.csv"));
    /// ```
    pub fn new(path: impl Into<PathBuf>, sheet: Option<&str>) -> Self {
        StaffTable {
            path: path.into(),
            sheet: sheet.map(str::to_string),
        }
    }
}

impl InitOptions {
    /// The template's roster for `months`, with its placeholder staff.
    ///
    /// # Example
    /// ```
    /// use duty_roster::init::{InitOptions, Months, Template};
    /// let options = InitOptions::new(Months::single(2026, 8)?, Template::Agency);
    /// assert!(options.staff.is_empty());
    /// # Ok::<(), duty_roster::init::InitError>(())
    /// ```
    pub fn new(months: Months, template: Template) -> Self {
        InitOptions {
            months,
            template,
            staff: Vec::new(),
            staff_table: None,
            location: None,
        }
    }
}

/// Why a new roster could not be made or written.
///
/// # Example
/// ```
/// let err = duty_roster::init::Months::parse("2026-8").unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "month `2026-8`: `2026-8` is not YYYY-MM (write a month such as 2026-08, or a range such as 2026-08..2026-10)"
/// );
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum InitError {
    /// A month or range of months that cannot be read.
    #[error(
        "month `{text}`: {reason} (write a month such as 2026-08, or a range such as 2026-08..2026-10)"
    )]
    Month {
        /// The text as given.
        text: String,
        /// What is wrong with it.
        reason: String,
    },
    /// An unknown template name.
    #[error("unknown template `{0}` (known: agency, ward)")]
    Template(String),
    /// The roster written does not validate: a staff entry names a site, duty or
    /// skill the template does not have.
    #[error("the new roster does not validate: {0}")]
    Invalid(#[source] Box<crate::ReadError>),
    /// The file exists and overwriting was not asked for.
    #[error("{}: the file exists", path.display())]
    Exists {
        /// The file.
        path: PathBuf,
    },
    /// The file could not be written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
}

impl InitError {
    pub(crate) fn month(text: &str, reason: &str) -> InitError {
        InitError::Month {
            text: text.to_string(),
            reason: reason.to_string(),
        }
    }
}
