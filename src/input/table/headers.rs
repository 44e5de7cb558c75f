//! Column headers: matched by name, in French or English, in any order, whatever
//! their case and accents (`Quotité`, `quotite` and `QUOTITE` are one column).

/// A header folded for matching: lower case, accents dropped, and runs of blanks,
/// `_`, `'` and `.` made one `_` (`Date de début` is `date_de_debut`).
pub(crate) fn fold(header: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in header.trim().chars().flat_map(char::to_lowercase) {
        if c.is_whitespace() || matches!(c, '_' | '\'' | '’' | '.') {
            gap = !out.is_empty();
            continue;
        }
        if gap {
            out.push('_');
            gap = false;
        }
        match c {
            'à' | 'â' | 'ä' | 'á' => out.push('a'),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'î' | 'ï' | 'í' => out.push('i'),
            'ô' | 'ö' | 'ó' => out.push('o'),
            'ù' | 'û' | 'ü' | 'ú' => out.push('u'),
            'ç' => out.push('c'),
            'œ' => out.push_str("oe"),
            c => out.push(c),
        }
    }
    out
}

/// A column's key (the roster file's name for it) and the other headers accepted
/// for it, folded.
pub(crate) type Names = (&'static str, &'static [&'static str]);

/// The other names of a person's `name` column, in staff and leave tables alike.
const NAME: &[&str] = &[
    "nom",
    "nom_complet",
    "nom_et_prenom",
    "nom_prenom",
    "full_name",
];

/// The columns of a staff table. The `max_<duty>` columns are matched apart.
pub(crate) const STAFF: &[Names] = &[
    ("id", &["identifiant", "matricule", "code"]),
    ("name", NAME),
    (
        "home",
        &[
            "site",
            "rattachement",
            "site_de_rattachement",
            "affectation",
            "home_site",
        ],
    ),
    ("sites", &["autres_sites", "other_sites"]),
    ("skills", &["competences", "langues", "languages"]),
    ("share", &["quotite", "temps_de_travail"]),
    ("max_duties", &["permanences_max", "max_permanences"]),
    ("min_duties", &["permanences_min", "min_permanences"]),
    ("max_minutes", &["minutes_max"]),
    ("min_minutes", &["minutes_min"]),
    (
        "max_consecutive_days",
        &["jours_consecutifs_max", "max_jours_consecutifs"],
    ),
    (
        "min_consecutive_days",
        &["jours_consecutifs_min", "min_jours_consecutifs"],
    ),
    (
        "min_consecutive_days_off",
        &["repos_consecutifs_min", "min_jours_de_repos_consecutifs"],
    ),
    (
        "max_weekends",
        &[
            "week-ends_max",
            "week_ends_max",
            "weekends_max",
            "max_week-ends",
            "max_week_ends",
        ],
    ),
];

/// The columns of a leave table. `name` is accepted for the reader's eyes, and
/// ignored.
pub(crate) const LEAVE: &[Names] = &[
    ("id", &["identifiant", "matricule", "code"]),
    ("from", &["du", "debut", "date_de_debut", "start"]),
    ("to", &["au", "fin", "date_de_fin", "end", "jusqu_au"]),
    ("date", &["jour", "le"]),
    ("reason", &["motif", "raison", "cause"]),
    ("name", NAME),
];

/// The key of the column `header` names among `names`, if any.
pub(crate) fn key_of(header: &str, names: &[Names]) -> Option<&'static str> {
    let folded = fold(header);
    names
        .iter()
        .find(|(key, others)| *key == folded || others.contains(&folded.as_str()))
        .map(|(key, _)| *key)
}

/// The duty id of a `max_<duty>` header (`Max saturday`, `max_after-hours`), as
/// written after its `max` and separator.
pub(crate) fn max_duty(header: &str) -> Option<String> {
    let folded = fold(header);
    let rest = folded.strip_prefix("max_")?;
    if rest.is_empty() {
        return None;
    }
    // The id as written: the header past its first four characters.
    let written: String = header.trim().chars().skip(4).collect();
    Some(written.trim().to_string())
}

/// The valid headers, for an error: `id (identifiant, matricule, code), name (...)`.
pub(crate) fn valid(names: &[Names], extra: &str) -> String {
    let mut parts: Vec<String> = names
        .iter()
        .map(|(key, others)| format!("{key} ({})", others.join(", ")))
        .collect();
    if !extra.is_empty() {
        parts.push(extra.to_string());
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_whatever_their_case_and_accents() {
        assert_eq!(fold("  Date de début "), "date_de_debut");
        assert_eq!(key_of("Quotité", STAFF), Some("share"));
        assert_eq!(key_of("COMPÉTENCES", STAFF), Some("skills"));
        assert_eq!(key_of("Matricule", LEAVE), Some("id"));
        assert_eq!(key_of("Jusqu'au", LEAVE), Some("to"));
        assert_eq!(key_of("Week-ends max", STAFF), Some("max_weekends"));
        assert_eq!(key_of("grade", STAFF), None);
    }

    #[test]
    fn a_max_header_names_its_duty_as_written() {
        assert_eq!(max_duty("Max saturday").as_deref(), Some("saturday"));
        assert_eq!(max_duty("max_after-hours").as_deref(), Some("after-hours"));
        assert_eq!(max_duty("maximum"), None);
        assert_eq!(max_duty("max"), None);
    }
}
