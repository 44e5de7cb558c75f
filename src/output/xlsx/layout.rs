//! Sizes of a printed sheet, estimated without a font: how many lines a wrapped text
//! takes in a column, a row's height, and column widths widened so that a month grid
//! fills an A4 landscape page (a sheet set to fit one page is scaled by its tallest
//! or widest side; a grid of 31 days is tall, so wider columns cost nothing and
//! leave room for long names). Spreadsheets do not grow rows for wrapped text
//! written by a program, so rows get their height here.

/// Points per line of text (11-point font).
pub(super) const LINE_HEIGHT: f64 = 15.0;

/// The printable width over height of an A4 landscape page with the sheets'
/// margins (0.4 inch each side).
const PAGE_RATIO: f64 = (11.69 - 0.8) / (8.27 - 0.8);

/// The lines `text` takes in a column `width` characters wide: each of its lines
/// wrapped at the column's width.
pub(super) fn lines(text: &str, width: f64) -> usize {
    let per_line = (width - 1.0).max(1.0);
    text.split('\n')
        .map(|line| ((line.chars().count() as f64 / per_line).ceil() as usize).max(1))
        .sum()
}

/// The height in points of a row whose tallest cell takes `lines` lines.
pub(super) fn row_height(lines: usize) -> f64 {
    lines.max(1) as f64 * LINE_HEIGHT + 2.0
}

/// The width in points of a column `width` characters wide (7 pixels a
/// character and 5 of padding, 0.75 point a pixel).
fn column_points(width: f64) -> f64 {
    (width * 7.0 + 5.0) * 0.75
}

/// Widens the columns listed in `grow` (indices into `widths`, in characters), in
/// proportion to their widths, until the sheet is as wide as a landscape page is
/// for a sheet `height` points tall; never narrows a column.
pub(super) fn widen_to_page(widths: &mut [f64], grow: &[usize], height: f64) {
    let total: f64 = widths.iter().map(|&w| column_points(w)).sum();
    let wanted = height * PAGE_RATIO;
    let growing: f64 = grow.iter().map(|&i| widths[i]).sum();
    if total >= wanted || growing <= 0.0 {
        return;
    }
    // points per character of width: 7 pixels of 0.75 point
    let extra_chars = (wanted - total) / (7.0 * 0.75);
    for &i in grow {
        let w = widths[i] + extra_chars * widths[i] / growing;
        widths[i] = w.floor();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_wrap_at_the_column_width() {
        assert_eq!(lines("", 10.0), 1);
        assert_eq!(lines("Amina\nBrahim", 10.0), 2);
        assert_eq!(lines(&"x".repeat(25), 11.0), 3);
    }

    #[test]
    fn a_tall_grid_gets_wider_columns_and_a_wide_one_keeps_them() {
        let mut widths = vec![11.0, 11.0, 20.0, 20.0];
        widen_to_page(&mut widths, &[2, 3], 800.0);
        assert_eq!(widths[..2], [11.0, 11.0]);
        assert!(widths[2] > 50.0 && widths[2] == widths[3], "{widths:?}");
        let total: f64 = widths.iter().map(|&w| column_points(w)).sum();
        assert!((total - 800.0 * PAGE_RATIO).abs() < 15.0, "{total}");
        let mut wide = vec![60.0, 60.0];
        widen_to_page(&mut wide, &[0, 1], 100.0);
        assert_eq!(wide, [60.0, 60.0]);
    }
}
