//! `duty-roster replace` and `duty-roster swap`: changes to a published roster made
//! on the phone.

use duty_roster::changes::{explain_changes, render_text};
use duty_roster::input::read_baseline;
use duty_roster::output::{self, OutputOptions};
use duty_roster::replace::{ReplaceError, replacements, swap};
use duty_roster::{Error, Outcome, Roster, validate};

use super::exit::{Failure, INFEASIBLE, USAGE, print};
use super::{ReplaceArgs, SwapArgs, replan};

fn refused(e: ReplaceError) -> Failure {
    match e {
        ReplaceError::Breaks(_) => Failure::new(INFEASIBLE, e.to_string()),
        _ => Failure::new(USAGE, e.to_string()),
    }
}

pub fn run_replace(args: ReplaceArgs) -> Result<(), Failure> {
    let roster = super::read_roster(&args.roster, args.show_reasons)?;
    let published = read_baseline(&args.baseline, &roster)
        .map_err(|e| Failure::from(Error::from(e)))?
        .assignments();
    let options = replacements(&roster, &published, &args.staff, args.date).map_err(refused)?;
    if args.json {
        return print(&format!(
            "{}\n",
            serde_json::to_string_pretty(&options).expect("serialisable")
        ));
    }
    let mut text = match options.first() {
        Some(first) => format!(
            "who could take {}'s `{}` at `{}` on {} (cost: rise of the objective):\n",
            args.staff, first.duty.duty, first.duty.site, args.date
        ),
        None => format!(
            "nobody can take {}'s duty on {} without breaking a rule, even with a second move\n",
            args.staff, args.date
        ),
    };
    for (i, o) in options.iter().enumerate() {
        text.push_str(&format!(
            "{:>3}. {:<8} {:>+8.1}  (fairness {:+.1}, wishes {:+.1})",
            i + 1,
            o.staff,
            o.cost,
            o.fairness,
            o.wishes
        ));
        if let Some(then) = &o.then {
            text.push_str(&format!(
                ", then {}'s `{}` at `{}` on {} to {}",
                o.staff, then.duty.duty, then.duty.site, then.duty.date, then.to
            ));
        }
        text.push('\n');
    }
    print(&text)
}

pub fn run_swap(args: SwapArgs) -> Result<(), Failure> {
    if args.date.len() > 2 {
        return Err(Failure::new(
            USAGE,
            "--date: at most two dates (the first person's duty, then the second's)",
        ));
    }
    let roster = super::read_roster(&args.roster, args.show_reasons)?;
    // See `solve`: a run killed mid-swap left the old set aside.
    let _ = output::recover(&args.out);
    super::solve::check_out_folder(&args.out)?;
    let prepared = replan::prepare_with(roster, &args.baseline, None, None)?;
    let roster: Roster = prepared.roster;
    let published = roster
        .def()
        .replan
        .as_ref()
        .map(|r| r.published.clone())
        .unwrap_or_default();
    let swapped = swap(
        &roster,
        &published,
        &args.staff,
        args.date[0],
        &args.with,
        args.date.get(1).copied(),
    )
    .map_err(refused)?;
    let outcome = Outcome::given(&roster, swapped);
    let report = validate(&roster, &outcome.assignments);
    let mut options = OutputOptions::default();
    options.csv.excel = roster.def().settings.excel_csv;
    options.previous_calendars = prepared.previous_calendars;
    let files = output::render(&roster, &outcome, &report, &options)
        .map_err(|e| Failure::from(Error::from(e)))?;
    output::write(&args.out, &files).map_err(|e| Failure::from(Error::from(e)))?;
    if !args.quiet {
        let changes = report
            .changes
            .as_ref()
            .map_or_else(Vec::new, |c| explain_changes(&roster, c));
        print(&format!(
            "the swap keeps every rule; wrote the new roster into {}\n{}",
            args.out.display(),
            render_text(&roster, &changes)
        ))?;
    }
    Ok(())
}
