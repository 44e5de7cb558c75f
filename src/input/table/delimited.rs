//! CSV tables: plain (`,`), or as Excel writes them in French (`;`, usually after a
//! UTF-8 byte order mark); the separator is told by the header line (`;` or a tab
//! when it has more of them than of `,`). Every cell is text.

use super::cell::Cell;
use super::open::{MAX_COLUMNS, RawRows, too_wide};

/// The rows of CSV `bytes`, numbered by their line in the file.
///
/// # Errors
/// The row (when known) and the message: text that is not UTF-8, a line CSV cannot
/// read, too many columns.
pub(crate) fn rows(bytes: &[u8]) -> Result<RawRows, (Option<u32>, String)> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = crate::source::utf8(bytes).map_err(|(at, message)| {
        (
            Some(at.line as u32),
            format!("{message} (in Excel: save as \"CSV UTF-8\")"),
        )
    })?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator(text))
        .from_reader(text.as_bytes());
    let mut rows = RawRows::new();
    let mut record = csv::StringRecord::new();
    let mut lines = Lines::default();
    loop {
        let before = reader.position().byte();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = lines.at(text.as_bytes(), before);
                return Err((Some(line), format!("cannot read this CSV line: {e}")));
            }
        }
        let start = record.position().map_or(before, csv::Position::byte);
        let line = lines.at(text.as_bytes(), start);
        if record.len() > MAX_COLUMNS as usize {
            return Err((Some(line), too_wide(line)));
        }
        let cells = record
            .iter()
            .enumerate()
            .map(|(c, v)| (c as u32, Cell::Text(v.to_string())))
            .collect();
        rows.insert(line, cells);
    }
    Ok(rows)
}

/// Line numbers of byte offsets that only grow, counted once over the text.
#[derive(Default)]
struct Lines {
    /// How far the newlines are counted.
    offset: usize,
    /// The newlines before `offset`.
    newlines: u32,
}

impl Lines {
    /// The 1-based line of the record starting at `byte` (past the line ends it
    /// may start on, as blank lines are skipped).
    fn at(&mut self, bytes: &[u8], byte: u64) -> u32 {
        let mut end = (byte as usize).min(bytes.len());
        while end < bytes.len() && matches!(bytes[end], b'\r' | b'\n') {
            end += 1;
        }
        if end > self.offset {
            let counted = bytes[self.offset..end]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            self.newlines += counted as u32;
            self.offset = end;
        }
        self.newlines + 1
    }
}

/// `;` or a tab when the first line that is not blank has more of it than of `,`
/// (outside quotes), else `,`.
fn separator(text: &str) -> u8 {
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    let mut quoted = false;
    let (mut commas, mut semicolons, mut tabs) = (0, 0, 0);
    for c in first.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semicolons += 1,
            '\t' if !quoted => tabs += 1,
            _ => {}
        }
    }
    if semicolons > commas && semicolons >= tabs {
        b';'
    } else if tabs > commas {
        b'\t'
    } else {
        b','
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(rows: &RawRows, line: u32) -> Vec<String> {
        rows[&line].iter().map(|(_, c)| c.text().unwrap()).collect()
    }

    #[test]
    fn excel_french_csv_with_bom_and_semicolons() {
        let rows =
            rows("\u{feff}Matricule;Motif\r\nBM-05;\"congé, annuel\"\r\n".as_bytes()).unwrap();
        assert_eq!(texts(&rows, 1), ["Matricule", "Motif"]);
        assert_eq!(texts(&rows, 2), ["BM-05", "congé, annuel"]);
    }

    #[test]
    fn plain_csv_and_semicolons_without_bom() {
        let rows1 = rows(b"id,skills\nA,\"ar; fr\"\n").unwrap();
        assert_eq!(texts(&rows1, 2), ["A", "ar; fr"]);
        let rows2 = rows(b"id;skills\n\nA;ar, fr\n").unwrap();
        assert_eq!(texts(&rows2, 3), ["A", "ar, fr"]);
    }

    #[test]
    fn latin1_text_is_refused_at_its_line() {
        let (row, message) = rows(b"id;nom\nA;Na\xefma\n").unwrap_err();
        assert_eq!(row, Some(2));
        assert!(
            message.contains("0xEF") && message.contains("CSV UTF-8"),
            "{message}"
        );
    }
}
