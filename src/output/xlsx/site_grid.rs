//! A site's sheet of `roster.xlsx`: the month grid. One row per day of the period
//! (date, weekday), one column per duty kind held at the site (its name and usual
//! hours in the header), the names of the people on each duty in its cell, one a
//! line, and a last column naming the day's holiday and events. A slot whose hours
//! differ from the usual ones (Ramadan) shows them first; a slot short of people
//! says how many are missing; a duty the site does not hold that day shows "–".
//! Weekends, holidays and event days are shaded (a legend follows the grid), the
//! header rows are frozen, and the sheet prints on one A4 landscape page.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Weekday};
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::layout;
use super::style::{self, Mark};
use super::{A4, Book, HEAD_ROWS, excel_date, is_rtl_text};
use crate::output::roster_csv::in_print_order;
use crate::{Roster, Slot};

/// The names between two names on one line of a cell.
pub(super) const SEPARATOR: &str = " · ";

/// A duty's cell of one day.
struct Cell {
    /// The slot's hours when they are not the usual ones.
    hours: Option<String>,
    /// The people on the slot.
    names: Vec<String>,
    /// How many people the slot is short of, as a line.
    unfilled: Option<String>,
    /// The names read right to left.
    rtl: bool,
}

impl Cell {
    /// The cell's text with `per_line` names a line.
    fn text(&self, per_line: usize) -> String {
        let mut lines: Vec<String> = self.hours.iter().cloned().collect();
        for chunk in self.names.chunks(per_line.max(1)) {
            lines.push(chunk.join(SEPARATOR));
        }
        lines.extend(self.unfilled.iter().cloned());
        lines.join("\n")
    }
}

/// The cell of a duty the site does not hold that day is `None`.
type DutyCell = Option<Cell>;

/// The columns' widths (characters) and rows' heights (points) of a grid, and the
/// scale it prints at on one page.
struct Plan {
    per_line: usize,
    widths: Vec<f64>,
    /// The header row's, then each day's.
    heights: Vec<f64>,
    scale: f64,
}

/// Sizes the grid with `per_line` names a line: each column as wide as its longest
/// line (within bounds), each row as tall as its tallest cell.
fn plan(headers: &[String], days: &[Day], per_line: usize) -> Plan {
    let longest = |texts: &mut dyn Iterator<Item = String>| {
        texts
            .flat_map(|t| t.split('\n').map(|l| l.chars().count()).collect::<Vec<_>>())
            .max()
            .unwrap_or(0) as f64
    };
    let duties = headers.len() - 3;
    let mut widths = vec![11.0, 11.0];
    for c in 0..duties {
        let mut texts = days
            .iter()
            .filter_map(|d| d.duties[c].as_ref())
            .map(|cell| cell.text(per_line));
        widths.push((longest(&mut texts) + 2.0).clamp(12.0, 80.0));
    }
    let mut notes = days.iter().map(|d| d.notes.join("\n"));
    widths.push((longest(&mut notes) + 2.0).clamp(12.0, 40.0));
    let header = headers
        .iter()
        .zip(&widths)
        .map(|(h, &w)| layout::lines(h, w))
        .max()
        .unwrap_or(1);
    let mut heights = vec![layout::row_height(header)];
    for day in days {
        let mut lines = layout::lines(&day.notes.join("\n"), widths[2 + duties]);
        for (c, cell) in day.duties.iter().enumerate() {
            if let Some(cell) = cell {
                lines = lines.max(layout::lines(&cell.text(per_line), widths[2 + c]));
            }
        }
        heights.push(layout::row_height(lines));
    }
    // the head rows, the blank row and the legend's four
    let height = heights.iter().sum::<f64>() + 20.0 + 7.0 * layout::LINE_HEIGHT;
    let scale = layout::scale(&widths, height);
    Plan {
        per_line,
        widths,
        heights,
        scale,
    }
}

/// One day of the grid, before it is written.
struct Day {
    date: NaiveDate,
    mark: Mark,
    duties: Vec<DutyCell>,
    notes: Vec<String>,
}

/// Writes site `site`'s grid into `sheet`.
pub(super) fn write(book: &Book, sheet: &mut Worksheet, site: usize) -> Result<(), XlsxError> {
    let roster = book.roster;
    let l = book.labels;
    let s = &roster.sites()[site];
    let mut title = s.name.clone();
    if let Some(address) = &s.address {
        title.push_str(&format!(" · {address}"));
    }
    if let Some(phone) = &s.phone {
        title.push_str(&format!(" · {}{}{phone}", l.page.phone, l.page.colon));
    }
    book.head(sheet, &title)?;
    let duties = roster.duties_at(site);
    let days = days(book, site, &duties);
    let notes_col = 2 + duties.len();
    let mut headers = vec![l.page.date.to_string(), l.workbook.day.to_string()];
    for &k in &duties {
        let duty = &roster.duties()[k];
        headers.push(format!(
            "{}\n{}–{}",
            duty.name,
            duty.start.format("%H:%M"),
            duty.end.format("%H:%M")
        ));
    }
    headers.push(l.workbook.notes.to_string());

    // names side by side when that prints larger than one a line
    let most = days
        .iter()
        .flat_map(|d| d.duties.iter().flatten())
        .map(|c| c.names.len())
        .max()
        .unwrap_or(1);
    let mut best = plan(&headers, &days, 1);
    for per_line in 2..=most {
        let other = plan(&headers, &days, per_line);
        if other.scale > best.scale * 1.02 {
            best = other;
        }
    }
    let Plan {
        per_line,
        widths,
        heights,
        ..
    } = best;

    let header = style::header();
    for (c, text) in headers.iter().enumerate() {
        sheet.write_string_with_format(HEAD_ROWS, c as u16, text, &header)?;
    }
    sheet.set_row_height(HEAD_ROWS, heights[0])?;
    let mut row = HEAD_ROWS + 1;
    for (day, &height) in days.iter().zip(&heights[1..]) {
        let mark = day.mark;
        sheet.write_datetime_with_format(row, 0, excel_date(day.date)?, &style::grid_date(mark))?;
        let bold = is_weekend(day.date);
        let weekday = l.weekday(day.date);
        sheet.write_string_with_format(row, 1, weekday, &style::grid(mark, false, bold))?;
        for (c, cell) in day.duties.iter().enumerate() {
            let col = 2 + c as u16;
            match cell {
                None => sheet.write_string_with_format(row, col, "–", &style::no_slot(mark))?,
                Some(cell) => {
                    let format = match cell.unfilled {
                        Some(_) => style::unfilled(mark, cell.rtl),
                        None => style::grid(mark, cell.rtl, false),
                    };
                    sheet.write_string_with_format(row, col, cell.text(per_line), &format)?
                }
            };
        }
        let notes = day.notes.join("\n");
        let format = style::grid(mark, is_rtl_text(&notes), false);
        sheet.write_string_with_format(row, notes_col as u16, notes, &format)?;
        sheet.set_row_height(row, height)?;
        row += 1;
    }
    legend(book, sheet, row + 1)?;
    for (c, &width) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, width)?;
    }
    sheet.set_freeze_panes(HEAD_ROWS + 1, 2)?;
    sheet
        .set_paper_size(A4)
        .set_landscape()
        .set_print_fit_to_pages(1, 1)
        .set_margins(0.4, 0.4, 0.4, 0.4, 0.2, 0.2)
        .set_print_center_horizontally(true);
    Ok(())
}

/// The days of the period with what site `site`'s grid shows of each, for the
/// duty kinds `duties`.
fn days(book: &Book, site: usize, duties: &[usize]) -> Vec<Day> {
    let roster = book.roster;
    let l = book.labels;
    let people = people_on(book, site);
    let period = roster.def().period;
    let mut days = Vec::new();
    for date in period.first.iter_days().take_while(|&d| period.contains(d)) {
        let (mark, notes) = day_marks(roster, date);
        let cells = duties
            .iter()
            .map(|&k| {
                let slot = slot_on(roster, date, k, site)?;
                let names = people.get(&(date, k)).map_or(&[][..], Vec::as_slice);
                let missing = (slot.min as usize).saturating_sub(names.len());
                Some(Cell {
                    hours: unusual_hours(roster, slot),
                    names: names.iter().map(|n| n.to_string()).collect(),
                    unfilled: (missing > 0)
                        .then(|| format!("{}{}{missing}", l.page.unfilled, l.page.colon)),
                    rtl: !names.is_empty() && names.iter().all(|n| is_rtl_text(n)),
                })
            })
            .collect();
        days.push(Day {
            date,
            mark,
            duties: cells,
            notes,
        });
    }
    days
}

/// The legend under the grid: the swatches of the marks and their names.
fn legend(book: &Book, sheet: &mut Worksheet, row: u32) -> Result<(), XlsxError> {
    let l = book.labels;
    sheet.write_string_with_format(
        row,
        0,
        format!("{}{}", l.page.legend, l.page.colon.trim_end()),
        &style::title(),
    )?;
    let items = [
        (Mark::Weekend, l.workbook.weekend),
        (Mark::Holiday, l.page.holiday),
        (Mark::Event, l.page.event),
    ];
    for (i, (mark, label)) in items.into_iter().enumerate() {
        let r = row + 1 + i as u32;
        sheet.write_string_with_format(r, 0, "", &style::swatch(mark))?;
        sheet.write_string(r, 1, label)?;
    }
    Ok(())
}

/// The names of the people on each (date, duty) at `site`, in print order.
fn people_on<'a>(book: &Book<'a>, site: usize) -> BTreeMap<(NaiveDate, usize), Vec<&'a str>> {
    let roster = book.roster;
    let mut on: BTreeMap<(NaiveDate, usize), Vec<&str>> = BTreeMap::new();
    for (slot, a) in in_print_order(roster, &book.outcome.assignments) {
        if slot.site != site {
            continue;
        }
        let person = &roster.staff()[roster
            .staff_index(&a.staff)
            .expect("in_print_order keeps known staff")];
        on.entry((slot.date, slot.duty))
            .or_default()
            .push(&person.name);
    }
    on
}

/// The slot of duty `duty` at `site` on `date`, if the site holds it that day.
fn slot_on(roster: &Roster, date: NaiveDate, duty: usize, site: usize) -> Option<&Slot> {
    roster
        .slot_index(date, duty, site)
        .map(|i| &roster.slots()[i])
}

/// A slot's hours, "15:00–17:00", when they are not its duty's usual ones.
fn unusual_hours(roster: &Roster, slot: &Slot) -> Option<String> {
    let duty = &roster.duties()[slot.duty];
    let (start, end) = (slot.start_local.time(), slot.end_local.time());
    (start != duty.start || end != duty.end)
        .then(|| format!("{}–{}", start.format("%H:%M"), end.format("%H:%M")))
}

/// Saturday and Sunday.
fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// How `date` is marked, and the names of its holiday and events ("★ name",
/// "◆ name").
fn day_marks(roster: &Roster, date: NaiveDate) -> (Mark, Vec<String>) {
    let mut notes = Vec::new();
    let holiday = roster.holiday(date);
    if let Some(h) = holiday {
        notes.push(format!("★ {}", h.name));
    }
    let events: Vec<_> = roster
        .def()
        .events
        .iter()
        .filter(|e| e.dates.contains(date))
        .collect();
    for e in &events {
        notes.push(format!("◆ {}", e.name));
    }
    let mark = if holiday.is_some() {
        Mark::Holiday
    } else if !events.is_empty() {
        Mark::Event
    } else if is_weekend(date) {
        Mark::Weekend
    } else {
        Mark::Plain
    };
    (mark, notes)
}
