//! The whole check pipeline (parse, names, dimensions, well-formedness,
//! rules) against the std, parsed once per process; every diagnostic is
//! rendered in text and JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (map, diagnostics, _program) = pacte::pipeline::check_text("fuzz.pacte", text);
    for d in &diagnostics {
        let _ = pacte::diagnostic::render::text_one(d, &map, false);
        let _ = pacte::diagnostic::render::json_diagnostic(d, &map);
    }
});
