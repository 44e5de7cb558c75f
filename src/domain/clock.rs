//! Duty times that a clock change moves: a start or end written at a local time the
//! clocks skip is kept at the same real instant as RFC 5545 reads it, later by the
//! change's length, and every output shows the moved time.

use chrono::{NaiveDate, NaiveTime};

use super::Roster;

/// A duty's start or end on one date that a clock change moved.
///
/// # Example
/// ```
/// let roster = duty_roster::sample::tiny_roster();
/// assert!(duty_roster::domain::clock_shifts(&roster).is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ClockShift {
    /// The duty's date.
    pub date: NaiveDate,
    /// Duty kind id.
    pub duty: String,
    /// `"start"` or `"end"`.
    pub edge: &'static str,
    /// The time the roster file gives.
    pub written: NaiveTime,
    /// The time the clocks show at that instant, which every output gives.
    pub shown: NaiveTime,
}

impl std::fmt::Display for ClockShift {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}: its {} {} falls in a clock change's gap and is {}",
            self.date,
            self.duty,
            self.edge,
            self.written.format("%H:%M"),
            self.shown.format("%H:%M")
        )
    }
}

/// Every duty start or end of `roster` that a clock change moves, by date then duty
/// kind (one entry per duty kind and date, whatever its sites).
///
/// # Example
/// ```
/// let roster = duty_roster::sample::tiny_roster();
/// assert_eq!(duty_roster::domain::clock_shifts(&roster), vec![]);
/// ```
pub fn clock_shifts(roster: &Roster) -> Vec<ClockShift> {
    let mut shifts: Vec<ClockShift> = Vec::new();
    for slot in roster.slots() {
        let duty = &roster.duties()[slot.duty];
        let (start, end) = duty.hours_on(slot.date);
        let edges = [
            ("start", start, slot.start_local.time()),
            ("end", end, slot.end_local.time()),
        ];
        for (edge, written, shown) in edges {
            let shift = ClockShift {
                date: slot.date,
                duty: duty.id.clone(),
                edge,
                written,
                shown,
            };
            if written != shown && !shifts.contains(&shift) {
                shifts.push(shift);
            }
        }
    }
    shifts
}
