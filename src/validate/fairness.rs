//! Fairness: each person's fair targets (their share of every slot they could take,
//! less what they carry from earlier months), the deviations from them (per kind,
//! times the kind's `fairness_weight`), and the load table.

use super::Checker;
use super::eligibility::{away_during, may_serve};
use super::{DutyLoad, PersonLoad};
use crate::{Staff, Term};

impl Checker<'_> {
    /// Whether `person` could take `slot`: site allowed, not away, not limited to zero
    /// duties (of that kind or at all).
    pub(super) fn eligible(&self, person: &Staff, slot: usize) -> bool {
        let s = self.slot(slot);
        may_serve(person, &self.roster.sites()[s.site])
            && away_during(person, s).is_none()
            && person.limits.max_per_duty.get(self.duty_id(slot)) != Some(&0)
            && person.limits.max_duties != Some(0)
    }

    /// Fair targets (each person's share of every slot they could take) and
    /// the deviations from them; returns the load table.
    pub(super) fn fairness(&mut self) -> Vec<PersonLoad> {
        let roster = self.roster;
        let staff = roster.staff();
        let duties = roster.duties();
        let mut shares = vec![vec![0.0; duties.len()]; staff.len()];
        let mut hours_shares = vec![vec![0.0; duties.len()]; staff.len()];
        let mut can_take = vec![vec![false; duties.len()]; staff.len()];
        for (i, s) in roster.slots().iter().enumerate() {
            let eligible: Vec<usize> = (0..staff.len())
                .filter(|&p| self.eligible(&staff[p], i))
                .collect();
            let total_share: f64 = eligible.iter().map(|&p| staff[p].share).sum();
            if total_share <= 0.0 {
                continue;
            }
            for &p in &eligible {
                let part = f64::from(s.min) * staff[p].share / total_share;
                shares[p][s.duty] += part;
                hours_shares[p][s.duty] += part * s.minutes as f64 / 60.0;
                can_take[p][s.duty] = true;
            }
        }
        // What a person carries lowers the targets of what they can take this month.
        let carried = |p: usize, k: usize| staff[p].carried.duty(&duties[k].id);
        let target = |p: usize, k: usize| {
            if can_take[p][k] {
                (shares[p][k] - carried(p, k)).max(0.0)
            } else {
                shares[p][k]
            }
        };
        let hours_target = |p: usize| {
            let own: f64 = hours_shares[p].iter().sum();
            if can_take[p].iter().any(|&c| c) {
                (own - staff[p].carried.hours).max(0.0)
            } else {
                own
            }
        };
        // Hours come in steps of the largest length that divides every slot's length
        // on the clock (a night lengthened by a clock change keeps its 12 hours here).
        let unit_minutes = roster
            .slots()
            .iter()
            .map(|s| (s.end_local - s.start_local).num_minutes())
            .filter(|&m| m > 0)
            .reduce(|a, b| {
                let (mut x, mut y) = (a, b);
                while y != 0 {
                    (x, y) = (y, x % y);
                }
                x
            });
        let hours_unit = unit_minutes.map_or(1.0, |m| m as f64 / 60.0);
        let (mut max_duty, mut total_duty, mut max_hours, mut total_hours) =
            (0.0f64, 0.0, 0.0f64, 0.0);
        let mut people = Vec::with_capacity(staff.len());
        for (p, person) in staff.iter().enumerate() {
            let mut counts = vec![0u32; duties.len()];
            let mut minutes = vec![0i64; duties.len()];
            for &s in &self.by_staff[p] {
                counts[self.slot(s).duty] += 1;
                minutes[self.slot(s).duty] += self.slot(s).minutes;
            }
            let hours = minutes.iter().sum::<i64>() as f64 / 60.0;
            let carries = !person.carried.is_empty();
            let per_duty: Vec<DutyLoad> = duties
                .iter()
                .enumerate()
                .map(|(k, duty)| DutyLoad {
                    duty: duty.id.clone(),
                    count: counts[k],
                    target: target(p, k),
                    carried: carries.then(|| carried(p, k)),
                    share: shares[p][k],
                    hours: minutes[k] as f64 / 60.0,
                    hours_share: hours_shares[p][k],
                })
                .collect();
            for (load, duty) in per_duty.iter().zip(duties) {
                let dev = distance_to_fair_band(f64::from(load.count), load.target)
                    * f64::from(duty.fairness_weight);
                max_duty = max_duty.max(dev);
                total_duty += dev;
            }
            let hours_target = hours_target(p);
            let dev =
                distance_to_fair_band(hours / hours_unit, hours_target / hours_unit) * hours_unit;
            max_hours = max_hours.max(dev);
            total_hours += dev;
            people.push(PersonLoad {
                staff: person.id.clone(),
                duties: self.by_staff[p].len() as u32,
                per_duty,
                hours,
                hours_target,
                hours_carried: carries.then_some(person.carried.hours),
            });
        }
        let f = roster.def().rules.fairness;
        self.penalise(Term::FairnessMaxDuty, f.max_duty_deviation, max_duty);
        self.penalise(Term::FairnessTotalDuty, f.total_duty_deviation, total_duty);
        self.penalise(Term::FairnessMaxHours, f.max_hours_deviation, max_hours);
        self.penalise(
            Term::FairnessTotalHours,
            f.total_hours_deviation,
            total_hours,
        );
        people
    }
}

/// How far `actual` lies outside the fair band of `target`: the target rounded down
/// and rounded up (nobody can do 1.67 duties), with a 1e-9 tolerance so that a
/// target of 2.0000000001 counts as 2.
pub(super) fn distance_to_fair_band(actual: f64, target: f64) -> f64 {
    let low = (target + 1e-9).floor();
    let high = (target - 1e-9).ceil();
    (actual - high).max(low - actual).max(0.0)
}

#[cfg(test)]
mod tests {
    use crate::validate::testing::*;

    #[test]
    fn fairness_targets_share_the_slots_equally() {
        // 3 equal people, 5 one-person evenings of 2 hours: 5/3 duties and 10/3 hours each
        let report = check(tiny_roster_def(), &rota());
        assert!(report.violations.is_empty());
        for person in &report.people {
            close(person.per_duty[0].target, 5.0 / 3.0);
            close(person.hours_target, 10.0 / 3.0);
        }
        let counts: Vec<u32> = report.people.iter().map(|p| p.per_duty[0].count).collect();
        assert_eq!(counts, [2, 2, 1]);
        let hours: Vec<f64> = report.people.iter().map(|p| p.hours).collect();
        assert_eq!(hours, [4.0, 4.0, 2.0]);
        let t = &report.terms;
        // Counts 2, 2, 1 all lie in the fair band [1, 2] of 5/3: no deviation.
        close(t[&Term::FairnessMaxDuty], 0.0);
        close(t[&Term::FairnessTotalDuty], 0.0);
        // Hours come in 2-hour steps here, so the band of 10/3 hours is [2, 4]:
        // 4, 4 and 2 hours are all fair.
        close(t[&Term::FairnessMaxHours], 0.0);
        close(t[&Term::FairnessTotalHours], 0.0);
        close(report.objective, t.values().sum());
    }

    #[test]
    fn fairness_hours_are_measured_in_steps_of_the_duty_length() {
        // A does all five 2-hour evenings: 10 hours against the band [2, 4] of 10/3
        // hours is 6 too many; B and C are 2 short each.
        let evenings_of_a = [(1, "A"), (2, "A"), (3, "A"), (4, "A"), (5, "A")];
        let report = check(tiny_roster_def(), &evenings(&evenings_of_a));
        let f = Fairness::default();
        let t = &report.terms;
        close(
            t[&Term::FairnessMaxHours],
            6.0 * f64::from(f.max_hours_deviation),
        );
        close(
            t[&Term::FairnessTotalHours],
            10.0 * f64::from(f.total_hours_deviation),
        );
        // Duties: 5 against the band [1, 2] is 3 too many; B and C 1 short each.
        close(
            t[&Term::FairnessMaxDuty],
            3.0 * f64::from(f.max_duty_deviation),
        );
        close(
            t[&Term::FairnessTotalDuty],
            5.0 * f64::from(f.total_duty_deviation),
        );
        close(report.objective, t.values().sum());
    }

    #[test]
    fn fairness_targets_leave_out_people_who_cannot_take_a_slot() {
        let mut d = tiny_roster_def();
        d.rules.fairness = Fairness {
            max_duty_deviation: 100,
            total_duty_deviation: 10,
            max_hours_deviation: 0,
            total_hours_deviation: 0,
        };
        d.staff[2].unavailable = vec![Absence {
            dates: DateRange::new(date(1), date(5)),
            reason: "leave".into(),
            scope: crate::AbsenceScope::WholeDays,
        }];
        let report = check(
            d.clone(),
            &evenings(&[(1, "A"), (2, "B"), (3, "A"), (4, "A"), (5, "A")]),
        );
        let targets: Vec<f64> = report.people.iter().map(|p| p.per_duty[0].target).collect();
        assert_eq!(targets, [2.5, 2.5, 0.0]);
        // A's 4 is one above the band [2, 3], B's 1 one below it.
        close(report.terms[&Term::FairnessMaxDuty], 100.0);
        close(report.terms[&Term::FairnessTotalDuty], 20.0);
        // limited to zero duties: the same
        d.staff[2].unavailable.clear();
        d.staff[2].limits.max_per_duty.insert("evening".into(), 0);
        let report = check(
            d,
            &evenings(&[(1, "A"), (2, "B"), (3, "A"), (4, "A"), (5, "A")]),
        );
        close(report.people[2].per_duty[0].target, 0.0);
        close(report.objective, 120.0);
    }

    #[test]
    fn fairness_targets_follow_the_workload_share() {
        let mut d = tiny_roster_def();
        d.staff[2].share = 0.5;
        // A and B 5 x 1/2.5 = 2 each, C 1: the rota is exactly fair
        let report = check(d, &rota());
        let targets: Vec<f64> = report.people.iter().map(|p| p.per_duty[0].target).collect();
        close(targets[0], 2.0);
        close(targets[2], 1.0);
        close(report.people[2].hours_target, 2.0);
        close(report.objective, 0.0);
    }

    #[test]
    fn fairness_with_zero_weights_costs_nothing_but_keeps_targets() {
        let report = check(
            def(),
            &evenings(&[(1, "A"), (2, "A"), (3, "A"), (4, "A"), (5, "A")]),
        );
        clean(&report);
        close(report.people[1].per_duty[0].target, 5.0 / 3.0);
        assert_eq!(report.people[0].duties, 5);
    }

    #[test]
    fn load_table_has_every_person_and_every_duty_kind() {
        let mut d = def();
        with_late(&mut d);
        let report = check(d, &with(rota(), &[on(2, "late", "C")]));
        let names: Vec<&str> = report.people.iter().map(|p| p.staff.as_str()).collect();
        assert_eq!(names, ["A", "B", "C"]);
        let c = &report.people[2];
        let kinds: Vec<(&str, u32)> = c
            .per_duty
            .iter()
            .map(|k| (k.duty.as_str(), k.count))
            .collect();
        assert_eq!(kinds, [("evening", 1), ("late", 1)]);
        assert_eq!((c.duties, c.hours), (2, 4.0));
        // nobody is needed on the late desk: no target
        close(c.per_duty[1].target, 0.0);
    }
}
