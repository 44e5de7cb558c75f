//! The command line: arguments (clap), one file per subcommand, and the mapping of
//! errors to friendly messages and exit codes.

mod check;
mod exit;
mod explain;
mod init;
mod ledger;
mod progress;
mod replace;
mod replan;
mod shell;
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
    /// Solve a roster and write roster.csv, summary.csv, summary.json, calendars/ and roster.html into --out.
    Solve(SolveArgs),
    /// Validate a roster file and report what can be seen before solving.
    Check(CheckArgs),
    /// Solve a roster and explain it: a person's fair targets, duties and unhonoured
    /// wishes (with what honouring them would cost), or who could take each slot of a date.
    Explain(ExplainArgs),
    /// Read a ledger (fairness carried across months): with --report, the hours each
    /// person worked per month and duty kind, for compensation.
    Ledger(LedgerArgs),
    /// Who could take a person's duty in a published roster without breaking a hard
    /// rule, ranked by what it costs (for the cell, on the phone).
    Replace(ReplaceArgs),
    /// Check a swap two people agreed on against every rule; write the new roster
    /// and its changes into --out, or say which rule it breaks.
    Swap(SwapArgs),
    /// Write a new roster file, commented and ready to edit: the period, Morocco's
    /// public holidays (Islamic ones as lines to confirm), the template's sites, duty
    /// kinds, rules and placeholder staff. `check` passes on what it writes.
    Init(InitArgs),
    /// Print the completion script of a shell on standard output.
    Completions(CompletionsArgs),
    /// Print the manual page (roff) on standard output, or write one page per command
    /// into --out.
    Man(ManArgs),
}

/// Arguments of `init`.
#[derive(clap::Args, Debug)]
struct InitArgs {
    /// The roster file to write (TOML).
    #[arg(long, short, value_name = "ROSTER_TOML")]
    out: PathBuf,
    /// The month (YYYY-MM), or a range of whole months (2026-08..2026-10, at most 12).
    /// Default: the month after today (today's date in UTC).
    #[arg(long, value_name = "YYYY-MM")]
    month: Option<String>,
    /// What the roster starts from: `agency` (head office, three annexes, phone and
    /// WhatsApp lines; evenings and Saturdays) or `ward` (a hospital ward: early, late
    /// and night shifts every day).
    #[arg(long, value_enum, default_value = "agency")]
    template: TemplateArg,
    /// A staff table (.xlsx, .ods or .csv; headers as in docs/roster-format.md): the
    /// roster reads its people from it (`staff_from`, written relative to --out)
    /// instead of the template's placeholders.
    #[arg(long, value_name = "STAFF_TABLE")]
    from: Option<PathBuf>,
    /// The sheet of the --from workbook (default: its first sheet).
    #[arg(long, value_name = "NAME", requires = "from")]
    sheet: Option<String>,
    /// Overwrite --out when it exists.
    #[arg(long)]
    force: bool,
    /// Print nothing but errors.
    #[arg(long, short)]
    quiet: bool,
}

/// The templates of `init`.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum TemplateArg {
    /// The Urban Agency of Beni Mellal's MRE desk.
    Agency,
    /// A hospital ward.
    Ward,
}

/// Arguments of `completions`.
#[derive(clap::Args, Debug)]
struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

/// Arguments of `man`.
#[derive(clap::Args, Debug)]
struct ManArgs {
    /// Write duty-roster.1 and a page per command (duty-roster-solve.1...) into this
    /// folder (made when missing) instead of printing the main page.
    #[arg(long, short, value_name = "DIR")]
    out: Option<PathBuf>,
}

/// Arguments of `replace`.
#[derive(clap::Args, Debug)]
struct ReplaceArgs {
    /// The roster file (TOML).
    roster: PathBuf,
    /// The published roster.csv.
    #[arg(long, value_name = "ROSTER_CSV")]
    baseline: PathBuf,
    /// The person who cannot take their duty.
    #[arg(long)]
    staff: String,
    /// The date of the duty (YYYY-MM-DD).
    #[arg(long)]
    date: chrono::NaiveDate,
    /// Print JSON for other tools instead of text.
    #[arg(long)]
    json: bool,
    /// Let messages give a leave's reason ("on sick leave") instead of "away". Off by
    /// default: a reason such as a sick leave is health data.
    #[arg(long)]
    show_reasons: bool,
}

/// Arguments of `swap`.
#[derive(clap::Args, Debug)]
struct SwapArgs {
    /// The roster file (TOML).
    roster: PathBuf,
    /// The published roster.csv.
    #[arg(long, value_name = "ROSTER_CSV")]
    baseline: PathBuf,
    /// The first person, whose duty on the first --date goes to --with.
    #[arg(long)]
    staff: String,
    /// The first person's duty date, then (optional) the second person's, whose duty
    /// that day goes to the first person.
    #[arg(long, num_args = 1, required = true)]
    date: Vec<chrono::NaiveDate>,
    /// The second person.
    #[arg(long = "with", value_name = "STAFF")]
    with: String,
    /// Folder for the new roster's files (made when missing).
    #[arg(long, short)]
    out: PathBuf,
    /// Print nothing but errors.
    #[arg(long, short)]
    quiet: bool,
    /// Let messages give a leave's reason ("on sick leave") instead of "away". Off by
    /// default: a reason such as a sick leave is health data.
    #[arg(long)]
    show_reasons: bool,
}

/// Arguments of `solve`.
#[derive(clap::Args, Debug)]
struct SolveArgs {
    /// The roster file (TOML).
    roster: PathBuf,
    /// Folder for the output files (made when missing). The run's files are staged
    /// beside it and swapped in whole: a failed or killed run leaves it as it was.
    #[arg(long, short)]
    out: PathBuf,
    /// Seconds before the solver stops with the best roster found so far (`inf`
    /// for none).
    #[arg(long, default_value_t = 60.0, value_parser = seconds)]
    time_limit: f64,
    /// Solver threads (the solver's own choice when absent); more than the machine's
    /// cores are capped to them, with a note.
    #[arg(long)]
    threads: Option<u32>,
    /// Solve the whole program alone, without the neighbourhood search that joins it
    /// after a second: slower to good rosters on large or hard rosters, but a roster
    /// proven optimal is then the same roster on every run.
    #[arg(long)]
    no_search: bool,
    /// Write CSV for Excel: UTF-8 BOM, `;` separators, CRLF (also `excel_csv = true` in the roster's [settings]).
    #[arg(long)]
    excel: bool,
    /// Files to write, comma-separated: `csv` (roster.csv, summary.csv), `ics`
    /// (calendars/: per person, per site, whole roster), `html` (roster.html: a
    /// printable month view per site and a fairness chart) and `xlsx` (roster.xlsx: a
    /// workbook with a month grid per site, per person and the assignments);
    /// summary.json is always written.
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "csv,ics,html,xlsx"
    )]
    format: Vec<Format>,
    /// Name per-person calendars by a keyed hash of the staff id (HMAC-SHA256), so a
    /// published folder does not tell whose file is whose; the key comes from
    /// --name-key-file or the DUTY_ROSTER_NAME_KEY environment variable, never from the
    /// roster. The summary printed after solving, and private-names.csv in --out
    /// (for you only: do not publish it), tell which file is whose.
    #[arg(long)]
    private_names: bool,
    /// File holding the key for --private-names (at least 16 bytes; white space around
    /// it is ignored). Takes precedence over DUTY_ROSTER_NAME_KEY.
    #[arg(long, requires = "private_names", value_name = "FILE")]
    name_key_file: Option<PathBuf>,
    /// When the roster is infeasible, still write the best roster that breaks only the
    /// rules reported (marked in roster.csv's `breaks` column and summary.json's
    /// `violations`); the exit status stays 3.
    #[arg(long)]
    relaxed: bool,
    /// Print nothing but errors.
    #[arg(long, short)]
    quiet: bool,
    /// Print the solver's log on standard error.
    #[arg(long)]
    verbose: bool,
    /// A ledger of earlier months (CSV): fair targets correct what each person
    /// carries (duties and hours done beyond or below their fair share).
    #[arg(long, value_name = "FILE")]
    ledger: Option<PathBuf>,
    /// Add this roster's month to --ledger once it is written (made when missing);
    /// refused when the roster is in the ledger already.
    #[arg(long, requires = "ledger")]
    update_ledger: bool,
    /// Re-plan the published roster in this roster.csv (plain or Excel style) with the
    /// fewest changes: hard rules first, then as few people added to or removed from
    /// slots as possible, then fairness and wishes. Writes changes.csv and notices/.
    #[arg(long, value_name = "ROSTER_CSV")]
    baseline: Option<PathBuf>,
    /// With --baseline: duties on or before this date (YYYY-MM-DD) stay as published.
    #[arg(long, requires = "baseline", value_name = "DATE")]
    freeze_until: Option<chrono::NaiveDate>,
    /// With --baseline: at most N changes for any one person (the removal of a duty
    /// they can no longer take does not count).
    #[arg(long, requires = "baseline", value_name = "N")]
    max_changes_per_person: Option<u32>,
    /// Let messages give a leave's reason ("on sick leave") instead of "away". Off by
    /// default: a reason such as a sick leave is health data.
    #[arg(long)]
    show_reasons: bool,
}

/// Output formats of `solve`.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    /// roster.csv and summary.csv.
    Csv,
    /// iCalendar files under calendars/.
    Ics,
    /// roster.html: month view per site, per-person tables, fairness chart.
    Html,
    /// roster.xlsx: a month grid sheet per site, a per-person sheet, the assignments.
    Xlsx,
}

/// Arguments of `explain`.
#[derive(clap::Args, Debug)]
struct ExplainArgs {
    /// The roster file.
    roster: PathBuf,
    /// Explain this staff member.
    #[arg(long)]
    staff: Option<String>,
    /// Explain this date (YYYY-MM-DD).
    #[arg(long)]
    date: Option<chrono::NaiveDate>,
    /// Print JSON for other tools instead of text.
    #[arg(long)]
    json: bool,
    /// Seconds before each solve stops with the best roster found so far (`inf`
    /// for none).
    #[arg(long, default_value_t = 60.0, value_parser = seconds)]
    time_limit: f64,
    /// A ledger of earlier months: targets correct what each person carries, and
    /// --staff shows the balance carried.
    #[arg(long, value_name = "FILE")]
    ledger: Option<PathBuf>,
    /// Explain this published roster.csv as it is, without solving (wishes are then
    /// listed, not priced).
    #[arg(long, value_name = "ROSTER_CSV")]
    baseline: Option<PathBuf>,
    /// Let messages give a leave's reason ("on sick leave") instead of "away". Off by
    /// default: a reason such as a sick leave is health data.
    #[arg(long)]
    show_reasons: bool,
}

/// Arguments of `ledger`.
#[derive(clap::Args, Debug)]
struct LedgerArgs {
    /// The ledger file (CSV).
    ledger: PathBuf,
    /// Print the hours report: per person and month, hours per duty kind.
    #[arg(long)]
    report: bool,
    /// Print the report as CSV instead of a text table.
    #[arg(long, requires = "report")]
    csv: bool,
}

/// Arguments of `check`.
#[derive(clap::Args, Debug)]
struct CheckArgs {
    /// The roster file (TOML).
    roster: PathBuf,
    /// Let messages give a leave's reason ("on sick leave") instead of "away". Off by
    /// default: a reason such as a sick leave is health data.
    #[arg(long)]
    show_reasons: bool,
}

/// Reads the roster file at `path`; with `show_reasons`, messages may give a leave's
/// reason.
/// A time limit: a number of seconds above 0, or `inf` for none.
fn seconds(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        // NaN fails the comparison
        Ok(seconds) if seconds > 0.0 => Ok(seconds),
        _ => Err("a number of seconds above 0 (`inf` for no limit)".to_string()),
    }
}

fn read_roster(
    path: &std::path::Path,
    show_reasons: bool,
) -> Result<duty_roster::Roster, exit::Failure> {
    let roster = duty_roster::read_roster_file(path)?;
    if !show_reasons {
        return Ok(roster);
    }
    let mut def = roster.def().clone();
    def.settings.show_reasons = true;
    duty_roster::Roster::new(def).map_err(|e| exit::Failure::from(duty_roster::Error::from(e)))
}

/// One `note:` line per duty start or end that a clock change moves, for the
/// commands that read a roster to say so before anything else.
fn clock_notes(roster: &duty_roster::Roster) -> String {
    duty_roster::domain::clock_shifts(roster)
        .iter()
        .map(|shift| format!("note: {shift}\n"))
        .collect()
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // An argument's value is echoed in clap's error: escaped as all we print.
        Err(e) if e.use_stderr() => {
            exit::print_error(&e.render().to_string());
            return exit::code(exit::USAGE);
        }
        Err(e) => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
    };
    let result = match cli.command {
        Command::Solve(args) => solve::run(args),
        Command::Check(args) => check::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Ledger(args) => ledger::run(args),
        Command::Replace(args) => replace::run_replace(args),
        Command::Swap(args) => replace::run_swap(args),
        Command::Init(args) => init::run(args),
        Command::Completions(args) => shell::completions(args),
        Command::Man(args) => shell::man(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failure.report(),
    }
}
