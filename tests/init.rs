//! `duty-roster init`, `completions` and `man`, end to end: what `init` writes passes
//! `check` (the library's and the command's) for both templates over months with
//! holidays, Ramadan, the new year and a leap day; a roster it writes solves to one the
//! independent validator accepts; it refuses to overwrite a file and explains a bad
//! month. The completion scripts and manual pages name the commands.

mod common;

use std::path::Path;

use common::run::Run;
use common::{check_solved_folder, read_assignments, scratch_in};
use duty_roster::init::{InitOptions, Months, Template, render};
use duty_roster::{SolveOptions, Staff, check::precheck, read_roster_file, solve, validate};

fn scratch(name: &str) -> std::path::PathBuf {
    scratch_in("init-tests", name)
}

fn path_str(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Months that test the calendar: summer holidays, a Ramadan (February 2027, from
/// about 8 February), December into January, a leap February, and Eid al-Fitr 2022.
const MONTHS: [&str; 5] = [
    "2026-08",
    "2027-02",
    "2026-12..2027-01",
    "2028-02",
    "2022-05",
];

#[test]
fn what_init_writes_passes_check_for_each_template_and_month() {
    let dir = scratch("check");
    for template in ["agency", "ward"] {
        for month in MONTHS {
            let file = dir.join(format!("{template}-{}.toml", month.replace("..", "-")));
            let out = path_str(&file);
            Run::new(&[
                "init",
                "--out",
                out,
                "--month",
                month,
                "--template",
                template,
            ])
            .status(0)
            .stdout_has(&format!("wrote {out}: template {template}"));
            let roster = read_roster_file(&file).unwrap();
            let findings = precheck(&roster);
            assert!(findings.is_empty(), "{template} {month}: {findings:?}");
            let months = Months::parse(month).unwrap();
            assert_eq!(roster.def().period, months.range(), "{template} {month}");
            Run::new(&["check", out])
                .status(0)
                .stdout_has("no problem found before solving");
            // The library renders the same bytes as the command wrote.
            let again = render(&InitOptions::new(months, template.parse().unwrap())).unwrap();
            assert_eq!(std::fs::read_to_string(&file).unwrap(), again);
        }
    }
}

#[test]
fn the_holidays_of_the_period_are_written_and_the_islamic_ones_left_to_confirm() {
    let text = |month: &str| {
        render(&InitOptions::new(
            Months::parse(month).unwrap(),
            Template::Agency,
        ))
        .unwrap()
    };
    let august = text("2026-08");
    for day in ["2026-08-14", "2026-08-20", "2026-08-21"] {
        assert!(
            august.contains(&format!("\n[[holiday]]\ndate = {day}\n")),
            "{day}"
        );
    }
    // The leap day is a day of the period; 29 February has no holiday.
    let leap = text("2028-02");
    assert!(leap.contains("last = 2028-02-29\n"));
    // Eid al-Adha 1448 and Ramadan fall in spring 2027 (tabular dates).
    let ramadan = text("2027-02");
    assert!(
        ramadan.contains("# Ramadan 1448 runs about 2027-02-"),
        "{ramadan}"
    );
    assert!(ramadan.contains("  # [[duty.times]]       # Ramadan 1448: to confirm"));
    let new_year = text("2026-12..2027-01");
    assert!(new_year.contains("id = \"aubm-2026-12-to-2027-01\"\n"));
    assert!(new_year.contains("\n[[holiday]]\ndate = 2027-01-14\n")); // Amazigh new year
    let eid = read_roster_file_text(&text("2022-05"));
    assert_eq!(eid.def().holidays.len(), 1); // 1 May; Eid al-Fitr only commented
}

fn read_roster_file_text(text: &str) -> duty_roster::Roster {
    duty_roster::parse_roster_toml(text, Path::new("new.toml")).unwrap()
}

/// The agency's roster for a Ramadan month, as `init` writes it, solved by the
/// command: the roster written breaks no rule, and the objective of summary.json is
/// the one the validator recomputes from roster.csv.
#[test]
fn an_agency_roster_from_init_solves_to_one_the_validator_accepts() {
    let dir = scratch("solve");
    let file = dir.join("roster.toml");
    let out = dir.join("out");
    Run::new(&["init", "--out", path_str(&file), "--month", "2027-02", "-q"]).status(0);
    Run::new(&["solve", path_str(&file), "--out", path_str(&out), "-q"]).status(0);
    let roster = read_roster_file(&file).unwrap();
    check_solved_folder(&roster, &out);
    // 20 weekdays x 7 people + 4 Saturdays x 7: every slot filled.
    assert_eq!(
        read_assignments(&out.join("roster.csv")).len(),
        20 * 7 + 4 * 7
    );
}

/// Staff given as values (what a staff table gives `init`) replace the placeholders,
/// and the roster solves with them.
#[test]
fn staff_given_as_values_replace_the_placeholders() {
    let person = |id: &str, name: &str, home: &str, skills: &[&str]| {
        let mut p = Staff::new(id, name, home);
        p.skills = skills.iter().map(|s| s.to_string()).collect();
        p
    };
    let mut options = InitOptions::new(Months::parse("2026-08").unwrap(), Template::Agency);
    options.staff = vec![
        person(
            "BM-01",
            "Salma Idrissi — سلمى الإدريسي",
            "bm",
            &["ar", "fr", "es"],
        ),
        person("BM-02", "Youssef Benali", "bm", &["ar", "fr", "en"]),
        person("BM-03", "Khadija Amrani", "bm", &["ar", "fr", "es"]),
        person("BM-04", "Hamid Ouazzani", "bm", &["ar", "fr", "it"]),
        person("BM-05", "Naïma Berrada", "bm", &["ar", "fr", "nl"]),
        person("BM-06", "Rachid El Fassi", "bm", &["ar", "fr", "es"]),
        person("FBS-01", "Mohamed Zahiri", "fbs", &["ar", "fr"]),
        person("FBS-02", "Hanane Bouzid", "fbs", &["ar", "fr"]),
        person("AZ-01", "Youssef Amrani", "azilal", &["ar"]),
        person("AZ-02", "Fatima Ait Lahcen", "azilal", &["ar"]),
        person("KBG-01", "Omar Kettani", "kbg", &["ar", "fr"]),
        person("KBG-02", "Zineb Alaoui", "kbg", &["ar", "fr"]),
    ];
    options.staff[3]
        .limits
        .max_per_duty
        .insert("saturday".into(), 1);
    let text = render(&options).unwrap();
    assert!(!text.contains("(à remplacer)"));
    assert!(text.contains("name = \"Salma Idrissi — سلمى الإدريسي\"\n"));
    let roster = read_roster_file_text(&text);
    assert_eq!(roster.staff().len(), 12);
    assert!(precheck(&roster).is_empty());
    let mut solve_options = SolveOptions::default();
    solve_options.time_limit = 120.0;
    let outcome = solve(&roster, &solve_options).unwrap();
    let report = validate(&roster, &outcome.assignments);
    assert!(report.violations.is_empty(), "{:?}", report.violations);
    let saturdays = |id: &str| {
        let of = |a: &&duty_roster::Assignment| a.staff == id && a.duty == "saturday";
        outcome.assignments.iter().filter(of).count()
    };
    assert!(saturdays("BM-04") <= 1);
}

#[test]
fn init_refuses_to_overwrite_a_file_without_force() {
    let dir = scratch("overwrite");
    let file = dir.join("roster.toml");
    std::fs::write(&file, "# mine\n").unwrap();
    let out = path_str(&file);
    Run::new(&["init", "--out", out, "--month", "2026-08"])
        .status(2)
        .stderr_has(&format!("{out}: the file exists"))
        .stderr_has("--force");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "# mine\n");
    Run::new(&["init", "--out", out, "--month", "2026-08", "--force"]).status(0);
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("first = 2026-08-01")
    );
    // Nothing but the roster is left in the folder.
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
}

#[test]
fn a_bad_month_is_a_clear_error_and_writes_nothing() {
    let dir = scratch("bad-month");
    let file = dir.join("roster.toml");
    for (month, why) in [
        ("2026-8", "`2026-8` is not YYYY-MM"),
        ("2026-13", "month must be 01 to 12"),
        ("2026-09..2026-08", "the last month is before the first"),
    ] {
        Run::new(&["init", "--out", path_str(&file), "--month", month])
            .status(2)
            .stderr_has(&format!("--month: month `{month}`: {why}"))
            .stderr_has("such as 2026-08");
        assert!(!file.exists(), "{month}");
    }
}

#[test]
fn init_without_month_starts_the_month_after_today() {
    let dir = scratch("default-month");
    let file = dir.join("roster.toml");
    Run::new(&["init", "--out", path_str(&file), "--template", "ward"]).status(0);
    let roster = read_roster_file(&file).unwrap();
    let period = roster.def().period;
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let today = chrono::DateTime::from_timestamp(seconds as i64, 0)
        .unwrap()
        .date_naive();
    assert_eq!(chrono::Datelike::day(&period.first), 1);
    assert!(period.first > today);
    assert!((period.first - today).num_days() <= 31);
}

#[test]
fn completion_scripts_name_the_commands() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = Run::new(&["completions", shell]).status(0);
        let script = run.stdout();
        assert!(script.len() > 1000, "{shell}: {} bytes", script.len());
        for command in ["init", "solve", "check", "completions", "man", "template"] {
            assert!(script.contains(command), "{shell} lacks {command}");
        }
    }
    let dir = scratch("completions");
    let script = dir.join("duty-roster.bash");
    std::fs::write(&script, Run::new(&["completions", "bash"]).stdout()).unwrap();
    let parsed = std::process::Command::new("bash")
        .arg("-n")
        .arg(&script)
        .status();
    match parsed {
        Ok(status) => assert!(status.success(), "bash -n refuses the script"),
        Err(e) => eprintln!("bash not found ({e}): the script's syntax is not checked"),
    }
}

#[test]
fn the_manual_has_a_page_per_command() {
    let main = Run::new(&["man"]).status(0).stdout();
    assert!(
        main.starts_with(".ie") || main.contains("\n.TH duty-roster 1"),
        "{main}"
    );
    for command in ["init", "solve", "check", "completions"] {
        assert!(
            main.contains(&format!("duty\\-roster\\-{command}(1)")),
            "{command}"
        );
    }
    let dir = scratch("man");
    Run::new(&["man", "--out", path_str(&dir)])
        .status(0)
        .stdout_has("duty-roster-init.1");
    for page in [
        "duty-roster.1",
        "duty-roster-solve.1",
        "duty-roster-init.1",
        "duty-roster-man.1",
    ] {
        let text = std::fs::read_to_string(dir.join(page)).unwrap();
        assert!(text.contains(".TH duty-roster"), "{page}");
        assert!(text.contains(".SH SYNOPSIS"), "{page}");
    }
    let init = std::fs::read_to_string(dir.join("duty-roster-init.1")).unwrap();
    assert!(init.contains("\\-\\-template") && init.contains("\\-\\-force"));
}

/// The lines left to confirm are ready to use: uncommented, the Islamic holidays and
/// the Ramadan hours read as such.
#[test]
fn the_lines_to_confirm_are_valid_once_uncommented() {
    let months = Months::parse("2027-02..2027-03").unwrap();
    let text = render(&InitOptions::new(months, Template::Agency)).unwrap();
    let keys = [
        "[[holiday]]",
        "date = ",
        "name = ",
        "[[duty.times]]",
        "from = ",
        "to = ",
    ];
    let keys = [&keys[..], &["start = ", "end = "]].concat();
    let uncommented: String = text
        .lines()
        .map(|line| {
            let indent = line.len() - line.trim_start().len();
            match line.trim_start().strip_prefix("# ") {
                Some(rest) if keys.iter().any(|k| rest.starts_with(k)) => {
                    format!("{}{rest}\n", &line[..indent])
                }
                _ => format!("{line}\n"),
            }
        })
        .collect();
    let before = read_roster_file_text(&text);
    let after = read_roster_file_text(&uncommented);
    // Eid al-Fitr 1448, two days, falls in March 2027.
    assert_eq!(after.def().holidays.len(), before.def().holidays.len() + 2);
    let evening = |roster: &duty_roster::Roster| {
        let duty = roster
            .duties()
            .iter()
            .find(|d| d.id == "after-hours")
            .unwrap();
        duty.times.len()
    };
    assert_eq!((evening(&before), evening(&after)), (0, 1));
    assert!(precheck(&after).is_empty());
}

/// `init --from` a staff workbook: the roster reads its people from the table
/// (`staff_from`, relative to the roster file), passes `check`, and solves to a
/// roster the independent validator accepts, with the objective it recomputes.
#[test]
fn init_from_the_staff_workbook_reads_its_people_and_solves() {
    let dir = scratch("from-workbook");
    let file = dir.join("roster.toml");
    let out = dir.join("out");
    let table = common::root().join("rosters/aubm-staff.xlsx");
    Run::new(&[
        "init",
        "--out",
        path_str(&file),
        "--month",
        "2022-08",
        "--from",
        path_str(&table),
        "--sheet",
        "Personnel",
    ])
    .status(0)
    .stdout_has("see that the table's people fit the sites and duties");
    let text = std::fs::read_to_string(&file).unwrap();
    let written = duty_roster::init::relative_to(&dir, &table);
    let line = format!(
        "staff_from = {{ path = \"{}\", sheet = \"Personnel\" }}\n",
        written.display()
    );
    assert!(text.contains(&line), "{text}");
    assert!(
        !text.contains("(à remplacer)") && !text.contains("placeholder"),
        "no placeholders with --from: {text}"
    );
    let task = format!("# - check that the people of {} fit", written.display());
    assert!(text.contains(&task), "{text}");
    let roster = read_roster_file(&file).unwrap();
    assert_eq!(roster.staff().len(), 30);
    assert_eq!(roster.staff()[0].id, "BM-01");
    Run::new(&["check", path_str(&file)]).status(0);
    Run::new(&["solve", path_str(&file), "--out", path_str(&out), "-q"]).status(0);
    check_solved_folder(&roster, &out);
}

/// A staff table whose person names a site the template does not have: `init`
/// names the table, the row and the column, and writes nothing.
#[test]
fn init_from_a_table_that_does_not_fit_names_its_cell_and_writes_nothing() {
    let dir = scratch("from-bad-table");
    let table = dir.join("staff.csv");
    std::fs::write(
        &table,
        "id;nom;site;langues\nBM-01;Salma;bm;ar, fr\nAZ-01;Youssef;azl;ar\n",
    )
    .unwrap();
    let file = dir.join("roster.toml");
    let run = Run::new(&[
        "init",
        "--out",
        path_str(&file),
        "--month",
        "2026-08",
        "--from",
        path_str(&table),
    ])
    .status(2);
    let stderr = run.stderr();
    assert!(
        stderr.contains(&format!("{}, row 3, column site: ", table.display()))
            && stderr.contains("unknown site `azl` (known: bm, fbs, azilal, kbg"),
        "{stderr}"
    );
    assert!(!file.exists());
}

/// `--sheet` without `--from` is refused by the argument parser.
#[test]
fn a_sheet_without_a_table_is_refused() {
    let dir = scratch("sheet-alone");
    let file = dir.join("roster.toml");
    Run::new(&["init", "--out", path_str(&file), "--sheet", "Personnel"])
        .status(2)
        .stderr_has("--from");
    assert!(!file.exists());
}
