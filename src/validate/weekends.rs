//! Weekends: at most so many weekends (Saturday and Sunday of one ISO week) with a
//! duty.

use std::collections::BTreeSet;

use chrono::{Datelike, Weekday};

use super::Checker;
use super::bound_for;
use crate::Rule;

impl Checker<'_> {
    /// At most W weekends (Saturday and Sunday of one ISO week) with a duty.
    pub(super) fn max_weekends(&mut self) {
        let rule = self.roster.def().rules.max_weekends;
        for (p, person) in self.roster.staff().iter().enumerate() {
            let Some((max, strength)) = bound_for(person.limits.max_weekends, rule) else {
                continue;
            };
            let weekends: BTreeSet<(i32, u32)> = self
                .dates
                .iter()
                .enumerate()
                .filter(|&(d, date)| {
                    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
                        && !self.by_staff_day[p][d].is_empty()
                })
                .map(|(_, date)| (date.iso_week().year(), date.iso_week().week()))
                .collect();
            let count = weekends.len() as u32;
            if count <= max {
                continue;
            }
            let message =
                |_: &Self| format!("{}: {count} weekends with a duty, at most {max}", person.id);
            let excess = f64::from(count - max);
            self.breach(&person.id, Rule::MaxWeekends, strength, excess, message);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::testing::*;

    #[test]
    fn max_weekends_hard_counts_saturday_and_sunday_once() {
        let mut d = def();
        with_weekend(&mut d);
        d.rules.max_weekends = bound(1, Strength::Hard);
        clean(&check(
            d.clone(),
            &[on(6, "weekend", "A"), on(7, "weekend", "A")],
        ));
        // Sunday 7 and Saturday 13 are two weekends
        let report = check(d, &[on(7, "weekend", "A"), on(13, "weekend", "A")]);
        assert_eq!(rules(&report), [Rule::MaxWeekends]);
        assert_eq!(messages(&report), ["A: 2 weekends with a duty, at most 1"]);
    }

    #[test]
    fn max_weekends_soft_penalises_by_weight() {
        let mut d = def();
        with_weekend(&mut d);
        d.rules.max_weekends = bound(1, Strength::Soft(10));
        let list = [
            on(6, "weekend", "A"),
            on(13, "weekend", "A"),
            on(14, "weekend", "A"),
        ];
        assert_eq!(only(&check(d.clone(), &list), Term::MaxWeekends), 10.0);
        // weekday duties do not count
        clean(&check(d, &[on(6, "weekend", "A"), on(8, "evening", "A")]));
    }
}
