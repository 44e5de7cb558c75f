//! Generates a synthetic agency roster of a given size, solves it and prints the
//! status, objective and times.
//!
//! `cargo run --release --example synthetic -- STAFF SITES MONTHS [SEED]`

use duty_roster::synthetic::{Size, generate};
use duty_roster::{Roster, SolveOptions, solve, validate};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse())
        .collect::<Result<_, _>>()?;
    let [staff, sites, months, ..] = args[..] else {
        return Err("usage: synthetic STAFF SITES MONTHS [SEED]".into());
    };
    let seed = args.get(3).copied().unwrap_or(1) as u64;
    let roster = Roster::new(generate(Size {
        staff,
        sites,
        months: months as u32,
        seed,
    }))?;
    let outcome = solve(&roster, &SolveOptions::default())?;
    let report = validate(&roster, &outcome.assignments);
    println!(
        "{} slots, {} variables, {} constraints: {} objective {:.3} bound {:.3} gap {:.4}% build {:.2} s solve {:.2} s, {} broken rules",
        outcome.slots,
        outcome.variables,
        outcome.constraints,
        outcome.status,
        outcome.objective,
        outcome.best_bound,
        outcome.gap * 100.0,
        outcome.build_seconds,
        outcome.solve_seconds,
        report.violations.len()
    );
    Ok(())
}
