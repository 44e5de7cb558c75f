//! `duty-roster init`: write a new commented roster file from a template.

use chrono::{DateTime, Utc};
use std::path::Path;

use duty_roster::init::{
    InitError, InitOptions, Months, StaffTable, Template, relative_to, render, write_new,
};

use super::exit::{Failure, OTHER, USAGE, print};
use super::{InitArgs, TemplateArg};

pub fn run(args: InitArgs) -> Result<(), Failure> {
    let months = match &args.month {
        Some(text) => Months::parse(text).map_err(|e| failure(e, &args))?,
        None => Months::after(today()),
    };
    let template = match args.template {
        TemplateArg::Agency => Template::Agency,
        TemplateArg::Ward => Template::Ward,
    };
    let mut options = InitOptions::new(months, template);
    if let Some(from) = &args.from {
        let folder = match args.out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let path = relative_to(folder, from);
        options.staff_table = Some(StaffTable::new(path, args.sheet.as_deref()));
    }
    options.location = Some(args.out.clone());
    let text = render(&options).map_err(|e| failure(e, &args))?;
    write_new(&args.out, &text, args.force).map_err(|e| failure(e, &args))?;
    if args.quiet {
        return Ok(());
    }
    let period = months.range();
    let holidays = text.matches("\n[[holiday]]\n").count();
    let to_confirm = text.matches("\n# [[holiday]]\n").count();
    let out = args.out.display();
    print(&format!(
        "wrote {out}: template {template}, {} to {}, {holidays} holiday(s), {to_confirm} to confirm\n\
         next: {}, then `duty-roster check {out}`\n",
        period.first,
        period.last,
        if args.from.is_some() {
            "see that the table's people fit the sites and duties"
        } else {
            "replace the placeholder staff"
        }
    ))
}

/// Today's date in UTC, from the system clock.
fn today() -> chrono::NaiveDate {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    DateTime::<Utc>::from_timestamp(i64::try_from(seconds).unwrap_or(0), 0)
        .unwrap_or_default()
        .date_naive()
}

/// The message and exit code of a library error, with the command's own words.
fn failure(e: InitError, args: &InitArgs) -> Failure {
    match e {
        InitError::Month { .. } => Failure::new(USAGE, format!("--month: {e}")),
        InitError::Exists { .. } => Failure::new(
            USAGE,
            format!("{e}; give --force to overwrite it, or another --out"),
        ),
        InitError::Io { .. } => Failure::new(OTHER, format!("cannot write the roster: {e}")),
        InitError::Invalid(read) if args.from.is_some() => Failure::new(USAGE, read.to_string()),
        _ => Failure::new(USAGE, format!("{}: {e}", args.out.display())),
    }
}
