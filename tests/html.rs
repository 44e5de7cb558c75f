//! `roster.html` end to end: the golden page of the August roster (byte for byte),
//! every assignment in its site's day cell, the fairness chart against the
//! validator, marks for holidays, events and days outside the period, escaping,
//! languages, and a page that needs no network. The page in a real browser (PDF,
//! screenshot, DOM) is checked by `tests/html/browser_check.sh`, which `.ci/run` calls.

mod common;

use common::{read_assignments, root};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use chrono::NaiveDate;
use duty_roster::output::html;
use duty_roster::{
    Assignment, Event, EventCover, Holiday, Roster, RosterDef, read_roster_file, sample, validate,
};

const BIN: &str = env!("CARGO_BIN_EXE_duty-roster");

/// The August roster solved once by the command line into target/html-tests/august,
/// with roster.csv beside roster.html.
fn august() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = root().join("target/html-tests/august");
        let _ = std::fs::remove_dir_all(&out);
        let status = Command::new(BIN)
            .args(["solve", "rosters/aubm-2022-08.toml", "--out"])
            .arg(&out)
            .args(["--format", "csv,html", "--quiet"])
            .current_dir(root())
            .status()
            .expect("run duty-roster");
        assert!(status.success(), "duty-roster solve failed: {status}");
        out
    })
}

fn august_html() -> String {
    std::fs::read_to_string(august().join(html::FILE_NAME)).unwrap()
}

/// roster.csv rows as assignments (Excel style for the August roster).
fn august_assignments() -> Vec<Assignment> {
    read_assignments(&august().join("roster.csv"))
}

fn august_roster() -> Roster {
    read_roster_file(&root().join("rosters/aubm-2022-08.toml")).unwrap()
}

/// The text between the first `from` and the next `to` after it.
fn between<'a>(text: &'a str, from: &str, to: &str) -> Option<&'a str> {
    let start = text.find(from)? + from.len();
    let end = text[start..].find(to)? + start;
    Some(&text[start..end])
}

/// The inside of one day cell of one site's grid.
fn cell<'a>(page: &'a str, site: &str, date: &str) -> &'a str {
    let open = format!(" data-site=\"{site}\" data-date=\"{date}\">");
    assert_eq!(page.matches(&open).count(), 1, "one cell for {site} {date}");
    between(page, &open, "</td>").unwrap()
}

/// One site's section of the page.
fn section<'a>(page: &'a str, site: &str) -> &'a str {
    let open = format!("<section class=\"sheet site\" id=\"site-{site}\" data-site=\"{site}\">");
    between(page, &open, "</section>").unwrap_or_else(|| panic!("no section for {site}"))
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn august_page_matches_the_golden_file() {
    // Determinism is part of the contract: the page is pinned byte for byte.
    let written = std::fs::read(august().join(html::FILE_NAME)).unwrap();
    let golden = root().join("tests/golden/aubm-2022-08/roster.html");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &written).unwrap();
    }
    let expected = std::fs::read(&golden).expect("golden file (UPDATE_GOLDEN=1 writes it)");
    assert!(
        written == expected,
        "roster.html differs from tests/golden/aubm-2022-08/roster.html (UPDATE_GOLDEN=1 rewrites it)"
    );
}

#[test]
fn solve_writes_the_page_of_its_roster_csv() {
    // The command line writes exactly what the library renders for the roster it wrote.
    let roster = august_roster();
    let assignments = august_assignments();
    let report = validate(&roster, &assignments);
    assert!(report.violations.is_empty(), "{:?}", report.violations);
    assert!(html::render(&roster, &assignments, &report) == august_html());
}

#[test]
fn every_assignment_is_in_its_site_and_day_cell() {
    let page = august_html();
    let assignments = august_assignments();
    assert_eq!(assignments.len(), 202);
    for a in &assignments {
        let date = a.date.to_string();
        let site_part = section(&page, &a.site);
        let inside = cell(site_part, &a.site, &date);
        let duty = between(inside, &format!("data-duty=\"{}\"", a.duty), "</div>")
            .unwrap_or_else(|| panic!("{a:?}: no {} duty in the cell", a.duty));
        assert!(
            duty.contains(&format!("<li data-staff=\"{}\">", a.staff)),
            "{a:?}: not in the cell:\n{inside}"
        );
    }
    // and nothing else: each person appears once in the grids per assignment
    let grids: usize = ["bm", "fbs", "azilal", "kbg", "phone", "whatsapp"]
        .iter()
        .map(|s| section(&page, s).matches("<li data-staff=").count())
        .sum();
    assert_eq!(grids, assignments.len());
}

#[test]
fn fairness_chart_draws_the_validator_loads() {
    let page = august_html();
    let roster = august_roster();
    let report = validate(&roster, &august_assignments());
    let chart = between(&page, "<section class=\"sheet fairness\"", "</section>").unwrap();
    assert_eq!(
        chart.matches("<tr data-person=").count(),
        roster.staff().len()
    );
    for load in &report.people {
        let row = between(
            chart,
            &format!("<tr data-person=\"{}\">", load.staff),
            "</tr>",
        )
        .unwrap();
        // one bar per duty kind and one for hours
        assert_eq!(row.matches("<svg class=\"bar\"").count(), 4, "{row}");
        for k in &load.per_duty {
            let attrs = format!(
                "data-kind=\"{}\" data-actual=\"{}\" data-target=\"{}\"",
                k.duty,
                k.count,
                format!("{:.3}", k.target)
                    .trim_end_matches('0')
                    .trim_end_matches('.')
            );
            assert!(row.contains(&attrs), "{attrs} not in {row}");
        }
        let hours = format!("data-kind=\"hours\" data-actual=\"{}\"", load.hours);
        assert!(row.contains(&hours), "{hours} not in {row}");
    }
    // bar = actual (hatched), line = target, readable without colour
    assert!(chart.contains("fill=\"url(#hatch)\" stroke=\"#000\""));
    assert!(chart.contains("<path class=\"target\""));
}

#[test]
fn holidays_events_and_days_outside_the_period_are_marked() {
    let page = august_html();
    let bm = section(&page, "bm");
    let holiday = cell(bm, "bm", "2022-08-14");
    assert!(holiday.contains("Allégeance de Oued Eddahab"), "{holiday}");
    assert!(bm.contains("<td class=\"day holiday\" data-site=\"bm\" data-date=\"2022-08-14\">"));
    let open_day = cell(bm, "bm", "2022-08-08");
    assert!(open_day.contains("<bdi>Journées portes ouvertes MRE"));
    assert!(bm.contains("<td class=\"day event\" data-site=\"bm\" data-date=\"2022-08-08\">"));
    // the open days need a third person at the head office
    let after_hours = between(open_day, "data-duty=\"after-hours\"", "</div>").unwrap();
    assert_eq!(after_hours.matches("<li data-staff=").count(), 3);
    // August 2022 runs Monday 1 to Wednesday 31: Thursday 1 to Sunday 4 September are greyed
    assert_eq!(bm.matches("<td class=\"out\">").count(), 4);
    assert!(bm.contains("<table class=\"month weeks-5\">"));
    // the head names the roster, its period and its revision (10:00 in Casablanca)
    assert!(bm.contains("Période\u{a0}: du 1er août 2022 au 31 août 2022"));
    assert!(bm.contains("Révision\u{a0}: 25 juillet 2022 <bdi dir=\"ltr\">10:00</bdi>"));
    // and a legend explains the marks and the duty kinds
    let legend = between(bm, "<div class=\"legend\">", "</div>").unwrap();
    for text in [
        "Légende",
        "Permanence après 16h30",
        "Permanence du samedi",
        "Jour férié",
        "Événement",
        "Hors période",
    ] {
        assert!(legend.contains(text), "legend lacks {text}");
    }
    assert!(
        !legend.contains("Lignes MRE"),
        "no line duty at the head office"
    );
}

#[test]
fn hours_are_the_local_hours_of_the_slots() {
    let page = august_html();
    let saturday = cell(section(&page, "kbg"), "kbg", "2022-08-06");
    assert!(
        saturday.contains("<bdi dir=\"ltr\">09:00–13:00</bdi>"),
        "{saturday}"
    );
    let weekday = cell(section(&page, "phone"), "phone", "2022-08-01");
    assert!(
        weekday.contains("<bdi dir=\"ltr\">16:30–18:30</bdi>"),
        "{weekday}"
    );
}

#[test]
fn prints_a4_landscape_one_site_per_page() {
    let page = august_html();
    assert!(page.contains("@page{size:A4 landscape"));
    assert!(page.contains(".sheet{margin:0;break-after:page}"));
    // every site of the August roster has slots, so every site has its page
    assert_eq!(page.matches("<section class=\"sheet site\"").count(), 6);
    for (i, site) in ["bm", "fbs", "azilal", "kbg", "phone", "whatsapp"]
        .iter()
        .enumerate()
    {
        let tag = format!("aubm-2022-08 · {site} · {}/6", i + 1);
        assert!(section(&page, site).contains(&tag), "{tag}");
    }
}

#[test]
fn page_is_self_contained() {
    let page = august_html();
    for needle in [
        "http:",
        "https:",
        "//",
        "<script",
        "<link",
        "src=",
        "@import",
        "@font-face",
    ] {
        assert!(!page.contains(needle), "page contains {needle:?}");
    }
    assert_eq!(
        page.matches("url(").count(),
        page.matches("url(#hatch)").count()
    );
    assert!(page.contains("<meta charset=\"utf-8\">"));
}

/// `text` as the page writes it: the five characters HTML gives a meaning escaped.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[test]
fn every_name_sits_in_a_bdi() {
    let page = august_html();
    let roster = august_roster();
    for person in roster.staff() {
        let name = escape(&person.name);
        let all = page.matches(name.as_str()).count();
        let isolated = page.matches(&format!("<bdi>{name}</bdi>")).count();
        assert!(all > 0, "{name} missing");
        assert_eq!(all, isolated, "{name} outside a <bdi>");
    }
}

/// The tiny roster, with its Monday to Friday evenings given to `who`.
fn tiny_page(def: RosterDef, who: &[&str]) -> String {
    let roster = Roster::new(def).unwrap();
    let staff_ids: Vec<String> = roster.staff().iter().map(|s| s.id.clone()).collect();
    let assignments: Vec<Assignment> = who
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let id = staff_ids.iter().find(|s| s.starts_with(w)).unwrap();
            Assignment::new(
                d("2022-08-01") + chrono::Days::new(i as u64),
                "evening",
                "hq",
                id,
            )
        })
        .collect();
    let report = validate(&roster, &assignments);
    html::render(&roster, &assignments, &report)
}

#[test]
fn names_with_markup_characters_show_as_text() {
    // A staff name is data, never markup: `<`, `&` and quotes must come out escaped.
    let mut def = sample::tiny_roster_def();
    def.name = "Tiny & <co>".into();
    def.staff[0].name = "Amina <b>&\"'".into();
    def.staff[1].id = "B\"<x>".into();
    def.sites[0].name = "\"Head\" <office>".into();
    def.duties[0].name = "Evening's <desk>".into();
    def.holidays = vec![Holiday::new(d("2022-08-06"), "<i>Fête</i>")];
    let mut event = Event::new(
        "e",
        "Open & <days>",
        duty_roster::DateRange::single(d("2022-08-02")),
    );
    event.cover.push(EventCover::new("evening", "hq", 0));
    def.events = vec![event];
    let page = tiny_page(def, &["A", "B", "C", "A", "B"]);
    for raw in ["<b>", "<co>", "<x>", "<office>", "<desk>", "<i>", "<days>"] {
        assert!(!page.contains(raw), "{raw} left as markup");
    }
    assert!(page.contains("<li data-staff=\"A\"><bdi>Amina &lt;b&gt;&amp;&quot;&#39;</bdi></li>"));
    assert!(page.contains("<li data-staff=\"B&quot;&lt;x&gt;\">"));
    assert!(page.contains("<title>Tableau des permanences — Tiny &amp; &lt;co&gt;</title>"));
    assert!(page.contains("&lt;i&gt;Fête&lt;/i&gt;"));
    assert!(page.contains("Open &amp; &lt;days&gt;"));
    assert!(page.contains("Evening&#39;s &lt;desk&gt;"));
}

#[test]
fn arabic_roster_turns_the_page_right_to_left() {
    let mut def = sample::tiny_roster_def();
    def.settings.language = "ar".into();
    def.staff[0].name = "سلمى الإدريسي".into();
    let page = tiny_page(def, &["A", "B", "C", "A", "B"]);
    assert!(page.contains("<html lang=\"ar\" dir=\"rtl\">"));
    // weekday and month names in Arabic as written in Morocco
    assert!(page.contains("<th scope=\"col\">الاثنين</th>"));
    assert!(page.contains("من 1 غشت 2022 إلى 7 غشت 2022"));
    assert!(page.contains("<bdi>سلمى الإدريسي</bdi>"));
    assert!(page.contains("مفتاح الرموز"));
}

#[test]
fn english_labels_and_weekdays() {
    let mut def = sample::tiny_roster_def();
    def.settings.language = "en".into();
    let page = tiny_page(def, &["A", "B", "C", "A", "B"]);
    assert!(page.contains("<html lang=\"en\" dir=\"ltr\">"));
    assert!(page.contains("<th scope=\"col\">Monday</th>"));
    assert!(page.contains("Period: 1 August 2022 to 7 August 2022"));
    assert!(page.contains("Legend: "));
    assert!(page.contains("Revision: undated"));
}

#[test]
fn unfilled_slot_and_person_without_duty_are_shown() {
    // Friday's evening has nobody; C has no duty at all.
    let page = tiny_page(sample::tiny_roster_def(), &["A", "B", "A", "B"]);
    let friday = cell(&page, "hq", "2022-08-05");
    assert!(
        friday.contains("<li class=\"unfilled\">À pourvoir\u{a0}: 1</li>"),
        "{friday}"
    );
    let c = between(
        &page,
        "<article class=\"person\" data-person=\"C\">",
        "</article>",
    )
    .unwrap();
    assert!(c.contains("Aucune permanence"), "{c}");
    let a = between(
        &page,
        "<article class=\"person\" data-person=\"A\">",
        "</article>",
    )
    .unwrap();
    assert_eq!(a.matches("<tr><td>").count(), 2, "{a}");
    assert!(a.contains("lundi 1er août"));
}

#[test]
fn rendering_twice_gives_the_same_bytes() {
    let def = sample::tiny_roster_def();
    assert_eq!(
        tiny_page(def.clone(), &["A", "B", "C", "A", "B"]),
        tiny_page(def, &["A", "B", "C", "A", "B"])
    );
}
