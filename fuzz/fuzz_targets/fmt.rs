//! The formatter: no internal error on a text it accepts, idempotent, and
//! the formatted text has the same diagnostics (codes) as the original.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pacte::fmt::{format, FmtError};

fn codes(text: &str) -> Vec<String> {
    let (_, diagnostics, _) = pacte::pipeline::check_text("fuzz.pacte", text);
    let mut codes: Vec<String> = diagnostics
        .iter()
        .map(|d| format!("{:?}", d.code))
        .collect();
    codes.sort();
    codes
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match format("fuzz.pacte", text) {
        Ok(out) => {
            match format("fuzz.pacte", &out) {
                Ok(again) => assert_eq!(again, out, "fmt is not idempotent"),
                Err(e) => panic!("formatted text is refused: {e:?}"),
            }
            assert_eq!(codes(text), codes(&out), "fmt changes the diagnostics");
        }
        Err(FmtError::Internal(message)) => panic!("fmt internal error: {message}"),
        Err(FmtError::Invalid { .. }) => {}
    }
});
