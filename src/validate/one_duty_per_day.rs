//! One duty a day: at most one duty per person per day, hard or at a cost per
//! extra duty.

use super::Checker;
use crate::Rule;

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
                let message = |checker: &Self| {
                    let list: Vec<String> = checker.by_staff_day[p][d]
                        .iter()
                        .map(|&s| format!("{} {}", checker.site_id(s), checker.duty_id(s)))
                        .collect();
                    format!(
                        "{} {}: {c} duties on one day ({})",
                        checker.dates[d],
                        checker.staff_id(p),
                        list.join(", ")
                    )
                };
                let staff = self.staff_id(p);
                self.breach(
                    staff,
                    Rule::OneDutyPerDay,
                    strength,
                    (c - 1) as f64,
                    message,
                );
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
