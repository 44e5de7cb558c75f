//! Checks that can be made before solving, by counting: slots with fewer eligible
//! people than their minimum cover, skills nobody available has, people with more
//! pinned duties than their limits.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{Language, Roster, Rule};

/// Something that makes the roster impossible, found by counting.
///
/// # Example
/// ```
/// let mut def = duty_roster::sample::tiny_roster_def();
/// def.duties[0].cover[0].min = 4; // three people for four places
/// def.duties[0].cover[0].max = Some(4);
/// let roster = duty_roster::Roster::new(def).unwrap();
/// let findings = duty_roster::check::precheck(&roster);
/// // Each evening is short, each day needs more people than there are, and so does the period.
/// assert_eq!(findings.len(), 5 + 5 + 1);
/// assert!(findings[0].to_string().contains("needs 4, 3 eligible"));
/// assert!(findings[5].to_string().contains("need 4 people, only 3 can work that day"));
/// assert!(findings[10].to_string().contains("need 20 duties"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Finding {
    /// A slot with fewer eligible people than its hard minimum.
    Understaffed {
        /// Date.
        date: NaiveDate,
        /// Duty kind id.
        duty: String,
        /// Site id.
        site: String,
        /// Minimum cover.
        needs: u32,
        /// Who could take it.
        eligible: Vec<String>,
        /// Who serves the site but is away that day.
        away: Vec<String>,
    },
    /// A skill need that the eligible people cannot meet.
    SkillMissing {
        /// Date.
        date: NaiveDate,
        /// Duty kind id.
        duty: String,
        /// Site id.
        site: String,
        /// The skill.
        skill: String,
        /// How many people with it are needed.
        needs: u32,
        /// Eligible people who have it.
        eligible: Vec<String>,
    },
    /// A day whose slots need more people than can work that day (one duty each).
    DayOverCapacity {
        /// Date.
        date: NaiveDate,
        /// People the slots need.
        needs: u32,
        /// People who could take at least one of them.
        available: u32,
    },
    /// The period's slots need more duties than everyone's limits and available days allow.
    PeriodOverCapacity {
        /// Duties the slots need.
        needs: u32,
        /// Duties everyone can give at most.
        available: u32,
    },
    /// A person's minimum can never be met.
    MinimumUnreachable {
        /// Staff id.
        staff: String,
        /// `min_duties`.
        min_duties: u32,
        /// Days with a slot they could take.
        days: u32,
    },
    /// Two pinned duties of one person break a hard rule together.
    PinsClash {
        /// Staff id.
        staff: String,
        /// The first pin's date.
        first: NaiveDate,
        /// The second pin's date.
        second: NaiveDate,
        /// The rule they break.
        rule: String,
    },
    /// More pinned duties than a person's limit allows.
    PinsOverLimit {
        /// Staff id.
        staff: String,
        /// Which limit (`max_duties` or `max_per_duty.<kind>`).
        limit: String,
        /// The limit.
        allowed: u32,
        /// Pinned duties it counts.
        pinned: u32,
    },
}

fn list(ids: &[String]) -> String {
    if ids.is_empty() {
        "nobody".to_string()
    } else {
        ids.join(", ")
    }
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Finding::Understaffed {
                date,
                duty,
                site,
                needs,
                eligible,
                away,
            } => {
                write!(
                    f,
                    "{date} {} {site} {duty}: needs {needs}, {} eligible ({})",
                    Language::En.weekday_name(*date),
                    eligible.len(),
                    list(eligible)
                )?;
                if !away.is_empty() {
                    write!(f, "; away: {}", away.join(", "))?;
                }
                Ok(())
            }
            Finding::SkillMissing {
                date,
                duty,
                site,
                skill,
                needs,
                eligible,
            } => write!(
                f,
                "{date} {} {site} {duty}: needs {needs} with skill `{skill}`, {} eligible have it ({})",
                Language::En.weekday_name(*date),
                eligible.len(),
                list(eligible)
            ),
            Finding::DayOverCapacity {
                date,
                needs,
                available,
            } => write!(
                f,
                "{date} {}: the slots need {needs} people, only {available} can work that day",
                Language::En.weekday_name(*date)
            ),
            Finding::PeriodOverCapacity { needs, available } => write!(
                f,
                "the period's slots need {needs} duties, everyone's limits and available days allow at most {available}"
            ),
            Finding::MinimumUnreachable {
                staff,
                min_duties,
                days,
            } => write!(
                f,
                "staff {staff}: min_duties is {min_duties} but only {days} days have a slot they could take"
            ),
            Finding::PinsClash {
                staff,
                first,
                second,
                rule,
            } => {
                write!(
                    f,
                    "staff {staff}: pins on {first} and {second} break {rule}"
                )
            }
            Finding::PinsOverLimit {
                staff,
                limit,
                allowed,
                pinned,
            } => {
                write!(
                    f,
                    "staff {staff}: {pinned} pinned duties but {limit} is {allowed}"
                )
            }
        }
    }
}

/// Everything that can be seen to make `roster` impossible without solving, in slot
/// order then staff order. Soft cover is never reported.
///
/// # Example
/// ```
/// assert!(duty_roster::check::precheck(&duty_roster::sample::tiny_roster()).is_empty());
/// ```
pub fn precheck(roster: &Roster) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (slot_i, slot) in roster.slots().iter().enumerate() {
        if slot.under_weight.is_some() {
            continue;
        }
        let duty = &roster.duties()[slot.duty].id;
        let site = &roster.sites()[slot.site].id;
        let eligible: Vec<usize> = (0..roster.staff().len())
            .filter(|&p| roster.is_eligible(p, slot_i))
            .collect();
        let ids = |people: &[usize]| {
            people
                .iter()
                .map(|&p| roster.staff()[p].id.clone())
                .collect::<Vec<_>>()
        };
        if (eligible.len() as u32) < slot.min {
            let away: Vec<usize> = (0..roster.staff().len())
                .filter(|&p| {
                    roster.may_serve_site(p, slot.site)
                        && roster.staff()[p].absence_during(slot).is_some()
                })
                .collect();
            findings.push(Finding::Understaffed {
                date: slot.date,
                duty: duty.clone(),
                site: site.clone(),
                needs: slot.min,
                eligible: ids(&eligible),
                away: ids(&away),
            });
        }
        for need in &slot.skills {
            let skilled: Vec<usize> = eligible
                .iter()
                .copied()
                .filter(|&p| roster.staff()[p].skills.contains(&need.skill))
                .collect();
            if (skilled.len() as u32) < need.count {
                findings.push(Finding::SkillMissing {
                    date: slot.date,
                    duty: duty.clone(),
                    site: site.clone(),
                    skill: need.skill.clone(),
                    needs: need.count,
                    eligible: ids(&skilled),
                });
            }
        }
    }
    findings.extend(capacity(roster));
    for person in roster.staff() {
        let pins: Vec<_> = roster
            .def()
            .pins
            .iter()
            .filter(|p| p.staff == person.id)
            .collect();
        findings.extend(pin_clashes(roster, &person.id, &pins));
        if let Some(max) = person.limits.max_duties
            && pins.len() as u32 > max
        {
            findings.push(Finding::PinsOverLimit {
                staff: person.id.clone(),
                limit: Rule::MaxDuties.key().into(),
                allowed: max,
                pinned: pins.len() as u32,
            });
        }
        for (duty, &max) in &person.limits.max_per_duty {
            let pinned = pins.iter().filter(|p| p.duty == *duty).count() as u32;
            if pinned > max {
                findings.push(Finding::PinsOverLimit {
                    staff: person.id.clone(),
                    limit: format!("{}.{duty}", Rule::MaxPerDuty),
                    allowed: max,
                    pinned,
                });
            }
        }
    }
    findings
}

/// Days and the period whose slots need more people than can be had, when each
/// person does at most one duty a day (the default rule); and people whose minimum
/// cannot be met.
fn capacity(roster: &Roster) -> Vec<Finding> {
    let mut findings = Vec::new();
    let one_a_day = roster.def().rules.one_duty_per_day.is_hard();
    let limits_hard = roster.def().rules.limits.is_hard();
    let staff = roster.staff().len();
    // Dates on which each person could take at least one slot.
    let mut days_of: Vec<Vec<NaiveDate>> = vec![Vec::new(); staff];
    let mut by_date: std::collections::BTreeMap<NaiveDate, (u32, Vec<bool>)> = Default::default();
    for (slot_i, slot) in roster.slots().iter().enumerate() {
        let entry = by_date
            .entry(slot.date)
            .or_insert_with(|| (0, vec![false; staff]));
        // Saturating: a cover of billions is refused by counting, not by overflow.
        if slot.under_weight.is_none() {
            entry.0 = entry.0.saturating_add(slot.min);
        }
        for (p, days) in days_of.iter_mut().enumerate() {
            if roster.is_eligible(p, slot_i) {
                entry.1[p] = true;
                if days.last() != Some(&slot.date) {
                    days.push(slot.date);
                }
            }
        }
    }
    if one_a_day {
        for (date, (needs, can)) in &by_date {
            let available = can.iter().filter(|&&c| c).count() as u32;
            if *needs > available {
                findings.push(Finding::DayOverCapacity {
                    date: *date,
                    needs: *needs,
                    available,
                });
            }
        }
        let needs = by_date
            .values()
            .fold(0u32, |sum, (n, _)| sum.saturating_add(*n));
        let available: u32 = roster
            .staff()
            .iter()
            .zip(&days_of)
            .map(|(person, days)| {
                let days = days.len() as u32;
                match person.limits.max_duties {
                    Some(max) if limits_hard => days.min(max),
                    _ => days,
                }
            })
            .fold(0u32, u32::saturating_add);
        if needs > available {
            findings.push(Finding::PeriodOverCapacity { needs, available });
        }
    }
    if limits_hard {
        for (person, days) in roster.staff().iter().zip(&days_of) {
            if let Some(min) = person.limits.min_duties {
                let reachable = if one_a_day {
                    days.len() as u32
                } else {
                    u32::MAX
                };
                if min > reachable {
                    findings.push(Finding::MinimumUnreachable {
                        staff: person.id.clone(),
                        min_duties: min,
                        days: days.len() as u32,
                    });
                }
            }
        }
    }
    findings
}

/// Pairs of one person's pins that break a hard rule together: two on one day, or
/// a forbidden succession.
fn pin_clashes(roster: &Roster, staff: &str, pins: &[&crate::Pin]) -> Vec<Finding> {
    let rules = &roster.def().rules;
    if !rules.pins.is_hard() {
        return Vec::new();
    }
    let mut findings = Vec::new();
    for (i, a) in pins.iter().enumerate() {
        for b in &pins[i + 1..] {
            let (a, b) = if a.date <= b.date { (a, b) } else { (b, a) };
            let rule = if a.date == b.date && rules.one_duty_per_day.is_hard() {
                Some(Rule::OneDutyPerDay.key().to_string())
            } else {
                rules
                    .forbidden_successions
                    .iter()
                    .find(|s| {
                        s.strength.is_hard()
                            && a.date.succ_opt() == Some(b.date)
                            && s.first == a.duty
                            && s.then == b.duty
                    })
                    .map(|s| format!("{} {} -> {}", Rule::ForbiddenSuccession, s.first, s.then))
            };
            if let Some(rule) = rule {
                findings.push(Finding::PinsClash {
                    staff: staff.to_string(),
                    first: a.date,
                    second: b.date,
                    rule,
                });
            }
        }
    }
    findings
}
