//! The vocabulary of rostering: period, sites, duty kinds, events, staff, rules,
//! slots and assignments, and the language of printed outputs with its words.

mod assignment;
mod calendar;
mod check_def;
mod clock;
mod duty;
mod event;
mod expand;
mod language;
pub mod ranges;
mod replan;
mod roster;
mod rules;
mod site;
pub mod slot;
mod staff;

pub use assignment::Assignment;
pub use calendar::{DateRange, Holiday};
pub use clock::{ClockShift, clock_shifts};
pub use duty::{DutyKind, SiteCover, SkillNeed, TimeOverride};
pub use event::{CoverOverride, Event, EventCover, Pin};
pub use language::{Language, UnknownLanguage};
pub(crate) use language::{Words, short_english_weekday};
pub use replan::Replan;
pub use roster::{Roster, RosterDef, Settings};
pub use rules::{Bound, Fairness, Limits, RelaxCosts, Rules, Strength, Succession};
pub use site::Site;
pub use slot::Slot;
pub use staff::{Absence, AbsenceScope, Carried, Preference, Staff, Wish};
