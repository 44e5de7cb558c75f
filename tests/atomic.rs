//! Whole-run atomicity of the output folder, end to end: the binary is killed
//! (SIGKILL) at random points of a run that writes hundreds of calendars over a
//! folder holding another roster's files, and after every kill the folder holds
//! exactly one of the two sets, never a mix, and nothing a killed run left behind
//! is taken for an output. Each roster the solver writes is checked by the
//! independent validator.
#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{read_assignments, scratch_in};
use duty_roster::{read_roster_file, validate};

const BIN: &str = env!("CARGO_BIN_EXE_duty-roster");

/// Kills landing while the files are written that the test wants to see, and the
/// most runs it makes to see them.
const WANTED_DURING_WRITING: usize = 15;
const MAX_KILLS: usize = 80;

/// A one-week roster of `staff` people at one desk that takes a fifth of them each
/// weekday, so that every person has a calendar: hundreds of files to write.
/// `first_id` shifts the ids, so that two rosters share most people but not all.
fn roster_text(name: &str, staff: usize, first_id: usize) -> String {
    let mut text = format!(
        "[roster]\nid = \"kill-test\"\nname = \"{name}\"\nfirst = 2023-01-02\n\
         last = 2023-01-08\ntime_zone = \"Africa/Casablanca\"\n\n\
         [[site]]\nid = \"hq\"\nname = \"Siège\"\n\n\
         [[duty]]\nid = \"evening\"\nname = \"Permanence\"\n\
         weekdays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]\n\
         start = \"16:30\"\nend = \"18:30\"\n  [[duty.cover]]\n  site = \"hq\"\n\
         min = {cover}\n  max = {cover}\n",
        cover = staff / 5
    );
    for i in first_id..first_id + staff {
        text.push_str(&format!(
            "\n[[staff]]\nid = \"S-{i:04}\"\nname = \"Person {i}\"\nhome = \"hq\"\n"
        ));
    }
    text
}

/// A run of `solve` writing `roster` into `out`, started and not waited for.
fn spawn(roster: &Path, out: &Path) -> Child {
    Command::new(BIN)
        .args(["solve", roster.to_str().unwrap(), "--out"])
        .arg(out)
        .args(["--quiet", "--no-search"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run duty-roster")
}

/// Every file under `dir` with its bytes, by relative path; `summary.json` without
/// its `timing`, the one part that changes from run to run.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, into: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, into);
                continue;
            }
            let rel = path.strip_prefix(root).unwrap().to_path_buf();
            let mut bytes = std::fs::read(&path).unwrap();
            if rel == Path::new("summary.json") {
                let mut v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
                v.as_object_mut().unwrap().remove("timing");
                bytes = v.to_string().into_bytes();
            }
            into.insert(rel, bytes);
        }
    }
    let mut into = BTreeMap::new();
    walk(dir, dir, &mut into);
    into
}

/// Puts the files of `set` in `dir`, and nothing else.
fn restore(dir: &Path, set: &BTreeMap<PathBuf, Vec<u8>>) {
    let _ = std::fs::remove_dir_all(dir);
    for (rel, bytes) in set {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

/// The entries of `parent` other than `keep`: what runs left beside the folder.
fn neighbours(parent: &Path, keep: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(parent)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != keep && !n.ends_with(".toml"))
        .collect();
    names.sort();
    names
}

/// Checks the roster written in `dir` against `roster` with the validator.
fn assert_valid(roster: &Path, dir: &Path) {
    let roster = read_roster_file(roster).unwrap();
    let assignments = read_assignments(&dir.join("roster.csv"));
    assert!(!assignments.is_empty());
    let report = validate(&roster, &assignments);
    assert!(report.violations.is_empty(), "{:?}", report.violations);
}

/// SplitMix64, for kill times that are the same on every run of the test.
fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Runs `roster` into `out` to the end, timing it and noting when its staging
/// folder appeared: the writing phase, to aim the kills at.
fn timed_run(roster: &Path, out: &Path) -> (Duration, Duration) {
    let parent = out.parent().unwrap();
    let name = out.file_name().unwrap().to_string_lossy().into_owned();
    let start = Instant::now();
    let mut child = spawn(roster, out);
    let mut staged = None;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "the timed run failed");
            break;
        }
        if staged.is_none()
            && neighbours(parent, &name)
                .iter()
                .any(|n| n.contains("staging"))
        {
            staged = Some(start.elapsed());
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    let end = start.elapsed();
    (staged.unwrap_or(end / 2), end)
}

#[test]
fn a_run_killed_anywhere_leaves_the_old_set_or_the_new_one_whole() {
    let dir = scratch_in("atomic-tests", "kills");
    let (old_roster, new_roster) = (dir.join("old.toml"), dir.join("new.toml"));
    std::fs::write(&old_roster, roster_text("Old roster", 400, 0)).unwrap();
    std::fs::write(&new_roster, roster_text("New roster", 390, 10)).unwrap();
    let out = dir.join("out");

    // The two sets, each beside a file of the user's, which both must keep.
    let status = spawn(&old_roster, &out).wait_with_output().unwrap();
    assert!(status.status.success());
    assert_valid(&old_roster, &out);
    std::fs::write(out.join("notes.txt"), "the user's own file").unwrap();
    let old = snapshot(&out);
    let calibration = dir.join("calibration");
    restore(&calibration, &old);
    let (staged, end) = timed_run(&new_roster, &calibration);
    assert_valid(&new_roster, &calibration);
    let new = snapshot(&calibration);
    std::fs::remove_dir_all(&calibration).unwrap();
    assert!(
        new.keys()
            .filter(|p| p.starts_with("calendars/staff"))
            .count()
            >= 390
    );
    assert!(new.contains_key(Path::new("notes.txt")));
    assert!(old.keys().any(|p| !new.contains_key(p)), "stale calendars");
    assert!(old.iter().any(|(p, b)| new.get(p).is_some_and(|n| n != b)));

    // Kill times spread over the writing phase, a little before and after it.
    let (from, to) = (staged.mul_f64(0.8), end.mul_f64(1.05));
    let mut state = 17;
    // While writing: a staging folder was left, holding the new set being written
    // (the old set still in place) or, once exchanged, the old set not yet removed.
    let (mut during, mut during_old, mut before, mut after, mut finished) = (0, 0, 0, 0, 0);
    let mut kills = 0;
    while during < WANTED_DURING_WRITING && kills < MAX_KILLS {
        kills += 1;
        let left_before = neighbours(&dir, "out");
        let wait = from + (to - from).mul_f64((next(&mut state) % 10_000) as f64 / 10_000.0);
        let mut child = spawn(&new_roster, &out);
        std::thread::sleep(wait);
        child.kill().unwrap();
        let status = child.wait().unwrap();
        let now = snapshot(&out);
        let is_old = now == old;
        assert!(
            is_old || now == new,
            "kill {kills} after {wait:?}: the folder is neither the old set nor the new one \
             ({} files; {} only in old, {} only in new)",
            now.len(),
            now.keys()
                .filter(|p| old.contains_key(*p) && !new.contains_key(*p))
                .count(),
            now.keys()
                .filter(|p| new.contains_key(*p) && !old.contains_key(*p))
                .count(),
        );
        let left: Vec<String> = neighbours(&dir, "out")
            .into_iter()
            .filter(|n| !left_before.contains(n))
            .collect();
        assert!(
            left.iter().all(|n| n.starts_with(".out.duty-roster-")),
            "unexpected leftovers {left:?}"
        );
        match (status.signal(), left.is_empty(), is_old) {
            (None, _, _) => finished += 1,
            (Some(_), false, is_old) => {
                during += 1;
                during_old += usize::from(is_old);
            }
            (Some(_), true, true) => before += 1,
            (Some(_), true, false) => after += 1,
        }
        if !is_old {
            restore(&out, &old);
        }
    }
    eprintln!(
        "{kills} kills: {during} while writing ({during_old} of them before the swap), \
         {before} before writing, {after} after the clean-up; {finished} runs ended first"
    );
    assert!(
        during > 0,
        "no kill landed while the files were written: nothing was tested"
    );

    // A normal run after all those kills writes the new set and clears every leftover.
    let run = spawn(&new_roster, &out).wait_with_output().unwrap();
    assert!(run.status.success());
    assert_eq!(snapshot(&out), new);
    assert_eq!(neighbours(&dir, "out"), Vec::<String>::new());
}

#[test]
fn a_run_killed_while_staging_is_cleaned_up_by_the_next_run() {
    let dir = scratch_in("atomic-tests", "cleanup");
    let roster = dir.join("roster.toml");
    std::fs::write(&roster, roster_text("Roster", 400, 0)).unwrap();
    let out = dir.join("out");
    // Kill as soon as the staging folder appears; a run that ends first is retried.
    let mut killed_while_staging = false;
    for _ in 0..5 {
        let mut child = spawn(&roster, &out);
        while child.try_wait().unwrap().is_none()
            && !neighbours(&dir, "out")
                .iter()
                .any(|n| n.contains("staging"))
        {
            std::thread::sleep(Duration::from_millis(1));
        }
        child.kill().unwrap();
        child.wait().unwrap();
        if !neighbours(&dir, "out").is_empty() {
            killed_while_staging = true;
            break;
        }
    }
    assert!(killed_while_staging, "every run ended before its kill");
    // The first run into the folder: killed before its swap, there is no folder yet.
    assert!(!out.exists() || out.join("summary.json").is_file());
    let run = spawn(&roster, &out).wait_with_output().unwrap();
    assert!(run.status.success());
    assert_valid(&roster, &out);
    assert_eq!(neighbours(&dir, "out"), Vec::<String>::new());
}

#[test]
fn a_failed_write_exits_non_zero_and_leaves_the_folder_as_it_was() {
    let dir = scratch_in("atomic-tests", "failure");
    let roster = dir.join("roster.toml");
    std::fs::write(&roster, roster_text("Roster", 40, 0)).unwrap();
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("roster.csv"), "an older roster").unwrap();
    // A file of the user's where the run must make its calendars folder.
    std::fs::write(out.join("calendars"), "in the way").unwrap();
    let before = snapshot(&out);
    let run = spawn(&roster, &out).wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("calendars") && stderr.contains("in the way"),
        "{stderr}"
    );
    assert_eq!(snapshot(&out), before);
    assert_eq!(neighbours(&dir, "out"), Vec::<String>::new());
}

#[test]
fn the_current_folder_is_refused_as_the_output_folder_before_solving() {
    // A run replaces its output folder whole: the current folder would be left in the
    // old set, which is removed.
    let dir = scratch_in("atomic-tests", "current");
    std::fs::write(dir.join("roster.toml"), roster_text("Roster", 40, 0)).unwrap();
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    for out in [".", "..", "../current"] {
        let run = Command::new(BIN)
            .args(["solve", "roster.toml", "--out", out, "--quiet"])
            .current_dir(&dir)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "{out}: {stderr}");
        assert!(stderr.contains("current folder"), "{out}: {stderr}");
    }
    assert_eq!(neighbours(&dir, "notes.txt"), Vec::<String>::new());
    assert!(!dir.join("roster.csv").exists());
}

#[test]
fn files_of_formats_no_longer_asked_for_go_and_the_users_files_stay() {
    // Left behind, last month's page and calendars would sit beside this month's
    // roster.csv as if they belonged to it.
    let dir = scratch_in("atomic-tests", "formats");
    let roster = dir.join("roster.toml");
    std::fs::write(&roster, roster_text("Roster", 40, 0)).unwrap();
    let out = dir.join("out");
    assert!(spawn(&roster, &out).wait().unwrap().success());
    assert!(out.join("roster.html").is_file() && out.join("calendars/roster.ics").is_file());
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    std::fs::write(out.join("calendars/README.txt"), "mine too").unwrap();
    let run = Command::new(BIN)
        .args([
            "solve",
            roster.to_str().unwrap(),
            "--format",
            "csv",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(run.status.success());
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        stdout.contains("roster.html, left by an earlier run"),
        "{stdout}"
    );
    assert!(stdout.contains("removed stale calendar"), "{stdout}");
    assert_valid(&roster, &out);
    let files: Vec<PathBuf> = snapshot(&out).into_keys().collect();
    let expected: Vec<PathBuf> = [
        "calendars/README.txt",
        "notes.txt",
        "roster.csv",
        "summary.csv",
        "summary.json",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    assert_eq!(files, expected);
}
