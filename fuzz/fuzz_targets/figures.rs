//! The figures reader (CSV, layout detected as for `--figures`) against
//! the example contracts' indicators; every diagnostic is rendered.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::read_figures(data);
});
