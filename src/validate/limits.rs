//! Personal limits: each person's fewest and most duties, duties of a kind, and
//! minutes.

use super::Checker;
use super::plural;
use crate::{Rule, Strength, Term};

impl Checker<'_> {
    /// One limit of a person, passed by `excess`: broken (hard), or costed per duty,
    /// or per hour for minutes, beyond it (soft). A limit of 0 duties of a kind is
    /// always hard.
    fn limit(
        &mut self,
        staff: &str,
        rule: Rule,
        excess: f64,
        zero_limit: bool,
        message: impl FnOnce() -> String,
    ) {
        if excess <= 0.0 {
            return;
        }
        match self.roster.def().rules.limits {
            Strength::Soft(w) if !zero_limit => self.penalise(Term::PersonalLimits, w, excess),
            _ => self.violation_of(Some(staff.to_string()), rule, message()),
        }
    }

    /// Each person's limits on duties and minutes.
    pub(super) fn limits(&mut self) {
        let roster = self.roster;
        for (p, person) in roster.staff().iter().enumerate() {
            let l = &person.limits;
            let id = &person.id;
            let n = self.by_staff[p].len() as u32;
            let minutes: i64 = self.by_staff[p].iter().map(|&s| self.slot(s).minutes).sum();
            if let Some(max) = l.max_duties {
                self.limit(
                    id,
                    Rule::MaxDuties,
                    f64::from(n) - f64::from(max),
                    false,
                    || {
                        format!(
                            "{id}: {}, at most {max}",
                            plural(n as usize, "duty", "duties")
                        )
                    },
                );
            }
            if let Some(min) = l.min_duties {
                self.limit(
                    id,
                    Rule::MinDuties,
                    f64::from(min) - f64::from(n),
                    false,
                    || {
                        format!(
                            "{id}: {}, needs at least {min}",
                            plural(n as usize, "duty", "duties")
                        )
                    },
                );
            }
            for (k, duty) in roster.duties().iter().enumerate() {
                let Some(&max) = l.max_per_duty.get(&duty.id) else {
                    continue;
                };
                let count = self.by_staff[p]
                    .iter()
                    .filter(|&&s| self.slot(s).duty == k)
                    .count();
                self.limit(
                    id,
                    Rule::MaxPerDuty,
                    count as f64 - f64::from(max),
                    max == 0,
                    || {
                        let one = format!("`{}` duty", duty.id);
                        let count = plural(count, &one, &format!("`{}` duties", duty.id));
                        format!("{id}: {count}, at most {max}")
                    },
                );
            }
            if let Some(max) = l.max_minutes {
                self.limit(
                    id,
                    Rule::MaxMinutes,
                    (minutes - i64::from(max)) as f64 / 60.0,
                    false,
                    || format!("{id}: {minutes} minutes, at most {max}"),
                );
            }
            if let Some(min) = l.min_minutes {
                self.limit(
                    id,
                    Rule::MinMinutes,
                    (i64::from(min) - minutes) as f64 / 60.0,
                    false,
                    || format!("{id}: {minutes} minutes, needs at least {min}"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::testing::*;

    #[test]
    fn max_duties_is_a_hard_limit() {
        let mut d = def();
        d.staff[0].limits.max_duties = Some(2);
        clean(&check(d.clone(), &rota()));
        d.staff[0].limits.max_duties = Some(1);
        assert_eq!(messages(&check(d, &rota())), ["A: 2 duties, at most 1"]);
    }

    #[test]
    fn min_duties_is_a_hard_limit() {
        let mut d = def();
        d.staff[2].limits.min_duties = Some(1);
        clean(&check(d.clone(), &rota()));
        d.staff[2].limits.min_duties = Some(2);
        let report = check(d, &rota());
        assert_eq!(rules(&report), [Rule::MinDuties]);
        assert_eq!(messages(&report), ["C: 1 duty, needs at least 2"]);
    }

    #[test]
    fn max_per_duty_is_a_hard_limit() {
        let mut d = def();
        d.staff[0].limits.max_per_duty.insert("evening".into(), 2);
        clean(&check(d.clone(), &rota()));
        d.staff[0].limits.max_per_duty.insert("evening".into(), 1);
        let report = check(d, &rota());
        assert_eq!(rules(&report), [Rule::MaxPerDuty]);
        assert_eq!(messages(&report), ["A: 2 `evening` duties, at most 1"]);
    }

    #[test]
    fn max_minutes_is_a_hard_limit() {
        let mut d = def();
        d.staff[0].limits.max_minutes = Some(240);
        clean(&check(d.clone(), &rota()));
        d.staff[0].limits.max_minutes = Some(239);
        assert_eq!(
            messages(&check(d, &rota())),
            ["A: 240 minutes, at most 239"]
        );
    }

    #[test]
    fn min_minutes_is_a_hard_limit() {
        let mut d = def();
        d.staff[2].limits.min_minutes = Some(120);
        clean(&check(d.clone(), &rota()));
        d.staff[2].limits.min_minutes = Some(121);
        let report = check(d, &rota());
        assert_eq!(rules(&report), [Rule::MinMinutes]);
        assert_eq!(messages(&report), ["C: 120 minutes, needs at least 121"]);
    }
}
