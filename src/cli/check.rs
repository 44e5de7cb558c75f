//! `duty-roster check`: validate a roster file and report what can be seen before solving.

use duty_roster::check::precheck;

use super::CheckArgs;
use super::exit::{Failure, INFEASIBLE, print};

pub fn run(args: CheckArgs) -> Result<(), Failure> {
    let roster = super::read_roster(&args.roster, args.show_reasons)?;
    if let Some(warning) = duty_roster::domain::ranges::period_warning(roster.def()) {
        super::exit::warning(&format!("{}: {warning}", args.roster.display()));
    }
    let findings = precheck(&roster);
    let mut text = format!(
        "{}: {} sites, {} duty kinds, {} staff, {} slots from {} to {}\n",
        args.roster.display(),
        roster.sites().len(),
        roster.duties().len(),
        roster.staff().len(),
        roster.slots().len(),
        roster.def().period.first,
        roster.def().period.last
    );
    text.push_str(&super::clock_notes(&roster));
    if findings.is_empty() {
        text.push_str("no problem found before solving\n");
        return print(&text);
    }
    for f in &findings {
        text.push_str(&format!("  - {f}\n"));
    }
    print(&text)?;
    Err(Failure::new(
        INFEASIBLE,
        format!(
            "{}: {} problem(s) make the roster infeasible",
            args.roster.display(),
            findings.len()
        ),
    ))
}
