//! The parser alone: any text gives a file or diagnostics, never a panic,
//! and every diagnostic renders.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pacte::diagnostic::Diagnostics;
use pacte::source::{Origin, SourceMap};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut map = SourceMap::new();
    let id = map.add("fuzz.pacte", text, Origin::User);
    let mut diagnostics = Diagnostics::new();
    if let Some(source) = map.get(id) {
        let _ = pacte::syntax::parse(source, &mut diagnostics);
    }
    for d in diagnostics.into_vec() {
        let _ = pacte::diagnostic::render::text_one(&d, &map, false);
    }
});
