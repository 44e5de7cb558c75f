//! The cell formats of `roster.xlsx`, in one place: the head of every sheet, header
//! cells, the marks of the month grid (weekends, holidays, event days) and the
//! alignment of names. Fills are pale so that a black-and-white print stays
//! readable; the grid also names each holiday and event in its notes column.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, FormatPattern};

/// The number format of dates: ISO, the same in every language.
pub(super) const DATE: &str = "yyyy-mm-dd";

/// Pale orange: a public holiday.
const HOLIDAY: u32 = 0xFCE4D6;
/// Pale blue: an event (open) day.
const EVENT: u32 = 0xDDEBF7;
/// Pale grey: a weekend day.
const WEEKEND: u32 = 0xEDEDED;
/// Header cells.
const HEADER: u32 = 0xD9D9D9;

/// The roster's name, first row of every sheet.
pub(super) fn name() -> Format {
    Format::new().set_bold().set_font_size(14)
}

/// Period, revision and status.
pub(super) fn meta() -> Format {
    Format::new().set_font_color(Color::RGB(0x404040))
}

/// The sheet's own title.
pub(super) fn title() -> Format {
    Format::new().set_bold().set_font_size(12)
}

/// A header cell of a sheet's columns.
pub(super) fn header() -> Format {
    Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(Color::RGB(HEADER))
        .set_border(FormatBorder::Thin)
}

/// A legend swatch of the grid's marks.
pub(super) fn swatch(mark: Mark) -> Format {
    mark.apply(Format::new().set_border(FormatBorder::Thin))
}

/// How a day of the grid is marked; a holiday wins over an event day, which wins
/// over a weekend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mark {
    Plain,
    Weekend,
    Event,
    Holiday,
}

impl Mark {
    /// `format` with this mark's fill.
    fn apply(self, format: Format) -> Format {
        let fill = match self {
            Mark::Plain => return format,
            Mark::Weekend => WEEKEND,
            Mark::Event => EVENT,
            Mark::Holiday => HOLIDAY,
        };
        format
            .set_pattern(FormatPattern::Solid)
            .set_background_color(Color::RGB(fill))
    }
}

/// A cell of the month grid on a day marked `mark`: wrapped, top-aligned, boxed;
/// right-aligned when it holds right-to-left names; bold for the weekday of a
/// weekend.
pub(super) fn grid(mark: Mark, rtl: bool, bold: bool) -> Format {
    let mut format = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(0x808080));
    if rtl {
        format = format
            .set_align(FormatAlign::Right)
            .set_reading_direction(2);
    }
    if bold {
        format = format.set_bold();
    }
    mark.apply(format)
}

/// The date cell of the grid.
pub(super) fn grid_date(mark: Mark) -> Format {
    grid(mark, false, false).set_num_format(DATE)
}

/// A grid cell for a duty the site does not hold that day.
pub(super) fn no_slot(mark: Mark) -> Format {
    grid(mark, false, false)
        .set_align(FormatAlign::Center)
        .set_font_color(Color::RGB(0xA0A0A0))
}

/// A grid cell of a slot with fewer people than its minimum.
pub(super) fn unfilled(mark: Mark, rtl: bool) -> Format {
    grid(mark, rtl, false).set_font_color(Color::RGB(0xC00000))
}

/// A text cell of a list (per person, assignments): right-aligned when it reads
/// right to left.
pub(super) fn text(rtl: bool) -> Format {
    if rtl {
        Format::new()
            .set_align(FormatAlign::Right)
            .set_reading_direction(2)
    } else {
        Format::new()
    }
}

/// A date cell of a list.
pub(super) fn date() -> Format {
    Format::new().set_num_format(DATE)
}
