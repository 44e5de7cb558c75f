//! Text for a terminal: control characters escaped, so that a name (or any text of
//! the roster file) holding an escape sequence, a carriage return or a bell cannot
//! recolour, rewrite or ring the user's terminal. Files keep the exact text: each
//! format has its own escaping.

use std::borrow::Cow;

/// `text` with every control character but the line end shown escaped, as Rust
/// writes it (`\u{1b}`, `\r`, `\u{7}`); tabs stay. Letters of every script and the
/// marks of right-to-left text (which are not control characters) are unchanged.
///
/// # Example
/// ```
/// use duty_roster::output::terminal::escape_controls;
/// assert_eq!(escape_controls("Amina \u{1b}[31mRED\r\n"), "Amina \\u{1b}[31mRED\\r\n");
/// assert_eq!(escape_controls("سلمى\tBM-01"), "سلمى\tBM-01");
/// ```
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    let escaped = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.chars().any(escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if escaped(c) {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_escapes_c0_c1_and_delete_but_not_text() {
        assert_eq!(escape_controls("a\u{7f}b\u{9b}c\0"), "a\\u{7f}b\\u{9b}c\\0");
        assert!(matches!(escape_controls("plain\n"), Cow::Borrowed(_)));
        // A right-to-left mark is a format character, not a control: kept.
        assert_eq!(escape_controls("\u{200f}نص"), "\u{200f}نص");
    }
}
