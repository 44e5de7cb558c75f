//! The hours report of a ledger: per person and month, the hours worked on each duty
//! kind and in all, for the compensation of after-hours and Saturday work.

use super::{Ledger, number};

/// Hours per person and month, one column per duty kind.
///
/// # Example
/// ```
/// let text = "roster,first,last,staff,duty,duties,fair_duties,weighted_duties,hours,fair_hours\n\
///             jul,2022-07-01,2022-07-31,A,evening,3,3,3,6,6\n\
///             jul,2022-07-01,2022-07-31,A,sat,1,1,2,4,4\n";
/// let ledger = duty_roster::ledger::Ledger::parse(text.as_bytes(), "l.csv".as_ref()).unwrap();
/// let report = ledger.hours_report();
/// assert_eq!(report.duties, ["evening", "sat"]);
/// assert_eq!(report.rows[0].hours, [6.0, 4.0]);
/// assert!(report.to_text().contains("jul"));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct HoursReport {
    /// Duty kinds, in the order the ledger first names them.
    pub duties: Vec<String>,
    /// One row per person and roster, by person then by period.
    pub rows: Vec<HoursRow>,
}

/// One person's hours in one roster.
///
/// # Example
/// See [`HoursReport`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct HoursRow {
    /// Staff id.
    pub staff: String,
    /// Roster id.
    pub roster: String,
    /// First day of the roster's period.
    pub first: chrono::NaiveDate,
    /// Hours per duty kind, in [`HoursReport::duties`] order.
    pub hours: Vec<f64>,
    /// Duties done, weighted by their kind's fairness weight.
    pub weighted_duties: u32,
}

impl HoursRow {
    /// All hours of the row.
    ///
    /// # Example
    /// See [`HoursReport`].
    pub fn total(&self) -> f64 {
        self.hours.iter().sum()
    }
}

impl Ledger {
    /// The hours report: per person and month, hours per duty kind.
    ///
    /// # Example
    /// See [`HoursReport`].
    pub fn hours_report(&self) -> HoursReport {
        let mut duties: Vec<String> = Vec::new();
        for row in &self.rows {
            if !duties.contains(&row.duty) {
                duties.push(row.duty.clone());
            }
        }
        let mut rows: Vec<HoursRow> = Vec::new();
        for row in &self.rows {
            let k = duties.iter().position(|d| *d == row.duty).expect("listed");
            let at = rows
                .iter()
                .position(|r| r.staff == row.staff && r.roster == row.roster);
            let entry = match at {
                Some(i) => &mut rows[i],
                None => {
                    rows.push(HoursRow {
                        staff: row.staff.clone(),
                        roster: row.roster.clone(),
                        first: row.first,
                        hours: vec![0.0; duties.len()],
                        weighted_duties: 0,
                    });
                    rows.last_mut().expect("pushed")
                }
            };
            entry.hours.resize(duties.len(), 0.0);
            entry.hours[k] += row.hours;
            entry.weighted_duties += row.weighted_duties;
        }
        for row in &mut rows {
            row.hours.resize(duties.len(), 0.0);
        }
        rows.sort_by(|a, b| (&a.staff, a.first, &a.roster).cmp(&(&b.staff, b.first, &b.roster)));
        HoursReport { duties, rows }
    }
}

impl HoursReport {
    /// The report as cells: a header, then a line per row.
    fn table(&self) -> Vec<Vec<String>> {
        let mut header = vec!["staff".to_string(), "roster".into(), "first".into()];
        header.extend(self.duties.iter().cloned());
        header.extend(["total".into(), "weighted_duties".into()]);
        let mut table = vec![header];
        for row in &self.rows {
            let mut line = vec![row.staff.clone(), row.roster.clone(), row.first.to_string()];
            line.extend(row.hours.iter().map(|&h| number(h)));
            line.extend([number(row.total()), row.weighted_duties.to_string()]);
            table.push(line);
        }
        table
    }

    /// The report as an aligned text table.
    ///
    /// # Example
    /// See [`HoursReport`].
    pub fn to_text(&self) -> String {
        let table = self.table();
        let widths: Vec<usize> = (0..table[0].len())
            .map(|c| {
                table
                    .iter()
                    .map(|l| l[c].chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let mut out = String::new();
        for line in &table {
            let cells: Vec<String> = line
                .iter()
                .zip(&widths)
                .map(|(cell, &w)| format!("{cell:<w$}"))
                .collect();
            out.push_str(cells.join("  ").trim_end());
            out.push('\n');
        }
        out
    }

    /// The report as CSV (UTF-8, `,`, LF), for a spreadsheet.
    ///
    /// # Example
    /// ```
    /// let report = duty_roster::ledger::Ledger::default().hours_report();
    /// assert_eq!(String::from_utf8(report.to_csv()).unwrap(), "staff,roster,first,total,weighted_duties\n");
    /// ```
    pub fn to_csv(&self) -> Vec<u8> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        for line in self.table() {
            writer.write_record(&line).expect("writing to memory");
        }
        writer.into_inner().expect("writing to memory")
    }
}
