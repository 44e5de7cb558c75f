//! The shift-scheduling benchmark of Curtois & Qu: each instance solved with a time
//! limit under several seeds of the neighbourhood search, each run in a process of
//! its own (so that its peak memory can be read), every roster checked by the
//! validator and compared with the best known value. Prints a Markdown table: per
//! instance the median objective and its range over the seeds, the median gap to the
//! best known, how many runs proved optimality, the median bound, the median seconds
//! and time to the first roster, the largest peak memory and the most broken rules.
//!
//! ```text
//! cargo bench --bench nsp                          # 60 s, instances 1 to 12, 3 seeds
//! cargo bench --bench nsp -- 30 --instances 1-20   # 30 s, instances 1 to 20
//! cargo bench --bench nsp -- --instances 1-3,17 --seeds 1
//! cargo bench --bench nsp -- --folder DIR          # every instance of DIR's BEST.md
//! cargo bench --bench nsp -- --no-search           # the whole program only
//! cargo bench --bench nsp -- --size --instances 1-20   # program size, relaxation
//! ```
//!
//! The time limit is the first number, or `NSP_TIME_LIMIT`, or 60. Instance numbers
//! may also follow it (`-- 30 1 2 3`). Without `--instances`, the default folder runs
//! instances 1 to 12 and another folder every instance its `BEST.md` lists. Threads
//! are HiGHS's default. Seeds are 1, 2, 3...

mod common;

use common::{median, peak_mib};

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use duty_roster::{SolveOptions, Status, Watch, read_roster_file, solve, validate};

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

/// Instance numbers written as a list of numbers and ranges: `1-12,17-20`.
fn instance_list(text: &str) -> Vec<u32> {
    let number = |s: &str| -> u32 {
        s.trim()
            .parse()
            .unwrap_or_else(|_| panic!("--instances: `{s}` is not a number (write 1-12,17)"))
    };
    text.split(',')
        .filter(|part| !part.trim().is_empty())
        .flat_map(|part| match part.split_once('-') {
            Some((a, b)) => number(a)..=number(b),
            None => number(part)..=number(part),
        })
        .collect()
}

/// The command line of the parent process.
struct Args {
    time_limit: f64,
    search: bool,
    seeds: u64,
    folder: PathBuf,
    only: Vec<u32>,
}

fn default_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/data/nsp")
}

fn parse_args(all: &[String]) -> Args {
    let value = |flag: &str| {
        all.iter().position(|a| a == flag).map(|i| {
            all.get(i + 1)
                .unwrap_or_else(|| panic!("{flag} needs a value"))
        })
    };
    let takes_value = ["--folder", "--instances", "--seeds"];
    let free: Vec<&String> = all
        .iter()
        .enumerate()
        .filter(|(i, a)| {
            !a.starts_with("--") && (*i == 0 || !takes_value.contains(&all[i - 1].as_str()))
        })
        .map(|(_, a)| a)
        .collect();
    let time_limit = free
        .first()
        .map(|s| s.to_string())
        .or_else(|| std::env::var("NSP_TIME_LIMIT").ok())
        .map_or(60.0, |s| s.parse().expect("a time limit in seconds"));
    let folder = value("--folder").map_or_else(default_folder, PathBuf::from);
    let mut only: Vec<u32> = free
        .iter()
        .skip(1)
        .map(|s| s.parse().expect("an instance number"))
        .collect();
    if let Some(list) = value("--instances") {
        only.extend(instance_list(list));
    }
    if only.is_empty() && folder == default_folder() {
        only = (1..=12).collect();
    }
    Args {
        time_limit,
        search: !all.iter().any(|a| a == "--no-search"),
        seeds: value("--seeds").map_or(3, |s| s.parse().expect("--seeds N")),
        folder,
        only,
    }
}

/// What one run (an instance under one seed) measured, as the child prints it.
#[derive(Debug, Clone)]
struct RunResult {
    /// The objective recomputed by the validator; `None` when no roster was found.
    objective: Option<f64>,
    proven: bool,
    bound: f64,
    seconds: f64,
    first_roster_seconds: Option<f64>,
    peak_mib: f64,
    broken: usize,
}

impl RunResult {
    fn line(&self) -> String {
        let opt = |v: Option<f64>| v.map_or("-".to_string(), |v| v.to_string());
        format!(
            "run {} {} {} {} {} {} {}",
            opt(self.objective),
            self.proven,
            self.bound,
            self.seconds,
            opt(self.first_roster_seconds),
            self.peak_mib,
            self.broken
        )
    }

    fn parse(line: &str) -> Option<RunResult> {
        let f: Vec<&str> = line.strip_prefix("run ")?.split(' ').collect();
        let opt = |s: &str| s.parse::<f64>().ok();
        Some(RunResult {
            objective: opt(f.first()?),
            proven: f.get(1)?.parse().ok()?,
            bound: f.get(2)?.parse().ok()?,
            seconds: f.get(3)?.parse().ok()?,
            first_roster_seconds: opt(f.get(4)?),
            peak_mib: f.get(5)?.parse().ok()?,
            broken: f.get(6)?.parse().ok()?,
        })
    }
}

/// Solves one instance under one seed in this process, and prints its `RunResult`.
fn child(path: &Path, seed: u64, time_limit: f64, search: bool) {
    let roster = read_roster_file(path).expect("the benchmark instances read");
    let watch = Arc::new(Watch::new());
    let mut options = SolveOptions::default();
    options.time_limit = time_limit;
    options.neighbourhood_search = search;
    options.seed = seed;
    options.watch = Some(watch.clone());
    let started = Instant::now();
    // The time to the first roster, seen by polling the watch.
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let poller = {
        let (watch, done) = (watch.clone(), done.clone());
        std::thread::spawn(move || {
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                if watch.progress().best.is_some() {
                    return Some(started.elapsed().as_secs_f64());
                }
                std::thread::sleep(Duration::from_millis(10));
            }
            None
        })
    };
    let outcome = solve(&roster, &options);
    let seconds = started.elapsed().as_secs_f64();
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    let seen = poller.join().unwrap_or(None);
    let result = match outcome {
        Ok(outcome) => {
            let report = validate(&roster, &outcome.assignments);
            RunResult {
                objective: Some(report.objective),
                proven: outcome.status == Status::Optimal,
                bound: outcome.best_bound,
                seconds,
                first_roster_seconds: seen.or(Some(seconds)),
                peak_mib: peak_mib(),
                broken: report.violations.len(),
            }
        }
        Err(_) => RunResult {
            objective: None,
            proven: false,
            bound: f64::NAN,
            seconds,
            first_roster_seconds: None,
            peak_mib: peak_mib(),
            broken: 0,
        },
    };
    println!("{}", result.line());
}

/// Runs one instance under one seed in a child process.
fn run_in_child(path: &Path, seed: u64, args: &Args) -> RunResult {
    let exe = std::env::current_exe().expect("the bench's own path");
    let mut command = Command::new(exe);
    command
        .arg("--child")
        .arg(path)
        .arg(seed.to_string())
        .arg(args.time_limit.to_string());
    if !args.search {
        command.arg("--no-search");
    }
    let output = command.output().expect("the bench runs itself");
    let stdout = String::from_utf8_lossy(&output.stdout);
    stdout
        .lines()
        .find_map(RunResult::parse)
        .unwrap_or_else(|| {
            panic!(
                "{}: the run printed no result (status {}): {}",
                path.display(),
                output.status,
                String::from_utf8_lossy(&output.stderr)
            )
        })
}

/// One table row from the runs of an instance.
fn row(name: &str, best: f64, runs: &[RunResult]) -> String {
    let found: Vec<f64> = runs.iter().filter_map(|r| r.objective).collect();
    let missing = runs.len() - found.len();
    let (objective, range, gap) = if found.is_empty() {
        ("no roster".to_string(), String::new(), String::new())
    } else {
        let mid = median(&found);
        let lo = found.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = found.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        (
            format!("{mid}"),
            format!("{lo}–{hi}"),
            format!("{:.2}%", (mid - best) / best * 100.0),
        )
    };
    let objective = if missing > 0 && !found.is_empty() {
        format!("{objective} ({missing} without a roster)")
    } else {
        objective
    };
    let proven = runs.iter().filter(|r| r.proven).count();
    let bounds: Vec<f64> = runs
        .iter()
        .map(|r| r.bound)
        .filter(|b| b.is_finite())
        .collect();
    let bound = if bounds.is_empty() {
        String::new()
    } else {
        format!("{:.0}", (median(&bounds) - 1e-6).ceil())
    };
    let seconds = median(&runs.iter().map(|r| r.seconds).collect::<Vec<_>>());
    let firsts: Vec<f64> = runs.iter().filter_map(|r| r.first_roster_seconds).collect();
    let first = if firsts.is_empty() {
        "-".to_string()
    } else {
        format!("{:.2}", median(&firsts))
    };
    let peak = runs.iter().map(|r| r.peak_mib).fold(0.0, f64::max);
    let broken = runs.iter().map(|r| r.broken).max().unwrap_or(0);
    format!(
        "| {name} | {objective} | {range} | {best} | {gap} | {proven}/{} | {bound} | {seconds:.2} | {first} | {peak:.0} | {broken} |",
        runs.len()
    )
}

fn main() {
    let all: Vec<String> = std::env::args().skip(1).collect();
    if all.first().map(String::as_str) == Some("--child") {
        let path = PathBuf::from(&all[1]);
        let seed = all[2].parse().expect("a seed");
        let time_limit = all[3].parse().expect("a time limit");
        child(
            &path,
            seed,
            time_limit,
            !all.iter().any(|a| a == "--no-search"),
        );
        return;
    }
    let args = parse_args(&all);
    let best_md =
        std::fs::read_to_string(args.folder.join("BEST.md")).expect("BEST.md in the folder");
    let instances: Vec<(u32, f64)> = best_known(&best_md)
        .into_iter()
        .filter(|(n, _)| args.only.is_empty() || args.only.contains(n))
        .filter(|(n, _)| args.folder.join(format!("Instance{n}.txt")).exists())
        .collect();
    if all.iter().any(|a| a == "--size") {
        return sizes(&args, &instances);
    }
    println!(
        "time limit {} s per run, {} seed(s) per instance, neighbourhood search {}",
        args.time_limit,
        args.seeds,
        if args.search { "on" } else { "off" }
    );
    println!();
    println!(
        "| instance | objective (median) | range | best known | gap to best | proven | bound | seconds | first roster s | peak MiB | broken rules |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    for (n, best) in instances {
        let path = args.folder.join(format!("Instance{n}.txt"));
        let runs: Vec<RunResult> = (1..=args.seeds)
            .map(|seed| run_in_child(&path, seed, &args))
            .collect();
        println!("{}", row(&format!("Instance{n}"), best, &runs));
    }
}

/// `--size`: per instance, the program's rows, columns and nonzeros and its linear
/// relaxation's bound (solved within the time limit), against the best known.
fn sizes(args: &Args, instances: &[(u32, f64)]) {
    println!(
        "| instance | rows | columns | nonzeros | relaxation bound | best known | relaxation s |"
    );
    println!("|---|---|---|---|---|---|---|");
    for &(n, best) in instances {
        let path = args.folder.join(format!("Instance{n}.txt"));
        let roster = read_roster_file(&path).expect("a valid instance");
        let size = duty_roster::solve::program_size(&roster, args.time_limit)
            .expect("the relaxation solves");
        let bound = size
            .relaxation_bound
            .map_or("not solved".to_string(), |b| b.to_string());
        println!(
            "| Instance{n} | {} | {} | {} | {bound} | {best} | {:.1} |",
            size.rows, size.columns, size.nonzeros, size.relaxation_seconds
        );
    }
}
