//! Any bytes as a roster file, through the path of `duty-roster check FILE`.
#![no_main]

// Each target calls one of the shared functions.
#[allow(dead_code)]
#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::roster_file(data));
