//! # duty-roster
//!
//! Builds duty rosters: who staffs which desk, at which site, after official hours and
//! on Saturdays, under everyone's availability and the office's rules. The assignment
//! is solved as an integer program (HiGHS), every result is re-checked by an
//! independent validator, and the roster is written as CSV (and more).
//!
//! ```
//! use duty_roster::{sample, solve, validate, SolveOptions};
//!
//! let roster = sample::tiny_roster();
//! let outcome = solve(&roster, &SolveOptions::default()).unwrap();
//! assert_eq!(outcome.assignments.len(), 5); // one person each weekday evening
//! assert!(validate(&roster, &outcome.assignments).violations.is_empty());
//! ```
#![deny(missing_docs)]
#![deny(unsafe_code)]

pub mod check;
pub mod diagnose;
pub mod domain;
pub mod error;
pub mod explain;
pub mod input;
pub mod model;
pub mod objective;
pub mod output;
mod random;
#[cfg(any(test, feature = "synthetic"))]
pub mod sample;
pub mod solve;
#[cfg(feature = "synthetic")]
pub mod synthetic;
pub mod validate;

pub use domain::{
    Absence, Assignment, Bound, CoverOverride, DateRange, DutyKind, Event, EventCover, Fairness,
    Holiday, Language, Limits, Pin, Preference, Roster, RosterDef, Rules, Settings, Site,
    SiteCover, SkillNeed, Slot, Staff, Strength, Succession, TimeOverride, Wish,
};
pub use error::{Error, ReadError, SolveError, ValidationError, WriteError};
pub use input::{parse_roster_toml, read_roster_file};
pub use objective::Term;
pub use solve::{Outcome, SolveOptions, Status, solve};
pub use validate::{Report, Violation, validate};
