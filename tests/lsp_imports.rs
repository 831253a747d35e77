#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly
//! The editor server loads a document by the same pipeline entry as
//! `pacte check`: on a folder whose contracts use `importe`, every file
//! gets exactly the diagnostics `pacte check FOLDER` gives it (code, range,
//! message and help).

mod lsp_support;

use lsp_support::{file_uri, temp_dir, Client};
use pacte::cli::check::check_paths;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// The (line, UTF-16 column) of a byte offset, as LSP counts.
fn position(text: &str, byte: usize) -> Value {
    let before = &text[..byte];
    let line = before.matches('\n').count();
    let col = before.rsplit('\n').next().unwrap().encode_utf16().count();
    json!({"line": line, "character": col})
}

/// `pacte check FOLDER`'s diagnostics, in the LSP's form, file by file.
fn expected(folder: &Path, file: &Path) -> Vec<Value> {
    let checked = check_paths(&[folder.to_path_buf()], None).unwrap();
    let text = std::fs::read_to_string(file).unwrap();
    let name = file.to_string_lossy().into_owned();
    let mut out = Vec::new();
    for d in &checked.diagnostics {
        let source = checked.workspace.map.get(d.primary.span.source).unwrap();
        if source.path != name {
            continue;
        }
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str(&format!("\naide : {help}"));
        }
        let (start, end) = (d.primary.span.start as usize, d.primary.span.end as usize);
        out.push(json!({
            "code": d.code.to_string(),
            "message": message,
            "range": {"start": position(&text, start), "end": position(&text, end)},
        }));
    }
    out
}

/// What the server publishes for a file opened with its text on disk.
fn published(c: &mut Client, file: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(file).unwrap();
    let d = c.open(&file_uri(&file.to_string_lossy()), &text);
    d["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| json!({"code": d["code"], "message": d["message"], "range": d["range"]}))
        .collect()
}

fn pacte_files(folder: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pacte"))
        .collect();
    files.sort();
    files
}

/// Opens every file of `folder` and compares with `pacte check FOLDER`;
/// returns the number of diagnostics compared.
fn same_as_check(folder: &Path) -> usize {
    let mut c = Client::start(Some(&folder.to_string_lossy()));
    let mut compared = 0;
    for file in pacte_files(folder) {
        let want = expected(folder, &file);
        let got = published(&mut c, &file);
        assert_eq!(got, want, "{}", file.display());
        compared += want.len();
    }
    c.stop();
    compared
}

#[test]
fn the_region_example_gets_the_diagnostics_of_pacte_check() {
    let folder = std::fs::canonicalize("examples/region-exemple").unwrap();
    let bessin = std::fs::read_to_string(folder.join("ch_bessin_littoral.pacte")).unwrap();
    assert!(bessin.contains("importe \"cadre_regional.pacte\""));
    assert_eq!(same_as_check(&folder), 0);
}

#[test]
fn import_errors_and_the_imported_framework_are_reported_alike() {
    let source = std::fs::canonicalize("examples/region-exemple").unwrap();
    let dir = temp_dir("imports-comme-check");
    let folder = dir.join("region");
    std::fs::create_dir_all(&folder).unwrap();
    for file in pacte_files(&source) {
        std::fs::copy(&file, folder.join(file.file_name().unwrap())).unwrap();
    }
    // A duration the imported framework (4 to 5 years) refuses, a missing
    // import (E0101), one that leaves the folder (E0107), and an import cycle.
    let bessin = folder.join("ch_bessin_littoral.pacte");
    let text = std::fs::read_to_string(&bessin)
        .unwrap()
        .replace("période 2025 à 2029", "période 2025 à 2027")
        .replace(
            "importe \"cadre_regional.pacte\"",
            "importe \"cadre_regional.pacte\"\nimporte \"absent.pacte\"\nimporte \"../ailleurs.pacte\"",
        );
    std::fs::write(&bessin, text).unwrap();
    let cadre = folder.join("cadre_regional.pacte");
    let text = std::fs::read_to_string(&cadre).unwrap();
    std::fs::write(
        &cadre,
        format!("importe \"ch_bessin_littoral.pacte\"\n{text}"),
    )
    .unwrap();
    std::fs::write(dir.join("ailleurs.pacte"), "").unwrap();

    let checked = check_paths(std::slice::from_ref(&folder), None).unwrap();
    let codes: Vec<String> = checked
        .diagnostics
        .iter()
        .map(|d| d.code.to_string())
        .collect();
    for code in ["E0101", "E0107", "E0108"] {
        assert!(codes.iter().any(|c| c == code), "{code} in {codes:?}");
    }
    assert!(codes.iter().any(|c| c.starts_with("R01")), "{codes:?}");
    assert!(same_as_check(&folder) >= 4);
}
