//! The large-neighbourhood search that runs beside the whole program's solve: it
//! holds most decisions at the best roster so far and solves the part of the same
//! program that the others open (cut out of a [`Matrix`], so HiGHS does not presolve
//! the whole program each time), over and over, sharing its rosters with the whole
//! solve through an [`Exchange`].

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use highs::HighsModelStatus;

use super::highs::{Callbacks, Exchange, Matrix, Program, Run, better, meets};
use super::{ALONE, SolveOptions, part_limit, set_options};
use crate::model::Decision;
use crate::random::SplitMix;
use crate::{Roster, SolveError};

/// The neighbourhood search beside the whole program's solve: waits until
/// [`ALONE`] seconds after the solve started (the whole solve's first roster is
/// usually in `exchange` by then; a first roster built on the search's core has
/// taken that time already), takes the best roster in `exchange` (or finds one),
/// then improves it until the time limit or `stop`, offering each better roster
/// to `exchange`. Does nothing more when it fails: the whole program's solve
/// reports errors.
pub(super) fn beside(search: Search, exchange: &Exchange) {
    while search.started.elapsed().as_secs_f64() < ALONE {
        if search.stop.load(Ordering::Relaxed) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    // An error ends the search; the whole program's solve goes on.
    let _ = search.run(exchange);
}

/// A large-neighbourhood search over the decisions of one program.
pub(super) struct Search {
    /// The program's matrix, which each neighbourhood's part is cut from.
    matrix: Arc<Matrix>,
    /// Whether each column is a decision (person, slot).
    decision: Vec<bool>,
    options: SolveOptions,
    /// Set when the search should stop: the part in progress is interrupted too.
    stop: Arc<AtomicBool>,
    started: Instant,
    random: SplitMix,
    /// Columns of each person's decisions, by day.
    by_staff_day: Vec<Vec<Vec<usize>>>,
    /// The duty kinds each person could take.
    kinds: Vec<Vec<usize>>,
    /// Each slot with a soft minimum cover: its day, duty kind, minimum and the
    /// columns of its decisions.
    soft_slots: Vec<(usize, usize, u32, Vec<usize>)>,
    /// How many people or days each kind of neighbourhood frees (adapted as it goes).
    sizes: [f64; Kind::ALL.len()],
    /// How much each kind of neighbourhood has gained lately, per second: kinds are
    /// drawn in proportion to it.
    gains: [f64; Kind::ALL.len()],
    /// Rounds done so far.
    rounds: usize,
    /// The columns with a cost that each person's roster alone decides: their
    /// decisions with a cost, and the columns with a cost (a wish met, say) whose
    /// rows hold no other person's decisions.
    charged: Vec<Vec<usize>>,
}

impl Search {
    /// A search over `matrix`, the program of `roster` whose decisions are
    /// `decisions` (the columns `decision` marks), for the solve that started at
    /// `started`.
    pub(super) fn new(
        matrix: Arc<Matrix>,
        roster: &Roster,
        decisions: &[Decision],
        decision: Vec<bool>,
        options: &SolveOptions,
        stop: Arc<AtomicBool>,
        started: Instant,
    ) -> Search {
        let day_count = roster.def().period.len();
        let staff_count = roster.staff().len();
        let first = roster.def().period.first;
        let mut by_staff_day = vec![vec![Vec::new(); day_count]; staff_count];
        let mut kinds = vec![Vec::new(); staff_count];
        let mut on_slot = vec![Vec::new(); roster.slots().len()];
        let mut staff_of = vec![None; matrix.column_count()];
        for d in decisions {
            staff_of[d.column] = Some(d.staff);
            let slot = &roster.slots()[d.slot];
            let day = (slot.date - first).num_days() as usize;
            by_staff_day[d.staff][day].push(d.column);
            on_slot[d.slot].push(d.column);
            if !kinds[d.staff].contains(&slot.duty) {
                kinds[d.staff].push(slot.duty);
            }
        }
        let soft_slots = roster
            .slots()
            .iter()
            .zip(on_slot)
            .filter(|(slot, _)| slot.under_weight.is_some() && slot.min > 0)
            .map(|(slot, cols)| {
                let day = (slot.date - first).num_days() as usize;
                (day, slot.duty, slot.min, cols)
            })
            .collect();
        let mut charged = vec![Vec::new(); staff_count];
        for col in (0..matrix.column_count()).filter(|&c| matrix.costs(c)) {
            let mut people = matrix.beside(col).filter_map(|c| staff_of[c]);
            let one = match staff_of[col] {
                Some(person) => Some(person),
                None => people
                    .next()
                    .filter(|&first| people.all(|other| other == first)),
            };
            if let Some(person) = one {
                charged[person].push(col);
            }
        }
        // Small at first: they grow while their sub-problems solve quickly. A
        // twentieth of the staff, since on large staffs with many duty kinds a
        // tenth already makes the first parts of people run to their time limit.
        let people = (staff_count as f64 / 20.0).max(2.0);
        let days = (day_count as f64 / 7.0).max(2.0);
        Search {
            matrix,
            decision,
            options: options.clone(),
            stop,
            started,
            random: SplitMix(options.seed),
            by_staff_day,
            kinds,
            soft_slots,
            sizes: [people, people, days, days, days, people],
            gains: [f64::INFINITY; Kind::ALL.len()],
            rounds: 0,
            charged,
        }
    }

    fn left(&self) -> f64 {
        self.options.time_limit - self.started.elapsed().as_secs_f64()
    }

    fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed) || self.left() < 0.2 || self.options.stop_asked()
    }

    /// The exchange's roster (or a first one of its own), then better ones until the
    /// time limit, `stop`, or a roster that meets the whole solve's bound. Also run
    /// in place of a whole solve that gave its core up.
    pub(super) fn run(mut self, exchange: &Exchange) -> Result<(), SolveError> {
        let (mut objective, mut current) = match exchange.best() {
            Some(found) => found,
            None => match self.first_roster()? {
                Some(first) => {
                    exchange.offer(first.0, &first.1);
                    first
                }
                // the whole program's solve may still find one
                None => loop {
                    if let Some(found) = exchange.best() {
                        break found;
                    }
                    if self.stopped() {
                        return Ok(());
                    }
                    std::thread::sleep(std::time::Duration::from_millis(5));
                },
            },
        };
        if self.options.verbose {
            eprintln!(
                "neighbourhood search: {:.1} s, first roster: {objective}",
                self.started.elapsed().as_secs_f64(),
            );
        }
        while !self.stopped() && !meets(objective, exchange.bound(), self.options.relative_gap) {
            if let Some((better, columns)) = exchange.better_than(objective) {
                if self.options.verbose {
                    eprintln!(
                        "neighbourhood search: {:.1} s, from the other solve: {better}",
                        self.started.elapsed().as_secs_f64()
                    );
                }
                (objective, current) = (better, columns);
            }
            self.round(&mut objective, &mut current, exchange)?;
        }
        Ok(())
    }

    /// One round: a neighbourhood of `current` (each kind once, then drawn by recent
    /// gain) solved; a roster at least as good replaces `current`, a better one is
    /// offered to `exchange`.
    fn round(
        &mut self,
        objective: &mut f64,
        current: &mut Vec<f64>,
        exchange: &Exchange,
    ) -> Result<(), SolveError> {
        let budget = part_limit(&self.options).min(self.left());
        let kind = if self.rounds < Kind::ALL.len() {
            Kind::ALL[self.rounds]
        } else {
            self.draw_kind()
        };
        self.rounds += 1;
        let (people, days) = self.pick(kind, current);
        let free = self.free_columns(&people, &days);
        let solving = Instant::now();
        let run = self.solve_part(&free, current, budget, self.rounds)?;
        let seconds = solving.elapsed().as_secs_f64();
        let solved = run.status == HighsModelStatus::Optimal;
        if self.options.verbose {
            eprintln!(
                "neighbourhood search: {:.2} s, {kind:?} {:.1}, {:?} in {seconds:.2} s: {}",
                self.started.elapsed().as_secs_f64(),
                self.sizes[kind as usize],
                run.status,
                run.objective
            );
        }
        let mut gain = 0.0;
        if let Some(columns) = run.columns
            && !better(*objective, run.objective)
        {
            // An equally good roster is taken too: moving across a plateau gives
            // the next neighbourhoods other rosters to start from.
            if better(run.objective, *objective) {
                gain = *objective - run.objective;
                exchange.offer(run.objective, &columns);
            }
            *objective = run.objective.min(*objective);
            *current = columns;
        }
        self.adapt(kind, solved && seconds < budget / 2.0, !solved);
        self.note_gain(kind, gain / seconds.max(0.05));
        Ok(())
    }

    /// The first roster HiGHS finds for the whole program (with its feasibility
    /// jump, unlike the parts: there is no roster to start from), when it finds one
    /// within a tenth of the time limit (1 to 5 s); the search improves it faster.
    fn first_roster(&self) -> Result<Option<(f64, Vec<f64>)>, SolveError> {
        let first_limit = (self.options.time_limit / 10.0).clamp(1.0, 5.0);
        let mut whole = self.program(self.matrix.problem(), 0)?;
        whole.set_option("mip_heuristic_run_feasibility_jump", true)?;
        whole.set_option("mip_max_improving_sols", 1)?;
        let run = whole.solve_with(
            first_limit.min(self.left()),
            None,
            Callbacks::Stop(&self.stop),
        )?;
        Ok(run
            .columns
            .map(|columns| (self.matrix.objective_of(&columns), columns)))
    }

    /// Draws a kind of neighbourhood in proportion to its recent gains (each kind
    /// keeps a small chance).
    fn draw_kind(&mut self) -> Kind {
        let most = self.gains.iter().copied().fold(0.0, f64::max);
        let weight = |kind: Kind| self.gains[kind as usize].max(most * 0.1).max(1e-9);
        let total: f64 = Kind::ALL.iter().map(|&k| weight(k)).sum();
        let mut at = self.random.unit() * total;
        for kind in Kind::ALL {
            if at < weight(kind) {
                return kind;
            }
            at -= weight(kind);
        }
        Kind::ALL[Kind::ALL.len() - 1]
    }

    /// Folds the gain per second of a neighbourhood of `kind` into its average.
    fn note_gain(&mut self, kind: Kind, gain: f64) {
        let average = &mut self.gains[kind as usize];
        *average = if average.is_finite() {
            0.7 * *average + 0.3 * gain
        } else {
            gain
        };
    }

    /// Grows a neighbourhood whose sub-problem was solved quickly, shrinks one that
    /// ran out of time.
    fn adapt(&mut self, kind: Kind, quick: bool, slow: bool) {
        let most = match kind {
            Kind::Days | Kind::Shortage | Kind::Apart => {
                self.by_staff_day.first().map_or(1, Vec::len)
            }
            Kind::People | Kind::Related | Kind::Regret => self.by_staff_day.len(),
        } as f64;
        let size = &mut self.sizes[kind as usize];
        if quick {
            *size = (*size * 1.15).max(*size + 1.0).min(most);
        } else if slow {
            *size = (*size * 0.75).max(1.0);
        }
    }

    /// The people and days a neighbourhood of `kind` frees.
    fn pick(&mut self, kind: Kind, current: &[f64]) -> (Vec<bool>, Vec<bool>) {
        let staff_count = self.by_staff_day.len();
        let day_count = self.by_staff_day.first().map_or(0, Vec::len);
        let size = self.sizes[kind as usize].round() as usize;
        match kind {
            Kind::People => {
                let mut all: Vec<usize> = (0..staff_count).collect();
                self.random.shuffle(&mut all);
                (
                    mark(staff_count, &all[..size.min(staff_count)]),
                    vec![true; day_count],
                )
            }
            Kind::Related => {
                let seed = self.random.below(staff_count);
                (self.related_to(seed, size, false), vec![true; day_count])
            }
            Kind::Regret => {
                // a person drawn by what their roster costs beyond the least it could
                let regrets: Vec<f64> = self
                    .charged
                    .iter()
                    .map(|cols| cols.iter().map(|&c| self.matrix.regret(c, current)).sum())
                    .collect();
                let total: f64 = regrets.iter().sum();
                let mut at = self.random.unit() * total;
                let seed = regrets
                    .iter()
                    .position(|&r| {
                        at -= r;
                        r > 0.0 && at < 0.0
                    })
                    .unwrap_or_else(|| self.random.below(staff_count));
                (self.related_to(seed, size, true), vec![true; day_count])
            }
            Kind::Days => {
                let mut days = vec![false; day_count];
                mark_stretch(&mut self.random, &mut days, size);
                (vec![true; staff_count], days)
            }
            Kind::Apart => (
                vec![true; staff_count],
                two_stretches(&mut self.random, day_count, size / 2),
            ),
            Kind::Shortage => {
                // days around a slot short of people, and everyone who could take it
                let short: Vec<usize> = (0..self.soft_slots.len())
                    .filter(|&i| {
                        let (_, _, min, cols) = &self.soft_slots[i];
                        let n: f64 = cols.iter().map(|&c| current[c]).sum();
                        n + 0.5 < f64::from(*min)
                    })
                    .collect();
                if short.is_empty() {
                    return self.pick(Kind::Days, current);
                }
                let (day, duty, _, _) = self.soft_slots[short[self.random.below(short.len())]];
                let width = size.min(day_count);
                let first = day
                    .saturating_sub(self.random.below(width))
                    .min(day_count - width);
                let days: Vec<usize> = (first..first + width).collect();
                let people: Vec<usize> = (0..staff_count)
                    .filter(|&p| self.kinds[p].contains(&duty))
                    .collect();
                (mark(staff_count, &people), mark(day_count, &days))
            }
        }
    }

    /// `size` people who could take one duty kind that `seed` could take, then
    /// anyone, in random order within each; `seed` first when `seed_first`.
    fn related_to(&mut self, seed: usize, size: usize, seed_first: bool) -> Vec<bool> {
        let staff_count = self.by_staff_day.len();
        let kinds = &self.kinds[seed];
        let chosen = if kinds.is_empty() {
            None
        } else {
            Some(kinds[self.random.below(kinds.len())])
        };
        let left_out = |p: usize| seed_first && p == seed;
        let mut related: Vec<usize> = (0..staff_count)
            .filter(|&p| !left_out(p) && chosen.is_some_and(|k| self.kinds[p].contains(&k)))
            .collect();
        let mut others: Vec<usize> = (0..staff_count)
            .filter(|&p| !left_out(p) && !related.contains(&p))
            .collect();
        self.random.shuffle(&mut related);
        self.random.shuffle(&mut others);
        let mut people = if seed_first { vec![seed] } else { Vec::new() };
        people.extend(related);
        people.extend(others);
        mark(staff_count, &people[..size.min(staff_count)])
    }

    /// The decision columns of the people and days freed.
    fn free_columns(&self, people: &[bool], days: &[bool]) -> Vec<usize> {
        let mut free = Vec::new();
        for (person, by_day) in self.by_staff_day.iter().enumerate() {
            for (day, columns) in by_day.iter().enumerate() {
                if people[person] && days[day] {
                    free.extend_from_slice(columns);
                }
            }
        }
        free
    }

    /// `problem` in HiGHS with the search's options: one thread, a new seed each
    /// round (HiGHS's heuristics then vary too), no feasibility jump (each part
    /// starts from the current roster, so a heuristic for a first roster is
    /// wasted) and a small cut pool ([`PART_CUT_POOL`]).
    fn program(&self, problem: highs::RowProblem, round: usize) -> Result<Program, SolveError> {
        let mut program = Program::from_problem(problem, 0.0)?;
        set_options(&mut program, &self.options)?;
        program.set_option("threads", 1)?;
        program.set_option("random_seed", (round % 1_000_000) as i32)?;
        program.set_option("mip_heuristic_run_feasibility_jump", false)?;
        program.set_option("mip_pool_soft_limit", PART_CUT_POOL)?;
        Ok(program)
    }

    /// Solves the part of the program that the decision columns `free` open around
    /// `current`; the whole roster comes back, with its objective recomputed from its columns.
    fn solve_part(
        &mut self,
        free: &[usize],
        current: &[f64],
        budget: f64,
        round: usize,
    ) -> Result<Run, SolveError> {
        let (problem, part) = self.matrix.part(free, &self.decision, current);
        if part.is_empty() {
            // Nothing to solve (the people drawn have no duty they could take on
            // the days drawn): the roster stays as it is.
            let objective = self.matrix.objective_of(current);
            return Ok(Run {
                status: HighsModelStatus::Optimal,
                columns: Some(current.to_vec()),
                objective,
                bound: objective,
            });
        }
        let mut program = self.program(problem, round)?;
        let mut run = program.solve_with(budget, Some(&part.start), Callbacks::Stop(&self.stop))?;
        run.columns = run.columns.map(|solved| part.complete(&solved, current));
        if let Some(columns) = &run.columns {
            run.objective = self.matrix.objective_of(columns);
        }
        Ok(run)
    }
}

/// HiGHS's `mip_pool_soft_limit` in a part (its default is 10,000): the cuts the
/// pool keeps before it ages them out faster. A part is solved for a better
/// roster, not for its bound; the parts that run out of time spend it in the
/// root's cut rounds, which a smaller pool makes shorter, so more of them reach
/// HiGHS's heuristics and nodes within their time.
const PART_CUT_POOL: i32 = 100;

/// The kinds of neighbourhood: each tried once in this order, then drawn by recent gain.
#[derive(Debug, Clone, Copy)]
enum Kind {
    /// A few people chosen at random, all days.
    People,
    /// A few people who could take the same duty kind, all days.
    Related,
    /// Everyone, on a few consecutive days.
    Days,
    /// Everyone who could take a slot short of people, on a few days around it.
    Shortage,
    /// Everyone, on two stretches of days at random places, usually apart: work can
    /// move between distant days (within each person's totals over the period),
    /// which a single stretch of days cannot do.
    Apart,
    /// A person drawn by what their roster costs beyond the least it could (wishes
    /// not met), and people who could take one duty kind they could take, all days.
    Regret,
}

impl Kind {
    const ALL: [Kind; 6] = [
        Kind::People,
        Kind::Shortage,
        Kind::Days,
        Kind::Related,
        Kind::Apart,
        Kind::Regret,
    ];
}

/// Two stretches of `width` consecutive days (at least one) out of `day_count`, each
/// at a random place; they may overlap or meet.
fn two_stretches(random: &mut SplitMix, day_count: usize, width: usize) -> Vec<bool> {
    let mut days = vec![false; day_count];
    for _ in 0..2 {
        mark_stretch(random, &mut days, width);
    }
    days
}

/// Sets a stretch of `width` consecutive `days` (at least one, at most all) at a
/// random place.
fn mark_stretch(random: &mut SplitMix, days: &mut [bool], width: usize) {
    if days.is_empty() {
        return;
    }
    let width = width.clamp(1, days.len());
    let first = random.below(days.len() - width + 1);
    days[first..first + width].fill(true);
}

/// `n` flags, set at `indices`.
pub(super) fn mark(n: usize, indices: &[usize]) -> Vec<bool> {
    let mut flags = vec![false; n];
    for &i in indices {
        flags[i] = true;
    }
    flags
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Model;
    use crate::{Preference, Staff, Wish};

    /// A search over the tiny roster with ten people, of whom the eighth wishes to
    /// work no duty at all, and a roster that gives that person Monday's duty.
    fn search_with_one_wish_unmet() -> (Search, Vec<f64>, usize) {
        let mut def = crate::sample::tiny_roster_def();
        for id in ["D", "E", "F", "G", "H", "I", "J"] {
            def.staff.push(Staff::new(id, id, "hq"));
        }
        let unhappy = 7;
        def.staff[unhappy].preferences = vec![Preference::new(Wish::Avoid, 5)];
        let roster = Roster::new(def).unwrap();
        let model = Model::build(&roster);
        let decisions = model.decisions().to_vec();
        let (vars, objective, rows, _) = model.into_parts();
        let matrix = Arc::new(Matrix::new(&vars, &objective, &rows));
        let mut current = vec![0.0; matrix.column_count()];
        let monday = decisions
            .iter()
            .find(|d| {
                d.staff == unhappy && roster.slots()[d.slot].date.format("%a").to_string() == "Mon"
            })
            .unwrap();
        current[monday.column] = 1.0;
        let decision = super::super::decision_mask(&matrix, &decisions);
        let search = Search::new(
            matrix,
            &roster,
            &decisions,
            decision,
            &SolveOptions::default(),
            Arc::new(AtomicBool::new(false)),
            Instant::now(),
        );
        (search, current, unhappy)
    }

    #[test]
    fn a_regret_neighbourhood_frees_the_person_whose_wish_is_unmet() {
        let (mut search, current, unhappy) = search_with_one_wish_unmet();
        for _ in 0..20 {
            let (people, days) = search.pick(Kind::Regret, &current);
            assert!(people[unhappy], "{people:?}");
            assert_eq!(people.iter().filter(|&&p| p).count(), 2);
            assert!(days.iter().all(|&d| d));
        }
    }

    #[test]
    fn a_related_neighbourhood_draws_anyone() {
        let (mut search, current, unhappy) = search_with_one_wish_unmet();
        let drawn = (0..40)
            .filter(|_| search.pick(Kind::Related, &current).0[unhappy])
            .count();
        assert!(drawn < 40, "not drawn by regret");
    }

    /// The days each stretch of `days` starts on.
    fn starts(days: &[bool]) -> Vec<usize> {
        (0..days.len())
            .filter(|&d| days[d] && (d == 0 || !days[d - 1]))
            .collect()
    }

    #[test]
    fn two_stretches_free_two_runs_of_days_or_one_where_they_meet() {
        let mut random = SplitMix(7);
        let mut apart = 0;
        for _ in 0..200 {
            let days = two_stretches(&mut random, 28, 5);
            let freed = days.iter().filter(|&&d| d).count();
            assert!((5..=10).contains(&freed), "{days:?}");
            let runs = starts(&days).len();
            assert!(runs == 1 || runs == 2, "{days:?}");
            if runs == 2 {
                assert_eq!(freed, 10, "two runs apart are whole stretches: {days:?}");
                apart += 1;
            }
        }
        assert!(apart > 100, "mostly apart on 28 days: {apart} of 200");
    }

    #[test]
    fn two_stretches_fit_short_periods() {
        let mut random = SplitMix(1);
        assert_eq!(two_stretches(&mut random, 3, 10), vec![true; 3]);
        let one_day_each = two_stretches(&mut random, 4, 0);
        assert!((1..=2).contains(&one_day_each.iter().filter(|&&d| d).count()));
        assert!(two_stretches(&mut random, 0, 3).is_empty());
    }
}
