//! Every error of the staff and leave table readers, with its message: the file,
//! the sheet of a workbook, the row as the spreadsheet numbers it and the column by
//! its header, and what would be valid. Errors that `Roster::new` finds in a person
//! of a table point at the table's cell too.

mod common;

use std::path::{Path, PathBuf};

use common::scratch_in;
use duty_roster::input::{read_leave_table, read_staff_table};
use duty_roster::read_roster_file;
use rust_xlsxwriter::Workbook;

/// A fresh folder for one test.
fn dir(name: &str) -> PathBuf {
    scratch_in("table-errors", name)
}

/// Writes `text` into `dir/name` and returns its path.
fn file(dir: &Path, name: &str, text: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// A workbook with one sheet `sheet` holding `rows` (a cell that parses as a number
/// is written as one).
fn workbook(dir: &Path, name: &str, sheet: &str, rows: &[&[&str]]) -> PathBuf {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet).unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            match cell.parse::<f64>() {
                Ok(n) => ws.write_number(r as u32, c as u16, n).unwrap(),
                Err(_) => ws.write_string(r as u32, c as u16, *cell).unwrap(),
            };
        }
    }
    let path = dir.join(name);
    book.save(&path).unwrap();
    path
}

fn staff_error(path: &Path, sheet: Option<&str>) -> String {
    read_staff_table(path, sheet).unwrap_err().to_string()
}

fn leave_error(path: &Path) -> String {
    read_leave_table(path, None).unwrap_err().to_string()
}

#[test]
fn a_missing_file_is_named() {
    let path = dir("missing").join("staff.xlsx");
    let e = staff_error(&path, None);
    assert!(
        e.starts_with(&format!("{}: cannot read: ", path.display())),
        "{e}"
    );
}

#[test]
fn a_file_of_unknown_kind_says_which_are_read() {
    let d = dir("kind");
    let path = file(&d, "staff.xls", b"id");
    assert_eq!(
        staff_error(&path, None),
        format!(
            "{}: cannot tell the table's format from its name: name it .xlsx, .ods or .csv (not .xls)",
            path.display()
        )
    );
}

#[test]
fn an_xlsx_that_is_not_a_workbook_is_refused_without_panic() {
    let d = dir("not-zip");
    let path = file(&d, "staff.xlsx", b"id;name;home\nA;B;bm\n");
    let e = staff_error(&path, None);
    assert!(
        e.starts_with(&format!(
            "{}: not a readable .xlsx workbook (",
            path.display()
        )),
        "{e}"
    );
    assert!(
        e.ends_with("save it again from the spreadsheet, or export the sheet as CSV"),
        "{e}"
    );
    let ods = file(&d, "staff.ods", b"PK\x03\x04 truncated");
    assert!(staff_error(&ods, None).contains("not a readable .ods workbook"));
}

#[test]
fn a_missing_sheet_names_the_sheets_there_are() {
    let d = dir("sheet");
    let path = workbook(&d, "staff.xlsx", "Personnel", &[&["id", "name", "home"]]);
    assert_eq!(
        staff_error(&path, Some("Staff")),
        format!(
            "{}: no sheet named `Staff` (its sheets: Personnel)",
            path.display()
        )
    );
}

#[test]
fn an_empty_sheet_asks_for_headers() {
    let d = dir("empty");
    let path = workbook(&d, "staff.xlsx", "Personnel", &[]);
    assert_eq!(
        staff_error(&path, None),
        format!(
            "{}, sheet Personnel: the sheet is empty: its first row must hold the column headers (id, name, ...)",
            path.display()
        )
    );
    let csv = file(&d, "leave.csv", b"\xef\xbb\xbf\r\n;;\r\n");
    assert!(leave_error(&csv).ends_with(
        "the sheet is empty: its first row must hold the column headers (id, name, ...)"
    ));
}

#[test]
fn an_unknown_column_names_the_valid_headers() {
    let d = dir("unknown-column");
    let path = workbook(
        &d,
        "staff.xlsx",
        "Personnel",
        &[
            &["Matricule", "Nom", "Site", "", "Grade"],
            &["BM-01", "Salma", "bm"],
        ],
    );
    let e = staff_error(&path, None);
    assert!(
        e.starts_with(&format!(
            "{}, sheet Personnel, row 1, column Grade: unknown column (valid: id (identifiant, matricule, code), name (nom, ",
            path.display()
        )),
        "{e}"
    );
    assert!(e.contains("share (quotite, temps_de_travail)"), "{e}");
    assert!(e.ends_with("max_<duty> (a duty kind's id))"), "{e}");
    let leave = file(&d, "leave.csv", b"id,from,to,comment\n");
    assert!(leave_error(&leave).contains("row 1, column comment: unknown column (valid: id ("));
}

#[test]
fn a_column_given_twice_is_refused() {
    let d = dir("twice");
    let path = file(&d, "staff.csv", b"id,name,site,rattachement\nA,B,bm,fbs\n");
    assert_eq!(
        staff_error(&path, None),
        format!(
            "{}, row 1, column rattachement: column `site` already gives home: keep one of them",
            path.display()
        )
    );
}

#[test]
fn a_missing_column_says_how_to_head_it() {
    let d = dir("missing-column");
    let path = file(&d, "staff.csv", b"id,name\nA,B\n");
    assert_eq!(
        staff_error(&path, None),
        format!(
            "{}, row 1: no `home` column: add one headed home (or site, rattachement, site_de_rattachement, affectation, home_site)",
            path.display()
        )
    );
    let leave = file(&d, "leave.csv", b"id;motif\nA;x\n");
    assert_eq!(
        leave_error(&leave),
        format!(
            "{}, row 1: no `from` nor `date` column: add `from` and `to` (or du and au), or `date` for single days",
            leave.display()
        )
    );
}

#[test]
fn an_empty_needed_cell_is_named() {
    let d = dir("empty-cell");
    let path = workbook(
        &d,
        "staff.xlsx",
        "Personnel",
        &[
            &["id", "nom", "home"],
            &["A", "Salma", "bm"],
            &["B", "", "bm"],
        ],
    );
    assert_eq!(
        staff_error(&path, None),
        format!(
            "{}, sheet Personnel, row 3, column nom: empty name: every person needs one",
            path.display()
        )
    );
    let leave = file(&d, "leave.csv", b"id;du;au\nA;01/08/2022;\n;02/08/2022;\n");
    assert_eq!(
        leave_error(&leave),
        format!(
            "{}, row 3, column id: empty id: whose leave is it?",
            leave.display()
        )
    );
}

#[test]
fn a_duplicate_id_names_both_rows() {
    let d = dir("duplicate");
    let path = file(&d, "staff.csv", b"id,name,home\n1234,A,bm\n\n1234,B,bm\n");
    assert_eq!(
        staff_error(&path, None),
        format!(
            "{}, row 4, column id: duplicate id `1234` (also row 2)",
            path.display()
        )
    );
}

#[test]
fn values_not_of_their_column_kind_are_named() {
    let d = dir("kinds");
    let share = file(&d, "share.csv", b"id;name;home;quotite\nA;B;bm;mi-temps\n");
    assert_eq!(
        staff_error(&share, None),
        format!(
            "{}, row 2, column quotite: `mi-temps` is not a number (write 0.5, 0,5 or 50 %)",
            share.display()
        )
    );
    let limit = file(&d, "limit.csv", b"id;name;home;max saturday\nA;B;bm;2,5\n");
    assert_eq!(
        staff_error(&limit, None),
        format!(
            "{}, row 2, column max saturday: `2,5` is not a whole number, 0 or more",
            limit.display()
        )
    );
    let weekends = file(
        &d,
        "weekends.csv",
        b"id,name,home,max_weekends\nA,B,bm,-1\n",
    );
    assert!(
        staff_error(&weekends, None)
            .ends_with("row 2, column max_weekends: `-1` is not a whole number, 0 or more")
    );
}

#[test]
fn leave_dates_that_cannot_be_read_or_do_not_fit_are_named() {
    let d = dir("dates");
    let cases: [(&str, &[u8], &str); 4] = [
        (
            "bad.csv",
            b"id;du;au\nA;32/08/2022;\n",
            "row 2, column du: `32/08/2022` is not a date (write 2022-08-15 or 15/08/2022, or use a date cell)",
        ),
        (
            "order.csv",
            b"id;du;au\nA;15/08/2022;14/08/2022\n",
            "row 2, column au: the leave ends on 2022-08-14, before it starts on 2022-08-15",
        ),
        (
            "both.csv",
            b"id,date,from,to\nA,2022-08-01,2022-08-01,\n",
            "row 2, column date: give either `date` or `from` and `to`, not both",
        ),
        (
            "none.csv",
            b"id,from,to,reason\nA,,2022-08-03,x\nB,,,y\n",
            "row 2, column to: `to` needs a `from` (or give a single `date`)",
        ),
    ];
    for (name, text, message) in cases {
        let path = file(&d, name, text);
        assert_eq!(leave_error(&path), format!("{}, {message}", path.display()));
    }
    let none = file(&d, "nodate.csv", b"id,from,to,reason\nB,,,y\n");
    assert_eq!(
        leave_error(&none),
        format!(
            "{}, row 2, column from: no date: give the first day of the leave",
            none.display()
        )
    );
}

#[test]
fn a_csv_that_is_not_utf8_or_is_given_a_sheet_is_refused() {
    let d = dir("csv");
    let latin1 = file(&d, "staff.csv", b"id;nom;site\nA;Na\xefma;bm\n");
    assert_eq!(
        staff_error(&latin1, None),
        format!(
            "{}, row 2: byte 0xEF is not UTF-8 text (the file may be in Latin-1 or Windows-1252): save the file as UTF-8 (in Excel: save as \"CSV UTF-8\")",
            latin1.display()
        )
    );
    let plain = file(&d, "plain.csv", b"id;nom;site\nA;B;bm\n");
    assert_eq!(
        staff_error(&plain, Some("Personnel")),
        format!(
            "{}: a CSV file has no sheets: remove `sheet`, or point at a workbook",
            plain.display()
        )
    );
}

#[test]
fn too_many_rows_or_columns_are_refused() {
    let d = dir("size");
    let mut text = String::from("id,name,home\n");
    for i in 0..10_001 {
        text.push_str(&format!("P{i},N,bm\n"));
    }
    let rows = file(&d, "staff.csv", text.as_bytes());
    assert_eq!(
        staff_error(&rows, None),
        format!(
            "{}, row 10002: more than 10000 rows: a table read into a roster has at most 10000",
            rows.display()
        )
    );
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "id").unwrap();
    ws.write_string(5, 16_000, "stray").unwrap();
    let wide = d.join("wide.xlsx");
    book.save(&wide).unwrap();
    assert_eq!(
        staff_error(&wide, None),
        format!(
            "{}, sheet Sheet1: row 6 has a value past column 1000: a table has at most 1000 columns",
            wide.display()
        )
    );
}

/// A roster of two sites and one duty, with `roster_keys` added to `[roster]` and
/// `rest` at the end.
fn roster(dir: &Path, roster_keys: &str, rest: &str) -> PathBuf {
    let text = format!(
        r#"[roster]
id = "t"
name = "T"
first = 2022-08-01
last = 2022-08-07
time_zone = "Africa/Casablanca"
{roster_keys}

[[site]]
id = "bm"
name = "BM"

[[site]]
id = "fbs"
name = "FBS"

[[duty]]
id = "saturday"
name = "Samedi"
weekdays = ["sat"]
start = "09:00"
end = "13:00"
  [[duty.cover]]
  site = "bm"
  min = 1
{rest}"#
    );
    file(dir, "roster.toml", text.as_bytes())
}

fn roster_error(path: &Path) -> String {
    read_roster_file(path).unwrap_err().to_string()
}

#[test]
fn an_unknown_site_in_a_table_points_at_its_cell() {
    let d = dir("roster-site");
    let staff = workbook(
        &d,
        "staff.xlsx",
        "Personnel",
        &[
            &["Matricule", "Nom", "Rattachement", "Autres sites"],
            &["A", "Salma", "bm", ""],
            &["B", "Youssef", "azl", ""],
        ],
    );
    let path = roster(
        &d,
        r#"staff_from = { path = "staff.xlsx", sheet = "Personnel" }"#,
        "",
    );
    assert_eq!(
        roster_error(&path),
        format!(
            "{}, sheet Personnel, row 3, column Rattachement: unknown site `azl` (known: bm, fbs)",
            staff.display()
        )
    );
    let sites = file(
        &d,
        "sites.csv",
        b"id;nom;site;autres sites\nA;S;bm;fbs, kbg\n",
    );
    let path = roster(&d, r#"staff_from = "sites.csv""#, "");
    assert_eq!(
        roster_error(&path),
        format!(
            "{}, row 2, column autres sites: unknown site `kbg` (known: bm, fbs)",
            sites.display()
        )
    );
}

#[test]
fn out_of_range_numbers_and_unknown_duties_in_a_table_point_at_their_cells() {
    let d = dir("roster-range");
    let share = file(&d, "share.csv", b"id;nom;site;quotite\nA;S;bm;1e308\n");
    let path = roster(&d, r#"staff_from = "share.csv""#, "");
    let e = roster_error(&path);
    assert!(
        e.starts_with(&format!(
            "{}, row 2, column quotite: workload share 1e308 is out of range",
            share.display()
        )),
        "{e}"
    );
    let duty = file(&d, "duty.csv", b"id;nom;site;max sunday\nA;S;bm;1\n");
    let path = roster(&d, r#"staff_from = "duty.csv""#, "");
    let e = roster_error(&path);
    assert!(
        e.starts_with(&format!(
            "{}, row 2, column max sunday: unknown duty `sunday`",
            duty.display()
        )),
        "{e}"
    );
}

#[test]
fn an_id_both_in_the_table_and_in_a_staff_entry_names_both() {
    let d = dir("roster-both");
    let staff = file(&d, "staff.csv", b"id,name,home\nB,Youssef,bm\nA,Salma,bm\n");
    let path = roster(
        &d,
        r#"staff_from = "staff.csv""#,
        "\n[[staff]]\nid = \"A\"\nname = \"Salma\"\nhome = \"bm\"\n",
    );
    assert_eq!(
        roster_error(&path),
        format!(
            "{}, row 3, column id: staff id `A` is also given by a [[staff]] entry of {}, line 27: give each person once",
            staff.display(),
            path.display()
        )
    );
}

#[test]
fn leave_of_an_unknown_person_is_named_and_leave_outside_the_period_is_left_out() {
    let d = dir("roster-leave");
    file(&d, "staff.csv", b"id,name,home\nA,Salma,bm\n");
    let leave = file(
        &d,
        "leave.csv",
        "\u{feff}Matricule;Du;Au;Motif\r\nA;01/01/2022;31/01/2022;congé\r\nB;06/08/2022;;formation\r\n".as_bytes(),
    );
    let path = roster(
        &d,
        "staff_from = \"staff.csv\"\nleave_from = \"leave.csv\"",
        "\n[[staff]]\nid = \"C\"\nname = \"Khadija\"\nhome = \"bm\"\n",
    );
    assert_eq!(
        roster_error(&path),
        format!(
            "{}, row 3, column Matricule: unknown staff id `B`: nobody of the roster (staff table and [[staff]] entries) has it",
            leave.display()
        )
    );
    // Leave attaches to a [[staff]] entry as well; January's is outside the period.
    std::fs::write(
        &leave,
        "Matricule;Du;Au;Motif\nA;01/01/2022;31/01/2022;congé\nC;06/08/2022;;formation\n",
    )
    .unwrap();
    let roster = read_roster_file(&path).unwrap();
    let staff = &roster.def().staff;
    assert_eq!(
        staff.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
        ["C", "A"]
    );
    assert!(staff[1].unavailable.is_empty());
    assert_eq!(staff[0].unavailable.len(), 1);
    assert_eq!(staff[0].unavailable[0].reason, "formation");
}

#[test]
fn bad_table_keys_and_preferences_are_located_in_the_roster_file() {
    let d = dir("roster-keys");
    let path = roster(&d, "staff_from = 3", "");
    assert_eq!(
        roster_error(&path),
        format!(
            "{}:7:14: roster.staff_from: expected a file name (\"staff.xlsx\") or {{ path = \"staff.xlsx\", sheet = \"Personnel\" }}",
            path.display()
        )
    );
    let person = "\n[[staff]]\nid = \"A\"\nname = \"S\"\nhome = \"bm\"\n";
    let path = roster(&d, r#"leave_from = { file = "leave.csv" }"#, person);
    assert_eq!(
        roster_error(&path),
        format!(
            "{}:7:14: roster.leave_from: unknown key `file` (valid: path, sheet)",
            path.display()
        )
    );
    let path = roster(
        &d,
        r#"staff_from = { path = "none.xlsx", sheet = "Personnel" }"#,
        "",
    );
    let e = roster_error(&path);
    assert!(
        e.starts_with(&format!(
            "{}:7:14: roster.staff_from: {}: cannot read: ",
            path.display(),
            d.join("none.xlsx").display()
        )),
        "{e}"
    );
    file(&d, "leave.csv", b"");
    let path = roster(&d, r#"leave_from = "leave.csv""#, person);
    assert_eq!(
        roster_error(&path),
        format!(
            "{}:7:14: roster.leave_from: {}: the sheet is empty: its first row must hold the column headers (id, name, ...)",
            path.display(),
            d.join("leave.csv").display()
        )
    );
    file(&d, "staff.csv", b"id,name,home\nA,Salma,bm\n");
    let path = roster(
        &d,
        r#"staff_from = "staff.csv""#,
        "\n[[preference]]\nstaff = \"Z\"\nwish = \"avoid\"\nweight = 2\n",
    );
    assert_eq!(
        roster_error(&path),
        format!(
            "{}:28:9: preference[0].staff: unknown staff `Z`",
            path.display()
        )
    );
    let path = roster(
        &d,
        r#"staff_from = "staff.csv""#,
        "\n[[preference]]\nstaff = \"A\"\nwish = \"avoid\"\nduty = \"night\"\nweight = 2\n",
    );
    assert_eq!(
        roster_error(&path),
        format!(
            "{}:30:8: preference[0].duty: unknown duty `night` (known: saturday)",
            path.display()
        )
    );
}
