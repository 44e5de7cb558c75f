//! Writing the workbook of a large roster: the seeded 300-staff, 20-site year
//! (`synthetic`), solved once, its `roster.xlsx` rendered in memory. Prints a
//! Markdown row: slots, assignments, sheets' size, render time (median of 3) and
//! the peak memory of the process that renders.
//!
//! `cargo bench --bench workbook`. The year is solved in a process of its own
//! (about half a minute and 1.7 GB) and its `roster.csv` kept in
//! `target/bench-workbook/`; the rendering process reads it back and checks it with
//! the validator, so that its peak memory is the render's, not the solver's.

mod common;

use common::peak_mib;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use duty_roster::output::{CsvStyle, roster_csv, xlsx};
use duty_roster::synthetic::{Size, generate};
use duty_roster::{Assignment, Outcome, Roster, SolveOptions, Status, solve, validate};

/// The 300-staff year.
fn year() -> Roster {
    let size = Size {
        staff: 300,
        sites: 20,
        months: 12,
        seed: 1,
    };
    Roster::new(generate(size)).expect("generated rosters are valid")
}

/// Where the solved year's roster.csv is kept between runs.
fn cached() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-workbook/year-roster.csv")
}

/// Solves the year, checks it with the validator and keeps its roster.csv.
fn solve_year() {
    let roster = year();
    let mut options = SolveOptions::default();
    options.time_limit = 120.0;
    let outcome = solve(&roster, &options).expect("the year is feasible");
    let report = validate(&roster, &outcome.assignments);
    assert!(report.violations.is_empty(), "{:?}", report.violations);
    let path = cached();
    let bytes = roster_csv::render(&roster, &outcome.assignments, CsvStyle::default(), &path)
        .expect("roster.csv encodes");
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("make the folder");
    std::fs::write(&path, bytes).expect("keep roster.csv");
}

/// The kept roster.csv as assignments.
fn read_cached() -> Vec<Assignment> {
    let mut reader = csv::Reader::from_path(cached()).expect("read the kept roster.csv");
    reader
        .records()
        .map(|r| {
            let r = r.expect("a row");
            let date = r[0].parse().expect("a date");
            Assignment::new(date, &r[6], &r[4], &r[8])
        })
        .collect()
}

/// Renders the year's workbook three times and prints the row.
fn render_year() {
    let roster = year();
    let assignments = read_cached();
    let report = validate(&roster, &assignments);
    assert!(report.violations.is_empty(), "{:?}", report.violations);
    let mut outcome = Outcome::given(&roster, assignments);
    outcome.status = Status::Optimal;
    let mut times = Vec::new();
    let mut size = 0;
    for _ in 0..3 {
        let started = Instant::now();
        let bytes = xlsx::render(&roster, &outcome, &report, false).expect("the workbook renders");
        times.push(started.elapsed().as_secs_f64());
        size = bytes.len();
    }
    times.sort_by(f64::total_cmp);
    println!(
        "| 300 staff, 20 sites, 12 months: roster.xlsx (median of 3) | {} | {} | {:.0} KiB | {:.3} | {:.0} |",
        roster.slots().len(),
        outcome.assignments.len(),
        size as f64 / 1024.0,
        times[1],
        peak_mib()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .position(|a| a == "--case")
        .and_then(|i| args.get(i + 1))
    {
        Some(case) if case == "solve" => return solve_year(),
        Some(case) if case == "render" => return render_year(),
        _ => {}
    }
    let exe = std::env::current_exe().expect("own path");
    let run = |case: &str| {
        let status = Command::new(&exe)
            .args(["--case", case])
            .status()
            .expect("run a case");
        assert!(status.success(), "{case} failed: {status}");
    };
    if !cached().exists() {
        run("solve");
    }
    println!("| case | slots | assignments | file | render s | peak MiB |");
    println!("|---|---|---|---|---|---|");
    run("render");
}
