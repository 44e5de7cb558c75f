//! Any bytes as a roster file, through the path of `duty-roster check FILE`.
#![no_main]

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::roster_file(data));
