//! The roster file as written: serde structs that mirror the TOML tables one for
//! one, with `deny_unknown_fields` everywhere so that a typo fails with its position
//! and the list of valid keys, and [`Spanned`] on every value an error may point at.
//!
//! Values that TOML can spell two ways (a date as `2022-08-01` or `"2022-08-01"`, a
//! rule as `"hard"` or `{ weight = 5 }`) are kept as [`toml::Value`] here and read in
//! [`super::convert`], which knows the field's path for its error messages.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

/// A value read later, by hand: a date, a time, a date-time or a rule strength.
pub(crate) type Loose = Spanned<toml::Value>;

/// The whole file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFile {
    pub roster: Spanned<RawRoster>,
    #[serde(default)]
    pub settings: Option<Spanned<RawSettings>>,
    #[serde(default)]
    pub holiday: Vec<Spanned<RawHoliday>>,
    pub site: Vec<Spanned<RawSite>>,
    pub duty: Vec<Spanned<RawDuty>>,
    #[serde(default)]
    pub event: Vec<Spanned<RawEvent>>,
    #[serde(default)]
    pub cover_override: Vec<Spanned<RawCoverOverride>>,
    pub staff: Vec<Spanned<RawStaff>>,
    #[serde(default)]
    pub rules: Option<Spanned<RawRules>>,
    #[serde(default)]
    pub pin: Vec<Spanned<RawPin>>,
}

/// `[roster]`: identity, period and time zone.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRoster {
    pub id: Spanned<String>,
    pub name: String,
    pub first: Loose,
    pub last: Loose,
    pub time_zone: Spanned<String>,
    #[serde(default)]
    pub revision: Option<Loose>,
}

/// `[settings]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSettings {
    #[serde(default)]
    pub language: Option<Spanned<String>>,
    #[serde(default)]
    pub excel_csv: Option<bool>,
    #[serde(default)]
    pub reminder_minutes: Option<u32>,
}

/// `[[holiday]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawHoliday {
    pub date: Loose,
    pub name: String,
}

/// `[[site]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSite {
    pub id: Spanned<String>,
    pub name: String,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub open_to_all: bool,
}

/// `[[duty]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawDuty {
    pub id: Spanned<String>,
    pub name: String,
    pub weekdays: Spanned<Vec<Spanned<String>>>,
    pub start: Loose,
    pub end: Loose,
    #[serde(default)]
    pub overnight: bool,
    #[serde(default)]
    pub on_holidays: bool,
    #[serde(default)]
    pub times: Vec<Spanned<RawTimes>>,
    #[serde(default)]
    pub cover: Vec<Spanned<RawCover>>,
}

/// `[[duty.times]]`: other hours on some dates.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTimes {
    #[serde(default)]
    pub date: Option<Loose>,
    #[serde(default)]
    pub from: Option<Loose>,
    #[serde(default)]
    pub to: Option<Loose>,
    pub start: Loose,
    pub end: Loose,
}

/// `[[duty.cover]]`: people needed at one site.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCover {
    pub site: Spanned<String>,
    pub min: Spanned<u32>,
    #[serde(default)]
    pub max: Option<Spanned<u32>>,
    #[serde(default)]
    pub skills: Option<Spanned<BTreeMap<String, u32>>>,
    #[serde(default)]
    pub under_weight: Option<Spanned<u32>>,
    #[serde(default)]
    pub over_weight: Option<Spanned<u32>>,
}

/// `[[event]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawEvent {
    pub id: Spanned<String>,
    pub name: String,
    #[serde(default)]
    pub date: Option<Loose>,
    #[serde(default)]
    pub from: Option<Loose>,
    #[serde(default)]
    pub to: Option<Loose>,
    #[serde(default)]
    pub cover: Vec<Spanned<RawEventCover>>,
}

/// `[[event.cover]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawEventCover {
    pub duty: Spanned<String>,
    pub site: Spanned<String>,
    pub extra: Spanned<u32>,
}

/// `[[cover_override]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCoverOverride {
    pub date: Loose,
    pub duty: Spanned<String>,
    pub site: Spanned<String>,
    pub min: Spanned<u32>,
    #[serde(default)]
    pub max: Option<Spanned<u32>>,
}

/// `[[staff]]`, with the person's limits directly on the table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawStaff {
    pub id: Spanned<String>,
    pub name: String,
    pub home: Spanned<String>,
    #[serde(default)]
    pub sites: Vec<Spanned<String>>,
    #[serde(default)]
    pub skills: Vec<String>,
    #[serde(default)]
    pub share: Option<Spanned<f64>>,
    #[serde(default)]
    pub unavailable: Vec<Spanned<RawAbsence>>,
    #[serde(default)]
    pub preference: Vec<Spanned<RawPreference>>,
    #[serde(default)]
    pub max_duties: Option<Spanned<u32>>,
    #[serde(default)]
    pub min_duties: Option<Spanned<u32>>,
    #[serde(default)]
    pub max_minutes: Option<Spanned<u32>>,
    #[serde(default)]
    pub min_minutes: Option<Spanned<u32>>,
    #[serde(default)]
    pub max_consecutive_days: Option<Spanned<u32>>,
    #[serde(default)]
    pub min_consecutive_days: Option<Spanned<u32>>,
    #[serde(default)]
    pub min_consecutive_days_off: Option<Spanned<u32>>,
    #[serde(default)]
    pub max_weekends: Option<Spanned<u32>>,
    #[serde(default)]
    pub max_per_duty: Option<Spanned<BTreeMap<String, u32>>>,
}

/// One entry of `staff.unavailable`: `date`, or `from` and `to`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAbsence {
    #[serde(default)]
    pub date: Option<Loose>,
    #[serde(default)]
    pub from: Option<Loose>,
    #[serde(default)]
    pub to: Option<Loose>,
    #[serde(default)]
    pub reason: String,
}

/// `avoid` or `want`.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum RawWish {
    Avoid,
    Want,
}

/// `[[staff.preference]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPreference {
    pub wish: RawWish,
    #[serde(default)]
    pub date: Option<Loose>,
    #[serde(default)]
    pub from: Option<Loose>,
    #[serde(default)]
    pub to: Option<Loose>,
    #[serde(default)]
    pub weekdays: Vec<Spanned<String>>,
    #[serde(default)]
    pub duty: Option<Spanned<String>>,
    #[serde(default)]
    pub site: Option<Spanned<String>>,
    pub weight: Spanned<u32>,
}

/// `[rules]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRules {
    #[serde(default)]
    pub one_duty_per_day: Option<Loose>,
    #[serde(default)]
    pub limits: Option<Loose>,
    #[serde(default)]
    pub pins: Option<Loose>,
    #[serde(default)]
    pub min_rest_hours: Option<Spanned<RawHours>>,
    #[serde(default)]
    pub max_consecutive_days: Option<Spanned<RawDays>>,
    #[serde(default)]
    pub min_consecutive_days: Option<Spanned<RawDays>>,
    #[serde(default)]
    pub min_consecutive_days_off: Option<Spanned<RawDays>>,
    #[serde(default)]
    pub max_weekends: Option<Spanned<RawWeekends>>,
    #[serde(default)]
    pub forbidden_succession: Vec<Spanned<RawSuccession>>,
    #[serde(default)]
    pub fairness: Option<Spanned<RawFairness>>,
}

/// `{ hours = 11.5, weight = 50 }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawHours {
    pub hours: Spanned<f64>,
    #[serde(default)]
    pub weight: Option<Spanned<u32>>,
}

/// `{ days = 3, weight = 10 }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawDays {
    pub days: Spanned<u32>,
    #[serde(default)]
    pub weight: Option<Spanned<u32>>,
}

/// `{ weekends = 2, weight = 10 }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawWeekends {
    pub weekends: Spanned<u32>,
    #[serde(default)]
    pub weight: Option<Spanned<u32>>,
}

/// `[[rules.forbidden_succession]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSuccession {
    pub first: Spanned<String>,
    pub then: Spanned<String>,
    #[serde(default)]
    pub weight: Option<Spanned<u32>>,
}

/// `[rules.fairness]`: each weight optional.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFairness {
    #[serde(default)]
    pub max_duty_deviation: Option<u32>,
    #[serde(default)]
    pub total_duty_deviation: Option<u32>,
    #[serde(default)]
    pub max_hours_deviation: Option<u32>,
    #[serde(default)]
    pub total_hours_deviation: Option<u32>,
}

/// `[[pin]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPin {
    pub date: Loose,
    pub duty: Spanned<String>,
    pub site: Spanned<String>,
    pub staff: Spanned<String>,
}
