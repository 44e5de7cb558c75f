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
pub mod xlsx;

#[cfg(test)]
mod internal_tests;

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
