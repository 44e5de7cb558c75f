//! While `solve` runs: a one-line progress display on a terminal, and the handling of
//! Ctrl-C and SIGTERM (the first stops the solve with its best roster, the second
//! ends the process at once).

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use duty_roster::{Progress, SolveOptions, Watch};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use signal_hook::consts::TERM_SIGNALS;
use signal_hook::flag;

use super::exit::{Failure, OTHER, STOPPED_AT_ONCE};

/// Solves shorter than this show no progress line.
const QUIET_FOR: Duration = Duration::from_secs(1);
/// How often the line is redrawn.
const TICK: Duration = Duration::from_millis(200);

/// The watch of this run's solves, the signal handlers that stop them, and the
/// progress line's thread.
pub struct Watching {
    watch: Arc<Watch>,
    display: Option<(Arc<AtomicBool>, JoinHandle<()>)>,
}

impl Watching {
    /// Handles Ctrl-C and SIGTERM from now on; with `show`, draws the progress line
    /// on standard error once a second has passed, when it is a terminal.
    pub fn start(show: bool) -> Result<Watching, Failure> {
        let watch = Arc::new(Watch::new());
        let stop = watch.stop_flag();
        for &signal in TERM_SIGNALS {
            // Registered first, so it sees the flag before this signal sets it: a
            // signal arriving when the flag is already set ends the process.
            flag::register_conditional_shutdown(signal, STOPPED_AT_ONCE, Arc::clone(&stop))
                .and_then(|_| flag::register(signal, Arc::clone(&stop)))
                .map_err(|e| Failure::new(OTHER, format!("cannot handle signals: {e}")))?;
        }
        let display = (show && std::io::stderr().is_terminal()).then(|| {
            let done = Arc::new(AtomicBool::new(false));
            let thread = std::thread::spawn({
                let (watch, done) = (Arc::clone(&watch), Arc::clone(&done));
                move || draw(&watch, &done)
            });
            (done, thread)
        });
        Ok(Watching { watch, display })
    }

    /// Solve options that report to this watch and stop with it.
    pub fn watched(&self, mut options: SolveOptions) -> SolveOptions {
        options.watch = Some(Arc::clone(&self.watch));
        options
    }

    /// Whether a signal asked the solves to stop.
    pub fn interrupted(&self) -> bool {
        self.watch.is_stopped()
    }

    /// Clears the progress line.
    pub fn finish(&mut self) {
        if let Some((done, thread)) = self.display.take() {
            done.store(true, Ordering::Relaxed);
            let _ = thread.join();
        }
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        self.finish();
    }
}

/// Draws the progress line until `done`, from a second after the start.
fn draw(watch: &Watch, done: &AtomicBool) {
    let started = Instant::now();
    while started.elapsed() < QUIET_FOR {
        if done.load(Ordering::Relaxed) {
            return;
        }
        std::thread::sleep(TICK);
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} solving {elapsed} {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    while !done.load(Ordering::Relaxed) {
        bar.set_message(line(watch.progress(), watch.is_stopped()));
        bar.tick();
        std::thread::sleep(TICK);
    }
    bar.finish_and_clear();
}

/// What the progress line says after the elapsed time.
fn line(progress: Progress, stopping: bool) -> String {
    let number = |v: f64| format!("{}", (v * 1e6).round() / 1e6);
    // a large roster solved group by group: the figures are the whole roster's
    let mut text = match progress.group {
        Some((group, count)) => format!("· group {group} of {count} "),
        None => String::new(),
    };
    text.push_str(&match progress.best {
        Some(best) => format!("· best {}", number(best)),
        None => "· no roster yet".to_string(),
    });
    if let Some(bound) = progress.bound {
        text.push_str(&format!(" · bound {}", number(bound)));
    }
    if let Some(gap) = progress.gap() {
        text.push_str(&format!(" · gap {:.2}%", gap * 100.0));
    }
    text.push_str(if stopping {
        " · stopping: writing the best roster found (Ctrl-C again quits at once)"
    } else {
        " · Ctrl-C stops with the best roster found"
    });
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_gives_best_bound_and_gap_when_known() {
        let mut progress = Watch::new().progress();
        assert_eq!(
            line(progress, false),
            "· no roster yet · Ctrl-C stops with the best roster found"
        );
        progress.best = Some(120.0);
        progress.bound = Some(108.0);
        assert_eq!(
            line(progress, true),
            "· best 120 · bound 108 · gap 10.00% · stopping: writing the best roster found (Ctrl-C again quits at once)"
        );
        progress.group = Some((20, 20));
        assert_eq!(
            line(progress, false),
            "· group 20 of 20 · best 120 · bound 108 · gap 10.00% · Ctrl-C stops with the best roster found"
        );
    }
}
