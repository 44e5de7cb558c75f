//! The span table: for each field path a validator may name (`staff[3].home`), the
//! byte range of the TOML text it was read from, so that an error about the field
//! can point at its line and column.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

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

    /// Records the span of table `key` of `file` and of every value under it, by
    /// their paths in the file (`rules.forbidden_succession[0].first`): for the
    /// tables read straight into the domain, whose paths are the file's own.
    pub(crate) fn record_table(&mut self, file: &DeTable<'_>, key: &str) {
        if let Some((_, value)) = file.iter().find(|(k, _)| k.get_ref() == key) {
            self.record_value(key.to_string(), value);
        }
    }

    /// Records the span of `value` under `path`, and of every value under it.
    pub(crate) fn record_value(&mut self, path: String, value: &Spanned<DeValue<'_>>) {
        match value.get_ref() {
            DeValue::Table(table) => {
                for (key, value) in table {
                    self.record_value(format!("{path}.{}", key.get_ref()), value);
                }
            }
            DeValue::Array(array) => {
                for (i, value) in array.into_iter().enumerate() {
                    self.record_value(format!("{path}[{i}]"), value);
                }
            }
            _ => {}
        }
        self.record(path, value.span());
    }

    /// The path recorded with exactly `span`, the deepest when several are.
    pub(crate) fn path_at(&self, span: &Range<usize>) -> Option<&str> {
        self.map
            .iter()
            .filter(|(_, s)| *s == span)
            .map(|(path, _)| path.as_str())
            .max_by_key(|path| (path.len(), *path))
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
    fn input_spans_of_a_table_are_recorded_by_their_paths_in_the_file() {
        let text = "[rules]\nmax_weekends = { weekends = 2 }\n[[rules.forbidden_succession]]\nfirst = \"a\"\n";
        let file = DeTable::parse(text).unwrap();
        let mut spans = Spans::default();
        spans.record_table(file.get_ref(), "rules");
        let at = |path: &str| &text[spans.find(path).unwrap()];
        assert_eq!(at("rules.max_weekends"), "{ weekends = 2 }");
        assert_eq!(at("rules.max_weekends.weekends"), "2");
        assert_eq!(at("rules.forbidden_succession[0].first"), "\"a\"");
        assert_eq!(spans.find("settings"), None);
        let two = spans.find("rules.max_weekends.weekends").unwrap();
        assert_eq!(spans.path_at(&two), Some("rules.max_weekends.weekends"));
    }

    #[test]
    fn input_spans_parent_walks_fields_and_indexes() {
        assert_eq!(parent("staff[3].sites[1]"), Some("staff[3].sites"));
        assert_eq!(parent("staff[3].sites"), Some("staff[3]"));
        assert_eq!(parent("staff[3]"), Some("staff"));
        assert_eq!(parent("staff"), None);
    }
}
