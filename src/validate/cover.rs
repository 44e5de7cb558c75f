//! Cover: the fewest and the most people on each slot, hard or at a cost per person.

use super::Checker;
use crate::{Rule, Term};

impl Checker<'_> {
    /// Fewest and most people on each slot, hard or at a cost per person.
    pub(super) fn cover(&mut self) {
        for (i, s) in self.roster.slots().iter().enumerate() {
            let n = self.by_slot[i].len() as u32;
            if n < s.min {
                match s.under_weight {
                    None => {
                        let message =
                            format!("{}: {n} assigned, needs at least {}", self.label(i), s.min);
                        self.violation(Rule::CoverMin, message);
                    }
                    Some(w) => self.penalise(Term::CoverUnder, w, f64::from(s.min - n)),
                }
            }
            if let Some(max) = s.max
                && n > max
            {
                match s.over_weight {
                    None => {
                        let message =
                            format!("{}: {n} assigned, at most {max} allowed", self.label(i));
                        self.violation(Rule::CoverMax, message);
                    }
                    Some(w) => self.penalise(Term::CoverOver, w, f64::from(n - max)),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::testing::*;

    #[test]
    fn cover_min_hard_reports_missing_people() {
        let report = check(def(), &rota()[..4]);
        assert_eq!(rules(&report), [Rule::CoverMin]);
        assert_eq!(
            messages(&report),
            ["2022-08-05 hq evening: 0 assigned, needs at least 1"]
        );
    }

    #[test]
    fn cover_min_soft_penalises_by_weight() {
        let mut d = def();
        d.duties[0].cover[0].under_weight = Some(7);
        d.duties[0].cover[0].min = 2;
        d.duties[0].cover[0].max = Some(2);
        // 5 evenings one short, and 5 August two short
        let report = check(d.clone(), &rota()[..4]);
        assert_eq!(only(&report, Term::CoverUnder), 7.0 * 6.0);
        let full = with(
            rota(),
            &evenings(&[(1, "B"), (2, "C"), (3, "A"), (4, "C"), (5, "C")]),
        );
        clean(&check(d, &full));
    }

    #[test]
    fn cover_max_hard_reports_extra_people() {
        let report = check(def(), &with(rota(), &evenings(&[(1, "B")])));
        assert_eq!(rules(&report), [Rule::CoverMax]);
        assert_eq!(
            messages(&report),
            ["2022-08-01 hq evening: 2 assigned, at most 1 allowed"]
        );
    }

    #[test]
    fn cover_max_soft_penalises_by_weight() {
        let mut d = def();
        d.duties[0].cover[0].over_weight = Some(3);
        let report = check(d.clone(), &with(rota(), &evenings(&[(1, "B"), (1, "C")])));
        assert_eq!(only(&report, Term::CoverOver), 6.0);
        clean(&check(d, &rota()));
    }
}
