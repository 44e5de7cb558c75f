//! Rest: the minimum rest between any two of a person's duties, hard or at a cost.

use std::collections::BTreeMap;

use chrono::{NaiveDate, TimeDelta};

use super::Checker;
use crate::Rule;

impl Checker<'_> {
    /// The minimum rest between any two of a person's duties (grouped by
    /// date and duty kind).
    pub(super) fn min_rest(&mut self) {
        let Some(bound) = self.roster.def().rules.min_rest_minutes else {
            return;
        };
        let rest = TimeDelta::minutes(i64::from(bound.value));
        for p in 0..self.by_staff.len() {
            // (date, duty) -> (assignments in the group, one slot of it)
            let mut groups: BTreeMap<(NaiveDate, usize), (usize, usize)> = BTreeMap::new();
            for &s in &self.by_staff[p] {
                let slot = self.slot(s);
                groups.entry((slot.date, slot.duty)).or_insert((0, s)).0 += 1;
            }
            let groups: Vec<(usize, usize)> = groups.into_values().collect();
            for (i, &(n1, s1)) in groups.iter().enumerate() {
                for &(n2, s2) in &groups[i + 1..] {
                    let (a, b) = if self.slot(s1).start_utc <= self.slot(s2).start_utc {
                        (s1, s2)
                    } else {
                        (s2, s1)
                    };
                    let gap = self.slot(b).start_utc - self.slot(a).end_utc;
                    if gap >= rest {
                        continue;
                    }
                    let message = |checker: &Self| {
                        let between = if gap < TimeDelta::zero() {
                            format!("overlap by {} minutes", -gap.num_minutes())
                        } else {
                            format!("leave {} minutes of rest", gap.num_minutes())
                        };
                        format!(
                            "{}: {} {} and {} {} {between}, needs {}",
                            checker.staff_id(p),
                            checker.slot(a).date,
                            checker.duty_id(a),
                            checker.slot(b).date,
                            checker.duty_id(b),
                            bound.value
                        )
                    };
                    let (staff, amount) = (self.staff_id(p), (n1 + n2 - 1) as f64);
                    self.breach(staff, Rule::MinRest, bound.strength, amount, message);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::testing::*;

    #[test]
    fn min_rest_hard_forbids_short_rest() {
        let mut d = def();
        with_late(&mut d);
        d.rules.one_duty_per_day = Strength::Soft(0);
        d.rules.min_rest_minutes = bound(60, Strength::Hard);
        let report = check(d.clone(), &with(rota(), &[on(1, "late", "A")]));
        assert_eq!(rules(&report), [Rule::MinRest]);
        assert_eq!(
            messages(&report),
            ["A: 2022-08-01 evening and 2022-08-01 late leave 0 minutes of rest, needs 60"]
        );
        // B's late duty on the 1st ends 20 hours before their evening on the 2nd
        clean(&check(d, &with(rota(), &[on(1, "late", "B")])));
    }

    #[test]
    fn min_rest_soft_penalises_by_weight() {
        let mut d = def();
        with_late(&mut d);
        d.rules.one_duty_per_day = Strength::Soft(0);
        d.rules.min_rest_minutes = bound(60, Strength::Soft(5));
        let late = [on(1, "late", "A"), on(3, "late", "C")];
        assert_eq!(
            only(&check(d.clone(), &with(rota(), &late)), Term::MinRest),
            10.0
        );
        // back to back is enough rest when none is asked
        d.rules.min_rest_minutes = bound(0, Strength::Soft(5));
        clean(&check(d, &with(rota(), &late)));
    }

    #[test]
    fn min_rest_applies_across_days() {
        let mut d = def();
        with_late(&mut d);
        // 20:30 on the 1st to 16:30 on the 2nd is 20 hours
        d.rules.min_rest_minutes = bound(21 * 60, Strength::Hard);
        let report = check(d.clone(), &with(rota(), &[on(1, "late", "B")]));
        assert_eq!(
            messages(&report),
            ["B: 2022-08-01 late and 2022-08-02 evening leave 1200 minutes of rest, needs 1260"]
        );
        d.rules.min_rest_minutes = bound(20 * 60, Strength::Hard);
        clean(&check(d, &with(rota(), &[on(1, "late", "B")])));
    }

    #[test]
    fn min_rest_of_zero_still_forbids_overlaps() {
        let mut d = def();
        with_late(&mut d);
        d.duties[1].start = time(17, 30);
        d.rules.one_duty_per_day = Strength::Soft(0);
        d.rules.min_rest_minutes = bound(0, Strength::Hard);
        let report = check(d, &with(rota(), &[on(1, "late", "A")]));
        assert_eq!(
            messages(&report),
            ["A: 2022-08-01 evening and 2022-08-01 late overlap by 60 minutes, needs 0"]
        );
    }
}
