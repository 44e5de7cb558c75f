//! The bodies of the fuzz targets, one function each, shared by cargo-fuzz
//! (`fuzz/fuzz_targets/`, included by path) and by the proptest tests of
//! `tests/fuzz.rs`, so that `cargo test` runs the same targets on every machine.
//!
//! Each takes any bytes, reads them as text (invalid UTF-8 replaced, so that mutated
//! files still reach the reader), and goes on as far as the input allows. A target
//! fails only by panicking: in the library (the bug a fuzzer looks for), or in one of
//! the checks below, which hold for every input: an error message names the file and
//! says something, and points inside the text when it has a position; a roster read
//! validates again as it stands.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use duty_roster::check::precheck;
use duty_roster::error::Position;
use duty_roster::input::{nsp, read_leave_table, read_roster_str, read_staff_table};
use duty_roster::{ReadError, Roster};

/// Any bytes as a roster file, through the path `duty-roster check FILE` takes: the
/// format told by the content, the roster read and validated, the counting checks
/// made, and every finding or error rendered as the command prints it.
pub fn roster_file(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    check_read(
        &text,
        "fuzz.toml",
        read_roster_str(&text, Path::new("fuzz.toml")),
    );
}

/// Any bytes as a shift-scheduling benchmark file (`Instance1.txt`...), through the
/// benchmark reader whatever its first line, then as [`roster_file`].
pub fn benchmark_file(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    check_read(&text, "fuzz.txt", nsp::parse(&text, Path::new("fuzz.txt")));
}

/// Any bytes as a staff or leave table (`staff_from`, `leave_from`). The first byte
/// chooses the file's kind (its value modulo 3: `.csv`, `.xlsx`, `.ods`) and, by its
/// high bit, the reader (staff when clear, leave when set); the rest is the file,
/// written to a scratch file since the readers take a path. A table read gives rows
/// with an id; an error names the file and says something.
pub fn staff_table(data: &[u8]) {
    let Some((&choice, bytes)) = data.split_first() else {
        return;
    };
    let kind = ["csv", "xlsx", "ods"][usize::from(choice % 3)];
    let path = scratch_file(kind);
    std::fs::write(&path, bytes).expect("a scratch file can be written");
    let read = if choice & 0x80 == 0 {
        read_staff_table(&path, None).map(|staff| {
            for person in &staff {
                assert!(!person.id.is_empty(), "a person without an id: {person:?}");
            }
        })
    } else {
        read_leave_table(&path, None).map(|rows| {
            for row in &rows {
                assert!(!row.id.is_empty() && row.row > 0, "a leave row: {row:?}");
            }
        })
    };
    let _ = std::fs::remove_file(&path);
    if let Err(e) = read {
        let shown = path.display().to_string();
        let message = e.to_string();
        assert!(
            message.starts_with(&shown) && message.len() > shown.len() + 2,
            "an error that does not name the file or says nothing: {message}"
        );
    }
}

/// A scratch file of its own for each call (fuzzing and tests run on several threads).
fn scratch_file(extension: &str) -> PathBuf {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    std::env::temp_dir().join(format!(
        "duty-roster-fuzz-{}-{n}.{extension}",
        std::process::id()
    ))
}

/// What `check` does with a read roster, and the checks on an error.
fn check_read(text: &str, path: &str, read: Result<Roster, ReadError>) {
    let roster = match read {
        Ok(roster) => roster,
        Err(e) => return check_error(text, path, &e),
    };
    let mut out = format!(
        "{path}: {} sites, {} duty kinds, {} staff, {} slots from {} to {}\n",
        roster.sites().len(),
        roster.duties().len(),
        roster.staff().len(),
        roster.slots().len(),
        roster.def().period.first,
        roster.def().period.last
    );
    for finding in precheck(&roster) {
        let line = finding.to_string();
        assert!(!line.trim().is_empty(), "an empty finding: {finding:?}");
        out.push_str(&format!("  - {line}\n"));
    }
    // `check --show-reasons` validates the definition again with one setting changed.
    let mut def = roster.def().clone();
    def.settings.show_reasons = true;
    if let Err(e) = Roster::new(def) {
        panic!("a roster read from {path} does not validate again: {e}\n{out}");
    }
}

/// An error names the file, says what is wrong, and its position is in the text.
fn check_error(text: &str, path: &str, e: &ReadError) {
    let message = e.to_string();
    assert!(
        message.starts_with(path),
        "the error does not name the file: {message}"
    );
    assert!(
        message[path.len()..]
            .trim_start_matches(|c: char| c == ':' || c.is_ascii_digit())
            .trim()
            .len()
            > 2,
        "the error says nothing: {message}"
    );
    let at = match e {
        ReadError::Syntax { at, .. } | ReadError::Invalid { at, .. } => *at,
        _ => None,
    };
    if let Some(Position { line, column, .. }) = at {
        let lines: Vec<&str> = text.split('\n').collect();
        assert!(
            (1..=lines.len()).contains(&line),
            "line {line} of a text of {} lines: {message}",
            lines.len()
        );
        let width = lines[line - 1].chars().count();
        assert!(
            (1..=width + 1).contains(&column),
            "column {column} of a line of {width} characters: {message}"
        );
    }
}
