//! The page's fairness sheet: a row per person with, for each duty kind and for
//! hours, a bar of what they do against their fair target (the bars drawn by `chart`).

use std::fmt::Write;

use super::{Page, chart, data_number, escape, key_badge};

impl Page<'_> {
    /// The fairness chart: a row per person, a bar chart per duty kind and for hours.
    pub(super) fn fairness_sheet(&self, out: &mut String) {
        let roster = self.roster;
        let l = self.labels;
        let people = &self.report.people;
        out.push_str("<section class=\"sheet fairness\" id=\"fairness\">\n");
        self.page_head(out, &format!("{} · fairness", roster.def().id));
        let _ = writeln!(out, "<h2>{}</h2>", l.page.fairness);
        let _ = writeln!(out, "<p class=\"note\">{}</p>", l.page.fairness_note);
        let kinds: Vec<usize> = (0..roster.duties().len())
            .filter(|&k| {
                people.iter().any(|p| {
                    p.per_duty
                        .get(k)
                        .is_some_and(|d| d.count > 0 || d.target > 0.0)
                })
            })
            .collect();
        let duty_max: Vec<f64> = kinds
            .iter()
            .map(|&k| {
                chart::scale_max(
                    people
                        .iter()
                        .filter_map(|p| p.per_duty.get(k))
                        .flat_map(|d| [f64::from(d.count), d.target]),
                )
            })
            .collect();
        let hours_max = chart::scale_max(people.iter().flat_map(|p| [p.hours, p.hours_target]));
        let _ = write!(
            out,
            "<table class=\"fair\"><thead><tr><th scope=\"col\">{}</th>",
            l.page.person
        );
        for &k in &kinds {
            let _ = write!(
                out,
                "<th scope=\"col\">{} <bdi>{}</bdi></th>",
                key_badge(roster, k),
                escape(&roster.duties()[k].name)
            );
        }
        let _ = writeln!(
            out,
            "<th scope=\"col\">{} ({})</th></tr></thead><tbody>",
            l.page.hours, l.page.hours_unit
        );
        for load in people {
            let Some(p) = roster.staff_index(&load.staff) else {
                continue;
            };
            let person = &roster.staff()[p];
            let _ = write!(
                out,
                "<tr data-person=\"{}\"><th scope=\"row\"><bdi>{}</bdi> <span class=\"id\">{}</span></th>",
                escape(&person.id),
                escape(&person.name),
                escape(&person.id)
            );
            for (&k, &max) in kinds.iter().zip(&duty_max) {
                let Some(d) = load.per_duty.get(k) else {
                    out.push_str("<td></td>");
                    continue;
                };
                self.bar_cell(out, &d.duty, f64::from(d.count), d.target, max);
            }
            self.bar_cell(out, "hours", load.hours, load.hours_target, hours_max);
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody></table>\n</section>\n");
    }

    /// One bar of the fairness chart with its numbers, "3 / 2,8".
    fn bar_cell(&self, out: &mut String, kind: &str, actual: f64, target: f64, max: f64) {
        let l = self.labels;
        let text = format!("{} / {}", l.number(actual), l.number(target));
        let label = format!(
            "{} {}, {} {}",
            l.page.actual,
            l.number(actual),
            l.page.target,
            l.number(target)
        );
        let _ = write!(
            out,
            "<td data-kind=\"{}\" data-actual=\"{}\" data-target=\"{}\">{} <span class=\"val\"><bdi dir=\"ltr\">{text}</bdi></span></td>",
            escape(kind),
            data_number(actual),
            data_number(target),
            chart::bar(actual, target, max, l.rtl, &label)
        );
    }
}
