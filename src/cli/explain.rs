//! `duty-roster explain`: solve a roster and explain it for a person or a date.

use duty_roster::explain::{
    explain_date_as_is, explain_staff_as_is, explain_staff_priced, render_date, render_staff,
};
use duty_roster::input::read_baseline;
use duty_roster::{Error, SolveOptions, solve, validate};

use super::ExplainArgs;
use super::exit::{Failure, USAGE, print};

pub fn run(args: ExplainArgs) -> Result<(), Failure> {
    if args.staff.is_none() && args.date.is_none() {
        return Err(Failure::new(
            USAGE,
            "say what to explain: --staff ID and/or --date YYYY-MM-DD",
        ));
    }
    let roster = super::read_roster(&args.roster, args.show_reasons)?;
    let roster = match &args.ledger {
        Some(path) => super::ledger::apply(roster, &super::ledger::read(path, false)?)?,
        None => roster,
    };
    if let Some(staff) = &args.staff
        && roster.staff_index(staff).is_none()
    {
        let known: Vec<&str> = roster.staff().iter().map(|s| s.id.as_str()).collect();
        return Err(Failure::new(
            USAGE,
            format!(
                "--staff: unknown staff `{staff}` (known: {})",
                known.join(", ")
            ),
        ));
    }
    if let Some(date) = args.date
        && !roster.def().period.contains(date)
    {
        return Err(Failure::new(
            USAGE,
            format!(
                "--date: {date} is outside the period {}",
                roster.def().period
            ),
        ));
    }
    let mut options = SolveOptions::default();
    options.time_limit = args.time_limit;
    let mut json = serde_json::Map::new();
    let mut text = String::new();
    let (assignments, pricing) = match &args.baseline {
        Some(path) => {
            let baseline =
                read_baseline(path, &roster).map_err(|e| Failure::from(Error::from(e)))?;
            let assignments = baseline.assignments();
            text.push_str(&format!(
                "the published roster {} as it is (not solved again)\n",
                path.display()
            ));
            for v in validate(&roster, &assignments).violations {
                text.push_str(&format!("  breaks now: {}\n", v.message));
            }
            (assignments, None)
        }
        None => {
            let outcome = solve(&roster, &options).map_err(|e| Failure::from(Error::from(e)))?;
            (outcome.assignments, Some(&options))
        }
    };
    if let Some(staff) = &args.staff {
        let e = match pricing {
            Some(options) => explain_staff_priced(&roster, &assignments, staff, options),
            None => explain_staff_as_is(&roster, &assignments, staff),
        }
        .map_err(|e| Failure::from(Error::from(e)))?;
        text.push_str(&render_staff(&roster, &e));
        json.insert(
            "staff".into(),
            serde_json::to_value(&e).expect("serialisable"),
        );
    }
    if let Some(date) = args.date {
        let slots = explain_date_as_is(&roster, &assignments, date);
        text.push_str(&render_date(date, &slots));
        json.insert(
            "date".into(),
            serde_json::json!({ "date": date, "slots": slots }),
        );
    }
    if args.json {
        print(&format!(
            "{}\n",
            serde_json::to_string_pretty(&json).expect("serialisable")
        ))
    } else {
        print(&text)
    }
}
