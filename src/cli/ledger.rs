//! `duty-roster ledger`, and the ledger options of `solve` and `explain`: fairness
//! carried across months.

use std::path::Path;

use duty_roster::ledger::Ledger;
use duty_roster::validate::Report;
use duty_roster::{Error, Roster};

use super::LedgerArgs;
use super::exit::{Failure, USAGE, print};

/// The ledger at `path`; an empty one when it does not exist yet and `may_start` (the
/// first month of a new ledger).
pub fn read(path: &Path, may_start: bool) -> Result<Ledger, Failure> {
    if may_start && !path.exists() {
        return Ok(Ledger::default());
    }
    Ledger::read(path).map_err(|e| Failure::from(Error::from(e)))
}

/// `roster` with what each person carries from the months of `ledger` before it.
pub fn apply(roster: Roster, ledger: &Ledger) -> Result<Roster, Failure> {
    let mut def = roster.def().clone();
    ledger.apply(&mut def);
    Roster::new(def).map_err(|e| Failure::from(Error::from(e)))
}

/// Refuses to add a roster that the ledger holds already, before anything is solved.
pub fn refuse_duplicate(path: &Path, ledger: &Ledger, roster: &Roster) -> Result<(), Failure> {
    let id = &roster.def().id;
    if ledger.has_roster(id) {
        return Err(Failure::new(
            USAGE,
            format!(
                "{}: roster `{id}` is in the ledger already (--update-ledger adds a month once, when its roster is final)",
                path.display()
            ),
        ));
    }
    Ok(())
}

/// Adds `roster`'s month to the ledger and writes it atomically; returns what to say.
pub fn update(
    path: &Path,
    ledger: &Ledger,
    roster: &Roster,
    report: &Report,
) -> Result<String, Failure> {
    let updated = ledger
        .with_month(roster, report)
        .map_err(|e| Failure::from(Error::from(e)))?;
    updated
        .write(path)
        .map_err(|e| Failure::from(Error::from(e)))?;
    Ok(format!(
        "added roster `{}` to the ledger {} ({} rows)\n",
        roster.def().id,
        path.display(),
        updated.rows().len() - ledger.rows().len()
    ))
}

pub fn run(args: LedgerArgs) -> Result<(), Failure> {
    let ledger = read(&args.ledger, false)?;
    if !args.report {
        return Err(Failure::new(
            USAGE,
            "say what to do with the ledger: --report prints the hours per person and month",
        ));
    }
    let report = ledger.hours_report();
    if args.csv {
        print(&String::from_utf8_lossy(&report.to_csv()))
    } else {
        print(&report.to_text())
    }
}
