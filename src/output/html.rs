//! `roster.html`: the roster as people look at it. One self-contained page (inline
//! CSS and SVG, nothing fetched from the network) with a month grid per site, a table
//! of duties per person and a fairness chart, in the roster's language.
//!
//! - **Month grid per site**: weeks as rows, Monday to Sunday as columns; each day
//!   lists the site's duties with their local hours and the people on them. Public
//!   holidays and event days are marked with their names, days outside the period are
//!   greyed, and a legend explains the marks. The roster's name, period and revision
//!   head every page.
//! - **Per person**: one small table per person with their dates, duty, site and hours.
//! - **Fairness**: for each person, their duties of each kind and their hours drawn as
//!   hatched bars against their fair target (a black line), from the validator's
//!   [`Report`].
//!
//! Printing gives A4 landscape pages, one per site, then the per-person tables and
//! the chart; marks use patterns and borders so that black-and-white prints read as
//! well as colour. Names may be in Arabic or Latin script: each sits in a `<bdi>`, and
//! an Arabic roster (`language = "ar"`) turns the whole page right to left.
//!
//! Every day cell carries `data-site` and `data-date`, every duty in it `data-duty`
//! and every person `data-staff`, so that tools can read the grid back. The bytes
//! depend only on the roster, the assignments and the report.

mod chart;
mod fairness;

use std::collections::BTreeMap;
use std::fmt::Write;

use chrono::{Datelike, Duration, NaiveDate};

use super::roster_csv::in_print_order;
use crate::domain::Words;
use crate::validate::Report;
use crate::{Assignment, Roster, Slot};

/// The file name `solve` writes the page to.
///
/// # Example
/// ```
/// let dir = std::path::Path::new("out");
/// assert_eq!(dir.join(duty_roster::output::html::FILE_NAME), std::path::Path::new("out/roster.html"));
/// ```
pub const FILE_NAME: &str = "roster.html";

/// The page's style sheet, inlined in its `<head>`.
const STYLE: &str = include_str!("html/style.css");

/// `text` made safe in HTML text and in quoted attribute values: `&`, `<`, `>`,
/// `"` and `'` become character references.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The bytes of `roster.html` (as text) for `assignments` of `roster`, with the
/// fairness chart drawn from `report` (the validator's report of the same
/// assignments). Assignments that name no slot or no person are left out, as in
/// `roster.csv`.
///
/// # Example
/// ```
/// use duty_roster::{sample, solve, validate};
/// let roster = sample::tiny_roster();
/// let outcome = solve(&roster, &Default::default()).unwrap();
/// let report = validate(&roster, &outcome.assignments);
/// let html = duty_roster::output::html::render(&roster, &outcome.assignments, &report);
/// assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"fr\" dir=\"ltr\">"));
/// // Monday's evening at the head office, and who is on it
/// let cell = html.split("<td class=\"day\" data-site=\"hq\" data-date=\"2022-08-01\">").nth(1).unwrap();
/// let cell = &cell[..cell.find("</td>").unwrap()];
/// assert!(cell.contains("data-duty=\"evening\""));
/// assert!(cell.contains("16:30–18:30"));
/// assert_eq!(cell.matches("data-staff=").count(), 1);
/// ```
pub fn render(roster: &Roster, assignments: &[Assignment], report: &Report) -> String {
    Page::new(roster, assignments, report).render()
}

/// The letter that stands for duty kind `k` in the grid and the legends: A, B, C...
fn key(k: usize) -> String {
    match u8::try_from(k) {
        Ok(k) if k < 26 => char::from(b'A' + k).to_string(),
        _ => (k + 1).to_string(),
    }
}

/// The key of duty kind `k` as a badge, with the duty's name as its tooltip.
fn key_badge(roster: &Roster, k: usize) -> String {
    format!(
        "<span class=\"key\" title=\"{}\">{}</span>",
        escape(&roster.duties()[k].name),
        key(k)
    )
}

/// A number for a `data-` attribute: at most three decimals, a `.` separator.
fn data_number(value: f64) -> String {
    let s = format!("{:.3}", (value * 1000.0).round() / 1000.0);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

/// A slot's local hours, "16:30–18:30", with "+1" when it ends the next day, kept
/// left to right in an Arabic page.
fn hours(slot: &Slot) -> String {
    let next_day = if slot.end_local.date() > slot.start_local.date() {
        "+1"
    } else {
        ""
    };
    format!(
        "<bdi dir=\"ltr\">{}–{}{next_day}</bdi>",
        slot.start_local.format("%H:%M"),
        slot.end_local.format("%H:%M")
    )
}

/// Everything the page is drawn from.
struct Page<'a> {
    roster: &'a Roster,
    report: &'a Report,
    labels: &'static Words,
    /// Assignments with their slots, in print order.
    printed: Vec<(&'a Slot, &'a Assignment)>,
    /// Staff indices on each slot, by (date, duty index, site index), in print order.
    people_on: BTreeMap<(NaiveDate, usize, usize), Vec<usize>>,
    /// Sites with at least one slot, in definition order.
    sites: Vec<usize>,
}

impl<'a> Page<'a> {
    fn new(roster: &'a Roster, assignments: &'a [Assignment], report: &'a Report) -> Page<'a> {
        let printed = in_print_order(roster, assignments);
        let mut people_on: BTreeMap<_, Vec<usize>> = BTreeMap::new();
        for (slot, a) in &printed {
            let staff = roster
                .staff_index(&a.staff)
                .expect("in_print_order keeps known staff");
            people_on
                .entry((slot.date, slot.duty, slot.site))
                .or_default()
                .push(staff);
        }
        let sites = roster.sites_with_slots();
        Page {
            roster,
            report,
            labels: roster.language().words(),
            printed,
            people_on,
            sites,
        }
    }

    fn render(&self) -> String {
        let def = self.roster.def();
        let l = self.labels;
        let mut out = String::new();
        let _ = writeln!(out, "<!DOCTYPE html>");
        let _ = writeln!(
            out,
            "<html lang=\"{}\" dir=\"{}\">",
            l.code,
            if l.rtl { "rtl" } else { "ltr" }
        );
        let _ = writeln!(out, "<head>\n<meta charset=\"utf-8\">");
        let _ = writeln!(
            out,
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        );
        let _ = writeln!(out, "<meta name=\"generator\" content=\"duty-roster\">");
        let _ = writeln!(
            out,
            "<title>{} — {}</title>",
            l.page.title,
            escape(&def.name)
        );
        let _ = writeln!(out, "<style>\n{STYLE}</style>\n</head>");
        let _ = writeln!(out, "<body data-roster=\"{}\">", escape(&def.id));
        out.push_str(chart::DEFS);
        out.push('\n');
        self.contents(&mut out);
        for (n, &site) in self.sites.iter().enumerate() {
            self.site_sheet(&mut out, site, n + 1);
        }
        self.people_sheet(&mut out);
        self.fairness_sheet(&mut out);
        out.push_str("</body>\n</html>\n");
        out
    }

    /// Links to each part; shown on screen only.
    fn contents(&self, out: &mut String) {
        let l = self.labels;
        let _ = writeln!(
            out,
            "<nav class=\"toc\"><strong>{}</strong> — <bdi>{}</bdi>",
            l.page.contents,
            escape(&self.roster.def().name)
        );
        out.push_str("<ul>");
        for &site in &self.sites {
            let site = &self.roster.sites()[site];
            let _ = write!(
                out,
                "<li><a href=\"#site-{}\"><bdi>{}</bdi></a></li>",
                escape(&site.id),
                escape(&site.name)
            );
        }
        let _ = writeln!(
            out,
            "<li><a href=\"#people\">{}</a></li><li><a href=\"#fairness\">{}</a></li></ul></nav>",
            l.page.people, l.page.fairness
        );
    }

    /// The roster's name, period and revision, and a tag naming the page.
    fn page_head(&self, out: &mut String, tag: &str) {
        let def = self.roster.def();
        let l = self.labels;
        let period = l.long_span(def.period);
        let revision = match def.revision {
            Some(at) => {
                let local = at.with_timezone(&self.roster.time_zone());
                format!(
                    "{} <bdi dir=\"ltr\">{}</bdi>",
                    l.long_date(local.date_naive()),
                    local.format("%H:%M")
                )
            }
            None => l.page.no_revision.to_string(),
        };
        let _ = writeln!(
            out,
            "<header class=\"page-head\"><div class=\"roster\"><bdi>{}</bdi></div><div class=\"meta\">{}{}{} · {}{}{} · <bdi class=\"tag\" dir=\"ltr\">{}</bdi></div></header>",
            escape(&def.name),
            l.page.period,
            l.page.colon,
            period,
            l.page.revision,
            l.page.colon,
            revision,
            escape(tag)
        );
    }

    /// One site's page: the head, the month grid and the legend.
    fn site_sheet(&self, out: &mut String, site: usize, number: usize) {
        let roster = self.roster;
        let def = roster.def();
        let l = self.labels;
        let s = &roster.sites()[site];
        let _ = writeln!(
            out,
            "<section class=\"sheet site\" id=\"site-{id}\" data-site=\"{id}\">",
            id = escape(&s.id)
        );
        let tag = format!("{} · {} · {number}/{}", def.id, s.id, self.sites.len());
        self.page_head(out, &tag);
        let mut place = Vec::new();
        if let Some(address) = &s.address {
            place.push(format!("<bdi>{}</bdi>", escape(address)));
        }
        if let Some(phone) = &s.phone {
            place.push(format!(
                "{}{}<bdi dir=\"ltr\">{}</bdi>",
                l.page.phone,
                l.page.colon,
                escape(phone)
            ));
        }
        let _ = writeln!(
            out,
            "<h2><bdi>{}</bdi> <span class=\"where\">{}</span></h2>",
            escape(&s.name),
            place.join(" · ")
        );
        // the weeks: from the Monday on or before the first date to the Sunday on or
        // after the last
        let first = def.period.first
            - Duration::days(i64::from(def.period.first.weekday().num_days_from_monday()));
        let last = def.period.last
            + Duration::days(i64::from(
                6 - def.period.last.weekday().num_days_from_monday(),
            ));
        let weeks = ((last - first).num_days() + 1) / 7;
        let _ = writeln!(out, "<table class=\"month weeks-{weeks}\">");
        out.push_str("<thead><tr>");
        for d in first.iter_days().take(7) {
            let _ = write!(out, "<th scope=\"col\">{}</th>", l.weekday(d));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        let mut day = first;
        for _ in 0..weeks {
            out.push_str("<tr>\n");
            for _ in 0..7 {
                self.day_cell(out, site, day);
                day += Duration::days(1);
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
        self.legend(out, site);
        out.push_str("</section>\n");
    }

    /// One day of one site's grid.
    fn day_cell(&self, out: &mut String, site: usize, date: NaiveDate) {
        let roster = self.roster;
        let def = roster.def();
        let l = self.labels;
        let month = format!(" <span class=\"mon\">{}</span>", l.month(date.month()));
        if !def.period.contains(date) {
            let _ = writeln!(
                out,
                "<td class=\"out\"><div class=\"num\">{}{}</div></td>",
                l.day(date),
                if date.day() == 1 { month.as_str() } else { "" }
            );
            return;
        }
        let holiday = roster.holiday(date);
        let events: Vec<_> = def
            .events
            .iter()
            .filter(|e| e.dates.contains(date))
            .collect();
        let mut class = vec!["day"];
        if holiday.is_some() {
            class.push("holiday");
        }
        if !events.is_empty() {
            class.push("event");
        }
        let _ = write!(
            out,
            "<td class=\"{}\" data-site=\"{}\" data-date=\"{date}\">",
            class.join(" "),
            escape(&roster.sites()[site].id)
        );
        let show_month = date.day() == 1 || date == def.period.first;
        let _ = write!(
            out,
            "<div class=\"num\">{}{}</div>",
            l.day(date),
            if show_month { month.as_str() } else { "" }
        );
        if let Some(h) = holiday {
            let _ = write!(
                out,
                "<div class=\"hol\"><span class=\"sym\">★</span> <bdi>{}</bdi></div>",
                escape(&h.name)
            );
        }
        for e in events {
            let _ = write!(
                out,
                "<div class=\"evt\" title=\"{name}\"><span class=\"sym\">◆</span> <bdi>{name}</bdi></div>",
                name = escape(&e.name)
            );
        }
        let mut slots: Vec<&Slot> = roster
            .slots()
            .iter()
            .filter(|s| s.site == site && s.date == date)
            .collect();
        slots.sort_by_key(|s| (s.start_local, s.duty));
        for slot in slots {
            self.duty_block(out, slot);
        }
        out.push_str("</td>\n");
    }

    /// One duty of one day: key, hours and the people on it.
    fn duty_block(&self, out: &mut String, slot: &Slot) {
        let roster = self.roster;
        let duty = &roster.duties()[slot.duty];
        let _ = write!(
            out,
            "<div class=\"duty k{}\" data-duty=\"{}\"><p class=\"when\">{} {}</p><ul>",
            slot.duty % 6,
            escape(&duty.id),
            key_badge(roster, slot.duty),
            hours(slot)
        );
        let people = self
            .people_on
            .get(&(slot.date, slot.duty, slot.site))
            .map_or(&[][..], Vec::as_slice);
        for &p in people {
            let person = &roster.staff()[p];
            let _ = write!(
                out,
                "<li data-staff=\"{}\"><bdi>{}</bdi></li>",
                escape(&person.id),
                escape(&person.name)
            );
        }
        let missing = (slot.min as usize).saturating_sub(people.len());
        if missing > 0 {
            let _ = write!(
                out,
                "<li class=\"unfilled\">{}{}{missing}</li>",
                self.labels.page.unfilled, self.labels.page.colon
            );
        }
        out.push_str("</ul></div>");
    }

    /// The legend of one site's page: its duty kinds, then the day marks.
    fn legend(&self, out: &mut String, site: usize) {
        let roster = self.roster;
        let def = roster.def();
        let l = self.labels;
        let _ = write!(
            out,
            "<div class=\"legend\"><span class=\"title\">{}{}</span>",
            l.page.legend, l.page.colon
        );
        for k in self.roster.duties_at(site) {
            self.duty_legend_item(out, k);
        }
        let period = def.period;
        let mut holidays: Vec<_> = def
            .holidays
            .iter()
            .filter(|h| period.contains(h.date))
            .collect();
        holidays.sort_by_key(|h| h.date);
        if !holidays.is_empty() {
            let names: Vec<String> = holidays
                .iter()
                .map(|h| format!("{} (<bdi>{}</bdi>)", l.long_date(h.date), escape(&h.name)))
                .collect();
            let _ = write!(
                out,
                "<span><span class=\"sw holiday\"></span>★ {}{}{}</span>",
                l.page.holiday,
                l.page.colon,
                names.join(" ; ")
            );
        }
        for e in def
            .events
            .iter()
            .filter(|e| e.dates.last >= period.first && e.dates.first <= period.last)
        {
            let _ = write!(
                out,
                "<span><span class=\"sw event\"></span>◆ {}{}<bdi>{}</bdi> ({})</span>",
                l.page.event,
                l.page.colon,
                escape(&e.name),
                l.long_span(e.dates)
            );
        }
        let _ = writeln!(
            out,
            "<span><span class=\"sw out\"></span>{}</span></div>",
            l.page.outside
        );
    }

    /// A duty kind in a legend: its mark, key, name and usual hours.
    fn duty_legend_item(&self, out: &mut String, k: usize) {
        let duty = &self.roster.duties()[k];
        let l = self.labels;
        let _ = write!(
            out,
            "<span><span class=\"sw duty k{}\"></span>{} <bdi>{}</bdi> ({}{}<bdi dir=\"ltr\">{}–{}</bdi>)</span>",
            k % 6,
            key_badge(self.roster, k),
            escape(&duty.name),
            l.page.usual_hours,
            l.page.colon,
            duty.start.format("%H:%M"),
            duty.end.format("%H:%M")
        );
    }

    /// The loads of the report, by staff index.
    fn load_of(&self, staff: usize) -> Option<&'a crate::validate::PersonLoad> {
        let id = &self.roster.staff()[staff].id;
        self.report.people.iter().find(|p| &p.staff == id)
    }

    /// One small table per person.
    fn people_sheet(&self, out: &mut String) {
        let roster = self.roster;
        let l = self.labels;
        out.push_str("<section class=\"sheet people\" id=\"people\">\n");
        self.page_head(out, &format!("{} · people", roster.def().id));
        let _ = writeln!(out, "<h2>{}</h2>", l.page.people);
        let _ = write!(
            out,
            "<p class=\"note\">{}</p>\n<div class=\"legend\">",
            l.page.people_note
        );
        for k in 0..roster.duties().len() {
            self.duty_legend_item(out, k);
        }
        out.push_str("</div>\n<div class=\"legend\">");
        let _ = write!(
            out,
            "<span class=\"title\">{}{}</span>",
            l.page.sites, l.page.colon
        );
        for &site in &self.sites {
            let s = &roster.sites()[site];
            let _ = write!(
                out,
                "<span><span class=\"site-id\">{}</span> <bdi>{}</bdi></span>",
                escape(&s.id),
                escape(&s.name)
            );
        }
        out.push_str("</div>\n<div class=\"cards\">\n");
        for (p, person) in roster.staff().iter().enumerate() {
            let _ = write!(
                out,
                "<article class=\"person\" data-person=\"{}\"><h3><bdi>{}</bdi> <span class=\"id\">{}</span></h3>",
                escape(&person.id),
                escape(&person.name),
                escape(&person.id)
            );
            if let Some(load) = self.load_of(p) {
                let target: f64 = load.per_duty.iter().map(|d| d.target).sum();
                let mut sum = format!(
                    "{}{}{} ({} {}) · {}{}{} {h} ({} {} {h})",
                    l.page.duties,
                    l.page.colon,
                    load.duties,
                    l.page.target,
                    l.number(target),
                    l.page.hours,
                    l.page.colon,
                    l.number(load.hours),
                    l.page.target,
                    l.number(load.hours_target),
                    h = l.page.hours_unit
                );
                if person.share != 1.0 {
                    let _ = write!(
                        sum,
                        " · {}{}{} %",
                        l.page.share,
                        l.page.colon,
                        l.number(person.share * 100.0)
                    );
                }
                let _ = write!(out, "<p class=\"sum\">{sum}</p>");
            }
            let rows: Vec<_> = self
                .printed
                .iter()
                .filter(|(_, a)| a.staff == person.id)
                .collect();
            if rows.is_empty() {
                let _ = writeln!(out, "<p class=\"none\">{}</p></article>", l.page.no_duty);
                continue;
            }
            let _ = write!(
                out,
                "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
                l.page.date, l.page.duty, l.page.site, l.page.hours
            );
            for (slot, _) in rows {
                let _ = write!(
                    out,
                    "<tr><td>{}</td><td>{}</td><td><span class=\"site-id\" title=\"{}\">{}</span></td><td>{}</td></tr>",
                    l.day_month(slot.date),
                    key_badge(roster, slot.duty),
                    escape(&roster.sites()[slot.site].name),
                    escape(&roster.sites()[slot.site].id),
                    hours(slot)
                );
            }
            out.push_str("</tbody></table></article>\n");
        }
        out.push_str("</div>\n</section>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_the_five_characters() {
        assert_eq!(escape("<b>&\"'"), "&lt;b&gt;&amp;&quot;&#39;");
        assert_eq!(escape("Naïma — نعيمة"), "Naïma — نعيمة");
    }

    #[test]
    fn duty_keys_are_letters_then_numbers() {
        assert_eq!(key(0), "A");
        assert_eq!(key(25), "Z");
        assert_eq!(key(26), "27");
    }

    #[test]
    fn data_numbers_are_short() {
        assert_eq!(data_number(2.0), "2");
        assert_eq!(data_number(4.93333), "4.933");
        assert_eq!(data_number(-0.0001), "0");
    }
}
