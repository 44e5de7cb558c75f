//! Values that a roster file may spell more than one way: dates, times, date-times,
//! weekdays and rule strengths. Each reader returns the value or a message saying
//! what was found and what would be valid.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc, Weekday};
use toml::Value;
use toml::value::Datetime;

/// The weekday names a file may use, in the order of error messages.
pub(crate) const WEEKDAYS: &str = "mon, tue, wed, thu, fri, sat, sun";

/// What a value is, for error messages: `"abc"`, `integer 5`, `table { a = 1 }`.
fn describe(value: &Value) -> String {
    match value {
        Value::String(s) => format!("\"{s}\""),
        Value::Datetime(d) => describe_datetime(d).to_string() + &format!(" {d}"),
        Value::Table(_) | Value::Array(_) => value.type_str().to_string(),
        other => format!("{} {other}", other.type_str()),
    }
}

fn describe_datetime(d: &Datetime) -> &'static str {
    match (d.date.is_some(), d.time.is_some(), d.offset.is_some()) {
        (true, false, _) => "date",
        (false, true, _) => "time",
        (true, true, false) => "local date-time",
        _ => "date-time",
    }
}

/// A date: a TOML local date (`2022-08-01`) or a string (`"2022-08-01"`).
pub(crate) fn date(value: &Value) -> Result<NaiveDate, String> {
    let expected = "expected a date such as 2022-08-01";
    match value {
        Value::Datetime(Datetime {
            date: Some(d),
            time: None,
            offset: None,
        }) => NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
            .ok_or_else(|| format!("{expected}, found the impossible date {d}")),
        Value::String(s) => NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
            .map_err(|_| format!("{expected}, found \"{s}\"")),
        other => Err(format!("{expected}, found {}", describe(other))),
    }
}

/// A time of day: a TOML local time (`16:30:00`) or a string (`"16:30"`, `"16:30:00"`).
pub(crate) fn time(value: &Value) -> Result<NaiveTime, String> {
    let expected = "expected a time such as 16:30";
    match value {
        Value::Datetime(Datetime {
            date: None,
            time: Some(t),
            offset: None,
        }) => NaiveTime::from_hms_nano_opt(
            u32::from(t.hour),
            u32::from(t.minute),
            u32::from(t.second),
            t.nanosecond,
        )
        .ok_or_else(|| format!("{expected}, found the impossible time {t}")),
        Value::String(s) => {
            let s = s.trim();
            NaiveTime::parse_from_str(s, "%H:%M")
                .or_else(|_| NaiveTime::parse_from_str(s, "%H:%M:%S"))
                .map_err(|_| format!("{expected} or 16:30:00, found \"{s}\""))
        }
        other => Err(format!("{expected}, found {}", describe(other))),
    }
}

/// An instant: a TOML offset date-time (`2022-07-25T09:00:00Z`) or an RFC 3339 string.
pub(crate) fn instant(value: &Value) -> Result<DateTime<Utc>, String> {
    let expected = "expected a date-time with an offset such as 2022-07-25T09:00:00Z";
    let text = match value {
        Value::Datetime(d) if d.date.is_some() && d.time.is_some() && d.offset.is_some() => {
            d.to_string()
        }
        Value::String(s) => s.trim().to_string(),
        other => return Err(format!("{expected}, found {}", describe(other))),
    };
    DateTime::parse_from_rfc3339(&text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| format!("{expected}, found \"{text}\""))
}

/// A weekday: `mon` to `sun`, or the full English name, in any case.
pub(crate) fn weekday(name: &str) -> Result<Weekday, String> {
    let day = match name.trim().to_lowercase().as_str() {
        "mon" | "monday" => Weekday::Mon,
        "tue" | "tuesday" => Weekday::Tue,
        "wed" | "wednesday" => Weekday::Wed,
        "thu" | "thursday" => Weekday::Thu,
        "fri" | "friday" => Weekday::Fri,
        "sat" | "saturday" => Weekday::Sat,
        "sun" | "sunday" => Weekday::Sun,
        _ => {
            return Err(format!(
                "unknown weekday `{name}` (valid: {WEEKDAYS}, or full English names)"
            ));
        }
    };
    Ok(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(toml_value: &str) -> Value {
        let table: toml::Table = toml::from_str(&format!("v = {toml_value}")).unwrap();
        table["v"].clone()
    }

    #[test]
    fn input_dates_are_toml_dates_or_strings() {
        let d = NaiveDate::from_ymd_opt(2022, 8, 1).unwrap();
        assert_eq!(date(&value("2022-08-01")), Ok(d));
        assert_eq!(date(&value("\"2022-08-01\"")), Ok(d));
        assert_eq!(
            date(&value("\"1 August\"")).unwrap_err(),
            "expected a date such as 2022-08-01, found \"1 August\""
        );
        assert_eq!(
            date(&value("2022-08-01T10:00:00")).unwrap_err(),
            "expected a date such as 2022-08-01, found local date-time 2022-08-01T10:00:00"
        );
        assert_eq!(
            date(&value("20220801")).unwrap_err(),
            "expected a date such as 2022-08-01, found integer 20220801"
        );
    }

    #[test]
    fn input_times_are_toml_times_or_strings() {
        let t = NaiveTime::from_hms_opt(16, 30, 0).unwrap();
        assert_eq!(time(&value("16:30:00")), Ok(t));
        assert_eq!(time(&value("\"16:30\"")), Ok(t));
        assert_eq!(time(&value("\"16:30:00\"")), Ok(t));
        assert!(
            time(&value("\"4:30 pm\""))
                .unwrap_err()
                .contains("found \"4:30 pm\"")
        );
        assert!(time(&value("\"25:00\"")).is_err());
    }

    #[test]
    fn input_instants_need_an_offset() {
        let t = instant(&value("2022-07-25T09:00:00Z")).unwrap();
        assert_eq!(t.to_rfc3339(), "2022-07-25T09:00:00+00:00");
        let t = instant(&value("\"2022-07-25T10:00:00+01:00\"")).unwrap();
        assert_eq!(t.to_rfc3339(), "2022-07-25T09:00:00+00:00");
        assert!(instant(&value("2022-07-25T09:00:00")).is_err());
    }

    #[test]
    fn input_weekdays_accept_short_and_full_names() {
        assert_eq!(weekday("mon"), Ok(Weekday::Mon));
        assert_eq!(weekday("Saturday"), Ok(Weekday::Sat));
        assert_eq!(weekday("SUN"), Ok(Weekday::Sun));
        assert_eq!(
            weekday("lun").unwrap_err(),
            "unknown weekday `lun` (valid: mon, tue, wed, thu, fri, sat, sun, or full English names)"
        );
    }
}
