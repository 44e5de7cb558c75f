//! The independent validator: recomputes every hard rule and every objective term
//! from an assignment alone.
//!
//! It shares no code with the model builder ([`crate::model`]): eligibility, cover,
//! rest, runs of days, weekends, limits, pins, preferences and fair targets are all
//! derived again here from the roster's definition and its expanded slots, so that a
//! solver's answer (or a roster edited by hand) is checked by a second, simpler
//! reading of the same rules.
//!
//! Violations come in a fixed order whatever the order of the assignments: first the
//! assignments themselves (unknown slot or staff, duplicates, site not allowed,
//! person away), then cover and skills by slot, then the rules on each person's
//! days (one duty per day, rest, successions, runs of days, weekends), the limits,
//! and the pins.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate, TimeDelta, Weekday};
use serde::{Deserialize, Serialize};

use crate::{
    Assignment, Bound, DateRange, Limits, Preference, Roster, Rule, Site, Slot, Staff, Strength,
    Term, Wish,
};

/// A hard rule broken by an assignment: the rule's key and a readable sentence.
///
/// # Example
/// ```
/// use duty_roster::{sample, validate, Rule};
/// let report = validate(&sample::tiny_roster(), &[]);
/// let v = &report.violations[0];
/// assert_eq!(v.rule, Rule::CoverMin);
/// assert_eq!(v.message, "2022-08-01 hq evening: 0 assigned, needs at least 1");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Violation {
    /// The rule broken; written as its key ([`Rule::key`]).
    pub rule: Rule,
    /// The staff member it concerns, when it concerns one person (not for cover).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff: Option<String>,
    /// A readable sentence naming the date, site, duty and staff member concerned.
    pub message: String,
}

/// What the validator found: hard rules broken, every objective term, and each
/// person's load against their fair targets.
///
/// # Example
/// ```
/// use duty_roster::{sample, validate, Term};
/// let report = validate(&sample::tiny_roster(), &[]);
/// assert_eq!(report.violations.len(), 5); // five evenings with nobody
/// assert_eq!(report.terms.len(), Term::ALL.len());
/// assert_eq!(report.people.len(), 3);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Hard rules broken, in a deterministic order.
    pub violations: Vec<Violation>,
    /// Every term of [`Term::ALL`], already multiplied by its weight (0 when nothing).
    pub terms: BTreeMap<Term, f64>,
    /// The sum of the terms.
    pub objective: f64,
    /// Each person's load, in staff order.
    pub people: Vec<PersonLoad>,
}

/// One person's load over the period, with their fair targets.
///
/// # Example
/// ```
/// use duty_roster::{sample, validate};
/// let report = validate(&sample::tiny_roster(), &[]);
/// let a = &report.people[0];
/// assert_eq!((a.staff.as_str(), a.duties, a.hours), ("A", 0, 0.0));
/// assert!((a.per_duty[0].target - 5.0 / 3.0).abs() < 1e-9); // a third of five evenings
/// assert!((a.hours_target - 10.0 / 3.0).abs() < 1e-9); // of two hours each
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonLoad {
    /// Staff id.
    pub staff: String,
    /// Number of duties assigned.
    pub duties: u32,
    /// Duties of each kind, in the roster's duty order (one entry per kind).
    pub per_duty: Vec<DutyLoad>,
    /// Hours assigned.
    pub hours: f64,
    /// Fair number of hours: their share of every slot they could take.
    pub hours_target: f64,
}

/// One person's count of one duty kind, with the fair target.
///
/// # Example
/// ```
/// use duty_roster::{sample, validate};
/// let report = validate(&sample::tiny_roster(), &[]);
/// let evening = &report.people[1].per_duty[0];
/// assert_eq!((evening.duty.as_str(), evening.count), ("evening", 0));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DutyLoad {
    /// Duty kind id.
    pub duty: String,
    /// Number of duties of this kind assigned.
    pub count: u32,
    /// Fair number: their share of every slot of this kind they could take.
    pub target: f64,
}

/// Recomputes every hard rule and every objective term of `roster` from
/// `assignments` alone.
///
/// Assignments that name no slot or no staff member, or repeat one already given, are
/// reported and then ignored; every other assignment counts, even when it breaks a
/// rule (a person on a site they may not serve still covers it).
///
/// # Example
/// ```
/// use duty_roster::{sample, validate, Assignment, Term};
/// let roster = sample::tiny_roster();
/// let day = |d| chrono::NaiveDate::from_ymd_opt(2022, 8, d).unwrap();
/// let assignments: Vec<Assignment> = [(1, "A"), (2, "B"), (3, "C"), (4, "A"), (5, "B")]
///     .into_iter()
///     .map(|(d, who)| Assignment::new(day(d), "evening", "hq", who))
///     .collect();
/// let report = validate(&roster, &assignments);
/// assert!(report.violations.is_empty());
/// assert_eq!(report.people[2].duties, 1);
/// // Fair is 1 or 2 evenings each (5/3 rounded down or up): 2, 2 and 1 is fair.
/// assert!((report.people[2].per_duty[0].target - 5.0 / 3.0).abs() < 1e-9);
/// assert_eq!(report.terms[&Term::FairnessMaxDuty], 0.0);
/// ```
pub fn validate(roster: &Roster, assignments: &[Assignment]) -> Report {
    let mut check = Checker::new(roster, assignments);
    check.site_allowed();
    check.not_away();
    check.cover();
    check.skills();
    check.one_duty_per_day();
    check.min_rest();
    check.forbidden_successions();
    check.max_consecutive_days();
    check.min_consecutive_days();
    check.min_consecutive_days_off();
    check.max_weekends();
    check.limits();
    check.pins();
    check.preferences();
    let people = check.fairness();
    let objective = check.terms.values().sum();
    Report {
        violations: check.violations,
        terms: check.terms,
        objective,
        people,
    }
}

/// Whether `person` may serve `site` at all: open to all, home, or listed.
fn may_serve(person: &Staff, site: &Site) -> bool {
    site.open_to_all || person.home == site.id || person.sites.contains(&site.id)
}

/// Maximal runs of days whose `worked` flag equals `value`, as inclusive index pairs.
fn runs(worked: &[bool], value: bool) -> Vec<(usize, usize)> {
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

/// "1 day" or "3 days".
fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// A person's number for a rule: their own limit, else the roster's; with the
/// rule's strength (hard when only the person's limit is set).
fn bound_for(own: Option<u32>, rule: Option<Bound>) -> Option<(u32, Strength)> {
    let value = own.or(rule.map(|b| b.value))?;
    Some((value, rule.map_or(Strength::Hard, |b| b.strength)))
}

/// The state of one validation: the valid assignments indexed three ways, and what
/// has been found so far.
struct Checker<'r> {
    roster: &'r Roster,
    /// The period's dates.
    dates: Vec<NaiveDate>,
    /// Slot index by (date, duty index, site index).
    slot_at: HashMap<(NaiveDate, usize, usize), usize>,
    /// Valid (slot, staff) pairs, sorted and without repeats.
    taken: Vec<(usize, usize)>,
    /// Staff indices on each slot.
    by_slot: Vec<Vec<usize>>,
    /// Slot indices of each person, in slot order.
    by_staff: Vec<Vec<usize>>,
    /// Slot indices of each person on each day of the period.
    by_staff_day: Vec<Vec<Vec<usize>>>,
    /// Slot indices on each day of the period.
    slots_by_day: Vec<Vec<usize>>,
    violations: Vec<Violation>,
    terms: BTreeMap<Term, f64>,
}

impl<'r> Checker<'r> {
    /// Resolves the assignments to (slot, staff) pairs, reporting the ones that name
    /// nothing or repeat.
    fn new(roster: &'r Roster, assignments: &[Assignment]) -> Checker<'r> {
        let def = roster.def();
        let dates: Vec<NaiveDate> = def.period.days().collect();
        let slot_at = roster
            .slots()
            .iter()
            .enumerate()
            .map(|(i, s)| ((s.date, s.duty, s.site), i))
            .collect();
        let mut slots_by_day = vec![Vec::new(); dates.len()];
        for (i, s) in roster.slots().iter().enumerate() {
            slots_by_day[(s.date - def.period.first).num_days() as usize].push(i);
        }
        let mut check = Checker {
            roster,
            dates,
            slot_at,
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
        self.slot_at
            .get(&(a.date, duty, site))
            .copied()
            .ok_or_else(|| {
                format!(
                    "duty `{}` does not run at site `{}` that day (weekday, holiday or cover)",
                    a.duty, a.site
                )
            })
    }

    // ---- helpers ----

    fn day(&self, date: NaiveDate) -> usize {
        (date - self.roster.def().period.first).num_days() as usize
    }

    fn slot(&self, slot: usize) -> &'r Slot {
        &self.roster.slots()[slot]
    }

    fn duty_id(&self, slot: usize) -> &'r str {
        &self.roster.duties()[self.slot(slot).duty].id
    }

    fn site_id(&self, slot: usize) -> &'r str {
        &self.roster.sites()[self.slot(slot).site].id
    }

    /// "2022-08-01 hq evening".
    fn label(&self, slot: usize) -> String {
        format!(
            "{} {} {}",
            self.slot(slot).date,
            self.site_id(slot),
            self.duty_id(slot)
        )
    }

    fn staff_id(&self, staff: usize) -> &'r str {
        &self.roster.staff()[staff].id
    }

    fn violation(&mut self, rule: Rule, message: String) {
        self.violation_of(None, rule, message);
    }

    fn violation_of(&mut self, staff: Option<String>, rule: Rule, message: String) {
        self.violations.push(Violation {
            rule,
            staff,
            message,
        });
    }

    fn penalise(&mut self, term: Term, weight: u32, amount: f64) {
        *self.terms.entry(term).or_insert(0.0) += f64::from(weight) * amount;
    }

    /// Which days of the period each person works.
    fn worked(&self) -> Vec<Vec<bool>> {
        self.by_staff_day
            .iter()
            .map(|days| days.iter().map(|slots| !slots.is_empty()).collect())
            .collect()
    }

    /// "2022-08-02 to 2022-08-04" for day indices 1..=3.
    fn span(&self, first: usize, last: usize) -> DateRange {
        DateRange::new(self.dates[first], self.dates[last])
    }

    // ---- the assignments themselves ----

    /// Rule 2: the site is the person's home, one of their sites, or open to all.
    fn site_allowed(&mut self) {
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

    /// Rule 3: nobody works on a date they are away.
    fn not_away(&mut self) {
        for i in 0..self.taken.len() {
            let (slot, staff) = self.taken[i];
            let person = &self.roster.staff()[staff];
            let date = self.slot(slot).date;
            if let Some(absence) = person.unavailable.iter().find(|a| a.dates.contains(date)) {
                let why = if absence.reason.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", absence.reason)
                };
                let message = format!("{}: {} is unavailable{why}", self.label(slot), person.id);
                self.violation_of(Some(person.id.clone()), Rule::Unavailable, message);
            }
        }
    }

    // ---- slots ----

    /// Rule 4: fewest and most people on each slot, hard or at a cost per person.
    fn cover(&mut self) {
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

    /// Rule 5: enough people with each needed skill on each slot.
    fn skills(&mut self) {
        for (i, s) in self.roster.slots().iter().enumerate() {
            for need in &s.skills {
                let m = self.by_slot[i]
                    .iter()
                    .filter(|&&p| self.roster.staff()[p].skills.contains(&need.skill))
                    .count() as u32;
                if m >= need.count {
                    continue;
                }
                match s.under_weight {
                    None => {
                        let message = format!(
                            "{}: {m} assigned with skill `{}`, needs at least {}",
                            self.label(i),
                            need.skill,
                            need.count
                        );
                        self.violation(Rule::Skill, message);
                    }
                    Some(w) => self.penalise(Term::SkillShortage, w, f64::from(need.count - m)),
                }
            }
        }
    }

    // ---- each person's days ----

    /// Rule 6: at most one duty per person per day.
    fn one_duty_per_day(&mut self) {
        let strength = self.roster.def().rules.one_duty_per_day;
        for p in 0..self.by_staff_day.len() {
            for d in 0..self.dates.len() {
                let slots = &self.by_staff_day[p][d];
                let c = slots.len();
                if c <= 1 {
                    continue;
                }
                match strength {
                    Strength::Hard => {
                        let list: Vec<String> = slots
                            .iter()
                            .map(|&s| format!("{} {}", self.site_id(s), self.duty_id(s)))
                            .collect();
                        let message = format!(
                            "{} {}: {c} duties on one day ({})",
                            self.dates[d],
                            self.staff_id(p),
                            list.join(", ")
                        );
                        self.violation_of(
                            Some(self.staff_id(p).to_string()),
                            Rule::OneDutyPerDay,
                            message,
                        );
                    }
                    Strength::Soft(w) => self.penalise(Term::OneDutyPerDay, w, (c - 1) as f64),
                }
            }
        }
    }

    /// Rule 7: the minimum rest between any two of a person's duties (grouped by
    /// date and duty kind).
    fn min_rest(&mut self) {
        let Some(bound) = self.roster.def().rules.min_rest_minutes else {
            return;
        };
        let rest = TimeDelta::minutes(i64::from(bound.value));
        for p in 0..self.by_staff.len() {
            // (date, duty) -> (assignments in the group, one slot of it)
            let mut groups: BTreeMap<(NaiveDate, usize), (usize, usize)> = BTreeMap::new();
            for &s in &self.by_staff[p] {
                let slot = self.slot(s);
                groups.entry((slot.date, slot.duty)).or_insert((0, s)).0 += 1;
            }
            let groups: Vec<(usize, usize)> = groups.into_values().collect();
            for (i, &(n1, s1)) in groups.iter().enumerate() {
                for &(n2, s2) in &groups[i + 1..] {
                    let (a, b) = if self.slot(s1).start_utc <= self.slot(s2).start_utc {
                        (s1, s2)
                    } else {
                        (s2, s1)
                    };
                    let gap = self.slot(b).start_utc - self.slot(a).end_utc;
                    if gap >= rest {
                        continue;
                    }
                    match bound.strength {
                        Strength::Hard => {
                            let between = if gap < TimeDelta::zero() {
                                format!("overlap by {} minutes", -gap.num_minutes())
                            } else {
                                format!("leave {} minutes of rest", gap.num_minutes())
                            };
                            let message = format!(
                                "{}: {} {} and {} {} {between}, needs {}",
                                self.staff_id(p),
                                self.slot(a).date,
                                self.duty_id(a),
                                self.slot(b).date,
                                self.duty_id(b),
                                bound.value
                            );
                            self.violation_of(
                                Some(self.staff_id(p).to_string()),
                                Rule::MinRest,
                                message,
                            );
                        }
                        Strength::Soft(w) => {
                            self.penalise(Term::MinRest, w, (n1 + n2 - 1) as f64);
                        }
                    }
                }
            }
        }
    }

    /// Rule 8: duty `then` is not worked the day after duty `first`.
    fn forbidden_successions(&mut self) {
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
                    match succession.strength {
                        Strength::Hard => {
                            let message = format!(
                                "{}: `{}` on {} then `{}` on {}",
                                self.staff_id(p),
                                succession.first,
                                self.dates[d - 1],
                                succession.then,
                                self.dates[d]
                            );
                            self.violation_of(
                                Some(self.staff_id(p).to_string()),
                                Rule::ForbiddenSuccession,
                                message,
                            );
                        }
                        Strength::Soft(w) => {
                            self.penalise(Term::ForbiddenSuccession, w, (n1 + n2 - 1) as f64);
                        }
                    }
                }
            }
        }
    }

    /// Rule 9: at most M days running with a duty (days outside the period are free).
    /// Hard: each maximal run longer than M is reported once. Soft: each window of
    /// M + 1 days inside the period costs its worked days beyond M.
    fn max_consecutive_days(&mut self) {
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

    /// Rule 10: runs of duty days at least m long (runs touching the period's ends
    /// are exempt).
    fn min_consecutive_days(&mut self) {
        let rule = self.roster.def().rules.min_consecutive_days;
        self.min_runs(true, rule, |l| l.min_consecutive_days);
    }

    /// Rule 11: runs of free days at least m long (runs touching the period's ends
    /// are exempt).
    fn min_consecutive_days_off(&mut self) {
        let rule = self.roster.def().rules.min_consecutive_days_off;
        self.min_runs(false, rule, |l| l.min_consecutive_days_off);
    }

    /// Rules 10 and 11: each maximal run of worked (`value` true) or free days inside
    /// the period, shorter than the person's minimum.
    fn min_runs(&mut self, value: bool, rule: Option<Bound>, own: fn(&Limits) -> Option<u32>) {
        let (key, term, what) = if value {
            (
                Rule::MinConsecutiveDays,
                Term::MinConsecutiveDays,
                "with a duty",
            )
        } else {
            (
                Rule::MinConsecutiveDaysOff,
                Term::MinConsecutiveDaysOff,
                "free",
            )
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
                match strength {
                    Strength::Hard => {
                        let message = format!(
                            "{}: only {} running {what}, {}, needs at least {m}",
                            person.id,
                            plural(len, "day", "days"),
                            self.span(i, j)
                        );
                        self.violation_of(Some(person.id.clone()), key, message);
                    }
                    Strength::Soft(w) => self.penalise(term, w, 1.0),
                }
            }
        }
    }

    /// Rule 12: at most W weekends (Saturday and Sunday of one ISO week) with a duty.
    fn max_weekends(&mut self) {
        let rule = self.roster.def().rules.max_weekends;
        for (p, person) in self.roster.staff().iter().enumerate() {
            let Some((max, strength)) = bound_for(person.limits.max_weekends, rule) else {
                continue;
            };
            let weekends: BTreeSet<(i32, u32)> = self
                .dates
                .iter()
                .enumerate()
                .filter(|&(d, date)| {
                    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
                        && !self.by_staff_day[p][d].is_empty()
                })
                .map(|(_, date)| (date.iso_week().year(), date.iso_week().week()))
                .collect();
            let count = weekends.len() as u32;
            if count <= max {
                continue;
            }
            match strength {
                Strength::Hard => {
                    let message =
                        format!("{}: {count} weekends with a duty, at most {max}", person.id);
                    self.violation_of(Some(person.id.clone()), Rule::MaxWeekends, message);
                }
                Strength::Soft(w) => self.penalise(Term::MaxWeekends, w, f64::from(count - max)),
            }
        }
    }

    // ---- limits and pins ----

    /// Rule 13: each person's limits on duties and minutes: broken (hard), or costed
    /// per duty, or per hour for minutes, beyond them (soft). A limit of 0 duties of
    /// a kind is always hard.
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

    /// Rule 13: each person's limits on duties and minutes.
    fn limits(&mut self) {
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

    /// Rule 14: every pinned duty is assigned to its person.
    fn pins(&mut self) {
        let roster = self.roster;
        for pin in &roster.def().pins {
            let slot = roster
                .duty_index(&pin.duty)
                .zip(roster.site_index(&pin.site))
                .and_then(|(duty, site)| self.slot_at.get(&(pin.date, duty, site)));
            let staff = roster.staff_index(&pin.staff);
            let held = match (slot, staff) {
                (Some(&slot), Some(staff)) => self.taken.binary_search(&(slot, staff)).is_ok(),
                _ => false,
            };
            if !held {
                match roster.def().rules.pins {
                    Strength::Soft(w) => self.penalise(Term::Pins, w, 1.0),
                    Strength::Hard => {
                        let message = format!(
                            "{} {} {}: pinned to {} but not assigned to them",
                            pin.date, pin.site, pin.duty, pin.staff
                        );
                        self.violation_of(Some(pin.staff.clone()), Rule::Pin, message);
                    }
                }
            }
        }
    }

    // ---- objective terms ----

    /// Whether `slot` matches every filter of `pref`.
    fn matches(&self, pref: &Preference, slot: usize) -> bool {
        let s = self.slot(slot);
        pref.dates.is_none_or(|r| r.contains(s.date))
            && (pref.weekdays.is_empty() || pref.weekdays.contains(&s.date.weekday()))
            && pref.duty.as_ref().is_none_or(|d| d == self.duty_id(slot))
            && pref.site.as_ref().is_none_or(|x| x == self.site_id(slot))
    }

    /// Rule 15: `avoid` costs its weight per matching duty assigned; `want` costs its
    /// weight per date with a matching slot on which no matching duty is assigned.
    fn preferences(&mut self) {
        let mut total = 0.0;
        for (p, person) in self.roster.staff().iter().enumerate() {
            for pref in &person.preferences {
                let w = f64::from(pref.weight);
                match pref.wish {
                    Wish::Avoid => {
                        let k = self.by_staff[p]
                            .iter()
                            .filter(|&&s| self.matches(pref, s))
                            .count();
                        total += w * k as f64;
                    }
                    Wish::Want => {
                        for d in 0..self.dates.len() {
                            let offered =
                                self.slots_by_day[d].iter().any(|&s| self.matches(pref, s));
                            let granted = self.by_staff_day[p][d]
                                .iter()
                                .any(|&s| self.matches(pref, s));
                            if offered && !granted {
                                total += w;
                            }
                        }
                    }
                }
            }
        }
        self.penalise(Term::Preferences, 1, total);
    }

    /// Whether `person` could take `slot`: site allowed, not away, not limited to zero
    /// duties (of that kind or at all).
    fn eligible(&self, person: &Staff, slot: usize) -> bool {
        let s = self.slot(slot);
        may_serve(person, &self.roster.sites()[s.site])
            && !person.unavailable.iter().any(|a| a.dates.contains(s.date))
            && person.limits.max_per_duty.get(self.duty_id(slot)) != Some(&0)
            && person.limits.max_duties != Some(0)
    }

    /// Rule 16: fair targets (each person's share of every slot they could take) and
    /// the deviations from them; returns the load table.
    fn fairness(&mut self) -> Vec<PersonLoad> {
        let roster = self.roster;
        let staff = roster.staff();
        let duties = roster.duties();
        let mut targets = vec![vec![0.0; duties.len()]; staff.len()];
        let mut hours_targets = vec![0.0; staff.len()];
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
                targets[p][s.duty] += part;
                hours_targets[p] += part * s.minutes as f64 / 60.0;
            }
        }
        // Hours come in steps of the largest length that divides every slot's length.
        let unit_minutes = roster
            .slots()
            .iter()
            .map(|s| s.minutes)
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
            let mut minutes = 0i64;
            for &s in &self.by_staff[p] {
                counts[self.slot(s).duty] += 1;
                minutes += self.slot(s).minutes;
            }
            let hours = minutes as f64 / 60.0;
            let per_duty: Vec<DutyLoad> = duties
                .iter()
                .enumerate()
                .map(|(k, duty)| DutyLoad {
                    duty: duty.id.clone(),
                    count: counts[k],
                    target: targets[p][k],
                })
                .collect();
            for load in &per_duty {
                let dev = distance_to_fair_band(f64::from(load.count), load.target);
                max_duty = max_duty.max(dev);
                total_duty += dev;
            }
            let dev = distance_to_fair_band(hours / hours_unit, hours_targets[p] / hours_unit)
                * hours_unit;
            max_hours = max_hours.max(dev);
            total_hours += dev;
            people.push(PersonLoad {
                staff: person.id.clone(),
                duties: self.by_staff[p].len() as u32,
                per_duty,
                hours,
                hours_target: hours_targets[p],
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
fn distance_to_fair_band(actual: f64, target: f64) -> f64 {
    let low = (target + 1e-9).floor();
    let high = (target - 1e-9).ceil();
    (actual - high).max(low - actual).max(0.0)
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveTime, Weekday};

    use super::*;
    use crate::sample::tiny_roster_def;
    use crate::{Absence, Fairness, Pin, RosterDef, SiteCover, SkillNeed, Succession};

    fn date(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2022, 8, d).unwrap()
    }

    fn time(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    /// The tiny roster (evening desk at `hq`, Monday 1 to Friday 5 August 2022, one
    /// person; staff A, B, C; period to Sunday 7) with fairness off, so that only the
    /// rule under test costs anything.
    fn def() -> RosterDef {
        let mut def = tiny_roster_def();
        def.rules.fairness = Fairness::off();
        def
    }

    fn on(d: u32, duty: &str, who: &str) -> Assignment {
        Assignment::new(date(d), duty, "hq", who)
    }

    /// Evening duties by (day of August, staff id).
    fn evenings(list: &[(u32, &str)]) -> Vec<Assignment> {
        list.iter().map(|&(d, who)| on(d, "evening", who)).collect()
    }

    /// One person each evening, nobody two days running: A, B, C, A, B.
    fn rota() -> Vec<Assignment> {
        evenings(&[(1, "A"), (2, "B"), (3, "C"), (4, "A"), (5, "B")])
    }

    fn with(mut list: Vec<Assignment>, more: &[Assignment]) -> Vec<Assignment> {
        list.extend_from_slice(more);
        list
    }

    fn check(def: RosterDef, assignments: &[Assignment]) -> Report {
        validate(&Roster::new(def).unwrap(), assignments)
    }

    fn rules(report: &Report) -> Vec<Rule> {
        report.violations.iter().map(|v| v.rule).collect()
    }

    fn messages(report: &Report) -> Vec<&str> {
        report
            .violations
            .iter()
            .map(|v| v.message.as_str())
            .collect()
    }

    /// Asserts that there is no violation and that every term but `term` is 0;
    /// returns `term`.
    fn only(report: &Report, term: Term) -> f64 {
        assert!(report.violations.is_empty(), "{:?}", report.violations);
        for (&t, &v) in &report.terms {
            if t != term {
                assert_eq!(v, 0.0, "{t:?}");
            }
        }
        report.terms[&term]
    }

    fn clean(report: &Report) {
        assert!(report.violations.is_empty(), "{:?}", report.violations);
        assert_eq!(report.objective, 0.0, "{:?}", report.terms);
    }

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-9, "{a} != {b}");
    }

    /// A second weekday duty at `hq`, `late`, from 18:30 to 20:30 (right after the
    /// evening desk), nobody needed, at most one person.
    fn with_late(def: &mut RosterDef) {
        let mut late = def.duties[0].clone();
        late.id = "late".into();
        late.start = time(18, 30);
        late.end = time(20, 30);
        late.cover = vec![SiteCover {
            min: 0,
            ..SiteCover::exactly("hq", 1)
        }];
        def.duties.push(late);
    }

    /// Two weeks (1 to 14 August), evenings optional, and a `weekend` duty on
    /// Saturdays and Sundays from 09:00 to 13:00, optional.
    fn with_weekend(def: &mut RosterDef) {
        def.period = DateRange::new(date(1), date(14));
        def.duties[0].cover = vec![SiteCover {
            min: 0,
            ..SiteCover::exactly("hq", 1)
        }];
        let mut weekend = def.duties[0].clone();
        weekend.id = "weekend".into();
        weekend.weekdays = vec![Weekday::Sat, Weekday::Sun];
        weekend.start = time(9, 0);
        weekend.end = time(13, 0);
        def.duties.push(weekend);
    }

    fn bound(value: u32, strength: Strength) -> Option<Bound> {
        Some(Bound { value, strength })
    }

    #[test]
    fn valid_rota_has_no_violation_and_no_cost() {
        let report = check(def(), &rota());
        clean(&report);
        assert_eq!(report.terms.len(), Term::ALL.len());
    }

    #[test]
    fn violations_do_not_depend_on_assignment_order() {
        let list = with(rota(), &evenings(&[(1, "B"), (9, "A"), (2, "Z")]));
        let mut reversed = list.clone();
        reversed.reverse();
        let report = check(tiny_roster_def(), &list);
        assert_eq!(report.violations.len(), 3);
        assert_eq!(report, check(tiny_roster_def(), &reversed));
    }

    // ---- rule 1: the assignments name slots and people, once ----

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

    // ---- rules 2 and 3: who may take a slot ----

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
        assert_eq!(
            messages(&report),
            ["2022-08-04 hq evening: A is unavailable (training)"]
        );
        assert_eq!(rules(&report), [Rule::Unavailable]);
        d.staff[0].unavailable = vec![away(2)];
        clean(&check(d, &rota()));
    }

    // ---- rules 4 and 5: cover and skills ----

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

    #[test]
    fn skill_hard_needs_enough_skilled_people() {
        let mut d = def();
        d.duties[0].cover[0].skills = vec![SkillNeed {
            skill: "es".into(),
            count: 1,
        }];
        d.staff[0].skills = vec!["es".into()];
        d.staff[1].skills = vec!["fr".into(), "es".into()];
        let report = check(d.clone(), &rota());
        assert_eq!(rules(&report), [Rule::Skill]);
        assert_eq!(
            messages(&report),
            ["2022-08-03 hq evening: 0 assigned with skill `es`, needs at least 1"]
        );
        clean(&check(
            d,
            &evenings(&[(1, "A"), (2, "B"), (3, "A"), (4, "A"), (5, "B")]),
        ));
    }

    #[test]
    fn skill_soft_penalises_by_weight() {
        let mut d = def();
        d.duties[0].cover[0].skills = vec![SkillNeed {
            skill: "es".into(),
            count: 1,
        }];
        d.duties[0].cover[0].under_weight = Some(4);
        d.staff[0].skills = vec!["es".into()];
        d.staff[1].skills = vec!["es".into()];
        assert_eq!(only(&check(d.clone(), &rota()), Term::SkillShortage), 4.0);
        clean(&check(
            d,
            &evenings(&[(1, "A"), (2, "B"), (3, "A"), (4, "A"), (5, "B")]),
        ));
    }

    // ---- rules 6 to 8: pairs of duties ----

    #[test]
    fn one_duty_per_day_hard_forbids_two_duties_on_a_day() {
        let mut d = def();
        with_late(&mut d);
        let report = check(d.clone(), &with(rota(), &[on(1, "late", "A")]));
        assert_eq!(rules(&report), [Rule::OneDutyPerDay]);
        assert_eq!(
            messages(&report),
            ["2022-08-01 A: 2 duties on one day (hq evening, hq late)"]
        );
        clean(&check(d, &with(rota(), &[on(1, "late", "B")])));
    }

    #[test]
    fn one_duty_per_day_soft_penalises_by_weight() {
        let mut d = def();
        with_late(&mut d);
        d.rules.one_duty_per_day = Strength::Soft(4);
        let late = [on(1, "late", "A"), on(4, "late", "A")];
        assert_eq!(
            only(&check(d.clone(), &with(rota(), &late)), Term::OneDutyPerDay),
            8.0
        );
        clean(&check(d, &with(rota(), &[on(1, "late", "B")])));
    }

    #[test]
    fn min_rest_hard_forbids_short_rest() {
        let mut d = def();
        with_late(&mut d);
        d.rules.one_duty_per_day = Strength::Soft(0);
        d.rules.min_rest_minutes = bound(60, Strength::Hard);
        let report = check(d.clone(), &with(rota(), &[on(1, "late", "A")]));
        assert_eq!(rules(&report), [Rule::MinRest]);
        assert_eq!(
            messages(&report),
            ["A: 2022-08-01 evening and 2022-08-01 late leave 0 minutes of rest, needs 60"]
        );
        // B's late duty on the 1st ends 20 hours before their evening on the 2nd
        clean(&check(d, &with(rota(), &[on(1, "late", "B")])));
    }

    #[test]
    fn min_rest_soft_penalises_by_weight() {
        let mut d = def();
        with_late(&mut d);
        d.rules.one_duty_per_day = Strength::Soft(0);
        d.rules.min_rest_minutes = bound(60, Strength::Soft(5));
        let late = [on(1, "late", "A"), on(3, "late", "C")];
        assert_eq!(
            only(&check(d.clone(), &with(rota(), &late)), Term::MinRest),
            10.0
        );
        // back to back is enough rest when none is asked
        d.rules.min_rest_minutes = bound(0, Strength::Soft(5));
        clean(&check(d, &with(rota(), &late)));
    }

    #[test]
    fn min_rest_applies_across_days() {
        let mut d = def();
        with_late(&mut d);
        // 20:30 on the 1st to 16:30 on the 2nd is 20 hours
        d.rules.min_rest_minutes = bound(21 * 60, Strength::Hard);
        let report = check(d.clone(), &with(rota(), &[on(1, "late", "B")]));
        assert_eq!(
            messages(&report),
            ["B: 2022-08-01 late and 2022-08-02 evening leave 1200 minutes of rest, needs 1260"]
        );
        d.rules.min_rest_minutes = bound(20 * 60, Strength::Hard);
        clean(&check(d, &with(rota(), &[on(1, "late", "B")])));
    }

    #[test]
    fn min_rest_of_zero_still_forbids_overlaps() {
        let mut d = def();
        with_late(&mut d);
        d.duties[1].start = time(17, 30);
        d.rules.one_duty_per_day = Strength::Soft(0);
        d.rules.min_rest_minutes = bound(0, Strength::Hard);
        let report = check(d, &with(rota(), &[on(1, "late", "A")]));
        assert_eq!(
            messages(&report),
            ["A: 2022-08-01 evening and 2022-08-01 late overlap by 60 minutes, needs 0"]
        );
    }

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

    // ---- rules 9 to 12: runs of days and weekends ----

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

    #[test]
    fn max_weekends_hard_counts_saturday_and_sunday_once() {
        let mut d = def();
        with_weekend(&mut d);
        d.rules.max_weekends = bound(1, Strength::Hard);
        clean(&check(
            d.clone(),
            &[on(6, "weekend", "A"), on(7, "weekend", "A")],
        ));
        // Sunday 7 and Saturday 13 are two weekends
        let report = check(d, &[on(7, "weekend", "A"), on(13, "weekend", "A")]);
        assert_eq!(rules(&report), [Rule::MaxWeekends]);
        assert_eq!(messages(&report), ["A: 2 weekends with a duty, at most 1"]);
    }

    #[test]
    fn max_weekends_soft_penalises_by_weight() {
        let mut d = def();
        with_weekend(&mut d);
        d.rules.max_weekends = bound(1, Strength::Soft(10));
        let list = [
            on(6, "weekend", "A"),
            on(13, "weekend", "A"),
            on(14, "weekend", "A"),
        ];
        assert_eq!(only(&check(d.clone(), &list), Term::MaxWeekends), 10.0);
        // weekday duties do not count
        clean(&check(d, &[on(6, "weekend", "A"), on(8, "evening", "A")]));
    }

    // ---- rule 13: limits ----

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

    // ---- rule 14: pins ----

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

    // ---- rule 15: preferences ----

    fn preference(wish: Wish, weight: u32) -> Preference {
        Preference {
            wish,
            dates: None,
            weekdays: vec![],
            duty: None,
            site: None,
            weight,
        }
    }

    #[test]
    fn avoid_preference_costs_weight_per_matching_duty() {
        let mut d = def();
        d.staff[0].preferences = vec![Preference {
            weekdays: vec![Weekday::Mon, Weekday::Thu],
            ..preference(Wish::Avoid, 4)
        }];
        // A works Monday 1 and Thursday 4
        assert_eq!(only(&check(d.clone(), &rota()), Term::Preferences), 8.0);
        clean(&check(
            d,
            &evenings(&[(1, "B"), (2, "A"), (3, "C"), (4, "B"), (5, "A")]),
        ));
    }

    #[test]
    fn want_preference_costs_weight_per_date_not_granted() {
        let mut d = def();
        let dates = Some(DateRange::new(date(3), date(7)));
        d.staff[1].preferences = vec![
            Preference {
                dates,
                duty: Some("evening".into()),
                ..preference(Wish::Want, 3)
            },
            // no slot on Saturdays: nothing to grant, nothing to miss
            Preference {
                weekdays: vec![Weekday::Sat],
                ..preference(Wish::Want, 100)
            },
        ];
        // B works the 5th; the 3rd and 4th have an evening, the 6th and 7th none
        assert_eq!(only(&check(d.clone(), &rota()), Term::Preferences), 6.0);
        // dates B could not take still count
        d.staff[1].unavailable = vec![Absence {
            dates: DateRange::single(date(3)),
            reason: String::new(),
        }];
        let list = evenings(&[(1, "A"), (2, "C"), (3, "A"), (4, "B"), (5, "B")]);
        assert_eq!(only(&check(d.clone(), &list), Term::Preferences), 3.0);
        d.staff[1].unavailable.clear();
        let list = evenings(&[(1, "A"), (2, "C"), (3, "B"), (4, "B"), (5, "B")]);
        clean(&check(d, &list));
    }

    // ---- rule 16: fairness ----

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
