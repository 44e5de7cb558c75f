//! iCalendar output (`.ics`, RFC 5545): one calendar per person with their own
//! duties, one per site, and one for the whole roster, written with the `ics` crate.
//!
//! Choices that make the files import the same way everywhere:
//! - **Instants in UTC** (`DTSTART:20220808T153000Z`), from the slots' own UTC
//!   instants (the roster's time zone through chrono-tz). No `VTIMEZONE`: many apps
//!   mishandle one for `Africa/Casablanca`, whose clock goes back an hour for
//!   Ramadan each year. Local hours are written in `DESCRIPTION`.
//! - **Stable identity**: `UID`s are made from the roster id, date, site, duty kind
//!   and (in per-person calendars) staff id, so solving the same roster again gives
//!   the same UIDs and the same bytes; `DTSTAMP` is the roster's `revision`, or the
//!   period's first day at 00:00 UTC, never the wall clock.
//! - **Per-site and whole-roster calendars have one event per slot** (a duty kind at
//!   a site on a date) that has people, listing them in `DESCRIPTION`, with a UID
//!   without staff id: a calendar shows one block per desk and evening, not one per
//!   person stacked on top of each other, UIDs stay unique per calendar, and a
//!   re-planned slot keeps its UID, so a subscribed calendar updates it in place.
//!   Reminders (`VALARM`) are only in the per-person calendars.
//! - **Published files**: `METHOD:PUBLISH`, no `ATTENDEE` or `ORGANIZER`, a name
//!   (`NAME` and `X-WR-CALNAME`) and a refresh hint for subscriptions (an hour: a
//!   re-plan should reach subscribers soon; clients may still refresh less often).
//! - **Text**: every TEXT value goes through [`escape_text`]
//!   (commas, semicolons, backslashes, newlines) after control characters, which
//!   TEXT may not hold, are replaced by spaces; lines are folded again by
//!   `refold` to at most 75 octets, which the `ics` crate does not quite do.
//!
//! ```
//! use duty_roster::output::ics;
//! let roster = duty_roster::sample::tiny_roster();
//! let outcome = duty_roster::solve(&roster, &Default::default()).unwrap();
//! let files = ics::render(&roster, &outcome.assignments, &ics::CalendarOptions::default());
//! let all = files.iter().find(|f| f.owner == ics::Owner::Roster).unwrap();
//! assert_eq!(all.path, std::path::Path::new("calendars/roster.ics"));
//! assert_eq!(all.events, 5);
//! let text = String::from_utf8(all.bytes.clone()).unwrap();
//! assert!(text.contains("DTSTART:20220801T153000Z\r\n"));
//! ```

mod fold;
mod names;
mod versions;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use ::ics::components::Property;
use ::ics::properties::{
    CalScale, Description, DtEnd, DtStart, LastModified, Location, Method, Name, RefreshInterval,
    Sequence, Status, Summary, Trigger,
};
use ::ics::{Alarm, Event, ICalendar, escape_text};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

pub use fold::MAX_LINE_OCTETS;
pub(crate) use fold::refold;
pub(crate) use names::safe_file_stems;
pub use names::{FileNames, MIN_KEY_BYTES, NAME_KEY_ENV, NameKey, NameKeyError, keyed_file_stem};
pub use versions::{CalendarState, PublishedCalendar, PublishedEvent, STATE_FILE, StateError};
use versions::{Cancellation, Version, Versions};

use super::roster_csv::in_print_order;
use crate::{Assignment, Language, Roster, RosterDef, Site, Slot, Staff};

/// The calendars' folder under the output folder.
///
/// # Example
/// ```
/// use duty_roster::output::ics::{CALENDARS_DIR, ROSTER_FILE, SITES_DIR, STAFF_DIR};
/// let staff = std::path::Path::new(CALENDARS_DIR).join(STAFF_DIR);
/// assert_eq!(staff, std::path::Path::new("calendars/staff"));
/// assert_eq!((SITES_DIR, ROSTER_FILE), ("sites", "roster.ics"));
/// ```
pub const CALENDARS_DIR: &str = "calendars";
/// The per-person calendars' folder under [`CALENDARS_DIR`].
///
/// # Example
/// See [`CALENDARS_DIR`].
pub const STAFF_DIR: &str = "staff";
/// The per-site calendars' folder under [`CALENDARS_DIR`].
///
/// # Example
/// See [`CALENDARS_DIR`].
pub const SITES_DIR: &str = "sites";
/// The whole roster's calendar file, in [`CALENDARS_DIR`].
///
/// # Example
/// See [`CALENDARS_DIR`].
pub const ROSTER_FILE: &str = "roster.ics";

/// How often a subscribed calendar should be fetched again (`REFRESH-INTERVAL` and
/// `X-PUBLISHED-TTL`).
const REFRESH: &str = "PT1H";

/// Whose calendar a file is.
///
/// # Example
/// ```
/// let owner = duty_roster::output::ics::Owner::Staff("BM-01".into());
/// assert_ne!(owner, duty_roster::output::ics::Owner::Roster);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Owner {
    /// One person's duties, by staff id.
    Staff(String),
    /// One site's duties, by site id.
    Site(String),
    /// The whole roster.
    Roster,
}

/// One calendar file, rendered.
///
/// # Example
/// See the [module](self) example.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CalendarFile {
    /// Path relative to the output folder, such as `calendars/staff/BM-01.ics`.
    pub path: PathBuf,
    /// Whose calendar it is.
    pub owner: Owner,
    /// Number of events in it.
    pub events: usize,
    /// The file's bytes: UTF-8, CRLF line ends, folded at 75 octets.
    pub bytes: Vec<u8>,
}

/// Options of the calendar output.
///
/// # Example
/// ```
/// let o = duty_roster::output::ics::CalendarOptions::default();
/// assert_eq!(o.file_names, duty_roster::output::ics::FileNames::StaffId);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CalendarOptions {
    /// How per-person files are named.
    pub file_names: FileNames,
    /// What the calendars of the published roster said (`calendars/state.json` of a
    /// baseline), to version this run's events against; ignored when it is another
    /// roster's.
    pub previous: Option<CalendarState>,
}

/// A TEXT value: control characters other than tab and line ends (which TEXT cannot
/// hold) become spaces, then the `ics` crate escapes commas, semicolons, backslashes
/// and newlines.
pub(crate) fn text(value: &str) -> String {
    let clean: String = value
        .chars()
        .map(|c| {
            if c.is_control() && !matches!(c, '\t' | '\n' | '\r') {
                ' '
            } else {
                c
            }
        })
        .collect();
    escape_text(clean).into_owned()
}

/// An instant as an iCalendar UTC date-time, `YYYYMMDDTHHMMSSZ`.
pub(crate) fn utc_stamp(instant: DateTime<Utc>) -> String {
    instant.format("%Y%m%dT%H%M%SZ").to_string()
}

/// The `DTSTAMP` of every event: the roster's `revision`, or the period's first day at
/// 00:00 UTC when it has none. Never the wall clock, so that files are reproducible.
pub(crate) fn dtstamp(def: &RosterDef) -> DateTime<Utc> {
    def.revision.unwrap_or_else(|| {
        def.period
            .first
            .and_hms_opt(0, 0, 0)
            .expect("midnight exists")
            .and_utc()
    })
}

/// Appends `part` to a UID: ASCII letters, digits, `-` and `.` as they are, any other
/// byte as `%XX`, so that `_` and `@` only ever separate parts.
fn push_uid_part(uid: &mut String, part: &str) {
    for b in part.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'.' {
            uid.push(char::from(b));
        } else {
            let _ = write!(uid, "%{b:02X}");
        }
    }
}

/// The UID of an event: roster id, date, site id, duty id and, for a person's own
/// event, staff id, joined by `_`, then `@duty-roster`. Each part keeps ASCII letters,
/// digits, `-` and `.`; other bytes are written `%XX`, so distinct ids always give
/// distinct UIDs and a UID is the same on every run.
pub(crate) fn event_uid(
    roster: &str,
    date: NaiveDate,
    site: &str,
    duty: &str,
    staff: Option<&str>,
) -> String {
    let mut uid = String::new();
    push_uid_part(&mut uid, roster);
    let _ = write!(uid, "_{}_", date.format("%Y%m%d"));
    push_uid_part(&mut uid, site);
    uid.push('_');
    push_uid_part(&mut uid, duty);
    if let Some(staff) = staff {
        uid.push('_');
        push_uid_part(&mut uid, staff);
    }
    uid.push_str("@duty-roster");
    uid
}

/// A slot and the people on it (staff indexes, in roster order, each once).
struct Occupied<'r> {
    slot: &'r Slot,
    people: Vec<usize>,
}

/// The slots that have people, in print order (date, start, site, duty).
fn occupied<'r>(roster: &'r Roster, assignments: &'r [Assignment]) -> Vec<Occupied<'r>> {
    let mut out: Vec<Occupied<'r>> = Vec::new();
    for (slot, a) in in_print_order(roster, assignments) {
        let person = roster
            .staff_index(&a.staff)
            .expect("in_print_order keeps known staff");
        match out.last_mut() {
            Some(last) if std::ptr::eq(last.slot, slot) => {
                if !last.people.contains(&person) {
                    last.people.push(person);
                }
            }
            _ => out.push(Occupied {
                slot,
                people: vec![person],
            }),
        }
    }
    out
}

/// "duty — site", the event's title.
fn summary(roster: &Roster, slot: &Slot) -> String {
    format!(
        "{} — {}",
        roster.duties()[slot.duty].name,
        roster.sites()[slot.site].name
    )
}

/// "site name, address", or the name alone.
fn location(site: &Site) -> String {
    match &site.address {
        Some(address) if !address.trim().is_empty() => format!("{}, {address}", site.name),
        _ => site.name.clone(),
    }
}

fn local_hours(language: Language, start: NaiveDateTime, end: NaiveDateTime) -> String {
    let day = |t: NaiveDateTime| format!("{} {}", language.weekday_name(t.date()), t.date());
    if start.date() == end.date() {
        format!(
            "{}, {}–{}",
            day(start),
            start.format("%H:%M"),
            end.format("%H:%M")
        )
    } else {
        format!(
            "{} {} – {} {}",
            day(start),
            start.format("%H:%M"),
            day(end),
            end.format("%H:%M")
        )
    }
}

fn person_line(person: &Staff) -> String {
    format!("- {} {}", person.id, person.name)
}

/// The event's description: duty, local hours, the holiday if any, the colleagues
/// (for `me`'s own event) or the people on duty, and the site's phone number.
fn description(roster: &Roster, on: &Occupied, me: Option<usize>) -> String {
    let language = roster.language();
    let l = &language.words().calendar;
    let slot = on.slot;
    let site = &roster.sites()[slot.site];
    let mut lines = vec![
        roster.duties()[slot.duty].name.clone(),
        format!(
            "{} ({}){} {}",
            l.local_time,
            roster.def().time_zone,
            l.colon,
            local_hours(language, slot.start_local, slot.end_local)
        ),
    ];
    if let Some(holiday) = roster.holiday(slot.date) {
        lines.push(holiday.name.clone());
    }
    let others: Vec<usize> = on
        .people
        .iter()
        .copied()
        .filter(|&p| Some(p) != me)
        .collect();
    if me.is_some() && others.is_empty() {
        lines.push(l.alone.to_string());
    } else {
        let label = if me.is_some() { l.with } else { l.on_duty };
        lines.push(format!("{label}{}", l.colon));
        lines.extend(others.iter().map(|&p| person_line(&roster.staff()[p])));
    }
    if let Some(phone) = site.phone.as_deref().filter(|p| !p.trim().is_empty()) {
        lines.push(format!("{}{} {phone}", l.phone, l.colon));
    }
    lines.join("\n")
}

/// The UID of the event of `on`: a person's own when `me` is set.
fn uid_of(roster: &Roster, on: &Occupied, me: Option<usize>) -> String {
    let slot = on.slot;
    let staff = me.map(|p| roster.staff()[p].id.as_str());
    event_uid(
        &roster.def().id,
        slot.date,
        &roster.sites()[slot.site].id,
        &roster.duties()[slot.duty].id,
        staff,
    )
}

/// One event: a person's own duty when `me` is set (with a reminder when the roster
/// asks for one), else the slot with everyone on it; stamped as `version` says.
fn event<'a>(roster: &Roster, on: &Occupied, me: Option<usize>, version: &Version) -> Event<'a> {
    let def = roster.def();
    let slot = on.slot;
    let site = &roster.sites()[slot.site];
    let title = summary(roster, slot);
    let mut event = Event::new(text(&uid_of(roster, on, me)), version.stamp.clone());
    if version.sequence > 0 {
        event.push(Sequence::new(version.sequence.to_string()));
    }
    if let Some(modified) = &version.modified {
        event.push(LastModified::new(modified.clone()));
    }
    event.push(DtStart::new(utc_stamp(slot.start_utc)));
    event.push(DtEnd::new(utc_stamp(slot.end_utc)));
    event.push(Summary::new(text(&title)));
    event.push(Location::new(text(&location(site))));
    event.push(Description::new(text(&description(roster, on, me))));
    if let (Some(minutes), Some(_)) = (def.settings.reminder_minutes, me) {
        event.add_alarm(Alarm::display(
            Trigger::new(format!("-PT{minutes}M")),
            Description::new(text(&title)),
        ));
    }
    event
}

/// A duty published before and no longer in the calendar: `STATUS:CANCELLED`, with
/// its UID, time and title.
fn cancelled_event<'a>(c: &Cancellation) -> Event<'a> {
    let mut event = Event::new(text(&c.uid), c.version.stamp.clone());
    event.push(Sequence::new(c.version.sequence.to_string()));
    if let Some(modified) = &c.version.modified {
        event.push(LastModified::new(modified.clone()));
    }
    event.push(DtStart::new(c.start.clone()));
    event.push(DtEnd::new(c.end.clone()));
    event.push(Summary::new(text(&c.summary)));
    event.push(Status::cancelled());
    event
}

/// A calendar named `name` with the events of `list` (a person's own when `me` is
/// set), versioned against what it published before, and the cancellations of what
/// it no longer has: its bytes, its number of duties and what it publishes.
fn calendar(
    roster: &Roster,
    name: &str,
    list: &[&Occupied],
    me: Option<usize>,
    previous: Option<&PublishedCalendar>,
) -> (Vec<u8>, usize, PublishedCalendar) {
    let stamp = utc_stamp(dtstamp(roster.def()));
    let mut versions = Versions::new(previous, &stamp, name);
    let draft = Version {
        stamp: String::new(),
        sequence: 0,
        modified: None,
    };
    let mut events: Vec<Event> = Vec::with_capacity(list.len());
    for on in list {
        let content = event(roster, on, me, &draft).to_string();
        let version = versions.version(
            &uid_of(roster, on, me),
            &content,
            &utc_stamp(on.slot.start_utc),
            &utc_stamp(on.slot.end_utc),
            &summary(roster, on.slot),
        );
        events.push(event(roster, on, me, &version));
    }
    let (cancellations, published) = versions.finish();
    events.extend(cancellations.iter().map(cancelled_event));
    (calendar_bytes(name, events), list.len(), published)
}

/// A calendar with its properties and `events`, as folded bytes.
fn calendar_bytes<'a>(name: &str, events: impl IntoIterator<Item = Event<'a>>) -> Vec<u8> {
    let prodid = format!(
        "-//duty-roster//duty-roster {}//EN",
        env!("CARGO_PKG_VERSION")
    );
    let mut calendar = ICalendar::new("2.0", text(&prodid));
    calendar.push(CalScale::new("GREGORIAN"));
    calendar.push(Method::new("PUBLISH"));
    calendar.push(Name::new(text(name)));
    calendar.push(Property::new("X-WR-CALNAME", text(name)));
    calendar.push(RefreshInterval::new(REFRESH));
    calendar.push(Property::new("X-PUBLISHED-TTL", REFRESH));
    for event in events {
        calendar.add_event(event);
    }
    refold(&calendar.to_string()).into_bytes()
}

/// The calendar of one person's duties, named `Permanences — <name>` (in the
/// roster's language). Empty of events when the person has none or is unknown.
///
/// # Example
/// ```
/// let roster = duty_roster::sample::tiny_roster();
/// let a = duty_roster::Assignment::new("2022-08-01".parse().unwrap(), "evening", "hq", "A");
/// let bytes = duty_roster::output::ics::render_staff(&roster, &[a], "A");
/// let text = String::from_utf8(bytes).unwrap();
/// assert!(text.contains("X-WR-CALNAME:Permanences — Amina\r\n"));
/// assert!(text.contains("UID:tiny_20220801_hq_evening_A@duty-roster\r\n"));
/// ```
pub fn render_staff(roster: &Roster, assignments: &[Assignment], staff: &str) -> Vec<u8> {
    staff_calendar(roster, &occupied(roster, assignments), staff, None).0
}

fn staff_calendar(
    roster: &Roster,
    slots: &[Occupied],
    staff: &str,
    previous: Option<&PublishedCalendar>,
) -> (Vec<u8>, usize, PublishedCalendar) {
    let me = roster.staff_index(staff);
    let mine: Vec<&Occupied> = slots
        .iter()
        .filter(|on| me.is_some_and(|p| on.people.contains(&p)))
        .collect();
    let name = match me {
        Some(p) => format!(
            "{} — {}",
            roster.language().words().calendar.duties,
            roster.staff()[p].name
        ),
        None => staff.to_string(),
    };
    calendar(roster, &name, &mine, me, previous)
}

/// The calendar of one site, named after it: one event per slot that has people.
/// Empty of events when the site has none or is unknown.
///
/// # Example
/// ```
/// let roster = duty_roster::sample::tiny_roster();
/// let a = duty_roster::Assignment::new("2022-08-01".parse().unwrap(), "evening", "hq", "A");
/// let text = String::from_utf8(duty_roster::output::ics::render_site(&roster, &[a], "hq")).unwrap();
/// assert!(text.contains("NAME:Head office\r\n"));
/// assert!(text.contains("LOCATION:Head office\\, 1 Main street\r\n"));
/// ```
pub fn render_site(roster: &Roster, assignments: &[Assignment], site: &str) -> Vec<u8> {
    site_calendar(roster, &occupied(roster, assignments), site, None).0
}

fn site_calendar(
    roster: &Roster,
    slots: &[Occupied],
    site: &str,
    previous: Option<&PublishedCalendar>,
) -> (Vec<u8>, usize, PublishedCalendar) {
    let index = roster.site_index(site);
    let here: Vec<&Occupied> = slots
        .iter()
        .filter(|on| Some(on.slot.site) == index)
        .collect();
    let name = index.map_or(site, |s| roster.sites()[s].name.as_str());
    calendar(roster, name, &here, None, previous)
}

/// The calendar of the whole roster, named after it: one event per slot that has
/// people, listing them.
///
/// # Example
/// ```
/// let roster = duty_roster::sample::tiny_roster();
/// let a = duty_roster::Assignment::new("2022-08-01".parse().unwrap(), "evening", "hq", "A");
/// let text = String::from_utf8(duty_roster::output::ics::render_roster(&roster, &[a])).unwrap();
/// assert_eq!(text.matches("BEGIN:VEVENT").count(), 1);
/// assert!(text.contains("UID:tiny_20220801_hq_evening@duty-roster\r\n"));
/// ```
pub fn render_roster(roster: &Roster, assignments: &[Assignment]) -> Vec<u8> {
    roster_calendar(roster, &occupied(roster, assignments), None).0
}

fn roster_calendar(
    roster: &Roster,
    slots: &[Occupied],
    previous: Option<&PublishedCalendar>,
) -> (Vec<u8>, usize, PublishedCalendar) {
    let all: Vec<&Occupied> = slots.iter().collect();
    calendar(roster, &roster.def().name, &all, None, previous)
}

/// Every calendar of a roster: `calendars/staff/<file>.ics` for each person with at
/// least one duty (named as `options` says), `calendars/sites/<site>.ics` for each
/// site with at least one duty (the site id made safe for file names), and
/// `calendars/roster.ics`, in that order and in roster order. Paths are relative to
/// the output folder.
///
/// # Example
/// See the [module](self) example.
pub fn render(
    roster: &Roster,
    assignments: &[Assignment],
    options: &CalendarOptions,
) -> Vec<CalendarFile> {
    render_with_state(roster, assignments, options).0
}

/// The calendars of [`render`], versioned against `options.previous` (what the
/// calendars of the published roster said, when it is the same roster): unchanged
/// events as they were, changed ones with a higher `SEQUENCE`, and duties gone from
/// a calendar kept in it as cancelled (a person left with only cancellations still
/// gets their file); and the state to record for the next re-plan.
///
/// # Example
/// See [`CalendarState`].
pub fn render_with_state(
    roster: &Roster,
    assignments: &[Assignment],
    options: &CalendarOptions,
) -> (Vec<CalendarFile>, CalendarState) {
    let slots = occupied(roster, assignments);
    let previous = options
        .previous
        .as_ref()
        .filter(|state| state.roster == roster.def().id);
    let before = |path: &Path| previous.and_then(|state| state.calendars.get(&key(path)));
    let dir = Path::new(CALENDARS_DIR);
    let mut files = Vec::new();
    let mut state = CalendarState {
        roster: roster.def().id.clone(),
        calendars: Default::default(),
    };
    let mut add = |path: PathBuf, owner: Owner, (bytes, events, published)| {
        state.calendars.insert(key(&path), published);
        files.push(CalendarFile {
            path,
            owner,
            events,
            bytes,
        });
    };
    let staff_ids: Vec<&str> = roster.staff().iter().map(|s| s.id.as_str()).collect();
    let safe_staff = safe_file_stems(&staff_ids);
    for (p, person) in roster.staff().iter().enumerate() {
        let stem = match &options.file_names {
            FileNames::StaffId => safe_staff[p].clone(),
            FileNames::Keyed(key) => keyed_file_stem(key, &person.id),
        };
        let path = dir.join(STAFF_DIR).join(format!("{stem}.ics"));
        let previous = before(&path);
        if previous.is_none() && !slots.iter().any(|on| on.people.contains(&p)) {
            continue;
        }
        let calendar = staff_calendar(roster, &slots, &person.id, previous);
        add(path, Owner::Staff(person.id.clone()), calendar);
    }
    let site_ids: Vec<&str> = roster.sites().iter().map(|s| s.id.as_str()).collect();
    let safe_sites = safe_file_stems(&site_ids);
    for (s, site) in roster.sites().iter().enumerate() {
        let path = dir.join(SITES_DIR).join(format!("{}.ics", safe_sites[s]));
        let previous = before(&path);
        let calendar = site_calendar(roster, &slots, &site.id, previous);
        if calendar.1 == 0 && previous.is_none() {
            continue;
        }
        add(path, Owner::Site(site.id.clone()), calendar);
    }
    let path = dir.join(ROSTER_FILE);
    let calendar = roster_calendar(roster, &slots, before(&path));
    add(path, Owner::Roster, calendar);
    (files, state)
}

/// A calendar's key in a [`CalendarState`]: its path, `/`-separated.
fn key(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests;
