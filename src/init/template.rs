//! The templates of a new roster: the sites, duty kinds, rules and placeholder staff
//! of the agency's MRE desk (`agency`) and of a hospital ward (`ward`).

use std::fmt;
use std::str::FromStr;

use super::InitError;
use super::holidays::Ramadan;
use crate::Staff;

/// What a new roster starts from.
///
/// # Example
/// ```
/// use duty_roster::init::Template;
/// assert_eq!("ward".parse::<Template>().unwrap(), Template::Ward);
/// assert_eq!(Template::Agency.to_string(), "agency");
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Template {
    /// The Urban Agency of Beni Mellal: head office, three annexes, the phone and
    /// WhatsApp lines; after-hours duty on weekdays and a Saturday morning desk.
    #[default]
    Agency,
    /// A hospital ward: early, late and night shifts every day, holidays included,
    /// with rest rules and weekends spread.
    Ward,
}

impl Template {
    /// Every template, in the order of `--help`.
    pub const ALL: [Template; 2] = [Template::Agency, Template::Ward];

    /// The name of the template on the command line.
    ///
    /// # Example
    /// ```
    /// assert_eq!(duty_roster::init::Template::Ward.key(), "ward");
    /// ```
    pub fn key(self) -> &'static str {
        match self {
            Template::Agency => "agency",
            Template::Ward => "ward",
        }
    }

    /// The time zone of the roster's times.
    ///
    /// # Example
    /// ```
    /// assert_eq!(duty_roster::init::Template::Agency.time_zone(), "Africa/Casablanca");
    /// ```
    pub fn time_zone(self) -> &'static str {
        "Africa/Casablanca"
    }

    /// The start of the roster's id, before its months.
    pub(crate) fn id_prefix(self) -> &'static str {
        match self {
            Template::Agency => "aubm",
            Template::Ward => "ward",
        }
    }

    /// The roster's display name for the period `label` (`août 2026`).
    pub(crate) fn name(self, label: &str, label_ar: &str) -> String {
        match self {
            Template::Agency => format!(
                "Permanences — Agence urbaine de Béni Mellal — {label} / مداومة الوكالة الحضرية لبني ملال — {label_ar}"
            ),
            Template::Ward => format!("Planning du service — {label} / جدول المصلحة — {label_ar}"),
        }
    }

    /// The opening comment: what the template is and what to edit.
    pub(crate) fn about(self) -> &'static str {
        match self {
            Template::Agency => AGENCY_ABOUT,
            Template::Ward => WARD_ABOUT,
        }
    }

    /// The `[[site]]` tables.
    pub(crate) fn sites(self) -> &'static str {
        match self {
            Template::Agency => AGENCY_SITES,
            Template::Ward => WARD_SITES,
        }
    }

    /// The `[[duty]]` tables, with the Ramadan hours as commented lines for each month
    /// of Ramadan in the period.
    pub(crate) fn duties(self, ramadan: &[Ramadan]) -> String {
        match self {
            Template::Agency => {
                let times = ramadan_times(ramadan, "15:00", "17:00");
                AGENCY_DUTIES.replace("{ramadan}", &times)
            }
            Template::Ward => WARD_DUTIES.to_string(),
        }
    }

    /// The `[rules]` table.
    pub(crate) fn rules(self) -> &'static str {
        match self {
            Template::Agency => AGENCY_RULES,
            Template::Ward => WARD_RULES,
        }
    }

    /// Placeholder people, enough for `check` to pass, to replace by the real staff.
    pub(crate) fn placeholders(self) -> Vec<Staff> {
        let person = |id: &str, number: usize, home: &str, skills: &[&str]| {
            let mut p = Staff::new(id, &format!("Personne {number:02} (à remplacer)"), home);
            p.skills = skills.iter().map(|s| s.to_string()).collect();
            p
        };
        let mut staff = Vec::new();
        match self {
            Template::Agency => {
                let sites = [
                    ("BM", "bm", 6),
                    ("FBS", "fbs", 3),
                    ("AZ", "azilal", 3),
                    ("KBG", "kbg", 3),
                ];
                for (prefix, home, count) in sites {
                    for i in 1..=count {
                        // Every other person at the head office speaks Spanish, which
                        // the Saturday desk asks of one of its two people.
                        let skills: &[&str] = if home == "bm" && i % 2 == 1 {
                            &["ar", "fr", "es"]
                        } else {
                            &["ar", "fr"]
                        };
                        let number = staff.len() + 1;
                        staff.push(person(&format!("{prefix}-{i:02}"), number, home, skills));
                    }
                }
            }
            Template::Ward => {
                for i in 1..=12 {
                    staff.push(person(&format!("W-{i:02}"), i, "ward", &[]));
                }
                staff[11].share = 0.5;
            }
        }
        staff
    }
}

/// Commented `[[duty.times]]` lines: the shorter hours of each Ramadan of the period.
fn ramadan_times(ramadan: &[Ramadan], start: &str, end: &str) -> String {
    ramadan
        .iter()
        .map(|r| {
            format!(
                "  # [[duty.times]]       # Ramadan {}: to confirm, depends on the moon sighting\n  \
                 # from = {}\n  # to = {}\n  # start = \"{start}\"\n  # end = \"{end}\"\n",
                r.year, r.dates.first, r.dates.last
            )
        })
        .collect()
}

impl fmt::Display for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for Template {
    type Err = InitError;

    fn from_str(key: &str) -> Result<Template, InitError> {
        Template::ALL
            .into_iter()
            .find(|t| t.key() == key)
            .ok_or_else(|| InitError::Template(key.to_string()))
    }
}

const AGENCY_ABOUT: &str = "\
# Duty roster of the Urban Agency of Beni Mellal (Agence urbaine de Béni Mellal,
# الوكالة الحضرية لبني ملال): the MRE desk at the head office and the three annexes
# after official hours (16:30) and on Saturday mornings, and the phone and WhatsApp
# lines.
#
# Written by `duty-roster init --template agency`. To do before solving:
# - replace the placeholder staff at the end by the cell's people;
# - confirm the holidays marked \"to confirm\" once they are announced;
# - add leave (`unavailable`), wishes, open days (`[[event]]`) and pins as needed.
# Then `duty-roster check` this file, and `duty-roster solve` it.
# Format reference: docs/roster-format.md.
";

const WARD_ABOUT: &str = "\
# Roster of a hospital ward: early, late and night shifts every day of the period,
# holidays included, with 11 hours of rest between two shifts and weekends spread
# over the team.
#
# Written by `duty-roster init --template ward`. To do before solving:
# - replace the placeholder staff at the end by the team (`share = 0.8` for a
#   part-time nurse, `unavailable` for leave);
# - set each shift's hours and the number of people it needs.
# Then `duty-roster check` this file, and `duty-roster solve` it.
# Format reference: docs/roster-format.md.
";

const AGENCY_SITES: &str = r#"[[site]]
id = "bm"
name = "Siège — Béni Mellal / المقر الرئيسي — بني ملال"
address = "Avenue Mohammed V, 23000 Béni Mellal"

[[site]]
id = "fbs"
name = "Annexe — Fquih Ben Salah / الملحقة — الفقيه بن صالح"
address = "Avenue Hassan II, 23200 Fquih Ben Salah"

[[site]]
id = "azilal"
name = "Annexe — Azilal / الملحقة — أزيلال"
address = "Avenue Mohammed VI, 22000 Azilal"

[[site]]
id = "kbg"
name = "Annexe — Khouribga / الملحقة — خريبكة"
address = "Boulevard Moulay Youssef, 25000 Khouribga"

[[site]]
id = "phone"
name = "Ligne téléphonique MRE / الخط الهاتفي لمغاربة العالم"
phone = "0523484046"
open_to_all = true        # answered from any site

[[site]]
id = "whatsapp"
name = "Ligne WhatsApp MRE / خط واتساب لمغاربة العالم"
phone = "0696198557"
open_to_all = true
"#;

const AGENCY_DUTIES: &str = r#"[[duty]]
id = "after-hours"
name = "Permanence après 16h30 / المداومة بعد أوقات العمل"
weekdays = ["mon", "tue", "wed", "thu", "fri"]
start = "16:30"
end = "18:30"
{ramadan}  [[duty.cover]]
  site = "bm"
  min = 2
  max = 2
  [[duty.cover]]
  site = "fbs"
  min = 1
  max = 1
  [[duty.cover]]
  site = "azilal"
  min = 1
  max = 1
  [[duty.cover]]
  site = "kbg"
  min = 1
  max = 1

[[duty]]
id = "saturday"
name = "Permanence du samedi / مداومة يوم السبت"
weekdays = ["sat"]
start = "09:00"
end = "13:00"
  [[duty.cover]]
  site = "bm"
  min = 2
  max = 2
  skills = { es = 1 }     # many MRE visitors of the region live in Spain
  [[duty.cover]]
  site = "fbs"
  min = 1
  max = 1
  [[duty.cover]]
  site = "azilal"
  min = 1
  max = 1
  [[duty.cover]]
  site = "kbg"
  min = 1
  max = 1
  [[duty.cover]]          # the lines are answered on Saturday mornings too
  site = "phone"
  min = 1
  max = 1
  [[duty.cover]]
  site = "whatsapp"
  min = 1
  max = 1

# The two lines are one kind of duty with a cover at each line: fairness then
# counts a person's line evenings together, whichever line they answer.
[[duty]]
id = "lines"
name = "Lignes MRE, téléphone et WhatsApp (soir) / الخط الهاتفي وخط واتساب (مساء)"
weekdays = ["mon", "tue", "wed", "thu", "fri"]
start = "16:30"
end = "18:30"
{ramadan}  [[duty.cover]]
  site = "phone"
  min = 1
  max = 1
  [[duty.cover]]
  site = "whatsapp"
  min = 1
  max = 1
"#;

const AGENCY_RULES: &str = r#"[rules]
one_duty_per_day = "hard"
max_consecutive_days = { days = 3 }

  [[rules.forbidden_succession]]   # no Saturday morning after a late Friday
  first = "after-hours"
  then = "saturday"

  [[rules.forbidden_succession]]   # no two evenings at the desk running
  first = "after-hours"
  then = "after-hours"
  weight = 20
"#;

const WARD_SITES: &str = r#"[[site]]
id = "ward"
name = "Service de médecine — unité A / مصلحة الطب — الوحدة أ"
"#;

const WARD_DUTIES: &str = r#"# Shifts overlap by half an hour for the handover.
[[duty]]
id = "early"
name = "Matin / صباح"
weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
start = "07:00"
end = "14:30"
on_holidays = true
  [[duty.cover]]
  site = "ward"
  min = 2
  max = 2

[[duty]]
id = "late"
name = "Après-midi / مساء"
weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
start = "14:00"
end = "21:30"
on_holidays = true
  [[duty.cover]]
  site = "ward"
  min = 2
  max = 2

[[duty]]
id = "night"
name = "Nuit / ليل"
weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
start = "21:00"
end = "07:30"
overnight = true
on_holidays = true
fairness_weight = 2       # a night weighs twice in fairness
  [[duty.cover]]
  site = "ward"
  min = 1
  max = 1
"#;

const WARD_RULES: &str = r#"# 11 hours of rest also rule out an early shift after a late one or a night.
[rules]
one_duty_per_day = "hard"
min_rest_hours = { hours = 11 }
max_consecutive_days = { days = 5 }
min_consecutive_days_off = { days = 2, weight = 5 }
max_weekends = { weekends = 2, weight = 10 }   # per period: raise it for several months
"#;
