//! Calendar output end to end: the golden `.ics` files of the August roster (byte for
//! byte), UTC instants in August and during Ramadan, `--format`, keyed file names and
//! their key, and stale calendars. Real parsers and a CalDAV server check the same
//! files in `tests/ics/`, run by `.ci/run`.

mod common;

use common::{read_assignments, root, scratch_in};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use duty_roster::output::ics::{
    CalendarOptions, MAX_LINE_OCTETS, NAME_KEY_ENV, NameKey, keyed_file_stem, render,
};
use duty_roster::read_roster_file;

const BIN: &str = env!("CARGO_BIN_EXE_duty-roster");
const KEY: &str = "a test key that is long enough";

/// Runs the program with `env` set and the name key variable otherwise unset.
fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(BIN);
    command
        .args(args)
        .current_dir(root())
        .env_remove(NAME_KEY_ENV);
    for (k, v) in env {
        command.env(k, v);
    }
    command.output().expect("run duty-roster")
}

fn ok(output: Output) -> String {
    assert!(
        output.status.success(),
        "status {:?}\nstdout:\n{}\nstderr:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn solve(roster: &str, out: &Path, extra: &[&str], env: &[(&str, &str)]) -> Output {
    let roster = format!("rosters/{roster}.toml");
    let mut args = vec!["solve", roster.as_str(), "--out", out.to_str().unwrap()];
    args.extend(extra);
    run(&args, env)
}

/// Every calendar (`.ics` file) under `dir`, by path relative to it.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, into: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(base, &path, into);
            } else if path.extension().is_some_and(|e| e == "ics") {
                let bytes = std::fs::read(&path).unwrap();
                into.insert(path.strip_prefix(base).unwrap().to_path_buf(), bytes);
            }
        }
    }
    let mut files = BTreeMap::new();
    if dir.exists() {
        walk(dir, dir, &mut files);
    }
    files
}

fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

/// A fresh empty folder for one test.
fn scratch(name: &str) -> std::path::PathBuf {
    scratch_in("ics-tests", name)
}

#[test]
fn august_calendars_match_the_golden_files() {
    let out = scratch("august");
    ok(solve("aubm-2022-08", &out, &["--quiet"], &[]));
    let written = tree(&out.join("calendars"));
    let golden_dir = root().join("tests/golden/aubm-2022-08/calendars");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let _ = std::fs::remove_dir_all(&golden_dir);
        for (path, bytes) in &written {
            let target = golden_dir.join(path);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(target, bytes).unwrap();
        }
    }
    let golden = tree(&golden_dir);
    assert!(
        !golden.is_empty(),
        "no golden calendars (UPDATE_GOLDEN=1 writes them)"
    );
    assert_eq!(
        written.keys().collect::<Vec<_>>(),
        golden.keys().collect::<Vec<_>>(),
        "calendar files differ from tests/golden/aubm-2022-08/calendars"
    );
    for (path, bytes) in &written {
        assert!(
            bytes == &golden[path],
            "{} differs from its golden file (UPDATE_GOLDEN=1 rewrites them)",
            path.display()
        );
    }
    assert_eq!(
        written.len(),
        30 + 6 + 1,
        "a calendar per person, per site, and the roster's"
    );
}

#[test]
fn golden_calendars_agree_with_the_golden_roster_csv() {
    // The golden calendars and tests/golden/aubm-2022-08/roster.csv must describe the
    // same roster: when a change to the model gives another optimal roster, both are
    // rewritten together by UPDATE_GOLDEN=1 cargo test.
    let golden = root().join("tests/golden/aubm-2022-08");
    let roster = read_roster_file(&root().join("rosters/aubm-2022-08.toml")).unwrap();
    let assignments = read_assignments(&golden.join("roster.csv"));
    let rendered = render(&roster, &assignments, &CalendarOptions::default());
    let files = tree(&golden.join("calendars"));
    assert_eq!(rendered.len(), files.len());
    for calendar in rendered {
        let relative = calendar.path.strip_prefix("calendars").unwrap();
        assert!(
            files.get(relative) == Some(&calendar.bytes),
            "{} does not match roster.csv (UPDATE_GOLDEN=1 cargo test rewrites both)",
            relative.display()
        );
    }
}

#[test]
fn golden_calendars_are_crlf_and_folded_at_75_octets() {
    for (path, bytes) in tree(&root().join("tests/golden/aubm-2022-08/calendars")) {
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.ends_with("\r\n"), "{}", path.display());
        assert!(!text.replace("\r\n", "").contains(['\r', '\n']));
        for line in text.trim_end_matches("\r\n").split("\r\n") {
            assert!(
                line.len() <= MAX_LINE_OCTETS,
                "{}: {} octets: {line}",
                path.display(),
                line.len()
            );
        }
    }
}

/// The DTSTART of the event with `uid` in `calendar`.
fn start_of(calendar: &Path, uid: &str) -> String {
    let text = std::fs::read_to_string(calendar)
        .unwrap()
        .replace("\r\n ", "");
    let event = text
        .split("BEGIN:VEVENT\r\n")
        .find(|e| e.starts_with(&format!("UID:{uid}\r\n")))
        .unwrap_or_else(|| panic!("no event {uid} in {}", calendar.display()));
    event
        .lines()
        .find_map(|l| l.strip_prefix("DTSTART:"))
        .unwrap()
        .to_string()
}

#[test]
fn after_hours_at_1630_local_is_1530_utc_in_august() {
    let out = scratch("august-utc");
    ok(solve(
        "aubm-2022-08",
        &out,
        &["--quiet", "--format", "ics"],
        &[],
    ));
    let all = out.join("calendars/roster.ics");
    assert_eq!(
        start_of(&all, "aubm-2022-08_20220808_bm_after-hours@duty-roster"),
        "20220808T153000Z"
    );
    // A Saturday morning at 09:00 local.
    assert_eq!(
        start_of(&all, "aubm-2022-08_20220806_bm_saturday@duty-roster"),
        "20220806T080000Z"
    );
}

#[test]
fn ramadan_instants_are_utc_plus_0() {
    let out = scratch("ramadan");
    ok(solve(
        "aubm-2022-04-ramadan",
        &out,
        &["--quiet", "--format", "ics"],
        &[],
    ));
    let all = out.join("calendars/roster.ics");
    // 1 April, before the Ramadan hours but after the clock went back: 16:30 is 16:30Z.
    assert_eq!(
        start_of(
            &all,
            "aubm-2022-04-ramadan_20220401_bm_after-hours@duty-roster"
        ),
        "20220401T163000Z"
    );
    // 12 April, Ramadan hours: 15:00 local is 15:00Z.
    assert_eq!(
        start_of(
            &all,
            "aubm-2022-04-ramadan_20220412_bm_after-hours@duty-roster"
        ),
        "20220412T150000Z"
    );
    let text = std::fs::read_to_string(&all).unwrap().replace("\r\n ", "");
    assert!(
        text.contains("mardi 2022-04-12\\, 15:00–17:00"),
        "local hours shown"
    );
    assert!(
        !text.contains("VALARM"),
        "the April roster asks for no reminder"
    );
}

#[test]
fn format_selects_the_files_and_summary_json_is_always_written() {
    let out = scratch("format-csv");
    ok(solve(
        "aubm-2022-08",
        &out,
        &["--quiet", "--format", "csv"],
        &[],
    ));
    assert_eq!(
        file_names(&out),
        ["roster.csv", "summary.csv", "summary.json"]
    );
    let out = scratch("format-ics");
    ok(solve(
        "aubm-2022-08",
        &out,
        &["--quiet", "--format", "ics"],
        &[],
    ));
    assert_eq!(file_names(&out), ["calendars", "summary.json"]);
    let out = scratch("format-default");
    let stdout = ok(solve("aubm-2022-08", &out, &[], &[]));
    let names = file_names(&out);
    for name in ["calendars", "roster.csv", "summary.csv", "summary.json"] {
        assert!(
            names.iter().any(|n| n == name),
            "{name} by default: {names:?}"
        );
    }
    assert!(stdout.contains("wrote 37 calendars in"), "{stdout}");
    let bad = run(
        &[
            "solve",
            "rosters/aubm-2022-08.toml",
            "--out",
            "x",
            "--format",
            "pdf",
        ],
        &[],
    );
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn private_names_need_a_key() {
    let out = scratch("no-key");
    let target = out.join("out");
    let output = solve("aubm-2022-08", &target, &["--private-names"], &[]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(NAME_KEY_ENV), "{stderr}");
    assert!(!target.exists(), "nothing written without a key");
    let output = solve(
        "aubm-2022-08",
        &target,
        &["--private-names"],
        &[(NAME_KEY_ENV, "short")],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("too short"));
    let output = solve("aubm-2022-08", &target, &["--name-key-file", "k"], &[]);
    assert_eq!(
        output.status.code(),
        Some(2),
        "--name-key-file needs --private-names"
    );
    assert!(!target.exists());
}

#[test]
fn private_names_are_keyed_hashes_and_the_summary_says_whose() {
    let out = scratch("private-env");
    let stdout = ok(solve(
        "aubm-2022-08",
        &out,
        &["--private-names"],
        &[(NAME_KEY_ENV, KEY)],
    ));
    let key = NameKey::new(KEY.as_bytes().to_vec()).unwrap();
    let names = file_names(&out.join("calendars/staff"));
    assert_eq!(names.len(), 30);
    for name in &names {
        let stem = name.strip_suffix(".ics").unwrap();
        assert!(
            stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_hexdigit()),
            "{name}"
        );
    }
    let bm01 = format!("{}.ics", keyed_file_stem(&key, "BM-01"));
    assert!(names.contains(&bm01));
    let line = stdout
        .lines()
        .find(|l| l.contains(&bm01))
        .unwrap_or_else(|| panic!("no line for {bm01} in:\n{stdout}"));
    assert!(
        line.contains("BM-01") && line.contains("Salma Idrissi"),
        "{line}"
    );
    // The per-person calendars are the same as with plain names, only named otherwise.
    let plain = scratch("private-plain");
    ok(solve("aubm-2022-08", &plain, &["--quiet"], &[]));
    assert!(
        std::fs::read(out.join("calendars/staff").join(&bm01)).unwrap()
            == std::fs::read(plain.join("calendars/staff/BM-01.ics")).unwrap()
    );
}

#[test]
fn name_key_file_wins_over_the_environment() {
    let out = scratch("private-file");
    let key_file = out.join("name.key");
    std::fs::write(&key_file, format!("{KEY}-from-file\n")).unwrap();
    ok(solve(
        "aubm-2022-08",
        &out.join("out"),
        &[
            "--quiet",
            "--private-names",
            "--name-key-file",
            key_file.to_str().unwrap(),
        ],
        &[(NAME_KEY_ENV, KEY)],
    ));
    let key = NameKey::new(format!("{KEY}-from-file").into_bytes()).unwrap();
    let expected = format!("{}.ics", keyed_file_stem(&key, "KBG-06"));
    assert!(file_names(&out.join("out/calendars/staff")).contains(&expected));
    let missing = solve(
        "aubm-2022-08",
        &out.join("out2"),
        &["--private-names", "--name-key-file", "no/such.key"],
        &[],
    );
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no/such.key"));
}

#[test]
fn switching_to_private_names_removes_the_calendars_named_by_id() {
    // Left behind, BM-01.ics would tell a visitor of the published folder whose
    // duties are whose, which is what private names are for.
    let out = scratch("switch");
    ok(solve("aubm-2022-08", &out, &["--quiet"], &[]));
    assert!(out.join("calendars/staff/BM-01.ics").exists());
    std::fs::write(out.join("calendars/staff/notes.txt"), "kept").unwrap();
    let stdout = ok(solve(
        "aubm-2022-08",
        &out,
        &["--private-names"],
        &[(NAME_KEY_ENV, KEY)],
    ));
    let names = file_names(&out.join("calendars/staff"));
    assert!(!names.iter().any(|n| n.contains("BM-")), "{names:?}");
    assert!(names.contains(&"notes.txt".to_string()));
    assert!(stdout.contains("removed stale calendar"), "{stdout}");
}

#[test]
fn calendars_are_byte_identical_across_runs() {
    let (a, b) = (scratch("determinism-a"), scratch("determinism-b"));
    ok(solve(
        "aubm-2022-08",
        &a,
        &["--quiet", "--format", "ics"],
        &[],
    ));
    ok(solve(
        "aubm-2022-08",
        &b,
        &["--quiet", "--format", "ics"],
        &[],
    ));
    assert!(tree(&a.join("calendars")) == tree(&b.join("calendars")));
}

#[test]
fn private_names_are_listed_in_private_names_csv_even_when_quiet() {
    // With --quiet nothing is printed: the file is the only place saying whose file
    // is whose, and it goes away with the keyed names.
    let out = scratch("private-list");
    let stdout = ok(solve(
        "aubm-2022-08",
        &out,
        &["--quiet", "--private-names"],
        &[(NAME_KEY_ENV, KEY)],
    ));
    assert_eq!(stdout, "");
    let key = NameKey::new(KEY.as_bytes().to_vec()).unwrap();
    let list = std::fs::read_to_string(out.join("private-names.csv")).unwrap();
    let list = list.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let mut lines = list.lines();
    assert_eq!(lines.next(), Some("file;staff;staff_name"));
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 30);
    let bm01 = format!(
        "calendars/staff/{}.ics;BM-01;Salma Idrissi — سلمى الإدريسي",
        keyed_file_stem(&key, "BM-01")
    );
    assert!(rows.contains(&bm01.as_str()), "{list}");
    for row in &rows {
        let file = row.split(';').next().unwrap();
        assert!(out.join(file).is_file(), "{file} is listed but not written");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(out.join("private-names.csv"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "readable by its owner only");
    }
    let stdout = ok(solve("aubm-2022-08", &out, &[], &[]));
    assert!(stdout.contains("removed") && stdout.contains("private-names.csv"));
    assert!(!out.join("private-names.csv").exists());
}
