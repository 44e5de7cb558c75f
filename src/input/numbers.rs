//! Serde's messages about a value of the file that its type cannot hold, put in
//! the file's words: an integer too large for its field says the field's maximum
//! (not "expected a whole number, 0 or more", which it is), and a duplicate key
//! names the key.

use std::ops::Range;

use crate::domain::ranges::max_of_key;

/// The message for serde's `message` about the value at `span` of `text`, whose
/// field path is `field` when known; `None` when the message is not one of those
/// put in other words here.
pub(super) fn explain(
    message: &str,
    text: &str,
    span: Range<usize>,
    field: Option<&str>,
) -> Option<String> {
    let rest = message.strip_prefix("invalid value: integer `")?;
    let (number, expected) = rest.split_once('`')?;
    if !expected.contains("u32") {
        return None;
    }
    let value: i128 = number.parse().ok()?;
    if value < 0 {
        return None;
    }
    // A located field is named by the error already; otherwise name the key.
    let (key, named) = match field {
        Some(f) => (Some(key_of_path(f)), String::new()),
        None => {
            let key = key_before(text, span.start);
            (key, key.map(|k| format!("`{k}` ")).unwrap_or_default())
        }
    };
    Some(match key.and_then(max_of_key) {
        Some((max, what)) => format!("{named}{value} is out of range: at most {max} {what}"),
        None => format!("{named}{value} is out of range: at most {}", u32::MAX),
    })
}

/// "duplicate key `name`: a key is given once in a table" for the key at `span`.
pub(super) fn duplicate_key(text: &str, span: Range<usize>) -> String {
    let key = text.get(span).unwrap_or_default().trim();
    format!("duplicate key `{key}`: a key is given once in a table (remove one of them)")
}

/// The key whose range a path's value has: its last key, or the table's for an
/// entry keyed by an id (`staff[0].max_per_duty.saturday`).
fn key_of_path(path: &str) -> &str {
    let mut keys = path.rsplit('.').map(|k| k.split('[').next().unwrap_or(k));
    let last = keys.next().unwrap_or(path);
    match keys.next() {
        Some(table) if max_of_key(last).is_none() && max_of_key(table).is_some() => table,
        _ => last,
    }
}

/// The key written before the value at `offset`: `min` in `  min = 5000000000`, or
/// the inline table's key in `skills = { es = 5000000000 }`.
fn key_before(text: &str, offset: usize) -> Option<&str> {
    let before = text.get(..offset)?.trim_end().strip_suffix('=')?.trim_end();
    let start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .map_or(0, |i| i + 1);
    let key = &before[start..];
    if max_of_key(key).is_some() {
        return Some(key);
    }
    // An entry of an inline table: the table's own key.
    let open = before[..start].rfind('{')?;
    key_before(text, open)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_numbers_a_large_integer_says_its_keys_maximum() {
        let text = "  min = 5000000000\n";
        let m = "invalid value: integer `5000000000`, expected u32";
        assert_eq!(
            explain(m, text, 8..18, None).unwrap(),
            "`min` 5000000000 is out of range: at most 10000 people"
        );
        let text = "skills = { es = 5000000000 }";
        assert!(
            explain(m, text, 16..26, None)
                .unwrap()
                .contains("10000 people")
        );
        let path = Some("staff[2].max_per_duty.saturday");
        assert!(explain(m, "", 0..1, path).unwrap().contains("50000 duties"));
        let negative = "invalid value: integer `-1`, expected u32";
        assert_eq!(explain(negative, "min = -1", 6..8, None), None);
    }
}
