//! Unit tests of the calendar output: escaping, folding, UTC instants across the
//! 2022 Ramadan clock changes, UIDs, reminders and calendar properties.

use std::collections::HashSet;

use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};

use super::*;
use crate::sample::tiny_roster_def;
use crate::{DateRange, Roster, Site, SiteCover, Staff};

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// The logical lines of a calendar: continuation lines joined, CRLF removed.
fn unfold(bytes: &[u8]) -> Vec<String> {
    let text = std::str::from_utf8(bytes).unwrap();
    assert!(text.ends_with("\r\n"));
    text.replace("\r\n ", "")
        .trim_end_matches("\r\n")
        .split("\r\n")
        .map(str::to_string)
        .collect()
}

/// A TEXT value as a parser reads it back.
fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => panic!("dangling backslash in {value:?}"),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The values of property `name` (without parameters) in unfolded lines.
fn values(lines: &[String], name: &str) -> Vec<String> {
    let prefix = format!("{name}:");
    lines
        .iter()
        .filter_map(|l| l.strip_prefix(&prefix))
        .map(str::to_string)
        .collect()
}

fn assign(d: &str, person: &str) -> Assignment {
    Assignment::new(date(d), "evening", "hq", person)
}

/// The tiny roster with a site name, address and people that need escaping.
fn awkward_roster() -> Roster {
    let mut def = tiny_roster_def();
    def.sites[0] = Site {
        id: "hq".into(),
        name: "Annexe Azilal, 1er étage; salle \\B\nالملحقة — أزيلال".into(),
        address: Some("Avenue Mohammed VI, 22000 Azilal".into()),
        phone: Some("0523484046".into()),
        open_to_all: false,
    };
    def.staff[0].name = "Fatima Zahra Alaoui — فاطمة الزهراء العلوي".into();
    def.staff[1].name = "Saïd Aït Brahim; \"Si Saïd\", سعيد آيت إبراهيم".into();
    def.duties[0].cover = vec![SiteCover::exactly("hq", 2)];
    def.settings.reminder_minutes = Some(1440);
    def.revision = Some(Utc.with_ymd_and_hms(2022, 7, 25, 9, 0, 0).unwrap());
    Roster::new(def).unwrap()
}

fn awkward_assignments() -> Vec<Assignment> {
    vec![
        assign("2022-08-01", "A"),
        assign("2022-08-01", "B"),
        assign("2022-08-02", "A"),
        assign("2022-08-02", "C"),
    ]
}

#[test]
fn text_values_come_back_whole_after_escaping() {
    let roster = awkward_roster();
    let site = &roster.sites()[0];
    let lines = unfold(&render_site(&roster, &awkward_assignments(), "hq"));
    for location in values(&lines, "LOCATION") {
        assert!(location.contains("\\,") && location.contains("\\;") && location.contains("\\n"));
        assert_eq!(
            unescape(&location),
            format!("{}, {}", site.name, site.address.as_ref().unwrap())
        );
    }
    assert_eq!(unescape(&values(&lines, "NAME")[0]), site.name);
    assert_eq!(unescape(&values(&lines, "X-WR-CALNAME")[0]), site.name);
    let description = unescape(&values(&lines, "DESCRIPTION")[0]);
    assert!(description.contains("- A Fatima Zahra Alaoui — فاطمة الزهراء العلوي\n"));
    assert!(description.contains("- B Saïd Aït Brahim; \"Si Saïd\", سعيد آيت إبراهيم"));
    assert!(description.ends_with("\nTéléphone : 0523484046"));
}

#[test]
fn escaping_covers_commas_semicolons_backslashes_newlines_and_controls() {
    assert_eq!(text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    assert_eq!(text("a\r\nb\rc"), "a\\nb\\nc");
    assert_eq!(text("سلمى، الإدريسي"), "سلمى، الإدريسي"); // the Arabic comma is not special
    assert_eq!(text("tab\there\u{0}\u{1b}"), "tab\there  ");
    assert_eq!(
        unescape(&text("Annexe Azilal, 1er étage")),
        "Annexe Azilal, 1er étage"
    );
}

#[test]
fn every_line_is_crlf_and_at_most_75_octets_with_arabic_names() {
    let roster = awkward_roster();
    let files = render(&roster, &awkward_assignments(), &CalendarOptions::default());
    assert_eq!(files.len(), 3 + 1 + 1);
    let mut folded = 0;
    for file in &files {
        let text = std::str::from_utf8(&file.bytes).unwrap();
        assert!(
            !text.replace("\r\n", "").contains(['\r', '\n']),
            "bare CR or LF"
        );
        for line in text.trim_end_matches("\r\n").split("\r\n") {
            assert!(
                line.len() <= MAX_LINE_OCTETS,
                "{} octets: {line}",
                line.len()
            );
            folded += usize::from(line.starts_with(' '));
        }
    }
    assert!(folded > 10, "long Arabic values are folded");
}

/// A roster of one 16:30–18:30 weekday duty in `period`, in Casablanca.
fn evenings(first: &str, last: &str) -> Roster {
    let mut def = tiny_roster_def();
    def.period = DateRange::new(date(first), date(last));
    Roster::new(def).unwrap()
}

fn starts_and_ends(roster: &Roster, dates: &[&str]) -> Vec<(String, String)> {
    let assignments: Vec<Assignment> = dates.iter().map(|d| assign(d, "A")).collect();
    let lines = unfold(&render_staff(roster, &assignments, "A"));
    values(&lines, "DTSTART")
        .into_iter()
        .zip(values(&lines, "DTEND"))
        .collect()
}

#[test]
fn utc_instants_follow_the_2022_ramadan_clock_changes() {
    // Africa/Casablanca: UTC+1, back to UTC+0 on 27 March 2022 at 03:00, forward to
    // UTC+1 again on 8 May 2022 at 02:00.
    let march = evenings("2022-03-24", "2022-03-30");
    assert_eq!(
        starts_and_ends(&march, &["2022-03-25", "2022-03-28"]),
        [
            ("20220325T153000Z".into(), "20220325T173000Z".into()),
            ("20220328T163000Z".into(), "20220328T183000Z".into()),
        ]
    );
    let may = evenings("2022-05-05", "2022-05-11");
    assert_eq!(
        starts_and_ends(&may, &["2022-05-06", "2022-05-09"]),
        [
            ("20220506T163000Z".into(), "20220506T183000Z".into()),
            ("20220509T153000Z".into(), "20220509T173000Z".into()),
        ]
    );
    // The issue's own example: 16:30 local is 15:30Z in August, 16:30Z in April.
    let august = evenings("2022-08-08", "2022-08-08");
    assert_eq!(
        starts_and_ends(&august, &["2022-08-08"])[0].0,
        "20220808T153000Z"
    );
    let april = evenings("2022-04-12", "2022-04-12");
    assert_eq!(
        starts_and_ends(&april, &["2022-04-12"])[0].0,
        "20220412T163000Z"
    );
}

#[test]
fn descriptions_give_local_hours_colleagues_and_the_phone() {
    let roster = awkward_roster();
    let lines = unfold(&render_staff(&roster, &awkward_assignments(), "A"));
    let descriptions: Vec<String> = values(&lines, "DESCRIPTION")
        .iter()
        .map(|d| unescape(d))
        .collect();
    // The first DESCRIPTION is the event's, the second its alarm's.
    assert!(
        descriptions[0].starts_with(
            "Evening desk\nHeure locale (Africa/Casablanca) : lundi 2022-08-01, 16:30–18:30\nAvec :\n- B Saïd"
        ),
        "{}",
        descriptions[0]
    );
    let mut def = roster.def().clone();
    def.settings.language = "en".into();
    def.staff[2].unavailable.clear();
    let english = Roster::new(def).unwrap();
    let lines = unfold(&render_staff(&english, &[assign("2022-08-03", "A")], "A"));
    let description = unescape(&values(&lines, "DESCRIPTION")[0]);
    assert!(description.contains("Local time (Africa/Casablanca): Wednesday 2022-08-03, 16:30–18:30\nNobody else on this slot\nPhone: 0523484046"), "{description}");
}

#[test]
fn overnight_duties_show_both_local_dates() {
    let mut def = tiny_roster_def();
    def.duties[0].start = NaiveTime::from_hms_opt(22, 0, 0).unwrap();
    def.duties[0].end = NaiveTime::from_hms_opt(6, 0, 0).unwrap();
    def.duties[0].overnight = true;
    let roster = Roster::new(def).unwrap();
    let lines = unfold(&render_staff(&roster, &[assign("2022-08-01", "A")], "A"));
    assert_eq!(values(&lines, "DTSTART"), ["20220801T210000Z"]);
    assert_eq!(values(&lines, "DTEND"), ["20220802T050000Z"]);
    let description = unescape(&values(&lines, "DESCRIPTION")[0]);
    assert!(
        description.contains("lundi 2022-08-01 22:00 – mardi 2022-08-02 06:00"),
        "{description}"
    );
}

#[test]
fn calendars_are_published_named_and_stamped_by_the_revision() {
    let roster = awkward_roster();
    for file in render(&roster, &awkward_assignments(), &CalendarOptions::default()) {
        let lines = unfold(&file.bytes);
        assert_eq!(lines[0], "BEGIN:VCALENDAR");
        assert_eq!(values(&lines, "VERSION"), ["2.0"]);
        assert_eq!(
            values(&lines, "PRODID"),
            [format!(
                "-//duty-roster//duty-roster {}//EN",
                env!("CARGO_PKG_VERSION")
            )]
        );
        assert_eq!(values(&lines, "METHOD"), ["PUBLISH"]);
        assert!(
            !lines
                .iter()
                .any(|l| l.starts_with("ATTENDEE") || l.starts_with("ORGANIZER"))
        );
        assert_eq!(values(&lines, "NAME"), values(&lines, "X-WR-CALNAME"));
        let stamps = values(&lines, "DTSTAMP");
        assert_eq!(stamps.len(), file.events);
        assert!(stamps.iter().all(|s| s == "20220725T090000Z"));
        let uids = values(&lines, "UID");
        assert_eq!(uids.len(), file.events);
        assert_eq!(
            uids.iter().collect::<HashSet<_>>().len(),
            uids.len(),
            "unique UIDs"
        );
    }
}

#[test]
fn calendar_names_follow_the_owner() {
    let roster = awkward_roster();
    let files = render(&roster, &awkward_assignments(), &CalendarOptions::default());
    let name = |owner: Owner| {
        let file = files.iter().find(|f| f.owner == owner).unwrap();
        unescape(&values(&unfold(&file.bytes), "X-WR-CALNAME")[0])
    };
    assert_eq!(
        name(Owner::Staff("A".into())),
        "Permanences — Fatima Zahra Alaoui — فاطمة الزهراء العلوي"
    );
    assert_eq!(name(Owner::Site("hq".into())), roster.sites()[0].name);
    assert_eq!(name(Owner::Roster), "Tiny roster");
}

#[test]
fn dtstamp_without_revision_is_the_first_day_at_midnight_utc() {
    let roster = crate::sample::tiny_roster();
    let lines = unfold(&render_roster(&roster, &[assign("2022-08-01", "A")]));
    assert_eq!(values(&lines, "DTSTAMP"), ["20220801T000000Z"]);
}

#[test]
fn reminders_are_in_personal_calendars_only() {
    let roster = awkward_roster();
    let files = render(&roster, &awkward_assignments(), &CalendarOptions::default());
    for file in &files {
        let lines = unfold(&file.bytes);
        let alarms = lines.iter().filter(|l| *l == "BEGIN:VALARM").count();
        if matches!(file.owner, Owner::Staff(_)) {
            assert_eq!(alarms, file.events);
            assert_eq!(values(&lines, "TRIGGER").len(), file.events);
            assert!(values(&lines, "TRIGGER").iter().all(|t| t == "-PT1440M"));
            assert!(values(&lines, "ACTION").iter().all(|t| t == "DISPLAY"));
        } else {
            assert_eq!(alarms, 0);
        }
    }
    let plain = crate::sample::tiny_roster();
    let text = String::from_utf8(render_staff(&plain, &[assign("2022-08-01", "A")], "A")).unwrap();
    assert!(!text.contains("VALARM"));
}

#[test]
fn slot_calendars_have_one_event_per_slot_listing_everyone() {
    let roster = awkward_roster();
    let files = render(&roster, &awkward_assignments(), &CalendarOptions::default());
    let all = files.iter().find(|f| f.owner == Owner::Roster).unwrap();
    assert_eq!(all.events, 2);
    let lines = unfold(&all.bytes);
    assert_eq!(
        values(&lines, "UID"),
        [
            "tiny_20220801_hq_evening@duty-roster",
            "tiny_20220802_hq_evening@duty-roster"
        ]
    );
    let description = unescape(&values(&lines, "DESCRIPTION")[1]);
    assert!(
        description.contains("De permanence :\n- A Fatima"),
        "{description}"
    );
    assert!(description.contains("\n- C Chama"), "{description}");
    let staff: Vec<&Owner> = files.iter().map(|f| &f.owner).collect();
    assert_eq!(
        staff,
        [
            &Owner::Staff("A".into()),
            &Owner::Staff("B".into()),
            &Owner::Staff("C".into()),
            &Owner::Site("hq".into()),
            &Owner::Roster
        ]
    );
}

#[test]
fn people_without_duties_and_unknown_assignments_get_no_calendar() {
    let roster = crate::sample::tiny_roster();
    let assignments = [
        assign("2022-08-01", "A"),
        assign("2022-08-01", "A"), // a duplicate gives one event
        assign("2022-08-01", "nobody"),
        Assignment::new(date("2022-08-06"), "evening", "hq", "B"), // no slot on Saturday
    ];
    let files = render(&roster, &assignments, &CalendarOptions::default());
    let paths: Vec<String> = files.iter().map(|f| f.path.display().to_string()).collect();
    assert_eq!(
        paths,
        [
            "calendars/staff/A.ics",
            "calendars/sites/hq.ics",
            "calendars/roster.ics"
        ]
    );
    assert!(files.iter().all(|f| f.events == 1));
}

#[test]
fn keyed_names_hide_staff_ids() {
    let roster = crate::sample::tiny_roster();
    let key = NameKey::new(b"a key of at least sixteen bytes".to_vec()).unwrap();
    let options = CalendarOptions {
        file_names: FileNames::Keyed(key.clone()),
        previous: None,
    };
    let files = render(&roster, &[assign("2022-08-01", "A")], &options);
    assert_eq!(
        files[0].path,
        Path::new("calendars/staff").join(format!("{}.ics", keyed_file_stem(&key, "A")))
    );
    assert_eq!(files[0].owner, Owner::Staff("A".into()));
}

#[test]
fn rendering_is_deterministic() {
    let roster = awkward_roster();
    let once = render(&roster, &awkward_assignments(), &CalendarOptions::default());
    let twice = render(&roster, &awkward_assignments(), &CalendarOptions::default());
    assert_eq!(once, twice);
}

#[test]
fn uids_are_injective_over_awkward_ids() {
    let d = date("2022-08-01");
    let a = event_uid("r", d, "a_b", "c", None);
    let b = event_uid("r", d, "a", "b_c", None);
    assert_ne!(a, b);
    assert_eq!(
        event_uid("r@x", d, "سلمى", "d", Some("e f")),
        "r%40x_20220801_%D8%B3%D9%84%D9%85%D9%89_d_e%20f@duty-roster"
    );
}

#[test]
fn staff_files_are_named_by_safe_ids() {
    let mut def = tiny_roster_def();
    def.staff.push(Staff::new("a/b", "Slash", "hq"));
    let roster = Roster::new(def).unwrap();
    let files = render(
        &roster,
        &[assign("2022-08-01", "a/b")],
        &CalendarOptions::default(),
    );
    let name = files[0].path.file_name().unwrap().to_str().unwrap();
    assert!(name.starts_with("a_b-") && name.ends_with(".ics"), "{name}");
}

/// The tiny roster published at `hour` o'clock on 2022-07-25 (its `revision`).
fn revised(hour: u32) -> Roster {
    let mut def = tiny_roster_def();
    def.revision = Some(Utc.with_ymd_and_hms(2022, 7, 25, hour, 0, 0).unwrap());
    Roster::new(def).unwrap()
}

/// Renders with `previous`; returns the files by path and the state.
fn versioned(
    roster: &Roster,
    assignments: &[Assignment],
    previous: Option<CalendarState>,
) -> (std::collections::BTreeMap<String, String>, CalendarState) {
    let options = CalendarOptions {
        previous,
        ..Default::default()
    };
    let (files, state) = render_with_state(roster, assignments, &options);
    let files = files
        .into_iter()
        .map(|f| (key(&f.path), String::from_utf8(f.bytes).unwrap()))
        .collect();
    (files, state)
}

/// The lines of the event with `uid` in `calendar`.
fn event_lines<'a>(calendar: &'a str, uid: &str) -> Vec<&'a str> {
    let start = calendar.find(&format!("UID:{uid}\r\n")).expect("event");
    let begin = calendar[..start].rfind("BEGIN:VEVENT").unwrap();
    let end = begin + calendar[begin..].find("END:VEVENT").unwrap();
    calendar[begin..end].split("\r\n").collect()
}

#[test]
fn a_replan_with_its_own_state_and_no_change_writes_the_same_bytes() {
    let week = [assign("2022-08-01", "A"), assign("2022-08-02", "B")];
    let (first, state) = versioned(&revised(9), &week, None);
    let (again, state_again) = versioned(&revised(10), &week, Some(state.clone()));
    assert_eq!(first, again);
    assert_eq!(state, state_again);
}

#[test]
fn a_duty_moved_to_another_person_is_cancelled_in_the_first_calendar() {
    let before = [assign("2022-08-01", "A"), assign("2022-08-02", "A")];
    let (_, state) = versioned(&revised(9), &before, None);
    let after = [assign("2022-08-01", "A"), assign("2022-08-02", "B")];
    let (files, state) = versioned(&revised(10), &after, Some(state));
    let moved = "tiny_20220802_hq_evening_A@duty-roster";
    let a = &files["calendars/staff/A.ics"];
    let cancelled = event_lines(a, moved);
    for line in [
        "STATUS:CANCELLED",
        "SEQUENCE:1",
        "DTSTAMP:20220725T100000Z",
        "LAST-MODIFIED:20220725T100000Z",
        "DTSTART:20220802T153000Z",
    ] {
        assert!(cancelled.contains(&line), "{line} not in {cancelled:?}");
    }
    // A's other duty is as it was; B's new one is new.
    let kept = event_lines(a, "tiny_20220801_hq_evening_A@duty-roster");
    assert!(kept.contains(&"DTSTAMP:20220725T090000Z"));
    assert!(!kept.iter().any(|l| l.starts_with("SEQUENCE")));
    let new = event_lines(
        &files["calendars/staff/B.ics"],
        "tiny_20220802_hq_evening_B@duty-roster",
    );
    assert!(
        !new.iter()
            .any(|l| l.starts_with("SEQUENCE") || l.starts_with("STATUS"))
    );
    // The desk's event lists other people now: same UID, one sequence higher.
    let desk = event_lines(
        &files["calendars/roster.ics"],
        "tiny_20220802_hq_evening@duty-roster",
    );
    assert!(desk.contains(&"SEQUENCE:1") && desk.contains(&"LAST-MODIFIED:20220725T100000Z"));
    // Published again, the cancellation stays as it was.
    let (again, _) = versioned(&revised(11), &after, Some(state));
    assert_eq!(
        event_lines(&again["calendars/staff/A.ics"], moved),
        cancelled
    );
}

#[test]
fn a_person_left_with_no_duty_keeps_a_calendar_of_cancellations() {
    let (_, state) = versioned(&revised(9), &[assign("2022-08-03", "C")], None);
    let (files, state) = versioned(&revised(10), &[assign("2022-08-03", "A")], Some(state));
    let c = &files["calendars/staff/C.ics"];
    assert_eq!(c.matches("BEGIN:VEVENT").count(), 1);
    assert!(c.contains("STATUS:CANCELLED\r\n"));
    assert!(
        state.calendars["calendars/staff/C.ics"]
            .events
            .values()
            .all(|e| e.cancelled)
    );
}

#[test]
fn the_state_of_another_roster_is_not_followed() {
    let week = [assign("2022-08-01", "A")];
    let (_, mut state) = versioned(&revised(9), &week, None);
    state.roster = "another".into();
    let (files, _) = versioned(&revised(10), &[assign("2022-08-01", "B")], Some(state));
    assert!(!files.contains_key("calendars/staff/A.ics"));
    assert!(!files["calendars/roster.ics"].contains("SEQUENCE"));
}
