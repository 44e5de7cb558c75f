use duty_roster::{Fairness, Roster, SolveOptions, solve};
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let roster = duty_roster::read_roster_file(std::path::Path::new(&a[2])).unwrap();
    let mut def = roster.def().clone();
    let w: Vec<u32> = a[1].split(',').map(|x| x.parse().unwrap()).collect();
    def.rules.fairness = Fairness {
        max_duty_deviation: w[0],
        total_duty_deviation: w[1],
        max_hours_deviation: w[2],
        total_hours_deviation: w[3],
    };
    let roster = Roster::new(def).unwrap();
    let o = solve(
        &roster,
        &SolveOptions {
            time_limit: 20.0,
            ..Default::default()
        },
    )
    .unwrap();
    println!(
        "{:?} solver obj {:.3} bound {:.3} solve {:.2}",
        o.status, o.solver_objective, o.best_bound, o.solve_seconds
    );
}
