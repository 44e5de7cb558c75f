//! The shared reading of the assignments: each resolved to a (slot, staff) pair,
//! the ones that name nothing or repeat reported, and the pairs indexed by slot, by
//! person and by person and day for the rule checks.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::Violation;
use crate::{Assignment, DateRange, Roster, Rule, Slot, Strength, Term};

/// The state of one validation: the valid assignments indexed three ways, and what
/// has been found so far.
pub(super) struct Checker<'r> {
    pub(super) roster: &'r Roster,
    /// The period's dates.
    pub(super) dates: Vec<NaiveDate>,
    /// Valid (slot, staff) pairs, sorted and without repeats.
    pub(super) taken: Vec<(usize, usize)>,
    /// Staff indices on each slot.
    pub(super) by_slot: Vec<Vec<usize>>,
    /// Slot indices of each person, in slot order.
    pub(super) by_staff: Vec<Vec<usize>>,
    /// Slot indices of each person on each day of the period.
    pub(super) by_staff_day: Vec<Vec<Vec<usize>>>,
    /// Slot indices on each day of the period.
    pub(super) slots_by_day: Vec<Vec<usize>>,
    /// The hard rules found broken, in the order found.
    pub(super) violations: Vec<Violation>,
    /// Every objective term, weighted, summed so far.
    pub(super) terms: BTreeMap<Term, f64>,
}

impl<'r> Checker<'r> {
    /// Resolves the assignments to (slot, staff) pairs, reporting the ones that name
    /// nothing or repeat.
    pub(super) fn new(roster: &'r Roster, assignments: &[Assignment]) -> Checker<'r> {
        let def = roster.def();
        let dates: Vec<NaiveDate> = def.period.days().collect();
        let mut slots_by_day = vec![Vec::new(); dates.len()];
        for (i, s) in roster.slots().iter().enumerate() {
            slots_by_day[(s.date - def.period.first).num_days() as usize].push(i);
        }
        let mut check = Checker {
            roster,
            dates,
            taken: Vec::new(),
            by_slot: vec![Vec::new(); roster.slots().len()],
            by_staff: vec![Vec::new(); roster.staff().len()],
            by_staff_day: Vec::new(),
            slots_by_day,
            violations: Vec::new(),
            terms: Term::ALL.iter().map(|&t| (t, 0.0)).collect(),
        };
        check.resolve(assignments);
        check
    }

    /// Reads the assignments in sorted order (so that the violations do not depend
    /// on their order) and fills the indices with the valid ones.
    fn resolve(&mut self, assignments: &[Assignment]) {
        let roster = self.roster;
        let mut sorted: Vec<&Assignment> = assignments.iter().collect();
        sorted.sort();
        let mut taken = BTreeSet::new();
        for a in sorted {
            let label = format!("{} {} {}", a.date, a.site, a.duty);
            let slot = self.find_slot(a);
            if let Err(why) = &slot {
                self.violation(
                    Rule::UnknownSlot,
                    format!("{label}: {} is on no slot: {why}", a.staff),
                );
            }
            let staff = roster.staff_index(&a.staff);
            if staff.is_none() {
                self.violation(
                    Rule::UnknownStaff,
                    format!("{label}: unknown staff `{}`", a.staff),
                );
            }
            let (Ok(slot), Some(staff)) = (slot, staff) else {
                continue;
            };
            if !taken.insert((slot, staff)) {
                self.violation(
                    Rule::Duplicate,
                    format!("{label}: {} is assigned twice", a.staff),
                );
            }
        }
        self.taken = taken.into_iter().collect();
        self.by_staff_day = vec![vec![Vec::new(); self.dates.len()]; roster.staff().len()];
        for &(slot, staff) in &self.taken {
            self.by_slot[slot].push(staff);
            self.by_staff[staff].push(slot);
            let day = self.day(roster.slots()[slot].date);
            self.by_staff_day[staff][day].push(slot);
        }
    }

    /// The slot an assignment names, or why there is none.
    fn find_slot(&self, a: &Assignment) -> Result<usize, String> {
        let roster = self.roster;
        let known = |ids: Vec<&str>| ids.join(", ");
        let Some(duty) = roster.duty_index(&a.duty) else {
            let ids = roster.duties().iter().map(|d| d.id.as_str()).collect();
            return Err(format!("unknown duty `{}` (known: {})", a.duty, known(ids)));
        };
        let Some(site) = roster.site_index(&a.site) else {
            let ids = roster.sites().iter().map(|s| s.id.as_str()).collect();
            return Err(format!("unknown site `{}` (known: {})", a.site, known(ids)));
        };
        let period = roster.def().period;
        if !period.contains(a.date) {
            return Err(format!("{} is outside the period {period}", a.date));
        }
        roster.slot_index(a.date, duty, site).ok_or_else(|| {
            format!(
                "duty `{}` does not run at site `{}` that day (weekday, holiday or cover)",
                a.duty, a.site
            )
        })
    }

    pub(super) fn day(&self, date: NaiveDate) -> usize {
        (date - self.roster.def().period.first).num_days() as usize
    }

    pub(super) fn slot(&self, slot: usize) -> &'r Slot {
        &self.roster.slots()[slot]
    }

    pub(super) fn duty_id(&self, slot: usize) -> &'r str {
        &self.roster.duties()[self.slot(slot).duty].id
    }

    pub(super) fn site_id(&self, slot: usize) -> &'r str {
        &self.roster.sites()[self.slot(slot).site].id
    }

    /// "2022-08-01 hq evening".
    pub(super) fn label(&self, slot: usize) -> String {
        format!(
            "{} {} {}",
            self.slot(slot).date,
            self.site_id(slot),
            self.duty_id(slot)
        )
    }

    pub(super) fn staff_id(&self, staff: usize) -> &'r str {
        &self.roster.staff()[staff].id
    }

    pub(super) fn violation(&mut self, rule: Rule, message: String) {
        self.violation_of(None, rule, message);
    }

    pub(super) fn violation_of(&mut self, staff: Option<String>, rule: Rule, message: String) {
        self.violations.push(Violation {
            rule,
            staff,
            message,
        });
    }

    /// A breach of `rule` by `staff`: reported with the sentence `message` gives when
    /// the rule is hard, charged `amount` times its weight on the rule's term when it
    /// is soft (the sentence is then not made).
    pub(super) fn breach(
        &mut self,
        staff: &str,
        rule: Rule,
        strength: Strength,
        amount: f64,
        message: impl FnOnce(&Self) -> String,
    ) {
        match strength {
            Strength::Hard => {
                let message = message(self);
                self.violation_of(Some(staff.to_string()), rule, message);
            }
            Strength::Soft(weight) => {
                if let Some(term) = rule.term() {
                    self.penalise(term, weight, amount);
                }
            }
        }
    }

    pub(super) fn penalise(&mut self, term: Term, weight: u32, amount: f64) {
        *self.terms.entry(term).or_insert(0.0) += f64::from(weight) * amount;
    }

    /// Which days of the period each person works.
    pub(super) fn worked(&self) -> Vec<Vec<bool>> {
        self.by_staff_day
            .iter()
            .map(|days| days.iter().map(|slots| !slots.is_empty()).collect())
            .collect()
    }

    /// "2022-08-02 to 2022-08-04" for day indices 1..=3.
    pub(super) fn span(&self, first: usize, last: usize) -> DateRange {
        DateRange::new(self.dates[first], self.dates[last])
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::testing::*;

    #[test]
    fn unknown_slot_is_reported_and_ignored() {
        let bad = [
            on(6, "evening", "C"), // a Saturday: no evening desk
            on(2, "night", "C"),
            Assignment::new(date(3), "evening", "annex", "A"),
            on(9, "evening", "A"), // after the period
        ];
        let report = check(def(), &with(rota(), &bad));
        assert_eq!(rules(&report), [Rule::UnknownSlot; 4]);
        assert_eq!(
            messages(&report)[0],
            "2022-08-02 hq night: C is on no slot: unknown duty `night` (known: evening)"
        );
        assert!(messages(&report)[2].contains("does not run at site `hq` that day"));
        assert!(messages(&report)[3].contains("outside the period"));
        assert_eq!(report.people[2].duties, 1);
        assert_eq!(report.objective, 0.0);
    }

    #[test]
    fn unknown_staff_is_reported_and_ignored() {
        let report = check(def(), &with(rota(), &evenings(&[(1, "Z")])));
        assert_eq!(rules(&report), [Rule::UnknownStaff]);
        assert_eq!(
            messages(&report),
            ["2022-08-01 hq evening: unknown staff `Z`"]
        );
        clean(&check(def(), &rota()));
    }

    #[test]
    fn duplicate_is_reported_once_and_ignored() {
        let report = check(def(), &with(rota(), &evenings(&[(1, "A")])));
        // no cover_max: the copy does not count
        assert_eq!(
            messages(&report),
            ["2022-08-01 hq evening: A is assigned twice"]
        );
        assert_eq!(report.people[0].duties, 2);
    }
}
