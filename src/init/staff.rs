//! `[[staff]]` entries of a new roster, written from [`Staff`] values: the people a
//! staff table gave, or the placeholders of a template.

use std::fmt::Write;

use crate::{DateRange, Preference, Staff, Wish};

/// A TOML string (quoted and escaped).
pub(crate) fn quote(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// A TOML array of strings on one line.
fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| quote(s)).collect();
    format!("[{}]", quoted.join(", "))
}

/// `date = ...` for one day, `from = ..., to = ...` for several.
fn dates(range: DateRange) -> String {
    if range.first == range.last {
        format!("date = {}", range.first)
    } else {
        format!("from = {}, to = {}", range.first, range.last)
    }
}

/// The `[[staff]]` table of `person`, with all they hold that a roster file can say
/// (the balance a ledger carries is not part of the file, and is left out).
///
/// # Example
/// ```
/// let mut person = duty_roster::Staff::new("BM-01", "Salma Idrissi", "bm");
/// person.skills = vec!["ar".into(), "es".into()];
/// person.limits.max_per_duty.insert("saturday".into(), 2);
/// let text = duty_roster::init::staff_entry(&person);
/// assert!(text.starts_with("[[staff]]\nid = \"BM-01\"\n"));
/// assert!(text.contains("skills = [\"ar\", \"es\"]\n"));
/// assert!(text.contains("max_per_duty = { saturday = 2 }\n"));
/// ```
pub fn staff_entry(person: &Staff) -> String {
    let mut out = String::from("[[staff]]\n");
    let _ = writeln!(out, "id = {}", quote(&person.id));
    let _ = writeln!(out, "name = {}", quote(&person.name));
    let _ = writeln!(out, "home = {}", quote(&person.home));
    if !person.sites.is_empty() {
        let _ = writeln!(out, "sites = {}", list(&person.sites));
    }
    if !person.skills.is_empty() {
        let _ = writeln!(out, "skills = {}", list(&person.skills));
    }
    if person.share != 1.0 {
        let _ = writeln!(out, "share = {:?}", person.share);
    }
    // The limits are serde's own spelling of the keys, so a new limit is written too.
    if let Ok(toml::Value::Table(limits)) = toml::Value::try_from(&person.limits) {
        for (key, value) in limits {
            let _ = writeln!(out, "{key} = {value}");
        }
    }
    if !person.unavailable.is_empty() {
        out.push_str("unavailable = [\n");
        for absence in &person.unavailable {
            let reason = if absence.reason.is_empty() {
                String::new()
            } else {
                format!(", reason = {}", quote(&absence.reason))
            };
            let _ = writeln!(out, "  {{ {}{reason} }},", dates(absence.dates));
        }
        out.push_str("]\n");
    }
    for preference in &person.preferences {
        out.push_str(&preference_entry(preference));
    }
    out
}

/// The `[[staff.preference]]` table of a wish.
fn preference_entry(p: &Preference) -> String {
    let wish = match p.wish {
        Wish::Avoid => "avoid",
        Wish::Want => "want",
    };
    let mut out = format!("  [[staff.preference]]\n  wish = \"{wish}\"\n");
    if !p.weekdays.is_empty() {
        let days: Vec<String> = p
            .weekdays
            .iter()
            .map(|d| d.to_string().to_lowercase())
            .collect();
        let _ = writeln!(out, "  weekdays = {}", list(&days));
    }
    if let Some(duty) = &p.duty {
        let _ = writeln!(out, "  duty = {}", quote(duty));
    }
    if let Some(site) = &p.site {
        let _ = writeln!(out, "  site = {}", quote(site));
    }
    if let Some(range) = p.dates {
        for part in dates(range).split(", ") {
            let _ = writeln!(out, "  {part}");
        }
    }
    let _ = writeln!(out, "  weight = {}", p.weight);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Absence;

    #[test]
    fn names_are_escaped_as_toml_strings() {
        let person = Staff::new("Q-1", "Said \"Le Sage\" \\ سعيد", "bm");
        let text = staff_entry(&person);
        let back: toml::Table = text.trim_start_matches("[[staff]]\n").parse().unwrap();
        assert_eq!(back["name"].as_str(), Some("Said \"Le Sage\" \\ سعيد"));
    }

    #[test]
    fn leave_limits_and_wishes_are_written() {
        let day = |s: &str| s.parse().unwrap();
        let mut person = Staff::new("A", "Amina", "bm");
        person.share = 0.5;
        person.limits.max_duties = Some(4);
        let mut leave = Absence::new(DateRange::new(day("2026-08-03"), day("2026-08-07")));
        leave.reason = "congé".into();
        person.unavailable.push(leave);
        let mut wish = Preference::new(Wish::Avoid, 3);
        wish.weekdays.push(chrono::Weekday::Fri);
        wish.dates = Some(DateRange::single(day("2026-08-14")));
        person.preferences.push(wish);
        let text = staff_entry(&person);
        for line in [
            "share = 0.5\n",
            "max_duties = 4\n",
            "  { from = 2026-08-03, to = 2026-08-07, reason = \"congé\" },\n",
            "  wish = \"avoid\"\n  weekdays = [\"fri\"]\n  date = 2026-08-14\n  weight = 3\n",
        ] {
            assert!(text.contains(line), "{line:?} missing from:\n{text}");
        }
    }
}
