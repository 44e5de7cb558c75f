//! Whole-run atomicity of an output folder: every file of a run is written into a
//! staging folder beside the output folder (same parent, so the same file system),
//! the user's own entries of the output folder are carried over, and the staging
//! folder is swapped in only once complete. A run that fails or is killed before
//! the swap leaves the output folder as it was; the leftovers of killed runs
//! (`.<name>.duty-roster-*` beside the folder) are recovered or removed by the next
//! run and are never read as outputs.

mod owned;
mod swap;
#[cfg(test)]
mod tests;

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::{FileKind, OutputFile};
use crate::WriteError;

pub(crate) use owned::TEMP_PREFIX;

/// The kind of a neighbour of the output folder: a staging folder, being filled
/// by a run (live when locked) or left by a killed one.
const STAGING: &str = "staging-";
/// The old set renamed aside during a swap without exchange.
const ASIDE: &str = "old-";

/// The output folder and its neighbours.
#[derive(Debug)]
struct Folder {
    /// The output folder (the folder a symbolic link points to, for a link).
    target: PathBuf,
    /// Its parent, where staging folders are made.
    parent: PathBuf,
    /// `.<name>.duty-roster-`: the start of every neighbour's name.
    prefix: String,
}

/// The start of the names of the folders a run makes beside `out` (its staging
/// folder, the old set during a swap, a probe of the parent's permissions).
///
/// # Example
/// ```
/// let prefix = duty_roster::output::neighbour_prefix("work/out".as_ref());
/// assert_eq!(prefix.as_deref(), Some(".out.duty-roster-"));
/// ```
pub fn neighbour_prefix(out: &Path) -> Option<String> {
    out.file_name()
        .map(|name| format!(".{}{TEMP_PREFIX}", name.to_string_lossy()))
}

impl Folder {
    /// The folder `out` names: a symbolic link is followed (its target is
    /// replaced, not the link), and `.` or `..` are resolved to a name.
    fn of(out: &Path) -> Result<Folder, WriteError> {
        let io = |source| WriteError::Io {
            path: out.to_path_buf(),
            source,
        };
        let is_link = fs::symlink_metadata(out).is_ok_and(|m| m.file_type().is_symlink());
        let target = if is_link || out.file_name().is_none() {
            fs::canonicalize(out).map_err(io)?
        } else {
            out.to_path_buf()
        };
        if target.exists() && !target.is_dir() {
            return Err(io(io::Error::new(
                io::ErrorKind::AlreadyExists,
                "a file is in the way: the output must be a folder",
            )));
        }
        // The folder is replaced as a whole: the current folder inside it would be
        // left in the old set, which is removed.
        if let (Ok(here), Ok(there)) = (
            std::env::current_dir().and_then(fs::canonicalize),
            fs::canonicalize(&target),
        ) && here.starts_with(&there)
        {
            return Err(io(io::Error::new(
                io::ErrorKind::InvalidInput,
                "the current folder is (inside) the output folder, which a run replaces \
                 as a whole: give a folder of its own, such as `out/`",
            )));
        }
        let prefix = neighbour_prefix(&target)
            .ok_or_else(|| io(io::Error::other("the output folder needs a name")))?;
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        Ok(Folder {
            target,
            parent,
            prefix,
        })
    }

    /// The neighbours of the output folder of `kind`, sorted by name.
    fn neighbours(&self, kind: &str) -> Vec<PathBuf> {
        let start = format!("{}{kind}", self.prefix);
        let mut found: Vec<PathBuf> = fs::read_dir(&self.parent)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with(&start))
            .map(|e| e.path())
            .collect();
        found.sort();
        found
    }

    /// A neighbour's name of `kind` not taken yet.
    fn fresh_name(&self, kind: &str, attempt: u32) -> PathBuf {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        self.parent.join(format!(
            "{}{kind}{}-{nanos:08x}-{attempt}",
            self.prefix,
            std::process::id()
        ))
    }

    /// Makes a new staging folder, with the output folder's permissions when it
    /// exists, and locks it.
    fn make_staging(&self) -> Result<(PathBuf, swap::Lock), WriteError> {
        let mut attempt = 0;
        loop {
            let path = self.fresh_name(STAGING, attempt);
            let io = |source| WriteError::Io {
                path: path.clone(),
                source,
            };
            match fs::create_dir(&path) {
                Ok(()) => {
                    let lock = swap::lock(&path).map_err(io)?;
                    if let Ok(meta) = fs::metadata(&self.target) {
                        fs::set_permissions(&path, meta.permissions()).map_err(io)?;
                    }
                    return Ok((path, lock));
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => {
                    attempt += 1;
                }
                Err(e) => return Err(io(e)),
            }
        }
    }

    /// Recovers from killed runs: an output folder missing mid-swap gets the old set
    /// back, and staging folders no live run holds are removed. A leftover that
    /// cannot be removed is left: its name keeps it from being taken for an output.
    fn recover(&self) -> Result<(), WriteError> {
        let asides = self.neighbours(ASIDE);
        if fs::symlink_metadata(&self.target).is_err()
            && let Some(last) = asides.last()
        {
            fs::rename(last, &self.target).map_err(|source| WriteError::Io {
                path: last.clone(),
                source,
            })?;
        }
        for path in self.neighbours("") {
            let is_staging = path
                .file_name()
                .is_some_and(|n| n.to_string_lossy()[self.prefix.len()..].starts_with(STAGING));
            if is_staging && swap::is_locked(&path) {
                continue;
            }
            remove(&path);
        }
        Ok(())
    }
}

/// Removes a file or folder, quietly: a leftover that stays is only untidy.
fn remove(path: &Path) {
    if fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) {
        let _ = fs::remove_dir_all(path);
    } else {
        let _ = fs::remove_file(path);
    }
}

/// Checks that `out` can be an output folder: not a file, not the current folder
/// nor a folder holding it (a run replaces the folder as a whole), and with a
/// name. Nothing is made.
///
/// # Errors
/// [`WriteError::Io`] naming `out` and saying what is wrong.
///
/// # Example
/// ```
/// use duty_roster::output::check_folder;
/// assert!(check_folder("out".as_ref()).is_ok());
/// assert!(check_folder(".".as_ref()).is_err());
/// ```
pub fn check_folder(out: &Path) -> Result<(), WriteError> {
    Folder::of(out).map(drop)
}

/// Recovers the output folder `out` from runs killed while writing it: when one
/// was killed between the two renames of a swap (where the system cannot exchange
/// two folders), the old set is renamed back; staging folders left by killed runs
/// are removed. Call it before reading anything from `out` (a re-plan's published
/// roster); [`write`](super::write) calls it too.
///
/// # Errors
/// [`WriteError::Io`] when the old set cannot be renamed back, or `out` is a file.
///
/// # Example
/// ```
/// let out = std::env::temp_dir().join("duty-roster-doc-recover");
/// duty_roster::output::recover(&out).unwrap();
/// ```
pub fn recover(out: &Path) -> Result<(), WriteError> {
    Folder::of(out)?.recover()
}

/// Writes `files` into `out` as one set (see the module's docs) and gives the files
/// the run owns that were in `out` and are no longer written (their paths under
/// `out`, sorted). `exchange` false swaps with two renames even where the system
/// can exchange (for tests of that path).
pub(crate) fn write_staged(
    out: &Path,
    files: &[OutputFile],
    exchange: bool,
) -> Result<Vec<PathBuf>, WriteError> {
    let folder = Folder::of(out)?;
    folder.recover()?;
    fs::create_dir_all(&folder.parent).map_err(|source| WriteError::Io {
        path: folder.parent.clone(),
        source,
    })?;
    let (staging, lock) = folder.make_staging()?;
    let stale = match fill(&folder.target, &staging, out, files) {
        Ok(stale) => stale,
        Err(e) => {
            remove(&staging);
            return Err(e);
        }
    };
    let aside = folder.fresh_name(ASIDE, 0);
    let swapped = swap::swap_in(&staging, &folder.target, &aside, exchange).map_err(|source| {
        remove(&staging);
        WriteError::Io {
            path: out.to_path_buf(),
            source,
        }
    })?;
    let old = match swapped {
        swap::Swapped::Fresh => None,
        swap::Swapped::Exchanged => Some(staging),
        swap::Swapped::Aside(aside) => Some(aside),
    };
    if let Some(old) = old {
        owned::rescue_late(&old, &folder.target);
        remove(&old);
    }
    swap::sync_dir(&folder.parent);
    drop(lock);
    Ok(stale.iter().map(|rel| out.join(rel)).collect())
}

/// Fills `staging` with `files` and the user's entries of `target`; gives the
/// run's files of `target` not written again (relative paths).
fn fill(
    target: &Path,
    staging: &Path,
    out: &Path,
    files: &[OutputFile],
) -> Result<Vec<PathBuf>, WriteError> {
    let mut folders = BTreeSet::from([staging.to_path_buf()]);
    for file in files {
        let path = staging.join(&file.path);
        let private = matches!(file.kind, FileKind::PrivateNames);
        write_new(&path, &file.bytes, private).map_err(|source| WriteError::Io {
            path: out.join(&file.path),
            source,
        })?;
        if let Some(parent) = path.parent() {
            folders.insert(parent.to_path_buf());
        }
    }
    let written: HashSet<PathBuf> = files.iter().map(|f| f.path.clone()).collect();
    let stale = if target.is_dir() {
        owned::carry_over(target, staging, &written)?
    } else {
        Vec::new()
    };
    for folder in folders.iter().rev() {
        swap::sync_dir(folder);
    }
    Ok(stale)
}

/// Writes a new file at `path` (its folder made when missing): readable by all
/// (0644), or by its owner only (0600) when `private`; flushed to the disk.
fn write_new(path: &Path, bytes: &[u8], private: bool) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    let mut file = options.open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = if private { 0o600 } else { 0o644 };
        file.set_permissions(fs::Permissions::from_mode(mode))?;
    }
    #[cfg(not(unix))]
    let _ = private;
    file.write_all(bytes)?;
    file.sync_all()
}
