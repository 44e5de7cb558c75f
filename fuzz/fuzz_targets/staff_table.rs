//! Any bytes as a staff or leave table (.csv, .xlsx or .ods), through the readers of
//! `staff_from` and `leave_from`.
#![no_main]

// Each target calls one of the shared functions.
#[allow(dead_code)]
#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::staff_table(data));
