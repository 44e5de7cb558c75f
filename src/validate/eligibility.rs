//! Who may take a slot at all: a person serves only their home site, the sites they
//! list, and sites open to all; and nobody works on a date they are away.

use super::Checker;
use crate::{Rule, Site, Staff};

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

    /// Nobody works on a date they are away.
    pub(super) fn not_away(&mut self) {
        for i in 0..self.taken.len() {
            let (slot, staff) = self.taken[i];
            let person = &self.roster.staff()[staff];
            let date = self.slot(slot).date;
            if let Some(absence) = person.unavailable.iter().find(|a| a.dates.contains(date)) {
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
}
