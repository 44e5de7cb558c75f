//! Tests of the roster file reader: every error names the file, line and column,
//! the shipped rosters parse, and the example of `docs/roster-format.md` parses.

use std::path::Path;

use chrono::{NaiveDate, NaiveTime, Weekday};

use super::{parse_roster_toml, read_roster_file};
use crate::{ReadError, Roster, Strength};

/// A small valid roster; the tests below change one thing in it. Line numbers
/// matter: they are in the expected messages.
const BASE: &str = r#"[roster]
id = "t"
name = "Test"
first = 2022-08-01
last = 2022-08-07
time_zone = "Africa/Casablanca"

[[site]]
id = "bm"
name = "Siège"

[[site]]
id = "fbs"
name = "Annexe"

[[duty]]
id = "after-hours"
name = "Après 16h30"
weekdays = ["mon", "tue", "wed", "thu", "fri"]
start = "16:30"
end = "18:30"
  [[duty.cover]]
  site = "bm"
  min = 1

[[staff]]
id = "BM-01"
name = "Salma"
home = "bm"

[[staff]]
id = "BM-02"
name = "Youssef"
home = "bm"

[rules]
one_duty_per_day = "hard"

[[pin]]
date = 2022-08-02
duty = "after-hours"
site = "bm"
staff = "BM-01"
"#;

fn parse(text: &str) -> Result<Roster, ReadError> {
    parse_roster_toml(text, Path::new("roster.toml"))
}

/// The error of `BASE` with `from` (found exactly once) replaced by `to`.
fn error_with(from: &str, to: &str) -> String {
    assert_eq!(
        BASE.matches(from).count(),
        1,
        "`{from}` must occur once in BASE"
    );
    match parse(&BASE.replacen(from, to, 1)) {
        Ok(_) => panic!("replacing `{from}` by `{to}` should fail"),
        Err(e) => e.to_string(),
    }
}

fn shipped(name: &str) -> Roster {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("rosters")
        .join(name);
    read_roster_file(&path).unwrap_or_else(|e| panic!("{e}"))
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn input_base_roster_is_valid() {
    let roster = parse(BASE).unwrap();
    assert_eq!(roster.slots().len(), 5);
    assert_eq!(roster.def().pins.len(), 1);
}

// ---------------------------------------------------------------- errors

#[test]
fn input_toml_syntax_error_has_line_and_column() {
    assert_eq!(
        error_with("name = \"Salma\"", "name = \"Salma"),
        "roster.toml:28:14: invalid basic string, expected `\"`"
    );
}

#[test]
fn input_unknown_field_lists_the_valid_ones() {
    assert_eq!(
        error_with("name = \"Salma\"\nhome", "name = \"Salma\"\nhom"),
        "roster.toml:29:1: unknown field `hom`, expected one of `id`, `name`, `home`, `sites`, \
         `skills`, `share`, `unavailable`, `preference`, `max_duties`, `min_duties`, \
         `max_minutes`, `min_minutes`, `max_consecutive_days`, `min_consecutive_days`, \
         `min_consecutive_days_off`, `max_weekends`, `max_per_duty`"
    );
}

#[test]
fn input_unknown_field_in_an_inline_table_is_located() {
    assert_eq!(
        error_with(
            "name = \"Salma\"\n",
            "name = \"Salma\"\nunavailable = [{ date = 2022-08-03, reson = \"x\" }]\n"
        ),
        "roster.toml:29:37: unknown field `reson`, expected one of `date`, `from`, `to`, `reason`"
    );
}

#[test]
fn input_unknown_home_site_points_at_the_home_value() {
    assert_eq!(
        error_with(
            "name = \"Youssef\"\nhome = \"bm\"",
            "name = \"Youssef\"\nhome = \"azl\""
        ),
        "roster.toml:34:8: staff[1].home: unknown site `azl` (known: bm, fbs)"
    );
}

#[test]
fn input_duplicate_staff_id_points_at_the_second_id() {
    assert_eq!(
        error_with("id = \"BM-02\"", "id = \"BM-01\""),
        "roster.toml:32:6: staff[1].id: duplicate id `BM-01`"
    );
}

#[test]
fn input_end_before_start_points_at_the_end() {
    assert_eq!(
        error_with("end = \"18:30\"", "end = \"16:00\""),
        "roster.toml:21:7: duty[0].end: end time 16:00 is not after start time 16:30 \
         (set `overnight = true` for a duty that ends the next day)"
    );
}

#[test]
fn input_pin_outside_the_period_points_at_its_date() {
    assert_eq!(
        error_with("date = 2022-08-02", "date = 2022-08-09"),
        "roster.toml:40:8: pin[0].date: 2022-08-09 is outside the period 2022-08-01 to 2022-08-07"
    );
}

#[test]
fn input_pin_without_a_slot_points_at_the_pin_table() {
    // The validator names `pin[0]` itself: the closest recorded span is its header.
    assert_eq!(
        error_with("date = 2022-08-02", "date = 2022-08-06"),
        "roster.toml:39:1: pin[0]: duty `after-hours` does not run on 2022-08-06, a Sat: \
         it runs on Mon, Tue, Wed, Thu, Fri (its `weekdays`)"
    );
}

#[test]
fn input_unknown_weekday_lists_the_valid_ones() {
    assert_eq!(
        error_with("\"thu\", \"fri\"", "\"thu\", \"fry\""),
        "roster.toml:19:41: duty[0].weekdays[4]: unknown weekday `fry` \
         (valid: mon, tue, wed, thu, fri, sat, sun, or full English names)"
    );
}

#[test]
fn input_negative_cover_fails_at_the_number() {
    assert_eq!(
        error_with("min = 1", "min = -1"),
        "roster.toml:24:9: invalid value: integer `-1`, expected a whole number, 0 or more"
    );
}

#[test]
fn input_soft_weight_zero_is_refused() {
    assert_eq!(
        error_with(
            "[[pin]]",
            "  [[rules.forbidden_succession]]\n  first = \"after-hours\"\n  then = \"after-hours\"\n  weight = 0\n\n[[pin]]"
        ),
        "roster.toml:42:12: rules.forbidden_succession[0].weight: weight must be at least 1; \
         omit it for a hard rule"
    );
    assert_eq!(
        error_with(
            "one_duty_per_day = \"hard\"",
            "min_rest_hours = { hours = 11, weight = 0 }"
        ),
        "roster.toml:37:41: rules.min_rest_hours.weight: weight must be at least 1; omit it for a hard rule"
    );
    assert_eq!(
        error_with(
            "one_duty_per_day = \"hard\"",
            "one_duty_per_day = { weight = 0 }"
        ),
        "roster.toml:37:20: rules.one_duty_per_day: weight must be at least 1; write \"hard\" for a hard rule"
    );
}

#[test]
fn input_cover_weight_zero_is_refused() {
    assert_eq!(
        error_with("  min = 1\n", "  min = 1\n  under_weight = 0\n"),
        "roster.toml:25:18: duty[0].cover[0].under_weight: under_weight must be at least 1; \
         omit it for a hard minimum"
    );
}

#[test]
fn input_bad_date_string_points_at_it() {
    assert_eq!(
        error_with("date = 2022-08-02", "date = \"2022-08-32\""),
        "roster.toml:40:8: pin[0].date: expected a date such as 2022-08-01, found \"2022-08-32\""
    );
}

#[test]
fn input_bad_time_points_at_it() {
    assert_eq!(
        error_with("start = \"16:30\"", "start = \"4:30 pm\""),
        "roster.toml:20:9: duty[0].start: expected a time such as 16:30 or 16:30:00, found \"4:30 pm\""
    );
}

#[test]
fn input_date_range_errors_point_at_the_faulty_date() {
    let event =
        "[[event]]\nid = \"e\"\nname = \"E\"\nfrom = 2022-08-05\nto = 2022-08-04\n\n[rules]";
    assert_eq!(
        error_with("[rules]", event),
        "roster.toml:40:6: event[0].dates: ends (2022-08-04) before it starts (2022-08-05)"
    );
    assert_eq!(
        error_with(
            "name = \"Salma\"\n",
            "name = \"Salma\"\nunavailable = [{ from = 2022-08-01 }]\n"
        ),
        "roster.toml:29:25: staff[0].unavailable[0].from: `from` needs a `to` (or give a single `date`)"
    );
    assert_eq!(
        error_with(
            "name = \"Salma\"\n",
            "name = \"Salma\"\nunavailable = [{ date = 2022-09-01 }]\n"
        ),
        "roster.toml:29:16: staff[0].unavailable[0]: 2022-09-01 is outside the period 2022-08-01 to 2022-08-07"
    );
}

#[test]
fn input_unknown_time_zone_points_at_it() {
    assert_eq!(
        error_with("\"Africa/Casablanca\"", "\"Africa/Beni_Mellal\""),
        "roster.toml:6:13: roster.time_zone: unknown time zone `Africa/Beni_Mellal` \
         (an IANA name such as `Africa/Casablanca`)"
    );
}

#[test]
fn input_unknown_language_points_at_it_and_lists_the_valid_ones() {
    assert_eq!(
        error_with("[rules]\n", "[settings]\nlanguage = \"de\"\n\n[rules]\n"),
        "roster.toml:37:12: settings.language: unknown language `de` (valid: fr, ar, en)"
    );
    let with_arabic = BASE.replacen("[rules]\n", "[settings]\nlanguage = \"ar\"\n\n[rules]\n", 1);
    let roster = parse(&with_arabic).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(roster.language(), crate::Language::Ar);
}

#[test]
fn input_type_errors_do_not_show_rust_type_names() {
    let err = parse("roster = 3\n").unwrap_err().to_string();
    assert_eq!(
        err,
        "roster.toml:1:10: invalid type: integer `3`, expected a table"
    );
    let err = error_with(
        "home = \"bm\"\n\n[[staff]]\nid = \"BM-02\"",
        "home = \"bm\"\nshare = \"half\"\n\n[[staff]]\nid = \"BM-02\"",
    );
    assert_eq!(
        err,
        "roster.toml:30:9: invalid type: string \"half\", expected a number"
    );
}

#[test]
fn input_missing_section_is_named() {
    let err = error_with(
        "[[staff]]\nid = \"BM-01\"\nname = \"Salma\"\nhome = \"bm\"\n\n[[staff]]\nid = \"BM-02\"\nname = \"Youssef\"\nhome = \"bm\"\n\n",
        "",
    );
    assert!(err.starts_with("roster.toml"), "{err}");
    assert!(err.ends_with("missing field `staff`"), "{err}");
}

#[test]
fn input_missing_file_is_an_io_error() {
    let err = read_roster_file(Path::new("no/such/roster.toml")).unwrap_err();
    assert!(matches!(err, ReadError::Io { .. }));
    assert!(
        err.to_string()
            .starts_with("no/such/roster.toml: cannot read: "),
        "{err}"
    );
}

#[test]
fn input_byte_order_mark_is_ignored() {
    let roster = parse(&format!("\u{feff}{BASE}")).unwrap();
    assert_eq!(roster.def().id, "t");
    let err = parse(&format!("\u{feff}{}", BASE.replace("min = 1", "min = -1"))).unwrap_err();
    assert!(err.to_string().starts_with("roster.toml:24:9: "), "{err}");
}

// ---------------------------------------------------------------- the documented example

/// The first ```toml block of `docs/roster-format.md`: the complete example.
fn documented_example() -> &'static str {
    let doc = include_str!("../../docs/roster-format.md");
    let start = doc.find("```toml\n").expect("a ```toml block") + "```toml\n".len();
    let end = start + doc[start..].find("```").expect("the end of the block");
    &doc[start..end]
}

#[test]
fn input_documented_example_parses() {
    let roster = parse(documented_example()).unwrap_or_else(|e| panic!("{e}"));
    let def = roster.def();
    assert_eq!(
        def.revision.map(|r| r.to_rfc3339()),
        Some("2022-07-25T09:00:00+00:00".into())
    );
    assert_eq!(def.settings.reminder_minutes, Some(1440));
    let duty = &def.duties[0];
    assert_eq!(
        duty.weekdays,
        [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri
        ]
    );
    assert_eq!(duty.start, NaiveTime::from_hms_opt(16, 30, 0).unwrap());
    assert_eq!(duty.times.len(), 1);
    let saturday = &def.duties[1];
    assert_eq!(saturday.cover[0].skills[0].skill, "es");
    let salma = &def.staff[0];
    assert_eq!(salma.unavailable.len(), 2);
    assert_eq!(salma.limits.max_per_duty.get("saturday"), Some(&2));
    assert_eq!(salma.preferences[0].weight, 3);
    assert_eq!(
        def.rules.min_rest_minutes.map(|b| b.value),
        Some(11 * 60 + 30)
    );
    assert_eq!(
        def.rules.forbidden_successions[1].strength,
        Strength::Soft(20)
    );
    assert_eq!(def.rules.max_consecutive_days.map(|b| b.value), Some(3));
    assert_eq!(def.rules.fairness.max_duty_deviation, 100);
    assert_eq!(def.pins.len(), 1);
}

#[test]
fn input_documented_fragments_are_valid_toml() {
    let doc = include_str!("../../docs/roster-format.md");
    let blocks: Vec<&str> = doc
        .split("```toml\n")
        .skip(1)
        .map(|b| &b[..b.find("```").unwrap()])
        .collect();
    assert!(blocks.len() > 3);
    for block in blocks {
        if let Err(e) = block.parse::<toml::Table>() {
            panic!("{e}\nin:\n{block}");
        }
    }
}

// ---------------------------------------------------------------- the shipped rosters

/// For every date, whether the slots can be filled with one duty per person
/// (Hall's condition: every set of the day's slots has as many eligible people as
/// it needs), and every skill need has enough eligible people who have the skill.
fn every_day_can_be_covered(roster: &Roster) {
    let staff = roster.staff().len();
    for date in roster.def().period.days() {
        let slots: Vec<usize> = (0..roster.slots().len())
            .filter(|&s| roster.slots()[s].date == date)
            .collect();
        assert!(slots.len() < 16, "too many slots on {date} for this check");
        for subset in 1u32..(1 << slots.len()) {
            let chosen: Vec<usize> = (0..slots.len())
                .filter(|i| subset & (1 << i) != 0)
                .map(|i| slots[i])
                .collect();
            let need: u32 = chosen.iter().map(|&s| roster.slots()[s].min).sum();
            let people = (0..staff)
                .filter(|&p| chosen.iter().any(|&s| roster.is_eligible(p, s)))
                .count();
            assert!(
                need as usize <= people,
                "{date}: {need} people needed, {people} eligible"
            );
        }
        for &s in &slots {
            for need in &roster.slots()[s].skills {
                let able = (0..staff)
                    .filter(|&p| {
                        roster.is_eligible(p, s) && roster.staff()[p].skills.contains(&need.skill)
                    })
                    .count();
                assert!(
                    need.count as usize <= able,
                    "{date}: not enough `{}` speakers",
                    need.skill
                );
            }
        }
    }
}

#[test]
fn input_shipped_august_roster_parses() {
    let roster = shipped("aubm-2022-08.toml");
    let def = roster.def();
    assert_eq!(def.id, "aubm-2022-08");
    assert_eq!(def.staff.len(), 30);
    assert_eq!(def.holidays.len(), 3);
    assert_eq!(def.sites.len(), 6);
    assert_eq!(
        def.revision.map(|r| r.to_rfc3339()),
        Some("2022-07-25T09:00:00+00:00".into())
    );
    let slots_on = |d: &str| roster.slots().iter().filter(|s| s.date == date(d)).count();
    assert_eq!(slots_on("2022-08-20"), 0, "Saturday 20 August is a holiday");
    assert_eq!(slots_on("2022-08-06"), 6);
    assert_eq!(slots_on("2022-08-01"), 6);
    let bm = roster.site_index("bm").unwrap();
    let after_hours = roster.duty_index("after-hours").unwrap();
    let desk = |d: &str| {
        roster
            .slots()
            .iter()
            .find(|s| s.date == date(d) && s.duty == after_hours && s.site == bm)
            .unwrap()
    };
    assert_eq!(
        desk("2022-08-10").min,
        3,
        "open days: one more at the head office"
    );
    assert_eq!(desk("2022-08-16").min, 2);
    assert_eq!(
        desk("2022-08-16").start_utc.to_rfc3339(),
        "2022-08-16T15:30:00+00:00"
    );
    every_day_can_be_covered(&roster);
}

#[test]
fn input_shipped_ramadan_roster_parses() {
    let roster = shipped("aubm-2022-04-ramadan.toml");
    let def = roster.def();
    assert_eq!(def.staff.len(), 20);
    assert_eq!(def.holidays.len(), 3);
    let after_hours = roster.duty_index("after-hours").unwrap();
    let bm = roster.site_index("bm").unwrap();
    let desk = |d: &str| {
        roster
            .slots()
            .iter()
            .find(|s| s.date == date(d) && s.duty == after_hours && s.site == bm)
    };
    let ramadan = desk("2022-04-12").unwrap();
    assert_eq!(
        ramadan.start_local.time(),
        NaiveTime::from_hms_opt(15, 0, 0).unwrap()
    );
    assert_eq!(
        ramadan.start_utc.to_rfc3339(),
        "2022-04-12T15:00:00+00:00",
        "UTC+0 during Ramadan"
    );
    assert_eq!(
        desk("2022-04-01").unwrap().start_local.time(),
        NaiveTime::from_hms_opt(16, 30, 0).unwrap()
    );
    assert_eq!(
        desk("2022-05-04").unwrap().start_utc.to_rfc3339(),
        "2022-05-04T16:30:00+00:00"
    );
    assert!(
        desk("2022-05-02").is_none() && desk("2022-05-03").is_none(),
        "Eid al-Fitr"
    );
    every_day_can_be_covered(&roster);
}

#[test]
fn input_personal_limits_are_located_by_their_field() {
    assert_eq!(
        error_with(
            "name = \"Youssef\"",
            "name = \"Youssef\"\nmax_weekends = -1"
        ),
        "roster.toml:34:16: staff[1].max_weekends: invalid value: integer `-1`, expected a whole number, 0 or more"
    );
    assert_eq!(
        error_with("name = \"Youssef\"", "name = \"Youssef\"\nmax_weekend = 1"),
        "roster.toml:34:1: unknown field `max_weekend`, expected one of `id`, `name`, `home`, \
         `sites`, `skills`, `share`, `unavailable`, `preference`, `max_duties`, `min_duties`, \
         `max_minutes`, `min_minutes`, `max_consecutive_days`, `min_consecutive_days`, \
         `min_consecutive_days_off`, `max_weekends`, `max_per_duty`"
    );
    let roster = parse(&BASE.replacen(
        "name = \"Youssef\"",
        "name = \"Youssef\"\nmax_weekends = 2",
        1,
    ))
    .unwrap();
    assert_eq!(roster.staff()[1].limits.max_weekends, Some(2));
    assert_eq!(roster.staff()[0].limits.max_weekends, None);
}

#[test]
fn input_rule_values_are_located_by_their_field() {
    assert_eq!(
        error_with(
            "one_duty_per_day = \"hard\"",
            "max_weekends = { weekends = \"two\" }"
        ),
        "roster.toml:37:29: rules.max_weekends.weekends: invalid type: string \"two\", expected a whole number, 0 or more"
    );
    assert_eq!(
        error_with("one_duty_per_day = \"hard\"", "one_duty_per_day = \"soft\""),
        "roster.toml:37:20: rules.one_duty_per_day: invalid value: string \"soft\", expected \"hard\" or { weight = N } (soft, N at least 1)"
    );
}

#[test]
fn input_csv_lines_are_counted_alike_with_lf_and_crlf() {
    for text in ["a;b\n1;2\n3;4\n", "a;b\r\n1;2\r\n3;4\r\n"] {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(text.as_bytes());
        let lines: Vec<u64> = reader
            .records()
            .map(|r| super::csv_line(text.as_bytes(), r.unwrap().position()))
            .collect();
        assert_eq!(lines, [2, 3], "{text:?}");
    }
}
