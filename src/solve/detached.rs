//! Work on a thread of its own whose result is awaited with a deadline. HiGHS can,
//! rarely, loop in its presolve (strengthening inequalities after a restart)
//! without looking at its time limit or its interrupt flag: a solve must not wait
//! for such a thread forever, so it stops waiting and lets it go. Nor does it look
//! at them inside its root's first linear program, which on the largest programs
//! lasts beyond the time limit.

use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

/// How often [`Detached::wait_while`] asks whether to wait on.
const POLL: Duration = Duration::from_millis(10);

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

    /// The work's result, waited for while `waiting()` holds (asked every few
    /// milliseconds); `None` once it no longer does (the thread goes on, and its
    /// result is dropped) or when the work panicked.
    pub(super) fn wait_while(self, mut waiting: impl FnMut() -> bool) -> Option<T> {
        loop {
            match self.result.recv_timeout(POLL) {
                Ok(result) => return Some(result),
                Err(RecvTimeoutError::Disconnected) => return None,
                Err(RecvTimeoutError::Timeout) if !waiting() => return None,
                Err(RecvTimeoutError::Timeout) => {}
            }
        }
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
    fn work_is_waited_for_while_asked() {
        let work = Detached::spawn(|| {
            std::thread::sleep(Duration::from_millis(50));
            7
        });
        let mut asked = 0;
        let result = work.wait_while(|| {
            asked += 1;
            true
        });
        assert_eq!(result, Some(7));
        assert!(asked >= 1, "asked {asked} times");
    }

    #[test]
    fn work_is_let_go_once_waiting_ends() {
        let work = Detached::spawn(|| {
            std::thread::sleep(Duration::from_secs(5));
            1
        });
        let waiting = std::time::Instant::now();
        let mut asked = 0;
        let result = work.wait_while(|| {
            asked += 1;
            asked < 3
        });
        assert_eq!(result, None);
        assert_eq!(asked, 3);
        assert!(waiting.elapsed() < Duration::from_secs(4));
    }

    #[test]
    fn work_that_panics_gives_nothing() {
        let work: Detached<u8> = Detached::spawn(|| panic!("a part failed"));
        assert_eq!(work.wait(10.0), None);
    }
}
