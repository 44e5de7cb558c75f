//! Writes the shipped example tables from the August roster: its staff into
//! `rosters/aubm-staff.xlsx` (sheet "Personnel", French headers) and its leave into
//! `rosters/aubm-leave.csv` (as French Excel saves CSV: byte order mark, `;`, CRLF,
//! dates as dd/mm/yyyy), which `rosters/aubm-2022-08-tables.toml` reads.
//!
//! `cargo run --example aubm_tables` (the outputs are committed; run it again after
//! changing the staff of `rosters/aubm-2022-08.toml`). The same input gives the same
//! bytes: the workbook's dates are fixed.

use std::path::Path;

use duty_roster::read_roster_file;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("rosters");
    let roster = read_roster_file(&folder.join("aubm-2022-08.toml"))?;
    let staff = &roster.def().staff;
    staff_workbook(staff)?.save(folder.join("aubm-staff.xlsx"))?;
    std::fs::write(folder.join("aubm-leave.csv"), leave_csv(staff))?;
    Ok(())
}

/// One row per person: Matricule, Nom, Rattachement, Autres sites, Langues, Quotité,
/// and `Max <duty>` for each duty kind someone has a limit of.
fn staff_workbook(staff: &[duty_roster::Staff]) -> Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    let fixed = ExcelDateTime::from_ymd(2022, 7, 25)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&fixed));
    let sheet = book.add_worksheet();
    sheet.set_name("Personnel")?;
    let mut duties: Vec<&String> = staff
        .iter()
        .flat_map(|s| s.limits.max_per_duty.keys())
        .collect();
    duties.sort();
    duties.dedup();
    let mut headers: Vec<String> = [
        "Matricule",
        "Nom",
        "Rattachement",
        "Autres sites",
        "Langues",
        "Quotité",
    ]
    .map(String::from)
    .to_vec();
    headers.extend(duties.iter().map(|d| format!("Max {d}")));
    let bold = Format::new().set_bold();
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, h, &bold)?;
    }
    for (r, s) in staff.iter().enumerate() {
        let row = r as u32 + 1;
        sheet.write_string(row, 0, &s.id)?;
        sheet.write_string(row, 1, &s.name)?;
        sheet.write_string(row, 2, &s.home)?;
        sheet.write_string(row, 3, s.sites.join(", "))?;
        sheet.write_string(row, 4, s.skills.join(", "))?;
        sheet.write_number(row, 5, s.share)?;
        for (k, duty) in duties.iter().enumerate() {
            if let Some(n) = s.limits.max_per_duty.get(*duty) {
                sheet.write_number(row, 6 + k as u16, *n)?;
            }
        }
    }
    sheet.set_column_width(1, 45)?;
    sheet.set_column_width(4, 14)?;
    sheet.set_freeze_panes(1, 0)?;
    Ok(book)
}

/// One row per absence: Matricule;Nom;Du;Au;Motif, Au empty for one day.
fn leave_csv(staff: &[duty_roster::Staff]) -> Vec<u8> {
    let day = |d: chrono::NaiveDate| d.format("%d/%m/%Y").to_string();
    let mut text = String::from("\u{feff}Matricule;Nom;Du;Au;Motif\r\n");
    for s in staff {
        for a in &s.unavailable {
            let to = if a.dates.first == a.dates.last {
                String::new()
            } else {
                day(a.dates.last)
            };
            text.push_str(&format!(
                "{};{};{};{to};{}\r\n",
                s.id,
                s.name,
                day(a.dates.first),
                a.reason
            ));
        }
    }
    text.into_bytes()
}
