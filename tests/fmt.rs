#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly
//! `pacte fmt`: snapshots of every example and formatter fixture, the corpus
//! invariants over every `.pacte` of `examples/`, `std/` and `tests/`
//! (idempotent, same AST without spans, same comments, same check codes),
//! and the same properties on generated messy contracts (proptest).

#[path = "common/gen.rs"]
mod gen;

use pacte::ast::File;
use pacte::diagnostic::Diagnostics;
use pacte::fmt::erase::erase_file;
use pacte::fmt::{format, FmtError};
use pacte::source::{Origin, Source, SourceId, SourceMap};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

fn files_under(dir: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path.to_string_lossy(), out);
        } else if path.to_string_lossy().ends_with(".pacte")
            || path.to_string_lossy().ends_with(".pacte.md")
        {
            out.push(path);
        }
    }
}

fn corpus(dirs: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in dirs {
        files_under(dir, &mut out);
    }
    out.sort();
    out
}

fn shown(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// What `fmt` makes of a file, as a snapshot: the text, or the refusal.
fn outcome(path: &str, text: &str) -> String {
    match format(path, text) {
        Ok(out) => out,
        Err(FmtError::Invalid { diagnostics, .. }) => {
            let codes: Vec<String> = diagnostics
                .iter()
                .map(|d| format!("{} {}", d.code.as_str(), d.message))
                .collect();
            format!("----- NON FORMATÉ -----\n{}\n", codes.join("\n"))
        }
        Err(other) => format!("----- NON FORMATÉ -----\n{other:?}\n"),
    }
}

/// The examples must already be canonical: one snapshot lists what `fmt`
/// makes of each (« inchangé », or why it refuses), so editing an example
/// canonically needs no snapshot update.
#[test]
fn snapshot_of_every_example() {
    let mut lines = Vec::new();
    for path in corpus(&["examples"]) {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = shown(&path);
        let line = match format(&name, &text) {
            Ok(out) if out == text => "inchangé".to_string(),
            Ok(_) => "À REFORMATER".to_string(),
            Err(FmtError::Invalid { diagnostics, .. }) => {
                let codes: Vec<&str> = diagnostics.iter().map(|d| d.code.as_str()).collect();
                format!("non formaté ({})", codes.join(", "))
            }
            Err(e) => format!("DÉFAUT {e:?}"),
        };
        lines.push(format!("{name} : {line}"));
    }
    insta::assert_snapshot!("examples", lines.join("\n"));
}

/// The formatter fixtures (messy inputs): one snapshot each, the output.
#[test]
fn snapshots_of_fixtures() {
    for path in corpus(&["tests/fixtures/fmt"]) {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = shown(&path).replace("tests/fixtures/fmt/", "");
        insta::with_settings!({ description => shown(&path) }, {
            insta::assert_snapshot!(name, outcome(&shown(&path), &text));
        });
    }
}

fn parse(path: &str, text: &str) -> (Option<File>, Vec<String>) {
    let code = if path.ends_with(".pacte.md") {
        pacte::literate::extract_code(text)
    } else {
        text.trim_start_matches('\u{FEFF}').to_string()
    };
    let source = Source::new(SourceId(0), path, code, Origin::User);
    let mut diagnostics = Diagnostics::new();
    let parsed = pacte::syntax::parse(&source, &mut diagnostics);
    let mut comments: Vec<String> = parsed.trivia.comments.into_iter().map(|c| c.text).collect();
    comments.sort();
    (parsed.file, comments)
}

/// The three properties of the issue on one text that formats.
fn properties(path: &str, text: &str) -> Result<(), String> {
    let once = format(path, text).map_err(|e| format!("non formaté : {e:?}"))?;
    let twice = format(path, &once).map_err(|e| format!("sortie non formatable : {e:?}"))?;
    if twice != once {
        return Err(format!("non idempotent :\n{once}\n---\n{twice}"));
    }
    let (before, comments_before) = parse(path, text);
    let (after, comments_after) = parse(path, &once);
    let (Some(before), Some(after)) = (before, after) else {
        return Err("analyse impossible".into());
    };
    if erase_file(&before) != erase_file(&after) {
        return Err(format!("le sens a changé :\n{text}\n---\n{once}"));
    }
    if comments_before != comments_after {
        return Err(format!("commentaires perdus :\n{text}\n---\n{once}"));
    }
    Ok(())
}

#[test]
fn corpus_invariants() {
    use rayon::prelude::*;
    // One file per task: the corpus is large and each file is independent.
    let checked: usize = corpus(&["examples", "std", "tests"])
        .par_iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap();
            let name = shown(path);
            match format(&name, &text) {
                Err(FmtError::Invalid { .. }) => return 0,
                Err(e) => panic!("{name} : {e:?}"),
                Ok(_) => {}
            }
            if let Err(e) = properties(&name, &text) {
                panic!("{name} : {e}");
            }
            1
        })
        .sum();
    assert!(checked > 50, "{checked} fichiers seulement");
}

/// The codes `check` gives on some user files (std embedded).
fn check_codes(files: &[(String, String)]) -> Vec<String> {
    let mut map = SourceMap::new();
    let mut ids = Vec::new();
    for (path, text) in pacte::std_lib::embedded() {
        ids.push(map.add(path, text, Origin::Std));
    }
    for (path, text) in files {
        ids.push(map.add(path.clone(), text.clone(), Origin::User));
    }
    let mut diagnostics = Diagnostics::new();
    let mut parsed = Vec::new();
    for (_, p, d) in pacte::pipeline::parse_all(&map, &ids) {
        diagnostics.extend(d);
        parsed.extend(p.file);
    }
    pacte::pipeline::analyse(parsed, &mut diagnostics);
    let mut codes: Vec<String> = diagnostics
        .iter()
        .map(|d| d.code.as_str().to_string())
        .collect();
    codes.sort();
    codes
}

#[test]
fn check_gives_the_same_codes_after_formatting() {
    use rayon::prelude::*;
    corpus(&["examples/erreurs", "tests/fixtures/fmt"])
        .par_iter()
        .for_each(|path| {
            let name = shown(path);
            let text = std::fs::read_to_string(path).unwrap();
            let Ok(formatted) = format(&name, &text) else {
                return;
            };
            let before = check_codes(&[(name.clone(), text)]);
            let after = check_codes(&[(name.clone(), formatted)]);
            assert_eq!(before, after, "{name}");
        });
}

// The generated contracts: 40 each in the default run (a few seconds), 500
// in the ignored run that CI does (`cargo test -- --ignored`); set
// PROPTEST_CASES to change both.
proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(40),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn generated_contracts(seed in any::<u64>()) {
        let text = gen::file(seed);
        let (parsed, _) = parse("g.pacte", &text);
        prop_assert!(parsed.is_some(), "le générateur a produit un texte invalide :\n{}", text);
        if let Err(e) = properties("g.pacte", &text) {
            prop_assert!(false, "{}", e);
        }
    }

    #[test]
    fn generated_literate_contracts(seed in any::<u64>()) {
        let text = gen::literate(seed);
        let (parsed, _) = parse("g.pacte.md", &text);
        prop_assert!(parsed.is_some(), "le générateur a produit un texte invalide :\n{}", text);
        if let Err(e) = properties("g.pacte.md", &text) {
            prop_assert!(false, "{}", e);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(500),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    #[ignore = "lourd : cargo test -- --ignored (CI)"]
    fn many_generated_contracts(seed in any::<u64>()) {
        let text = gen::file(seed);
        let (parsed, _) = parse("g.pacte", &text);
        prop_assert!(parsed.is_some(), "le générateur a produit un texte invalide :\n{}", text);
        if let Err(e) = properties("g.pacte", &text) {
            prop_assert!(false, "{}", e);
        }
    }

    #[test]
    #[ignore = "lourd : cargo test -- --ignored (CI)"]
    fn many_generated_literate_contracts(seed in any::<u64>()) {
        let text = gen::literate(seed);
        let (parsed, _) = parse("g.pacte.md", &text);
        prop_assert!(parsed.is_some(), "le générateur a produit un texte invalide :\n{}", text);
        if let Err(e) = properties("g.pacte.md", &text) {
            prop_assert!(false, "{}", e);
        }
    }
}

/// `SEED=… cargo test --test fmt show_seed -- --ignored --nocapture` prints
/// a generated file and what fmt makes of it.
#[test]
#[ignore]
fn show_seed() {
    let seed: u64 = std::env::var("SEED").unwrap().parse().unwrap();
    let md = std::env::var("MD").is_ok();
    let path = if md { "g.pacte.md" } else { "g.pacte" };
    let text = if md {
        gen::literate(seed)
    } else {
        gen::file(seed)
    };
    println!("{text}\n=====");
    std::fs::write(format!("/tmp/seed.{path}"), &text).unwrap();
    let once = pacte::fmt::format_unchecked(path, &text).unwrap();
    println!("{once}\n=====");
    std::fs::write(format!("/tmp/seed1.{path}"), &once).unwrap();
    let twice = pacte::fmt::format_unchecked(path, &once).unwrap();
    println!("{twice}\n=====");
    println!("{:?}", pacte::fmt::format(path, &text).err());
}

// ------------------------------------------------------------------ the command

fn pacte(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_pacte"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pacte-fmt-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const MESSY: &str = "contrat x { intitule \"a\" periode 2025 a 2027 } // fin\n";
const CANONICAL: &str = "contrat x {\n  intitulé \"a\"\n  période 2025 à 2027\n} // fin\n";

#[test]
fn command_check_writes_nothing_and_lists_files() {
    let dir = scratch("check");
    let (messy, clean) = (dir.join("a.pacte"), dir.join("b.pacte"));
    std::fs::write(&messy, MESSY).unwrap();
    std::fs::write(&clean, CANONICAL).unwrap();
    let out = pacte(&["fmt", "--check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("à reformater : ") && stdout.contains("a.pacte"),
        "{stdout}"
    );
    assert!(!stdout.contains("b.pacte"), "{stdout}");
    assert_eq!(std::fs::read_to_string(&messy).unwrap(), MESSY);
    let out = pacte(&["fmt", "--check", clean.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn command_writes_in_place_only_when_needed() {
    let dir = scratch("write");
    let (messy, clean) = (dir.join("a.pacte"), dir.join("b.pacte"));
    std::fs::write(&messy, MESSY).unwrap();
    std::fs::write(&clean, CANONICAL).unwrap();
    let before = std::fs::metadata(&clean).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let out = pacte(&["fmt", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&messy).unwrap(), CANONICAL);
    assert_eq!(
        std::fs::metadata(&clean).unwrap().modified().unwrap(),
        before
    );
    let leftovers: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
    assert_eq!(leftovers.len(), 2, "fichiers temporaires restants");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn command_stdout_and_untouched_errors() {
    let dir = scratch("stdout");
    let (messy, broken) = (dir.join("a.pacte"), dir.join("b.pacte"));
    std::fs::write(&messy, MESSY).unwrap();
    std::fs::write(&broken, "contrat x { intitulé }").unwrap();
    let out = pacte(&["fmt", "--stdout", messy.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), CANONICAL);
    assert_eq!(std::fs::read_to_string(&messy).unwrap(), MESSY);
    let out = pacte(&["fmt", "--stdout", broken.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8(out.stderr).unwrap().contains("E0001"));
    let out = pacte(&["fmt", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(&broken).unwrap(),
        "contrat x { intitulé }"
    );
    let out = pacte(&["fmt", dir.join("absent.pacte").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn examples_are_canonical() {
    let out = pacte(&["fmt", "--check", "examples/", "std/", "examples/avenants/"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

// ------------------------------------------------------------------ robustness

const TOKENS: &[&str] = &[
    "contrat",
    "objectif",
    "cible",
    "aide",
    "période",
    "à",
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
    "// c",
    "\n",
    " ",
    "2025",
    "-",
    "1,5",
    "1 500",
    "M€",
    "%",
    ">=",
    "entre",
    "et",
    "ou",
    "non",
    "x",
    "é",
    "\u{FEFF}",
    "```",
    "```pacte\n",
    "\r\n",
    "libellé \"l\"",
    "poids 2",
    "intitule \"t\"",
    "texte \"\"\"\n a\n\"\"\"",
];

fn contrats_of(text: &str) -> Vec<pacte::ast::Contrat> {
    parse("e.pacte", text)
        .0
        .map(|f| f.items)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|i| match i {
            pacte::ast::Item::Contrat(c) => Some(c),
            _ => None,
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Random edits of a real contract, as `.pacte` or inside a literate
    /// file: `fmt` never panics, and its self-check never fails (except on
    /// the documented `non` limit); `diff` against the original never panics.
    #[test]
    fn edited_files_never_break_fmt_or_diff(
        cut in 0usize..3000,
        insert in prop::sample::select(TOKENS),
        md in any::<bool>(),
    ) {
        let base = std::fs::read_to_string("examples/ch_valmont.pacte").unwrap();
        let mut at = cut.min(base.len());
        while !base.is_char_boundary(at) {
            at -= 1;
        }
        let edited = format!("{}{insert}{}", &base[..at], &base[at..]);
        let (path, text) = if md {
            ("e.pacte.md", format!("# Titre\n\n```pacte\n{edited}```\n\nFin.\n"))
        } else {
            ("e.pacte", edited.clone())
        };
        if let Err(FmtError::Internal(m)) = format(path, &text) {
            prop_assert!(insert == "non", "{} :\n{}", m, text);
        }
        let _ = pacte::diff::diff(&contrats_of(&base), &contrats_of(&edited));
    }
}
