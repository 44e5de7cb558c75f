//! Unit tests of the output modules' crate-internal helpers: escaping, folding, file
//! names, UIDs and the writing of files.

use chrono::{TimeZone, Utc};

use super::html::escape;
use super::ics::{MAX_LINE_OCTETS, dtstamp, event_uid, refold, safe_file_stems, text, utc_stamp};
use super::roster_csv::in_print_order;
use super::write_atomically;
use crate::Assignment;
use crate::sample::{tiny_roster, tiny_roster_def};

#[test]
fn html_escape_replaces_markup_and_keeps_other_text() {
    assert_eq!(
        escape(r#"<b>Tom & "Jerry's"</b>"#),
        "&lt;b&gt;Tom &amp; &quot;Jerry&#39;s&quot;&lt;/b&gt;"
    );
    assert_eq!(escape("سلمى"), "سلمى");
}

#[test]
fn ics_text_escapes_separators_and_blanks_control_characters() {
    assert_eq!(
        text("Annexe Azilal, 1er étage; salle\\2\nفوق"),
        "Annexe Azilal\\, 1er étage\\; salle\\\\2\\nفوق"
    );
    assert_eq!(text("a\u{7}b"), "a b");
}

#[test]
fn ics_utc_stamp_is_basic_format_with_z() {
    let t = Utc.with_ymd_and_hms(2022, 8, 8, 15, 30, 0).unwrap();
    assert_eq!(utc_stamp(t), "20220808T153000Z");
}

#[test]
fn ics_dtstamp_without_revision_is_the_period_start() {
    let def = tiny_roster_def();
    assert_eq!(dtstamp(&def).to_rfc3339(), "2022-08-01T00:00:00+00:00");
}

#[test]
fn ics_event_uid_names_roster_date_site_duty_and_person() {
    let date = "2022-08-08".parse().unwrap();
    assert_eq!(
        event_uid("aubm-2022-08", date, "bm", "after-hours", Some("BM-01")),
        "aubm-2022-08_20220808_bm_after-hours_BM-01@duty-roster"
    );
    assert_eq!(
        event_uid("r", date, "a_b", "d", None),
        "r_20220808_a%5Fb_d@duty-roster"
    );
}

#[test]
fn ics_refold_keeps_lines_within_75_octets_and_unfolds_to_the_original() {
    let long = format!("DESCRIPTION:{}\r\n", "سلمى الإدريسي ".repeat(10));
    let folded = refold(&long);
    assert!(folded.split("\r\n").all(|l| l.len() <= MAX_LINE_OCTETS));
    assert_eq!(folded.replace("\r\n ", ""), long);
}

#[test]
fn ics_safe_file_stems_keep_plain_ids_and_separate_the_rest() {
    let stems = safe_file_stems(&["BM-01", "a/b", "x", "X"]);
    assert_eq!(stems[0], "BM-01");
    assert!(stems[1].starts_with("a_b-") && stems[1].len() == 12);
    assert_ne!(stems[2].to_lowercase(), stems[3].to_lowercase());
}

#[test]
fn write_atomically_makes_the_folder_and_leaves_only_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/hello.txt");
    write_atomically(&path, b"hello").unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"hello");
    let names: Vec<_> = std::fs::read_dir(dir.path().join("sub"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["hello.txt"]);
}

#[test]
fn roster_csv_print_order_keeps_assignments_of_known_slots() {
    let roster = tiny_roster();
    let known = Assignment::new("2022-08-01".parse().unwrap(), "evening", "hq", "A");
    let unknown = Assignment::new("2022-08-06".parse().unwrap(), "evening", "hq", "A");
    assert_eq!(in_print_order(&roster, &[known, unknown]).len(), 1);
}
