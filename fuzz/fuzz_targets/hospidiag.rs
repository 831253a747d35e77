//! The Hospi Diag reader: the input follows a Hospi Diag header line, so
//! every run goes through that layout.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

const HEADER: &[u8] = b"annee,finess,rs,cat,F1_D,F2_D,F3_D,CI_F1_D,CI_F10_D,CI_A1,CI_RH1,P1\n";

fuzz_target!(|data: &[u8]| {
    let mut bytes = HEADER.to_vec();
    bytes.extend_from_slice(data);
    common::read_figures(&bytes);
});
