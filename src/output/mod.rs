//! Output formats, one file each, and the safe writing they share: the files of a
//! run are staged beside the output folder and swapped in as one set
//! ([`write`](fn@write)), so an output folder never holds two runs' files; a single file (the
//! ledger) is written to a temporary file in the same folder and then renamed.

mod bundle;
pub mod changes_csv;
mod csv_cells;
pub mod html;
pub mod ics;
pub mod notices;
pub mod private_names;
pub mod roster_csv;
mod staging;
pub mod summary;
pub mod terminal;
pub mod text;

#[cfg(test)]
mod internal_tests;

#[cfg(test)]
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::WriteError;

pub use bundle::{FileKind, Format, OutputFile, OutputOptions, render, write};
pub use staging::{check_folder, neighbour_prefix, recover};

/// How CSV files are written.
///
/// # Example
/// ```
/// let plain = duty_roster::output::CsvStyle::default();
/// assert!(!plain.excel);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CsvStyle {
    /// For Excel: a UTF-8 byte order mark, `;` separators and CRLF line ends.
    /// Otherwise plain RFC 4180 UTF-8 with `,` and LF.
    pub excel: bool,
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, then a
/// rename. Creates the folder when missing.
///
/// # Errors
/// [`WriteError::Io`] naming the file when the folder cannot be made or the file
/// cannot be written.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let io = |source: std::io::Error| WriteError::Io {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(io)?;
    let mut file = tempfile::Builder::new()
        .prefix(".duty-roster-")
        .tempfile_in(&dir)
        .map_err(io)?;
    file.write_all(bytes).map_err(io)?;
    // A temporary file is private (0600); an output file is an ordinary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(io)?;
    }
    file.as_file().sync_all().map_err(io)?;
    file.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// Removes the files with extension `ext` in `dir` that are not in `written`, and
/// gives their paths. (The file-by-file way of dropping stale outputs, kept for its
/// tests; [`write`] now leaves them out of the staged set instead.) An earlier run's calendar would still show duties the roster
/// no longer has (or, after a switch to keyed names, give away whose file is
/// whose); an earlier re-plan's notice or changes would tell of changes this run
/// did not make. Nothing else in the folder is touched.
#[cfg(test)]
pub(crate) fn remove_unwritten(
    dir: &Path,
    ext: &str,
    written: &HashSet<PathBuf>,
) -> Result<Vec<PathBuf>, WriteError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| WriteError::Io { path, source }
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io(dir)(e)),
    };
    let mut removed = Vec::new();
    for entry in entries {
        let path = entry.map_err(io(dir))?.path();
        if path.extension().is_some_and(|e| e == ext) && path.is_file() && !written.contains(&path)
        {
            std::fs::remove_file(&path).map_err(io(&path))?;
            removed.push(path);
        }
    }
    Ok(removed)
}
