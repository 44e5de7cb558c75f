//! Everything that talks to HiGHS: the program as HiGHS holds it ([`Program`]), a
//! sparse copy of it that parts are cut from ([`Matrix`]), what concurrent solves
//! share ([`Exchange`]), and the C callbacks through which they share it.

// The one module with unsafe code: HiGHS's C callbacks, and `Program` made `Send`.
#[allow(unsafe_code)]
mod callbacks;
mod exchange;
mod matrix;
mod program;
mod progress;

pub(crate) use exchange::{Exchange, better, meets};
pub(crate) use matrix::Matrix;
pub(crate) use program::{Callbacks, Program, Run};
