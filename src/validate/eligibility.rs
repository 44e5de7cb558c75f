//! Who may take a slot at all: a person serves only their home site, the sites they
//! list, and sites open to all; and nobody works at any moment of a date they are away.

use super::Checker;
use chrono::{NaiveDate, NaiveTime};

use crate::{Absence, AbsenceScope, Rule, Site, Slot, Staff};

impl Checker<'_> {
    /// The site is the person's home, one of their sites, or open to all.
    pub(super) fn site_allowed(&mut self) {
        for i in 0..self.taken.len() {
            let (slot, staff) = self.taken[i];
            let person = &self.roster.staff()[staff];
            let site = &self.roster.sites()[self.slot(slot).site];
            if !may_serve(person, site) {
                let message = format!(
                    "{}: {} may not serve site `{}` (home `{}`)",
                    self.label(slot),
                    person.id,
                    site.id,
                    person.home
                );
                self.violation_of(Some(person.id.clone()), Rule::SiteNotAllowed, message);
            }
        }
    }

    /// Nobody works at any moment of a date they are away.
    pub(super) fn not_away(&mut self) {
        for i in 0..self.taken.len() {
            let (slot, staff) = self.taken[i];
            let person = &self.roster.staff()[staff];
            if let Some(absence) = away_during(person, self.slot(slot)) {
                let shown = self.roster.def().settings.show_reasons;
                let why = if absence.reason.is_empty() || !shown {
                    String::new()
                } else {
                    format!(" ({})", absence.reason)
                };
                let message = format!("{}: {} is unavailable{why}", self.label(slot), person.id);
                self.violation_of(Some(person.id.clone()), Rule::Unavailable, message);
            }
        }
    }
}

/// The absence of `person` covering a date on which `slot` has working minutes: its
/// start date, and each later date it runs into past midnight (a duty ending at 00:00
/// has none on the next date); an absence of starting duties only covers its start
/// date.
pub(super) fn away_during<'a>(person: &'a Staff, slot: &Slot) -> Option<&'a Absence> {
    let end = slot.end_local;
    let mut working = vec![slot.date];
    let mut next = slot.date;
    while let Some(d) = next.succ_opt() {
        if d > end.date() || (d == end.date() && end.time() == NaiveTime::MIN) {
            break;
        }
        working.push(d);
        next = d;
    }
    person.unavailable.iter().find(|a| {
        let rules_out = |d: &NaiveDate| a.dates.contains(*d);
        match a.scope {
            AbsenceScope::StartingDuties => rules_out(&slot.date),
            _ => working.iter().any(rules_out),
        }
    })
}

/// Whether `person` may serve `site` at all: open to all, home, or listed.
pub(super) fn may_serve(person: &Staff, site: &Site) -> bool {
    site.open_to_all || person.home == site.id || person.sites.contains(&site.id)
}

#[cfg(test)]
mod tests {
    use crate::validate::testing::*;

    #[test]
    fn site_not_allowed_binds_outside_home_and_sites() {
        let mut d = def();
        let mut annex = d.sites[0].clone();
        annex.id = "annex".into();
        d.sites.push(annex);
        d.staff[0].home = "annex".into();
        let report = check(d.clone(), &rota());
        assert_eq!(rules(&report), [Rule::SiteNotAllowed; 2]);
        assert_eq!(
            messages(&report)[0],
            "2022-08-01 hq evening: A may not serve site `hq` (home `annex`)"
        );
        d.staff[0].sites = vec!["hq".into()];
        clean(&check(d.clone(), &rota()));
        d.staff[0].sites.clear();
        d.sites[0].open_to_all = true;
        clean(&check(d, &rota()));
    }

    #[test]
    fn unavailable_binds_on_away_dates_only() {
        let mut d = def();
        let away = |day| Absence {
            dates: DateRange::single(date(day)),
            reason: "training".into(),
            scope: crate::AbsenceScope::WholeDays,
        };
        d.staff[0].unavailable = vec![away(4)];
        let report = check(d.clone(), &rota());
        // A leave's reason is given only when reasons are asked for.
        assert_eq!(
            messages(&report),
            ["2022-08-04 hq evening: A is unavailable"]
        );
        assert_eq!(rules(&report), [Rule::Unavailable]);
        let mut shown = d.clone();
        shown.settings.show_reasons = true;
        assert_eq!(
            messages(&check(shown, &rota())),
            ["2022-08-04 hq evening: A is unavailable (training)"]
        );
        d.staff[0].unavailable = vec![away(2)];
        clean(&check(d, &rota()));
    }

    #[test]
    fn a_leave_rules_out_the_night_that_runs_into_it_unless_it_counts_starts_only() {
        let mut d = def();
        d.duties[0].end = chrono::NaiveTime::from_hms_opt(2, 0, 0).unwrap();
        d.duties[0].overnight = true;
        // A works the evening of the 4th, which now ends at 02:00 on the 5th.
        let mut leave = Absence::new(DateRange::single(date(5)));
        d.staff[0].unavailable = vec![leave.clone()];
        assert_eq!(
            messages(&check(d.clone(), &rota())),
            ["2022-08-04 hq evening: A is unavailable"]
        );
        leave.scope = crate::AbsenceScope::StartingDuties;
        d.staff[0].unavailable = vec![leave];
        clean(&check(d.clone(), &rota()));
        // A night ending at 00:00 has no minute on the next date.
        d.staff[0].unavailable[0].scope = crate::AbsenceScope::WholeDays;
        d.duties[0].end = chrono::NaiveTime::MIN;
        clean(&check(d, &rota()));
    }
}
