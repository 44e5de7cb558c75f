//! The ledger: fairness carried across months. One CSV row per roster, person and
//! duty kind records the duties done, their fair share, the weighted duties and the
//! hours. Reading a ledger gives each person what they carry (done minus fair share,
//! over the earlier rosters), which lowers or raises this month's fair targets; a
//! final roster is appended to it as one more month. It doubles as the hours report
//! the cell needs for compensation ([`Ledger::hours_report`]).
//!
//! ```
//! use duty_roster::ledger::Ledger;
//! use duty_roster::{sample, solve, validate};
//! let roster = sample::tiny_roster();
//! let outcome = solve(&roster, &Default::default()).unwrap();
//! let report = validate(&roster, &outcome.assignments);
//! let ledger = Ledger::default().with_month(&roster, &report).unwrap();
//! assert_eq!(ledger.rows().len(), 3); // three people, one duty kind
//! let csv = ledger.to_csv();
//! let again = Ledger::parse(&csv, std::path::Path::new("ledger.csv")).unwrap();
//! assert_eq!(again, ledger);
//! ```

mod report;

pub use report::{HoursReport, HoursRow};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::validate::Report;
use crate::{Carried, Roster, RosterDef};

/// The columns of a ledger file, in order.
pub const COLUMNS: [&str; 10] = [
    "roster",
    "first",
    "last",
    "staff",
    "duty",
    "duties",
    "fair_duties",
    "weighted_duties",
    "hours",
    "fair_hours",
];

/// What one person did of one duty kind in one roster.
///
/// # Example
/// See [`Ledger`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LedgerRow {
    /// The roster's id.
    pub roster: String,
    /// The first day of the roster's period.
    pub first: NaiveDate,
    /// The last day of the roster's period.
    pub last: NaiveDate,
    /// Staff id.
    pub staff: String,
    /// Duty kind id.
    pub duty: String,
    /// Duties of this kind done.
    pub duties: u32,
    /// Their fair share of this roster's duties of this kind.
    pub fair_duties: f64,
    /// Duties done times the kind's fairness weight.
    pub weighted_duties: u32,
    /// Hours worked on duties of this kind.
    pub hours: f64,
    /// Their fair share of the hours of this roster's duties of this kind.
    pub fair_hours: f64,
}

/// A ledger: the months recorded so far, in the order they were added.
///
/// # Example
/// ```
/// let text = "roster,first,last,staff,duty,duties,fair_duties,weighted_duties,hours,fair_hours\n\
///             jul,2022-07-01,2022-07-31,A,sat,3,2.0000,6,12.00,8.0000\n";
/// let ledger = duty_roster::ledger::Ledger::parse(text.as_bytes(), "l.csv".as_ref()).unwrap();
/// let carried = ledger.carried_before("2022-08-01".parse().unwrap());
/// assert_eq!(carried["A"].duty("sat"), 1.0);
/// assert_eq!(carried["A"].hours, 4.0);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ledger {
    rows: Vec<LedgerRow>,
}

/// A ledger that cannot be read or extended.
///
/// # Example
/// ```
/// let e = duty_roster::ledger::Ledger::parse(b"roster\n", "l.csv".as_ref()).unwrap_err();
/// assert!(e.to_string().starts_with("l.csv:1:"));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LedgerError {
    /// The file could not be read.
    #[error("{}: cannot read: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A line of the file is not a ledger row.
    #[error("{}:{line}: {message}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: u64,
        /// What is wrong, naming the column and what would be valid.
        message: String,
    },
    /// The roster is in the ledger already.
    #[error(
        "roster `{roster}` is in the ledger already: a month is added once, when its roster is final"
    )]
    Duplicate {
        /// The roster id.
        roster: String,
    },
}

impl Ledger {
    /// Reads the ledger at `path`.
    ///
    /// # Errors
    /// [`LedgerError::Io`] when the file cannot be read, [`LedgerError::Invalid`]
    /// naming the line and column of a bad row.
    ///
    /// # Example
    /// ```
    /// let e = duty_roster::ledger::Ledger::read("no/such/ledger.csv".as_ref()).unwrap_err();
    /// assert!(e.to_string().contains("no/such/ledger.csv"));
    /// ```
    pub fn read(path: &Path) -> Result<Ledger, LedgerError> {
        let bytes = crate::source::read_input(path).map_err(|source| LedgerError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Ledger::parse(&bytes, path)
    }

    /// Reads a ledger from `bytes` (UTF-8, with or without a byte order mark; `,` or
    /// `;` separated, as Excel may save it); `path` names it in errors.
    ///
    /// # Errors
    /// [`LedgerError::Invalid`] naming the line and column of a bad row.
    ///
    /// # Example
    /// See [`Ledger`].
    pub fn parse(bytes: &[u8], path: &Path) -> Result<Ledger, LedgerError> {
        let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
        let first_line = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
        let delimiter = if first_line.contains(&b';') {
            b';'
        } else {
            b','
        };
        let invalid = |line: u64, message: String| LedgerError::Invalid {
            path: path.to_path_buf(),
            line,
            message,
        };
        if let Err((at, message)) = crate::source::utf8(bytes) {
            return Err(invalid(
                at.line as u64,
                format!("column {}: {message}", at.column),
            ));
        }
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .from_reader(bytes);
        let header = reader
            .headers()
            .map_err(|e| invalid(1, e.to_string()))?
            .clone();
        let names: Vec<&str> = header.iter().map(str::trim).collect();
        if names != COLUMNS {
            return Err(invalid(
                1,
                format!("the header must be `{}`", COLUMNS.join(",")),
            ));
        }
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| {
                let line = crate::input::csv_line(bytes, e.position());
                invalid(line, e.to_string())
            })?;
            let line = crate::input::csv_line(bytes, record.position());
            let field = |i: usize| record.get(i).unwrap_or("").trim();
            let column = |i: usize, valid: &str| {
                invalid(
                    line,
                    format!("column `{}`: `{}` is not {valid}", COLUMNS[i], field(i)),
                )
            };
            let date = |i| {
                field(i)
                    .parse::<NaiveDate>()
                    .map_err(|_| column(i, "a date (YYYY-MM-DD)"))
            };
            let count = |i| {
                field(i)
                    .parse::<u32>()
                    .map_err(|_| column(i, "a whole number, 0 or more"))
            };
            let number = |i| {
                field(i)
                    .parse::<f64>()
                    .ok()
                    .filter(|x| x.is_finite() && *x >= 0.0)
                    .ok_or_else(|| column(i, "a number, 0 or more"))
            };
            let text = |i| {
                Some(field(i).to_string())
                    .filter(|t| !t.is_empty())
                    .ok_or_else(|| column(i, "an id"))
            };
            rows.push(LedgerRow {
                roster: text(0)?,
                first: date(1)?,
                last: date(2)?,
                staff: text(3)?,
                duty: text(4)?,
                duties: count(5)?,
                fair_duties: number(6)?,
                weighted_duties: count(7)?,
                hours: number(8)?,
                fair_hours: number(9)?,
            });
        }
        Ok(Ledger { rows })
    }

    /// The rows, in the order the months were added.
    ///
    /// # Example
    /// See [`Ledger`].
    pub fn rows(&self) -> &[LedgerRow] {
        &self.rows
    }

    /// Whether roster `id` is in the ledger.
    ///
    /// # Example
    /// ```
    /// assert!(!duty_roster::ledger::Ledger::default().has_roster("aubm-2022-08"));
    /// ```
    pub fn has_roster(&self, id: &str) -> bool {
        self.rows.iter().any(|r| r.roster == id)
    }

    /// What each person carries into a roster starting on `first`: over the rosters
    /// that ended before it, duties done minus fair share per kind, and hours done
    /// minus fair share. People who were not in a month owe nothing for it.
    ///
    /// # Example
    /// See [`Ledger`].
    pub fn carried_before(&self, first: NaiveDate) -> BTreeMap<String, Carried> {
        let mut carried: BTreeMap<String, Carried> = BTreeMap::new();
        for row in self.rows.iter().filter(|r| r.last < first) {
            let person = carried.entry(row.staff.clone()).or_default();
            *person.duties.entry(row.duty.clone()).or_default() +=
                f64::from(row.duties) - row.fair_duties;
            person.hours += row.hours - row.fair_hours;
        }
        carried
    }

    /// Sets what each person of `def` carries from the rosters of the ledger that
    /// ended before `def`'s period; people not in the ledger carry nothing.
    ///
    /// # Example
    /// ```
    /// let text = "roster,first,last,staff,duty,duties,fair_duties,weighted_duties,hours,fair_hours\n\
    ///             jul,2022-07-01,2022-07-31,A,evening,1,3.0000,1,2.00,6.0000\n";
    /// let ledger = duty_roster::ledger::Ledger::parse(text.as_bytes(), "l.csv".as_ref()).unwrap();
    /// let mut def = duty_roster::sample::tiny_roster_def();
    /// ledger.apply(&mut def);
    /// assert_eq!(def.staff[0].carried.duty("evening"), -2.0);
    /// assert!(def.staff[1].carried.is_empty());
    /// ```
    pub fn apply(&self, def: &mut RosterDef) {
        let mut carried = self.carried_before(def.period.first);
        for person in &mut def.staff {
            person.carried = carried.remove(&person.id).unwrap_or_default();
        }
    }

    /// The ledger with `roster`'s month added, from the validator's `report` of its
    /// final assignment: per person and duty kind they could take or did, the duties
    /// done, their own fair share (before what they carried), the weighted duties and
    /// the hours.
    ///
    /// # Errors
    /// [`LedgerError::Duplicate`] when the roster is in the ledger already.
    ///
    /// # Example
    /// See the [module](self).
    pub fn with_month(&self, roster: &Roster, report: &Report) -> Result<Ledger, LedgerError> {
        let def = roster.def();
        if self.has_roster(&def.id) {
            return Err(LedgerError::Duplicate {
                roster: def.id.clone(),
            });
        }
        let mut rows = self.rows.clone();
        for person in &report.people {
            for (load, duty) in person.per_duty.iter().zip(roster.duties()) {
                if load.count == 0 && load.share == 0.0 {
                    continue;
                }
                rows.push(LedgerRow {
                    roster: def.id.clone(),
                    first: def.period.first,
                    last: def.period.last,
                    staff: person.staff.clone(),
                    duty: load.duty.clone(),
                    duties: load.count,
                    fair_duties: rounded(load.share),
                    weighted_duties: load.count * duty.fairness_weight,
                    hours: rounded(load.hours),
                    fair_hours: rounded(load.hours_share),
                });
            }
        }
        Ok(Ledger { rows })
    }

    /// The ledger as CSV (UTF-8, `,`, LF), numbers with four decimals at most.
    ///
    /// # Example
    /// See the [module](self).
    pub fn to_csv(&self) -> Vec<u8> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        let write = |w: &mut csv::Writer<Vec<u8>>, fields: &[String]| {
            w.write_record(fields).expect("writing to memory");
        };
        write(&mut writer, &COLUMNS.map(String::from));
        for r in &self.rows {
            write(
                &mut writer,
                &[
                    r.roster.clone(),
                    r.first.to_string(),
                    r.last.to_string(),
                    r.staff.clone(),
                    r.duty.clone(),
                    r.duties.to_string(),
                    number(r.fair_duties),
                    r.weighted_duties.to_string(),
                    number(r.hours),
                    number(r.fair_hours),
                ],
            );
        }
        writer.into_inner().expect("writing to memory")
    }

    /// Writes the ledger to `path` atomically (a temporary file, then a rename), so
    /// that a failed write leaves the old ledger whole.
    ///
    /// # Errors
    /// [`crate::WriteError::Io`] naming the file.
    ///
    /// # Example
    /// ```
    /// let dir = tempfile::tempdir().unwrap();
    /// let path = dir.path().join("ledger.csv");
    /// duty_roster::ledger::Ledger::default().write(&path).unwrap();
    /// assert!(std::fs::read_to_string(&path).unwrap().starts_with("roster,first,last"));
    /// ```
    pub fn write(&self, path: &Path) -> Result<(), crate::WriteError> {
        crate::output::write_atomically(path, &self.to_csv())
    }
}

/// `x` to four decimals, as the file keeps it.
fn rounded(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// `x` with at most four decimals and no trailing zeros.
fn number(x: f64) -> String {
    let text = format!("{:.4}", rounded(x));
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".into()
    } else {
        text.into()
    }
}
