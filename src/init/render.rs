//! The text of a new roster file: the template's tables, the period, the holidays
//! and the staff, with comments saying what to confirm and edit.

use std::fmt::Write;
use std::path::Path;

use super::holidays::{self, MOROCCO_TIME_ZONE, Ramadan};
use super::staff::{quote, staff_entry};
use super::{InitError, InitOptions, Months, Template};
use crate::{Holiday, Language};

/// The line between the parts of the file, as in the shipped rosters.
fn part(title: &str) -> String {
    format!("# {} {title}\n\n", "-".repeat(64))
}

/// The roster file of `options`, checked by reading it back: the same options give
/// the same bytes.
///
/// # Errors
/// [`InitError::Invalid`] when the file does not validate, which only staff can
/// cause (a home site the template does not have, a duplicate id...), or a
/// [`staff_table`](InitOptions::staff_table) that cannot be read (the error names
/// its file, sheet, row and column).
///
/// # Example
/// ```
/// use duty_roster::init::{InitOptions, Months, Template, render};
/// let options = InitOptions::new(Months::parse("2027-02")?, Template::Ward);
/// let text = render(&options)?;
/// assert!(text.contains("Ramadan 1448")); // a commented note: Ramadan meets February 2027
/// assert_eq!(text, render(&options)?);
/// # Ok::<(), duty_roster::init::InitError>(())
/// ```
pub fn render(options: &InitOptions) -> Result<String, InitError> {
    let template = options.template;
    let period = options.months.range();
    let mut out = about(options);
    out.push('\n');
    out.push_str(&roster_table(options));
    out.push_str(&part("holidays"));
    out.push_str(&holiday_part(template, options.months));
    out.push_str(&part("sites"));
    out.push_str(template.sites());
    out.push('\n');
    out.push_str(&part("duties"));
    out.push_str(&template.duties(&holidays::ramadan(period)));
    out.push('\n');
    out.push_str(&part("staff"));
    let placeholders = template.placeholders();
    let staff = if let Some(table) = &options.staff_table {
        let _ = writeln!(
            out,
            "# The people are read from {} (`staff_from` in [roster]); [[staff]]\n\
             # entries may be added here too.\n",
            table.path.display()
        );
        &options.staff
    } else if options.staff.is_empty() {
        out.push_str("# Placeholders: replace them by the real people (same keys).\n\n");
        &placeholders
    } else {
        &options.staff
    };
    for person in staff {
        out.push_str(&staff_entry(person));
        out.push('\n');
    }
    out.push_str(&part("rules"));
    out.push_str(template.rules());
    let location = options
        .location
        .as_deref()
        .unwrap_or(Path::new("new roster"));
    crate::input::parse_roster_toml(&out, location).map_err(|e| InitError::Invalid(Box::new(e)))?;
    Ok(out)
}

/// The file's opening comment; with a staff table, the task of replacing the
/// placeholders becomes checking the table's people.
fn about(options: &InitOptions) -> String {
    let about = options.template.about();
    let Some(table) = &options.staff_table else {
        return about.to_string();
    };
    let mut out = String::new();
    let mut in_task = false;
    for line in about.lines() {
        if line.starts_with("# - replace the placeholder staff") {
            let _ = writeln!(
                out,
                "# - check that the people of {} fit the sites and duties;",
                table.path.display()
            );
            in_task = true;
        } else if !(in_task && line.starts_with("#   ")) {
            in_task = false;
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// `[roster]` and `[settings]`.
fn roster_table(options: &InitOptions) -> String {
    let template = options.template;
    let period = options.months.range();
    let mut out = String::from("[roster]\n");
    // An id goes into calendar UIDs: `2026-12-to-2027-01` rather than `..`.
    let months = options.months.label().replace("..", "-to-");
    let id = format!("{}-{months}", template.id_prefix());
    let name = template.name(
        &period_name(options.months, Language::Fr),
        &period_name(options.months, Language::Ar),
    );
    let _ = writeln!(out, "id = {}", quote(&id));
    let _ = writeln!(out, "name = {}", quote(&name));
    let _ = writeln!(out, "first = {}\nlast = {}", period.first, period.last);
    let _ = writeln!(out, "time_zone = {}", quote(template.time_zone()));
    if let Some(table) = &options.staff_table {
        let path = quote(&table.path.to_string_lossy());
        match &table.sheet {
            Some(sheet) => {
                let _ = writeln!(
                    out,
                    "staff_from = {{ path = {path}, sheet = {} }}",
                    quote(sheet)
                );
            }
            None => {
                let _ = writeln!(out, "staff_from = {path}");
            }
        }
    }
    // An example a week before the period: a fixed revision makes calendars reproducible.
    let week_before = period.first - chrono::Days::new(7);
    let _ = writeln!(
        out,
        "# revision = {week_before}T09:00:00Z   # when this version was made: fixes calendar stamps\n"
    );
    out.push_str(
        "[settings]\nlanguage = \"fr\"           # or \"ar\", \"en\": labels of the outputs\n",
    );
    match template {
        Template::Agency => out.push_str(
            "excel_csv = true          # the cell opens the CSV files in Excel\n\
             reminder_minutes = 1440   # calendar reminder the day before\n\n",
        ),
        Template::Ward => {
            out.push_str("reminder_minutes = 720    # calendar reminder 12 hours before\n\n")
        }
    }
    out
}

/// `août 2026`, or `décembre 2026 – janvier 2027` for several months.
fn period_name(months: Months, language: Language) -> String {
    let each = months.each();
    let name = |(year, month): (i32, u32)| format!("{} {year}", language.month_name(month));
    let first = name(each[0]);
    match each.last() {
        Some(&last) if each.len() > 1 => format!("{first} – {}", name(last)),
        _ => first,
    }
}

/// The holidays of the period: certain ones as `[[holiday]]`, the Islamic ones as
/// commented entries to confirm, and a note for each Ramadan.
fn holiday_part(template: Template, months: Months) -> String {
    let period = months.range();
    if template.time_zone() != MOROCCO_TIME_ZONE {
        return "# Add the public holidays of the period as [[holiday]] entries.\n\n".into();
    }
    let fixed = holidays::fixed(period);
    let islamic = holidays::islamic(period);
    let ramadan = holidays::ramadan(period);
    let mut out = String::new();
    if fixed.is_empty() && islamic.is_empty() {
        out.push_str("# No public holiday of Morocco in the period.\n\n");
    }
    if template == Template::Ward && !(fixed.is_empty() && islamic.is_empty()) {
        out.push_str("# The ward's shifts run on holidays too (`on_holidays = true`): the holidays\n# are listed for the outputs.\n\n");
    }
    for holiday in &fixed {
        out.push_str(&holiday_entry(holiday, ""));
    }
    if !islamic.is_empty() {
        out.push_str(
            "# Islamic holidays: to confirm, depends on the moon sighting. Dated by the tabular\n\
             # (arithmetic) Islamic calendar, each may fall a day (rarely two) before or after;\n\
             # uncomment and correct them once the Ministry of Habous announces the dates.\n\n",
        );
        for holiday in &islamic {
            out.push_str(&holiday_entry(holiday, "# "));
        }
    }
    for r in &ramadan {
        out.push_str(&ramadan_note(template, r));
    }
    out
}

fn holiday_entry(holiday: &Holiday, prefix: &str) -> String {
    format!(
        "{prefix}[[holiday]]\n{prefix}date = {}\n{prefix}name = {}\n\n",
        holiday.date,
        quote(&holiday.name)
    )
}

fn ramadan_note(template: Template, ramadan: &Ramadan) -> String {
    let mut out = format!(
        "# Ramadan {} runs about {} to {}\n\
         # (tabular calendar: to confirm, depends on the moon sighting). Clocks in Morocco\n\
         # go back to UTC+0 for the month; the time zone database knows it.\n",
        ramadan.year, ramadan.dates.first, ramadan.dates.last
    );
    out.push_str(match template {
        Template::Agency => {
            "# The official day is shorter then (typically 09:00 to 15:00), so the evening\n\
             # duties usually run 15:00 to 17:00: their Ramadan hours are under each of them\n\
             # below, commented, to uncomment once the dates are announced.\n\n"
        }
        Template::Ward => {
            "# Ward shifts usually keep their hours; if yours change, add [[duty.times]]\n\
             # under a shift with the Ramadan dates (see docs/roster-format.md).\n\n"
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_of_several_months_is_named_by_its_ends() {
        let months = Months::parse("2026-12..2027-01").unwrap();
        assert_eq!(
            period_name(months, Language::Fr),
            "décembre 2026 – janvier 2027"
        );
    }

    #[test]
    fn islamic_holidays_are_commented_and_fixed_ones_are_not() {
        // May 2022: Labour Day (fixed) and Eid al-Fitr (Islamic).
        let options = InitOptions::new(Months::parse("2022-05").unwrap(), Template::Agency);
        let text = render(&options).unwrap();
        assert!(text.contains("\n[[holiday]]\ndate = 2022-05-01\n"));
        assert!(text.contains("# [[holiday]]\n# date = 2022-05-03\n# name = \"Aïd Al-Fitr"));
        assert!(text.contains("to confirm, depends on the moon sighting"));
        let roster = crate::parse_roster_toml(&text, Path::new("x.toml")).unwrap();
        assert_eq!(roster.def().holidays.len(), 1);
    }

    #[test]
    fn staff_that_do_not_fit_the_template_are_refused() {
        let mut options = InitOptions::new(Months::parse("2026-08").unwrap(), Template::Agency);
        options
            .staff
            .push(crate::Staff::new("X-01", "Xavier", "azl"));
        let err = render(&options).unwrap_err().to_string();
        assert!(err.contains("unknown site `azl`"), "{err}");
    }
}
