//! Validation of a [`RosterDef`]: ids unique and resolved, dates inside the period,
//! times in order, numbers possible. Each error names the field and what is valid.

use std::collections::HashSet;
use std::str::FromStr;

use chrono_tz::Tz;

use super::{DateRange, Language, Roster, RosterDef, UnknownLanguage};
use crate::ValidationError;

type Check = Result<(), ValidationError>;

pub(super) fn err(field: impl Into<String>, message: impl Into<String>) -> ValidationError {
    ValidationError::new(field, message)
}

/// A readable list of valid ids: "bm, fbs, azilal".
fn known(ids: &[&str]) -> String {
    if ids.is_empty() {
        "none defined".to_string()
    } else {
        ids.join(", ")
    }
}

fn unique_ids<'a>(section: &str, ids: impl Iterator<Item = &'a str>) -> Check {
    let mut seen = HashSet::new();
    for (i, id) in ids.enumerate() {
        if id.trim().is_empty() {
            return Err(err(format!("{section}[{i}].id"), "empty id"));
        }
        if !seen.insert(id) {
            return Err(err(
                format!("{section}[{i}].id"),
                format!("duplicate id `{id}`"),
            ));
        }
    }
    Ok(())
}

pub(super) fn reference(field: String, kind: &str, id: &str, ids: &[&str]) -> Check {
    if ids.contains(&id) {
        Ok(())
    } else {
        Err(err(
            field,
            format!("unknown {kind} `{id}` (known: {})", known(ids)),
        ))
    }
}

fn range_in_order(field: String, r: &DateRange) -> Check {
    if r.last < r.first {
        return Err(err(
            field,
            format!("ends ({}) before it starts ({})", r.last, r.first),
        ));
    }
    Ok(())
}

fn overlaps_period(field: String, r: &DateRange, period: &DateRange) -> Check {
    range_in_order(field.clone(), r)?;
    if r.last < period.first || r.first > period.last {
        return Err(err(field, format!("{r} is outside the period {period}")));
    }
    Ok(())
}

fn inside_period(field: String, date: chrono::NaiveDate, period: &DateRange) -> Check {
    if !period.contains(date) {
        return Err(err(field, format!("{date} is outside the period {period}")));
    }
    Ok(())
}

/// Checks everything that does not need expanded slots; returns the parsed time zone
/// and language.
pub(crate) fn check(def: &RosterDef) -> Result<(Tz, Language), ValidationError> {
    if def.id.trim().is_empty() {
        return Err(err("roster.id", "empty id"));
    }
    range_in_order("period".into(), &def.period)?;
    super::ranges::check_period(def)?;
    super::ranges::check_size(def)?;
    let tz = Tz::from_str(&def.time_zone).map_err(|_| {
        err(
            "roster.time_zone",
            format!(
                "unknown time zone `{}` (an IANA name such as `Africa/Casablanca`)",
                def.time_zone
            ),
        )
    })?;
    unique_ids("site", def.sites.iter().map(|s| s.id.as_str()))?;
    unique_ids("duty", def.duties.iter().map(|d| d.id.as_str()))?;
    unique_ids("staff", def.staff.iter().map(|s| s.id.as_str()))?;
    unique_ids("event", def.events.iter().map(|e| e.id.as_str()))?;
    let sites: Vec<&str> = def.sites.iter().map(|s| s.id.as_str()).collect();
    let duties: Vec<&str> = def.duties.iter().map(|d| d.id.as_str()).collect();
    check_duties(def, &sites)?;
    check_events(def, &sites, &duties)?;
    check_staff(def, &sites, &duties)?;
    def.rules.check(&duties)?;
    super::ranges::check_numbers(def)?;
    for (i, pin) in def.pins.iter().enumerate() {
        let f = |name: &str| format!("pin[{i}].{name}");
        inside_period(f("date"), pin.date, &def.period)?;
        reference(f("duty"), "duty", &pin.duty, &duties)?;
        reference(f("site"), "site", &pin.site, &sites)?;
        let staff: Vec<&str> = def.staff.iter().map(|s| s.id.as_str()).collect();
        reference(f("staff"), "staff", &pin.staff, &staff)?;
    }
    let language: Language = def
        .settings
        .language
        .parse()
        .map_err(|e: UnknownLanguage| err("settings.language", e.to_string()))?;
    Ok((tz, language))
}

fn check_duties(def: &RosterDef, sites: &[&str]) -> Check {
    for (i, duty) in def.duties.iter().enumerate() {
        let f = |name: &str| format!("duty[{i}].{name}");
        if duty.weekdays.is_empty() {
            return Err(err(
                f("weekdays"),
                "no weekday (valid: mon, tue, wed, thu, fri, sat, sun)",
            ));
        }
        if !duty.overnight && duty.end <= duty.start {
            return Err(err(
                f("end"),
                format!(
                    "end time {} is not after start time {} (set `overnight = true` for a duty that ends the next day)",
                    duty.end.format("%H:%M"),
                    duty.start.format("%H:%M")
                ),
            ));
        }
        for (j, t) in duty.times.iter().enumerate() {
            let g = |name: &str| format!("duty[{i}].times[{j}].{name}");
            overlaps_period(g("dates"), &t.dates, &def.period)?;
            if !duty.overnight && t.end <= t.start {
                return Err(err(
                    g("end"),
                    format!(
                        "end time {} is not after start time {}",
                        t.end.format("%H:%M"),
                        t.start.format("%H:%M")
                    ),
                ));
            }
        }
        if duty.cover.is_empty() {
            return Err(err(
                f("cover"),
                "no cover: say at which site and how many people",
            ));
        }
        let mut seen = HashSet::new();
        for (j, c) in duty.cover.iter().enumerate() {
            let g = |name: &str| format!("duty[{i}].cover[{j}].{name}");
            reference(g("site"), "site", &c.site, sites)?;
            if !seen.insert(c.site.as_str()) {
                return Err(err(
                    g("site"),
                    format!("site `{}` has two covers for this duty", c.site),
                ));
            }
            if let Some(max) = c.max {
                if max < c.min {
                    return Err(err(g("max"), format!("max {max} is below min {}", c.min)));
                }
                for need in &c.skills {
                    if need.count > max {
                        return Err(err(
                            g("skills"),
                            format!(
                                "needs {} people with `{}` but at most {max} people in total",
                                need.count, need.skill
                            ),
                        ));
                    }
                }
            }
        }
    }
    Ok(())
}

fn check_events(def: &RosterDef, sites: &[&str], duties: &[&str]) -> Check {
    for (i, event) in def.events.iter().enumerate() {
        overlaps_period(format!("event[{i}].dates"), &event.dates, &def.period)?;
        for (j, c) in event.cover.iter().enumerate() {
            let g = |name: &str| format!("event[{i}].cover[{j}].{name}");
            reference(g("duty"), "duty", &c.duty, duties)?;
            reference(g("site"), "site", &c.site, sites)?;
            let duty = def
                .duties
                .iter()
                .find(|d| d.id == c.duty)
                .expect("checked above");
            if !duty.cover.iter().any(|dc| dc.site == c.site) {
                let covered: Vec<&str> = duty.cover.iter().map(|dc| dc.site.as_str()).collect();
                return Err(err(
                    g("site"),
                    format!(
                        "duty `{}` has no cover at site `{}` (it runs at: {})",
                        c.duty,
                        c.site,
                        known(&covered)
                    ),
                ));
            }
        }
    }
    for (i, o) in def.cover_overrides.iter().enumerate() {
        let g = |name: &str| format!("cover_override[{i}].{name}");
        inside_period(g("date"), o.date, &def.period)?;
        reference(g("duty"), "duty", &o.duty, duties)?;
        reference(g("site"), "site", &o.site, sites)?;
        if o.max.is_some_and(|m| m < o.min) {
            return Err(err(g("max"), format!("max is below min {}", o.min)));
        }
    }
    Ok(())
}

fn check_staff(def: &RosterDef, sites: &[&str], duties: &[&str]) -> Check {
    for (i, person) in def.staff.iter().enumerate() {
        let f = |name: &str| format!("staff[{i}].{name}");
        reference(f("home"), "site", &person.home, sites)?;
        for (j, s) in person.sites.iter().enumerate() {
            reference(format!("staff[{i}].sites[{j}]"), "site", s, sites)?;
        }
        if !(person.share.is_finite() && person.share > 0.0) {
            return Err(err(
                f("share"),
                format!(
                    "workload share {} must be a number above 0 (1.0 is full time)",
                    person.share
                ),
            ));
        }
        for (j, a) in person.unavailable.iter().enumerate() {
            overlaps_period(
                format!("staff[{i}].unavailable[{j}]"),
                &a.dates,
                &def.period,
            )?;
        }
        for (j, p) in person.preferences.iter().enumerate() {
            let g = |name: &str| format!("staff[{i}].preferences[{j}].{name}");
            if let Some(d) = &p.duty {
                reference(g("duty"), "duty", d, duties)?;
            }
            if let Some(s) = &p.site {
                reference(g("site"), "site", s, sites)?;
            }
            if let Some(r) = &p.dates {
                overlaps_period(g("dates"), r, &def.period)?;
            }
        }
        let l = &person.limits;
        for duty in l.max_per_duty.keys() {
            reference(f("max_per_duty"), "duty", duty, duties)?;
        }
        if let (Some(min), Some(max)) = (l.min_duties, l.max_duties)
            && min > max
        {
            return Err(err(
                f("min_duties"),
                format!("min_duties {min} is above max_duties {max}"),
            ));
        }
        if let (Some(min), Some(max)) = (l.min_minutes, l.max_minutes)
            && min > max
        {
            return Err(err(
                f("min_minutes"),
                format!("min_minutes {min} is above max_minutes {max}"),
            ));
        }
        if l.max_consecutive_days == Some(0) {
            return Err(err(
                f("max_consecutive_days"),
                "must be at least 1 (use unavailable dates to keep someone off)",
            ));
        }
    }
    Ok(())
}

/// Checks pins against the expanded slots: the slot exists and the person may take it.
pub(crate) fn check_pins(roster: &Roster) -> Check {
    for (i, pin) in roster.def().pins.iter().enumerate() {
        let duty = roster.duty_index(&pin.duty).expect("checked");
        let site = roster.site_index(&pin.site).expect("checked");
        let staff = roster.staff_index(&pin.staff).expect("checked");
        let Some(slot) = roster.slot_index(pin.date, duty, site) else {
            return Err(err(format!("pin[{i}]"), no_slot(roster, pin, duty)));
        };
        if !roster.may_serve_site(staff, site) {
            return Err(err(
                format!("pin[{i}].site"),
                format!(
                    "staff `{}` may not serve site `{}` (add it to their sites)",
                    pin.staff, pin.site
                ),
            ));
        }
        if !roster.is_eligible(staff, slot) {
            return Err(err(
                format!("pin[{i}].staff"),
                format!(
                    "staff `{}` is unavailable or limited to 0 `{}` duties on {}",
                    pin.staff, pin.duty, pin.date
                ),
            ));
        }
    }
    Ok(())
}

/// Why pinned duty kind `duty` has no slot at the pin's site on its date: its
/// weekdays, a holiday, its covers or a cover override.
fn no_slot(roster: &Roster, pin: &super::Pin, duty: usize) -> String {
    use chrono::Datelike;
    let kind = &roster.duties()[duty];
    let (id, date) = (&pin.duty, pin.date);
    if !kind.weekdays.contains(&date.weekday()) {
        let runs: Vec<String> = kind.weekdays.iter().map(|d| d.to_string()).collect();
        return format!(
            "duty `{id}` does not run on {date}, a {}: it runs on {} (its `weekdays`)",
            date.weekday(),
            runs.join(", ")
        );
    }
    if let Some(holiday) = roster.holiday(date)
        && !kind.on_holidays
    {
        return format!(
            "{date} is a holiday ({}): duty `{id}` does not run on holidays (set \
             `on_holidays = true` on the duty to run it)",
            holiday.name
        );
    }
    if !kind.cover.iter().any(|c| c.site == pin.site) {
        let sites: Vec<&str> = kind.cover.iter().map(|c| c.site.as_str()).collect();
        return format!(
            "duty `{id}` has no cover at site `{}` (it runs at: {})",
            pin.site,
            known(&sites)
        );
    }
    format!(
        "duty `{id}` is closed at site `{}` on {date} by a `[[cover_override]]` with max = 0",
        pin.site
    )
}

/// Checks a re-plan against the expanded slots: every published duty names a slot
/// and a person of the roster, once; a frozen one can still be taken by its person.
pub(crate) fn check_replan(roster: &Roster) -> Check {
    let Some(replan) = &roster.def().replan else {
        return Ok(());
    };
    let mut seen = std::collections::HashSet::new();
    for (i, a) in replan.published.iter().enumerate() {
        let field = format!("replan.published[{i}]");
        let Some(slot) = roster.slot_index_of(a) else {
            return Err(err(
                field,
                format!(
                    "no slot `{}` at `{}` on {} in this roster",
                    a.duty, a.site, a.date
                ),
            ));
        };
        let Some(staff) = roster.staff_index(&a.staff) else {
            return Err(err(field, format!("unknown staff `{}`", a.staff)));
        };
        if !seen.insert((staff, slot)) {
            return Err(err(field, "this duty is published twice"));
        }
        if replan.is_frozen(a.date) && !roster.is_eligible(staff, slot) {
            return Err(err(
                "replan.freeze_until",
                format!(
                    "`{}` on {} at `{}` is frozen, but `{}` can no longer take it (away, or \
                     limited to 0 such duties): freeze until a day before {}",
                    a.duty, a.date, a.site, a.staff, a.date
                ),
            ));
        }
    }
    Ok(())
}
