//! The header row read into columns: each header matched to its key, an unknown
//! header refused with the valid ones, a column given twice refused, the required
//! ones checked. Columns with an empty header are ignored.

use std::collections::BTreeMap;

use super::cell::Cell;
use super::headers::{Names, key_of, max_duty, valid};
use super::open::Table;
use crate::error::TableError;

/// Which column holds what.
#[derive(Debug, Default)]
pub(crate) struct Columns {
    /// Key (`home`) to column index and header as written.
    pub named: BTreeMap<&'static str, (usize, String)>,
    /// Duty id of a `max_<duty>` column to its index and header.
    pub max_per_duty: BTreeMap<String, (usize, String)>,
}

/// What a header gives: a key of the table, or a duty's maximum (`max_<duty>`).
enum Target {
    Named(&'static str),
    MaxDuty(String),
}

impl Columns {
    /// Reads `table`'s header against `names`; `max_columns` says whether
    /// `max_<duty>` columns are read.
    ///
    /// # Errors
    /// An unknown header, a key given by two columns, a `required` key missing.
    pub(crate) fn read(
        table: &Table,
        names: &[Names],
        max_columns: bool,
        required: &[&str],
    ) -> Result<Columns, TableError> {
        let mut columns = Columns::default();
        let mut given_by: BTreeMap<String, String> = BTreeMap::new();
        for (index, header) in table.header.iter().enumerate() {
            if header.trim().is_empty() {
                continue;
            }
            let target = if let Some(key) = key_of(header, names) {
                Target::Named(key)
            } else if let Some(duty) = max_duty(header).filter(|_| max_columns) {
                Target::MaxDuty(duty)
            } else {
                let extra = if max_columns {
                    "max_<duty> (a duty kind's id)"
                } else {
                    ""
                };
                return Err(table.at(
                    Some(table.header_row),
                    Some(header),
                    format!("unknown column (valid: {})", valid(names, extra)),
                ));
            };
            let key = match &target {
                Target::Named(key) => key.to_string(),
                Target::MaxDuty(duty) => format!("max_{duty}"),
            };
            if let Some(first) = given_by.insert(key.clone(), header.clone()) {
                return Err(table.at(
                    Some(table.header_row),
                    Some(header),
                    format!("column `{first}` already gives {key}: keep one of them"),
                ));
            }
            match target {
                Target::Named(key) => {
                    columns.named.insert(key, (index, header.clone()));
                }
                Target::MaxDuty(duty) => {
                    columns.max_per_duty.insert(duty, (index, header.clone()));
                }
            }
        }
        for key in required {
            if !columns.named.contains_key(key) {
                let others = names
                    .iter()
                    .find(|(k, _)| k == key)
                    .map(|(_, o)| o.join(", "))
                    .unwrap_or_default();
                return Err(table.at(
                    Some(table.header_row),
                    None,
                    format!("no `{key}` column: add one headed {key} (or {others})"),
                ));
            }
        }
        Ok(columns)
    }

    /// The header of `key`'s column, or `key` when the table has none.
    pub(crate) fn header(&self, key: &str) -> String {
        self.named
            .get(key)
            .map_or_else(|| key.to_string(), |(_, h)| h.clone())
    }

    /// `key`'s cell in `cells` (empty when the column is absent or the row short).
    pub(crate) fn cell<'c>(&self, cells: &'c [Cell], key: &str) -> &'c Cell {
        self.named
            .get(key)
            .and_then(|(i, _)| cells.get(*i))
            .unwrap_or(&Cell::Empty)
    }
}
