//! Rules that hold for everyone, each hard or soft, and the fairness weights.

use serde::{Deserialize, Serialize};

/// Whether a rule must hold (hard) or may be broken at a cost per unit (soft).
///
/// # Example
/// ```
/// use duty_roster::Strength;
/// assert!(Strength::Hard.is_hard());
/// assert_eq!(Strength::Soft(20).weight(), Some(20));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
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

/// A rule with a number (days, hours, weekends) and a strength.
///
/// # Example
/// ```
/// let r = duty_roster::Bound::new(3, duty_roster::Strength::Hard);
/// assert_eq!(r.value, 3);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Bound {
    /// The number.
    pub value: u32,
    /// Hard or soft.
    #[serde(default)]
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

/// Duty kind `then` may not be worked on the day after `first`.
///
/// # Example
/// ```
/// let s = duty_roster::Succession::new("after-hours", "sat", duty_roster::Strength::Hard);
/// assert_eq!(s.then, "sat");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Succession {
    /// Duty kind worked on a day.
    pub first: String,
    /// Duty kind not allowed the next day.
    pub then: String,
    /// Hard or soft.
    #[serde(default)]
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

/// The rules that hold for everyone.
///
/// # Example
/// ```
/// let rules = duty_roster::Rules::default();
/// assert!(rules.one_duty_per_day.is_hard());
/// assert!(rules.min_rest_minutes.is_none());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Rules {
    /// At most one duty per person per day.
    #[serde(default)]
    pub one_duty_per_day: Strength,
    /// Minimum rest, in minutes, between the end of a duty and the start of the next.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_rest_minutes: Option<Bound>,
    /// Successions of duty kinds forbidden on consecutive days.
    #[serde(default)]
    pub forbidden_successions: Vec<Succession>,
    /// Most consecutive days with a duty (days before and after the period count as free).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_consecutive_days: Option<Bound>,
    /// Fewest consecutive days with a duty in a run (runs touching the period's ends are exempt).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_consecutive_days: Option<Bound>,
    /// Fewest consecutive free days in a run (runs touching the period's ends are exempt).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_consecutive_days_off: Option<Bound>,
    /// Most weekends with a duty on Saturday or Sunday.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_weekends: Option<Bound>,
    /// Personal limits (most and fewest duties, most of each kind, most and fewest
    /// minutes): hard, or soft at this cost per duty (per hour for minutes) beyond
    /// them. A limit of 0 duties of a kind always holds.
    #[serde(default)]
    pub limits: Strength,
    /// Pinned duties: hard, or soft at this cost per pin not honoured.
    #[serde(default)]
    pub pins: Strength,
    /// Fairness weights.
    #[serde(default)]
    pub fairness: Fairness,
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
