//! Skills: enough people with each needed skill on each slot, hard or at a cost
//! per missing person.

use super::Checker;
use crate::{Rule, Term};

impl Checker<'_> {
    /// Enough people with each needed skill on each slot.
    pub(super) fn skills(&mut self) {
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
}

#[cfg(test)]
mod tests {
    use crate::validate::testing::*;

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
}
