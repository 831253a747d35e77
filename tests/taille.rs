#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly
//! Small files: no source file of `src/` is over 600 lines (functions over
//! 80 lines are refused by clippy's `too_many_lines`, see `clippy.toml`).

use std::path::{Path, PathBuf};

const MAX_LINES: usize = 600;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_source_file_is_over_600_lines() {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    assert!(files.len() > 100, "src/ not found");
    let mut too_long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let lines = std::fs::read_to_string(f).unwrap().lines().count();
            (lines > MAX_LINES).then(|| format!("{} : {lines} lignes", f.display()))
        })
        .collect();
    too_long.sort();
    assert!(
        too_long.is_empty(),
        "fichiers de plus de {MAX_LINES} lignes (à découper) :\n{}",
        too_long.join("\n")
    );
}
