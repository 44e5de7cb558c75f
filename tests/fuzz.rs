//! The fuzz targets of `fuzz/` (docs/fuzzing.md), run by proptest on every machine:
//! the shipped roster files and benchmark instances, mutated (bytes flipped, cut,
//! spliced from another file, a value or a line replaced by an awkward one), must be
//! read, checked and rendered without a panic. Then the regression tests of what
//! fuzzing found, each named after what it guards.

#[path = "../fuzz/targets.rs"]
mod targets;

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use proptest::prelude::*;

/// Cases per target: enough for each seed to be mutated several ways, few enough for
/// a debug build to run them in seconds.
const CASES: u32 = 384;

/// The seed files of one target: every file of `dirs` ending in `suffix`.
fn seeds(dirs: &[&str], suffix: &str) -> Vec<Vec<u8>> {
    let mut files: Vec<PathBuf> = dirs
        .iter()
        .flat_map(|d| std::fs::read_dir(common::root().join(d)).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no seed in {dirs:?}");
    files.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

fn roster_seeds() -> &'static [Vec<u8>] {
    static SEEDS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    SEEDS.get_or_init(|| seeds(&["rosters", "tests/rosters"], ".toml"))
}

fn benchmark_seeds() -> &'static [Vec<u8>] {
    static SEEDS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    // The largest instances make slow cases and add no syntax the others lack.
    SEEDS.get_or_init(|| {
        seeds(&["benches/data/nsp"], ".txt")
            .into_iter()
            .filter(|s| s.len() < 12_000)
            .collect()
    })
}

/// The seeds of the table target: each table file behind the byte that chooses its
/// reader (see `targets::staff_table`), and a staff table in CSV.
fn table_seeds() -> &'static [Vec<u8>] {
    static SEEDS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let file = |choice: u8, path: &str| {
            let mut bytes = vec![choice];
            bytes.extend(std::fs::read(common::root().join(path)).unwrap());
            bytes
        };
        let mut staff_csv = vec![0];
        staff_csv.extend_from_slice(
            "id;nom;site;sites;langues;quotité;max_duties;max_saturday\n\
             BM-01;Salma;bm;phone;ar, fr;0,5;4;1\nAZ-01;Youssef;azilal;;ar;100 %;;\n"
                .as_bytes(),
        );
        vec![
            staff_csv,
            file(1, "rosters/aubm-staff.xlsx"),
            file(2, "tests/tables/aubm-staff.ods"),
            file(0x80, "rosters/aubm-leave.csv"),
            file(0x82, "tests/tables/aubm-leave.ods"),
        ]
    })
}

/// Values that readers get wrong: empty, signs, overflows, odd floats, dates and
/// times out of range, the wrong type, control characters, long text.
const AWKWARD: &[&str] = &[
    "\"\"",
    "0",
    "-1",
    "-0",
    "4294967295",
    "4294967296",
    "200000",
    "18446744073709551616",
    "1e308",
    "-1e308",
    "nan",
    "inf",
    "0.5",
    "true",
    "[]",
    "{}",
    "[[]]",
    "\"x\"",
    "\"\\u001b[31m\"",
    "2022-02-30",
    "0000-01-01",
    "9999-12-31",
    "2022-08-31T25:00:00Z",
    "\"24:00\"",
    "\"23:59\"",
    "\"00:00\"",
    "\"-01:00\"",
    "[\"mon\", \"mon\"]",
    "[\"xyz\"]",
    "\"Mars/Olympus\"",
    "\"\"\"\n\"\"\"",
    "'''",
    "\"é\u{301}\u{200f}\"",
];

/// Lines that may be new to a table: keys of the format with awkward values, table
/// headers in the wrong place.
const LINES: &[&str] = &[
    "[[staff]]",
    "[[site]]",
    "[[duty]]",
    "[[duty.cover]]",
    "[[pin]]",
    "[[holiday]]",
    "[[event]]",
    "[rules]",
    "[roster]",
    "[[staff.leave]]",
    "id = \"BM-01\"",
    "home = \"bm\"",
    "site = \"nowhere\"",
    "min = 5",
    "max = 0",
    "date = 2022-08-15",
    "first = 2022-08-31",
    "last = 2022-08-01",
    "share = 0",
    "weekdays = []",
    "max_duties = 0",
    "min_duties = 99",
    "a.b.c = 1",
    "\"\" = 1",
    "SECTION_COVER",
    "SECTION_STAFF",
    "SECTION_HORIZON",
    "0,D,1,100,1",
    "A,D=14,4320,3360,5,2,2,1",
    "A,0,D,2",
    "D,480,D|N",
    "4294967295",
    "A,13",
];

/// A position, taken modulo the size of what it indexes.
type Pos = usize;

/// Position `p` in a collection of `n` (more than 0) elements.
fn pick(p: &Pos, n: usize) -> usize {
    p % n
}

/// One change to a file.
#[derive(Debug, Clone)]
enum Mutation {
    /// XOR one byte with a mask.
    Flip(Pos, u8),
    /// Keep only a prefix.
    Truncate(Pos),
    /// Remove a stretch.
    Delete(Pos, Pos),
    /// Repeat a stretch in place.
    Duplicate(Pos, Pos),
    /// Insert a stretch of another seed.
    Splice(Pos, Pos, Pos, Pos),
    /// Replace what follows the last `=` or `,` on some line, or the whole line, with
    /// an awkward value.
    Value(Pos, Pos),
    /// Insert a line before some line.
    Line(Pos, Pos),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let i = any::<Pos>;
    prop_oneof![
        (i(), 1u8..).prop_map(|(at, mask)| Mutation::Flip(at, mask)),
        i().prop_map(Mutation::Truncate),
        (i(), i()).prop_map(|(at, len)| Mutation::Delete(at, len)),
        (i(), i()).prop_map(|(at, len)| Mutation::Duplicate(at, len)),
        (i(), i(), i(), i()).prop_map(|(s, a, b, at)| Mutation::Splice(s, a, b, at)),
        (i(), i()).prop_map(|(line, v)| Mutation::Value(line, v)),
        (i(), i()).prop_map(|(line, l)| Mutation::Line(line, l)),
    ]
}

/// A stretch of at most 64 bytes of `bytes` from `at`.
fn stretch(bytes: &[u8], at: &Pos, len: &Pos) -> std::ops::Range<usize> {
    let start = pick(at, bytes.len() + 1);
    let end = start + pick(len, 65.min(bytes.len() - start + 1));
    start..end
}

/// Where each line of `bytes` starts.
fn line_starts(bytes: &[u8]) -> Vec<usize> {
    std::iter::once(0)
        .chain(
            bytes
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b'\n')
                .map(|(i, _)| i + 1),
        )
        .collect()
}

fn apply(mut bytes: Vec<u8>, m: &Mutation, seeds: &[Vec<u8>]) -> Vec<u8> {
    match m {
        Mutation::Flip(at, mask) if !bytes.is_empty() => {
            let i = pick(at, bytes.len());
            bytes[i] ^= mask;
        }
        Mutation::Flip(..) => {}
        Mutation::Truncate(at) => bytes.truncate(pick(at, bytes.len() + 1)),
        Mutation::Delete(at, len) => {
            let r = stretch(&bytes, at, len);
            bytes.drain(r);
        }
        Mutation::Duplicate(at, len) => {
            let r = stretch(&bytes, at, len);
            let copy = bytes[r.clone()].to_vec();
            bytes.splice(r.end..r.end, copy);
        }
        Mutation::Splice(seed, a, b, at) => {
            let other = &seeds[pick(seed, seeds.len())];
            let chunk = other[stretch(other, a, b)].to_vec();
            let at = pick(at, bytes.len() + 1);
            bytes.splice(at..at, chunk);
        }
        Mutation::Value(line, value) => {
            let starts = line_starts(&bytes);
            let start = starts[pick(line, starts.len())];
            let end = bytes[start..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len(), |i| start + i);
            // After the last `=` or `,`, or the whole line (a benchmark's horizon).
            let from = bytes[start..end]
                .iter()
                .rposition(|&b| b == b'=' || b == b',')
                .map_or(start, |sep| start + sep + 1);
            let value = AWKWARD[pick(value, AWKWARD.len())].as_bytes();
            bytes.splice(from..end, value.iter().copied());
        }
        Mutation::Line(line, new) => {
            let starts = line_starts(&bytes);
            let start = starts[pick(line, starts.len())];
            let text = format!("{}\n", LINES[pick(new, LINES.len())]);
            bytes.splice(start..start, text.bytes());
        }
    }
    bytes
}

/// A seed with one to four mutations.
fn mutated(seeds: &'static [Vec<u8>]) -> impl Strategy<Value = Vec<u8>> {
    (any::<Pos>(), prop::collection::vec(mutation(), 1..=4)).prop_map(move |(seed, ms)| {
        ms.iter()
            .fold(seeds[pick(&seed, seeds.len())].clone(), |b, m| {
                apply(b, m, seeds)
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: CASES,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn mutated_roster_files_are_read_without_panic(bytes in mutated(roster_seeds())) {
        targets::roster_file(&bytes);
    }

    #[test]
    fn mutated_benchmark_files_are_read_without_panic(bytes in mutated(benchmark_seeds())) {
        targets::benchmark_file(&bytes);
    }

    #[test]
    fn mutated_staff_and_leave_tables_are_read_without_panic(bytes in mutated(table_seeds())) {
        targets::staff_table(&bytes);
    }

    #[test]
    fn random_bytes_are_read_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        targets::roster_file(&bytes);
        targets::benchmark_file(&bytes);
    }
}

/// The seeds themselves go through both targets (each reader refuses the other's
/// files with an error, which the targets check).
#[test]
fn every_seed_goes_through_both_targets() {
    for seed in roster_seeds().iter().chain(benchmark_seeds()) {
        targets::roster_file(seed);
        targets::benchmark_file(seed);
    }
    let aug = std::fs::read_to_string(common::root().join("rosters/aubm-2022-08.toml")).unwrap();
    assert!(duty_roster::read_roster_str(&aug, Path::new("aug.toml")).is_ok());
}

/// The mutations do change the files, so that the property tests test something.
#[test]
fn mutations_change_the_seeds() {
    let seeds = roster_seeds();
    let seed = &seeds[0];
    let id_line = line_starts(seed)
        .iter()
        .position(|&start| seed[start..].starts_with(b"id = "))
        .unwrap();
    let value = apply(seed.clone(), &Mutation::Value(id_line, 0), seeds);
    assert_ne!(&value, seed);
    assert!(String::from_utf8_lossy(&value).contains("\nid =\"\"\n"));
    let line = apply(seed.clone(), &Mutation::Line(id_line, 0), seeds);
    assert_eq!(line.len(), seed.len() + "[[staff]]\n".len());
    let flipped = apply(seed.clone(), &Mutation::Flip(7, 1), seeds);
    assert_eq!(flipped.iter().zip(seed).filter(|(a, b)| a != b).count(), 1);
}

// Regression tests of what fuzzing found.

/// A benchmark file cut short, without a final newline, was said to miss a section
/// on the line after its last one, which an editor cannot go to.
#[test]
fn benchmark_file_cut_without_newline_locates_its_end_inside_it() {
    let read = |text: &str| {
        duty_roster::input::nsp::parse(text, Path::new("cut.txt"))
            .unwrap_err()
            .to_string()
    };
    assert!(read("#").starts_with("cut.txt:1:2: missing section `SECTION_HORIZON` at the end"));
    assert!(
        read("SECTION_HORIZON\n7").starts_with("cut.txt:2:2: missing section `SECTION_SHIFTS`")
    );
    assert!(
        read("SECTION_HORIZON\n7\n").starts_with("cut.txt:3:1: missing section `SECTION_SHIFTS`")
    );
    targets::benchmark_file(b"#");
}

/// Covers near the largest whole number overflowed the counting checks' sums (a
/// panic in a debug build, a wrong count in a release one); they are now refused at
/// the cover's limit, and the sums saturate in any case.
#[test]
fn cover_of_billions_is_refused_not_overflowed() {
    let mut def = duty_roster::sample::tiny_roster_def();
    def.duties[0].cover[0].min = u32::MAX;
    def.duties[0].cover[0].max = None;
    let err = duty_roster::Roster::new(def).unwrap_err();
    assert_eq!(err.field, "duty[0].cover[0].min");
    assert!(err.message.contains("at most 10000 people"), "{err}");

    let file = std::fs::read_to_string(common::root().join("tests/rosters/infeasible-rest.toml"))
        .unwrap()
        .replace("min = 1", "min = 4294967295");
    targets::roster_file(file.as_bytes());
}

/// A benchmark horizon of billions of days overflowed the calendar while the dates
/// of the period were computed (a panic), and one of a few hundred thousand built
/// as many slots: the horizon is at most two years.
#[test]
fn benchmark_horizon_beyond_two_years_is_refused_not_panicked() {
    let text = std::fs::read_to_string(common::root().join("benches/data/nsp/Instance1.txt"))
        .unwrap()
        .replace("\r\n14\r\n", "\r\n4294967295\r\n");
    let err = duty_roster::input::nsp::parse(&text, Path::new("long.txt")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "long.txt:5:1: the horizon must be 1 to 731 days (two years), not 4294967295"
    );
    targets::benchmark_file(text.as_bytes());
    let two_years = text.replace("\r\n4294967295\r\n", "\r\n731\r\n");
    let roster = duty_roster::input::nsp::parse(&two_years, Path::new("long.txt")).unwrap();
    assert_eq!(roster.slots().len(), 731);
}
