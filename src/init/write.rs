//! Writing a new roster file: all or nothing (a temporary file beside it, then a
//! rename), and never over an existing file unless asked.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::InitError;

/// Writes `text` to `path`: into a temporary file in the same folder, then moved to
/// `path` in one step, so a reader sees no half-written file. Refuses an existing
/// `path` unless `overwrite`; the check and the move are one step too, so a file
/// made meanwhile is not overwritten either.
///
/// # Errors
/// [`InitError::Exists`] when `path` exists and `overwrite` is false;
/// [`InitError::Io`] naming the file when it cannot be written.
///
/// # Example
/// ```
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("roster.toml");
/// duty_roster::init::write_new(&path, "# one\n", false)?;
/// let again = duty_roster::init::write_new(&path, "# two\n", false);
/// assert!(matches!(again, Err(duty_roster::init::InitError::Exists { .. })));
/// duty_roster::init::write_new(&path, "# two\n", true)?;
/// assert_eq!(std::fs::read_to_string(&path)?, "# two\n");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_new(path: &Path, text: &str, overwrite: bool) -> Result<(), InitError> {
    let io = |source: std::io::Error| InitError::Io {
        path: path.to_path_buf(),
        source,
    };
    if !overwrite && path.exists() {
        return Err(InitError::Exists {
            path: path.to_path_buf(),
        });
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut file = tempfile::Builder::new()
        .prefix(".duty-roster-init-")
        .tempfile_in(&dir)
        .map_err(io)?;
    file.write_all(text.as_bytes()).map_err(io)?;
    // A temporary file is private (0600); a roster file is an ordinary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(io)?;
    }
    file.as_file().sync_all().map_err(io)?;
    if overwrite {
        file.persist(path).map_err(|e| io(e.error))?;
    } else {
        file.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                InitError::Exists {
                    path: path.to_path_buf(),
                }
            } else {
                io(e.error)
            }
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_existing_file_is_left_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.toml");
        std::fs::write(&path, "mine").unwrap();
        let err = write_new(&path, "new", false).unwrap_err();
        assert!(err.to_string().contains("r.toml: the file exists"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_missing_folder_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no").join("r.toml");
        let err = write_new(&path, "new", false).unwrap_err();
        assert!(matches!(err, InitError::Io { .. }));
        assert!(err.to_string().contains("r.toml"), "{err}");
    }
}
