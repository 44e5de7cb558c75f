//! The span table: for each field path a validator may name (`staff[3].home`), the
//! byte range of the TOML text it was read from, so that an error about the field
//! can point at its line and column.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;

/// Field paths, as [`crate::ValidationError::field`] spells them, to byte ranges.
#[derive(Debug, Default)]
pub(crate) struct Spans {
    map: HashMap<String, Range<usize>>,
}

impl Spans {
    /// Records that `path` was read from `span`.
    pub(crate) fn record(&mut self, path: impl Into<String>, span: Range<usize>) {
        self.map.insert(path.into(), span);
    }

    /// Records the span of `value` under `path` and hands back the value.
    pub(crate) fn take<'v, T>(&mut self, path: impl Into<String>, value: &'v Spanned<T>) -> &'v T {
        self.record(path, value.span());
        value.get_ref()
    }

    /// The span of `path`, or of its closest recorded parent (`pin[0].staff`, then
    /// `pin[0]`, then `pin`).
    pub(crate) fn find(&self, path: &str) -> Option<Range<usize>> {
        let mut path = path;
        loop {
            if let Some(span) = self.map.get(path) {
                return Some(span.clone());
            }
            path = parent(path)?;
        }
    }
}

/// `a.b[2]` → `a.b` → `a`; `None` at the top.
fn parent(path: &str) -> Option<&str> {
    let cut = if path.ends_with(']') {
        path.rfind('[')
    } else {
        path.rfind('.')
    }?;
    Some(&path[..cut])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_spans_fall_back_to_the_closest_parent() {
        let mut spans = Spans::default();
        spans.record("pin[0]", 10..17);
        spans.record("pin[0].date", 25..35);
        assert_eq!(spans.find("pin[0].date"), Some(25..35));
        assert_eq!(spans.find("pin[0].staff"), Some(10..17));
        assert_eq!(spans.find("pin[0]"), Some(10..17));
        assert_eq!(spans.find("pin[1].staff"), None);
        assert_eq!(spans.find("period"), None);
    }

    #[test]
    fn input_spans_parent_walks_fields_and_indexes() {
        assert_eq!(parent("staff[3].sites[1]"), Some("staff[3].sites"));
        assert_eq!(parent("staff[3].sites"), Some("staff[3]"));
        assert_eq!(parent("staff[3]"), Some("staff"));
        assert_eq!(parent("staff"), None);
    }
}
