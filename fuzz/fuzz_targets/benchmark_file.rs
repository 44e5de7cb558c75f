//! Any bytes as a shift-scheduling benchmark file, through the benchmark reader.
#![no_main]

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::benchmark_file(data));
