//! The names of the objective's terms, shared by the model (which minimises them) and
//! the validator (which recomputes them from an assignment). Names only, no logic.

use serde::{Deserialize, Serialize};

/// One term of the objective. Each is a penalty, already multiplied by its weight.
///
/// # Example
/// ```
/// use duty_roster::Term;
/// assert_eq!(Term::CoverUnder.key(), "cover_under");
/// assert_eq!(Term::ALL.len(), 17);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Term {
    /// Missing people on soft-cover slots.
    CoverUnder,
    /// People above the maximum on soft-cover slots.
    CoverOver,
    /// Missing skilled people on soft-cover slots.
    SkillShortage,
    /// Second duties on one day (when the rule is soft).
    OneDutyPerDay,
    /// Duties closer together than the minimum rest (when soft).
    MinRest,
    /// Forbidden successions worked (when soft).
    ForbiddenSuccession,
    /// Days beyond the maximum run of duty days (when soft).
    MaxConsecutiveDays,
    /// Runs of duty days shorter than the minimum (when soft).
    MinConsecutiveDays,
    /// Runs of free days shorter than the minimum (when soft).
    MinConsecutiveDaysOff,
    /// Weekends beyond the maximum (when soft).
    MaxWeekends,
    /// Personal limits exceeded (when soft).
    PersonalLimits,
    /// Pinned duties not honoured (when soft).
    Pins,
    /// Preferences not honoured.
    Preferences,
    /// Largest deviation of one person's count of one duty kind from the fair target.
    FairnessMaxDuty,
    /// Sum of the per-kind deviations from the fair targets.
    FairnessTotalDuty,
    /// Largest deviation of one person's hours from the fair target.
    FairnessMaxHours,
    /// Sum of the hour deviations from the fair targets.
    FairnessTotalHours,
}

impl Term {
    /// Every term, in report order.
    ///
    /// # Example
    /// ```
    /// assert_eq!(duty_roster::Term::ALL[0], duty_roster::Term::CoverUnder);
    /// ```
    pub const ALL: [Term; 17] = [
        Term::CoverUnder,
        Term::CoverOver,
        Term::SkillShortage,
        Term::OneDutyPerDay,
        Term::MinRest,
        Term::ForbiddenSuccession,
        Term::MaxConsecutiveDays,
        Term::MinConsecutiveDays,
        Term::MinConsecutiveDaysOff,
        Term::MaxWeekends,
        Term::PersonalLimits,
        Term::Pins,
        Term::Preferences,
        Term::FairnessMaxDuty,
        Term::FairnessTotalDuty,
        Term::FairnessMaxHours,
        Term::FairnessTotalHours,
    ];

    /// The term's key in JSON and CSV outputs.
    ///
    /// # Example
    /// ```
    /// assert_eq!(duty_roster::Term::FairnessMaxHours.key(), "fairness_max_hours");
    /// ```
    pub fn key(self) -> &'static str {
        match self {
            Term::CoverUnder => "cover_under",
            Term::CoverOver => "cover_over",
            Term::SkillShortage => "skill_shortage",
            Term::OneDutyPerDay => "one_duty_per_day",
            Term::MinRest => "min_rest",
            Term::ForbiddenSuccession => "forbidden_succession",
            Term::MaxConsecutiveDays => "max_consecutive_days",
            Term::MinConsecutiveDays => "min_consecutive_days",
            Term::MinConsecutiveDaysOff => "min_consecutive_days_off",
            Term::MaxWeekends => "max_weekends",
            Term::PersonalLimits => "personal_limits",
            Term::Pins => "pins",
            Term::Preferences => "preferences",
            Term::FairnessMaxDuty => "fairness_max_duty",
            Term::FairnessTotalDuty => "fairness_total_duty",
            Term::FairnessMaxHours => "fairness_max_hours",
            Term::FairnessTotalHours => "fairness_total_hours",
        }
    }
}
