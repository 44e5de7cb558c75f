//! The shift-scheduling benchmark format of Curtois & Qu (schedulingbenchmarks.org,
//! `Instance1.txt` to `Instance24.txt`), read into the same validated [`Roster`] as a
//! TOML file would give.
//!
//! A file is a list of comma-separated sections (`SECTION_HORIZON`, `SECTION_SHIFTS`,
//! `SECTION_STAFF`, `SECTION_DAYS_OFF`, `SECTION_SHIFT_ON_REQUESTS`,
//! `SECTION_SHIFT_OFF_REQUESTS`, `SECTION_COVER`), with `#` comments and CRLF or LF
//! line endings. It becomes:
//!
//! * a period of `h` days (at most 731, two years) from Monday 2014-01-06, in time
//!   zone `UTC` (no clock change distorts a shift's length);
//! * one site, `ward`, open to all;
//! * one duty kind per shift type, running every day, with the file's length in
//!   minutes (start times follow the type's letter: early `a`/`e` 06:00, day `d`
//!   09:00, `s` 10:00, late `l`/`p` 14:00, night `n` 22:00, others 08:00; a shift
//!   that runs past midnight is `overnight`);
//! * each shift's "cannot follow" list as hard forbidden successions;
//! * each employee's MaxShifts, Max/MinTotalMinutes, Max/MinConsecutiveShifts,
//!   MinConsecutiveDaysOff and MaxWeekends as personal (hard) limits;
//! * days off as unavailable dates;
//! * on-requests as `want` preferences and off-requests as `avoid` preferences on one
//!   date and one duty kind, with the file's weight;
//! * cover lines as per-date cover overrides (minimum = maximum = requirement), soft
//!   with the file's under and over weights;
//! * no fairness term: the objective is exactly the benchmark's.
//!
//! ```
//! use std::path::Path;
//! let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/benches/data/nsp/Instance1.txt"));
//! let roster = duty_roster::read_roster_file(path).unwrap();
//! assert_eq!(roster.staff().len(), 8);
//! assert_eq!(roster.slots().len(), 14); // one shift type, 14 days
//! ```

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::{Duration, NaiveDate, NaiveTime, Weekday};

use crate::error::Position;
use crate::{
    Absence, AbsenceScope, CoverOverride, DateRange, DutyKind, Fairness, Preference, ReadError,
    Roster, RosterDef, Rules, Settings, Site, SiteCover, Staff, Strength, Succession,
    ValidationError, Wish,
};

/// The id of the one site of a benchmark roster.
pub const SITE: &str = "ward";

/// Day 0 of every instance: Monday 6 January 2014 (the instances' own start date).
///
/// # Example
/// ```
/// use chrono::Datelike;
/// assert_eq!(duty_roster::input::nsp::day_zero().weekday(), chrono::Weekday::Mon);
/// ```
pub fn day_zero() -> NaiveDate {
    NaiveDate::from_ymd_opt(2014, 1, 6).expect("a valid date")
}

/// The longest horizon read, in days: two years.
const MAX_HORIZON: u32 = crate::domain::ranges::MAX_PERIOD_DAYS as u32;

/// The sections of a file, in the order they must appear.
const SECTIONS: [&str; 7] = [
    "SECTION_HORIZON",
    "SECTION_SHIFTS",
    "SECTION_STAFF",
    "SECTION_DAYS_OFF",
    "SECTION_SHIFT_ON_REQUESTS",
    "SECTION_SHIFT_OFF_REQUESTS",
    "SECTION_COVER",
];

/// Whether `text` is in the benchmark format: its first line that is neither blank nor
/// a `#` comment is `SECTION_HORIZON`.
///
/// # Example
/// ```
/// use duty_roster::input::nsp::looks_like_nsp;
/// assert!(looks_like_nsp("# a comment\r\nSECTION_HORIZON\r\n14\r\n"));
/// assert!(!looks_like_nsp("[roster]\nid = \"x\"\n"));
/// ```
pub fn looks_like_nsp(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .is_some_and(|l| l == "SECTION_HORIZON")
}

/// Parses and validates a benchmark instance; `path` is only used in errors and gives
/// the roster its id (the file's stem, such as `Instance1`).
///
/// # Errors
/// [`ReadError::Syntax`] with the line (and column) of the problem: a missing,
/// repeated or unknown section, a line with the wrong number of fields, a bad number,
/// an unknown shift or staff id, a day outside the horizon. [`ReadError::Invalid`]
/// when the roster it describes is impossible (a maximum below a minimum...).
///
/// # Example
/// ```
/// use std::path::Path;
/// use duty_roster::input::nsp::parse;
///
/// let text = "SECTION_HORIZON\n7\n\nSECTION_SHIFTS\nD,480,\n\n\
///     SECTION_STAFF\nA,D=7,2400,960,5,1,1,1\n\nSECTION_DAYS_OFF\nA,6\n\n\
///     SECTION_SHIFT_ON_REQUESTS\nA,0,D,2\n\nSECTION_SHIFT_OFF_REQUESTS\n\n\
///     SECTION_COVER\n0,D,1,100,1\n1,D,1,100,1\n";
/// let roster = parse(text, Path::new("mini.txt")).unwrap();
/// assert_eq!(roster.def().id, "mini");
/// assert_eq!(roster.slots().len(), 7);
///
/// let err = parse(&text.replace("A,0,D,2", "A,0,X,2"), Path::new("mini.txt")).unwrap_err();
/// assert_eq!(err.to_string(), "mini.txt:14:5: unknown shift `X` (known: D)");
/// ```
pub fn parse(text: &str, path: &Path) -> Result<Roster, ReadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let reader = Reader { path };
    let sections = reader.sections(text)?;
    let file = reader.read(&sections)?;
    let def = file.def(path);
    Roster::new(def).map_err(|source| ReadError::Invalid {
        path: path.to_path_buf(),
        at: file.locate(&source),
        source,
    })
}

/// One line of the text: its 1-based number and content (line ending removed).
#[derive(Clone, Copy)]
struct Line<'t> {
    number: usize,
    text: &'t str,
}

/// One comma-separated field of a line: its 1-based column and text (trimmed).
#[derive(Clone, Copy)]
struct Field<'t> {
    line: usize,
    column: usize,
    text: &'t str,
}

impl<'t> Line<'t> {
    fn fields(&self) -> Vec<Field<'t>> {
        let mut out = Vec::new();
        let mut offset = 0;
        for part in self.text.split(',') {
            let lead = part.len() - part.trim_start().len();
            out.push(Field {
                line: self.number,
                column: self.text[..offset + lead].chars().count() + 1,
                text: part.trim(),
            });
            offset += part.len() + 1;
        }
        out
    }
}

/// A section: the line of its header and its data lines.
struct Section<'t> {
    header: usize,
    lines: Vec<Line<'t>>,
}

/// What a file says, with the line of each staff member and shift type.
struct File {
    horizon: usize,
    shifts: Vec<Shift>,
    staff: Vec<Person>,
    cover: Vec<CoverLine>,
    under_weight: Vec<u32>,
    over_weight: Vec<u32>,
}

struct Shift {
    id: String,
    minutes: u32,
    cannot_follow: Vec<usize>,
    line: usize,
}

struct Person {
    id: String,
    line: usize,
    max_shifts: BTreeMap<String, u32>,
    max_minutes: u32,
    min_minutes: u32,
    max_consecutive: u32,
    min_consecutive: u32,
    min_consecutive_off: u32,
    max_weekends: u32,
    days_off: Vec<usize>,
    requests: Vec<(Wish, usize, usize, u32)>,
}

struct CoverLine {
    day: usize,
    shift: usize,
    requirement: u32,
}

struct Reader<'p> {
    path: &'p Path,
}

impl Reader<'_> {
    fn error(&self, line: usize, column: usize, message: impl Into<String>) -> ReadError {
        ReadError::Syntax {
            path: self.path.to_path_buf(),
            at: Some(Position { line, column }),
            message: message.into(),
        }
    }

    fn at(&self, field: Field, message: impl Into<String>) -> ReadError {
        self.error(field.line, field.column, message)
    }

    /// Splits the text into its sections, checking their names and order.
    fn sections<'t>(&self, text: &'t str) -> Result<Vec<Section<'t>>, ReadError> {
        let mut sections: Vec<Section<'t>> = Vec::new();
        let mut open = false;
        for (i, raw) in text.lines().enumerate() {
            let number = i + 1;
            let content = raw.trim_end_matches('\r').trim();
            if content.starts_with('#') {
                continue;
            }
            if content.is_empty() {
                open = false;
                continue;
            }
            if content.starts_with("SECTION_") {
                let Some(index) = SECTIONS.iter().position(|s| *s == content) else {
                    return Err(self.error(
                        number,
                        1,
                        format!(
                            "unknown section `{content}` (valid: {})",
                            SECTIONS.join(", ")
                        ),
                    ));
                };
                let expected = sections.len();
                if index < expected {
                    return Err(self.error(
                        number,
                        1,
                        format!("section `{content}` again or out of order"),
                    ));
                }
                if index > expected {
                    return Err(self.error(
                        number,
                        1,
                        format!(
                            "missing section `{}` before `{content}` (sections come in this order: {})",
                            SECTIONS[expected],
                            SECTIONS.join(", ")
                        ),
                    ));
                }
                sections.push(Section {
                    header: number,
                    lines: Vec::new(),
                });
                open = true;
                continue;
            }
            match sections.last_mut() {
                Some(section) if open => section.lines.push(Line {
                    number,
                    text: raw.trim_end_matches('\r'),
                }),
                Some(_) => {
                    return Err(self.error(
                        number,
                        1,
                        "data outside a section (a blank line ends a section)",
                    ));
                }
                None => {
                    return Err(self.error(
                        number,
                        1,
                        "data before the first section (the file starts with `SECTION_HORIZON`)",
                    ));
                }
            }
        }
        if sections.len() < SECTIONS.len() {
            // The end of the text: past its last line when that ends with a newline,
            // else after the last character of that line.
            let end = Position::from_offset(text, text.len());
            return Err(self.error(
                end.line,
                end.column,
                format!(
                    "missing section `{}` at the end of the file (sections come in this order: {})",
                    SECTIONS[sections.len()],
                    SECTIONS.join(", ")
                ),
            ));
        }
        Ok(sections)
    }

    /// A whole number, 0 or more (`-0` is read as 0, as in Instance15).
    fn number(&self, field: Field, what: &str) -> Result<u32, ReadError> {
        let text = if field.text == "-0" { "0" } else { field.text };
        text.parse::<u32>().map_err(|_| {
            self.at(
                field,
                format!(
                    "bad number `{}` for {what} (a whole number, 0 or more)",
                    field.text
                ),
            )
        })
    }

    fn day(&self, field: Field, horizon: usize) -> Result<usize, ReadError> {
        let day = self.number(field, "a day")? as usize;
        if day >= horizon {
            return Err(self.at(
                field,
                format!(
                    "day {day} is outside the horizon (days 0 to {})",
                    horizon - 1
                ),
            ));
        }
        Ok(day)
    }

    /// The line's fields, checking their count (`at_least` allows more).
    fn fields<'t>(
        &self,
        line: Line<'t>,
        count: usize,
        at_least: bool,
        names: &str,
    ) -> Result<Vec<Field<'t>>, ReadError> {
        let fields = line.fields();
        let ok = if at_least {
            fields.len() >= count
        } else {
            fields.len() == count
        };
        if !ok {
            return Err(self.error(
                line.number,
                1,
                format!(
                    "{} field{} where {}{count} are expected: {names}",
                    fields.len(),
                    if fields.len() == 1 { "" } else { "s" },
                    if at_least { "at least " } else { "" }
                ),
            ));
        }
        Ok(fields)
    }

    fn read(&self, sections: &[Section]) -> Result<File, ReadError> {
        let horizon = self.horizon(&sections[0])?;
        let shifts = self.shifts(&sections[1])?;
        let shift_index: HashMap<&str, usize> = shifts
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let known_shifts = Known(shifts.iter().map(|s| s.id.clone()).collect());
        let shift = |field: Field| {
            shift_index.get(field.text).copied().ok_or_else(|| {
                self.at(
                    field,
                    format!("unknown shift `{}` (known: {known_shifts})", field.text),
                )
            })
        };
        let mut staff = self.staff(&sections[2], &shift)?;
        let staff_index: HashMap<String, usize> = staff
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        let known_staff = Known(staff.iter().map(|p| p.id.clone()).collect());
        let person = |field: Field| {
            staff_index.get(field.text).copied().ok_or_else(|| {
                self.at(
                    field,
                    format!("unknown staff `{}` (known: {known_staff})", field.text),
                )
            })
        };
        for line in &sections[3].lines {
            let fields = self.fields(*line, 1, true, "EmployeeID, DayIndexes")?;
            let p = person(fields[0])?;
            for f in fields[1..].iter().filter(|f| !f.text.is_empty()) {
                let day = self.day(*f, horizon)?;
                staff[p].days_off.push(day);
            }
        }
        for (section, wish) in [(&sections[4], Wish::Want), (&sections[5], Wish::Avoid)] {
            for line in &section.lines {
                let fields = self.fields(*line, 4, false, "EmployeeID, Day, ShiftID, Weight")?;
                let p = person(fields[0])?;
                let day = self.day(fields[1], horizon)?;
                let t = shift(fields[2])?;
                let weight = self.number(fields[3], "the weight")?;
                staff[p].requests.push((wish, day, t, weight));
            }
        }
        let mut cover = Vec::new();
        let mut weights: Vec<Option<(u32, u32, usize)>> = vec![None; shifts.len()];
        for line in &sections[6].lines {
            let fields = self.fields(
                *line,
                5,
                false,
                "Day, ShiftID, Requirement, Weight for under, Weight for over",
            )?;
            let day = self.day(fields[0], horizon)?;
            let t = shift(fields[1])?;
            let requirement = self.number(fields[2], "the requirement")?;
            let under = self.number(fields[3], "the weight for under")?;
            let over = self.number(fields[4], "the weight for over")?;
            match weights[t] {
                None => weights[t] = Some((under, over, line.number)),
                Some((u, o, first)) if (u, o) != (under, over) => {
                    return Err(self.at(
                        fields[3],
                        format!(
                            "shift `{}` has cover weights {under}/{over} here but {u}/{o} on line {first} (one pair of weights per shift type is supported)",
                            shifts[t].id
                        ),
                    ));
                }
                Some(_) => {}
            }
            cover.push(CoverLine {
                day,
                shift: t,
                requirement,
            });
        }
        let (under_weight, over_weight) = weights
            .iter()
            .map(|w| w.map_or((100, 1), |(u, o, _)| (u, o)))
            .unzip();
        Ok(File {
            horizon,
            shifts,
            staff,
            cover,
            under_weight,
            over_weight,
        })
    }

    fn horizon(&self, section: &Section) -> Result<usize, ReadError> {
        let [line] = section.lines[..] else {
            let at = section.lines.get(1).map_or(section.header, |l| l.number);
            return Err(self.error(at, 1, "SECTION_HORIZON holds one line: the number of days"));
        };
        let field = line.fields()[0];
        let days = self.number(field, "the horizon")?;
        // Beyond two years (the longest period of a roster) the dates would
        // overflow the calendar well before the roster fitted in memory.
        if !(1..=MAX_HORIZON).contains(&days) {
            return Err(self.at(
                field,
                format!("the horizon must be 1 to {MAX_HORIZON} days (two years), not {days}"),
            ));
        }
        Ok(days as usize)
    }

    fn shifts(&self, section: &Section) -> Result<Vec<Shift>, ReadError> {
        let names = "ShiftID, Length in mins, Shifts which cannot follow this shift";
        let mut shifts = Vec::new();
        let mut follow = Vec::new();
        for line in &section.lines {
            let fields = self.fields(*line, 2, true, names)?;
            if fields.len() > 3 {
                return Err(self.at(
                    fields[3],
                    format!("too many fields (expected {names}; the list is `|` separated)"),
                ));
            }
            let id = fields[0];
            if id.text.is_empty() {
                return Err(self.at(id, "empty shift id"));
            }
            if shifts.iter().any(|s: &Shift| s.id == id.text) {
                return Err(self.at(id, format!("shift `{}` defined twice", id.text)));
            }
            let minutes = self.number(fields[1], "the length in minutes")?;
            if !(1..=24 * 60).contains(&minutes) {
                return Err(self.at(
                    fields[1],
                    format!("length {minutes} minutes (valid: 1 to 1440)"),
                ));
            }
            shifts.push(Shift {
                id: id.text.to_string(),
                minutes,
                cannot_follow: Vec::new(),
                line: line.number,
            });
            follow.push(fields.get(2).copied());
        }
        if shifts.is_empty() {
            return Err(self.error(section.header, 1, "no shift type in SECTION_SHIFTS"));
        }
        for (i, list) in follow.into_iter().enumerate() {
            let Some(list) = list else { continue };
            let mut column = list.column;
            for name in list.text.split('|') {
                let lead = name.len() - name.trim_start().len();
                let item = Field {
                    line: list.line,
                    column: column + lead,
                    text: name.trim(),
                };
                column += name.chars().count() + 1;
                if item.text.is_empty() {
                    continue;
                }
                let Some(j) = shifts.iter().position(|s| s.id == item.text) else {
                    let known = Known(shifts.iter().map(|s| s.id.clone()).collect());
                    return Err(self.at(
                        item,
                        format!("unknown shift `{}` (known: {known})", item.text),
                    ));
                };
                shifts[i].cannot_follow.push(j);
            }
        }
        Ok(shifts)
    }

    fn staff(
        &self,
        section: &Section,
        shift: &dyn Fn(Field) -> Result<usize, ReadError>,
    ) -> Result<Vec<Person>, ReadError> {
        let names = "ID, MaxShifts, MaxTotalMinutes, MinTotalMinutes, MaxConsecutiveShifts, \
                     MinConsecutiveShifts, MinConsecutiveDaysOff, MaxWeekends";
        let mut staff: Vec<Person> = Vec::new();
        for line in &section.lines {
            let f = self.fields(*line, 8, false, names)?;
            if f[0].text.is_empty() {
                return Err(self.at(f[0], "empty staff id"));
            }
            if staff.iter().any(|p| p.id == f[0].text) {
                return Err(self.at(f[0], format!("staff `{}` defined twice", f[0].text)));
            }
            let mut max_shifts = BTreeMap::new();
            let mut column = f[1].column;
            for pair in f[1].text.split('|') {
                let lead = pair.len() - pair.trim_start().len();
                let start = column + lead;
                column += pair.chars().count() + 1;
                let pair = pair.trim();
                if pair.is_empty() {
                    continue;
                }
                let Some((name, max)) = pair.split_once('=') else {
                    let at = Field {
                        line: line.number,
                        column: start,
                        text: pair,
                    };
                    return Err(self.at(
                        at,
                        format!("`{pair}` is not `shift=max` (MaxShifts is `D=14|N=4`)"),
                    ));
                };
                let name_field = Field {
                    line: line.number,
                    column: start,
                    text: name.trim(),
                };
                shift(name_field)?;
                let max_field = Field {
                    line: line.number,
                    column: start + name.chars().count() + 1,
                    text: max.trim(),
                };
                let max = self.number(max_field, "MaxShifts")?;
                max_shifts.insert(name_field.text.to_string(), max);
            }
            staff.push(Person {
                id: f[0].text.to_string(),
                line: line.number,
                max_shifts,
                max_minutes: self.number(f[2], "MaxTotalMinutes")?,
                min_minutes: self.number(f[3], "MinTotalMinutes")?,
                max_consecutive: self.number(f[4], "MaxConsecutiveShifts")?,
                min_consecutive: self.number(f[5], "MinConsecutiveShifts")?,
                min_consecutive_off: self.number(f[6], "MinConsecutiveDaysOff")?,
                max_weekends: self.number(f[7], "MaxWeekends")?,
                days_off: Vec::new(),
                requests: Vec::new(),
            });
        }
        if staff.is_empty() {
            return Err(self.error(section.header, 1, "no employee in SECTION_STAFF"));
        }
        Ok(staff)
    }
}

/// A list of known ids for a message, shortened when long.
struct Known(Vec<String>);

impl std::fmt::Display for Known {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const SHOWN: usize = 12;
        if self.0.len() <= SHOWN {
            write!(f, "{}", self.0.join(", "))
        } else {
            write!(
                f,
                "{}, ... ({} in all)",
                self.0[..SHOWN].join(", "),
                self.0.len()
            )
        }
    }
}

/// A start time for a shift type, from its id's first letter (see the module docs).
fn start_time(id: &str) -> NaiveTime {
    let hour = match id.chars().next().map(|c| c.to_ascii_lowercase()) {
        Some('a' | 'e') => 6,
        Some('d') => 9,
        Some('s') => 10,
        Some('l' | 'p') => 14,
        Some('n') => 22,
        _ => 8,
    };
    NaiveTime::from_hms_opt(hour, 0, 0).expect("a valid time")
}

const ALL_WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

impl File {
    fn date(&self, day: usize) -> NaiveDate {
        day_zero() + Duration::days(day as i64)
    }

    fn def(&self, path: &Path) -> RosterDef {
        let id = path
            .file_stem()
            .map_or("nsp".to_string(), |s| s.to_string_lossy().into_owned());
        let duties = self
            .shifts
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let start = start_time(&s.id);
                let minutes = i64::from(s.minutes);
                let end = start + Duration::minutes(minutes);
                let from_midnight = (start - NaiveTime::MIN).num_minutes();
                DutyKind {
                    id: s.id.clone(),
                    name: format!("shift {}", s.id),
                    weekdays: ALL_WEEK.to_vec(),
                    start,
                    end,
                    overnight: from_midnight + minutes >= 24 * 60,
                    on_holidays: true,
                    times: Vec::new(),
                    cover: vec![SiteCover {
                        site: SITE.to_string(),
                        min: 0,
                        max: None,
                        skills: Vec::new(),
                        under_weight: Some(self.under_weight[i]),
                        over_weight: Some(self.over_weight[i]),
                    }],
                    fairness_weight: 1,
                }
            })
            .collect();
        let forbidden_successions = self
            .shifts
            .iter()
            .flat_map(|s| {
                s.cannot_follow.iter().map(|&j| Succession {
                    first: s.id.clone(),
                    then: self.shifts[j].id.clone(),
                    strength: Strength::Hard,
                })
            })
            .collect();
        let staff = self.staff.iter().map(|p| self.person(p)).collect();
        let cover_overrides = self
            .cover
            .iter()
            .map(|c| CoverOverride {
                date: self.date(c.day),
                duty: self.shifts[c.shift].id.clone(),
                site: SITE.to_string(),
                min: c.requirement,
                max: Some(c.requirement),
            })
            .collect();
        RosterDef {
            id: id.clone(),
            name: format!("{id} (shift-scheduling benchmark)"),
            period: DateRange::new(self.date(0), self.date(self.horizon - 1)),
            time_zone: "UTC".to_string(),
            revision: None,
            holidays: Vec::new(),
            sites: vec![Site {
                id: SITE.to_string(),
                name: "Ward".to_string(),
                address: None,
                phone: None,
                open_to_all: true,
            }],
            duties,
            events: Vec::new(),
            cover_overrides,
            staff,
            rules: Rules {
                forbidden_successions,
                fairness: Fairness::off(),
                ..Rules::default()
            },
            pins: Vec::new(),
            settings: Settings {
                language: "en".to_string(),
                ..Settings::default()
            },
            replan: None,
        }
    }

    fn person(&self, p: &Person) -> Staff {
        let mut staff = Staff::new(&p.id, &p.id, SITE);
        let mut days_off = p.days_off.clone();
        days_off.sort_unstable();
        days_off.dedup();
        staff.unavailable = days_off
            .into_iter()
            .map(|d| Absence {
                dates: DateRange::single(self.date(d)),
                reason: "day off".to_string(),
                scope: AbsenceScope::StartingDuties,
            })
            .collect();
        staff.preferences = p
            .requests
            .iter()
            .map(|&(wish, day, shift, weight)| Preference {
                wish,
                dates: Some(DateRange::single(self.date(day))),
                weekdays: Vec::new(),
                duty: Some(self.shifts[shift].id.clone()),
                site: None,
                weight,
            })
            .collect();
        let limits = &mut staff.limits;
        limits.max_per_duty = p.max_shifts.clone();
        limits.max_minutes = Some(p.max_minutes);
        limits.min_minutes = Some(p.min_minutes);
        limits.max_consecutive_days = Some(p.max_consecutive);
        limits.min_consecutive_days = Some(p.min_consecutive);
        limits.min_consecutive_days_off = Some(p.min_consecutive_off);
        limits.max_weekends = Some(p.max_weekends);
        staff
    }

    /// The line a validation error is about: the staff member's or the shift's.
    fn locate(&self, error: &ValidationError) -> Option<Position> {
        let index = |prefix: &str| -> Option<usize> {
            let rest = error.field.strip_prefix(prefix)?;
            rest[..rest.find(']')?].parse().ok()
        };
        let line = if let Some(i) = index("staff[") {
            self.staff.get(i)?.line
        } else if let Some(i) = index("duty[") {
            self.shifts.get(i)?.line
        } else {
            return None;
        };
        Some(Position { line, column: 1 })
    }
}
