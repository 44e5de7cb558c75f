//! Pins: every pinned duty is assigned to its person.

use super::Checker;
use crate::Rule;

impl Checker<'_> {
    /// Every pinned duty is assigned to its person.
    pub(super) fn pins(&mut self) {
        let roster = self.roster;
        for pin in &roster.def().pins {
            let slot = roster
                .duty_index(&pin.duty)
                .zip(roster.site_index(&pin.site))
                .and_then(|(duty, site)| roster.slot_index(pin.date, duty, site));
            let staff = roster.staff_index(&pin.staff);
            let held = match (slot, staff) {
                (Some(slot), Some(staff)) => self.taken.binary_search(&(slot, staff)).is_ok(),
                _ => false,
            };
            if !held {
                let message = |_: &Self| {
                    format!(
                        "{} {} {}: pinned to {} but not assigned to them",
                        pin.date, pin.site, pin.duty, pin.staff
                    )
                };
                self.breach(&pin.staff, Rule::Pin, roster.def().rules.pins, 1.0, message);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::testing::*;

    #[test]
    fn pin_must_be_assigned() {
        let mut d = def();
        d.pins = vec![Pin {
            date: date(1),
            duty: "evening".into(),
            site: "hq".into(),
            staff: "A".into(),
        }];
        clean(&check(d.clone(), &rota()));
        let report = check(
            d,
            &evenings(&[(1, "C"), (2, "B"), (3, "C"), (4, "A"), (5, "B")]),
        );
        assert_eq!(rules(&report), [Rule::Pin]);
        assert_eq!(
            messages(&report),
            ["2022-08-01 hq evening: pinned to A but not assigned to them"]
        );
    }
}
