//! Reading staff and leave tables: a generated workbook of 1,000 people at 20 sites
//! (with limits and `max_<duty>` columns) and its leave (two absences each, as date
//! cells), read with `read_staff_table` and `read_leave_table`; the same tables as
//! French Excel CSV. Each case runs in its own process so that its peak memory can
//! be read. Prints a Markdown table (median of 7 reads).
//!
//! `cargo bench --bench tables` (all cases) or `cargo bench --bench tables -- csv`.

mod common;

use common::{median, peak_mib};

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use duty_roster::input::{read_leave_table, read_staff_table};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

const PEOPLE: usize = 1_000;
const SITES: usize = 20;

const STAFF_HEADERS: [&str; 9] = [
    "Matricule",
    "Nom",
    "Rattachement",
    "Autres sites",
    "Langues",
    "Quotité",
    "Permanences max",
    "Week-ends max",
    "Max saturday",
];

/// The cells of person `i` (as text), in the order of [`STAFF_HEADERS`].
fn person(i: usize) -> [String; 9] {
    let site = i % SITES;
    [
        format!("P{i:04}"),
        format!("Personne {i} — شخص {i}"),
        format!("site{site:02}"),
        format!("site{:02}", (site + 1) % SITES),
        ["ar, fr", "ar, fr, es", "ar, fr, en", "ar, fr, it"][i % 4].to_string(),
        if i.is_multiple_of(10) { "0.5" } else { "1" }.to_string(),
        (6 + i % 3).to_string(),
        "2".to_string(),
        if i.is_multiple_of(5) {
            "1".to_string()
        } else {
            String::new()
        },
    ]
}

/// The two absences of person `i`: (first day, last day) of August 2026.
fn absences(i: usize) -> [(u8, u8); 2] {
    let a = 1 + (i % 20) as u8;
    [(a, a + 4), (a + 8, a + 8)]
}

fn write_workbooks(dir: &Path) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Personnel").unwrap();
    for (c, h) in STAFF_HEADERS.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for i in 0..PEOPLE {
        for (c, value) in person(i).iter().enumerate() {
            let (row, col) = (i as u32 + 1, c as u16);
            match value.parse::<f64>() {
                Ok(n) => sheet.write_number(row, col, n).unwrap(),
                Err(_) if value.is_empty() => sheet,
                Err(_) => sheet.write_string(row, col, value).unwrap(),
            };
        }
    }
    book.save(dir.join("staff.xlsx")).unwrap();

    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Congés").unwrap();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (c, h) in ["Matricule", "Du", "Au", "Motif"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let mut row = 1;
    for i in 0..PEOPLE {
        for (first, last) in absences(i) {
            sheet.write_string(row, 0, format!("P{i:04}")).unwrap();
            for (col, day) in [(1, first), (2, last)] {
                let d = ExcelDateTime::from_ymd(2026, 8, day).unwrap();
                sheet
                    .write_datetime_with_format(row, col, &d, &date)
                    .unwrap();
            }
            sheet.write_string(row, 3, "congé annuel").unwrap();
            row += 1;
        }
    }
    book.save(dir.join("leave.xlsx")).unwrap();
}

fn write_csv(dir: &Path) {
    let mut staff = format!("\u{feff}{}\r\n", STAFF_HEADERS.join(";"));
    let mut leave = String::from("\u{feff}Matricule;Du;Au;Motif\r\n");
    for i in 0..PEOPLE {
        staff.push_str(&format!(
            "{}\r\n",
            person(i)
                .map(|v| if v.contains(',') {
                    format!("\"{v}\"")
                } else {
                    v
                })
                .join(";")
        ));
        for (first, last) in absences(i) {
            leave.push_str(&format!(
                "P{i:04};{first:02}/08/2026;{last:02}/08/2026;congé annuel\r\n"
            ));
        }
    }
    std::fs::write(dir.join("staff.csv"), staff).unwrap();
    std::fs::write(dir.join("leave.csv"), leave).unwrap();
}

/// Reads one format's tables 7 times in this process and prints one row.
fn run_case(name: &str, staff: &Path, leave: &Path) {
    let (mut staff_s, mut leave_s) = (Vec::new(), Vec::new());
    let (mut people, mut rows) = (0, 0);
    for _ in 0..7 {
        let started = Instant::now();
        people = read_staff_table(staff, None)
            .expect("the staff table reads")
            .len();
        staff_s.push(started.elapsed().as_secs_f64());
        let started = Instant::now();
        rows = read_leave_table(leave, None)
            .expect("the leave table reads")
            .len();
        leave_s.push(started.elapsed().as_secs_f64());
    }
    assert_eq!((people, rows), (PEOPLE, 2 * PEOPLE));
    let bytes = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len()) / 1024;
    println!(
        "| {name} | {people} | {rows} | {} | {} | {:.4} | {:.4} | {:.0} |",
        bytes(staff),
        bytes(leave),
        median(&staff_s),
        median(&leave_s),
        peak_mib()
    );
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if let Some(i) = args.iter().position(|a| a == "--case") {
        let (case, dir) = (&args[i + 1], Path::new(&args[i + 2]));
        let ext = if case == "xlsx" { "xlsx" } else { "csv" };
        return run_case(
            &format!("{PEOPLE} people, {SITES} sites, .{ext}"),
            &dir.join(format!("staff.{ext}")),
            &dir.join(format!("leave.{ext}")),
        );
    }
    let filter = args.first().cloned().unwrap_or_default();
    let dir = tempfile::tempdir().expect("a scratch folder");
    write_workbooks(dir.path());
    write_csv(dir.path());
    println!("| case | people | leave rows | staff kB | leave kB | staff s | leave s | peak MiB |");
    println!("|---|---|---|---|---|---|---|---|");
    let exe = std::env::current_exe().expect("own path");
    for case in ["xlsx", "csv"]
        .iter()
        .filter(|c| c.contains(filter.as_str()))
    {
        let status = Command::new(&exe)
            .args(["--case", case, dir.path().to_str().expect("UTF-8 path")])
            .status()
            .expect("run a case");
        if !status.success() {
            println!("| {case} | failed: {status} |");
        }
    }
}
