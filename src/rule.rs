//! The names of the rule families and of the objective's terms: the one table of
//! their stable keys, written in JSON, CSV and text outputs.
//!
//! A [`Rule`] names what a broken hard rule is reported as (by the validator, the
//! diagnosis and their outputs); a [`Term`] names one penalty of the objective (which
//! the model minimises and the validator recomputes). Each key is written once, in the
//! tables below; serialising a member writes its key. Every `match` on these enums
//! elsewhere is exhaustive, so a new member does not compile until each place that
//! reports, costs or explains it handles it.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Defines an enum whose members each carry one stable key: the enum (serialised as
/// the key), `ALL` in declaration order, `key()` and `Display` (the key).
macro_rules! keyed {
    (
        $(#[$meta:meta])*
        $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $key:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $key)] $variant, )+
        }

        impl $name {
            /// Every member, in report order.
            ///
            /// # Example
            #[doc = concat!(
                "```\nlet all = duty_roster::", stringify!($name), "::ALL;\n",
                "// every key is distinct\n",
                "assert!(all.iter().all(|x| all.iter().filter(|y| y.key() == x.key()).count() == 1));\n```"
            )]
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The member's key in JSON, CSV and text outputs.
            ///
            /// # Example
            #[doc = concat!(
                "```\nfor x in duty_roster::", stringify!($name), "::ALL {\n",
                "    assert_eq!(x.to_string(), x.key());\n}\n```"
            )]
            pub fn key(self) -> &'static str {
                match self {
                    $( $name::$variant => $key, )+
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.key())
            }
        }
    };
}

keyed! {
    /// A family of hard rules, as a broken one is reported: the key of
    /// [`Violation::rule`](crate::Violation::rule) and of a diagnosis problem.
    ///
    /// # Example
    /// ```
    /// use duty_roster::Rule;
    /// assert_eq!(Rule::CoverMin.key(), "cover_min");
    /// assert_eq!(serde_json::to_string(&Rule::MaxWeekends).unwrap(), "\"max_weekends\"");
    /// ```
    Rule {
        /// An assignment names no slot of the roster.
        UnknownSlot => "unknown_slot",
        /// An assignment names no staff member of the roster.
        UnknownStaff => "unknown_staff",
        /// An assignment repeats one already given.
        Duplicate => "duplicate",
        /// A person on a site they may not serve.
        SiteNotAllowed => "site_not_allowed",
        /// A person on duty on a date they are away.
        Unavailable => "unavailable",
        /// Fewer people on a slot than its minimum.
        CoverMin => "cover_min",
        /// More people on a slot than its maximum.
        CoverMax => "cover_max",
        /// Fewer people with a needed skill on a slot than it needs.
        Skill => "skill",
        /// Two duties of one person on one day.
        OneDutyPerDay => "one_duty_per_day",
        /// Two duties of one person closer together than the minimum rest.
        MinRest => "min_rest",
        /// A forbidden succession of duties worked on two days running.
        ForbiddenSuccession => "forbidden_succession",
        /// A run of duty days longer than the maximum.
        MaxConsecutiveDays => "max_consecutive_days",
        /// A run of duty days shorter than the minimum.
        MinConsecutiveDays => "min_consecutive_days",
        /// A run of free days shorter than the minimum.
        MinConsecutiveDaysOff => "min_consecutive_days_off",
        /// More weekends with a duty than the maximum.
        MaxWeekends => "max_weekends",
        /// More duties than a person's maximum.
        MaxDuties => "max_duties",
        /// Fewer duties than a person's minimum.
        MinDuties => "min_duties",
        /// More duties of one kind than a person's maximum for it.
        MaxPerDuty => "max_per_duty",
        /// More minutes on duty than a person's maximum.
        MaxMinutes => "max_minutes",
        /// Fewer minutes on duty than a person's minimum.
        MinMinutes => "min_minutes",
        /// A pinned duty not assigned to its person.
        Pin => "pin",
        /// A frozen duty of a re-plan not as published.
        Frozen => "frozen",
        /// More changes from the published roster for one person than allowed.
        MaxChangesPerPerson => "max_changes_per_person",
    }
}

keyed! {
    /// One term of the objective. Each is a penalty, already multiplied by its weight.
    ///
    /// # Example
    /// ```
    /// use duty_roster::Term;
    /// assert_eq!(Term::CoverUnder.key(), "cover_under");
    /// assert_eq!(Term::ALL.len(), 17);
    /// ```
    Term {
        /// Missing people on soft-cover slots.
        CoverUnder => "cover_under",
        /// People above the maximum on soft-cover slots.
        CoverOver => "cover_over",
        /// Missing skilled people on soft-cover slots.
        SkillShortage => "skill_shortage",
        /// Second duties on one day (when the rule is soft).
        OneDutyPerDay => "one_duty_per_day",
        /// Duties closer together than the minimum rest (when soft).
        MinRest => "min_rest",
        /// Forbidden successions worked (when soft).
        ForbiddenSuccession => "forbidden_succession",
        /// Days beyond the maximum run of duty days (when soft).
        MaxConsecutiveDays => "max_consecutive_days",
        /// Runs of duty days shorter than the minimum (when soft).
        MinConsecutiveDays => "min_consecutive_days",
        /// Runs of free days shorter than the minimum (when soft).
        MinConsecutiveDaysOff => "min_consecutive_days_off",
        /// Weekends beyond the maximum (when soft).
        MaxWeekends => "max_weekends",
        /// Personal limits exceeded (when soft).
        PersonalLimits => "personal_limits",
        /// Pinned duties not honoured (when soft).
        Pins => "pins",
        /// Preferences not honoured.
        Preferences => "preferences",
        /// Largest deviation of one person's count of one duty kind from the fair target.
        FairnessMaxDuty => "fairness_max_duty",
        /// Sum of the per-kind deviations from the fair targets.
        FairnessTotalDuty => "fairness_total_duty",
        /// Largest deviation of one person's hours from the fair target.
        FairnessMaxHours => "fairness_max_hours",
        /// Sum of the hour deviations from the fair targets.
        FairnessTotalHours => "fairness_total_hours",
    }
}

impl Rule {
    /// The objective term that costs this rule when it is soft; `None` for the rules
    /// that are always hard (an assignment naming nothing, a site not allowed, a
    /// person away).
    ///
    /// # Example
    /// ```
    /// use duty_roster::{Rule, Term};
    /// assert_eq!(Rule::CoverMin.term(), Some(Term::CoverUnder));
    /// assert_eq!(Rule::MaxDuties.term(), Some(Term::PersonalLimits));
    /// assert_eq!(Rule::Unavailable.term(), None);
    /// ```
    pub fn term(self) -> Option<Term> {
        match self {
            Rule::UnknownSlot
            | Rule::UnknownStaff
            | Rule::Duplicate
            | Rule::SiteNotAllowed
            | Rule::Unavailable
            | Rule::Frozen
            | Rule::MaxChangesPerPerson => None,
            Rule::CoverMin => Some(Term::CoverUnder),
            Rule::CoverMax => Some(Term::CoverOver),
            Rule::Skill => Some(Term::SkillShortage),
            Rule::OneDutyPerDay => Some(Term::OneDutyPerDay),
            Rule::MinRest => Some(Term::MinRest),
            Rule::ForbiddenSuccession => Some(Term::ForbiddenSuccession),
            Rule::MaxConsecutiveDays => Some(Term::MaxConsecutiveDays),
            Rule::MinConsecutiveDays => Some(Term::MinConsecutiveDays),
            Rule::MinConsecutiveDaysOff => Some(Term::MinConsecutiveDaysOff),
            Rule::MaxWeekends => Some(Term::MaxWeekends),
            Rule::MaxDuties
            | Rule::MinDuties
            | Rule::MaxPerDuty
            | Rule::MaxMinutes
            | Rule::MinMinutes => Some(Term::PersonalLimits),
            Rule::Pin => Some(Term::Pins),
        }
    }
}

impl Rule {
    /// The kind of change a diagnosis asks for when this rule breaks: its group.
    ///
    /// # Example
    /// ```
    /// use duty_roster::{Rule, rule::Cause};
    /// assert_eq!(Rule::MaxWeekends.cause(), Cause::RestAndRuns);
    /// ```
    pub fn cause(self) -> Cause {
        match self {
            Rule::UnknownSlot
            | Rule::UnknownStaff
            | Rule::Duplicate
            | Rule::SiteNotAllowed
            | Rule::Unavailable
            | Rule::CoverMin
            | Rule::CoverMax => Cause::Cover,
            Rule::Skill => Cause::Skill,
            Rule::Pin | Rule::Frozen => Cause::Pin,
            Rule::MaxChangesPerPerson => Cause::Limit,
            Rule::OneDutyPerDay => Cause::OneDutyPerDay,
            Rule::MaxDuties
            | Rule::MinDuties
            | Rule::MaxPerDuty
            | Rule::MaxMinutes
            | Rule::MinMinutes => Cause::Limit,
            Rule::MinRest
            | Rule::ForbiddenSuccession
            | Rule::MaxConsecutiveDays
            | Rule::MinConsecutiveDays
            | Rule::MinConsecutiveDaysOff
            | Rule::MaxWeekends => Cause::RestAndRuns,
        }
    }

    /// The change a diagnosis proposes when this rule breaks.
    pub(crate) fn fix(self) -> Fix {
        match self {
            Rule::UnknownSlot
            | Rule::UnknownStaff
            | Rule::Duplicate
            | Rule::SiteNotAllowed
            | Rule::Unavailable
            | Rule::CoverMin
            | Rule::CoverMax => Fix::Say("lower the cover, or add staff"),
            Rule::Skill => Fix::Say(
                "add a person with that skill who may serve the site, or lower the skill need",
            ),
            Rule::Pin => Fix::Say("remove the pin, or free that person for that duty"),
            Rule::Frozen => Fix::Say("freeze until an earlier day (`--freeze-until`)"),
            Rule::MaxChangesPerPerson => Fix::Say("raise `--max-changes-per-person`, or add staff"),
            Rule::OneDutyPerDay => Fix::Say(
                "add a person who may serve these sites that day, or allow two duties a day (`one_duty_per_day = { weight = N }`)",
            ),
            Rule::MaxDuties => Fix::RaiseDuties,
            Rule::MinDuties => Fix::LowerDuties,
            Rule::MaxMinutes => Fix::RaiseMinutes,
            Rule::MinMinutes => Fix::LowerMinutes,
            Rule::MaxPerDuty => Fix::RaisePerDuty,
            Rule::MinRest => Fix::Say("shorten `min_rest_hours`, or add staff"),
            Rule::ForbiddenSuccession => {
                Fix::Say("make that succession soft (`weight = N`), or add staff")
            }
            Rule::MaxConsecutiveDays | Rule::MaxWeekends => {
                Fix::Say("raise `{rule}` for {who}, or add staff")
            }
            Rule::MinConsecutiveDays | Rule::MinConsecutiveDaysOff => {
                Fix::Say("lower `{rule}` for {who}")
            }
        }
    }
}

/// The change a diagnosis proposes for a broken rule: a sentence, or a personal
/// limit moved to what the person's load in the elastic roster needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fix {
    /// This sentence, with `{who}` replaced by the person and `{rule}` by the rule's key.
    Say(&'static str),
    /// Raise the person's `max_duties`.
    RaiseDuties,
    /// Lower the person's `min_duties`.
    LowerDuties,
    /// Raise the person's `max_minutes`.
    RaiseMinutes,
    /// Lower the person's `min_minutes`.
    LowerMinutes,
    /// Raise the person's `max_per_duty` of the kinds passed.
    RaisePerDuty,
}

/// The kind of change a problem asks for; problems are grouped by it.
///
/// # Example
/// ```
/// assert_eq!(duty_roster::rule::Cause::Cover.title(), "cover that cannot be met");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Cause {
    /// A slot short of people.
    Cover,
    /// A slot short of a skill.
    Skill,
    /// A pinned duty that cannot stay.
    Pin,
    /// Two duties on one day.
    OneDutyPerDay,
    /// A personal limit passed.
    Limit,
    /// Rest, successions, runs of days or weekends.
    RestAndRuns,
}

impl Cause {
    /// A heading for the group.
    ///
    /// # Example
    /// See [`Cause`].
    pub fn title(self) -> &'static str {
        match self {
            Cause::Cover => "cover that cannot be met",
            Cause::Skill => "skills that cannot be met",
            Cause::Pin => "pinned duties that cannot stay",
            Cause::OneDutyPerDay => "people needed twice on one day",
            Cause::Limit => "personal limits that must give",
            Cause::RestAndRuns => "rest, succession and run rules that must give",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialising_writes_the_key_and_reading_it_gives_the_member_back() {
        for &rule in Rule::ALL {
            let json = serde_json::to_string(&rule).unwrap();
            assert_eq!(json, format!("\"{}\"", rule.key()));
            assert_eq!(serde_json::from_str::<Rule>(&json).unwrap(), rule);
        }
        for &term in Term::ALL {
            let json = serde_json::to_string(&term).unwrap();
            assert_eq!(json, format!("\"{}\"", term.key()));
            assert_eq!(serde_json::from_str::<Term>(&json).unwrap(), term);
        }
    }

    #[test]
    fn a_soft_rule_shares_its_key_with_its_term_unless_the_term_groups_several() {
        for &rule in Rule::ALL {
            if let Some(term) = rule.term()
                && !matches!(
                    term,
                    Term::CoverUnder
                        | Term::CoverOver
                        | Term::SkillShortage
                        | Term::PersonalLimits
                        | Term::Pins
                )
            {
                assert_eq!(rule.key(), term.key());
            }
        }
    }
}
