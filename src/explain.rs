//! Explaining a solved roster: for a person, their fair targets and how they were
//! computed, what they got, and which wishes were not honoured and what honouring
//! them would have cost; for a date, who could take each slot and why the others
//! could not.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::diagnose::why_not;
use crate::validate::PersonLoad;
use crate::{
    Assignment, Language, Outcome, Preference, Roster, SolveError, SolveOptions, Wish, solve,
    validate,
};

/// One duty kind for one person: how the fair target comes about and what they got.
///
/// # Example
/// See [`explain_staff`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct KindShare {
    /// Duty kind id.
    pub duty: String,
    /// Slots of that kind the person could take (right site, not away, not limited to 0).
    pub eligible_slots: usize,
    /// People needed on those slots, all together.
    pub cover_needed: u32,
    /// The fair target: each of those slots' cover shared among the people who could
    /// take it, in proportion to their workload shares.
    pub target: f64,
    /// Duties of that kind given.
    pub count: u32,
    /// Duties of that kind carried from earlier months (done minus fair share, from
    /// a ledger), which `target` is lowered by; absent when nothing is carried.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried: Option<f64>,
    /// Their own share of this month's slots of that kind, before what they carry;
    /// present with `carried`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
}

/// A wish that the roster does not honour, and what honouring it would cost.
///
/// # Example
/// See [`explain_staff`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UnhonouredWish {
    /// The preference as written.
    pub preference: Preference,
    /// How many times it is not honoured (duties given, or dates without a wanted duty).
    pub times: u32,
    /// How much the roster's objective would rise if it were honoured (its own weight
    /// saved, the other terms' rise paid); `None` when it cannot be honoured at all
    /// under the hard rules, or when it was not priced.
    pub cost_of_honouring: Option<f64>,
    /// Whether honouring it was priced (by solving again); a roster explained as it
    /// is, such as a published one, is not.
    #[serde(default = "priced_by_default", skip_serializing_if = "Clone::clone")]
    pub priced: bool,
}

fn priced_by_default() -> bool {
    true
}

/// Everything about one person in a solved roster.
///
/// # Example
/// See [`explain_staff`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StaffExplanation {
    /// Staff id.
    pub staff: String,
    /// Name.
    pub name: String,
    /// Workload share.
    pub share: f64,
    /// Per duty kind.
    pub kinds: Vec<KindShare>,
    /// Hours given and the fair hours.
    pub hours: f64,
    /// Fair hours.
    pub hours_target: f64,
    /// Hours carried from earlier months (from a ledger), which `hours_target` is
    /// lowered by; absent when nothing is carried.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours_carried: Option<f64>,
    /// Their duties.
    pub duties: Vec<Assignment>,
    /// Wishes not honoured.
    pub unhonoured: Vec<UnhonouredWish>,
}

/// How often `pref` is not honoured by `assignments` for `staff` (see [`Wish`]).
fn misses(roster: &Roster, staff: &str, pref: &Preference, assignments: &[Assignment]) -> u32 {
    let matches = |date: NaiveDate, duty: &str, site: &str| {
        pref.dates.is_none_or(|r| r.contains(date))
            && (pref.weekdays.is_empty() || pref.weekdays.contains(&date.weekday()))
            && pref.duty.as_deref().is_none_or(|d| d == duty)
            && pref.site.as_deref().is_none_or(|s| s == site)
    };
    let mine = assignments.iter().filter(|a| a.staff == staff);
    match pref.wish {
        Wish::Avoid => mine.filter(|a| matches(a.date, &a.duty, &a.site)).count() as u32,
        Wish::Want => {
            let mut dates: Vec<NaiveDate> = roster
                .slots()
                .iter()
                .filter(|s| {
                    matches(
                        s.date,
                        &roster.duties()[s.duty].id,
                        &roster.sites()[s.site].id,
                    )
                })
                .map(|s| s.date)
                .collect();
            dates.dedup();
            let mine: Vec<&Assignment> = mine.collect();
            dates
                .iter()
                .filter(|&&d| {
                    !mine
                        .iter()
                        .any(|a| a.date == d && matches(a.date, &a.duty, &a.site))
                })
                .count() as u32
        }
    }
}

/// Explains one person's part of a solved roster. Honouring each unhonoured wish is
/// priced by solving the roster again with that wish's weight made overwhelming.
///
/// # Errors
/// [`SolveError`] when a re-solve fails; an unknown staff id gives
/// [`SolveError::Solver`] naming it.
///
/// # Example
/// ```
/// let roster = duty_roster::sample::tiny_roster();
/// let outcome = duty_roster::solve(&roster, &Default::default()).unwrap();
/// let e = duty_roster::explain::explain_staff(&roster, &outcome, "A", &Default::default()).unwrap();
/// assert_eq!(e.kinds[0].eligible_slots, 5);
/// assert!((e.kinds[0].target - 5.0 / 3.0).abs() < 1e-9);
/// assert!(e.unhonoured.is_empty());
/// ```
pub fn explain_staff(
    roster: &Roster,
    outcome: &Outcome,
    staff: &str,
    options: &SolveOptions,
) -> Result<StaffExplanation, SolveError> {
    explain(roster, &outcome.assignments, staff, Some(options))
}

/// Explains one person's part of `assignments` (a roster solved with `options`),
/// pricing each unhonoured wish as [`explain_staff`] does.
///
/// # Errors
/// As [`explain_staff`].
///
/// # Example
/// ```
/// let roster = duty_roster::sample::tiny_roster();
/// let outcome = duty_roster::solve(&roster, &Default::default()).unwrap();
/// let e = duty_roster::explain::explain_staff_priced(&roster, &outcome.assignments, "A", &Default::default()).unwrap();
/// assert!(e.unhonoured.is_empty());
/// ```
pub fn explain_staff_priced(
    roster: &Roster,
    assignments: &[Assignment],
    staff: &str,
    options: &SolveOptions,
) -> Result<StaffExplanation, SolveError> {
    explain(roster, assignments, staff, Some(options))
}

/// Explains one person's part of a roster as it is, such as a published one,
/// without solving: wishes not honoured are listed, not priced.
///
/// # Errors
/// [`SolveError::Solver`] naming an unknown staff id.
///
/// # Example
/// ```
/// let roster = duty_roster::sample::tiny_roster();
/// let monday = duty_roster::Assignment::new("2022-08-01".parse().unwrap(), "evening", "hq", "A");
/// let e = duty_roster::explain::explain_staff_as_is(&roster, &[monday], "A").unwrap();
/// assert_eq!((e.duties.len(), e.kinds[0].count), (1, 1));
/// ```
pub fn explain_staff_as_is(
    roster: &Roster,
    assignments: &[Assignment],
    staff: &str,
) -> Result<StaffExplanation, SolveError> {
    explain(roster, assignments, staff, None)
}

/// One person's part of `assignments`; wishes priced by re-solving with `pricing`.
fn explain(
    roster: &Roster,
    assignments: &[Assignment],
    staff: &str,
    pricing: Option<&SolveOptions>,
) -> Result<StaffExplanation, SolveError> {
    let p = roster
        .staff_index(staff)
        .ok_or_else(|| SolveError::Solver(format!("unknown staff `{staff}`")))?;
    let person = &roster.staff()[p];
    let report = validate(roster, assignments);
    let load: &PersonLoad = &report.people[p];
    let kinds = roster
        .duties()
        .iter()
        .enumerate()
        .map(|(k, duty)| {
            let slots: Vec<usize> = (0..roster.slots().len())
                .filter(|&s| roster.slots()[s].duty == k && roster.is_eligible(p, s))
                .collect();
            KindShare {
                duty: duty.id.clone(),
                eligible_slots: slots.len(),
                cover_needed: slots.iter().map(|&s| roster.slots()[s].min).sum(),
                target: load.per_duty[k].target,
                count: load.per_duty[k].count,
                carried: load.per_duty[k].carried,
                share: load.per_duty[k].carried.map(|_| load.per_duty[k].share),
            }
        })
        .collect();
    let mut unhonoured = Vec::new();
    for (i, pref) in person.preferences.iter().enumerate() {
        let times = misses(roster, staff, pref, assignments);
        if times == 0 {
            continue;
        }
        let cost = match pricing {
            Some(options) => {
                let mut def = roster.def().clone();
                def.staff[p].preferences[i].weight = 1_000_000;
                let variant =
                    crate::Roster::new(def).map_err(|e| SolveError::Solver(e.to_string()))?;
                let honoured = solve(&variant, options)?;
                // The roster's own objective (original weights) of the roster that
                // honours the wish, against this one's: what honouring it costs.
                (misses(roster, staff, pref, &honoured.assignments) == 0)
                    .then(|| validate(roster, &honoured.assignments).objective - report.objective)
            }
            None => None,
        };
        unhonoured.push(UnhonouredWish {
            preference: pref.clone(),
            times,
            cost_of_honouring: cost,
            priced: pricing.is_some(),
        });
    }
    Ok(StaffExplanation {
        staff: person.id.clone(),
        name: person.name.clone(),
        share: person.share,
        kinds,
        hours: load.hours,
        hours_target: load.hours_target,
        hours_carried: load.hours_carried,
        duties: assignments
            .iter()
            .filter(|a| a.staff == staff)
            .cloned()
            .collect(),
        unhonoured,
    })
}

/// One slot of a date: who is on it, who else could have been, and why the others
/// who serve the site could not.
///
/// # Example
/// See [`explain_date`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SlotExplanation {
    /// Duty kind id.
    pub duty: String,
    /// Site id.
    pub site: String,
    /// Local hours, `HH:MM-HH:MM`.
    pub hours: String,
    /// Fewest and most people.
    pub min: u32,
    /// Most people, if any.
    pub max: Option<u32>,
    /// Who is on it.
    pub assigned: Vec<String>,
    /// Who else could take it and why they are not on it (`id reason`).
    pub others: Vec<String>,
}

/// Explains the slots of one date.
///
/// # Example
/// ```
/// let roster = duty_roster::sample::tiny_roster();
/// let outcome = duty_roster::solve(&roster, &Default::default()).unwrap();
/// let date = "2022-08-01".parse().unwrap();
/// let slots = duty_roster::explain::explain_date(&roster, &outcome, date);
/// assert_eq!(slots.len(), 1);
/// assert_eq!(slots[0].assigned.len() + slots[0].others.len(), 3);
/// ```
pub fn explain_date(roster: &Roster, outcome: &Outcome, date: NaiveDate) -> Vec<SlotExplanation> {
    explain_date_as_is(roster, &outcome.assignments, date)
}

/// The slots of `date` in `assignments` as they are, such as a published roster's
/// (see [`explain_date`]).
///
/// # Example
/// ```
/// let roster = duty_roster::sample::tiny_roster();
/// let monday = duty_roster::Assignment::new("2022-08-01".parse().unwrap(), "evening", "hq", "A");
/// let slots = duty_roster::explain::explain_date_as_is(&roster, &[monday], "2022-08-01".parse().unwrap());
/// assert_eq!(slots[0].assigned, ["A"]);
/// ```
pub fn explain_date_as_is(
    roster: &Roster,
    assignments: &[Assignment],
    date: NaiveDate,
) -> Vec<SlotExplanation> {
    roster
        .slots()
        .iter()
        .enumerate()
        .filter(|(_, s)| s.date == date)
        .map(|(slot_i, slot)| {
            let duty = &roster.duties()[slot.duty].id;
            let site = &roster.sites()[slot.site].id;
            let assigned: Vec<String> = assignments
                .iter()
                .filter(|a| a.date == date && a.duty == *duty && a.site == *site)
                .map(|a| a.staff.clone())
                .collect();
            let others = (0..roster.staff().len())
                .filter(|&p| {
                    roster.may_serve_site(p, slot.site) && !assigned.contains(&roster.staff()[p].id)
                })
                .map(|p| {
                    let (why, _) = why_not(roster, p, slot_i, assignments);
                    let why = if why.starts_with("would break") {
                        "free, not needed (cover met or fairness)".to_string()
                    } else {
                        why
                    };
                    format!("{} {why}", roster.staff()[p].id)
                })
                .collect();
            SlotExplanation {
                duty: duty.clone(),
                site: site.clone(),
                hours: format!(
                    "{}-{}",
                    slot.start_local.format("%H:%M"),
                    slot.end_local.format("%H:%M")
                ),
                min: slot.min,
                max: slot.max,
                assigned,
                others,
            }
        })
        .collect()
}

/// The explanation of a person as text.
///
/// # Example
/// ```
/// let roster = duty_roster::sample::tiny_roster();
/// let outcome = duty_roster::solve(&roster, &Default::default()).unwrap();
/// let e = duty_roster::explain::explain_staff(&roster, &outcome, "A", &Default::default()).unwrap();
/// assert!(duty_roster::explain::render_staff(&roster, &e).contains("fair target"));
/// ```
pub fn render_staff(roster: &Roster, e: &StaffExplanation) -> String {
    let mut out = format!("{} — {} (workload share {})\n", e.staff, e.name, e.share);
    for k in &e.kinds {
        match k.carried {
            None => out.push_str(&format!(
                "  {}: {} given, fair target {:.2} = its share of the {} people needed on the {} slots it could take\n",
                k.duty, k.count, k.target, k.cover_needed, k.eligible_slots
            )),
            Some(carried) => out.push_str(&format!(
                "  {}: {} given, fair target {:.2} = its share {:.2} of the {} people needed on the {} slots it could take, {}\n",
                k.duty,
                k.count,
                k.target,
                k.share.unwrap_or(k.target),
                k.cover_needed,
                k.eligible_slots,
                balance(carried, "duties")
            )),
        }
    }
    match e.hours_carried {
        None => out.push_str(&format!(
            "  hours: {:.1} given, fair target {:.1}\n",
            e.hours, e.hours_target
        )),
        Some(carried) => out.push_str(&format!(
            "  hours: {:.1} given, fair target {:.1}, {}\n",
            e.hours,
            e.hours_target,
            balance(carried, "hours")
        )),
    }
    for a in &e.duties {
        out.push_str(&format!(
            "  {} {} {} at {}\n",
            a.date,
            roster.language().weekday_name(a.date),
            a.duty,
            a.site
        ));
    }
    if e.unhonoured.is_empty() {
        out.push_str("  every wish honoured\n");
    }
    for w in &e.unhonoured {
        let what = serde_json::to_string(&w.preference).unwrap_or_default();
        if !w.priced {
            out.push_str(&format!("  wish not honoured {}x: {what}\n", w.times));
            continue;
        }
        match w.cost_of_honouring {
            Some(cost) => out.push_str(&format!(
                "  wish not honoured {}x: {what}; honouring it would raise the objective by {cost:.2}\n",
                w.times
            )),
            None => out.push_str(&format!("  wish not honoured {}x: {what}; it cannot be honoured under the hard rules\n", w.times)),
        }
    }
    out
}

/// What a person carries from earlier months, in words: `less` what they did beyond
/// their share, `plus` what they owe.
fn balance(carried: f64, unit: &str) -> String {
    if carried >= 0.0 {
        format!("less {carried:.2} {unit} done beyond the fair share in earlier months")
    } else {
        format!("plus {:.2} {unit} owed from earlier months", -carried)
    }
}

/// The explanation of a date as text.
///
/// # Example
/// ```
/// let roster = duty_roster::sample::tiny_roster();
/// let outcome = duty_roster::solve(&roster, &Default::default()).unwrap();
/// let date = "2022-08-01".parse().unwrap();
/// let text = duty_roster::explain::render_date(date, &duty_roster::explain::explain_date(&roster, &outcome, date));
/// assert!(text.contains("evening at hq"));
/// ```
pub fn render_date(date: NaiveDate, slots: &[SlotExplanation]) -> String {
    let mut out = format!("{date} {}\n", Language::En.weekday_name(date));
    if slots.is_empty() {
        out.push_str("  no duty that day\n");
    }
    for s in slots {
        let max = s.max.map_or(String::new(), |m| format!(", at most {m}"));
        out.push_str(&format!(
            "  {} at {} {}: needs {}{max}; on duty: {}\n",
            s.duty,
            s.site,
            s.hours,
            s.min,
            s.assigned.join(", ")
        ));
        for o in &s.others {
            out.push_str(&format!("    {o}\n"));
        }
    }
    out
}
