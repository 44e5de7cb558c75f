//! # duty-roster
//!
//! Builds duty rosters: who staffs which desk, at which site, after official hours and
//! on Saturdays, under everyone's availability and the office's rules. The assignment
//! is solved as an integer program (HiGHS), every result is re-checked by an
//! independent validator, and the roster is written as CSV (and more).
//!
//! A tool that links the crate builds a roster in code (or reads a file with
//! [`read_roster_file`]), solves it, and reads what the independent validator finds:
//!
//! ```
//! use chrono::{NaiveDate, NaiveTime, Weekday};
//! use duty_roster::{
//!     DateRange, DutyKind, Roster, RosterDef, Rule, Site, SiteCover, SolveOptions, Staff,
//!     solve, validate,
//! };
//!
//! let day = |d| NaiveDate::from_ymd_opt(2022, 8, d).unwrap();
//! let time = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
//! let week = DateRange::new(day(1), day(7));
//! let mut def = RosterDef::new("desk-week", "One week at the desk", week, "Africa/Casablanca");
//! def.sites.push(Site::new("hq", "Head office"));
//! let weekdays = [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri];
//! let mut evening = DutyKind::new("evening", "After hours", &weekdays, time(16, 30), time(18, 30));
//! evening.cover.push(SiteCover::exactly("hq", 1));
//! def.duties.push(evening);
//! for (id, name) in [("A", "Amina"), ("B", "Brahim"), ("C", "Chama")] {
//!     def.staff.push(Staff::new(id, name, "hq"));
//! }
//! let roster = Roster::new(def)?;
//!
//! let mut options = SolveOptions::default();
//! options.time_limit = 10.0;
//! let outcome = solve(&roster, &options)?;
//! assert_eq!(outcome.assignments.len(), 5); // one person each weekday evening
//! assert!(validate(&roster, &outcome.assignments).violations.is_empty());
//!
//! // The validator reads any assignment, a hand-edited one too: with nobody on
//! // Monday's desk, it names the rule broken.
//! let without_monday: Vec<_> =
//!     outcome.assignments.iter().filter(|a| a.date != day(1)).cloned().collect();
//! let report = validate(&roster, &without_monday);
//! assert_eq!(report.violations[0].rule, Rule::CoverMin);
//! assert_eq!(report.violations[0].rule.key(), "cover_min");
//! # Ok::<(), duty_roster::Error>(())
//! ```
//!
//! The public API: the domain types (re-exported here), [`read_roster_file`] and
//! [`parse_roster_toml`], [`solve()`], [`validate()`], [`check::precheck`],
//! [`diagnose::diagnose`], [`explain`], the files of a roster through
//! [`output::render`] and [`output::write`], a new commented roster file from a
//! template through [`init::render`], and the errors behind [`Error`]. The
//! `synthetic` feature adds a tiny sample roster and a generator of agency rosters of
//! any size, for examples, tests and benchmarks.
#![deny(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links, rustdoc::private_intra_doc_links)]
#![deny(unsafe_code)]

pub mod changes;
pub mod check;
pub mod diagnose;
pub mod domain;
pub mod error;
pub mod explain;
pub mod init;
pub mod input;
pub mod ledger;
pub(crate) mod model;
pub mod output;
mod random;
pub mod replace;
pub mod rule;
#[cfg(any(test, feature = "synthetic"))]
pub mod sample;
pub mod solve;
pub mod source;
#[cfg(feature = "synthetic")]
pub mod synthetic;
pub mod validate;

pub use domain::{
    Absence, AbsenceScope, Assignment, Bound, Carried, CoverOverride, DateRange, DutyKind, Event,
    EventCover, Fairness, Holiday, Language, Limits, Pin, Preference, Replan, Roster, RosterDef,
    Rules, Settings, Site, SiteCover, SkillNeed, Slot, Staff, Strength, Succession, TimeOverride,
    Wish,
};
pub use error::{Error, ReadError, SolveError, ValidationError, WriteError};
pub use input::{parse_roster_toml, read_roster_file, read_roster_str};
pub use rule::{Rule, Term};
pub use solve::{Outcome, Progress, SolveOptions, Status, Watch, solve};
pub use validate::{Report, Violation, validate};
