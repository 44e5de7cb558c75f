//! From the file as written ([`super::raw`]) to the plain definition
//! ([`RosterDef`]): dates, times and weekdays read, and the span of every field
//! recorded under the path the validator names it by. The `[rules]` table is read
//! by serde straight into [`Rules`]; its spans are recorded from the file's own paths.
//!
//! Errors found here are [`ValidationError`]s too; their span is recorded before
//! they are returned, so they are located like the validator's.

use chrono::{NaiveDate, Weekday};
use toml::Spanned;

use super::raw::{
    Loose, RawAbsence, RawCover, RawDuty, RawEvent, RawFile, RawPreference, RawRoster, RawStaff,
    RawWish,
};
use super::spans::Spans;
use super::values;
use crate::{
    Absence, CoverOverride, DateRange, DutyKind, Event, EventCover, Holiday, Limits, Pin,
    Preference, RosterDef, Settings, Site, SiteCover, SkillNeed, Staff, TimeOverride,
    ValidationError, Wish,
};

type Result<T> = std::result::Result<T, ValidationError>;

/// A top-level `[[preference]]`: the person's id and the wish.
pub(crate) type NamedPreference = (String, Preference);

/// Converts the file to a definition, recording spans as it goes, and hands back
/// the top-level `[[preference]]` tables apart (their people may come from a staff
/// table, read later). `limits` holds the [`Limits`] of each `[[staff]]` entry, in
/// order.
pub(crate) fn convert(
    file: &RawFile,
    limits: Vec<Limits>,
    spans: &mut Spans,
) -> Result<(RosterDef, Vec<NamedPreference>)> {
    let roster = roster_table(&file.roster, spans)?;
    let mut holidays = Vec::new();
    for (i, h) in file.holiday.iter().enumerate() {
        let path = format!("holiday[{i}]");
        spans.record(&path, h.span());
        let h = h.get_ref();
        holidays.push(Holiday {
            date: read(spans, format!("{path}.date"), &h.date, values::date)?,
            name: h.name.clone(),
        });
    }
    let mut sites = Vec::new();
    for (i, s) in file.site.iter().enumerate() {
        let path = format!("site[{i}]");
        spans.record(&path, s.span());
        let s = s.get_ref();
        sites.push(Site {
            id: spans.take(format!("{path}.id"), &s.id).clone(),
            name: s.name.clone(),
            address: s.address.clone(),
            phone: s.phone.clone(),
            open_to_all: s.open_to_all,
        });
    }
    let duties = file
        .duty
        .iter()
        .enumerate()
        .map(|(i, d)| duty(format!("duty[{i}]"), d, spans))
        .collect::<Result<Vec<_>>>()?;
    let events = file
        .event
        .iter()
        .enumerate()
        .map(|(i, e)| event(format!("event[{i}]"), e, spans))
        .collect::<Result<Vec<_>>>()?;
    let mut cover_overrides = Vec::new();
    for (i, o) in file.cover_override.iter().enumerate() {
        let path = format!("cover_override[{i}]");
        spans.record(&path, o.span());
        let o = o.get_ref();
        cover_overrides.push(CoverOverride {
            date: read(spans, format!("{path}.date"), &o.date, values::date)?,
            duty: spans.take(format!("{path}.duty"), &o.duty).clone(),
            site: spans.take(format!("{path}.site"), &o.site).clone(),
            min: *spans.take(format!("{path}.min"), &o.min),
            max: o
                .max
                .as_ref()
                .map(|m| *spans.take(format!("{path}.max"), m)),
        });
    }
    let staff = file
        .staff
        .iter()
        .zip(limits)
        .enumerate()
        .map(|(i, (s, limits))| person(format!("staff[{i}]"), s, limits, spans))
        .collect::<Result<Vec<_>>>()?;
    let rules = file.rules.clone().unwrap_or_default();
    let mut pins = Vec::new();
    for (i, p) in file.pin.iter().enumerate() {
        let path = format!("pin[{i}]");
        spans.record(&path, p.span());
        let p = p.get_ref();
        pins.push(Pin {
            date: read(spans, format!("{path}.date"), &p.date, values::date)?,
            duty: spans.take(format!("{path}.duty"), &p.duty).clone(),
            site: spans.take(format!("{path}.site"), &p.site).clone(),
            staff: spans.take(format!("{path}.staff"), &p.staff).clone(),
        });
    }
    let mut named = Vec::new();
    for (k, p) in file.preference.iter().enumerate() {
        let path = format!("preference[{k}]");
        let Some(staff) = &p.get_ref().staff else {
            spans.record(&path, p.span());
            return Err(ValidationError::new(
                path,
                "a [[preference]] needs `staff`, the id of the person who wishes it",
            ));
        };
        let staff = spans.take(format!("{path}.staff"), staff).clone();
        named.push((staff, preference(path, p, spans)?));
    }
    let settings = match &file.settings {
        Some(s) => {
            spans.record("settings", s.span());
            let s = s.get_ref();
            let default = Settings::default();
            Settings {
                language: s.language.as_ref().map_or(default.language, |l| {
                    spans.take("settings.language", l).clone()
                }),
                excel_csv: s.excel_csv.unwrap_or(default.excel_csv),
                reminder_minutes: s
                    .reminder_minutes
                    .as_ref()
                    .map(|m| *spans.take("settings.reminder_minutes", m))
                    .or(default.reminder_minutes),
                show_reasons: false,
            }
        }
        None => Settings::default(),
    };
    Ok((
        RosterDef {
            id: roster.id,
            name: roster.name,
            period: roster.period,
            time_zone: roster.time_zone,
            revision: roster.revision,
            holidays,
            sites,
            duties,
            events,
            cover_overrides,
            staff,
            rules,
            pins,
            settings,
            replan: None,
        },
        named,
    ))
}

/// What `[roster]` says.
struct RosterHead {
    id: String,
    name: String,
    period: DateRange,
    time_zone: String,
    revision: Option<chrono::DateTime<chrono::Utc>>,
}

fn roster_table(raw: &Spanned<RawRoster>, spans: &mut Spans) -> Result<RosterHead> {
    spans.record("roster", raw.span());
    let r = raw.get_ref();
    let first = read(spans, "period.first", &r.first, values::date)?;
    let last = read(spans, "period.last", &r.last, values::date)?;
    // The validator names the period as a whole when it ends before it starts.
    spans.record("period", r.last.span());
    Ok(RosterHead {
        id: spans.take("roster.id", &r.id).clone(),
        name: r.name.clone(),
        period: DateRange::new(first, last),
        time_zone: spans.take("roster.time_zone", &r.time_zone).clone(),
        revision: r
            .revision
            .as_ref()
            .map(|v| read(spans, "roster.revision", v, values::instant))
            .transpose()?,
    })
}

fn duty(path: String, raw: &Spanned<RawDuty>, spans: &mut Spans) -> Result<DutyKind> {
    spans.record(&path, raw.span());
    let d = raw.get_ref();
    let names: &Vec<Spanned<String>> = spans.take(format!("{path}.weekdays"), &d.weekdays);
    let weekdays = weekdays(&format!("{path}.weekdays"), names, spans)?;
    let start = read(spans, format!("{path}.start"), &d.start, values::time)?;
    let end = read(spans, format!("{path}.end"), &d.end, values::time)?;
    let mut times = Vec::new();
    for (j, t) in d.times.iter().enumerate() {
        let tpath = format!("{path}.times[{j}]");
        spans.record(&tpath, t.span());
        let t = t.get_ref();
        let dates =
            date_range(&tpath, &t.date, &t.from, &t.to, spans)?.ok_or_else(|| no_dates(&tpath))?;
        times.push(TimeOverride {
            dates,
            start: read(spans, format!("{tpath}.start"), &t.start, values::time)?,
            end: read(spans, format!("{tpath}.end"), &t.end, values::time)?,
        });
    }
    let cover = d
        .cover
        .iter()
        .enumerate()
        .map(|(j, c)| site_cover(format!("{path}.cover[{j}]"), c, spans))
        .collect::<Result<Vec<_>>>()?;
    let fairness_weight = match &d.fairness_weight {
        Some(w) => match *spans.take(format!("{path}.fairness_weight"), w) {
            0 => {
                return Err(ValidationError::new(
                    format!("{path}.fairness_weight"),
                    "fairness_weight must be at least 1 (2 makes one duty count as two)",
                ));
            }
            w => w,
        },
        None => 1,
    };
    Ok(DutyKind {
        id: spans.take(format!("{path}.id"), &d.id).clone(),
        name: d.name.clone(),
        weekdays,
        start,
        end,
        overnight: d.overnight,
        on_holidays: d.on_holidays,
        times,
        cover,
        fairness_weight,
    })
}

fn site_cover(path: String, raw: &Spanned<RawCover>, spans: &mut Spans) -> Result<SiteCover> {
    spans.record(&path, raw.span());
    let c = raw.get_ref();
    let skills = match &c.skills {
        Some(s) => spans
            .take(format!("{path}.skills"), s)
            .iter()
            .map(|(skill, &count)| SkillNeed {
                skill: skill.clone(),
                count,
            })
            .collect(),
        None => Vec::new(),
    };
    let cover_weight = |name: &str,
                        bound: &str,
                        w: &Option<Spanned<u32>>,
                        spans: &mut Spans|
     -> Result<Option<u32>> {
        let Some(w) = w else { return Ok(None) };
        let field = format!("{path}.{name}");
        match *spans.take(&field, w) {
            0 => Err(ValidationError::new(
                field,
                format!("{name} must be at least 1; omit it for a hard {bound}"),
            )),
            w => Ok(Some(w)),
        }
    };
    Ok(SiteCover {
        site: spans.take(format!("{path}.site"), &c.site).clone(),
        min: *spans.take(format!("{path}.min"), &c.min),
        max: c
            .max
            .as_ref()
            .map(|m| *spans.take(format!("{path}.max"), m)),
        skills,
        under_weight: cover_weight("under_weight", "minimum", &c.under_weight, spans)?,
        over_weight: cover_weight("over_weight", "maximum", &c.over_weight, spans)?,
    })
}

fn event(path: String, raw: &Spanned<RawEvent>, spans: &mut Spans) -> Result<Event> {
    spans.record(&path, raw.span());
    let e = raw.get_ref();
    let dates =
        date_range(&path, &e.date, &e.from, &e.to, spans)?.ok_or_else(|| no_dates(&path))?;
    let mut cover = Vec::new();
    for (j, c) in e.cover.iter().enumerate() {
        let cpath = format!("{path}.cover[{j}]");
        spans.record(&cpath, c.span());
        let c = c.get_ref();
        cover.push(EventCover {
            duty: spans.take(format!("{cpath}.duty"), &c.duty).clone(),
            site: spans.take(format!("{cpath}.site"), &c.site).clone(),
            extra: *spans.take(format!("{cpath}.extra"), &c.extra),
        });
    }
    Ok(Event {
        id: spans.take(format!("{path}.id"), &e.id).clone(),
        name: e.name.clone(),
        dates,
        cover,
    })
}

fn person(
    path: String,
    raw: &Spanned<RawStaff>,
    limits: Limits,
    spans: &mut Spans,
) -> Result<Staff> {
    spans.record(&path, raw.span());
    let s = raw.get_ref();
    let sites = s
        .sites
        .iter()
        .enumerate()
        .map(|(j, site)| spans.take(format!("{path}.sites[{j}]"), site).clone())
        .collect();
    let unavailable = s
        .unavailable
        .iter()
        .enumerate()
        .map(|(j, a)| absence(format!("{path}.unavailable[{j}]"), a, spans))
        .collect::<Result<Vec<_>>>()?;
    let preferences = s
        .preference
        .iter()
        .enumerate()
        .map(|(j, p)| {
            let ppath = format!("{path}.preferences[{j}]");
            if let Some(staff) = &p.get_ref().staff {
                spans.record(format!("{ppath}.staff"), staff.span());
                return Err(ValidationError::new(
                    format!("{ppath}.staff"),
                    "a [[staff.preference]] is its person's own: `staff` is for a top-level [[preference]]",
                ));
            }
            preference(ppath, p, spans)
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Staff {
        id: spans.take(format!("{path}.id"), &s.id).clone(),
        name: s.name.clone(),
        home: spans.take(format!("{path}.home"), &s.home).clone(),
        sites,
        skills: s.skills.clone(),
        share: s
            .share
            .as_ref()
            .map_or(1.0, |v| *spans.take(format!("{path}.share"), v)),
        unavailable,
        preferences,
        limits,
        carried: Default::default(),
    })
}

fn absence(path: String, raw: &Spanned<RawAbsence>, spans: &mut Spans) -> Result<Absence> {
    spans.record(&path, raw.span());
    let a = raw.get_ref();
    let dates =
        date_range(&path, &a.date, &a.from, &a.to, spans)?.ok_or_else(|| no_dates(&path))?;
    let mut absence = Absence::new(dates);
    absence.reason = a.reason.clone();
    Ok(absence)
}

fn preference(path: String, raw: &Spanned<RawPreference>, spans: &mut Spans) -> Result<Preference> {
    spans.record(&path, raw.span());
    let p = raw.get_ref();
    let dates = date_range(&path, &p.date, &p.from, &p.to, spans)?;
    let weekdays = weekdays(&format!("{path}.weekdays"), &p.weekdays, spans)?;
    let weight_path = format!("{path}.weight");
    let weight = *spans.take(&weight_path, &p.weight);
    if weight == 0 {
        return Err(ValidationError::new(
            weight_path,
            "weight must be at least 1",
        ));
    }
    Ok(Preference {
        wish: match p.wish {
            RawWish::Avoid => Wish::Avoid,
            RawWish::Want => Wish::Want,
        },
        dates,
        weekdays,
        duty: p
            .duty
            .as_ref()
            .map(|d| spans.take(format!("{path}.duty"), d).clone()),
        site: p
            .site
            .as_ref()
            .map(|s| spans.take(format!("{path}.site"), s).clone()),
        weight,
    })
}

/// Reads a loose value with `parse`, recording its span under `path`.
fn read<T>(
    spans: &mut Spans,
    path: impl Into<String>,
    value: &Loose,
    parse: fn(&toml::Value) -> std::result::Result<T, String>,
) -> Result<T> {
    let path = path.into();
    let value = spans.take(&path, value);
    parse(value).map_err(|message| ValidationError::new(path, message))
}

fn weekdays(path: &str, names: &[Spanned<String>], spans: &mut Spans) -> Result<Vec<Weekday>> {
    names
        .iter()
        .enumerate()
        .map(|(k, name)| {
            let field = format!("{path}[{k}]");
            let name: &String = spans.take(&field, name);
            values::weekday(name).map_err(|m| ValidationError::new(field, m))
        })
        .collect()
}

fn no_dates(path: &str) -> ValidationError {
    ValidationError::new(path, "no dates: give `date`, or `from` and `to`")
}

/// The dates of a table that says `date = ...` or `from = ...` and `to = ...`
/// (`None` when it says neither). Records `{path}.dates` at the value most likely
/// to be wrong: `to` when the range ends before it starts, else its first date.
fn date_range(
    path: &str,
    date: &Option<Loose>,
    from: &Option<Loose>,
    to: &Option<Loose>,
    spans: &mut Spans,
) -> Result<Option<DateRange>> {
    let one = |name: &str, v: &Loose, spans: &mut Spans| -> Result<NaiveDate> {
        read(spans, format!("{path}.{name}"), v, values::date)
    };
    let dates_at = |v: &Loose, spans: &mut Spans| spans.record(format!("{path}.dates"), v.span());
    match (date, from, to) {
        (None, None, None) => Ok(None),
        (Some(d), None, None) => {
            dates_at(d, spans);
            Ok(Some(DateRange::single(one("date", d, spans)?)))
        }
        (Some(d), _, _) => {
            spans.record(format!("{path}.date"), d.span());
            Err(ValidationError::new(
                format!("{path}.date"),
                "give either `date` or `from` and `to`, not both",
            ))
        }
        (None, Some(f), Some(t)) => {
            let range = DateRange::new(one("from", f, spans)?, one("to", t, spans)?);
            dates_at(if range.last < range.first { t } else { f }, spans);
            Ok(Some(range))
        }
        (None, Some(f), None) => {
            spans.record(format!("{path}.from"), f.span());
            Err(ValidationError::new(
                format!("{path}.from"),
                "`from` needs a `to` (or give a single `date`)",
            ))
        }
        (None, None, Some(t)) => {
            spans.record(format!("{path}.to"), t.span());
            Err(ValidationError::new(
                format!("{path}.to"),
                "`to` needs a `from` (or give a single `date`)",
            ))
        }
    }
}
