//! Tests of the staged write: the set replaced whole, the user's files carried over,
//! the run's stale files dropped, the leftovers of killed runs recovered or removed,
//! and a failure leaving the folder as it was. Both ways of swapping are tested.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::{ASIDE, Folder, STAGING, write_staged};
use crate::output::{FileKind, OutputFile};

fn file(path: &str, bytes: &str) -> OutputFile {
    OutputFile {
        path: PathBuf::from(path),
        kind: FileKind::SummaryJson,
        bytes: bytes.as_bytes().to_vec(),
    }
}

/// Every file under `dir` with its bytes, by relative path.
fn contents(dir: &Path) -> BTreeMap<String, String> {
    fn walk(root: &Path, dir: &Path, into: &mut BTreeMap<String, String>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, into);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                into.insert(rel, fs::read_to_string(&path).unwrap());
            }
        }
    }
    let mut into = BTreeMap::new();
    walk(dir, dir, &mut into);
    into
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn old_set() -> Vec<OutputFile> {
    vec![
        file("roster.csv", "old roster"),
        file("summary.json", "old summary"),
        file("changes.csv", "old changes"),
        file("calendars/staff/A.ics", "old A"),
        file("calendars/staff/GONE.ics", "old gone"),
        file("notices/A.txt", "old notice"),
    ]
}

fn new_set() -> Vec<OutputFile> {
    vec![
        file("roster.csv", "new roster"),
        file("summary.json", "new summary"),
        file("calendars/staff/A.ics", "new A"),
    ]
}

fn replaces_the_set_and_keeps_the_users_files(exchange: bool) {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("out");
    assert!(write_staged(&out, &old_set(), exchange).unwrap().is_empty());
    fs::write(out.join("ledger.csv"), "mine").unwrap();
    fs::write(out.join("calendars/staff/README.txt"), "mine too").unwrap();
    fs::create_dir_all(out.join("archive/2022")).unwrap();
    fs::write(out.join("archive/2022/roster.csv"), "archived").unwrap();
    fs::write(out.join(".duty-roster-Xy12Zt"), "temporary of a killed run").unwrap();
    let removed = write_staged(&out, &new_set(), exchange).unwrap();
    assert_eq!(
        removed,
        ["calendars/staff/GONE.ics", "changes.csv", "notices/A.txt"]
            .map(|p| out.join(p))
            .to_vec()
    );
    let expected: BTreeMap<String, String> = [
        ("roster.csv", "new roster"),
        ("summary.json", "new summary"),
        ("calendars/staff/A.ics", "new A"),
        ("calendars/staff/README.txt", "mine too"),
        ("ledger.csv", "mine"),
        ("archive/2022/roster.csv", "archived"),
    ]
    .into_iter()
    .map(|(p, b)| (p.to_string(), b.to_string()))
    .collect();
    assert_eq!(contents(&out), expected);
    assert!(
        !out.join("notices").exists(),
        "a folder left empty is not kept"
    );
    assert_eq!(names(root.path()), ["out"], "no staging or old folder left");
}

#[test]
fn the_exchange_replaces_the_set_and_keeps_the_users_files() {
    replaces_the_set_and_keeps_the_users_files(true);
}

#[test]
fn two_renames_replace_the_set_and_keep_the_users_files() {
    replaces_the_set_and_keeps_the_users_files(false);
}

#[test]
fn a_users_file_is_the_same_file_after_the_swap() {
    // Carried as a hard link: a program holding the ledger open keeps writing to it.
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("out");
    write_staged(&out, &old_set(), true).unwrap();
    fs::write(out.join("ledger.csv"), "mine").unwrap();
    let mut open = fs::OpenOptions::new()
        .append(true)
        .open(out.join("ledger.csv"))
        .unwrap();
    write_staged(&out, &new_set(), true).unwrap();
    std::io::Write::write_all(&mut open, b", still").unwrap();
    assert_eq!(
        fs::read_to_string(out.join("ledger.csv")).unwrap(),
        "mine, still"
    );
}

#[test]
fn a_failed_write_leaves_the_folder_as_it_was() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("out");
    write_staged(&out, &old_set(), true).unwrap();
    // A file of the user's named like a folder of the set cannot be carried over.
    fs::remove_dir_all(out.join("notices")).unwrap();
    fs::write(out.join("notices"), "a file").unwrap();
    let before = contents(&out);
    let set = vec![file("notices/B.txt", "new notice")];
    let err = write_staged(&out, &set, true).unwrap_err();
    assert!(err.to_string().contains("notices"), "{err}");
    assert_eq!(contents(&out), before);
    assert_eq!(names(root.path()), ["out"], "the staging folder is removed");
}

#[test]
fn a_file_in_the_way_is_refused_and_kept() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("out");
    fs::write(&out, "not a folder").unwrap();
    let err = write_staged(&out, &new_set(), true).unwrap_err();
    assert!(err.to_string().contains("must be a folder"), "{err}");
    assert_eq!(fs::read_to_string(&out).unwrap(), "not a folder");
}

#[test]
fn leftovers_of_killed_runs_are_removed_and_a_mid_swap_is_undone() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("out");
    write_staged(&out, &old_set(), true).unwrap();
    let before = contents(&out);
    let folder = Folder::of(&out).unwrap();
    // Killed between the two renames of a swap: the old set aside, no folder.
    let aside = folder.fresh_name(ASIDE, 0);
    fs::rename(&out, &aside).unwrap();
    let staging = folder.fresh_name(STAGING, 0);
    fs::create_dir(&staging).unwrap();
    fs::write(staging.join("roster.csv"), "half").unwrap();
    super::recover(&out).unwrap();
    assert_eq!(contents(&out), before);
    assert_eq!(names(root.path()), ["out"]);
}

#[test]
fn a_live_runs_staging_folder_is_left_alone() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("out");
    let folder = Folder::of(&out).unwrap();
    let (staging, lock) = folder.make_staging().unwrap();
    super::recover(&out).unwrap();
    assert!(staging.exists(), "locked by a live run");
    drop(lock);
    super::recover(&out).unwrap();
    assert!(!staging.exists(), "no longer locked");
}

#[test]
fn a_symbolic_link_keeps_pointing_at_the_new_set() {
    let root = tempfile::tempdir().unwrap();
    let real = root.path().join("real");
    write_staged(&real, &old_set(), true).unwrap();
    let link = root.path().join("link");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_staged(&link, &new_set(), true).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            fs::read_to_string(real.join("roster.csv")).unwrap(),
            "new roster"
        );
    }
}
