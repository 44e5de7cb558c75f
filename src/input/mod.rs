//! Roster file formats (being written).
use std::path::Path;
use crate::{ReadError, Roster};

/// Reads and validates a roster file.
///
/// # Errors
/// A [`ReadError`] naming the file, line and column.
pub fn read_roster_file(path: &Path) -> Result<Roster, ReadError> {
    Err(ReadError::Io { path: path.to_path_buf(), source: std::io::Error::other("not yet") })
}
