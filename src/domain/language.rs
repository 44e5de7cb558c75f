//! The languages a roster's printed outputs may be in, and the one table of their
//! words: weekday and month names, the way dates and numbers are written, the labels
//! of `roster.html` and those of the calendars. Every output takes its words from
//! here: `roster.csv`, `roster.html` and the calendars in the roster's
//! [`Language`], the plain-text summary, the diagnosis and the explanations in
//! English.
//!
//! A language is read from the roster's `settings.language` when the roster is
//! validated ([`Roster::language`](crate::Roster::language)); a code outside
//! [`Language::ALL`] is a validation error that names the valid ones.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

/// A language of printed outputs: French (the default), Arabic or English.
///
/// # Example
/// ```
/// use duty_roster::Language;
/// let ar: Language = "ar".parse().unwrap();
/// assert_eq!(ar, Language::Ar);
/// assert!(ar.is_rtl());
/// assert_eq!(Language::default().code(), "fr");
/// assert_eq!(
///     "de".parse::<Language>().unwrap_err().to_string(),
///     "unknown language `de` (valid: fr, ar, en)"
/// );
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Language {
    /// French.
    #[default]
    Fr,
    /// Arabic as written in Morocco (غشت for August), right to left.
    Ar,
    /// English.
    En,
}

impl Language {
    /// Every language, in the order error messages list them.
    ///
    /// # Example
    /// ```
    /// let codes: Vec<&str> = duty_roster::Language::ALL.iter().map(|l| l.code()).collect();
    /// assert_eq!(codes, ["fr", "ar", "en"]);
    /// ```
    pub const ALL: [Language; 3] = [Language::Fr, Language::Ar, Language::En];

    /// The words of the language.
    pub(crate) fn words(self) -> &'static Words {
        match self {
            Language::Fr => &FR,
            Language::Ar => &AR,
            Language::En => &EN,
        }
    }

    /// The code a roster file writes (`fr`, `ar`, `en`), also the HTML `lang`.
    ///
    /// # Example
    /// ```
    /// assert_eq!(duty_roster::Language::En.code(), "en");
    /// ```
    pub fn code(self) -> &'static str {
        self.words().code
    }

    /// Whether the language is written right to left.
    ///
    /// # Example
    /// ```
    /// assert!(!duty_roster::Language::Fr.is_rtl());
    /// ```
    pub fn is_rtl(self) -> bool {
        self.words().rtl
    }

    /// The name of the date's weekday.
    ///
    /// # Example
    /// ```
    /// use duty_roster::Language;
    /// let d: chrono::NaiveDate = "2022-08-06".parse().unwrap();
    /// assert_eq!(Language::Fr.weekday_name(d), "samedi");
    /// assert_eq!(Language::En.weekday_name(d), "Saturday");
    /// assert_eq!(Language::Ar.weekday_name(d), "السبت");
    /// ```
    pub fn weekday_name(self, date: NaiveDate) -> &'static str {
        self.words().weekday(date)
    }

    /// The name of a month, 1 for January (out of range numbers are clamped).
    ///
    /// # Example
    /// ```
    /// use duty_roster::Language;
    /// assert_eq!(Language::Fr.month_name(8), "août");
    /// assert_eq!(Language::Ar.month_name(8), "غشت");
    /// assert_eq!(Language::En.month_name(12), "December");
    /// ```
    pub fn month_name(self, month: u32) -> &'static str {
        self.words().month(month)
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Language {
    type Err = UnknownLanguage;

    fn from_str(code: &str) -> Result<Language, UnknownLanguage> {
        Language::ALL
            .into_iter()
            .find(|l| l.code() == code)
            .ok_or_else(|| UnknownLanguage(code.to_string()))
    }
}

/// A language code that is none of [`Language::ALL`]; its message names the valid
/// codes.
///
/// # Example
/// See [`Language`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language `{0}` (valid: {valid})", valid = valid_codes())]
pub struct UnknownLanguage(pub String);

/// "fr, ar, en".
fn valid_codes() -> String {
    Language::ALL.map(Language::code).join(", ")
}

/// The three-letter English weekday ("Mon") of the plain-text summary, which is in
/// English whatever the roster's language.
pub(crate) fn short_english_weekday(date: NaiveDate) -> &'static str {
    &EN.weekday(date)[..3]
}

/// Every word of one language.
pub(crate) struct Words {
    /// The language's code (`fr`, `ar`, `en`), also the HTML `lang`.
    pub code: &'static str,
    /// Right to left.
    pub rtl: bool,
    /// Monday first.
    weekdays: [&'static str; 7],
    /// January first.
    months: [&'static str; 12],
    /// The first day of a month in a date: "1er" in French.
    first_day: &'static str,
    /// Decimal separator.
    decimal: char,
    /// "du {first} au {last}": the words before, between and after.
    from_to: [&'static str; 3],
    /// The labels of `roster.html`.
    pub page: PageWords,
    /// The labels of the calendars' descriptions and names.
    pub calendar: CalendarWords,
    /// The words of a re-plan's notice to a person.
    pub notice: NoticeWords,
    /// The labels of `roster.xlsx` that `roster.html` does not have.
    pub workbook: WorkbookWords,
}

/// The labels of `roster.xlsx` beyond those of the page ([`PageWords`]).
pub(crate) struct WorkbookWords {
    /// The name of the sheet of assignment rows.
    pub assignments: &'static str,
    /// The name of the per-person sheet.
    pub people: &'static str,
    pub status: &'static str,
    pub optimal: &'static str,
    /// Stopped at the time limit: a roster, not proven optimal; the gap follows.
    pub feasible_gap: &'static str,
    pub interrupted: &'static str,
    /// A roster that breaks rules on purpose; the number of rules broken follows.
    pub relaxed: &'static str,
    pub given: &'static str,
    pub day: &'static str,
    pub weekend: &'static str,
    pub notes: &'static str,
    pub id: &'static str,
    pub name: &'static str,
    pub home: &'static str,
    pub deviation: &'static str,
}

/// The words of a re-plan's notice to a person (`notices/<staff>.txt`).
pub(crate) struct NoticeWords {
    /// Before the person's name.
    pub hello: &'static str,
    /// Before the roster's name: the roster has changed.
    pub changed: &'static str,
    /// The heading of the duties added.
    pub added: &'static str,
    /// The heading of the duties removed.
    pub removed: &'static str,
    /// The last line.
    pub closing: &'static str,
}

/// The labels of `roster.html`.
pub(crate) struct PageWords {
    /// Between a label and its value: " : " (with a no-break space) in French.
    pub colon: &'static str,
    pub title: &'static str,
    pub contents: &'static str,
    pub period: &'static str,
    pub revision: &'static str,
    pub no_revision: &'static str,
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

/// The labels of the calendars: event descriptions and per-person calendar names.
pub(crate) struct CalendarWords {
    /// Between a label and its value: " :" in French.
    pub colon: &'static str,
    pub duties: &'static str,
    pub local_time: &'static str,
    pub with: &'static str,
    pub alone: &'static str,
    pub on_duty: &'static str,
    pub phone: &'static str,
}

const FR: Words = Words {
    code: "fr",
    rtl: false,
    weekdays: [
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    ],
    months: [
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
    ],
    first_day: "1er",
    decimal: ',',
    from_to: ["du ", " au ", ""],
    page: PageWords {
        colon: "\u{a0}: ",
        title: "Tableau des permanences",
        contents: "Sommaire",
        period: "Période",
        revision: "Révision",
        no_revision: "non datée",
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
    },
    calendar: CalendarWords {
        colon: " :",
        duties: "Permanences",
        local_time: "Heure locale",
        with: "Avec",
        alone: "Seul(e) sur ce créneau",
        on_duty: "De permanence",
        phone: "Téléphone",
    },
    notice: NoticeWords {
        hello: "Bonjour",
        changed: "vos permanences ont changé dans le planning",
        added: "Permanences ajoutées",
        removed: "Permanences retirées",
        closing: "Merci de mettre à jour votre agenda si vous l'avez importé.",
    },
    workbook: WorkbookWords {
        assignments: "Affectations",
        people: "Par personne",
        status: "Statut",
        optimal: "optimal",
        feasible_gap: "réalisable, non prouvé optimal, écart",
        interrupted: "interrompu, non prouvé optimal, écart",
        relaxed: "assoupli, règles enfreintes",
        given: "donné, non résolu",
        day: "Jour",
        weekend: "Week-end",
        notes: "Remarques",
        id: "Matricule",
        name: "Nom",
        home: "Site d’attache",
        deviation: "écart",
    },
};

const AR: Words = Words {
    code: "ar",
    rtl: true,
    weekdays: [
        "الاثنين",
        "الثلاثاء",
        "الأربعاء",
        "الخميس",
        "الجمعة",
        "السبت",
        "الأحد",
    ],
    months: [
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
    ],
    first_day: "1",
    decimal: '.',
    from_to: ["من ", " إلى ", ""],
    page: PageWords {
        colon: ": ",
        title: "جدول المداومة",
        contents: "المحتويات",
        period: "الفترة",
        revision: "المراجعة",
        no_revision: "بدون تاريخ",
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
    },
    calendar: CalendarWords {
        colon: ":",
        duties: "المداومة",
        local_time: "التوقيت المحلي",
        with: "مع",
        alone: "لا زميل في هذه المداومة",
        on_duty: "المداومون",
        phone: "الهاتف",
    },
    notice: NoticeWords {
        hello: "السلام عليكم",
        changed: "تغيرت مداوماتكم في الجدول",
        added: "مداومات مضافة",
        removed: "مداومات ملغاة",
        closing: "المرجو تحديث أجندتكم إن كنتم قد استوردتموها.",
    },
    workbook: WorkbookWords {
        assignments: "الإسنادات",
        people: "حسب الموظف",
        status: "الحالة",
        optimal: "أمثل",
        feasible_gap: "ممكن، غير مثبت أنه أمثل، الفجوة",
        interrupted: "متوقف، غير مثبت أنه أمثل، الفجوة",
        relaxed: "مخفف، قواعد غير محترمة",
        given: "معطى، دون حل",
        day: "اليوم",
        weekend: "نهاية الأسبوع",
        notes: "ملاحظات",
        id: "الرقم",
        name: "الاسم",
        home: "موقع العمل",
        deviation: "الفرق",
    },
};

const EN: Words = Words {
    code: "en",
    rtl: false,
    weekdays: [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ],
    months: [
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
    ],
    first_day: "1",
    decimal: '.',
    from_to: ["", " to ", ""],
    page: PageWords {
        colon: ": ",
        title: "Duty roster",
        contents: "Contents",
        period: "Period",
        revision: "Revision",
        no_revision: "undated",
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
    },
    calendar: CalendarWords {
        colon: ":",
        duties: "Duties",
        local_time: "Local time",
        with: "With",
        alone: "Nobody else on this slot",
        on_duty: "On duty",
        phone: "Phone",
    },
    notice: NoticeWords {
        hello: "Hello",
        changed: "your duties have changed in the roster",
        added: "Duties added",
        removed: "Duties removed",
        closing: "Please update your calendar if you imported it.",
    },
    workbook: WorkbookWords {
        assignments: "Assignments",
        people: "People",
        status: "Status",
        optimal: "optimal",
        feasible_gap: "feasible, not proven optimal, gap",
        interrupted: "interrupted, not proven optimal, gap",
        relaxed: "relaxed, rules broken",
        given: "given, not solved",
        day: "Day",
        weekend: "Weekend",
        notes: "Notes",
        id: "ID",
        name: "Name",
        home: "Home site",
        deviation: "deviation",
    },
};

impl Words {
    /// The name of the date's weekday.
    pub(crate) fn weekday(&self, date: NaiveDate) -> &'static str {
        self.weekdays[date.weekday().num_days_from_monday() as usize]
    }

    /// The name of a month, 1 for January.
    pub(crate) fn month(&self, month: u32) -> &'static str {
        self.months[(month.clamp(1, 12) - 1) as usize]
    }

    /// `{weekday} {day} {month}`: "lundi 1er août".
    pub(crate) fn day_month(&self, date: NaiveDate) -> String {
        format!(
            "{} {} {}",
            self.weekday(date),
            self.day(date),
            self.month(date.month())
        )
    }

    /// "1er août 2022", "1 August 2022", "1 غشت 2022".
    pub(crate) fn long_date(&self, date: NaiveDate) -> String {
        format!(
            "{} {} {}",
            self.day(date),
            self.month(date.month()),
            date.year()
        )
    }

    /// The day of the month; French writes the first "1er".
    pub(crate) fn day(&self, date: NaiveDate) -> String {
        if date.day() == 1 {
            self.first_day.to_string()
        } else {
            date.day().to_string()
        }
    }

    /// "du 1er août 2022 au 31 août 2022".
    pub(crate) fn span(&self, first: &str, last: &str) -> String {
        let [before, between, after] = self.from_to;
        format!("{before}{first}{between}{last}{after}")
    }

    /// The days of `dates` in long form: "du 1er août 2022 au 31 août 2022".
    pub(crate) fn long_span(&self, dates: super::DateRange) -> String {
        self.span(&self.long_date(dates.first), &self.long_date(dates.last))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn codes_parse_back_to_their_language() {
        for language in Language::ALL {
            assert_eq!(language.code().parse::<Language>(), Ok(language));
            assert_eq!(language.to_string(), language.code());
        }
        assert_eq!(
            "FR".parse::<Language>(),
            Err(UnknownLanguage("FR".to_string()))
        );
    }

    #[test]
    fn french_dates_write_the_first_of_the_month_1er() {
        let fr = Language::Fr.words();
        assert_eq!(fr.day_month(d("2022-08-01")), "lundi 1er août");
        assert_eq!(fr.long_date(d("2022-08-31")), "31 août 2022");
        assert_eq!(fr.span("a", "b"), "du a au b");
    }

    #[test]
    fn arabic_months_are_the_moroccan_names() {
        let ar = Language::Ar.words();
        assert!(ar.rtl);
        assert_eq!(ar.long_date(d("2022-08-01")), "1 غشت 2022");
        assert_eq!(Language::Ar.month_name(7), "يوليوز");
    }

    #[test]
    fn english_dates() {
        let en = Language::En.words();
        assert_eq!(en.day_month(d("2022-08-06")), "Saturday 6 August");
        assert_eq!(en.span("a", "b"), "a to b");
        assert_eq!(short_english_weekday(d("2022-08-07")), "Sun");
    }

    #[test]
    fn numbers_use_the_language_decimal_separator() {
        assert_eq!(Language::Fr.words().number(4.9333), "4,9");
        assert_eq!(Language::En.words().number(4.9333), "4.9");
        assert_eq!(Language::Fr.words().number(16.0), "16");
        assert_eq!(Language::Fr.words().number(-0.01), "0");
    }

    #[test]
    fn month_numbers_out_of_range_are_clamped() {
        assert_eq!(Language::En.month_name(0), "January");
        assert_eq!(Language::En.month_name(13), "December");
    }
}
