//! Checks that can be made before solving, by counting: slots with fewer eligible
//! people than their minimum cover, skills nobody available has, people with more
//! pinned duties than their limits.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::Roster;

/// Something that makes the roster impossible, found by counting.
///
/// # Example
/// ```
/// let mut def = duty_roster::sample::tiny_roster_def();
/// def.duties[0].cover[0].min = 4; // three people for four places
/// def.duties[0].cover[0].max = Some(4);
/// let roster = duty_roster::Roster::new(def).unwrap();
/// let findings = duty_roster::check::precheck(&roster);
/// assert_eq!(findings.len(), 5);
/// assert!(findings[0].to_string().contains("needs 4"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
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
                    date.format("%A"),
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
                date.format("%A"),
                eligible.len(),
                list(eligible)
            ),
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
                    roster.may_serve_site(p, slot.site) && roster.staff()[p].is_away(slot.date)
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
    for person in roster.staff() {
        let pins: Vec<_> = roster
            .def()
            .pins
            .iter()
            .filter(|p| p.staff == person.id)
            .collect();
        if let Some(max) = person.limits.max_duties
            && pins.len() as u32 > max
        {
            findings.push(Finding::PinsOverLimit {
                staff: person.id.clone(),
                limit: "max_duties".into(),
                allowed: max,
                pinned: pins.len() as u32,
            });
        }
        for (duty, &max) in &person.limits.max_per_duty {
            let pinned = pins.iter().filter(|p| p.duty == *duty).count() as u32;
            if pinned > max {
                findings.push(Finding::PinsOverLimit {
                    staff: person.id.clone(),
                    limit: format!("max_per_duty.{duty}"),
                    allowed: max,
                    pinned,
                });
            }
        }
    }
    findings
}
