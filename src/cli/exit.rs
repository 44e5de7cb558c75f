//! Exit codes and the friendly printing of errors; everything the program prints
//! goes through here, with control characters escaped.

use std::io::Write;
use std::process::ExitCode;

use duty_roster::input::BaselineError;
use duty_roster::ledger::LedgerError;
use duty_roster::output::terminal::escape_controls;
use duty_roster::{Error, ReadError, SolveError};

/// Something went wrong: I/O and other failures.
pub const OTHER: u8 = 1;
/// Invalid input: bad arguments, unreadable or invalid roster file.
pub const USAGE: u8 = 2;
/// The roster is infeasible.
pub const INFEASIBLE: u8 = 3;
/// The solver failed or found no roster in time.
pub const SOLVER: u8 = 4;
/// Stopped by a first Ctrl-C or SIGTERM: the best roster found was written, marked
/// `interrupted` (or none had been found, and nothing was written).
pub const INTERRUPTED: u8 = 5;
/// Stopped at once by a second Ctrl-C or SIGTERM: outputs untouched.
pub const STOPPED_AT_ONCE: i32 = 130;

pub fn code(c: u8) -> ExitCode {
    ExitCode::from(c)
}

/// A failure to report: the message and the exit code.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    pub fn new(code: u8, message: impl Into<String>) -> Self {
        Failure {
            code,
            message: message.into(),
        }
    }

    /// Prints the message on standard error and gives the exit code.
    pub fn report(self) -> ExitCode {
        let _ = writeln!(
            std::io::stderr(),
            "error: {}",
            escape_controls(&self.message)
        );
        code(self.code)
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        let code = match &e {
            // A file too large to read is the user's input, not a failing disk.
            Error::Read(ReadError::Io { source, .. })
            | Error::Ledger(LedgerError::Io { source, .. })
            | Error::Baseline(BaselineError::Io { source, .. })
                if source.kind() == std::io::ErrorKind::FileTooLarge =>
            {
                USAGE
            }
            Error::Read(ReadError::Io { .. }) => OTHER,
            Error::Read(_) | Error::Validation(_) => USAGE,
            Error::Solve(SolveError::Infeasible { .. }) => INFEASIBLE,
            Error::Solve(_) => SOLVER,
            Error::Write(_) => OTHER,
            Error::Ledger(LedgerError::Io { .. }) => OTHER,
            Error::Ledger(_) => USAGE,
            Error::Baseline(BaselineError::Io { .. }) => OTHER,
            Error::Baseline(_) => USAGE,
            // Kinds of error added later: not the user's input, not the solver.
            _ => OTHER,
        };
        Failure::new(code, e.to_string())
    }
}

impl From<ReadError> for Failure {
    fn from(e: ReadError) -> Self {
        Error::from(e).into()
    }
}

/// Prints a message already worded (clap's, starting with `error:`) on standard
/// error.
pub fn print_error(text: &str) {
    let _ = write!(std::io::stderr(), "{}", escape_controls(text));
}

/// Prints a line on standard error: a note or a warning that is not a failure.
pub fn note(text: &str) {
    let _ = writeln!(std::io::stderr(), "note: {}", escape_controls(text));
}

/// Prints a warning line on standard error.
pub fn warning(text: &str) {
    let _ = writeln!(std::io::stderr(), "warning: {}", escape_controls(text));
}

/// Prints to standard output, control characters escaped (text of the roster file
/// reaches it); a closed pipe (`| head`) is not an error.
pub fn print(text: &str) -> Result<(), Failure> {
    print_bytes(escape_controls(text).as_bytes())
}

/// Writes `bytes` to standard output as they are (a script or a manual page the
/// program made itself); a closed pipe is not an error.
pub fn print_bytes(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::new(
            OTHER,
            format!("cannot write to standard output: {e}"),
        )),
    }
}
