#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly
//! No input makes the checker panic: random token soups and random edits of
//! a real contract all end in diagnostics (or none), never in a crash.

use proptest::prelude::*;

const TOKENS: &[&str] = &[
    "contrat",
    "objectif",
    "cible",
    "base",
    "aide",
    "période",
    "à",
    "signé",
    "le",
    "{",
    "}",
    "(",
    ")",
    ":",
    ";",
    ",",
    "\"",
    "\"\"\"",
    "//",
    "\n",
    " ",
    "2025",
    "2026",
    "-",
    "1,5",
    "1 500",
    "M€",
    "%",
    "j",
    ">=",
    "<=",
    "entre",
    "et",
    "ou",
    "non",
    "x",
    "é",
    "indicateur",
    "cadre",
    "étend",
    "formule",
    "caf",
    "/",
    "*",
    "+",
    "modulation",
    "si",
    "réalisation",
    "sinon",
    "2025-12-10",
    "8 juillet",
    "importe",
    "\0",
    "\u{FEFF}",
    "…",
];

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..200).prop_map(|t| t.join(" "))
}

// 24 cases in the default run, 250 in the ignored run that CI does.
proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn token_soups_never_panic(text in soup()) {
        let _ = pacte::pipeline::check_text("soupe.pacte", &text);
    }

    #[test]
    fn edited_contracts_never_panic(cut in 0usize..3000, insert in prop::sample::select(TOKENS)) {
        let base = std::fs::read_to_string("examples/ch_valmont.pacte").unwrap();
        let mut at = cut.min(base.len());
        while !base.is_char_boundary(at) {
            at -= 1;
        }
        let text = format!("{}{insert}{}", &base[..at], &base[at..]);
        let (map, diagnostics, _) = pacte::pipeline::check_text("edite.pacte", &text);
        for d in &diagnostics {
            // Every diagnostic renders, with a position inside its file.
            let json = pacte::diagnostic::render::json_diagnostic(d, &map);
            prop_assert!(json.line >= 1 && json.column >= 1);
            let _ = pacte::diagnostic::render::text_one(d, &map, false);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 250, ..ProptestConfig::default() })]

    #[test]
    #[ignore = "lourd : cargo test -- --ignored (CI)"]
    fn many_token_soups_never_panic(text in soup()) {
        let _ = pacte::pipeline::check_text("soupe.pacte", &text);
    }

    #[test]
    #[ignore = "lourd : cargo test -- --ignored (CI)"]
    fn many_edited_contracts_never_panic(cut in 0usize..3000, insert in prop::sample::select(TOKENS)) {
        let base = std::fs::read_to_string("examples/ch_valmont.pacte").unwrap();
        let mut at = cut.min(base.len());
        while !base.is_char_boundary(at) {
            at -= 1;
        }
        let text = format!("{}{insert}{}", &base[..at], &base[at..]);
        let (map, diagnostics, _) = pacte::pipeline::check_text("edite.pacte", &text);
        for d in &diagnostics {
            // Every diagnostic renders, with a position inside its file.
            let json = pacte::diagnostic::render::json_diagnostic(d, &map);
            prop_assert!(json.line >= 1 && json.column >= 1);
            let _ = pacte::diagnostic::render::text_one(d, &map, false);
        }
    }
}

#[test]
fn the_spec_example_checks_clean_in_memory() {
    let text = std::fs::read_to_string("examples/ch_valmont.pacte").unwrap();
    let (_, diagnostics, program) = pacte::pipeline::check_text("ch_valmont.pacte", &text);
    assert!(diagnostics.is_empty());
    assert_eq!(program.contrats.len(), 1);
}
