//! `roster.xlsx` read back by a real reader (calamine): the August roster solved by
//! the command line, every `roster.csv` row in the assignments sheet and in its
//! site grid's day and duty cell, the per-person sheet against `summary.csv`, the
//! sheet names, the status, right to left for Arabic (in the sheet XML, which
//! calamine does not expose), and identical bytes for the same input. LibreOffice
//! opens the same file in `tests/xlsx/libreoffice_check.sh`, which `.ci/run` calls.

mod common;

use common::{csv_rows, read_assignments, root};
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use calamine::{Data, Range, Reader, Xlsx, open_workbook_from_rs};
use duty_roster::output::xlsx;
use duty_roster::{Outcome, Roster, Status, read_roster_file, sample, solve, validate};

const BIN: &str = env!("CARGO_BIN_EXE_duty-roster");

/// The August roster solved once by the command line into target/xlsx-tests/august
/// with the default formats, checked by the validator.
fn august() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = root().join("target/xlsx-tests/august");
        let _ = std::fs::remove_dir_all(&out);
        let status = Command::new(BIN)
            .args(["solve", "rosters/aubm-2022-08.toml", "--out"])
            .arg(&out)
            .arg("--quiet")
            .current_dir(root())
            .status()
            .expect("run duty-roster");
        assert!(status.success(), "duty-roster solve failed: {status}");
        let roster = august_roster();
        let report = validate(&roster, &read_assignments(&out.join("roster.csv")));
        assert!(report.violations.is_empty(), "{:?}", report.violations);
        out
    })
}

fn august_roster() -> Roster {
    read_roster_file(&root().join("rosters/aubm-2022-08.toml")).unwrap()
}

/// A CSV text cell as the spreadsheet holds it: without the `'` that keeps a
/// formula-like text from running (the workbook writes text cells, never formulas).
fn unguarded(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

/// The workbook's sheets by name, in order.
fn sheets(bytes: &[u8]) -> Vec<(String, Range<Data>)> {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            (name, range)
        })
        .collect()
}

/// A cell as text: strings as they are, dates as `yyyy-mm-dd`, numbers as written.
fn text(range: &Range<Data>, row: usize, col: usize) -> String {
    match range.get_value((row as u32, col as u32)) {
        None | Some(Data::Empty) => String::new(),
        Some(Data::String(s)) => s.clone(),
        Some(Data::DateTime(d)) => {
            let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
            (base + chrono::Duration::days(d.as_f64().floor() as i64)).to_string()
        }
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        Some(other) => format!("{other:?}"),
    }
}

/// The names in a grid cell: one or more a line, between " · ".
fn names_in(cell: &str) -> impl Iterator<Item = &str> {
    cell.lines().flat_map(|l| l.split(" · "))
}

/// The header row of every sheet (after the name, the meta line and the title).
const HEADER: usize = 3;

fn august_workbook() -> Vec<(String, Range<Data>)> {
    sheets(&std::fs::read(august().join(xlsx::FILE_NAME)).unwrap())
}

#[test]
fn august_workbook_has_a_sheet_per_site_then_people_and_assignments() {
    let names: Vec<String> = august_workbook().into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        [
            "Siège — Béni Mellal",
            "Annexe — Fquih Ben Salah",
            "Annexe — Azilal",
            "Annexe — Khouribga",
            "Ligne téléphonique MRE",
            "Ligne WhatsApp MRE",
            "Par personne",
            "Affectations",
        ]
    );
    let roster = august_roster();
    for (_, range) in august_workbook() {
        assert_eq!(text(&range, 0, 0), roster.def().name);
        let meta = text(&range, 1, 0);
        assert!(
            meta.contains("Période\u{a0}: du 1er août 2022 au 31 août 2022"),
            "{meta}"
        );
        assert!(meta.contains("Statut\u{a0}: optimal"), "{meta}");
    }
}

#[test]
fn every_roster_csv_row_is_in_the_assignments_table() {
    let rows = csv_rows(&august().join("roster.csv"));
    let book = august_workbook();
    let (_, range) = book.iter().find(|(n, _)| n == "Affectations").unwrap();
    assert_eq!(range.end().unwrap().0 as usize, HEADER + rows.len() - 1);
    for (i, row) in rows.iter().enumerate() {
        let cells: Vec<String> = (0..row.len()).map(|c| text(range, HEADER + i, c)).collect();
        let expected: Vec<&str> = row.iter().map(|c| unguarded(c)).collect();
        assert_eq!(cells, expected, "row {i}");
    }
    // an Excel table with filters over exactly those rows
    let sheet = zip_entry(
        &std::fs::read(august().join(xlsx::FILE_NAME)).unwrap(),
        "xl/tables/table1.xml",
    );
    assert!(
        sheet.contains(&format!("ref=\"A4:J{}\"", HEADER + rows.len())),
        "{sheet}"
    );
    assert!(sheet.contains("<autoFilter"), "{sheet}");
}

#[test]
fn every_roster_csv_row_is_in_its_site_grid_day_and_duty_cell() {
    let rows = csv_rows(&august().join("roster.csv"));
    let book = august_workbook();
    let mut found = 0;
    for row in &rows[1..] {
        let (date, site_name, duty_name, staff_name) = (&row[0], &row[5], &row[7], &row[9]);
        let sheet = site_name.split(" / ").next().unwrap();
        let (_, range) = book
            .iter()
            .find(|(n, _)| n == sheet)
            .unwrap_or_else(|| panic!("no sheet {sheet}"));
        let width = range.end().unwrap().1 as usize;
        let col = (2..width)
            .find(|&c| text(range, HEADER, c).lines().next() == Some(duty_name.as_str()))
            .unwrap_or_else(|| panic!("no column {duty_name} in {sheet}"));
        let day = (HEADER + 1..)
            .take(31)
            .find(|&r| &text(range, r, 0) == date)
            .unwrap_or_else(|| panic!("no row {date} in {sheet}"));
        let cell = text(range, day, col);
        assert!(
            names_in(&cell).any(|n| n == unguarded(staff_name)),
            "{staff_name} not in {sheet} {date} {duty_name}: {cell:?}"
        );
        assert_eq!(text(range, day, 1), row[1], "weekday of {date}");
        found += 1;
    }
    assert!(found > 100, "only {found} rows");
    // no name in a grid that roster.csv does not put there: as many names as rows
    let names: usize = book[..6]
        .iter()
        .map(|(_, range)| {
            let (rows, cols) = range.end().unwrap();
            (HEADER + 1..HEADER + 32)
                .flat_map(|r| (2..cols as usize).map(move |c| (r, c)))
                .filter(|&(r, _)| r <= rows as usize)
                .map(|(r, c)| {
                    let cell = text(range, r, c);
                    let is_duty = text(range, HEADER, c) != "Remarques";
                    if is_duty && cell != "–" {
                        names_in(&cell).count()
                    } else {
                        0
                    }
                })
                .sum::<usize>()
        })
        .sum();
    assert_eq!(names, rows.len() - 1);
}

#[test]
fn the_per_person_sheet_matches_summary_csv() {
    let rows = csv_rows(&august().join("summary.csv"));
    let book = august_workbook();
    let (_, range) = book.iter().find(|(n, _)| n == "Par personne").unwrap();
    assert_eq!(text(range, HEADER, 0), "Matricule");
    assert_eq!(text(range, HEADER, 5), "Permanences — cible");
    for (i, row) in rows[1..].iter().enumerate() {
        for (c, expected) in row.iter().enumerate() {
            let got = text(range, HEADER + 1 + i, c);
            match expected.parse::<f64>() {
                Ok(x) if c >= 3 => {
                    let y: f64 = got.parse().unwrap_or_else(|_| panic!("{got} at {i},{c}"));
                    assert!((x - y).abs() < 1e-9, "row {i} col {c}: {y} != {x}");
                }
                _ => assert_eq!(got, unguarded(expected), "row {i} col {c}"),
            }
        }
    }
    assert_eq!(text(range, HEADER + rows.len(), 0), "");
}

#[test]
fn holidays_and_events_are_named_in_the_grid() {
    let book = august_workbook();
    let (_, range) = &book[0];
    let cols = range.end().unwrap().1 as usize;
    let notes = |date: &str| {
        let r = (HEADER + 1..HEADER + 32)
            .find(|&r| text(range, r, 0) == date)
            .unwrap();
        text(range, r, cols)
    };
    assert!(notes("2022-08-14").starts_with("★ Allégeance de Oued Eddahab"));
    assert_eq!(notes("2022-08-02"), "");
    assert_eq!(text(range, HEADER, cols), "Remarques");
}

/// The text of one file inside the workbook's zip archive.
fn zip_entry(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The tiny roster solved, its outcome and its workbook's bytes.
fn tiny_workbook(def: duty_roster::RosterDef, change: impl Fn(&mut Outcome)) -> Vec<u8> {
    let roster = Roster::new(def).unwrap();
    let mut outcome = solve(&roster, &Default::default()).unwrap();
    let report = validate(&roster, &outcome.assignments);
    assert!(report.violations.is_empty(), "{:?}", report.violations);
    change(&mut outcome);
    xlsx::render(&roster, &outcome, &report, false).unwrap()
}

#[test]
fn arabic_roster_sheets_run_right_to_left_and_arabic_names_align_right() {
    let mut def = sample::tiny_roster_def();
    def.settings.language = "ar".into();
    def.staff[0].name = "سلمى الإدريسي".into();
    let bytes = tiny_workbook(def, |_| {});
    let book = sheets(&bytes);
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names[1..], ["حسب الموظف", "الإسنادات"]);
    for i in 1..=3 {
        let xml = zip_entry(&bytes, &format!("xl/worksheets/sheet{i}.xml"));
        assert!(xml.contains("rightToLeft=\"1\""), "sheet{i}: {xml}");
    }
    let meta = text(&book[0].1, 1, 0);
    assert!(meta.contains("من 1 غشت 2022 إلى 7 غشت 2022"), "{meta}");
    assert!(zip_entry(&bytes, "xl/styles.xml").contains("horizontal=\"right\""));
    // a French roster runs left to right
    let bytes = tiny_workbook(sample::tiny_roster_def(), |_| {});
    let xml = zip_entry(&bytes, "xl/worksheets/sheet1.xml");
    assert!(!xml.contains("rightToLeft"), "{xml}");
    assert!(!zip_entry(&bytes, "xl/styles.xml").contains("horizontal=\"right\""));
}

#[test]
fn the_status_says_how_the_roster_was_obtained() {
    let status = |change: fn(&mut Outcome)| {
        let mut def = sample::tiny_roster_def();
        def.settings.language = "en".into();
        let bytes = tiny_workbook(def, change);
        text(&sheets(&bytes)[0].1, 1, 0)
    };
    assert!(status(|_| {}).ends_with("Status: optimal"));
    let stopped = status(|o| {
        o.status = Status::TimeLimit;
        o.gap = 0.0523;
    });
    assert!(
        stopped.ends_with("Status: feasible, not proven optimal, gap: 5.2 %"),
        "{stopped}"
    );
    let interrupted = status(|o| o.status = Status::Interrupted);
    assert!(interrupted.contains("Status: interrupted"), "{interrupted}");
}

#[test]
fn relaxed_roster_says_so_and_lists_the_broken_rules() {
    let mut def = sample::tiny_roster_def();
    def.staff[0].limits.max_duties = Some(0);
    let roster = Roster::new(def).unwrap();
    let a = duty_roster::Assignment::new("2022-08-01".parse().unwrap(), "evening", "hq", "A");
    let report = validate(&roster, std::slice::from_ref(&a));
    assert!(!report.violations.is_empty());
    let outcome = Outcome::given(&roster, vec![a]);
    let bytes = xlsx::render(&roster, &outcome, &report, true).unwrap();
    let book = sheets(&bytes);
    let meta = text(&book[0].1, 1, 0);
    assert!(meta.contains("assoupli, règles enfreintes"), "{meta}");
    let (_, range) = book.last().unwrap();
    assert_eq!(text(range, HEADER, 10), "breaks");
    assert_eq!(
        text(range, HEADER + 1, 10),
        duty_roster::Rule::MaxDuties.key()
    );
}

#[test]
fn same_input_gives_the_same_bytes_dated_by_the_roster() {
    let roster = august_roster();
    let assignments = read_assignments(&august().join("roster.csv"));
    let report = validate(&roster, &assignments);
    let outcome = Outcome::given(&roster, assignments);
    let mut optimal = outcome.clone();
    optimal.status = Status::Optimal;
    let first = xlsx::render(&roster, &optimal, &report, false).unwrap();
    let second = xlsx::render(
        &read_roster_file(&root().join("rosters/aubm-2022-08.toml")).unwrap(),
        &optimal,
        &report,
        false,
    )
    .unwrap();
    assert!(first == second, "two renders differ");
    assert!(
        first == std::fs::read(august().join(xlsx::FILE_NAME)).unwrap(),
        "the solved file differs"
    );
    let core = zip_entry(&first, "docProps/core.xml");
    let created = match roster.def().revision {
        Some(at) => at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        None => format!("{}T00:00:00Z", roster.def().period.first),
    };
    assert!(
        core.contains(&format!(
            "<dcterms:created xsi:type=\"dcterms:W3CDTF\">{created}"
        )),
        "{core}"
    );
}

#[test]
fn format_xlsx_alone_writes_the_workbook_and_summary_json() {
    let dir = common::scratch_in("xlsx-tests", "alone");
    let roster = dir.join("small.toml");
    std::fs::write(&roster, common::SMALL).unwrap();
    let out = dir.join("out");
    common::run::Run::new(&[
        "solve",
        roster.to_str().unwrap(),
        "--format",
        "xlsx",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ])
    .status(0);
    let mut files: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, ["roster.xlsx", "summary.json"]);
    // the roster read back from the assignments sheet, checked by the validator
    let book = sheets(&std::fs::read(out.join(xlsx::FILE_NAME)).unwrap());
    let (name, range) = book.last().unwrap();
    assert_eq!(name, "Affectations");
    let rows = range.end().unwrap().0 as usize;
    let assignments: Vec<duty_roster::Assignment> = (HEADER + 1..=rows)
        .map(|r| {
            let date = text(range, r, 0).parse().unwrap();
            duty_roster::Assignment::new(
                date,
                &text(range, r, 6),
                &text(range, r, 4),
                &text(range, r, 8),
            )
        })
        .collect();
    assert_eq!(assignments.len(), 10);
    let report = validate(&read_roster_file(&roster).unwrap(), &assignments);
    assert!(report.violations.is_empty(), "{:?}", report.violations);
}
