//! `duty-roster solve`: solve a roster and write its files.

use duty_roster::check::precheck;
use duty_roster::output::{CsvStyle, roster_csv, summary, text, write_atomically};
use duty_roster::{SolveOptions, solve, validate};

use super::SolveArgs;
use super::exit::{Failure, INFEASIBLE, SOLVER, print};

pub fn run(args: SolveArgs) -> Result<(), Failure> {
    let roster = duty_roster::read_roster_file(&args.roster)?;
    let findings = precheck(&roster);
    if !findings.is_empty() {
        let list: String = findings.iter().map(|f| format!("\n  - {f}")).collect();
        return Err(Failure::new(
            INFEASIBLE,
            format!(
                "{}: the roster is infeasible; these slots cannot be covered:{list}",
                args.roster.display()
            ),
        ));
    }
    let options = SolveOptions {
        time_limit: args.time_limit,
        threads: args.threads,
        verbose: args.verbose,
        ..SolveOptions::default()
    };
    let outcome =
        solve(&roster, &options).map_err(|e| Failure::from(duty_roster::Error::from(e)))?;
    let report = validate(&roster, &outcome.assignments);
    if !report.violations.is_empty() {
        let list: String = report
            .violations
            .iter()
            .map(|v| format!("\n  - {}", v.message))
            .collect();
        return Err(Failure::new(
            SOLVER,
            format!("internal error: the solver's roster breaks rules:{list}"),
        ));
    }
    let style = CsvStyle {
        excel: args.excel || roster.def().settings.excel_csv,
    };
    let files = [
        (
            "roster.csv",
            roster_csv::render(
                &roster,
                &outcome.assignments,
                style,
                &args.out.join("roster.csv"),
            ),
        ),
        (
            "summary.csv",
            summary::render_csv(&roster, &report, style, &args.out.join("summary.csv")),
        ),
        (
            "summary.json",
            summary::render_json(&roster, &outcome, &report, &args.out.join("summary.json")),
        ),
    ];
    let mut rendered = Vec::new();
    for (name, bytes) in files {
        rendered.push((
            args.out.join(name),
            bytes.map_err(|e| Failure::from(duty_roster::Error::from(e)))?,
        ));
    }
    for (path, bytes) in &rendered {
        write_atomically(path, bytes).map_err(|e| Failure::from(duty_roster::Error::from(e)))?;
    }
    if !args.quiet {
        print(&text::render(&roster, &outcome, &report))?;
        print(&format!(
            "wrote {}\n",
            rendered
                .iter()
                .map(|(p, _)| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ))?;
    }
    Ok(())
}
