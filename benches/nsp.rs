//! The shift-scheduling benchmark of Curtois & Qu: each instance solved with a time
//! limit, checked by the validator, and compared with the best known value. Prints a
//! Markdown table.
//!
//! `cargo bench --bench nsp` (60 s per instance), `cargo bench --bench nsp -- 30`
//! (30 s), `cargo bench --bench nsp -- 30 1 2 3` (instances 1 to 3 only); the time
//! limit may also come from `NSP_TIME_LIMIT`. Threads are HiGHS's default.
//! `--no-search` turns the neighbourhood search off (one solve of the whole program).
//! `--folder DIR` runs the instances of another folder (default `benches/data/nsp`):
//! every `InstanceN.txt` there that its `BEST.md` table gives a best known value for.

use std::path::{Path, PathBuf};
use std::time::Instant;

use duty_roster::{SolveOptions, Status, read_roster_file, solve, validate};

/// The instance numbers and best known values of a `BEST.md` table, whose rows read
/// `| InstanceN | days | staff | shift types | best | status |`.
fn best_known(best_md: &str) -> Vec<(u32, f64)> {
    best_md
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let n = cells.get(1)?.strip_prefix("Instance")?.parse().ok()?;
            let best = cells.get(5)?.parse().ok()?;
            Some((n, best))
        })
        .collect()
}

fn main() {
    let all: Vec<String> = std::env::args().skip(1).collect();
    let search = !all.iter().any(|a| a == "--no-search");
    let folder = all
        .iter()
        .position(|a| a == "--folder")
        .map(|i| PathBuf::from(all.get(i + 1).expect("--folder DIR")))
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/data/nsp"));
    let args: Vec<String> = all
        .iter()
        .enumerate()
        .filter(|(i, a)| !a.starts_with("--") && (*i == 0 || all[i - 1] != "--folder"))
        .map(|(_, a)| a.clone())
        .collect();
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
    let best_md = std::fs::read_to_string(folder.join("BEST.md")).expect("BEST.md in the folder");
    let instances: Vec<(u32, f64)> = best_known(&best_md)
        .into_iter()
        .filter(|(n, _)| folder.join(format!("Instance{n}.txt")).exists())
        .collect();
    println!(
        "time limit {time_limit} s per instance, neighbourhood search {}",
        if search { "on" } else { "off" }
    );
    println!();
    println!(
        "| instance | objective | best known | gap to best | proven optimal | bound | seconds | broken rules |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    for (n, best) in instances {
        if !only.is_empty() && !only.contains(&n) {
            continue;
        }
        let path = folder.join(format!("Instance{n}.txt"));
        let roster = read_roster_file(&path).expect("the benchmark instances read");
        let mut options = SolveOptions::default();
        options.time_limit = time_limit;
        options.neighbourhood_search = search;
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
