//! The command line: arguments (clap), one file per subcommand, and the mapping of
//! errors to friendly messages and exit codes.

mod check;
mod exit;
mod solve;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Builds fair duty rosters (after-hours desks, Saturdays, phone lines) from a roster
/// file, as an integer program solved to optimality.
#[derive(Parser, Debug)]
#[command(name = "duty-roster", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Solve a roster and write roster.csv, summary.csv and summary.json into --out.
    Solve(SolveArgs),
    /// Validate a roster file and report what can be seen before solving.
    Check(CheckArgs),
}

/// Arguments of `solve`.
#[derive(clap::Args, Debug)]
struct SolveArgs {
    /// The roster file (TOML).
    roster: PathBuf,
    /// Folder for the output files (made when missing).
    #[arg(long, short)]
    out: PathBuf,
    /// Seconds before the solver stops with the best roster found so far.
    #[arg(long, default_value_t = 60.0)]
    time_limit: f64,
    /// Solver threads (the solver's own choice when absent).
    #[arg(long)]
    threads: Option<u32>,
    /// Write CSV for Excel: UTF-8 BOM, `;` separators, CRLF (also `excel_csv = true` in the roster's [settings]).
    #[arg(long)]
    excel: bool,
    /// Print nothing but errors.
    #[arg(long, short)]
    quiet: bool,
    /// Print the solver's log on standard error.
    #[arg(long)]
    verbose: bool,
}

/// Arguments of `check`.
#[derive(clap::Args, Debug)]
struct CheckArgs {
    /// The roster file (TOML).
    roster: PathBuf,
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                exit::code(exit::USAGE)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let result = match cli.command {
        Command::Solve(args) => solve::run(args),
        Command::Check(args) => check::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failure.report(),
    }
}
