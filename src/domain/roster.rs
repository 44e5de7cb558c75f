//! The roster: its definition as plain data ([`RosterDef`]) and the validated
//! [`Roster`] built from it, with ids resolved and slots expanded.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::{
    Assignment, CoverOverride, DateRange, DutyKind, Event, Holiday, Language, Pin, Replan, Rules,
    Site, Slot, Staff,
};
use crate::ValidationError;

/// Everything a roster file says, as plain data. Build one in code or read one
/// with [`read_roster_file`](crate::read_roster_file), then validate it with
/// [`Roster::new`].
///
/// # Example
/// ```
/// let def = duty_roster::sample::tiny_roster_def();
/// let roster = duty_roster::Roster::new(def).unwrap();
/// assert!(!roster.slots().is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RosterDef {
    /// Unique id of the roster (used in calendar UIDs).
    pub id: String,
    /// Display name.
    pub name: String,
    /// The planning period.
    pub period: DateRange,
    /// IANA time zone of all local times, such as `Africa/Casablanca`.
    pub time_zone: String,
    /// When this version of the roster was made (calendar DTSTAMP); fixed so that
    /// outputs are reproducible.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision: Option<DateTime<Utc>>,
    /// Public holidays (dates outside the period are ignored).
    #[serde(default)]
    pub holidays: Vec<Holiday>,
    /// Sites and lines.
    pub sites: Vec<Site>,
    /// Duty kinds.
    pub duties: Vec<DutyKind>,
    /// Events with extra cover.
    #[serde(default)]
    pub events: Vec<Event>,
    /// Cover set outright on single dates.
    #[serde(default)]
    pub cover_overrides: Vec<CoverOverride>,
    /// Staff.
    pub staff: Vec<Staff>,
    /// Rules for everyone.
    #[serde(default)]
    pub rules: Rules,
    /// Pre-assigned duties.
    #[serde(default)]
    pub pins: Vec<Pin>,
    /// Output settings.
    #[serde(default)]
    pub settings: Settings,
    /// The published roster this one re-plans, when it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replan: Option<Replan>,
}

impl RosterDef {
    /// A roster over `period` in `time_zone` (an IANA name) with nothing in it yet:
    /// no site, duty kind or staff (push them), default rules and settings.
    ///
    /// # Example
    /// ```
    /// use chrono::{NaiveTime, Weekday};
    /// use duty_roster::{DateRange, DutyKind, Roster, RosterDef, Site, SiteCover, Staff};
    /// let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    /// let t = |s: &str| s.parse::<NaiveTime>().unwrap();
    /// let period = DateRange::new(d("2022-08-01"), d("2022-08-07"));
    /// let mut def = RosterDef::new("week", "One week", period, "Africa/Casablanca");
    /// def.sites.push(Site::new("hq", "Head office"));
    /// let mut sat = DutyKind::new("sat", "Saturday", &[Weekday::Sat], t("09:00:00"), t("13:00:00"));
    /// sat.cover.push(SiteCover::exactly("hq", 1));
    /// def.duties.push(sat);
    /// def.staff.push(Staff::new("A", "Amina", "hq"));
    /// let roster = Roster::new(def).unwrap();
    /// assert_eq!(roster.slots().len(), 1);
    /// ```
    pub fn new(id: &str, name: &str, period: DateRange, time_zone: &str) -> Self {
        RosterDef {
            id: id.to_string(),
            name: name.to_string(),
            period,
            time_zone: time_zone.to_string(),
            revision: None,
            holidays: Vec::new(),
            sites: Vec::new(),
            duties: Vec::new(),
            events: Vec::new(),
            cover_overrides: Vec::new(),
            staff: Vec::new(),
            rules: Rules::default(),
            pins: Vec::new(),
            settings: Settings::default(),
            replan: None,
        }
    }
}

/// Output settings a roster may carry.
///
/// # Example
/// ```
/// let s = duty_roster::Settings::default();
/// assert_eq!(s.language, "fr");
/// assert!(!s.excel_csv);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Settings {
    /// Language of labels in printed outputs: `fr`, `ar` or `en` (see [`Language`]);
    /// read when the roster is validated, as [`Roster::language`].
    pub language: String,
    /// Write CSV for Excel: UTF-8 BOM, `;` separators, CRLF.
    pub excel_csv: bool,
    /// Calendar reminder, in minutes before each duty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reminder_minutes: Option<u32>,
    /// Whether messages may give a leave's reason ("on sick leave") rather than say
    /// "away": off unless the user asks (`--show-reasons`), since a reason such as a
    /// sick leave is health data. The roster file cannot turn it on.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub show_reasons: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            language: "fr".to_string(),
            excel_csv: false,
            reminder_minutes: None,
            show_reasons: false,
        }
    }
}

/// A validated roster: every id resolves, every date and time is in order, and the
/// period's slots are expanded. It can no longer be wrong.
///
/// # Example
/// ```
/// let roster = duty_roster::sample::tiny_roster();
/// assert_eq!(roster.def().id, "tiny");
/// assert!(roster.staff_index("A").is_some());
/// ```
#[derive(Debug, Clone)]
pub struct Roster {
    def: RosterDef,
    time_zone: Tz,
    language: Language,
    slots: Vec<Slot>,
    /// Slot index by (date, duty index, site index).
    slot_at: HashMap<(NaiveDate, usize, usize), usize>,
    site_index: HashMap<String, usize>,
    duty_index: HashMap<String, usize>,
    staff_index: HashMap<String, usize>,
}

impl Roster {
    /// Validates a definition and expands its slots.
    ///
    /// # Errors
    /// A [`ValidationError`] naming the field (`staff[3].home`) and what would be valid.
    ///
    /// # Example
    /// ```
    /// let mut def = duty_roster::sample::tiny_roster_def();
    /// def.staff[0].home = "nowhere".into();
    /// let err = duty_roster::Roster::new(def).unwrap_err();
    /// assert_eq!(err.field, "staff[0].home");
    /// ```
    pub fn new(def: RosterDef) -> Result<Roster, ValidationError> {
        let (time_zone, language) = super::check_def::check(&def)?;
        let index = |ids: Vec<&String>| {
            ids.into_iter()
                .enumerate()
                .map(|(i, id)| (id.clone(), i))
                .collect::<HashMap<_, _>>()
        };
        let site_index = index(def.sites.iter().map(|s| &s.id).collect());
        let duty_index = index(def.duties.iter().map(|d| &d.id).collect());
        let staff_index = index(def.staff.iter().map(|s| &s.id).collect());
        let slots = super::expand::expand_slots(&def, time_zone, &site_index, &duty_index);
        super::ranges::check_choices(&def, &slots)?;
        let slot_at = slots
            .iter()
            .enumerate()
            .map(|(i, s)| ((s.date, s.duty, s.site), i))
            .collect();
        let roster = Roster {
            def,
            time_zone,
            language,
            slots,
            slot_at,
            site_index,
            duty_index,
            staff_index,
        };
        super::check_def::check_pins(&roster)?;
        super::check_def::check_replan(&roster)?;
        Ok(roster)
    }

    /// The definition it was built from.
    ///
    /// # Example
    /// See [`Roster`].
    pub fn def(&self) -> &RosterDef {
        &self.def
    }

    /// The time zone of local times.
    ///
    /// # Example
    /// ```
    /// assert_eq!(duty_roster::sample::tiny_roster().time_zone(), chrono_tz::Africa::Casablanca);
    /// ```
    pub fn time_zone(&self) -> Tz {
        self.time_zone
    }

    /// The language of printed outputs, from `settings.language`.
    ///
    /// # Example
    /// ```
    /// use duty_roster::{Language, Roster};
    /// let mut def = duty_roster::sample::tiny_roster_def();
    /// assert_eq!(Roster::new(def.clone()).unwrap().language(), Language::Fr);
    /// def.settings.language = "ar".into();
    /// assert_eq!(Roster::new(def).unwrap().language(), Language::Ar);
    /// ```
    pub fn language(&self) -> Language {
        self.language
    }

    /// The period's slots, ordered by date, then duty kind, then site (as defined).
    ///
    /// # Example
    /// See [`Slot`].
    pub fn slots(&self) -> &[Slot] {
        &self.slots
    }

    /// Indices of the sites that have at least one slot in the period, in definition
    /// order: the sites a printed roster shows.
    ///
    /// # Example
    /// ```
    /// let r = duty_roster::sample::tiny_roster();
    /// assert_eq!(r.sites_with_slots(), [0]);
    /// ```
    pub fn sites_with_slots(&self) -> Vec<usize> {
        (0..self.def.sites.len())
            .filter(|&i| self.slots.iter().any(|s| s.site == i))
            .collect()
    }

    /// Indices of the duty kinds with at least one slot at site `site` (an index),
    /// in definition order: the columns of that site's month grid.
    ///
    /// # Example
    /// ```
    /// let r = duty_roster::sample::tiny_roster();
    /// assert_eq!(r.duties_at(0), [0]);
    /// assert!(r.duties_at(7).is_empty());
    /// ```
    pub fn duties_at(&self, site: usize) -> Vec<usize> {
        (0..self.def.duties.len())
            .filter(|&k| self.slots.iter().any(|s| s.site == site && s.duty == k))
            .collect()
    }

    /// Index in [`Roster::slots`] of the slot of duty kind `duty` at site `site` (both
    /// indices) on `date`, if that duty runs there that day. The slots are indexed
    /// once, when the roster is validated.
    ///
    /// # Example
    /// ```
    /// let r = duty_roster::sample::tiny_roster();
    /// let monday = "2022-08-01".parse().unwrap();
    /// let i = r.slot_index(monday, 0, 0).unwrap();
    /// assert_eq!((r.slots()[i].date, r.slots()[i].duty, r.slots()[i].site), (monday, 0, 0));
    /// let saturday = "2022-08-06".parse().unwrap();
    /// assert_eq!(r.slot_index(saturday, 0, 0), None);
    /// ```
    pub fn slot_index(&self, date: NaiveDate, duty: usize, site: usize) -> Option<usize> {
        self.slot_at.get(&(date, duty, site)).copied()
    }

    /// The slot an assignment names by its date, duty id and site id; `None` when the
    /// ids are unknown or the duty does not run at that site that day.
    ///
    /// # Example
    /// ```
    /// use duty_roster::Assignment;
    /// let r = duty_roster::sample::tiny_roster();
    /// let a = Assignment::new("2022-08-01".parse().unwrap(), "evening", "hq", "A");
    /// assert_eq!(r.slot_of(&a).unwrap().min, 1);
    /// let b = Assignment::new("2022-08-01".parse().unwrap(), "evening", "nowhere", "A");
    /// assert!(r.slot_of(&b).is_none());
    /// ```
    pub fn slot_of(&self, assignment: &Assignment) -> Option<&Slot> {
        self.slot_index_of(assignment).map(|i| &self.slots[i])
    }

    /// The index of the slot an assignment names, as [`Roster::slot_of`] finds it.
    ///
    /// # Example
    /// ```
    /// use duty_roster::Assignment;
    /// let r = duty_roster::sample::tiny_roster();
    /// let a = Assignment::new("2022-08-02".parse().unwrap(), "evening", "hq", "A");
    /// assert_eq!(r.slot_index_of(&a), Some(1));
    /// ```
    pub fn slot_index_of(&self, assignment: &Assignment) -> Option<usize> {
        let duty = self.duty_index(&assignment.duty)?;
        let site = self.site_index(&assignment.site)?;
        self.slot_index(assignment.date, duty, site)
    }

    /// The sites, in definition order.
    ///
    /// # Example
    /// ```
    /// assert_eq!(duty_roster::sample::tiny_roster().sites()[0].id, "hq");
    /// ```
    pub fn sites(&self) -> &[Site] {
        &self.def.sites
    }

    /// The duty kinds, in definition order.
    ///
    /// # Example
    /// ```
    /// assert_eq!(duty_roster::sample::tiny_roster().duties()[0].id, "evening");
    /// ```
    pub fn duties(&self) -> &[DutyKind] {
        &self.def.duties
    }

    /// The staff, in definition order.
    ///
    /// # Example
    /// ```
    /// assert_eq!(duty_roster::sample::tiny_roster().staff()[0].id, "A");
    /// ```
    pub fn staff(&self) -> &[Staff] {
        &self.def.staff
    }

    /// Index of a site by id.
    ///
    /// # Example
    /// ```
    /// assert_eq!(duty_roster::sample::tiny_roster().site_index("hq"), Some(0));
    /// ```
    pub fn site_index(&self, id: &str) -> Option<usize> {
        self.site_index.get(id).copied()
    }

    /// Index of a duty kind by id.
    ///
    /// # Example
    /// ```
    /// assert_eq!(duty_roster::sample::tiny_roster().duty_index("nope"), None);
    /// ```
    pub fn duty_index(&self, id: &str) -> Option<usize> {
        self.duty_index.get(id).copied()
    }

    /// Index of a staff member by id.
    ///
    /// # Example
    /// ```
    /// assert_eq!(duty_roster::sample::tiny_roster().staff_index("B"), Some(1));
    /// ```
    pub fn staff_index(&self, id: &str) -> Option<usize> {
        self.staff_index.get(id).copied()
    }

    /// The holiday on `date`, if any.
    ///
    /// # Example
    /// ```
    /// let r = duty_roster::sample::tiny_roster();
    /// assert!(r.holiday(r.def().period.first).is_none());
    /// ```
    pub fn holiday(&self, date: NaiveDate) -> Option<&Holiday> {
        self.def.holidays.iter().find(|h| h.date == date)
    }

    /// Whether staff member `staff` may serve site `site` at all (home, listed, or open to all).
    ///
    /// # Example
    /// ```
    /// let r = duty_roster::sample::tiny_roster();
    /// assert!(r.may_serve_site(0, 0));
    /// ```
    pub fn may_serve_site(&self, staff: usize, site: usize) -> bool {
        let person = &self.def.staff[staff];
        let site = &self.def.sites[site];
        site.open_to_all || person.home == site.id || person.sites.contains(&site.id)
    }

    /// Whether staff member `staff` could be put on slot `slot`: site allowed, not
    /// away on a date its hours touch, and not limited to zero duties of that kind.
    ///
    /// # Example
    /// ```
    /// let r = duty_roster::sample::tiny_roster();
    /// assert!(r.is_eligible(0, 0));
    /// ```
    pub fn is_eligible(&self, staff: usize, slot: usize) -> bool {
        let slot = &self.slots[slot];
        let person = &self.def.staff[staff];
        let duty = &self.def.duties[slot.duty];
        self.may_serve_site(staff, slot.site)
            && person.absence_during(slot).is_none()
            && person.limits.max_per_duty.get(&duty.id) != Some(&0)
            && person.limits.max_duties != Some(0)
    }
}
