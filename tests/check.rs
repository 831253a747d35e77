#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly
//! Diagnostic fixtures: every file (or folder) under `tests/fixtures/check/`
//! is checked; its inline annotations (`// erreur[E0101]`,
//! `// avertissement[E0303]`, on the line concerned) must match the
//! diagnostics exactly, and the text and JSON renderings are snapshotted.

use pacte::cli::check::check_paths;
use pacte::diagnostic::render::{render, Format};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// (file, line, code) triples expected by the annotations of a fixture.
fn annotations(files: &[PathBuf]) -> BTreeSet<(String, usize, String)> {
    let mut out = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            for word in ["erreur[", "avertissement["] {
                let Some(at) = line.find(&format!("// {word}")) else {
                    continue;
                };
                let code: String = line[at + 3 + word.len()..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect();
                let alone = line[..at].trim().is_empty();
                let target = if alone { i + 2 } else { i + 1 };
                out.insert((file.to_string_lossy().replace('\\', "/"), target, code));
            }
        }
    }
    out
}

fn fixture_files(path: &Path) -> Vec<PathBuf> {
    if path.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(path)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "pacte"))
            .collect();
        files.sort();
        files
    } else {
        vec![path.to_path_buf()]
    }
}

#[test]
fn fixtures_match_their_annotations_and_snapshots() {
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir("tests/fixtures/check")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    fixtures.sort();
    assert!(fixtures.len() >= 37, "one fixture per code expected");
    let mut failures = Vec::new();
    for fixture in &fixtures {
        let checked = check_paths(std::slice::from_ref(fixture), None).unwrap();
        let found: BTreeSet<(String, usize, String)> = checked
            .diagnostics
            .iter()
            .map(|d| {
                let source = checked.workspace.map.get(d.primary.span.source).unwrap();
                let (line, _) = source.line_col(d.primary.span.start as usize);
                (source.path.clone(), line, d.code.to_string())
            })
            .collect();
        let expected = annotations(&fixture_files(fixture));
        if found != expected {
            failures.push(format!(
                "{}:\n  attendu : {expected:?}\n  obtenu  : {found:?}",
                fixture.display()
            ));
        }
        let name = fixture.file_stem().unwrap().to_string_lossy().into_owned();
        let map = &checked.workspace.map;
        insta::assert_snapshot!(
            format!("{name}.text"),
            render(
                Format::Text,
                &checked.diagnostics,
                map,
                &checked.summary,
                false
            )
        );
        insta::assert_snapshot!(
            format!("{name}.json"),
            render(
                Format::Json,
                &checked.diagnostics,
                map,
                &checked.summary,
                false
            )
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_code_but_evaluation_ones_has_a_fixture() {
    let names: Vec<String> = std::fs::read_dir("tests/fixtures/check")
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for code in pacte::diagnostic::Code::ALL {
        let code = code.as_str();
        if code.starts_with('V') || code == "E0002" {
            continue; // evaluation codes: tests/eval.rs; E0002 (binary input): tests/cli.rs
        }
        assert!(
            names.iter().any(|n| n.starts_with(code)),
            "no fixture for {code}"
        );
    }
}
