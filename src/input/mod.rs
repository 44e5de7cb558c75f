//! Roster files: the TOML format described in `docs/roster-format.md`, read into a
//! validated [`Roster`], and the shift-scheduling benchmark format ([`nsp`]).
//!
//! Reading is done in two layers. The serde structs of `raw` mirror the file one
//! table for one, and refuse unknown keys; `convert` turns them into a
//! [`RosterDef`](crate::RosterDef) (dates, times and weekdays read) while it
//! records, for every field path the validator may name (`staff[3].home`), where in
//! the text the value was. The `[rules]` table is read by serde straight into
//! [`Rules`](crate::Rules), whose serde form is the file's; its positions are
//! recorded by their paths in the file. [`Roster::new`] then validates the
//! definition, and its error is located through that table: every error names the
//! file, the line and the column.
//!
//! ```
//! use std::path::Path;
//! let err = duty_roster::input::parse_roster_toml("[roster]\nid = 3\n", Path::new("r.toml")).unwrap_err();
//! assert_eq!(err.to_string(), "r.toml:2:6: invalid type: integer `3`, expected a string");
//! ```

mod baseline;
mod convert;
mod fields;
pub mod nsp;
mod numbers;
mod raw;
mod spans;
mod table;
mod values;

#[cfg(test)]
mod tests;

use std::path::Path;

pub use baseline::{
    Baseline, BaselineError, BaselineRow, DropReason, RowStatus, parse_baseline, read_baseline,
};
pub use table::{LeaveRow, read_leave_table, read_staff_table};

use crate::error::Position;
use crate::{ReadError, Roster, ValidationError};

/// Reads a roster file (TOML, see `docs/roster-format.md`) and validates it.
///
/// The format is told by the content, whatever the file's name: a file whose first
/// line that is neither blank nor a `#` comment is `SECTION_HORIZON` is read in the
/// shift-scheduling benchmark format ([`nsp`]), any other as TOML. A file not named
/// `*.toml` that is not valid TOML says that it was read as TOML, and how a benchmark
/// file would start.
///
/// # Errors
/// [`ReadError::Io`] when the file cannot be read or is larger than
/// [`MAX_FILE_BYTES`](crate::source::MAX_FILE_BYTES), [`ReadError::Syntax`] when it
/// is not UTF-8 (at its first bad byte) or not valid TOML or does not have the expected keys and types, and
/// [`ReadError::Invalid`] when its content is impossible (an unknown site, dates in
/// the wrong order...). Each names the file, and the line and column when known.
///
/// # Example
/// ```
/// use std::path::Path;
/// let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/rosters/aubm-2022-08.toml"));
/// let roster = duty_roster::read_roster_file(path).unwrap();
/// assert_eq!(roster.def().id, "aubm-2022-08");
/// assert!(roster.site_index("azilal").is_some());
/// ```
pub fn read_roster_file(path: &Path) -> Result<Roster, ReadError> {
    let bytes = crate::source::read_input(path).map_err(|source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let text = crate::source::utf8(&bytes).map_err(|(at, message)| ReadError::Syntax {
        path: path.to_path_buf(),
        at: Some(at),
        message,
    })?;
    read_roster_str(text, path)
}

/// Reads the text of a roster file as [`read_roster_file`] reads the file: the format
/// told by the content (a benchmark file when its first line that is neither blank
/// nor a `#` comment is `SECTION_HORIZON`, TOML otherwise), then validated. `path`
/// is only used in errors; a syntax error in a file not named `*.toml` also says that
/// it was read as TOML.
///
/// # Errors
/// As [`read_roster_file`], but never [`ReadError::Io`].
///
/// # Example
/// ```
/// use std::path::Path;
/// use duty_roster::input::read_roster_str;
///
/// let text = "SECTION_HORIZON\n7\n\nSECTION_SHIFTS\nD,480,\n\n\
///     SECTION_STAFF\nA,D=7,2400,960,5,1,1,1\n\nSECTION_DAYS_OFF\n\n\
///     SECTION_SHIFT_ON_REQUESTS\n\nSECTION_SHIFT_OFF_REQUESTS\n\n\
///     SECTION_COVER\n0,D,1,100,1\n";
/// let roster = read_roster_str(text, Path::new("mini.txt")).unwrap();
/// assert_eq!(roster.slots().len(), 7);
///
/// let err = read_roster_str("[roster\n", Path::new("notes.txt")).unwrap_err();
/// assert!(err.to_string().starts_with("notes.txt:1:"));
/// assert!(err.to_string().contains("read as a TOML roster file"));
/// ```
pub fn read_roster_str(text: &str, path: &Path) -> Result<Roster, ReadError> {
    if nsp::looks_like_nsp(text) {
        return nsp::parse(text, path);
    }
    let named_toml = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    parse_roster_toml(text, path).map_err(|e| match e {
        ReadError::Syntax { path, at, message } if !named_toml => ReadError::Syntax {
            path,
            at,
            message: format!(
                "{message} (read as a TOML roster file; a benchmark file starts with `SECTION_HORIZON`)"
            ),
        },
        other => other,
    })
}

/// Parses and validates the text of a roster file; `path` is only used in errors.
///
/// A leading byte order mark (as some Windows editors write) is ignored.
///
/// # Errors
/// [`ReadError::Syntax`] when the text is not valid TOML or does not have the
/// expected keys and types, and [`ReadError::Invalid`] when its content is
/// impossible. Both carry the line and column when known.
///
/// # Example
/// ```
/// use std::path::Path;
/// use duty_roster::input::parse_roster_toml;
///
/// let text = r#"
/// [roster]
/// id = "demo"
/// name = "Demo"
/// first = 2022-08-01
/// last = 2022-08-07
/// time_zone = "Africa/Casablanca"
///
/// [[site]]
/// id = "bm"
/// name = "Siège"
///
/// [[duty]]
/// id = "after-hours"
/// name = "Après 16h30"
/// weekdays = ["mon", "tue", "wed", "thu", "fri"]
/// start = "16:30"
/// end = "18:30"
///   [[duty.cover]]
///   site = "bm"
///   min = 1
///
/// [[staff]]
/// id = "BM-01"
/// name = "Salma Idrissi"
/// home = "bm"
/// "#;
/// let roster = parse_roster_toml(text, Path::new("demo.toml")).unwrap();
/// assert_eq!(roster.slots().len(), 5);
///
/// let typo = text.replace("home = \"bm\"", "home = \"bn\"");
/// let err = parse_roster_toml(&typo, Path::new("demo.toml")).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "demo.toml:26:8: staff[0].home: unknown site `bn` (known: bm)"
/// );
/// ```
pub fn parse_roster_toml(text: &str, path: &Path) -> Result<Roster, ReadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let at = |offset: usize| Some(Position::from_offset(text, offset));
    // The tables read straight into the domain are located by the file's own paths,
    // so that an error in one of their values names its field.
    let mut spans = spans::Spans::default();
    let parsed = toml::de::DeTable::parse(text);
    if let Err(e) = &parsed
        && let Some(span) = e.span()
        && e.message().trim_end() == "duplicate key"
    {
        return Err(ReadError::Syntax {
            path: path.to_path_buf(),
            at: at(span.start),
            message: numbers::duplicate_key(text, span),
        });
    }
    if let Ok(table) = parsed {
        spans.record_table(table.get_ref(), "rules");
        raw::check_staff_keys(table.get_ref(), &mut spans).map_err(|(span, message)| {
            ReadError::Syntax {
                path: path.to_path_buf(),
                at: at(span.start),
                message,
            }
        })?;
    }
    let located = |e: toml::de::Error| {
        let field = e.span().and_then(|s| spans.path_at(&s));
        let message = match e.span() {
            Some(span) => numbers::explain(e.message().trim_end(), text, span, field),
            None => None,
        }
        .unwrap_or_else(|| plain(e.message().trim_end()));
        match e.span().and_then(|s| Some((s.start, spans.path_at(&s)?))) {
            Some((start, field)) => ReadError::Invalid {
                path: path.to_path_buf(),
                at: at(start),
                source: ValidationError::new(field, message),
            },
            None => ReadError::Syntax {
                path: path.to_path_buf(),
                at: e.span().and_then(|s| at(s.start)),
                message,
            },
        }
    };
    let file: raw::RawFile = toml::from_str(text).map_err(located)?;
    if file.staff.is_empty() && file.roster.get_ref().staff_from.is_none() {
        return Err(ReadError::Syntax {
            path: path.to_path_buf(),
            at: None,
            message: "no people: add [[staff]] entries, or `staff_from` in [roster]: missing field `staff`".into(),
        });
    }
    let limits: raw::StaffLimits = toml::from_str(text).map_err(located)?;
    let invalid = |source: ValidationError, spans: &spans::Spans| ReadError::Invalid {
        path: path.to_path_buf(),
        at: spans.find(&source.field).and_then(|s| at(s.start)),
        source,
    };
    let (mut def, preferences) =
        convert::convert(&file, limits.staff, &mut spans).map_err(|e| invalid(e, &spans))?;
    let toml_lines: Vec<usize> = (0..def.staff.len())
        .map(|i| {
            spans
                .find(&format!("staff[{i}]"))
                .map_or(0, |s| Position::from_offset(text, s.start).line)
        })
        .collect();
    let origins = table::attach(
        file.roster.get_ref(),
        path,
        &mut def,
        preferences,
        &toml_lines,
        &mut spans,
    )
    .map_err(|f| match f {
        table::Failure::Toml(e) => invalid(e, &spans),
        table::Failure::Table(e) => ReadError::Table(e),
    })?;
    Roster::new(def).map_err(|e| match origins.locate(e) {
        Ok(located) => ReadError::Table(located),
        Err(e) => invalid(e, &spans),
    })
}

/// Serde's message with the Rust type names it may contain (`u32`, `struct
/// RawStaff`) put in the file's words.
/// The 1-based line of a CSV `position` in `bytes`, counted from its byte offset
/// (past the line end it may start on): the csv crate's own line count is one short
/// on CRLF files, which Excel writes.
pub(crate) fn csv_line(bytes: &[u8], position: Option<&csv::Position>) -> u64 {
    position.map_or(1, |p| {
        let mut end = (p.byte() as usize).min(bytes.len());
        while end < bytes.len() && matches!(bytes[end], b'\r' | b'\n') {
            end += 1;
        }
        bytes[..end].iter().filter(|&&b| b == b'\n').count() as u64 + 1
    })
}

fn plain(message: &str) -> String {
    let mut out = message
        .replace("expected u32", "expected a whole number, 0 or more")
        .replace("expected f64", "expected a number")
        .replace("expected a map", "expected a table");
    for (kind, words) in [("struct Raw", "a table"), ("enum Raw", "a string")] {
        while let Some(start) = out.find(kind) {
            let rest = &out[start + kind.len()..];
            let end = start
                + kind.len()
                + rest
                    .find(|c: char| !c.is_alphanumeric())
                    .unwrap_or(rest.len());
            out.replace_range(start..end, words);
        }
    }
    out
}
