//! `notices/<staff>.txt`: after a re-plan, a short message for each person it
//! affects, in the roster's language, listing the duties added and removed (local
//! date and hours, duty, site), ready to send by SMS, WhatsApp or mail. Calendars
//! that are subscribed may refresh only hours later; the message does not wait.
//! It names no reason: a leave's reason is nobody else's business.

use std::path::PathBuf;

use crate::changes::{Change, ChangeKind};
use crate::output::ics::safe_file_stems;
use crate::{Roster, Slot};

/// The notices' folder under the output folder.
///
/// # Example
/// ```
/// assert_eq!(duty_roster::output::notices::NOTICES_DIR, "notices");
/// ```
pub const NOTICES_DIR: &str = "notices";

/// Each affected person's notice: the staff id, the file's path under the output
/// folder (`notices/<staff>.txt`) and its text, in staff order.
///
/// # Example
/// ```
/// use duty_roster::changes::{Change, ChangeKind};
/// let roster = duty_roster::sample::tiny_roster();
/// let a = duty_roster::Assignment::new("2022-08-01".parse().unwrap(), "evening", "hq", "A");
/// let notices = duty_roster::output::notices::render(&roster, &[Change::new(a, ChangeKind::Added, "moved")]);
/// assert_eq!(notices[0].1, std::path::Path::new("notices/A.txt"));
/// assert!(notices[0].2.contains("lundi 1er août 2022, 16:30–18:30"));
/// ```
pub fn render(roster: &Roster, changes: &[Change]) -> Vec<(String, PathBuf, String)> {
    let ids: Vec<&str> = roster.staff().iter().map(|s| s.id.as_str()).collect();
    let stems = safe_file_stems(&ids);
    let words = roster.language().words();
    let mut out = Vec::new();
    for (p, person) in roster.staff().iter().enumerate() {
        let mine: Vec<&Change> = changes
            .iter()
            .filter(|c| c.assignment.staff == person.id)
            .collect();
        if mine.is_empty() {
            continue;
        }
        let mut text = format!(
            "{} {},\n{} « {} ».\n",
            words.notice.hello,
            person.name,
            words.notice.changed,
            roster.def().name
        );
        for (kind, heading) in [
            (ChangeKind::Added, words.notice.added),
            (ChangeKind::Removed, words.notice.removed),
        ] {
            let lines: Vec<String> = mine
                .iter()
                .filter(|c| c.kind == kind)
                .filter_map(|c| roster.slot_of(&c.assignment))
                .map(|slot| format!("- {}", describe(roster, slot)))
                .collect();
            if !lines.is_empty() {
                text.push_str(&format!(
                    "{heading}{}\n{}\n",
                    words.calendar.colon,
                    lines.join("\n")
                ));
            }
        }
        text.push_str(words.notice.closing);
        text.push('\n');
        out.push((
            person.id.clone(),
            PathBuf::from(NOTICES_DIR).join(format!("{}.txt", stems[p])),
            text,
        ));
    }
    out
}

/// "lundi 1er août 2022, 16:30–18:30, duty — site".
fn describe(roster: &Roster, slot: &Slot) -> String {
    let words = roster.language().words();
    format!(
        "{} {}, {}–{}, {} — {}",
        words.weekday(slot.date),
        words.long_date(slot.date),
        slot.start_local.format("%H:%M"),
        slot.end_local.format("%H:%M"),
        roster.duties()[slot.duty].name,
        roster.sites()[slot.site].name
    )
}
