//! Re-planning benchmarks: a published roster re-planned after new leave, timed as
//! the median (with min and max) of several runs. Every re-planned roster is checked
//! by the independent validator, which also counts its changes; a broken roster
//! stops the benchmark. Prints a Markdown table.
//!
//! - `august`: rosters/aubm-2022-08.toml solved and published; the first person in
//!   file order with a duty from 10 to 23 August gets a leave on those days; the
//!   re-plan freezes the days up to the 9th.
//! - `year`: the seeded 300-staff, 20-site year (`synthetic`) solved and published;
//!   ten seeded people with duties get a two-week leave each, starting at a seeded
//!   date that covers one of their duties; re-planned with nothing frozen.
//!
//! - `replace`: who could take a duty of the August roster (`replace::replacements`),
//!   timed alone; every option is applied and checked by the validator.
//!
//! `cargo bench --bench replan` (every case), `cargo bench --bench replan -- august`
//! (one case); `--runs N` (August, default 5), `--year-runs N` (the year, default 3:
//! its first solve takes half a minute), `--time-limit S` (the year's limit for each
//! solve, default 60 s, as in the solve benchmark).

mod common;

use common::median;

use std::time::Instant;

use chrono::{Days, NaiveDate};
use duty_roster::replace::replacements;
use duty_roster::synthetic::{Size, generate};
use duty_roster::{
    Absence, Assignment, DateRange, Outcome, Replan, Roster, RosterDef, SolveOptions,
    read_roster_file, solve, validate,
};

/// The arguments: a case filter and the numbers of runs.
struct Args {
    filter: String,
    runs: usize,
    year_runs: usize,
    time_limit: f64,
}

impl Args {
    fn read() -> Args {
        let all: Vec<String> = std::env::args()
            .skip(1)
            .filter(|a| a != "--bench")
            .collect();
        let value = |flag: &str| {
            all.iter().position(|a| a == flag).map(|i| {
                all.get(i + 1)
                    .unwrap_or_else(|| panic!("{flag} needs a value"))
            })
        };
        let number = |flag: &str, default: usize| {
            value(flag).map_or(default, |v| {
                v.parse()
                    .unwrap_or_else(|_| panic!("{flag}: a whole number, not {v:?}"))
            })
        };
        let filter = all
            .iter()
            .enumerate()
            .find(|(i, a)| !a.starts_with("--") && (*i == 0 || !all[i - 1].starts_with("--")))
            .map(|(_, a)| a.clone())
            .unwrap_or_default();
        Args {
            filter,
            runs: number("--runs", 5).max(1),
            year_runs: number("--year-runs", 3).max(1),
            time_limit: value("--time-limit").map_or(60.0, |v| {
                v.parse()
                    .unwrap_or_else(|_| panic!("--time-limit: seconds, not {v:?}"))
            }),
        }
    }
}

/// Median, min and max of some timings, as `median (min–max)`.
fn spread(xs: &[f64]) -> String {
    let mut xs = xs.to_vec();
    xs.sort_by(f64::total_cmp);
    format!(
        "{:.3} ({:.3}–{:.3})",
        xs[xs.len() / 2],
        xs[0],
        xs[xs.len() - 1]
    )
}

/// A small deterministic generator (SplitMix64), so that the leaves are the same on
/// every run and machine.
struct SplitMix(u64);

impl SplitMix {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % n as u64) as usize
    }
}

/// A solve whose roster breaks no hard rule; panics loudly otherwise.
fn checked_solve(roster: &Roster, options: &SolveOptions, what: &str) -> (Outcome, f64) {
    let started = Instant::now();
    let outcome =
        solve(roster, options).unwrap_or_else(|e| panic!("{what}: the solve failed: {e}"));
    let seconds = started.elapsed().as_secs_f64();
    let report = validate(roster, &outcome.assignments);
    assert!(
        report.violations.is_empty(),
        "{what}: the roster breaks {} hard rules, first {:?}",
        report.violations.len(),
        report.violations.first()
    );
    (outcome, seconds)
}

/// The timings of the re-plans of one case.
#[derive(Default)]
struct Replans {
    total: Vec<f64>,
    phase1_and_build: Vec<f64>,
    phase2: Vec<f64>,
    changes: Vec<usize>,
    people: Vec<usize>,
    last: Option<Outcome>,
}

/// Re-plans `roster` `runs` times; each roster checked, its changes counted by the
/// validator.
fn replan_runs(roster: &Roster, options: &SolveOptions, runs: usize, what: &str) -> Replans {
    let mut replans = Replans::default();
    for _ in 0..runs {
        let (outcome, seconds) = checked_solve(roster, options, what);
        let changes = validate(roster, &outcome.assignments)
            .changes
            .expect("a re-plan's report counts its changes");
        replans.total.push(seconds);
        // The solve's build time includes its first phase (the fewest changes).
        replans.phase1_and_build.push(outcome.build_seconds);
        replans.phase2.push(outcome.solve_seconds);
        replans.changes.push(changes.count());
        replans.people.push(changes.people_affected());
        replans.last = Some(outcome);
    }
    replans
}

/// `a` when every count is `a`, else `a–b`.
fn range(xs: &[usize]) -> String {
    let (lo, hi) = (xs.iter().min(), xs.iter().max());
    match (lo, hi) {
        (Some(lo), Some(hi)) if lo == hi => lo.to_string(),
        (Some(lo), Some(hi)) => format!("{lo}–{hi}"),
        _ => String::new(),
    }
}

/// One table row.
fn row(name: &str, roster: &Roster, first: &[f64], replans: &Replans, target: f64) {
    let outcome = replans.last.as_ref().expect("at least one run");
    let met = if median(&replans.total) < target {
        "yes"
    } else {
        "no"
    };
    let first = if first.is_empty() {
        String::new()
    } else {
        spread(first)
    };
    println!(
        "| {name} | {} | {} | {first} | {} | {} | {} | {} | {} | {} | {:.3} | 0 | {target:.3} | {met} |",
        replans.total.len(),
        roster.slots().len(),
        spread(&replans.total),
        spread(&replans.phase1_and_build),
        spread(&replans.phase2),
        outcome.status,
        range(&replans.changes),
        range(&replans.people),
        outcome.objective,
    );
}

/// August 2022, re-planned after one person's leave from the 10th to the 23rd.
fn august(runs: usize) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rosters/aubm-2022-08.toml");
    let roster = read_roster_file(&path).expect("the shipped roster reads");
    let options = SolveOptions::default();
    let (published, _) = checked_solve(&roster, &options, "August's first solve");
    let day = |d| NaiveDate::from_ymd_opt(2022, 8, d).expect("valid date");
    let leave = DateRange::new(day(10), day(23));
    let mut def = roster.def().clone();
    let person = def
        .staff
        .iter()
        .position(|s| {
            published
                .assignments
                .iter()
                .any(|a| a.staff == s.id && leave.contains(a.date))
        })
        .expect("someone has a duty from the 10th to the 23rd");
    let who = def.staff[person].id.clone();
    def.staff[person].unavailable.push(Absence::new(leave));
    let mut replan = Replan::new(published.assignments);
    replan.freeze_until = Some(day(9));
    def.replan = Some(replan);
    let replanned = Roster::new(def).expect("the re-plan is valid");
    let replans = replan_runs(&replanned, &options, runs, "August's re-plan");
    row(
        &format!("aubm-2022-08, {who} on leave 10–23 Aug, frozen to the 9th"),
        &replanned,
        &[],
        &replans,
        0.3,
    );
}

/// `replace` on the August roster: who could take the duty of the first person in
/// file order with one from the 10th, timed alone; every option is applied and
/// checked by the validator.
fn replace(runs: usize) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rosters/aubm-2022-08.toml");
    let roster = read_roster_file(&path).expect("the shipped roster reads");
    let (published, _) = checked_solve(&roster, &SolveOptions::default(), "August's first solve");
    let published = published.assignments;
    let from = NaiveDate::from_ymd_opt(2022, 8, 10).expect("valid date");
    let duty = roster
        .staff()
        .iter()
        .find_map(|s| published.iter().find(|a| a.staff == s.id && a.date >= from))
        .expect("someone has a duty from the 10th")
        .clone();
    let mut seconds = Vec::new();
    let mut options = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        options = replacements(&roster, &published, &duty.staff, duty.date)
            .expect("the person has that duty");
        seconds.push(started.elapsed().as_secs_f64());
    }
    for option in &options {
        let mut list: Vec<Assignment> = published.iter().filter(|a| **a != duty).cloned().collect();
        list.push(Assignment::new(
            duty.date,
            &duty.duty,
            &duty.site,
            &option.staff,
        ));
        if let Some(then) = &option.then {
            list.retain(|a| *a != then.duty);
            let e = &then.duty;
            list.push(Assignment::new(e.date, &e.duty, &e.site, &then.to));
        }
        let broken = validate(&roster, &list).violations;
        assert!(
            broken.is_empty(),
            "replacement {} breaks {broken:?}",
            option.staff
        );
    }
    let chains = options.iter().filter(|o| o.then.is_some()).count();
    println!();
    println!("| case | runs | seconds | options | of which with a second move | target s | met |");
    println!("|---|---|---|---|---|---|---|");
    let median_seconds = median(&seconds);
    println!(
        "| replace {}'s `{}` at `{}` on {} (aubm-2022-08) | {runs} | {} | {} | {chains} | 1.000 | {} |",
        duty.staff,
        duty.duty,
        duty.site,
        duty.date,
        spread(&seconds),
        options.len(),
        if median_seconds < 1.0 { "yes" } else { "no" }
    );
}

/// Ten seeded leaves of two weeks in `def`, each for a person with duties in
/// `published` and covering one of them; the ids of the people.
fn add_leaves(def: &mut RosterDef, published: &[Assignment], seed: u64) -> Vec<String> {
    let mut rng = SplitMix(seed);
    let mut chosen = Vec::new();
    while chosen.len() < 10 {
        let person = rng.below(def.staff.len());
        let id = def.staff[person].id.clone();
        let duties: Vec<NaiveDate> = published
            .iter()
            .filter(|a| a.staff == id)
            .map(|a| a.date)
            .collect();
        if duties.is_empty() || chosen.contains(&id) {
            continue;
        }
        let duty = duties[rng.below(duties.len())];
        let period = def.period;
        let start = duty
            .checked_sub_days(Days::new(rng.below(14) as u64))
            .expect("valid date")
            .max(period.first);
        let end = start
            .checked_add_days(Days::new(13))
            .expect("valid date")
            .min(period.last);
        def.staff[person]
            .unavailable
            .push(Absence::new(DateRange::new(start, end)));
        chosen.push(id);
    }
    chosen
}

/// The 300-staff year, re-planned after ten new leaves.
fn year(runs: usize, time_limit: f64) {
    let size = Size {
        staff: 300,
        sites: 20,
        months: 12,
        seed: 1,
    };
    let roster = Roster::new(generate(size)).expect("generated rosters are valid");
    let mut options = SolveOptions::default();
    options.time_limit = time_limit;
    let mut first = Vec::new();
    let mut published = None;
    for _ in 0..runs {
        let (outcome, seconds) = checked_solve(&roster, &options, "the year's first solve");
        first.push(seconds);
        published.get_or_insert(outcome);
    }
    let published = published.expect("at least one run");
    let mut def = roster.def().clone();
    add_leaves(&mut def, &published.assignments, 16);
    def.replan = Some(Replan::new(published.assignments));
    let replanned = Roster::new(def).expect("the re-plan is valid");
    let replans = replan_runs(&replanned, &options, runs, "the year's re-plan");
    row(
        &format!(
            "300 staff, 20 sites, 12 months ({}), 10 new two-week leaves",
            published.status
        ),
        &replanned,
        &first,
        &replans,
        median(&first),
    );
}

fn main() {
    let args = Args::read();
    println!(
        "| case | runs | slots | first solve s | re-plan s | fewest changes + build s | usual objective s | status | changes | people affected | objective | broken rules | target s | met |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    if "august".contains(&args.filter) {
        august(args.runs);
    }
    if "year".contains(&args.filter) {
        year(args.year_runs, args.time_limit);
    }
    println!();
    println!(
        "Times are medians (min–max) of the runs; the re-plan is timed alone; changes and \
         broken rules are the validator's."
    );
    if "replace".contains(&args.filter) {
        replace(args.runs);
    }
}
