//! `duty-roster solve`: solve a roster and write its files.

use std::path::PathBuf;

use duty_roster::check::precheck;
use duty_roster::diagnose::{RelaxCosts, diagnose, relax};
use duty_roster::output::ics::{self, CalendarFile, CalendarOptions, FileNames, NameKey, Owner};
use duty_roster::output::{CsvStyle, html, roster_csv, summary, text, write_atomically};
use duty_roster::validate::Report;
use duty_roster::{Outcome, Roster, SolveError, SolveOptions, WriteError, solve, validate};

use super::exit::{Failure, INFEASIBLE, OTHER, SOLVER, USAGE, print};
use super::{Format, SolveArgs};

fn write_failure(e: WriteError) -> Failure {
    Failure::from(duty_roster::Error::from(e))
}

/// The calendar options, or `None` when calendars are not asked for. The name key is
/// read before anything is solved or written, so a missing key costs nothing.
fn calendar_options(args: &SolveArgs) -> Result<Option<CalendarOptions>, Failure> {
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
    Ok(args
        .format
        .contains(&Format::Ics)
        .then_some(CalendarOptions { file_names }))
}

/// What was written under calendars/, and with private names which file is whose.
fn calendars_written(
    roster: &Roster,
    args: &SolveArgs,
    calendars: &[CalendarFile],
    removed: &[PathBuf],
) -> String {
    let count = |f: fn(&Owner) -> bool| calendars.iter().filter(|c| f(&c.owner)).count();
    let mut text = format!(
        "wrote {} calendars in {}: {} per person, {} per site, {}\n",
        calendars.len(),
        args.out.join(ics::CALENDARS_DIR).display(),
        count(|o| matches!(o, Owner::Staff(_))),
        count(|o| matches!(o, Owner::Site(_))),
        ics::ROSTER_FILE
    );
    if args.private_names {
        text.push_str("per-person calendars (private names):\n");
        for calendar in calendars {
            if let Owner::Staff(id) = &calendar.owner {
                let name = roster
                    .staff_index(id)
                    .map_or("", |i| roster.staff()[i].name.as_str());
                text.push_str(&format!("  {}  {id}  {name}\n", calendar.path.display()));
            }
        }
    }
    for path in removed {
        text.push_str(&format!("removed stale calendar {}\n", path.display()));
    }
    text
}

pub fn run(args: SolveArgs) -> Result<(), Failure> {
    let calendar_options = calendar_options(&args)?;
    let roster = duty_roster::read_roster_file(&args.roster)?;
    let mut options = SolveOptions::default();
    options.time_limit = args.time_limit;
    options.threads = args.threads;
    options.verbose = args.verbose;
    options.neighbourhood_search = !args.no_search;
    let findings = precheck(&roster);
    if !findings.is_empty() {
        return infeasible(&args, &roster, &options, calendar_options.as_ref());
    }
    let outcome = match solve(&roster, &options) {
        Ok(outcome) => outcome,
        Err(SolveError::Infeasible { .. }) => {
            return infeasible(&args, &roster, &options, calendar_options.as_ref());
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
        calendar_options.as_ref(),
        false,
    )
}

/// The roster cannot be made: say why (counting checks, then the changes the elastic
/// roster needs), write the best relaxed roster when asked, and fail as infeasible.
fn infeasible(
    args: &SolveArgs,
    roster: &Roster,
    options: &SolveOptions,
    calendar_options: Option<&CalendarOptions>,
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
        write_outputs(args, roster, &relaxed, &report, calendar_options, true)?;
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

/// Writes every requested file for `outcome`; a relaxed roster's roster.csv gets the
/// `breaks` column.
fn write_outputs(
    args: &SolveArgs,
    roster: &Roster,
    outcome: &Outcome,
    report: &Report,
    calendar_options: Option<&CalendarOptions>,
    relaxed: bool,
) -> Result<(), Failure> {
    let style = CsvStyle {
        excel: args.excel || roster.def().settings.excel_csv,
    };
    let out = |name: &str| args.out.join(name);
    let mut files = Vec::new();
    if args.format.contains(&Format::Csv) {
        files.push((
            out("roster.csv"),
            if relaxed {
                roster_csv::render_relaxed(
                    roster,
                    &outcome.assignments,
                    &report.violations,
                    style,
                    &out("roster.csv"),
                )
            } else {
                roster_csv::render(roster, &outcome.assignments, style, &out("roster.csv"))
            },
        ));
        files.push((
            out("summary.csv"),
            summary::render_csv(roster, report, style, &out("summary.csv")),
        ));
    }
    files.push((
        out("summary.json"),
        summary::render_json(roster, outcome, report, &out("summary.json")),
    ));
    if args.format.contains(&Format::Html) {
        let page = html::render(roster, &outcome.assignments, report);
        files.push((out(html::FILE_NAME), Ok(page.into_bytes())));
    }
    let mut rendered = Vec::new();
    for (path, bytes) in files {
        rendered.push((path, bytes.map_err(write_failure)?));
    }
    let calendars = match calendar_options {
        Some(options) => ics::render(roster, &outcome.assignments, options),
        None => Vec::new(),
    };
    for (path, bytes) in &rendered {
        write_atomically(path, bytes).map_err(write_failure)?;
    }
    for calendar in &calendars {
        write_atomically(&args.out.join(&calendar.path), &calendar.bytes).map_err(write_failure)?;
    }
    let removed = if calendar_options.is_some() {
        ics::remove_stale(&args.out, &calendars).map_err(write_failure)?
    } else {
        Vec::new()
    };
    if !args.quiet {
        print(&text::render(roster, outcome, report))?;
        print(&format!(
            "wrote {}\n",
            rendered
                .iter()
                .map(|(p, _)| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ))?;
        if calendar_options.is_some() {
            print(&calendars_written(roster, args, &calendars, &removed))?;
        }
    }
    Ok(())
}
