//! Work on a thread of its own whose result is awaited with a deadline. HiGHS can,
//! rarely, loop in its presolve (strengthening inequalities after a restart)
//! without looking at its time limit or its interrupt flag: a solve must not wait
//! for such a thread forever, so it stops waiting and lets it go.

use std::sync::mpsc;
use std::time::Duration;

/// Work running on its own thread.
pub(super) struct Detached<T> {
    result: mpsc::Receiver<T>,
}

impl<T: Send + 'static> Detached<T> {
    /// Starts `work` on a thread of its own.
    pub(super) fn spawn(work: impl FnOnce() -> T + Send + 'static) -> Detached<T> {
        let (sender, result) = mpsc::channel();
        std::thread::spawn(move || {
            // the receiver is gone when nobody waits any more
            let _ = sender.send(work());
        });
        Detached { result }
    }

    /// The work's result, when it ends within `seconds`; `None` when it does not
    /// (the thread goes on, and its result is dropped) or when it panicked.
    pub(super) fn wait(self, seconds: f64) -> Option<T> {
        self.result
            .recv_timeout(Duration::from_secs_f64(seconds.max(0.0)))
            .ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_result_within_the_deadline_comes_back() {
        let work = Detached::spawn(|| 6 * 7);
        assert_eq!(work.wait(10.0), Some(42));
    }

    #[test]
    fn work_past_the_deadline_is_let_go() {
        let work = Detached::spawn(|| {
            std::thread::sleep(Duration::from_secs(5));
            1
        });
        let waiting = std::time::Instant::now();
        assert_eq!(work.wait(0.05), None);
        assert!(waiting.elapsed() < Duration::from_secs(4));
    }

    #[test]
    fn work_that_panics_gives_nothing() {
        let work: Detached<u8> = Detached::spawn(|| panic!("a part failed"));
        assert_eq!(work.wait(10.0), None);
    }
}
