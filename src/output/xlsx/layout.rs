//! Sizes of a printed sheet, estimated without a font: how many lines a wrapped text
//! takes in a column, a row's height, and the scale at which a sheet set to fit one
//! A4 landscape page prints (by its tallest or widest side), so that a month grid
//! can choose its shape. Spreadsheets do not grow rows for wrapped text written by
//! a program, so rows get their height here.

/// Points per line of text (11-point font).
pub(super) const LINE_HEIGHT: f64 = 15.0;

/// The printable width of an A4 landscape page with the sheets' margins (0.4 inch
/// each side), in points.
const PAGE_WIDTH: f64 = (11.69 - 0.8) * 72.0;

/// The printable height of the same page.
const PAGE_HEIGHT: f64 = (8.27 - 0.8) * 72.0;

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

/// The scale at which a sheet with columns `widths` (characters) and `height`
/// points tall prints on one A4 landscape page: 1 when it fits as it is.
pub(super) fn scale(widths: &[f64], height: f64) -> f64 {
    let width: f64 = widths.iter().map(|&w| column_points(w)).sum();
    (PAGE_WIDTH / width).min(PAGE_HEIGHT / height).min(1.0)
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
    fn a_sheet_is_scaled_by_its_tallest_or_widest_side() {
        assert_eq!(scale(&[10.0, 10.0], 100.0), 1.0);
        let tall = scale(&[10.0], PAGE_HEIGHT * 2.0);
        assert!((tall - 0.5).abs() < 1e-9, "{tall}");
        // two columns of 100 characters: 2 × 705 pixels, 1057.5 points
        let wide = scale(&[100.0, 100.0], 100.0);
        assert!((wide - PAGE_WIDTH / 1057.5).abs() < 1e-9, "{wide}");
    }
}
