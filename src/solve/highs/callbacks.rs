//! The HiGHS callbacks through which a solve shares rosters and its bound with an
//! [`Exchange`], or is interrupted by a flag. The `highs` crate does not wrap
//! HiGHS's callbacks, so this module calls the C interface (`highs-sys`) directly.
//! It also declares a [`Program`] safe to move to another thread. It is the only
//! unsafe code of the crate.
//!
//! HiGHS keeps a raw pointer to the callbacks' data. [`Started`] ties that pointer's
//! life to the data's: it owns the HiGHS instance while the callbacks are set and
//! borrows the data for as long, and it gives the instance back only once the
//! callbacks are removed. Whatever else happens to it (a failed solve, a failure to
//! remove the callbacks, the guard dropped), the instance is destroyed with it, so
//! no HiGHS instance outlives the data it points to.

use std::ffi::{c_char, c_int, c_void};
use std::marker::PhantomData;
use std::sync::atomic::{AtomicBool, Ordering};

use highs::{Model, SolvedModel};
use highs_sys::{
    Highs_getDoubleOptionValue, Highs_setCallback, Highs_setCallbackSolution,
    Highs_setDoubleOptionValue, Highs_startCallback, HighsCallbackDataIn, HighsCallbackDataOut,
    kHighsCallbackCallbackMipUserSolution, kHighsCallbackIpmInterrupt,
    kHighsCallbackMipImprovingSolution, kHighsCallbackMipInterrupt, kHighsCallbackSimplexInterrupt,
    kHighsStatusOk,
};

use super::exchange::Exchange;
use super::program::Program;
use crate::SolveError;

// SAFETY: a `Program` owns its HiGHS instance alone: no other handle to it exists,
// and the callbacks' data are borrowed only while a solve runs (`Started`), on the
// thread that solves. A HiGHS instance may be used from any thread, one at a time
// (the search's parts are made and solved on threads of their own); the `highs`
// crate's model is not `Send` only because it holds a raw pointer.
unsafe impl Send for Program {}

/// The flags that interrupt a solve with [`Started::stoppable`]: any one set stops it.
pub(crate) struct Interrupt<'a>(pub [Option<&'a AtomicBool>; 2]);

impl Interrupt<'_> {
    fn is_set(&self) -> bool {
        self.0.iter().flatten().any(|f| f.load(Ordering::Relaxed))
    }
}

/// The callbacks at which HiGHS may be interrupted: in a search, the simplex method
/// and the interior point method.
const INTERRUPTS: [c_int; 3] = [
    kHighsCallbackMipInterrupt,
    kHighsCallbackSimplexInterrupt,
    kHighsCallbackIpmInterrupt,
];

/// A HiGHS instance with callbacks set, whose data is borrowed for `'data`.
///
/// The only way to get the instance back is [`solve`](Started::solve), which
/// removes the callbacks first; dropping the guard destroys the instance, and the
/// callbacks with it.
pub(super) struct Started<'data> {
    /// Declared first, so dropped first: the instance goes before the data it
    /// points to.
    model: Model,
    /// The sharing callback's data, at one address for as long as HiGHS holds a
    /// raw pointer to it.
    sharing: Option<Box<Sharing<'data>>>,
    /// The callbacks' data, which HiGHS holds as a raw pointer.
    data: PhantomData<&'data ()>,
}

/// What the sharing callback reads: the exchange, and the HiGHS instance that
/// calls it, whose time limit it lengthens once the root's first linear program
/// is solved ([`Exchange::root_solved`]).
struct Sharing<'a> {
    exchange: &'a Exchange,
    highs: *mut c_void,
}

impl<'data> Started<'data> {
    /// `model` with the callbacks that share rosters and the bound with `exchange`.
    ///
    /// # Errors
    /// [`SolveError::Solver`] when HiGHS refuses them (the model is then dropped).
    pub(super) fn sharing(mut model: Model, exchange: &'data Exchange) -> Result<Self, SolveError> {
        let highs = model.as_mut_ptr();
        let sharing = Box::new(Sharing { exchange, highs });
        let data = std::ptr::from_ref(&*sharing).cast_mut().cast::<c_void>();
        // SAFETY: `highs` is the live instance `model` owns. `data` points to a
        // `Sharing` boxed in the guard that owns `model`, whose `Exchange` is
        // borrowed for `'data` (or, should HiGHS refuse, `model` is dropped on
        // return, callbacks and all, before the box); `callback` only reads it
        // through a shared reference.
        let ok = unsafe {
            Highs_setCallback(highs, Some(callback), data) == kHighsStatusOk
                && [
                    kHighsCallbackMipImprovingSolution,
                    kHighsCallbackCallbackMipUserSolution,
                    kHighsCallbackMipInterrupt,
                ]
                .iter()
                .all(|&kind| Highs_startCallback(highs, kind) == kHighsStatusOk)
        };
        Started::checked(model, ok, Some(sharing))
    }

    /// `model` with a callback that interrupts the solve once one of `stop`'s
    /// flags is set (checked where HiGHS checks its time limit, in a search and
    /// in the simplex and interior point methods).
    ///
    /// # Errors
    /// [`SolveError::Solver`] when HiGHS refuses it (the model is then dropped).
    pub(super) fn stoppable(mut model: Model, stop: &'data Interrupt) -> Result<Self, SolveError> {
        let highs = model.as_mut_ptr();
        let data = std::ptr::from_ref(stop).cast_mut().cast::<c_void>();
        // SAFETY: as in `sharing`: `highs` is the live instance `model` owns, and
        // `data` points to an `Interrupt` borrowed for as long as the guard owns
        // `model`; `interrupt_when_set` only loads its flags.
        let ok = unsafe {
            Highs_setCallback(highs, Some(interrupt_when_set), data) == kHighsStatusOk
                && INTERRUPTS
                    .iter()
                    .all(|&kind| Highs_startCallback(highs, kind) == kHighsStatusOk)
        };
        Started::checked(model, ok, None)
    }

    fn checked(
        model: Model,
        ok: bool,
        sharing: Option<Box<Sharing<'data>>>,
    ) -> Result<Self, SolveError> {
        if ok {
            Ok(Started {
                model,
                sharing,
                data: PhantomData,
            })
        } else {
            Err(SolveError::Solver("HiGHS refused the callbacks".into()))
        }
    }

    /// Solves with the callbacks, then removes them: the solved model holds no
    /// pointer to the data any more.
    ///
    /// # Errors
    /// [`SolveError::Solver`] when the solve fails or HiGHS does not remove the
    /// callbacks; the instance is destroyed in both cases.
    pub(super) fn solve(self) -> Result<SolvedModel, SolveError> {
        // `sharing` outlives the solve and the instance, which are dropped first
        // on every path out of here (locals go in reverse order).
        let Started { model, sharing, .. } = self;
        let mut solved = model
            .try_solve()
            .map_err(|e| SolveError::Solver(format!("HiGHS failed: {e:?}")))?;
        stop(&mut solved)?;
        drop(sharing);
        Ok(solved)
    }
}

/// Removes the callbacks of `solved` (and with them HiGHS's pointer to their data).
fn stop(solved: &mut SolvedModel) -> Result<(), SolveError> {
    // SAFETY: `solved.as_mut_ptr()` is the live instance `solved` owns; a null
    // callback with null data leaves HiGHS nothing to call or read.
    let status = unsafe { Highs_setCallback(solved.as_mut_ptr(), None, std::ptr::null_mut()) };
    if status == kHighsStatusOk {
        Ok(())
    } else {
        Err(SolveError::Solver(format!(
            "HiGHS did not remove the callbacks (status {status})"
        )))
    }
}

/// HiGHS's `kExternalMipSolutionQueryOriginBeforeDive`: the query made before each
/// dive of the tree search (the C interface does not name it).
const BEFORE_DIVE: i32 = 1;

/// Called by HiGHS during the solve (on its threads, one at a time).
unsafe extern "C" fn callback(
    kind: c_int,
    _message: *const c_char,
    out: *const HighsCallbackDataOut,
    input: *mut HighsCallbackDataIn,
    data: *mut c_void,
) {
    if out.is_null() || data.is_null() {
        return;
    }
    // SAFETY: `data` is the `Sharing` given to `Started::sharing`, kept for as
    // long as HiGHS may call; HiGHS passes valid `out` and `input` structures for
    // the duration of the call.
    let (sharing, out) = unsafe { (&*data.cast::<Sharing>(), &*out) };
    let exchange = sharing.exchange;
    if kind == kHighsCallbackMipImprovingSolution {
        if !out.mip_solution.is_null() && out.mip_solution_size > 0 {
            // SAFETY: HiGHS's solution vector, `mip_solution_size` values long.
            let columns = unsafe {
                std::slice::from_raw_parts(out.mip_solution, out.mip_solution_size as usize)
            };
            exchange.found_by_whole(out.objective_function_value, columns);
        }
    } else if kind == kHighsCallbackCallbackMipUserSolution {
        // Only in the tree search: a roster handed over while the root node is
        // processed makes HiGHS start its root work again, which costs more than
        // the roster gains.
        if input.is_null() || out.external_solution_query_origin != BEFORE_DIVE {
            return;
        }
        if let Some(columns) = exchange.for_whole() {
            // SAFETY: `input` is HiGHS's input structure for this call; the
            // solution has one value per column of the same program.
            unsafe {
                let set = Highs_setCallbackSolution(input, columns.len() as _, columns.as_ptr());
                if set == 0 {
                    // HiGHS copies the structure back after the call and reads
                    // this flag from it, not from what it set itself.
                    (*input).user_has_solution = 1;
                }
            }
        }
    } else if kind == kHighsCallbackMipInterrupt {
        // The bound is minus infinity until the root's first linear program is
        // solved or stopped; no interrupt callback comes while it is being solved.
        if out.mip_dual_bound.is_finite()
            && let Some(seconds) = exchange.root_solved(out.running_time)
        {
            // SAFETY: `sharing.highs` is the instance making this call, on this
            // thread; setting an option writes its value, which HiGHS reads at
            // its next check of its time limit.
            unsafe { lengthen(sharing.highs, seconds) };
        }
        if (exchange.note_bound(out.mip_dual_bound)
            || exchange.stop_asked()
            || exchange.whole_yields())
            && !input.is_null()
        {
            // SAFETY: `input` is HiGHS's input structure, valid during the call.
            unsafe { (*input).user_interrupt = 1 };
        }
    }
}

/// Lengthens the time limit of the HiGHS instance `highs` by `seconds`.
///
/// # Safety
/// `highs` must be a live HiGHS instance, used by no other thread meanwhile.
unsafe fn lengthen(highs: *mut c_void, seconds: f64) {
    let mut limit = 0.0;
    // SAFETY: as the caller guarantees; the option's name is a C string.
    unsafe {
        if Highs_getDoubleOptionValue(highs, c"time_limit".as_ptr(), &mut limit) == kHighsStatusOk {
            Highs_setDoubleOptionValue(highs, c"time_limit".as_ptr(), limit + seconds);
        }
    }
}

/// The callback of [`Started::stoppable`]: interrupts the solve once a flag of the
/// [`Interrupt`] in `data` is set.
unsafe extern "C" fn interrupt_when_set(
    kind: c_int,
    _message: *const c_char,
    _out: *const HighsCallbackDataOut,
    input: *mut HighsCallbackDataIn,
    data: *mut c_void,
) {
    if !INTERRUPTS.contains(&kind) || input.is_null() || data.is_null() {
        return;
    }
    // SAFETY: `data` is the `Interrupt` given to `Started::stoppable`, borrowed
    // for as long as HiGHS may call; `input` is HiGHS's, valid during the call.
    unsafe {
        if (*data.cast::<Interrupt>()).is_set() {
            (*input).user_interrupt = 1;
        }
    }
}
