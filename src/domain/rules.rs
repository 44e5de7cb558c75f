//! Rules that hold for everyone, each hard or soft, and the fairness weights: the
//! types, the `[rules]` table of the roster file they are read from (their serde form
//! is the file's), the checks of their values, and their softening for a diagnosis.
//!
//! A roster-wide rule family keeps everything but its model and its check here: its
//! field in [`Rules`] (with its file spelling), its value checks in
//! [`Rules::check`] and its softened form in [`Rules::soften`].

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::check_def::{err, reference};
use crate::{Staff, ValidationError};

/// Whether a rule must hold (hard) or may be broken at a cost per unit (soft). The
/// roster file writes it `"hard"` or `{ weight = N }`.
///
/// # Example
/// ```
/// use duty_roster::Strength;
/// assert!(Strength::Hard.is_hard());
/// assert_eq!(Strength::Soft(20).weight(), Some(20));
/// let soft: Strength = toml::Value::from(toml::toml! { weight = 5 }).try_into().unwrap();
/// assert_eq!(soft, Strength::Soft(5));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Strength {
    /// Never broken.
    #[default]
    Hard,
    /// Broken at this cost per unit of violation.
    Soft(u32),
}

impl Strength {
    /// Whether the rule is hard.
    ///
    /// # Example
    /// ```
    /// assert!(!duty_roster::Strength::Soft(1).is_hard());
    /// ```
    pub fn is_hard(self) -> bool {
        matches!(self, Strength::Hard)
    }

    /// The cost per unit when soft.
    ///
    /// # Example
    /// ```
    /// assert_eq!(duty_roster::Strength::Hard.weight(), None);
    /// ```
    pub fn weight(self) -> Option<u32> {
        match self {
            Strength::Hard => None,
            Strength::Soft(w) => Some(w),
        }
    }
}

impl Serialize for Strength {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Strength::Hard => serializer.serialize_str("hard"),
            Strength::Soft(weight) => {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("weight", weight)?;
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Strength {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrengthVisitor)
    }
}

/// Reads `"hard"` or `{ weight = N }`, N at least 1: a weight of 0 would make the
/// rule free to break.
struct StrengthVisitor;

impl<'de> Visitor<'de> for StrengthVisitor {
    type Value = Strength;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("\"hard\" or { weight = N } (soft, N at least 1)")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Strength, E> {
        if value.trim().eq_ignore_ascii_case("hard") {
            Ok(Strength::Hard)
        } else {
            Err(E::invalid_value(de::Unexpected::Str(value), &self))
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Strength, A::Error> {
        let mut weight = None;
        while let Some(key) = map.next_key::<String>()? {
            if key != "weight" {
                return Err(de::Error::unknown_field(&key, &["weight"]));
            }
            weight = Some(map.next_value::<u32>()?);
        }
        if weight == Some(0) {
            return Err(de::Error::custom(
                "weight must be at least 1; write \"hard\" for a hard rule",
            ));
        }
        weight
            .map(Strength::Soft)
            .ok_or_else(|| de::Error::missing_field("weight"))
    }
}

/// A strength as an optional `weight` key: absent for a hard rule.
mod weight_key {
    use super::*;

    pub(super) fn serialize<S: Serializer>(s: &Strength, serializer: S) -> Result<S::Ok, S::Error> {
        s.weight().serialize(serializer)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Strength, D::Error> {
        Ok(Option::<FileWeight>::deserialize(d)?.map_or(Strength::Hard, |w| Strength::Soft(w.0)))
    }
}

/// A soft rule's `weight` key in the file: at least 1, as 0 would make the rule free
/// to break.
#[derive(Serialize)]
#[serde(transparent)]
struct FileWeight(u32);

impl<'de> Deserialize<'de> for FileWeight {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match u32::deserialize(d)? {
            0 => Err(de::Error::custom(
                "weight must be at least 1; omit it for a hard rule",
            )),
            w => Ok(FileWeight(w)),
        }
    }
}

/// A rule with a number (days, hours, weekends) and a strength.
///
/// # Example
/// ```
/// let r = duty_roster::Bound::new(3, duty_roster::Strength::Hard);
/// assert_eq!(r.value, 3);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Bound {
    /// The number.
    pub value: u32,
    /// Hard or soft.
    pub strength: Strength,
}

impl Bound {
    /// The number `value`, hard or soft.
    ///
    /// # Example
    /// ```
    /// use duty_roster::{Bound, Strength};
    /// let mut rules = duty_roster::Rules::default();
    /// rules.max_weekends = Some(Bound::new(2, Strength::Soft(50)));
    /// assert_eq!(rules.max_weekends.unwrap().strength.weight(), Some(50));
    /// ```
    pub fn new(value: u32, strength: Strength) -> Self {
        Bound { value, strength }
    }
}

/// Defines a module that reads and writes an optional [`Bound`] as the roster file
/// spells it: `{ <unit> = N, weight = W }`, the weight absent for a hard rule. The
/// unit's value is turned into the bound's number by `$read` and back by `$write`.
macro_rules! bound_form {
    ($module:ident, $unit:ident: $ty:ty, $read:expr, $write:expr) => {
        mod $module {
            use super::*;

            #[derive(Serialize, Deserialize)]
            #[serde(deny_unknown_fields, expecting = "a table")]
            struct Form {
                $unit: $ty,
                #[serde(default, skip_serializing_if = "Option::is_none")]
                weight: Option<FileWeight>,
            }

            pub(super) fn serialize<S: Serializer>(
                bound: &Option<Bound>,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                let write: fn(u32) -> $ty = $write;
                bound
                    .map(|b| Form {
                        $unit: write(b.value),
                        weight: b.strength.weight().map(FileWeight),
                    })
                    .serialize(serializer)
            }

            pub(super) fn deserialize<'de, D: Deserializer<'de>>(
                d: D,
            ) -> Result<Option<Bound>, D::Error> {
                let read: fn($ty) -> Result<u32, String> = $read;
                let Some(form) = Option::<Form>::deserialize(d)? else {
                    return Ok(None);
                };
                Ok(Some(Bound {
                    value: read(form.$unit).map_err(de::Error::custom)?,
                    strength: form.weight.map_or(Strength::Hard, |w| Strength::Soft(w.0)),
                }))
            }
        }
    };
}

bound_form!(hours, hours: f64, minutes_of_hours, |minutes| f64::from(minutes) / 60.0);
bound_form!(days, days: u32, Ok, |days| days);
bound_form!(weekends, weekends: u32, Ok, |weekends| weekends);

/// `hours` (such as 11.5) in whole minutes.
fn minutes_of_hours(hours: f64) -> Result<u32, String> {
    let minutes = (hours * 60.0).round();
    if hours.is_finite() && (0.0..=f64::from(u32::MAX)).contains(&minutes) {
        Ok(minutes as u32)
    } else {
        Err(format!(
            "{hours} is not a number of hours (such as 11 or 11.5)"
        ))
    }
}

/// Duty kind `then` may not be worked on the day after `first`.
///
/// # Example
/// ```
/// let s = duty_roster::Succession::new("after-hours", "sat", duty_roster::Strength::Hard);
/// assert_eq!(s.then, "sat");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
#[non_exhaustive]
pub struct Succession {
    /// Duty kind worked on a day.
    pub first: String,
    /// Duty kind not allowed the next day.
    pub then: String,
    /// Hard or soft: `weight = N` in the file, absent for a hard rule.
    #[serde(
        default,
        rename = "weight",
        with = "weight_key",
        skip_serializing_if = "is_hard"
    )]
    pub strength: Strength,
}

impl Succession {
    /// Duty kind `then` not on the day after `first`, hard or soft.
    ///
    /// # Example
    /// ```
    /// use duty_roster::{Strength, Succession};
    /// let s = Succession::new("night", "morning", Strength::Soft(10));
    /// assert_eq!((s.first.as_str(), s.strength.weight()), ("night", Some(10)));
    /// ```
    pub fn new(first: &str, then: &str, strength: Strength) -> Self {
        Succession {
            first: first.to_string(),
            then: then.to_string(),
            strength,
        }
    }
}

/// The rules that hold for everyone: the `[rules]` table of the roster file, which
/// their serde form spells (see `docs/roster-format.md`).
///
/// # Example
/// ```
/// let rules = duty_roster::Rules::default();
/// assert!(rules.one_duty_per_day.is_hard());
/// assert!(rules.min_rest_minutes.is_none());
///
/// let read: duty_roster::Rules = toml::from_str("min_rest_hours = { hours = 11.5 }").unwrap();
/// assert_eq!(read.min_rest_minutes.unwrap().value, 690);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
#[non_exhaustive]
pub struct Rules {
    /// At most one duty per person per day.
    #[serde(default)]
    pub one_duty_per_day: Strength,
    /// Personal limits (most and fewest duties, most of each kind, most and fewest
    /// minutes): hard, or soft at this cost per duty (per hour for minutes) beyond
    /// them. A limit of 0 duties of a kind always holds.
    #[serde(default)]
    pub limits: Strength,
    /// Pinned duties: hard, or soft at this cost per pin not honoured.
    #[serde(default)]
    pub pins: Strength,
    /// Minimum rest, in minutes, between the end of a duty and the start of the next
    /// (`min_rest_hours = { hours = H }` in the file).
    #[serde(
        default,
        rename = "min_rest_hours",
        with = "hours",
        skip_serializing_if = "Option::is_none"
    )]
    pub min_rest_minutes: Option<Bound>,
    /// Most consecutive days with a duty (days before and after the period count as free).
    #[serde(default, with = "days", skip_serializing_if = "Option::is_none")]
    pub max_consecutive_days: Option<Bound>,
    /// Fewest consecutive days with a duty in a run (runs touching the period's ends are exempt).
    #[serde(default, with = "days", skip_serializing_if = "Option::is_none")]
    pub min_consecutive_days: Option<Bound>,
    /// Fewest consecutive free days in a run (runs touching the period's ends are exempt).
    #[serde(default, with = "days", skip_serializing_if = "Option::is_none")]
    pub min_consecutive_days_off: Option<Bound>,
    /// Most weekends with a duty on Saturday or Sunday.
    #[serde(default, with = "weekends", skip_serializing_if = "Option::is_none")]
    pub max_weekends: Option<Bound>,
    /// Successions of duty kinds forbidden on consecutive days
    /// (`[[rules.forbidden_succession]]` in the file).
    #[serde(default, rename = "forbidden_succession")]
    pub forbidden_successions: Vec<Succession>,
    /// Fairness weights.
    #[serde(default)]
    pub fairness: Fairness,
}

/// A person's own limits over the period, and their own numbers for rules of the
/// roster. Absent numbers fall back to the roster's rules, and to no limit. The
/// roster file writes them on the person's `[[staff]]` entry, beside its other keys;
/// their serde form is read from that entry.
///
/// # Example
/// ```
/// let mut l = duty_roster::Limits::default();
/// l.max_duties = Some(6);
/// l.max_per_duty.insert("sat".into(), 2);
/// assert_eq!(l.max_per_duty["sat"], 2);
///
/// let read: duty_roster::Limits = toml::from_str("max_weekends = 1").unwrap();
/// assert_eq!(read.max_weekends, Some(1));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(expecting = "a table")]
#[non_exhaustive]
pub struct Limits {
    /// Most duties in the period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_duties: Option<u32>,
    /// Fewest duties in the period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_duties: Option<u32>,
    /// Most minutes worked in the period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_minutes: Option<u32>,
    /// Fewest minutes worked in the period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_minutes: Option<u32>,
    /// Overrides the roster's `max_consecutive_days` number for this person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_consecutive_days: Option<u32>,
    /// Overrides the roster's `min_consecutive_days` number for this person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_consecutive_days: Option<u32>,
    /// Overrides the roster's `min_consecutive_days_off` number for this person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_consecutive_days_off: Option<u32>,
    /// Overrides the roster's `max_weekends` number for this person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_weekends: Option<u32>,
    /// Most duties of a kind (0: never that kind).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub max_per_duty: BTreeMap<String, u32>,
}

/// A rule with a number, as [`Rules::soften`] goes through them.
struct BoundRule<'a> {
    bound: &'a mut Option<Bound>,
    /// A person's own number for it, which overrides the roster's.
    personal: fn(&Limits) -> Option<u32>,
    /// The roster-wide number a diagnosis gives it when only people have their own:
    /// one that never binds.
    neutral: u32,
}

impl Rules {
    /// The rules with a number.
    fn bound_rules(&mut self) -> [BoundRule<'_>; 5] {
        [
            BoundRule {
                bound: &mut self.min_rest_minutes,
                personal: |_| None,
                neutral: 0,
            },
            BoundRule {
                bound: &mut self.max_consecutive_days,
                personal: |l| l.max_consecutive_days,
                neutral: super::ranges::MAX_DAYS,
            },
            BoundRule {
                bound: &mut self.min_consecutive_days,
                personal: |l| l.min_consecutive_days,
                neutral: 1,
            },
            BoundRule {
                bound: &mut self.min_consecutive_days_off,
                personal: |l| l.min_consecutive_days_off,
                neutral: 1,
            },
            BoundRule {
                bound: &mut self.max_weekends,
                personal: |l| l.max_weekends,
                neutral: super::ranges::MAX_WEEKENDS,
            },
        ]
    }

    /// Checks the values that their types allow but the rules do not: a maximum run of
    /// 0 days, successions naming a duty kind not in `duties`. Errors name the field
    /// as the roster file spells it (`rules.forbidden_succession[0].then`).
    ///
    /// # Example
    /// ```
    /// use duty_roster::{Rules, Strength, Succession};
    /// let mut rules = Rules::default();
    /// rules.forbidden_successions = vec![Succession::new("evening", "night", Strength::Hard)];
    /// let e = rules.check(&["evening"]).unwrap_err();
    /// assert_eq!(e.field, "rules.forbidden_succession[0].then");
    /// ```
    pub fn check(&self, duties: &[&str]) -> Result<(), ValidationError> {
        for (i, s) in self.forbidden_successions.iter().enumerate() {
            let field = |name: &str| format!("rules.forbidden_succession[{i}].{name}");
            reference(field("first"), "duty", &s.first, duties)?;
            reference(field("then"), "duty", &s.then, duties)?;
        }
        if self.max_consecutive_days.is_some_and(|b| b.value == 0) {
            return Err(err("rules.max_consecutive_days", "must be at least 1"));
        }
        Ok(())
    }

    /// Makes every hard rule soft at its cost in `costs`, as a diagnosis needs. A
    /// person's own number for a rule the roster does not set is hard too: the rule is
    /// given a roster-wide soft form with a number that never binds, which the
    /// person's own overrides.
    ///
    /// # Example
    /// ```
    /// use duty_roster::diagnose::RelaxCosts;
    /// let mut rules = duty_roster::Rules::default();
    /// rules.soften(&[], &RelaxCosts::default());
    /// assert_eq!(rules.pins.weight(), Some(RelaxCosts::default().pins));
    /// ```
    pub fn soften(&mut self, staff: &[Staff], costs: &RelaxCosts) {
        let soften = |s: &mut Strength, cost: u32| {
            if s.is_hard() {
                *s = Strength::Soft(cost);
            }
        };
        soften(&mut self.one_duty_per_day, costs.one_duty_per_day);
        soften(&mut self.limits, costs.limits);
        soften(&mut self.pins, costs.pins);
        for rule in self.bound_rules() {
            let personal = staff.iter().any(|s| (rule.personal)(&s.limits).is_some());
            match rule.bound {
                Some(bound) => soften(&mut bound.strength, costs.rest_and_runs),
                None if personal => {
                    *rule.bound = Some(Bound::new(
                        rule.neutral,
                        Strength::Soft(costs.rest_and_runs),
                    ));
                }
                None => {}
            }
        }
        for succession in &mut self.forbidden_successions {
            soften(&mut succession.strength, costs.rest_and_runs);
        }
    }
}

/// What breaking each hard rule costs in the elastic roster of a diagnosis: leaving
/// a desk short (or short of a skill) is worst, then a pinned duty moved, a second
/// duty in a day, a personal limit passed, and last the rest and run rules. Leave is
/// never broken.
///
/// # Example
/// ```
/// let costs = duty_roster::diagnose::RelaxCosts::default();
/// assert!(costs.cover > costs.rest_and_runs);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RelaxCosts {
    /// Per missing person on a slot.
    pub cover: u32,
    /// Per extra person on a slot.
    pub cover_over: u32,
    /// Per pinned duty not honoured.
    pub pins: u32,
    /// Per second duty in a day.
    pub one_duty_per_day: u32,
    /// Per duty (per hour for minutes) beyond a personal limit.
    pub limits: u32,
    /// Per rest too short, forbidden succession, day beyond a run, short run or extra weekend.
    pub rest_and_runs: u32,
}

impl Default for RelaxCosts {
    fn default() -> Self {
        RelaxCosts {
            cover: 10_000,
            cover_over: 10_000,
            pins: 8_000,
            one_duty_per_day: 4_000,
            limits: 2_000,
            rest_and_runs: 1_000,
        }
    }
}

fn is_hard(s: &Strength) -> bool {
    s.is_hard()
}

/// Weights of the fairness terms of the objective (0 turns a term off).
///
/// Deviations are measured from each person's fair target: their share of every
/// slot they could take, in proportion to their workload share.
///
/// # Example
/// ```
/// let f = duty_roster::Fairness::default();
/// assert!(f.max_duty_deviation > f.total_duty_deviation);
/// assert!(!duty_roster::Fairness::off().is_on());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, expecting = "a table")]
#[non_exhaustive]
pub struct Fairness {
    /// Per duty of the largest deviation of one person's count of one kind.
    pub max_duty_deviation: u32,
    /// Per duty of the sum of all per-kind deviations.
    pub total_duty_deviation: u32,
    /// Per hour of the largest deviation of one person's hours.
    pub max_hours_deviation: u32,
    /// Per hour of the sum of all hour deviations.
    pub total_hours_deviation: u32,
}

impl Default for Fairness {
    fn default() -> Self {
        Fairness {
            max_duty_deviation: 100,
            total_duty_deviation: 10,
            max_hours_deviation: 20,
            total_hours_deviation: 2,
        }
    }
}

impl Fairness {
    /// All fairness terms off.
    ///
    /// # Example
    /// ```
    /// assert_eq!(duty_roster::Fairness::off().max_duty_deviation, 0);
    /// ```
    pub fn off() -> Self {
        Fairness {
            max_duty_deviation: 0,
            total_duty_deviation: 0,
            max_hours_deviation: 0,
            total_hours_deviation: 0,
        }
    }

    /// Whether any fairness term is on.
    ///
    /// # Example
    /// ```
    /// assert!(duty_roster::Fairness::default().is_on());
    /// ```
    pub fn is_on(&self) -> bool {
        self.max_duty_deviation
            + self.total_duty_deviation
            + self.max_hours_deviation
            + self.total_hours_deviation
            > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strength(text: &str) -> Result<Strength, String> {
        #[derive(Deserialize)]
        struct Field {
            rule: Strength,
        }
        toml::from_str::<Field>(&format!("rule = {text}"))
            .map(|f| f.rule)
            .map_err(|e| e.message().to_string())
    }

    fn rules(text: &str) -> Rules {
        toml::from_str(text).unwrap()
    }

    #[test]
    fn input_strength_is_hard_or_a_weight_of_at_least_one() {
        assert_eq!(strength("\"hard\""), Ok(Strength::Hard));
        assert_eq!(strength("{ weight = 20 }"), Ok(Strength::Soft(20)));
        assert!(
            strength("{ weight = 0 }")
                .unwrap_err()
                .contains("at least 1")
        );
        assert!(
            strength("{ wieght = 2 }")
                .unwrap_err()
                .contains("unknown field `wieght`")
        );
        assert!(
            strength("\"soft\"")
                .unwrap_err()
                .contains("expected \"hard\"")
        );
        assert!(
            strength("{ }")
                .unwrap_err()
                .contains("missing field `weight`")
        );
    }

    #[test]
    fn rules_read_and_write_the_file_spelling() {
        let text = "one_duty_per_day = { weight = 4 }\n\
                    min_rest_hours = { hours = 11.5, weight = 50 }\n\
                    max_weekends = { weekends = 2 }\n\
                    [[forbidden_succession]]\nfirst = \"a\"\nthen = \"b\"\n\
                    [fairness]\nmax_duty_deviation = 7\n";
        let read = rules(text);
        assert_eq!(read.one_duty_per_day, Strength::Soft(4));
        assert_eq!(
            read.min_rest_minutes,
            Some(Bound::new(690, Strength::Soft(50)))
        );
        assert_eq!(read.max_weekends, Some(Bound::new(2, Strength::Hard)));
        assert_eq!(
            read.forbidden_successions,
            vec![Succession::new("a", "b", Strength::Hard)]
        );
        assert_eq!(read.fairness.max_duty_deviation, 7);
        assert_eq!(
            read.fairness.total_duty_deviation,
            Fairness::default().total_duty_deviation
        );
        assert_eq!(rules(&toml::to_string(&read).unwrap()), read);
    }

    #[test]
    fn rules_refuse_unknown_keys_and_hours_that_are_not_hours() {
        let unknown = toml::from_str::<Rules>("max_weekend = { weekends = 2 }").unwrap_err();
        assert!(unknown.message().contains("unknown field `max_weekend`"));
        let unit = toml::from_str::<Rules>("max_weekends = { days = 2 }").unwrap_err();
        assert!(
            unit.message()
                .contains("unknown field `days`, expected `weekends` or `weight`")
        );
        let weight = toml::from_str::<Rules>("max_weekends = { weekends = 2, weight = 0 }");
        assert!(
            weight
                .unwrap_err()
                .message()
                .contains("omit it for a hard rule")
        );
        let hours = toml::from_str::<Rules>("min_rest_hours = { hours = -3 }").unwrap_err();
        assert!(hours.message().contains("-3 is not a number of hours"));
    }

    #[test]
    fn rules_check_names_the_field_of_a_bad_value() {
        let field = |rules: &Rules| rules.check(&["a"]).unwrap_err().field;
        let r = Rules {
            max_consecutive_days: Some(Bound::new(0, Strength::Hard)),
            ..Rules::default()
        };
        assert_eq!(field(&r), "rules.max_consecutive_days");
        let mut r = Rules {
            forbidden_successions: vec![Succession::new("a", "z", Strength::Hard)],
            ..Rules::default()
        };
        assert_eq!(field(&r), "rules.forbidden_succession[0].then");
        r.forbidden_successions = vec![Succession::new("z", "a", Strength::Hard)];
        assert_eq!(field(&r), "rules.forbidden_succession[0].first");
        assert!(Rules::default().check(&[]).is_ok());
    }

    #[test]
    fn soften_makes_every_hard_rule_soft_and_gives_personal_numbers_a_neutral_rule() {
        let costs = RelaxCosts::default();
        let mut rules = rules(
            "max_weekends = { weekends = 1 }\n[[forbidden_succession]]\nfirst = \"a\"\nthen = \"b\"\n",
        );
        let mut person = crate::sample::tiny_roster_def().staff.remove(0);
        person.limits.min_consecutive_days = Some(2);
        rules.soften(&[person], &costs);
        let soft = Strength::Soft(costs.rest_and_runs);
        assert_eq!(rules.max_weekends, Some(Bound::new(1, soft)));
        assert_eq!(rules.min_consecutive_days, Some(Bound::new(1, soft)));
        assert_eq!(rules.max_consecutive_days, None);
        assert_eq!(rules.forbidden_successions[0].strength, soft);
        assert_eq!(
            rules.one_duty_per_day,
            Strength::Soft(costs.one_duty_per_day)
        );
        assert_eq!(rules.limits, Strength::Soft(costs.limits));
    }
}
