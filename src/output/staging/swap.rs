//! Putting a complete staging folder in place of the output folder, and the lock
//! that tells a live run's staging folder from one a killed run left.
//!
//! On Linux the two folders are exchanged in one step (`renameat2` with
//! `RENAME_EXCHANGE`): at every instant the output folder's name holds either the
//! old set or the new one. Elsewhere, or on a file system that cannot exchange,
//! the old folder is renamed aside and the staging folder renamed in; a run killed
//! between the two renames leaves no output folder and the old set aside, which
//! [`super::recover`] renames back.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

/// How the new set was put in place, and where the old set now lies.
#[derive(Debug)]
pub(crate) enum Swapped {
    /// There was no output folder: the staging folder was renamed to it.
    Fresh,
    /// The old set is in the folder the new one was staged in.
    Exchanged,
    /// The old set is in this folder, renamed aside.
    Aside(PathBuf),
}

/// Puts `staging` in place of `target`. `aside` is where the old set goes when the
/// folders cannot be exchanged; `exchange` false skips the exchange (for tests of
/// the fallback). On failure the output folder holds the old set.
pub(crate) fn swap_in(
    staging: &Path,
    target: &Path,
    aside: &Path,
    exchange: bool,
) -> io::Result<Swapped> {
    if std::fs::symlink_metadata(target).is_err() {
        std::fs::rename(staging, target)?;
        return Ok(Swapped::Fresh);
    }
    if exchange && try_exchange(staging, target)? {
        return Ok(Swapped::Exchanged);
    }
    std::fs::rename(target, aside)?;
    if let Err(e) = std::fs::rename(staging, target) {
        // Put the old set back; if even that fails, the next run's recovery will.
        let _ = std::fs::rename(aside, target);
        return Err(e);
    }
    Ok(Swapped::Aside(aside.to_path_buf()))
}

/// Exchanges the two folders; `false` when the system or file system cannot.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn try_exchange(staging: &Path, target: &Path) -> io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, staging, CWD, target, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Exchanges the two folders; `false` when the system or file system cannot.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn try_exchange(_staging: &Path, _target: &Path) -> io::Result<bool> {
    Ok(false)
}

/// A lock held on a staging folder for as long as its run lives; the system drops
/// it when the process ends, killed or not.
#[derive(Debug)]
pub(crate) struct Lock {
    _file: Option<File>,
}

/// Locks the folder `dir` for this run.
pub(crate) fn lock(dir: &Path) -> io::Result<Lock> {
    #[cfg(unix)]
    {
        let file = File::open(dir)?;
        rustix::fs::flock(&file, rustix::fs::FlockOperation::NonBlockingLockExclusive)?;
        Ok(Lock { _file: Some(file) })
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(Lock { _file: None })
    }
}

/// Whether a live run holds the lock of the folder `dir`.
pub(crate) fn is_locked(dir: &Path) -> bool {
    #[cfg(unix)]
    {
        let Ok(file) = File::open(dir) else {
            return false;
        };
        let busy =
            rustix::fs::flock(&file, rustix::fs::FlockOperation::NonBlockingLockExclusive).is_err();
        // Closing the file releases the lock taken just to test it.
        drop(file);
        busy
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        false
    }
}

/// Makes what was written in `dir` durable (its entries), as far as the system
/// allows; a folder that cannot be opened for it is left as it is.
pub(crate) fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(file) = File::open(dir) {
        let _ = file.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
