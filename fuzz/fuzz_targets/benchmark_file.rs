//! Any bytes as a shift-scheduling benchmark file, through the benchmark reader.
#![no_main]

// Each target calls one of the shared functions.
#[allow(dead_code)]
#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::benchmark_file(data));
