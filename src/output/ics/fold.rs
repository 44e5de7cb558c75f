//! Line folding exactly as RFC 5545 (section 3.1) asks: no physical line longer than
//! 75 octets, not counting the CRLF, where the space that starts a continuation
//! line counts; folds fall between UTF-8 characters, never inside one.
//!
//! Why this module exists: the `ics` crate (0.5.8, `contentline.rs`) folds the
//! first line of a property at 75 octets but then writes continuation lines of a
//! space plus up to 75 octets, 76 octets in all. Every parser this project tests
//! against (Python `icalendar`, `ical.js`, Radicale) unfolds such lines without
//! complaint, but the RFC's limit is a SHOULD that strict validators and some older
//! clients enforce, and the fix is cheap: the crate's output is unfolded and folded
//! again here, so every line of every file is at most 75 octets.

/// Most octets on one physical line, CRLF excluded (RFC 5545, section 3.1).
///
/// # Example
/// See `refold`.
pub const MAX_LINE_OCTETS: usize = 75;

/// Folds iCalendar text again, exactly: the logical lines (a line plus its
/// continuation lines, which start with a space or a tab) are joined, then cut into
/// physical lines of at most [`MAX_LINE_OCTETS`] octets including the leading space
/// of continuation lines, at UTF-8 character boundaries. Every line ends with CRLF.
pub(crate) fn refold(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 24);
    let mut logical = String::new();
    for line in text.split("\r\n") {
        if let Some(rest) = line.strip_prefix([' ', '\t']) {
            logical.push_str(rest);
            continue;
        }
        if !logical.is_empty() {
            fold_line(&logical, &mut out);
        }
        logical.clear();
        logical.push_str(line);
    }
    if !logical.is_empty() {
        fold_line(&logical, &mut out);
    }
    out
}

/// Appends one logical line, folded, with CRLF.
fn fold_line(line: &str, out: &mut String) {
    let mut rest = line;
    let mut room = MAX_LINE_OCTETS;
    while rest.len() > room {
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        room = MAX_LINE_OCTETS - 1;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn physical_lines(text: &str) -> Vec<&str> {
        assert!(text.ends_with("\r\n"));
        text[..text.len() - 2].split("\r\n").collect()
    }

    #[test]
    fn short_lines_are_left_alone() {
        assert_eq!(refold("A:b\r\nC:d\r\n"), "A:b\r\nC:d\r\n");
        let exactly = format!("X:{}\r\n", "a".repeat(73));
        assert_eq!(refold(&exactly), exactly);
    }

    #[test]
    fn ascii_lines_fold_at_75_then_74_plus_the_space() {
        let line = format!("X:{}", "a".repeat(300));
        let folded = refold(&format!("{line}\r\n"));
        let lines = physical_lines(&folded);
        assert_eq!(lines[0].len(), 75);
        assert!(lines[1..lines.len() - 1].iter().all(|l| l.len() == 75));
        assert!(lines[1..].iter().all(|l| l.starts_with(' ')));
        assert_eq!(folded.replace("\r\n ", ""), format!("{line}\r\n"));
    }

    #[test]
    fn arabic_names_fold_between_characters_within_75_octets() {
        // Arabic letters are two octets in UTF-8, so a fold at an odd octet count
        // would split one; the prefix makes the first fold fall on an odd offset.
        let value = "Salma Idrissi — سلمى الإدريسي، فاطمة الزهراء العلوي، عبد العزيز البقالي";
        for prefix in ["SUMMARY:", "SUMMARY:x", "DESCRIPTION:"] {
            let line = format!("{prefix}{}", value.repeat(3));
            let folded = refold(&format!("{line}\r\n"));
            let lines = physical_lines(&folded);
            for l in &lines {
                assert!(l.len() <= MAX_LINE_OCTETS, "{} octets: {l}", l.len());
            }
            // Folds are as late as a character boundary allows.
            for l in &lines[..lines.len() - 1] {
                assert!(l.len() >= MAX_LINE_OCTETS - 3, "{} octets: {l}", l.len());
            }
            // str slicing would have panicked on a split character; joining gives the line back.
            assert_eq!(folded.replace("\r\n ", ""), format!("{line}\r\n"));
        }
    }

    #[test]
    fn four_octet_characters_are_never_split() {
        let line = format!("X:{}", "😀".repeat(60));
        let folded = refold(&format!("{line}\r\n"));
        for l in physical_lines(&folded) {
            assert!(l.len() <= MAX_LINE_OCTETS);
        }
        assert_eq!(folded.replace("\r\n ", ""), format!("{line}\r\n"));
    }

    #[test]
    fn the_ics_crates_76_octet_continuations_are_refolded() {
        // What ics 0.5.8 writes for a long property: continuation lines of 76 octets.
        let property = ::ics::components::Property::new("DESCRIPTION", "a".repeat(200));
        let crate_output = property.to_string();
        assert!(
            crate_output.split("\r\n").any(|l| l.len() == 76),
            "{crate_output}"
        );
        let folded = refold(&crate_output);
        assert!(
            physical_lines(&folded)
                .iter()
                .all(|l| l.len() <= MAX_LINE_OCTETS)
        );
        assert_eq!(
            folded.replace("\r\n ", ""),
            crate_output.replace("\r\n ", "")
        );
    }
}
