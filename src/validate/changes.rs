//! Changes from a published roster (a re-plan), counted from the assignment and the
//! published roster alone: each person added to or removed from a slot is one
//! change. Frozen slots must keep exactly their published people, and a person may
//! get at most `max_changes_per_person` changes (the removal of a duty they can no
//! longer take does not count).

use std::collections::BTreeSet;

use super::{Changes, Checker};
use crate::{Assignment, Rule};

impl Checker<'_> {
    /// The changes from the published roster, `None` without a re-plan.
    pub(super) fn changes(&mut self) -> Option<Changes> {
        let replan = self.roster.def().replan.as_ref()?;
        let published: BTreeSet<(usize, usize)> = replan
            .published
            .iter()
            .filter_map(|a| {
                Some((
                    self.roster.slot_index_of(a)?,
                    self.roster.staff_index(&a.staff)?,
                ))
            })
            .collect();
        let taken: BTreeSet<(usize, usize)> = self.taken.iter().copied().collect();
        let added: Vec<(usize, usize)> = taken.difference(&published).copied().collect();
        let removed: Vec<(usize, usize)> = published.difference(&taken).copied().collect();
        for &(slot, staff) in added.iter().chain(&removed) {
            if replan.is_frozen(self.slot(slot).date) {
                let what = if published.contains(&(slot, staff)) {
                    "removed from"
                } else {
                    "added to"
                };
                let message = format!(
                    "{} {what} the frozen duty {} (frozen until {})",
                    self.staff_id(staff),
                    self.label(slot),
                    replan.freeze_until.expect("frozen")
                );
                self.violation_of(
                    Some(self.staff_id(staff).to_string()),
                    Rule::Frozen,
                    message,
                );
            }
        }
        if let Some(max) = replan.max_changes_per_person {
            for (p, person) in self.roster.staff().iter().enumerate() {
                let count = added.iter().filter(|c| c.1 == p).count()
                    + removed
                        .iter()
                        .filter(|&&(slot, staff)| staff == p && self.eligible(person, slot))
                        .count();
                if count > max as usize {
                    let message = format!(
                        "{}: {count} changes from the published roster, at most {max}",
                        person.id
                    );
                    self.violation_of(Some(person.id.clone()), Rule::MaxChangesPerPerson, message);
                }
            }
        }
        let assignment = |&(slot, staff): &(usize, usize)| {
            let s = self.slot(slot);
            Assignment::new(
                s.date,
                self.duty_id(slot),
                self.site_id(slot),
                self.staff_id(staff),
            )
        };
        Some(Changes {
            added: added.iter().map(assignment).collect(),
            removed: removed.iter().map(assignment).collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::testing::*;
    use crate::{Replan, Rule};

    fn replanned(
        published: Vec<crate::Assignment>,
        freeze: Option<u32>,
        max: Option<u32>,
    ) -> crate::RosterDef {
        let mut d = def();
        let mut replan = Replan::new(published);
        replan.freeze_until = freeze.map(date);
        replan.max_changes_per_person = max;
        d.replan = Some(replan);
        d
    }

    #[test]
    fn changes_count_each_person_added_or_removed() {
        let report = check(replanned(rota(), None, None), &rota());
        assert_eq!(report.changes.as_ref().map(|c| c.count()), Some(0));
        // A's Thursday goes to C: one removed, one added, two people affected.
        let moved = evenings(&[(1, "A"), (2, "B"), (3, "C"), (4, "C"), (5, "B")]);
        let report = check(replanned(rota(), None, None), &moved);
        let changes = report.changes.unwrap();
        assert_eq!((changes.added.len(), changes.removed.len()), (1, 1));
        assert_eq!(changes.removed[0].staff, "A");
        assert_eq!(changes.people_affected(), 2);
        assert_eq!(changes.count(), 2);
    }

    #[test]
    fn frozen_duties_may_not_move_and_changes_per_person_are_bounded() {
        let moved = evenings(&[(1, "B"), (2, "B"), (3, "C"), (4, "A"), (5, "B")]);
        let report = check(replanned(rota(), Some(2), None), &moved);
        assert_eq!(rules(&report), [Rule::Frozen, Rule::Frozen]);
        // A loses Monday and B gains it: one change each.
        let report = check(replanned(rota(), None, Some(0)), &moved);
        assert_eq!(
            rules(&report),
            [Rule::MaxChangesPerPerson, Rule::MaxChangesPerPerson]
        );
        assert_eq!(report.violations[1].staff.as_deref(), Some("B"));
        clean(&check(replanned(rota(), None, Some(1)), &moved));
    }

    #[test]
    fn without_a_replan_there_are_no_changes() {
        assert!(check(def(), &rota()).changes.is_none());
    }
}
