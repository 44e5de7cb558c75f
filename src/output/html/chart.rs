//! The fairness chart's inline SVG: one small horizontal bar per person and measure,
//! the bar for what they do and a black line across it for their fair target.
//!
//! Readable in black and white: the bar is hatched with a black outline, the target
//! a thick black line taller than the bar, and a scale of ticks runs underneath.

use std::fmt::Write;

/// Width of one bar chart, in SVG units (CSS pixels).
const WIDTH: f64 = 150.0;
/// Height of one bar chart.
const HEIGHT: f64 = 18.0;
/// Room left at each end of the scale.
const PAD: f64 = 3.0;

/// The pattern the bars are filled with, defined once per page and used by every
/// chart (`fill="url(#hatch)"`). Zero-sized rather than `display: none`, which
/// would switch the pattern off in some browsers.
pub(crate) const DEFS: &str = concat!(
    "<svg class=\"defs\" width=\"0\" height=\"0\" aria-hidden=\"true\" focusable=\"false\">",
    "<defs><pattern id=\"hatch\" patternUnits=\"userSpaceOnUse\" width=\"4\" height=\"4\" ",
    "patternTransform=\"rotate(45)\"><rect width=\"4\" height=\"4\" fill=\"#c9d7ea\"/>",
    "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"4\" stroke=\"#1d3f66\" stroke-width=\"1.6\"/>",
    "</pattern></defs></svg>"
);

/// The largest value a column of bars must show: at least 1.
pub(crate) fn scale_max(values: impl IntoIterator<Item = f64>) -> f64 {
    values.into_iter().fold(1.0, f64::max)
}

/// A step between ticks that gives at most 8 ticks up to `max`: 1, 2, 5, 10, 20...
fn tick_step(max: f64) -> f64 {
    let mut step = 1.0;
    loop {
        for factor in [1.0, 2.0, 5.0] {
            if max / (step * factor) <= 8.0 {
                return step * factor;
            }
        }
        step *= 10.0;
    }
}

/// An SVG coordinate with one decimal.
fn at(x: f64) -> String {
    let s = format!("{x:.1}");
    s.strip_suffix(".0").map_or(s.clone(), str::to_string)
}

/// One bar chart: `actual` as a hatched bar, `target` as a black line, on a scale
/// from 0 to `max`; mirrored (growing from the right) when `rtl`. `label` is the
/// accessible text ("3 / 2,8").
pub(crate) fn bar(actual: f64, target: f64, max: f64, rtl: bool, label: &str) -> String {
    let span = WIDTH - 2.0 * PAD;
    let x_of = |value: f64| {
        let x = PAD + span * (value / max).clamp(0.0, 1.0);
        if rtl { WIDTH - x } else { x }
    };
    let label = super::escape(label);
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"bar\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{label}\"><title>{label}</title>",
        w = at(WIDTH),
        h = at(HEIGHT),
    );
    // scale: a base line and ticks
    let base = HEIGHT - 2.5;
    let _ = write!(
        svg,
        "<path class=\"scale\" d=\"M{} {b}H{}",
        at(x_of(0.0)),
        at(x_of(max)),
        b = at(base)
    );
    let step = tick_step(max);
    let mut tick = 0.0;
    while tick <= max + 1e-9 {
        let _ = write!(svg, "M{} {}V{}", at(x_of(tick)), at(base), at(HEIGHT));
        tick += step;
    }
    svg.push_str("\" fill=\"none\" stroke=\"#666\" stroke-width=\"0.8\"/>");
    // the bar
    if actual > 0.0 {
        let (a, b) = (x_of(0.0), x_of(actual));
        let _ = write!(
            svg,
            "<rect class=\"actual\" x=\"{}\" y=\"4\" width=\"{}\" height=\"9\" fill=\"url(#hatch)\" stroke=\"#000\" stroke-width=\"1\"/>",
            at(a.min(b)),
            at((b - a).abs()),
        );
    }
    // the target
    if target > 0.0 {
        let x = at(x_of(target));
        let _ = write!(
            svg,
            "<path class=\"target\" d=\"M{x} 0.5V15.5\" stroke=\"#000\" stroke-width=\"2.5\"/>"
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_stay_few() {
        assert_eq!(tick_step(6.0), 1.0);
        assert_eq!(tick_step(9.0), 2.0);
        assert_eq!(tick_step(36.0), 5.0);
        assert_eq!(tick_step(80.0), 10.0);
        assert_eq!(tick_step(90.0), 20.0);
    }

    #[test]
    fn bar_and_target_sit_at_their_values() {
        let svg = bar(3.0, 6.0, 12.0, false, "3 / 6");
        // span 144 from 3: 3 -> 39, 6 -> 75
        assert!(
            svg.contains("<rect class=\"actual\" x=\"3\" y=\"4\" width=\"36\""),
            "{svg}"
        );
        assert!(svg.contains("d=\"M75 0.5V15.5\""), "{svg}");
        assert!(svg.contains("<title>3 / 6</title>"));
    }

    #[test]
    fn right_to_left_bars_grow_from_the_right() {
        let svg = bar(3.0, 6.0, 12.0, true, "x");
        assert!(
            svg.contains("<rect class=\"actual\" x=\"111\" y=\"4\" width=\"36\""),
            "{svg}"
        );
        assert!(svg.contains("d=\"M75 0.5V15.5\""), "{svg}");
    }

    #[test]
    fn nothing_to_draw_leaves_the_scale_only() {
        let svg = bar(0.0, 0.0, scale_max([0.0, 0.0]), false, "0 / 0");
        assert!(!svg.contains("actual"));
        assert!(!svg.contains("target"));
        assert!(svg.contains("class=\"scale\""));
    }
}
