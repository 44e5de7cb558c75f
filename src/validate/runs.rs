//! Runs of days: the longest run of duty days, and the shortest runs of duty days
//! and of free days.

use super::Checker;
use super::{bound_for, plural};
use crate::{Bound, Limits, Rule, Strength, Term};

impl Checker<'_> {
    /// At most M days running with a duty (days outside the period are free).
    /// Hard: each maximal run longer than M is reported once. Soft: each window of
    /// M + 1 days inside the period costs its worked days beyond M.
    pub(super) fn max_consecutive_days(&mut self) {
        let rule = self.roster.def().rules.max_consecutive_days;
        let worked = self.worked();
        for (p, person) in self.roster.staff().iter().enumerate() {
            let Some((m, strength)) = bound_for(person.limits.max_consecutive_days, rule) else {
                continue;
            };
            let m = m as usize;
            match strength {
                Strength::Hard => {
                    for (i, j) in runs(&worked[p], true) {
                        if j - i + 1 > m {
                            let message = format!(
                                "{}: {} running with a duty, {}, at most {m}",
                                person.id,
                                plural(j - i + 1, "day", "days"),
                                self.span(i, j)
                            );
                            self.violation_of(
                                Some(person.id.clone()),
                                Rule::MaxConsecutiveDays,
                                message,
                            );
                        }
                    }
                }
                Strength::Soft(w) => {
                    for window in worked[p].windows(m + 1) {
                        let k = window.iter().filter(|&&x| x).count();
                        if k > m {
                            self.penalise(Term::MaxConsecutiveDays, w, (k - m) as f64);
                        }
                    }
                }
            }
        }
    }

    /// Runs of duty days at least m long (runs touching the period's ends
    /// are exempt).
    pub(super) fn min_consecutive_days(&mut self) {
        let rule = self.roster.def().rules.min_consecutive_days;
        self.min_runs(true, rule, |l| l.min_consecutive_days);
    }

    /// Runs of free days at least m long (runs touching the period's ends
    /// are exempt).
    pub(super) fn min_consecutive_days_off(&mut self) {
        let rule = self.roster.def().rules.min_consecutive_days_off;
        self.min_runs(false, rule, |l| l.min_consecutive_days_off);
    }

    /// The shortest runs: each maximal run of worked (`value` true) or free days inside
    /// the period, shorter than the person's minimum.
    pub(super) fn min_runs(
        &mut self,
        value: bool,
        rule: Option<Bound>,
        own: fn(&Limits) -> Option<u32>,
    ) {
        let (key, what) = if value {
            (Rule::MinConsecutiveDays, "with a duty")
        } else {
            (Rule::MinConsecutiveDaysOff, "free")
        };
        let worked = self.worked();
        let last = self.dates.len().saturating_sub(1);
        for (p, person) in self.roster.staff().iter().enumerate() {
            let Some((m, strength)) = bound_for(own(&person.limits), rule) else {
                continue;
            };
            for (i, j) in runs(&worked[p], value) {
                let len = j - i + 1;
                if i == 0 || j == last || len >= m as usize {
                    continue;
                }
                let message = |checker: &Self| {
                    format!(
                        "{}: only {} running {what}, {}, needs at least {m}",
                        person.id,
                        plural(len, "day", "days"),
                        checker.span(i, j)
                    )
                };
                self.breach(&person.id, key, strength, 1.0, message);
            }
        }
    }
}

/// Maximal runs of days whose `worked` flag equals `value`, as inclusive index pairs.
pub(super) fn runs(worked: &[bool], value: bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &w) in worked.iter().enumerate() {
        match (w == value, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i - 1));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, worked.len() - 1));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::validate::testing::*;

    #[test]
    fn max_consecutive_days_hard_reports_each_long_run_once() {
        let mut d = def();
        d.rules.max_consecutive_days = bound(2, Strength::Hard);
        let report = check(
            d.clone(),
            &evenings(&[(1, "A"), (2, "A"), (3, "A"), (4, "A"), (5, "B")]),
        );
        assert_eq!(rules(&report), [Rule::MaxConsecutiveDays]);
        assert_eq!(
            messages(&report),
            ["A: 4 days running with a duty, 2022-08-01 to 2022-08-04, at most 2"]
        );
        clean(&check(
            d,
            &evenings(&[(1, "A"), (2, "A"), (3, "B"), (4, "A"), (5, "A")]),
        ));
    }

    #[test]
    fn max_consecutive_days_soft_penalises_each_window() {
        let mut d = def();
        d.rules.max_consecutive_days = bound(2, Strength::Soft(3));
        // windows 1-3 and 2-4 each have 3 worked days
        let list = evenings(&[(1, "A"), (2, "A"), (3, "A"), (4, "A"), (5, "B")]);
        assert_eq!(
            only(&check(d.clone(), &list), Term::MaxConsecutiveDays),
            6.0
        );
        clean(&check(
            d,
            &evenings(&[(1, "A"), (2, "A"), (3, "B"), (4, "A"), (5, "A")]),
        ));
    }

    #[test]
    fn max_consecutive_days_person_limit_overrides_the_rule() {
        let mut d = def();
        d.rules.max_consecutive_days = bound(2, Strength::Hard);
        d.staff[0].limits.max_consecutive_days = Some(3);
        let three = evenings(&[(1, "A"), (2, "A"), (3, "A"), (4, "B"), (5, "C")]);
        clean(&check(d.clone(), &three));
        // a person's limit alone is hard
        d.rules.max_consecutive_days = None;
        d.staff[0].limits.max_consecutive_days = Some(2);
        assert_eq!(rules(&check(d, &three)), [Rule::MaxConsecutiveDays]);
    }

    #[test]
    fn min_consecutive_days_hard_skips_runs_at_the_ends() {
        let mut d = def();
        d.rules.min_consecutive_days = bound(2, Strength::Hard);
        // B's run on the 1st touches the period's start: exempt
        clean(&check(
            d.clone(),
            &evenings(&[(1, "B"), (2, "A"), (3, "A"), (4, "B"), (5, "B")]),
        ));
        let report = check(
            d,
            &evenings(&[(1, "B"), (2, "A"), (3, "B"), (4, "B"), (5, "B")]),
        );
        assert_eq!(rules(&report), [Rule::MinConsecutiveDays]);
        assert_eq!(
            messages(&report),
            ["A: only 1 day running with a duty, 2022-08-02, needs at least 2"]
        );
    }

    #[test]
    fn min_consecutive_days_soft_penalises_each_short_run() {
        let mut d = def();
        d.rules.min_consecutive_days = bound(2, Strength::Soft(8));
        // A: 2nd and 4th; B: 1st (exempt), 3rd and 5th (the period ends on the 7th)
        let list = evenings(&[(1, "B"), (2, "A"), (3, "B"), (4, "A"), (5, "B")]);
        assert_eq!(
            only(&check(d.clone(), &list), Term::MinConsecutiveDays),
            32.0
        );
        d.staff[0].limits.min_consecutive_days = Some(1);
        d.staff[1].limits.min_consecutive_days = Some(1);
        clean(&check(d, &list));
    }

    #[test]
    fn min_consecutive_days_off_hard_skips_runs_at_the_ends() {
        let mut d = def();
        d.rules.min_consecutive_days_off = bound(2, Strength::Hard);
        // B and C free all week, A free at the weekend: all touch an end
        clean(&check(
            d.clone(),
            &evenings(&[(1, "A"), (2, "A"), (3, "A"), (4, "A"), (5, "A")]),
        ));
        let report = check(
            d,
            &evenings(&[(1, "A"), (2, "B"), (3, "A"), (4, "A"), (5, "A")]),
        );
        assert_eq!(rules(&report), [Rule::MinConsecutiveDaysOff]);
        assert_eq!(
            messages(&report),
            ["A: only 1 day running free, 2022-08-02, needs at least 2"]
        );
    }

    #[test]
    fn min_consecutive_days_off_soft_penalises_each_short_run() {
        let mut d = def();
        d.rules.min_consecutive_days_off = bound(2, Strength::Soft(9));
        let list = evenings(&[(1, "A"), (2, "B"), (3, "A"), (4, "C"), (5, "A")]);
        // A is free on the 2nd and on the 4th
        assert_eq!(
            only(&check(d.clone(), &list), Term::MinConsecutiveDaysOff),
            18.0
        );
        clean(&check(
            d,
            &evenings(&[(1, "A"), (2, "B"), (3, "B"), (4, "A"), (5, "A")]),
        ));
    }
}
