#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly
//! The code registry is consistent: each code has an explanation page with
//! the fixed sections, and each page's example triggers its own code.

use pacte::cli::check::check_paths;
use pacte::diagnostic::Code;

const SECTIONS: [&str; 5] = [
    "## Ce que signifie ce code",
    "## Pourquoi",
    "## Exemple",
    "## Comment corriger",
    "## Texte de référence",
];

#[test]
fn every_code_has_a_complete_page() {
    for code in Code::ALL {
        let page = code.explanation();
        assert!(page.starts_with(&format!("# {}", code.as_str())), "{code}");
        for section in SECTIONS {
            assert!(page.contains(section), "{code}: missing {section}");
        }
    }
    let pages = std::fs::read_dir("docs/codes")
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name() != "README.md")
        .count();
    assert_eq!(pages, Code::ALL.len(), "every page is registered");
}

/// The first ```pacte block of a page.
fn example_of(page: &str) -> Option<String> {
    let start = page.find("```pacte\n")? + "```pacte\n".len();
    let end = page[start..].find("```")? + start;
    Some(page[start..end].to_string())
}

#[test]
fn every_check_code_example_triggers_its_code() {
    let dir = std::env::temp_dir().join(format!("pacte-codes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for code in Code::ALL {
        let name = code.as_str();
        if name.starts_with('V') || matches!(name, "E0002" | "E0107" | "E0108" | "R0701" | "R0702")
        {
            continue; // evaluation, binary input and multi-file codes are tested elsewhere
        }
        let example =
            example_of(code.explanation()).unwrap_or_else(|| panic!("{name}: no example"));
        let path = dir.join(format!("{name}.pacte"));
        std::fs::write(&path, example).unwrap();
        let checked = check_paths(&[path], None).unwrap();
        let codes: Vec<Code> = checked.diagnostics.iter().map(|d| d.code).collect();
        assert!(codes.contains(code), "{name}: the example gives {codes:?}");
    }
}
