//! Shared CSV helpers: a writer in the chosen style, and text cells made safe for
//! spreadsheets.

use std::path::Path;

use super::CsvStyle;
use crate::WriteError;

/// A CSV writer into memory in `style`.
pub(crate) fn writer(style: CsvStyle) -> csv::Writer<Vec<u8>> {
    let mut builder = csv::WriterBuilder::new();
    if style.excel {
        builder.delimiter(b';').terminator(csv::Terminator::CRLF);
    }
    let start = if style.excel {
        "\u{feff}".as_bytes().to_vec()
    } else {
        Vec::new()
    };
    builder.from_writer(start)
}

/// The bytes written, or an error naming `path`.
pub(crate) fn finish(w: csv::Writer<Vec<u8>>, path: &Path) -> Result<Vec<u8>, WriteError> {
    w.into_inner().map_err(|e| WriteError::Encode {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
}

/// A csv error as a write error naming `path`.
pub(crate) fn encode_error(path: &Path) -> impl Fn(csv::Error) -> WriteError + '_ {
    move |e| WriteError::Encode {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

/// A text cell that a spreadsheet can never run as a formula: a leading `=`, `+`,
/// `-`, `@`, tab or carriage return gets a `'` in front.
pub(crate) fn text(value: &str) -> String {
    match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{value}"),
        _ => value.to_string(),
    }
}

/// A number with at most three decimals and no trailing zeros.
pub(crate) fn number(value: f64) -> String {
    let rounded = (value * 1000.0).round() / 1000.0;
    let s = format!("{rounded:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cells_starting_like_formulas_are_neutralised() {
        assert_eq!(text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(text("+212"), "'+212");
        assert_eq!(text("-x"), "'-x");
        assert_eq!(text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text("سلمى"), "سلمى");
        assert_eq!(text("Salma"), "Salma");
    }

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(number(1.0 / 3.0), "0.333");
        assert_eq!(number(2.0), "2");
        assert_eq!(number(-0.0001), "0");
        assert_eq!(number(2.5), "2.5");
    }

    #[test]
    fn excel_style_starts_with_bom_and_uses_semicolons_and_crlf() {
        let mut w = writer(CsvStyle { excel: true });
        w.write_record(["a", "b"]).unwrap();
        let bytes = finish(w, Path::new("x.csv")).unwrap();
        assert_eq!(bytes, "\u{feff}a;b\r\n".as_bytes());
        let mut w = writer(CsvStyle::default());
        w.write_record(["a", "b,c"]).unwrap();
        assert_eq!(finish(w, Path::new("x.csv")).unwrap(), b"a,\"b,c\"\n");
    }
}
