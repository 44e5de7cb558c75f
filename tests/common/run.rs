//! One run of the program, with fluent checks on its exit status and output.

use std::process::{Command, Output};

use super::root;

const BIN: &str = env!("CARGO_BIN_EXE_duty-roster");

/// One run of the program, with fluent checks.
pub struct Run {
    pub output: Output,
}

impl Run {
    pub fn new(args: &[&str]) -> Run {
        Run::with_env(args, &[])
    }

    pub fn with_env(args: &[&str], env: &[(&str, &str)]) -> Run {
        let output = Command::new(BIN)
            .args(args)
            .envs(env.iter().copied())
            .current_dir(root())
            .output()
            .expect("run duty-roster");
        Run { output }
    }

    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    pub fn status(self, code: i32) -> Run {
        assert_eq!(
            self.output.status.code(),
            Some(code),
            "stdout:\n{}\nstderr:\n{}",
            self.stdout(),
            self.stderr()
        );
        self
    }

    pub fn stderr_has(self, text: &str) -> Run {
        assert!(
            self.stderr().contains(text),
            "stderr lacks {text:?}:\n{}",
            self.stderr()
        );
        self
    }

    pub fn stdout_has(self, text: &str) -> Run {
        assert!(
            self.stdout().contains(text),
            "stdout lacks {text:?}:\n{}",
            self.stdout()
        );
        self
    }

    /// Neither stream carries a raw control character but the line ends.
    pub fn no_raw_controls(self) -> Run {
        for (name, bytes) in [
            ("stdout", &self.output.stdout),
            ("stderr", &self.output.stderr),
        ] {
            let bad = bytes
                .iter()
                .position(|&b| b < 0x20 && b != b'\n' || b == 0x7f);
            assert!(
                bad.is_none(),
                "{name} has a raw control byte:\n{}",
                String::from_utf8_lossy(bytes)
            );
        }
        self
    }
}
