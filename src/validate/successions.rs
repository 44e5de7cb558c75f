//! Successions: a forbidden pair of duties is not worked on two days running.

use super::Checker;
use crate::Rule;

impl Checker<'_> {
    /// Duty `then` is not worked the day after duty `first`.
    pub(super) fn forbidden_successions(&mut self) {
        let roster = self.roster;
        for succession in &roster.def().rules.forbidden_successions {
            let (Some(first), Some(then)) = (
                roster.duty_index(&succession.first),
                roster.duty_index(&succession.then),
            ) else {
                continue;
            };
            for p in 0..self.by_staff_day.len() {
                for d in 1..self.dates.len() {
                    let count = |day: usize, duty: usize| {
                        self.by_staff_day[p][day]
                            .iter()
                            .filter(|&&s| self.slot(s).duty == duty)
                            .count()
                    };
                    let (n1, n2) = (count(d - 1, first), count(d, then));
                    if n1 == 0 || n2 == 0 {
                        continue;
                    }
                    let message = |checker: &Self| {
                        format!(
                            "{}: `{}` on {} then `{}` on {}",
                            checker.staff_id(p),
                            succession.first,
                            checker.dates[d - 1],
                            succession.then,
                            checker.dates[d]
                        )
                    };
                    let (staff, amount) = (self.staff_id(p), (n1 + n2 - 1) as f64);
                    let rule = Rule::ForbiddenSuccession;
                    self.breach(staff, rule, succession.strength, amount, message);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::testing::*;

    #[test]
    fn forbidden_succession_hard_forbids_the_next_day() {
        let mut d = def();
        d.rules.forbidden_successions = vec![Succession {
            first: "evening".into(),
            then: "evening".into(),
            strength: Strength::Hard,
        }];
        clean(&check(d.clone(), &rota()));
        let report = check(
            d,
            &evenings(&[(1, "A"), (2, "A"), (3, "C"), (4, "B"), (5, "C")]),
        );
        assert_eq!(rules(&report), [Rule::ForbiddenSuccession]);
        assert_eq!(
            messages(&report),
            ["A: `evening` on 2022-08-01 then `evening` on 2022-08-02"]
        );
    }

    #[test]
    fn forbidden_succession_soft_penalises_by_weight() {
        let mut d = def();
        with_late(&mut d);
        d.rules.forbidden_successions = vec![Succession {
            first: "late".into(),
            then: "evening".into(),
            strength: Strength::Soft(6),
        }];
        // A: late on the 3rd, evening on the 4th; B: late on the 4th, evening on the 5th
        let late = [on(3, "late", "A"), on(4, "late", "B")];
        assert_eq!(
            only(
                &check(d.clone(), &with(rota(), &late)),
                Term::ForbiddenSuccession
            ),
            12.0
        );
        // evening then late is allowed
        clean(&check(d, &with(rota(), &[on(2, "late", "A")])));
    }
}
