//! The shift-scheduling benchmark of Curtois & Qu, instances 1 to 12: each solved with
//! a time limit, checked by the validator, and compared with the best known value.
//! Prints a Markdown table.
//!
//! `cargo bench --bench nsp` (60 s per instance), `cargo bench --bench nsp -- 30`
//! (30 s), `cargo bench --bench nsp -- 30 1 2 3` (instances 1 to 3 only); the time
//! limit may also come from `NSP_TIME_LIMIT`. Threads are HiGHS's default.
//! `--no-search` turns the neighbourhood search off (one solve of the whole program).

use std::path::Path;
use std::time::Instant;

use duty_roster::{SolveOptions, Status, read_roster_file, solve, validate};

/// Best known objective values (`../shared/benchmarks/nsp/BEST.md`).
const BEST: [(u32, f64); 12] = [
    (1, 607.0),
    (2, 828.0),
    (3, 1001.0),
    (4, 1716.0),
    (5, 1143.0),
    (6, 1950.0),
    (7, 1056.0),
    (8, 1300.0),
    (9, 439.0),
    (10, 4631.0),
    (11, 3443.0),
    (12, 4040.0),
];

fn main() {
    let all: Vec<String> = std::env::args().skip(1).collect();
    let search = !all.iter().any(|a| a == "--no-search");
    let args: Vec<String> = all.into_iter().filter(|a| !a.starts_with("--")).collect();
    let time_limit: f64 = args
        .first()
        .cloned()
        .or_else(|| std::env::var("NSP_TIME_LIMIT").ok())
        .map_or(60.0, |s| s.parse().expect("a time limit in seconds"));
    let only: Vec<u32> = args
        .iter()
        .skip(1)
        .map(|s| s.parse().expect("an instance number"))
        .collect();
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/benchmarks/nsp");
    println!(
        "time limit {time_limit} s per instance, neighbourhood search {}",
        if search { "on" } else { "off" }
    );
    println!();
    println!(
        "| instance | objective | best known | gap to best | proven optimal | bound | seconds | broken rules |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    for (n, best) in BEST {
        if !only.is_empty() && !only.contains(&n) {
            continue;
        }
        let path = folder.join(format!("Instance{n}.txt"));
        let roster = read_roster_file(&path).expect("the benchmark instances read");
        let options = SolveOptions {
            time_limit,
            neighbourhood_search: search,
            ..SolveOptions::default()
        };
        let started = Instant::now();
        let outcome = match solve(&roster, &options) {
            Ok(outcome) => outcome,
            Err(e) => {
                println!("| Instance{n} | failed: {e} | {best} | | | | | |");
                continue;
            }
        };
        let seconds = started.elapsed().as_secs_f64();
        let report = validate(&roster, &outcome.assignments);
        let gap = (outcome.objective - best) / best * 100.0;
        let proven = if outcome.status == Status::Optimal {
            "yes"
        } else {
            "no"
        };
        println!(
            "| Instance{n} | {} | {best} | {gap:.2}% | {proven} | {:.0} | {seconds:.2} | {} |",
            outcome.objective,
            (outcome.best_bound - 1e-6).ceil(),
            report.violations.len()
        );
    }
}
