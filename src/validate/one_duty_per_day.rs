//! One duty a day: at most one duty per person per day, hard or at a cost per
//! extra duty.

use super::Checker;
use crate::{Rule, Strength, Term};

impl Checker<'_> {
    /// At most one duty per person per day.
    pub(super) fn one_duty_per_day(&mut self) {
        let strength = self.roster.def().rules.one_duty_per_day;
        for p in 0..self.by_staff_day.len() {
            for d in 0..self.dates.len() {
                let slots = &self.by_staff_day[p][d];
                let c = slots.len();
                if c <= 1 {
                    continue;
                }
                match strength {
                    Strength::Hard => {
                        let list: Vec<String> = slots
                            .iter()
                            .map(|&s| format!("{} {}", self.site_id(s), self.duty_id(s)))
                            .collect();
                        let message = format!(
                            "{} {}: {c} duties on one day ({})",
                            self.dates[d],
                            self.staff_id(p),
                            list.join(", ")
                        );
                        self.violation_of(
                            Some(self.staff_id(p).to_string()),
                            Rule::OneDutyPerDay,
                            message,
                        );
                    }
                    Strength::Soft(w) => self.penalise(Term::OneDutyPerDay, w, (c - 1) as f64),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::testing::*;

    #[test]
    fn one_duty_per_day_hard_forbids_two_duties_on_a_day() {
        let mut d = def();
        with_late(&mut d);
        let report = check(d.clone(), &with(rota(), &[on(1, "late", "A")]));
        assert_eq!(rules(&report), [Rule::OneDutyPerDay]);
        assert_eq!(
            messages(&report),
            ["2022-08-01 A: 2 duties on one day (hq evening, hq late)"]
        );
        clean(&check(d, &with(rota(), &[on(1, "late", "B")])));
    }

    #[test]
    fn one_duty_per_day_soft_penalises_by_weight() {
        let mut d = def();
        with_late(&mut d);
        d.rules.one_duty_per_day = Strength::Soft(4);
        let late = [on(1, "late", "A"), on(4, "late", "A")];
        assert_eq!(
            only(&check(d.clone(), &with(rota(), &late)), Term::OneDutyPerDay),
            8.0
        );
        clean(&check(d, &with(rota(), &[on(1, "late", "B")])));
    }
}
