//! The roster file as written: serde structs that mirror the TOML tables one for
//! one, with `deny_unknown_fields` everywhere so that a typo fails with its position
//! and the list of valid keys, and [`Spanned`] on every value an error may point at.
//!
//! Values that TOML can spell two ways (a date as `2022-08-01` or `"2022-08-01"`, a
//! rule as `"hard"` or `{ weight = 5 }`) are kept as [`toml::Value`] here and read in
//! [`super::convert`], which knows the field's path for its error messages.

use std::collections::BTreeMap;

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::fields::field_names;
use super::spans::Spans;
use crate::Limits;

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
    #[serde(default)]
    pub staff: Vec<Spanned<RawStaff>>,
    /// Top-level `[[preference]]` tables: a person's wish by their id, for people
    /// of a staff table.
    #[serde(default)]
    pub preference: Vec<Spanned<RawPreference>>,
    #[serde(default)]
    pub rules: Option<crate::Rules>,
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
    /// A staff table: `"staff.xlsx"` or `{ path = "...", sheet = "..." }`.
    #[serde(default)]
    pub staff_from: Option<Loose>,
    /// A leave table, as `staff_from`.
    #[serde(default)]
    pub leave_from: Option<Loose>,
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
    pub reminder_minutes: Option<Spanned<u32>>,
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
    pub fairness_weight: Option<Spanned<u32>>,
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

/// `[[staff]]`: the person's own keys. Their [`Limits`] share the table and are
/// read from it by [`StaffLimits`]; a key that neither reads is refused by
/// [`check_staff_keys`], before the file is read.
#[derive(Debug, Deserialize)]
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
}

/// The [`Limits`] of every `[[staff]]` entry, read straight into the domain; every
/// other key of the file is left to [`RawFile`].
#[derive(Debug, Deserialize)]
pub(crate) struct StaffLimits {
    #[serde(default)]
    pub staff: Vec<Limits>,
}

/// Refuses a key of a `[[staff]]` entry that neither [`RawStaff`] nor [`Limits`]
/// reads, with the list of both (the check `deny_unknown_fields` cannot make on a
/// table two structs share), and records where each limit was, by its path in the
/// file (`staff[3].max_weekends`).
///
/// # Errors
/// The span of the unknown key, and the message naming the valid ones.
pub(crate) fn check_staff_keys(
    file: &DeTable<'_>,
    spans: &mut Spans,
) -> Result<(), (Range<usize>, String)> {
    let Some((_, staff)) = file.iter().find(|(k, _)| k.get_ref() == "staff") else {
        return Ok(());
    };
    let DeValue::Array(entries) = staff.get_ref() else {
        return Ok(());
    };
    let own = field_names::<RawStaff>();
    let limits = field_names::<Limits>();
    for (i, entry) in entries.into_iter().enumerate() {
        let DeValue::Table(table) = entry.get_ref() else {
            continue;
        };
        for (key, value) in table {
            let key_text = key.get_ref().as_ref();
            if limits.contains(&key_text) {
                spans.record_value(format!("staff[{i}].{key_text}"), value);
            } else if !own.contains(&key_text) {
                let valid: Vec<String> =
                    own.iter().chain(limits).map(|k| format!("`{k}`")).collect();
                return Err((
                    key.span(),
                    format!(
                        "unknown field `{key_text}`, expected one of {}",
                        valid.join(", ")
                    ),
                ));
            }
        }
    }
    Ok(())
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

/// `[[staff.preference]]`, or a top-level `[[preference]]` (which names its
/// person by `staff`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPreference {
    #[serde(default)]
    pub staff: Option<Spanned<String>>,
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

/// `[[pin]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPin {
    pub date: Loose,
    pub duty: Spanned<String>,
    pub site: Spanned<String>,
    pub staff: Spanned<String>,
}
