//! Expands a roster's duty kinds, events and cover overrides into the period's slots.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use chrono_tz::Tz;

use super::slot::{local_time, to_utc};
use super::{DutyKind, RosterDef, SiteCover, Slot};

/// Every slot of the period, by date, then duty kind, then site in cover order.
pub(crate) fn expand_slots(
    def: &RosterDef,
    tz: Tz,
    site_index: &HashMap<String, usize>,
    duty_index: &HashMap<String, usize>,
) -> Vec<Slot> {
    let mut slots = Vec::new();
    for date in def.period.days() {
        let holiday = def.holidays.iter().any(|h| h.date == date);
        for (duty_i, duty) in def.duties.iter().enumerate() {
            if !duty.weekdays.contains(&date.weekday()) || (holiday && !duty.on_holidays) {
                continue;
            }
            for cover in &duty.cover {
                let (min, max) = cover_on(def, date, duty, cover);
                // A hard maximum of 0 closes the slot; a soft one is a cost per person.
                if max == Some(0) && cover.over_weight.is_none() {
                    continue;
                }
                slots.push(make_slot(
                    date,
                    duty_i,
                    duty,
                    site_index[&cover.site],
                    cover,
                    min,
                    max,
                    tz,
                ));
            }
        }
    }
    debug_assert!(
        slots
            .iter()
            .all(|s| duty_index[&def.duties[s.duty].id] == s.duty)
    );
    slots
}

/// Minimum and maximum cover of `duty` at `cover.site` on `date`: the usual cover,
/// plus event extras, unless an override sets it outright.
fn cover_on(
    def: &RosterDef,
    date: NaiveDate,
    duty: &DutyKind,
    cover: &SiteCover,
) -> (u32, Option<u32>) {
    if let Some(o) = def
        .cover_overrides
        .iter()
        .rev()
        .find(|o| o.date == date && o.duty == duty.id && o.site == cover.site)
    {
        return (o.min, o.max);
    }
    let extra: u32 = def
        .events
        .iter()
        .filter(|e| e.dates.contains(date))
        .flat_map(|e| &e.cover)
        .filter(|c| c.duty == duty.id && c.site == cover.site)
        .map(|c| c.extra)
        .sum();
    (cover.min + extra, cover.max.map(|m| m + extra))
}

#[allow(clippy::too_many_arguments)]
fn make_slot(
    date: NaiveDate,
    duty_i: usize,
    duty: &DutyKind,
    site: usize,
    cover: &SiteCover,
    min: u32,
    max: Option<u32>,
    tz: Tz,
) -> Slot {
    let (start, end) = duty.hours_on(date);
    let start_local = date.and_time(start);
    let end_date = if duty.overnight {
        date.succ_opt().unwrap_or(date)
    } else {
        date
    };
    let end_local = end_date.and_time(end);
    let (start_utc, end_utc) = (to_utc(tz, start_local), to_utc(tz, end_local));
    Slot {
        date,
        duty: duty_i,
        site,
        start_local: local_time(tz, start_utc),
        end_local: local_time(tz, end_utc),
        start_utc,
        end_utc,
        minutes: (end_utc - start_utc).num_minutes(),
        min,
        max,
        skills: cover.skills.clone(),
        under_weight: cover.under_weight,
        over_weight: cover.over_weight,
    }
}
