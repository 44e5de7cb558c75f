//! Which entries of an output folder a run owns, and the carrying over of the
//! others into the staging folder. A run owns the files it writes (whether or not
//! this run writes them) and the temporary files an interrupted run left; the
//! staged set replaces all of them. Everything else (a user's notes, a ledger kept
//! in the folder, a sub-folder of their own) is the user's and is carried over
//! untouched.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::super::ics::{CALENDARS_DIR, ROSTER_FILE, SITES_DIR, STAFF_DIR, STATE_FILE};
use super::super::{html, notices, xlsx};
use crate::WriteError;

/// The top-level files a run writes: the roster, the summaries, the page, the
/// workbook, a re-plan's changes and the list of private calendar names.
const OWNED_FILES: [&str; 7] = [
    "roster.csv",
    "summary.csv",
    "summary.json",
    html::FILE_NAME,
    xlsx::FILE_NAME,
    super::super::bundle::CHANGES_FILE,
    super::super::bundle::PRIVATE_NAMES_FILE,
];

/// The prefix of the temporary files of a file-by-file write (an older version of
/// this program, or a run killed mid-write): never an output.
pub(crate) const TEMP_PREFIX: &str = ".duty-roster-";

/// What an entry of the output folder is to a run.
#[derive(Debug, PartialEq, Eq)]
enum Role {
    /// Written, replaced or removed by a run.
    Owned,
    /// A folder holding files of both kinds (`calendars/`, `notices/`).
    Mixed,
    /// The user's own: carried over as it is.
    Foreign,
}

/// The role of the entry at `rel` (relative to the output folder).
fn role(rel: &Path, is_dir: bool) -> Role {
    let parts: Vec<&str> = rel.iter().filter_map(|p| p.to_str()).collect();
    if parts.len() != rel.iter().count() {
        return Role::Foreign;
    }
    let ext = |e: &str| !is_dir && rel.extension().is_some_and(|x| x == e);
    match parts[..] {
        [.., name] if !is_dir && name.starts_with(TEMP_PREFIX) && parts.len() <= 3 => Role::Owned,
        [name] if is_dir && (name == CALENDARS_DIR || name == notices::NOTICES_DIR) => Role::Mixed,
        [name] if !is_dir && OWNED_FILES.contains(&name) => Role::Owned,
        [CALENDARS_DIR, sub] if is_dir && (sub == STAFF_DIR || sub == SITES_DIR) => Role::Mixed,
        [CALENDARS_DIR, name] if !is_dir && (name == ROSTER_FILE || name == STATE_FILE) => {
            Role::Owned
        }
        [CALENDARS_DIR, sub, _] if (sub == STAFF_DIR || sub == SITES_DIR) && ext("ics") => {
            Role::Owned
        }
        [dir, _] if dir == notices::NOTICES_DIR && ext("txt") => Role::Owned,
        _ => Role::Foreign,
    }
}

/// Carries the user's entries of the published folder `old` into `staging`, and
/// gives the files of `old` that the run owns but did not write (relative paths,
/// sorted; temporary files left by a killed run are dropped without a word).
///
/// # Errors
/// [`WriteError::Io`] naming the entry of `old` that could not be read or carried.
pub(crate) fn carry_over(
    old: &Path,
    staging: &Path,
    written: &HashSet<PathBuf>,
) -> Result<Vec<PathBuf>, WriteError> {
    let mut stale = Vec::new();
    walk(old, staging, Path::new(""), written, &mut stale)?;
    stale.sort();
    Ok(stale)
}

/// One folder of [`carry_over`]: `rel` is the folder's path under both roots.
fn walk(
    old: &Path,
    staging: &Path,
    rel: &Path,
    written: &HashSet<PathBuf>,
    stale: &mut Vec<PathBuf>,
) -> Result<(), WriteError> {
    let dir = old.join(rel);
    let fail = |path: &Path| {
        let path = path.to_path_buf();
        move |source| WriteError::Io { path, source }
    };
    let mut entries: Vec<fs::DirEntry> = fs::read_dir(&dir)
        .map_err(fail(&dir))?
        .collect::<Result<_, _>>()
        .map_err(fail(&dir))?;
    entries.sort_by_key(fs::DirEntry::file_name);
    for entry in entries {
        let rel = rel.join(entry.file_name());
        let from = old.join(&rel);
        let is_dir = entry.file_type().map_err(fail(&from))?.is_dir();
        match role(&rel, is_dir) {
            Role::Owned => {
                let temp = rel
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(TEMP_PREFIX));
                if !temp && !written.contains(&rel) {
                    stale.push(rel);
                }
            }
            Role::Mixed => walk(old, staging, &rel, written, stale)?,
            Role::Foreign => {
                let to = staging.join(&rel);
                if fs::symlink_metadata(&to).is_ok() {
                    return Err(fail(&from)(io::Error::new(
                        io::ErrorKind::AlreadyExists,
                        "this file is in the way of an output folder of the same name \
                         (move or rename it)",
                    )));
                }
                if let Some(parent) = to.parent() {
                    fs::create_dir_all(parent).map_err(fail(parent))?;
                }
                link_tree(&from, &to).map_err(fail(&from))?;
            }
        }
    }
    Ok(())
}

/// Puts the entry `from` at `to`: a file as a hard link (the same file, so a
/// program that has it open keeps it), copied where a link is refused; a symbolic
/// link as the same link; a folder made anew with the same permissions and filled
/// the same way.
fn link_tree(from: &Path, to: &Path) -> io::Result<()> {
    let meta = fs::symlink_metadata(from)?;
    if meta.is_dir() {
        fs::create_dir(to)?;
        let mut entries: Vec<fs::DirEntry> = fs::read_dir(from)?.collect::<Result<_, _>>()?;
        entries.sort_by_key(fs::DirEntry::file_name);
        for entry in entries {
            link_tree(&entry.path(), &to.join(entry.file_name()))?;
        }
        return fs::set_permissions(to, meta.permissions());
    }
    match fs::hard_link(from, to) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        Err(e) => copy_entry(from, to, &meta).map_err(|_| e),
    }
}

/// The fallback of [`link_tree`] for an entry that cannot be hard-linked.
fn copy_entry(from: &Path, to: &Path, meta: &fs::Metadata) -> io::Result<()> {
    #[cfg(unix)]
    if meta.file_type().is_symlink() {
        return std::os::unix::fs::symlink(fs::read_link(from)?, to);
    }
    if meta.is_file() {
        return fs::copy(from, to).map(drop);
    }
    Err(io::Error::other("neither a file, a folder nor a link"))
}

/// Moves back into the new folder `new` the user's top-level entries that reached
/// the published folder `old` after they were carried over (written while the run
/// was staging); the rest of `old` is the run's to remove.
pub(crate) fn rescue_late(old: &Path, new: &Path) {
    let Ok(entries) = fs::read_dir(old) else {
        return;
    };
    for entry in entries.flatten() {
        let rel = PathBuf::from(entry.file_name());
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        let target = new.join(&rel);
        if role(&rel, is_dir) == Role::Foreign && fs::symlink_metadata(&target).is_err() {
            let _ = fs::rename(entry.path(), target);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_are_owned_and_the_users_files_are_not() {
        let owned = |p: &str| role(Path::new(p), false) == Role::Owned;
        for p in [
            "roster.csv",
            "summary.json",
            "roster.xlsx",
            "private-names.csv",
            "changes.csv",
            "calendars/roster.ics",
            "calendars/state.json",
            "calendars/staff/BM-01.ics",
            "calendars/sites/bm.ics",
            "notices/BM-01.txt",
            ".duty-roster-Ab12Cd",
            "calendars/staff/.duty-roster-Ab12Cd",
        ] {
            assert!(owned(p), "{p} should be owned");
        }
        for p in [
            "ledger.csv",
            "notes.txt",
            "calendars/staff/README.txt",
            "calendars/other/x.ics",
            "notices/photo.png",
            "archive/roster.csv",
        ] {
            assert!(!owned(p), "{p} should be the user's");
        }
        assert_eq!(role(Path::new("calendars"), true), Role::Mixed);
        assert_eq!(role(Path::new("roster.csv"), true), Role::Foreign);
    }
}
