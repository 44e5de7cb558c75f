//! The words of `roster.html` in the three languages a roster may ask for: French
//! (the default), Arabic and English. Weekday names come from
//! [`roster_csv::weekday_name`](crate::output::roster_csv::weekday_name).

use chrono::{Datelike, NaiveDate};

use crate::output::roster_csv::weekday_name;

/// The labels of one language.
pub(crate) struct Labels {
    /// The `lang` attribute.
    pub lang: &'static str,
    /// Right to left.
    pub rtl: bool,
    /// Between a label and its value: " : " in French.
    pub colon: &'static str,
    /// Decimal separator.
    pub decimal: char,
    pub title: &'static str,
    pub contents: &'static str,
    pub period: &'static str,
    pub revision: &'static str,
    pub no_revision: &'static str,
    /// "du {first} au {last}": the words before, between and after.
    pub from_to: [&'static str; 3],
    pub legend: &'static str,
    pub holiday: &'static str,
    pub event: &'static str,
    pub outside: &'static str,
    pub unfilled: &'static str,
    pub sites: &'static str,
    pub people: &'static str,
    pub people_note: &'static str,
    pub fairness: &'static str,
    pub fairness_note: &'static str,
    pub date: &'static str,
    pub duty: &'static str,
    pub site: &'static str,
    pub hours: &'static str,
    pub hours_unit: &'static str,
    pub duties: &'static str,
    pub person: &'static str,
    pub actual: &'static str,
    pub target: &'static str,
    pub no_duty: &'static str,
    pub usual_hours: &'static str,
    pub phone: &'static str,
    pub share: &'static str,
}

const FR: Labels = Labels {
    lang: "fr",
    rtl: false,
    colon: "\u{a0}: ",
    decimal: ',',
    title: "Tableau des permanences",
    contents: "Sommaire",
    period: "Période",
    revision: "Révision",
    no_revision: "non datée",
    from_to: ["du ", " au ", ""],
    legend: "Légende",
    holiday: "Jour férié",
    event: "Événement",
    outside: "Hors période",
    unfilled: "À pourvoir",
    sites: "Sites",
    people: "Permanences par personne",
    people_note: "Chaque tableau liste les permanences d’une personne : date, permanence, site et horaires (heure locale).",
    fairness: "Équité de la charge",
    fairness_note: "Pour chaque personne : barre hachurée = permanences effectuées, trait noir = cible équitable (sa part de chaque créneau qu’elle peut assurer, au prorata de son temps de travail). Même lecture pour les heures.",
    date: "Date",
    duty: "Permanence",
    site: "Site",
    hours: "Heures",
    hours_unit: "h",
    duties: "Permanences",
    person: "Personne",
    actual: "effectué",
    target: "cible",
    no_duty: "Aucune permanence",
    usual_hours: "horaires habituels",
    phone: "Tél.",
    share: "temps de travail",
};

const AR: Labels = Labels {
    lang: "ar",
    rtl: true,
    colon: ": ",
    decimal: '.',
    title: "جدول المداومة",
    contents: "المحتويات",
    period: "الفترة",
    revision: "المراجعة",
    no_revision: "بدون تاريخ",
    from_to: ["من ", " إلى ", ""],
    legend: "مفتاح الرموز",
    holiday: "عطلة رسمية",
    event: "فعالية",
    outside: "خارج الفترة",
    unfilled: "شاغر",
    sites: "المواقع",
    people: "المداومات حسب الموظف",
    people_note: "يبين كل جدول مداومات موظف واحد: التاريخ والمداومة والموقع والتوقيت (بالتوقيت المحلي).",
    fairness: "عدالة توزيع العبء",
    fairness_note: "لكل موظف: العمود المخطط = المداومات المسندة، والخط الأسود = الحصة العادلة (نصيبه من كل مداومة يمكنه القيام بها، بالتناسب مع نسبة عمله). وكذلك بالنسبة للساعات.",
    date: "التاريخ",
    duty: "المداومة",
    site: "الموقع",
    hours: "الساعات",
    hours_unit: "س",
    duties: "المداومات",
    person: "الموظف",
    actual: "المنجز",
    target: "الحصة العادلة",
    no_duty: "لا مداومة",
    usual_hours: "التوقيت المعتاد",
    phone: "الهاتف",
    share: "نسبة العمل",
};

const EN: Labels = Labels {
    lang: "en",
    rtl: false,
    colon: ": ",
    decimal: '.',
    title: "Duty roster",
    contents: "Contents",
    period: "Period",
    revision: "Revision",
    no_revision: "undated",
    from_to: ["", " to ", ""],
    legend: "Legend",
    holiday: "Public holiday",
    event: "Event",
    outside: "Outside the period",
    unfilled: "Unfilled",
    sites: "Sites",
    people: "Duties per person",
    people_note: "Each table lists one person's duties: date, duty, site and hours (local time).",
    fairness: "Fairness of the load",
    fairness_note: "For each person: hatched bar = duties assigned, black line = fair target (their share of every slot they could take, in proportion to their workload share). The same for hours.",
    date: "Date",
    duty: "Duty",
    site: "Site",
    hours: "Hours",
    hours_unit: "h",
    duties: "Duties",
    person: "Person",
    actual: "assigned",
    target: "target",
    no_duty: "No duty",
    usual_hours: "usual hours",
    phone: "Phone",
    share: "workload share",
};

impl Labels {
    /// The labels of `language` (`fr`, `ar` or `en`); French for anything else.
    pub(crate) fn of(language: &str) -> &'static Labels {
        match language {
            "ar" => &AR,
            "en" => &EN,
            _ => &FR,
        }
    }

    /// `{day} {month}`, with the weekday first: "lundi 1er août".
    pub(crate) fn day_month(&self, date: NaiveDate) -> String {
        format!(
            "{} {} {}",
            weekday_name(date, self.lang),
            self.day(date),
            month_name(date.month(), self.lang)
        )
    }

    /// "1er août 2022", "1 August 2022", "1 غشت 2022".
    pub(crate) fn long_date(&self, date: NaiveDate) -> String {
        format!(
            "{} {} {}",
            self.day(date),
            month_name(date.month(), self.lang),
            date.year()
        )
    }

    /// The day of the month; French writes the first "1er".
    pub(crate) fn day(&self, date: NaiveDate) -> String {
        if self.lang == "fr" && date.day() == 1 {
            "1er".to_string()
        } else {
            date.day().to_string()
        }
    }

    /// "du 1er août 2022 au 31 août 2022".
    pub(crate) fn span(&self, first: &str, last: &str) -> String {
        let [before, between, after] = self.from_to;
        format!("{before}{first}{between}{last}{after}")
    }

    /// A number with at most one decimal, in the language's notation: "4,9".
    pub(crate) fn number(&self, value: f64) -> String {
        let rounded = (value * 10.0).round() / 10.0;
        let text = if rounded.fract() == 0.0 {
            format!("{rounded:.0}")
        } else {
            format!("{rounded:.1}")
        };
        let text = if text == "-0" { "0".to_string() } else { text };
        text.replace('.', &self.decimal.to_string())
    }
}

/// The month's name (1 = January) in `language`: French, Arabic as written in Morocco
/// (غشت for August), or English.
pub(crate) fn month_name(month: u32, language: &str) -> &'static str {
    let i = (month.clamp(1, 12) - 1) as usize;
    match language {
        "fr" => [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ][i],
        "ar" => [
            "يناير",
            "فبراير",
            "مارس",
            "أبريل",
            "ماي",
            "يونيو",
            "يوليوز",
            "غشت",
            "شتنبر",
            "أكتوبر",
            "نونبر",
            "دجنبر",
        ][i],
        _ => [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ][i],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn french_dates_write_the_first_of_the_month_1er() {
        let fr = Labels::of("fr");
        assert_eq!(fr.day_month(d("2022-08-01")), "lundi 1er août");
        assert_eq!(fr.long_date(d("2022-08-31")), "31 août 2022");
        assert_eq!(fr.span("a", "b"), "du a au b");
    }

    #[test]
    fn arabic_months_are_the_moroccan_names() {
        let ar = Labels::of("ar");
        assert!(ar.rtl);
        assert_eq!(ar.long_date(d("2022-08-01")), "1 غشت 2022");
        assert_eq!(month_name(7, "ar"), "يوليوز");
    }

    #[test]
    fn english_and_unknown_languages() {
        assert_eq!(
            Labels::of("en").day_month(d("2022-08-06")),
            "Saturday 6 August"
        );
        assert_eq!(Labels::of("xx").lang, "fr");
    }

    #[test]
    fn numbers_use_the_language_decimal_separator() {
        assert_eq!(Labels::of("fr").number(4.9333), "4,9");
        assert_eq!(Labels::of("en").number(4.9333), "4.9");
        assert_eq!(Labels::of("fr").number(16.0), "16");
        assert_eq!(Labels::of("fr").number(-0.01), "0");
    }
}
