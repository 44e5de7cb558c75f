//! Preferences: what each person wants or avoids, at its weight.

use chrono::Datelike;

use super::Checker;
use crate::{Preference, Term, Wish};

impl Checker<'_> {
    /// Whether `slot` matches every filter of `pref`.
    pub(super) fn matches(&self, pref: &Preference, slot: usize) -> bool {
        let s = self.slot(slot);
        pref.dates.is_none_or(|r| r.contains(s.date))
            && (pref.weekdays.is_empty() || pref.weekdays.contains(&s.date.weekday()))
            && pref.duty.as_ref().is_none_or(|d| d == self.duty_id(slot))
            && pref.site.as_ref().is_none_or(|x| x == self.site_id(slot))
    }

    /// `avoid` costs its weight per matching duty assigned; `want` costs its
    /// weight per date with a matching slot on which no matching duty is assigned.
    pub(super) fn preferences(&mut self) {
        let mut total = 0.0;
        for (p, person) in self.roster.staff().iter().enumerate() {
            for pref in &person.preferences {
                let w = f64::from(pref.weight);
                match pref.wish {
                    Wish::Avoid => {
                        let k = self.by_staff[p]
                            .iter()
                            .filter(|&&s| self.matches(pref, s))
                            .count();
                        total += w * k as f64;
                    }
                    Wish::Want => {
                        for d in 0..self.dates.len() {
                            let offered =
                                self.slots_by_day[d].iter().any(|&s| self.matches(pref, s));
                            let granted = self.by_staff_day[p][d]
                                .iter()
                                .any(|&s| self.matches(pref, s));
                            if offered && !granted {
                                total += w;
                            }
                        }
                    }
                }
            }
        }
        self.penalise(Term::Preferences, 1, total);
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::testing::*;

    fn preference(wish: Wish, weight: u32) -> Preference {
        Preference {
            wish,
            dates: None,
            weekdays: vec![],
            duty: None,
            site: None,
            weight,
        }
    }

    #[test]
    fn avoid_preference_costs_weight_per_matching_duty() {
        let mut d = def();
        d.staff[0].preferences = vec![Preference {
            weekdays: vec![Weekday::Mon, Weekday::Thu],
            ..preference(Wish::Avoid, 4)
        }];
        // A works Monday 1 and Thursday 4
        assert_eq!(only(&check(d.clone(), &rota()), Term::Preferences), 8.0);
        clean(&check(
            d,
            &evenings(&[(1, "B"), (2, "A"), (3, "C"), (4, "B"), (5, "A")]),
        ));
    }

    #[test]
    fn want_preference_costs_weight_per_date_not_granted() {
        let mut d = def();
        let dates = Some(DateRange::new(date(3), date(7)));
        d.staff[1].preferences = vec![
            Preference {
                dates,
                duty: Some("evening".into()),
                ..preference(Wish::Want, 3)
            },
            // no slot on Saturdays: nothing to grant, nothing to miss
            Preference {
                weekdays: vec![Weekday::Sat],
                ..preference(Wish::Want, 100)
            },
        ];
        // B works the 5th; the 3rd and 4th have an evening, the 6th and 7th none
        assert_eq!(only(&check(d.clone(), &rota()), Term::Preferences), 6.0);
        // dates B could not take still count
        d.staff[1].unavailable = vec![Absence {
            dates: DateRange::single(date(3)),
            reason: String::new(),
            scope: crate::AbsenceScope::WholeDays,
        }];
        let list = evenings(&[(1, "A"), (2, "C"), (3, "A"), (4, "B"), (5, "B")]);
        assert_eq!(only(&check(d.clone(), &list), Term::Preferences), 3.0);
        d.staff[1].unavailable.clear();
        let list = evenings(&[(1, "A"), (2, "C"), (3, "B"), (4, "B"), (5, "B")]);
        clean(&check(d, &list));
    }
}
