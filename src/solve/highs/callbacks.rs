//! The HiGHS callbacks through which a solve shares rosters and its bound with an
//! [`Exchange`]. The `highs` crate does not wrap HiGHS's callbacks, so this module
//! calls the C interface (`highs-sys`) directly; it is the only unsafe code of the
//! crate.

use std::ffi::{c_char, c_int, c_void};
use std::sync::atomic::{AtomicBool, Ordering};

use highs_sys::{
    Highs_setCallback, Highs_setCallbackSolution, Highs_startCallback, HighsCallbackDataIn,
    HighsCallbackDataOut, kHighsCallbackCallbackMipUserSolution,
    kHighsCallbackMipImprovingSolution, kHighsCallbackMipInterrupt,
};

use super::exchange::Exchange;
use crate::SolveError;

/// Registers the callbacks on the HiGHS instance `highs`, with `exchange` as their
/// data. `exchange` must outlive the solve: call [`stop`] after it.
pub(super) fn start(highs: *mut c_void, exchange: &Exchange) -> Result<(), SolveError> {
    let data = std::ptr::from_ref(exchange).cast_mut().cast::<c_void>();
    // SAFETY: `highs` is a live HiGHS instance; `data` points to an `Exchange`
    // that the caller keeps alive until `stop`, and `callback` only reads it.
    let ok = unsafe {
        Highs_setCallback(highs, Some(callback), data) == 0
            && [
                kHighsCallbackMipImprovingSolution,
                kHighsCallbackCallbackMipUserSolution,
                kHighsCallbackMipInterrupt,
            ]
            .iter()
            .all(|&kind| Highs_startCallback(highs, kind) == 0)
    };
    if ok {
        Ok(())
    } else {
        Err(SolveError::Solver("HiGHS refused the callbacks".into()))
    }
}

/// Registers a callback on the HiGHS instance `highs` that interrupts the solve
/// once `stop` is set. `stop` must outlive the solve: call [`stop`] after it.
pub(super) fn start_stoppable(highs: *mut c_void, stop: &AtomicBool) -> Result<(), SolveError> {
    let data = std::ptr::from_ref(stop).cast_mut().cast::<c_void>();
    // SAFETY: `highs` is a live HiGHS instance; `data` points to an `AtomicBool`
    // that the caller keeps alive until `stop`, and `interrupt_when_set` only reads it.
    let ok = unsafe {
        Highs_setCallback(highs, Some(interrupt_when_set), data) == 0
            && Highs_startCallback(highs, kHighsCallbackMipInterrupt) == 0
    };
    if ok {
        Ok(())
    } else {
        Err(SolveError::Solver("HiGHS refused the callbacks".into()))
    }
}

/// Removes the callbacks (and with them HiGHS's pointer to the exchange).
pub(super) fn stop(highs: *mut c_void) {
    // SAFETY: `highs` is a live HiGHS instance; no callback is set after this.
    unsafe {
        Highs_setCallback(highs, None, std::ptr::null_mut());
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
    // SAFETY: `data` is the `Exchange` given to `start`, alive for the solve; HiGHS
    // passes valid `out` and `input` structures for the duration of the call.
    let (exchange, out) = unsafe { (&*data.cast::<Exchange>(), &*out) };
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
    } else if kind == kHighsCallbackMipInterrupt
        && exchange.note_bound(out.mip_dual_bound)
        && !input.is_null()
    {
        // SAFETY: as above.
        unsafe { (*input).user_interrupt = 1 };
    }
}

/// The callback of [`start_stoppable`]: interrupts the solve once the flag in `data`
/// is set.
unsafe extern "C" fn interrupt_when_set(
    kind: c_int,
    _message: *const c_char,
    _out: *const HighsCallbackDataOut,
    input: *mut HighsCallbackDataIn,
    data: *mut c_void,
) {
    if kind != kHighsCallbackMipInterrupt || input.is_null() || data.is_null() {
        return;
    }
    // SAFETY: `data` is the `AtomicBool` given to `start_stoppable`, alive until
    // `stop`; `input` is HiGHS's, valid during the callback.
    unsafe {
        if (*data.cast::<AtomicBool>()).load(Ordering::Relaxed) {
            (*input).user_interrupt = 1;
        }
    }
}
