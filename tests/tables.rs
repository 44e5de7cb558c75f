//! Staff and leave read from spreadsheets: the shipped August roster whose staff and
//! leave are in `rosters/aubm-staff.xlsx` and `rosters/aubm-leave.csv` solves to the
//! very roster of the TOML-only file (checked by the validator), and the OpenDocument
//! copies of those tables (`tests/tables/`, made by LibreOffice) read the same.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::run::Run;
use common::{check_solved_folder, root, scratch_in};
use duty_roster::input::{read_leave_table, read_staff_table};
use duty_roster::read_roster_file;

/// Every file under `dir`, by its path inside it.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let name = path.strip_prefix(dir).unwrap().display().to_string();
                out.insert(name, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// summary.json without its solve times, which are the only bytes that may differ.
fn without_timing(bytes: &[u8]) -> serde_json::Value {
    let mut summary: serde_json::Value = serde_json::from_slice(bytes).unwrap();
    summary.as_object_mut().unwrap().remove("timing");
    summary
}

/// Solves a shipped roster with the command line into a fresh folder, checks the
/// written roster with the validator (no broken rule, the objective recomputed from
/// the assignments equal to the one written) and returns the folder's files.
fn solve(name: &str, folder: &str) -> BTreeMap<String, Vec<u8>> {
    let out = scratch_in("tables-tests", folder);
    let roster = format!("rosters/{name}.toml");
    Run::new(&["solve", &roster, "--out", out.to_str().unwrap()]).status(0);
    let parsed = read_roster_file(&root().join(&roster)).unwrap();
    check_solved_folder(&parsed, &out);
    files(&out)
}

#[test]
fn the_tables_roster_holds_the_people_of_the_toml_roster() {
    let toml = read_roster_file(&root().join("rosters/aubm-2022-08.toml")).unwrap();
    let tables = read_roster_file(&root().join("rosters/aubm-2022-08-tables.toml")).unwrap();
    assert_eq!(tables.def().id, toml.def().id);
    assert_eq!(tables.def().staff, toml.def().staff);
}

#[test]
fn the_tables_roster_solves_to_the_same_bytes_as_the_toml_roster() {
    let toml = solve("aubm-2022-08", "toml");
    let tables = solve("aubm-2022-08-tables", "tables");
    assert_eq!(
        toml.keys().collect::<Vec<_>>(),
        tables.keys().collect::<Vec<_>>()
    );
    assert!(toml.len() > 30, "calendars written: {:?}", toml.keys());
    for (name, bytes) in &toml {
        if name == "summary.json" {
            assert_eq!(without_timing(bytes), without_timing(&tables[name]));
        } else {
            assert!(bytes == &tables[name], "{name} differs");
        }
    }
    // The roster the tables give is the one of the golden file.
    let golden = std::fs::read(root().join("tests/golden/aubm-2022-08/roster.csv")).unwrap();
    assert!(
        tables["roster.csv"] == golden,
        "roster.csv differs from the golden file"
    );
}

#[test]
fn leave_reasons_stay_out_of_the_outputs() {
    let tables = solve("aubm-2022-08-tables", "reasons");
    for (name, bytes) in &tables {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains("congé annuel"),
            "{name} gives a leave reason"
        );
        assert!(!text.contains("formation"), "{name} gives a leave reason");
    }
}

#[test]
fn the_opendocument_copies_read_as_the_workbook_and_the_csv() {
    let xlsx = read_staff_table(&root().join("rosters/aubm-staff.xlsx"), None).unwrap();
    let ods = read_staff_table(
        &root().join("tests/tables/aubm-staff.ods"),
        Some("personnel"),
    )
    .unwrap();
    assert_eq!(xlsx.len(), 30);
    assert_eq!(ods, xlsx);
    let csv = read_leave_table(&root().join("rosters/aubm-leave.csv"), None).unwrap();
    let ods = read_leave_table(&root().join("tests/tables/aubm-leave.ods"), None).unwrap();
    assert_eq!(csv.len(), 5);
    assert_eq!(ods, csv);
    // The one-day training has an empty `Au`.
    assert_eq!(csv[1].absence.dates.first, csv[1].absence.dates.last);
}

#[test]
fn the_command_line_names_the_table_cell_of_an_error() {
    let dir = scratch_in("tables-tests", "cli-error");
    let text = std::fs::read_to_string(root().join("rosters/aubm-2022-08-tables.toml"))
        .unwrap()
        .replace(
            "staff_from = { path = \"aubm-staff.xlsx\", sheet = \"Personnel\" }",
            "staff_from = \"staff.csv\"",
        )
        .replace("leave_from = \"aubm-leave.csv\"", "");
    std::fs::write(dir.join("roster.toml"), text).unwrap();
    std::fs::write(
        dir.join("staff.csv"),
        "\u{feff}Matricule;Nom;Rattachement\r\nBM-03;Khadija;bm\r\nAZ-01;Lahcen;azl\r\nKBG-04;Houda;kbg\r\n",
    )
    .unwrap();
    let roster = dir.join("roster.toml");
    let run = Run::new(&["check", roster.to_str().unwrap()]).status(2);
    assert_eq!(
        run.stderr(),
        format!(
            "error: {}, row 3, column Rattachement: unknown site `azl` (known: bm, fbs, azilal, kbg, phone, whatsapp)\n",
            dir.join("staff.csv").display()
        )
    );
}
