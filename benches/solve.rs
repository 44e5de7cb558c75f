//! Solve-time and memory benchmarks: the shipped August roster (median of several
//! runs) and seeded synthetic agencies of growing size. Each case runs in its own
//! process so that its peak memory can be read. Prints a Markdown table.
//!
//! `cargo bench --bench solve` (all cases) or `cargo bench --bench solve -- august`.

mod common;

use common::{median, peak_mib};

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use duty_roster::synthetic::{NightLines, Size, generate, night_lines};
use duty_roster::{Roster, SolveOptions, read_roster_file, solve, validate};

const SYNTHETIC: [(usize, usize, u32); 9] = [
    (30, 4, 1),
    (30, 4, 3),
    (30, 4, 12),
    (120, 10, 1),
    (120, 10, 3),
    (120, 10, 12),
    (300, 20, 1),
    (300, 20, 3),
    (300, 20, 12),
];

/// Runs one case in this process and prints one table row.
fn run_case(name: &str, roster: &Roster, runs: usize, time_limit: f64) {
    let mut options = SolveOptions::default();
    options.time_limit = time_limit;
    let (mut build, mut solving, mut total) = (Vec::new(), Vec::new(), Vec::new());
    let mut last = None;
    for _ in 0..runs {
        let started = Instant::now();
        let outcome = solve(roster, &options).expect("the benchmark rosters are feasible");
        total.push(started.elapsed().as_secs_f64());
        build.push(outcome.build_seconds);
        solving.push(outcome.solve_seconds);
        last = Some(outcome);
    }
    let outcome = last.expect("at least one run");
    let broken = validate(roster, &outcome.assignments).violations.len();
    println!(
        "| {name} | {} | {} | {} | {} | {:.3} | {:.2}% | {:.3} | {:.3} | {:.3} | {:.0} | {broken} |",
        roster.slots().len(),
        outcome.variables,
        outcome.constraints,
        outcome.status,
        outcome.objective,
        outcome.gap * 100.0,
        median(&build),
        median(&solving),
        median(&total),
        peak_mib(),
    );
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if let Some(case) = args
        .iter()
        .position(|a| a == "--case")
        .and_then(|i| args.get(i + 1))
    {
        return child(case);
    }
    let filter = args.first().cloned().unwrap_or_default();
    println!(
        "| case | slots | variables | constraints | status | objective | gap | build s | solve s | total s | peak MiB | broken rules |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|");
    let exe = std::env::current_exe().expect("own path");
    let mut cases = vec!["august".to_string(), "august-infeasible".to_string()];
    cases.extend(
        SYNTHETIC
            .iter()
            .map(|(s, k, m)| format!("synthetic-{s}-{k}-{m}")),
    );
    cases.extend(night_cases());
    for case in cases.iter().filter(|c| c.contains(&filter)) {
        let status = Command::new(&exe)
            .args(["--case", case])
            .status()
            .expect("run a case");
        if !status.success() {
            println!("| {case} | failed: {status} |");
        }
    }
}

/// The elastic re-solve of an infeasible August: two Azilal staff on leave all month.
fn diagnose_case() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("rosters/aubm-2022-08.toml");
    let mut def = read_roster_file(&path)
        .expect("the shipped roster reads")
        .def()
        .clone();
    let period = def.period;
    for person in def.staff.iter_mut().filter(|s| s.home == "azilal").take(5) {
        let mut leave = duty_roster::Absence::new(period);
        leave.reason = "leave".into();
        person.unavailable.push(leave);
    }
    let roster = Roster::new(def).expect("valid");
    let mut times = Vec::new();
    let mut problems = 0;
    for _ in 0..7 {
        let started = Instant::now();
        let diagnosis = duty_roster::diagnose::diagnose(&roster, &SolveOptions::default())
            .expect("elastic solves");
        times.push(started.elapsed().as_secs_f64());
        problems = diagnosis.problems.len();
    }
    println!(
        "| aubm-2022-08 infeasible: elastic diagnosis (median of 7) | {} | | | {problems} problems | | | | | {:.3} | {:.0} | |",
        roster.slots().len(),
        median(&times),
        peak_mib()
    );
}

fn child(case: &str) {
    if case == "august-infeasible" {
        return diagnose_case();
    }
    if case == "august" {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("rosters/aubm-2022-08.toml");
        let roster = read_roster_file(&path).expect("the shipped roster reads");
        return run_case("aubm-2022-08 (median of 7)", &roster, 7, 60.0);
    }
    if let Some(shape) = case.strip_prefix("night-lines-") {
        return night_child(shape);
    }
    let parts: Vec<usize> = case
        .trim_start_matches("synthetic-")
        .split('-')
        .map(|p| p.parse().expect("number"))
        .collect();
    let size = Size {
        staff: parts[0],
        sites: parts[1],
        months: parts[2] as u32,
        seed: 1,
    };
    let roster = Roster::new(generate(size)).expect("generated rosters are valid");
    run_case(
        &format!(
            "{} staff, {} sites, {} months",
            size.staff, size.sites, size.months
        ),
        &roster,
        1,
        60.0,
    );
}

// ---- night-line agencies (issue 19): mixed duty lengths across a clock change ----

/// Night-line agencies: (staff, sites, months) solved for each of the seeds.
const NIGHT_LINES: [(usize, usize, u32); 1] = [(50, 4, 2)];
const NIGHT_SEEDS: [u64; 3] = [1, 2, 3];

/// The case names of the night-line agencies, one per shape and seed.
fn night_cases() -> Vec<String> {
    NIGHT_LINES
        .iter()
        .flat_map(|(s, k, m)| {
            NIGHT_SEEDS
                .iter()
                .map(move |seed| format!("night-lines-{s}-{k}-{m}-{seed}"))
        })
        .collect()
}

/// Solves the night-line agency named by `shape` ("staff-sites-months-seed").
fn night_child(shape: &str) {
    let parts: Vec<u64> = shape
        .split('-')
        .map(|p| p.parse().expect("number"))
        .collect();
    let shape = NightLines {
        staff: parts[0] as usize,
        sites: parts[1] as usize,
        months: parts[2] as u32,
        seed: parts[3],
    };
    let roster = Roster::new(night_lines(shape)).expect("generated rosters are valid");
    run_case(
        &format!(
            "night lines: {} staff, {} sites, {} months, seed {}",
            shape.staff, shape.sites, shape.months, shape.seed
        ),
        &roster,
        1,
        60.0,
    );
}
