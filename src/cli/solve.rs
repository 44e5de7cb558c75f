//! `duty-roster solve`: solve a roster and write its files.

use std::path::Path;

use duty_roster::check::precheck;
use duty_roster::diagnose::{RelaxCosts, diagnose, relax};
use duty_roster::output::ics::{self, CalendarState, FileNames, NameKey, Owner};
use duty_roster::output::{self, FileKind, Format, OutputFile, OutputOptions, private_names, text};
use duty_roster::validate::Report;
use duty_roster::{Outcome, Roster, SolveError, SolveOptions, Status, WriteError, solve, validate};

use super::exit::{Failure, INFEASIBLE, INTERRUPTED, OTHER, SOLVER, USAGE, print};
use super::progress::Watching;
use super::{Format as CliFormat, SolveArgs, ledger, replan};

fn write_failure(e: WriteError) -> Failure {
    Failure::from(duty_roster::Error::from(e))
}

/// How calendar files are named, or `None` when calendars are not asked for. The name key is
/// read before anything is solved or written, so a missing key costs nothing.
fn calendar_file_names(args: &SolveArgs) -> Result<Option<FileNames>, Failure> {
    let file_names = if args.private_names {
        let key = NameKey::from_file_or_env(args.name_key_file.as_deref()).map_err(|e| {
            let code = match e {
                ics::NameKeyError::Io { .. } => OTHER,
                _ => USAGE,
            };
            Failure::new(code, e.to_string())
        })?;
        FileNames::Keyed(key)
    } else {
        FileNames::StaffId
    };
    Ok(args.format.contains(&CliFormat::Ics).then_some(file_names))
}

/// What was written under calendars/, and with private names which file is whose
/// (also in private-names.csv).
fn calendars_written(roster: &Roster, args: &SolveArgs, files: &[OutputFile]) -> String {
    let calendars: Vec<(&Owner, &Path)> = files
        .iter()
        .filter_map(|f| match &f.kind {
            FileKind::Calendar(owner) => Some((owner, f.path.as_path())),
            _ => None,
        })
        .collect();
    let count = |f: fn(&Owner) -> bool| calendars.iter().filter(|(o, _)| f(o)).count();
    let mut text = format!(
        "wrote {} calendars in {}: {} per person, {} per site, {}\n",
        calendars.len(),
        args.out.join(ics::CALENDARS_DIR).display(),
        count(|o| matches!(o, Owner::Staff(_))),
        count(|o| matches!(o, Owner::Site(_))),
        ics::ROSTER_FILE
    );
    if args.private_names {
        text.push_str(&format!(
            "which file is whose: {} (keep it private: do not publish it)\n",
            args.out.join(private_names::FILE_NAME).display()
        ));
        text.push_str("per-person calendars (private names):\n");
        for (owner, path) in &calendars {
            if let Owner::Staff(id) = owner {
                let name = roster
                    .staff_index(id)
                    .map_or("", |i| roster.staff()[i].name.as_str());
                text.push_str(&format!("  {}  {id}  {name}\n", path.display()));
            }
        }
    }
    text
}

/// Fails now, before any solving, when the output folder could not be written:
/// `--out` naming a file, or a parent folder (or the nearest existing folder above
/// a new one) where the staging folder cannot be made. Nothing is left behind.
pub(super) fn check_out_folder(out: &Path) -> Result<(), Failure> {
    let cannot = |why: String| {
        Failure::new(
            OTHER,
            format!("{}: cannot write the output folder: {why}", out.display()),
        )
    };
    if out.exists() && !out.is_dir() {
        return Err(cannot(format!("{} is a file", out.display())));
    }
    output::check_folder(out).map_err(|e| Failure::new(OTHER, e.to_string()))?;
    let parent = match out.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut folder = parent;
    while !folder.exists() {
        match folder.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => folder = parent,
            _ => return Ok(()),
        }
    }
    if !folder.is_dir() {
        return Err(cannot(format!("{} is a file", folder.display())));
    }
    // Named as the run's own neighbours, so that a probe left by a kill is cleaned.
    let prefix = output::neighbour_prefix(out).unwrap_or_else(|| ".duty-roster-".to_string());
    tempfile::Builder::new()
        .prefix(&format!("{prefix}probe-"))
        .tempdir_in(folder)
        .map(drop)
        .map_err(|e| cannot(e.to_string()))
}

/// The solver threads to use for `--threads asked`: at most the machine's cores,
/// with a note on standard error when fewer than asked.
fn capped_threads(asked: u32, quiet: bool) -> u32 {
    let cores = duty_roster::solve::max_threads();
    if asked > cores && !quiet {
        super::exit::note(&format!(
            "--threads {asked} is more than the {cores} cores of this machine; using {cores}"
        ));
    }
    asked.min(cores)
}

pub fn run(args: SolveArgs) -> Result<(), Failure> {
    let calendar_names = calendar_file_names(&args)?;
    // A run killed mid-swap left the old set aside: put it back before anything in the
    // folder (a published roster.csv) is read. A failure here is met again, and
    // reported, when the folder is checked and written.
    let _ = output::recover(&args.out);
    let roster = super::read_roster(&args.roster, args.show_reasons)?;
    let ledger = match &args.ledger {
        Some(path) => Some((path, ledger::read(path, args.update_ledger)?)),
        None => None,
    };
    let roster = match &ledger {
        Some((path, ledger)) => {
            if args.update_ledger {
                ledger::refuse_duplicate(path, ledger, &roster)?;
            }
            ledger::apply(roster, ledger)?
        }
        None => roster,
    };
    let (roster, previous_calendars) = match &args.baseline {
        Some(path) => {
            let prepared = replan::prepare(roster, &args, path)?;
            if !args.quiet && !prepared.said.is_empty() {
                print(&prepared.said)?;
            }
            (prepared.roster, prepared.previous_calendars)
        }
        None => (roster, None),
    };
    check_out_folder(&args.out)?;
    if !args.quiet {
        print(&super::clock_notes(&roster))?;
    }
    let mut options = SolveOptions::default();
    options.time_limit = args.time_limit;
    options.threads = args.threads.map(|asked| capped_threads(asked, args.quiet));
    options.verbose = args.verbose;
    options.neighbourhood_search = !args.no_search;
    let mut watching = Watching::start(!args.quiet && !args.verbose)?;
    let options = watching.watched(options);
    let findings = precheck(&roster);
    if !findings.is_empty() {
        return infeasible(&args, &roster, &options, calendar_names.as_ref());
    }
    let solved = solve(&roster, &options);
    watching.finish();
    let outcome = match solved {
        Ok(outcome) => outcome,
        Err(SolveError::Infeasible { .. }) => {
            return infeasible(&args, &roster, &options, calendar_names.as_ref());
        }
        Err(SolveError::NoSolution { .. }) if watching.interrupted() => {
            return Err(Failure::new(
                INTERRUPTED,
                "stopped by a signal before any roster was found: nothing written",
            ));
        }
        Err(e) => return Err(Failure::from(duty_roster::Error::from(e))),
    };
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
    write_outputs(
        &args,
        &roster,
        &outcome,
        &report,
        calendar_names.as_ref(),
        previous_calendars.as_ref(),
        false,
    )?;
    if let Some(changes) = &report.changes
        && !args.quiet
    {
        let explained = duty_roster::changes::explain_changes(&roster, changes);
        print(&format!(
            "changes from the published roster: {} added, {} removed, {} people affected\n{}",
            changes.added.len(),
            changes.removed.len(),
            changes.people_affected(),
            duty_roster::changes::render_text(&roster, &explained)
        ))?;
    }
    let interrupted = outcome.status == Status::Interrupted;
    // An interrupted roster is not the month's last word: the ledger waits for it.
    if let Some((path, ledger)) = &ledger
        && args.update_ledger
        && !interrupted
    {
        let said = ledger::update(path, ledger, &roster, &report)?;
        if !args.quiet {
            print(&said)?;
        }
    }
    if interrupted {
        let ledger = if args.update_ledger {
            "; the ledger was not updated"
        } else {
            ""
        };
        return Err(Failure::new(
            INTERRUPTED,
            format!(
                "stopped by a signal: wrote the best roster found to {} (status `interrupted`, not proven optimal){ledger}",
                args.out.display()
            ),
        ));
    }
    Ok(())
}

/// The roster cannot be made: say why (counting checks, then the changes the elastic
/// roster needs), write the best relaxed roster when asked, and fail as infeasible.
fn infeasible(
    args: &SolveArgs,
    roster: &Roster,
    options: &SolveOptions,
    calendar_names: Option<&FileNames>,
) -> Result<(), Failure> {
    let diagnosis =
        diagnose(roster, options).map_err(|e| Failure::from(duty_roster::Error::from(e)))?;
    let mut message = format!("{}: the roster is infeasible\n", args.roster.display());
    if !diagnosis.findings.is_empty() {
        message.push_str("seen before solving:\n");
        for f in &diagnosis.findings {
            message.push_str(&format!("  - {f}\n"));
        }
    }
    message.push_str(&diagnosis.render());
    if args.relaxed {
        // The best relaxed roster: the elastic roster solved with fairness and wishes.
        let elastic = Roster::new(relax(roster.def(), &RelaxCosts::default()))
            .map_err(|e| Failure::new(SOLVER, format!("elastic roster: {e}")))?;
        let relaxed =
            solve(&elastic, options).map_err(|e| Failure::from(duty_roster::Error::from(e)))?;
        let report = validate(roster, &relaxed.assignments);
        write_outputs(args, roster, &relaxed, &report, calendar_names, None, true)?;
        message.push_str(&format!(
            "wrote the best relaxed roster to {}: it breaks the {} rules above (column `breaks` of roster.csv, `violations` in summary.json)",
            args.out.display(),
            report.violations.len()
        ));
    } else {
        message.push_str(
            "no roster written (--relaxed writes the best roster that breaks only these rules)",
        );
    }
    Err(Failure::new(INFEASIBLE, message))
}

/// Whether `path` (under `out`) is a file only a re-plan writes: `changes.csv` or a
/// notice.
fn is_replan_file(out: &Path, path: &Path) -> bool {
    path == out.join("changes.csv")
        || path.starts_with(out.join(duty_roster::output::notices::NOTICES_DIR))
}

/// Writes every requested file for `outcome`; a relaxed roster's roster.csv gets the
/// `breaks` column.
fn write_outputs(
    args: &SolveArgs,
    roster: &Roster,
    outcome: &Outcome,
    report: &Report,
    calendar_names: Option<&FileNames>,
    previous_calendars: Option<&CalendarState>,
    relaxed: bool,
) -> Result<(), Failure> {
    let mut options = OutputOptions::default();
    options.csv.excel = args.excel || roster.def().settings.excel_csv;
    options.formats = Format::ALL
        .into_iter()
        .filter(|format| match format {
            Format::Csv => args.format.contains(&CliFormat::Csv),
            Format::Ics => calendar_names.is_some(),
            Format::Html => args.format.contains(&CliFormat::Html),
            Format::Xlsx => args.format.contains(&CliFormat::Xlsx),
            _ => false,
        })
        .collect();
    if let Some(file_names) = calendar_names {
        options.calendar_names = file_names.clone();
    }
    options.relaxed = relaxed;
    options.previous_calendars = previous_calendars.cloned();
    let files = output::render(roster, outcome, report, &options).map_err(write_failure)?;
    let removed = output::write(&args.out, &files).map_err(write_failure)?;
    if !args.quiet {
        print(&text::render(roster, outcome, report))?;
        let written: Vec<String> = files
            .iter()
            .filter(|f| !matches!(f.kind, FileKind::Calendar(_)))
            .map(|f| args.out.join(&f.path).display().to_string())
            .collect();
        print(&format!("wrote {}\n", written.join(", ")))?;
        if calendar_names.is_some() {
            print(&calendars_written(roster, args, &files))?;
        }
        for path in &removed {
            if path.extension().is_some_and(|e| e == "ics") {
                print(&format!("removed stale calendar {}\n", path.display()))?;
                continue;
            }
            let by = if is_replan_file(&args.out, path) {
                "an earlier re-plan"
            } else {
                "an earlier run"
            };
            print(&format!("removed {}, left by {by}\n", path.display()))?;
        }
    }
    Ok(())
}
