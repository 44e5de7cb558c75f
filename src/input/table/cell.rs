//! One cell of a table, whatever the file it came from, and its reading as the
//! values a staff or leave table holds: text, a whole number, a number, a date, a
//! list. A reading error is the message alone; the caller names the row and column.

use chrono::NaiveDate;

/// A cell's value: a workbook gives numbers, dates and booleans typed, a CSV file
/// gives text only.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    /// Nothing in it.
    Empty,
    /// Text, as written.
    Text(String),
    /// A number (also an Excel date serial that its cell does not format as a date).
    Number(f64),
    /// A date cell of a workbook.
    Date(NaiveDate),
    /// A boolean cell.
    Bool(bool),
    /// An error cell (`#N/A`, `#REF!`...).
    Error(String),
}

impl Cell {
    /// Whether the cell is empty or holds only blanks.
    pub(crate) fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text: a whole number without its `.0` (a matricule typed as a
    /// number), a date as ISO.
    pub(crate) fn text(&self) -> Result<String, String> {
        match self {
            Cell::Empty => Ok(String::new()),
            Cell::Text(t) => Ok(t.trim().to_string()),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Ok(format!("{}", *n as i64)),
            Cell::Number(n) => Ok(n.to_string()),
            Cell::Date(d) => Ok(d.to_string()),
            Cell::Bool(b) => Ok(b.to_string()),
            Cell::Error(e) => Err(error_cell(e)),
        }
    }

    /// The cell as a number: a number cell, or text such as `0.5`, `0,5` (French
    /// Excel's decimal comma) or `50 %`.
    pub(crate) fn number(&self) -> Result<f64, String> {
        match self {
            Cell::Number(n) => Ok(*n),
            Cell::Text(t) => {
                let t = t.trim();
                let (digits, scale) = match t.strip_suffix('%') {
                    Some(d) => (d.trim(), 0.01),
                    None => (t, 1.0),
                };
                digits
                    .replace(',', ".")
                    .parse::<f64>()
                    .ok()
                    .filter(|n| n.is_finite())
                    .map(|n| n * scale)
                    .ok_or_else(|| format!("`{t}` is not a number (write 0.5, 0,5 or 50 %)"))
            }
            Cell::Error(e) => Err(error_cell(e)),
            other => Err(format!("{} is not a number", other.shown())),
        }
    }

    /// The cell as a whole number, 0 or more.
    pub(crate) fn whole(&self) -> Result<u32, String> {
        let n = self.number().map_err(|_| self.not_whole())?;
        if n.fract() != 0.0 || n < 0.0 {
            return Err(self.not_whole());
        }
        if n > f64::from(u32::MAX) {
            return Err(format!(
                "{} is too large (at most {})",
                self.shown(),
                u32::MAX
            ));
        }
        Ok(n as u32)
    }

    fn not_whole(&self) -> String {
        format!("{} is not a whole number, 0 or more", self.shown())
    }

    /// The cell as a date: a date cell, an Excel date serial, or text as
    /// `2022-08-15` or `15/08/2022` (as French Excel writes dates into CSV).
    pub(crate) fn date(&self) -> Result<NaiveDate, String> {
        match self {
            Cell::Date(d) => Ok(*d),
            Cell::Number(n) => serial_date(*n).ok_or_else(|| self.not_date()),
            Cell::Text(t) => text_date(t.trim()).ok_or_else(|| self.not_date()),
            Cell::Error(e) => Err(error_cell(e)),
            _ => Err(self.not_date()),
        }
    }

    fn not_date(&self) -> String {
        format!(
            "{} is not a date (write 2022-08-15 or 15/08/2022, or use a date cell)",
            self.shown()
        )
    }

    /// The cell as a list: items separated by `,` or `;`, blanks trimmed, empty
    /// items dropped.
    pub(crate) fn list(&self) -> Result<Vec<String>, String> {
        Ok(self
            .text()?
            .split([',', ';'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect())
    }

    /// The value as a message shows it.
    fn shown(&self) -> String {
        match self {
            Cell::Empty => "an empty cell".to_string(),
            Cell::Text(t) => format!("`{}`", t.trim()),
            Cell::Number(n) => format!("`{n}`"),
            Cell::Date(d) => format!("the date {d}"),
            Cell::Bool(b) => format!("`{}`", if *b { "TRUE" } else { "FALSE" }),
            Cell::Error(e) => format!("the error `{e}`"),
        }
    }
}

fn error_cell(e: &str) -> String {
    format!("the cell holds the error `{e}`: put a value in it")
}

/// The date of an Excel serial number in the 1900 date system (1 is 1900-01-01,
/// with Excel's phantom 1900-02-29 at 60): dates from 1900-03-01 on, as rosters use.
fn serial_date(n: f64) -> Option<NaiveDate> {
    if !(61.0..=2_958_465.0).contains(&n) {
        return None;
    }
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    epoch.checked_add_days(chrono::Days::new(n.floor() as u64))
}

/// `2022-08-15` (or an ISO date-time, whose date is taken), `15/08/2022`,
/// `15.08.2022` or `15-08-2022`.
fn text_date(t: &str) -> Option<NaiveDate> {
    let iso = t.split(['T', ' ']).next().unwrap_or(t);
    if let Ok(d) = NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
        return Some(d);
    }
    ["%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(t, f).ok())
        .filter(|d| d.year_ce().1 >= 1000)
}

use chrono::Datelike;

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn numbers_read_french_decimals_and_percentages() {
        assert_eq!(text("0,5").number(), Ok(0.5));
        assert_eq!(text("50 %").number(), Ok(0.5));
        assert_eq!(Cell::Number(0.75).number(), Ok(0.75));
        assert_eq!(
            text("half").number().unwrap_err(),
            "`half` is not a number (write 0.5, 0,5 or 50 %)"
        );
    }

    #[test]
    fn whole_numbers_refuse_fractions_and_negatives() {
        assert_eq!(text("6").whole(), Ok(6));
        assert_eq!(Cell::Number(6.0).whole(), Ok(6));
        assert_eq!(
            Cell::Number(2.5).whole().unwrap_err(),
            "`2.5` is not a whole number, 0 or more"
        );
        assert_eq!(
            text("-1").whole().unwrap_err(),
            "`-1` is not a whole number, 0 or more"
        );
    }

    #[test]
    fn dates_read_iso_french_and_serials() {
        let d = NaiveDate::from_ymd_opt(2022, 8, 15).unwrap();
        assert_eq!(text("2022-08-15").date(), Ok(d));
        assert_eq!(text("15/08/2022").date(), Ok(d));
        assert_eq!(text("2022-08-15T00:00:00").date(), Ok(d));
        assert_eq!(Cell::Number(44788.0).date(), Ok(d));
        assert_eq!(
            text("32/08/2022").date().unwrap_err(),
            "`32/08/2022` is not a date (write 2022-08-15 or 15/08/2022, or use a date cell)"
        );
    }

    #[test]
    fn lists_split_on_commas_and_semicolons() {
        assert_eq!(
            text("ar, fr;es,").list(),
            Ok(vec!["ar".into(), "fr".into(), "es".into()])
        );
        assert_eq!(Cell::Empty.list(), Ok(vec![]));
    }

    #[test]
    fn a_whole_number_cell_reads_as_text_without_decimals() {
        assert_eq!(Cell::Number(1234.0).text(), Ok("1234".into()));
        assert_eq!(
            Cell::Error("#N/A".into()).text().unwrap_err(),
            "the cell holds the error `#N/A`: put a value in it"
        );
    }
}
