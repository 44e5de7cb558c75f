//! The readable summary printed after solving: status, objective, a month table per
//! site and a fairness table per person.

use std::fmt::Write;

use super::csv_cells::number;
use super::roster_csv::in_print_order;
use crate::domain::short_english_weekday;
use crate::validate::Report;
use crate::{Outcome, Roster};

fn table(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::from("  ");
        for (c, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if c + 1 < row.len() {
                line.push_str(&" ".repeat(widths[c] - cell.chars().count() + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The summary as text.
///
/// # Example
/// ```
/// let roster = duty_roster::sample::tiny_roster();
/// let outcome = duty_roster::solve(&roster, &Default::default()).unwrap();
/// let report = duty_roster::validate(&roster, &outcome.assignments);
/// let text = duty_roster::output::text::render(&roster, &outcome, &report);
/// assert!(text.contains("status: optimal"));
/// assert!(text.contains("hq"));
/// ```
pub fn render(roster: &Roster, outcome: &Outcome, report: &Report) -> String {
    let def = roster.def();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({} to {})",
        def.name, def.period.first, def.period.last
    );
    let gap = if !matches!(
        outcome.status,
        crate::Status::TimeLimit | crate::Status::Interrupted
    ) {
        String::new()
    } else {
        gap_words(outcome.objective, outcome.best_bound, outcome.gap)
    };
    let _ = writeln!(
        out,
        "status: {}{gap}; objective {} ({} slots, {} assignments; model {:.2} s, solve {:.2} s)",
        outcome.status,
        number(outcome.objective),
        outcome.slots,
        outcome.assignments.len(),
        outcome.build_seconds,
        outcome.solve_seconds
    );
    for (term, value) in &outcome.terms {
        if value.abs() > 1e-9 {
            let _ = writeln!(out, "  {:<26}{}", term.key(), number(*value));
        }
    }
    for v in &report.violations {
        let _ = writeln!(out, "  BROKEN {}: {}", v.rule, v.message);
    }
    let printed = in_print_order(roster, &outcome.assignments);
    for (site_i, site) in roster.sites().iter().enumerate() {
        let duties = roster.duties_at(site_i);
        if duties.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{} — {}", site.id, site.name);
        let mut rows = vec![
            std::iter::once("date".to_string())
                .chain(duties.iter().map(|&k| roster.duties()[k].id.clone()))
                .collect::<Vec<_>>(),
        ];
        let mut dates: Vec<_> = roster
            .slots()
            .iter()
            .filter(|s| s.site == site_i)
            .map(|s| s.date)
            .collect();
        dates.dedup();
        for date in dates {
            let mut row = vec![format!("{} {}", short_english_weekday(date), date)];
            for &k in &duties {
                let people: Vec<&str> = printed
                    .iter()
                    .filter(|(s, _)| s.date == date && s.site == site_i && s.duty == k)
                    .map(|(_, a)| a.staff.as_str())
                    .collect();
                let runs = roster.slot_index(date, k, site_i).is_some();
                row.push(if runs {
                    people.join(" ")
                } else {
                    "·".to_string()
                });
            }
            rows.push(row);
        }
        out.push_str(&table(&rows));
    }
    // With fairness on, each count against its fair target; with it off there is no
    // target, so the counts alone.
    let fairness = roster.def().rules.fairness.is_on();
    let heading = if fairness {
        "fairness (actual/target)"
    } else {
        "workload (duties and hours)"
    };
    let _ = writeln!(out, "\n{heading}");
    let mut rows = vec![
        std::iter::once("staff".to_string())
            .chain(roster.duties().iter().map(|d| d.id.clone()))
            .chain(["hours".to_string()])
            .collect::<Vec<_>>(),
    ];
    let against = |actual: String, target: f64| {
        if fairness {
            format!("{actual}/{}", number((target * 10.0).round() / 10.0))
        } else {
            actual
        }
    };
    for load in &report.people {
        let mut row = vec![load.staff.clone()];
        for d in &load.per_duty {
            row.push(against(d.count.to_string(), d.target));
        }
        row.push(against(number(load.hours), load.hours_target));
        rows.push(row);
    }
    out.push_str(&table(&rows));
    out
}

/// The gap of a roster stopped at the time limit, as printed after its status: the
/// relative gap, or the absolute one when the bound is 0 (a relative gap to 0 is
/// always 100%, which says nothing), or nothing when the roster meets its bound.
fn gap_words(objective: f64, bound: f64, gap: f64) -> String {
    let absolute = objective - bound;
    if absolute.abs() < 1e-9 {
        String::new()
    } else if bound.abs() < 1e-9 || !gap.is_finite() {
        format!(", {} above the bound {}", number(absolute), number(bound))
    } else {
        format!(", gap {:.2}% to bound {}", gap * 100.0, number(bound))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A bound of 0 printed "gap 100.00% to bound 0" whatever the roster's cost.
    #[test]
    fn text_gap_to_a_zero_bound_is_absolute() {
        assert_eq!(gap_words(12.0, 0.0, 1.0), ", 12 above the bound 0");
        assert_eq!(
            gap_words(110.0, 100.0, 0.1 / 1.1),
            ", gap 9.09% to bound 100"
        );
        assert_eq!(gap_words(5.0, 5.0, 0.0), "");
    }
}
