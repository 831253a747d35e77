#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly
//! `pacte diff` and `pacte avenant`, run as commands: one fixture per kind
//! of change under `tests/fixtures/diff/<cas>/{ancien,nouveau}.pacte` (text
//! and JSON snapshots), the reformat-only case, folders, `--git`,
//! `--exit-code`, the avenant of `examples/avenants/` and its refusals.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn pacte(args: &[&str], dir: Option<&Path>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pacte"));
    cmd.args(args).env("NO_COLOR", "1");
    if let Some(dir) = dir {
        cmd.current_dir(dir);
    }
    cmd.output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn cases() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir("tests/fixtures/diff")
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("ancien.pacte").exists())
        .collect();
    out.sort();
    out
}

#[test]
fn each_kind_of_change() {
    let cases = cases();
    assert!(cases.len() >= 15);
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let (old, new) = (case.join("ancien.pacte"), case.join("nouveau.pacte"));
        let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
        let text = pacte(&["diff", old, new], None);
        assert_eq!(text.status.code(), Some(0), "{name} : {}", stderr(&text));
        let json = pacte(&["diff", "--format", "json", old, new], None);
        let parsed: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
        let changes = parsed["changes"].as_array().unwrap();
        if name == "reformatage" {
            assert!(changes.is_empty(), "{}", stdout(&json));
            assert_eq!(stdout(&text), "aucune différence\n");
            continue;
        }
        assert!(!changes.is_empty(), "{name}");
        for c in changes {
            for key in ["contrat", "chemin", "avant", "après", "description"] {
                assert!(c.get(key).is_some(), "{name} : {key} manque");
            }
        }
        let shown = format!("{}\n----- JSON -----\n{}", stdout(&text), stdout(&json));
        insta::assert_snapshot!(name.clone(), shown);
    }
}

#[test]
fn markdown_for_a_pull_request() {
    let dir = "tests/fixtures/diff/aide_montant";
    let out = pacte(
        &[
            "diff",
            "--format",
            "md",
            &format!("{dir}/ancien.pacte"),
            &format!("{dir}/nouveau.pacte"),
        ],
        None,
    );
    insta::assert_snapshot!("md", stdout(&out));
}

#[test]
fn folders_pair_contracts_by_id() {
    let out = pacte(
        &[
            "diff",
            "tests/fixtures/diff/dossiers/ancien",
            "tests/fixtures/diff/dossiers/nouveau",
        ],
        None,
    );
    insta::assert_snapshot!("dossiers", stdout(&out));
}

#[test]
fn exit_code_only_when_asked() {
    let dir = "tests/fixtures/diff";
    let changed = [
        &format!("{dir}/aide_montant/ancien.pacte"),
        &format!("{dir}/aide_montant/nouveau.pacte"),
    ];
    let same = [
        &format!("{dir}/reformatage/ancien.pacte"),
        &format!("{dir}/reformatage/nouveau.pacte"),
    ];
    let code = |extra: &[&str], pair: [&String; 2]| {
        let mut args = vec!["diff"];
        args.extend_from_slice(extra);
        args.push(pair[0]);
        args.push(pair[1]);
        pacte(&args, None).status.code()
    };
    assert_eq!(code(&[], changed), Some(0));
    assert_eq!(code(&["--exit-code"], changed), Some(1));
    assert_eq!(code(&["--exit-code"], same), Some(0));
}

#[test]
fn syntax_errors_stop_the_comparison() {
    let out = pacte(
        &[
            "diff",
            "examples/erreurs/E0001-accolade-en-trop.pacte",
            "examples/ch_valmont.pacte",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("E0001"));
    let out = pacte(&["diff", "examples/ch_valmont.pacte"], None);
    assert_eq!(out.status.code(), Some(2));
}

/// A scratch folder, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("pacte-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn git(dir: &Path, args: &[&str]) {
    let ok = Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
        .status
        .success();
    assert!(ok, "git {args:?}");
}

#[test]
fn against_a_git_revision() {
    let scratch = Scratch::new("git");
    let dir = &scratch.0;
    let v1 = std::fs::read_to_string("examples/avenants/ch_valmont_v1.pacte").unwrap();
    let v2 = std::fs::read_to_string("examples/avenants/ch_valmont_v2.pacte").unwrap();
    std::fs::create_dir_all(dir.join("contrats")).unwrap();
    std::fs::write(dir.join("contrats/valmont.pacte"), &v1).unwrap();
    std::fs::write(
        dir.join("contrats/ancien.pacte"),
        v1.replace("ch_valmont_2025", "ch_ancien_2025"),
    )
    .unwrap();
    git(dir, &["init", "-q"]);
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "v1"]);
    std::fs::write(dir.join("contrats/valmont.pacte"), &v2).unwrap();
    std::fs::remove_file(dir.join("contrats/ancien.pacte")).unwrap();
    let out = pacte(&["diff", "--git", "HEAD", "--format", "json"], Some(dir));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let parsed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<&str> = parsed["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["chemin"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        vec![
            "avenant.1",
            "aide.2027",
            "objectif.ambulatoire.cible.2028",
            "contrat"
        ]
    );
    let out = pacte(
        &[
            "diff",
            "--git",
            "HEAD",
            "contrats/valmont.pacte",
            "--exit-code",
        ],
        Some(dir),
    );
    assert_eq!(out.status.code(), Some(1));
    let out = pacte(&["diff", "--git", "pas-une-revision"], Some(dir));
    assert_eq!(out.status.code(), Some(2));
}

const V1: &str = "examples/avenants/ch_valmont_v1.pacte";
const V2: &str = "examples/avenants/ch_valmont_v2.pacte";

#[test]
fn avenant_document() {
    let out = pacte(&["avenant", V1, V2, "--numéro", "1"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    insta::assert_snapshot!("avenant__ch_valmont_1", stdout(&out));
    let dated = pacte(
        &["avenant", V1, V2, "--numero", "1", "--date", "2026-06-15"],
        None,
    );
    assert_eq!(stdout(&dated), stdout(&out));
}

#[test]
fn avenant_refusals() {
    let refused = |args: &[&str], expected: &str| {
        let out = pacte(args, None);
        assert_eq!(out.status.code(), Some(1), "{args:?} : {}", stdout(&out));
        assert!(
            stderr(&out).contains(expected),
            "{args:?} : {}",
            stderr(&out)
        );
        assert!(stdout(&out).is_empty());
    };
    refused(
        &["avenant", V1, V2, "--numéro", "2"],
        "n'a pas de ligne « avenant 2",
    );
    refused(
        &["avenant", V1, V2, "--numéro", "1", "--date", "2026-07-01"],
        "est datée du 2026-06-15",
    );
    refused(
        &["avenant", V2, V2, "--numéro", "1"],
        "contient déjà l'avenant 1",
    );
    refused(
        &["avenant", "examples/chu_exemple.pacte", V2, "--numéro", "1"],
        "ne sont pas le même contrat",
    );
    let scratch = Scratch::new("avenant");
    let broken = scratch.0.join("v2.pacte");
    let v2 = std::fs::read_to_string(V2).unwrap();
    std::fs::write(
        &broken,
        v2.replace("indicateur marge_brute_hors_aides", "indicateur marge_brut"),
    )
    .unwrap();
    refused(
        &["avenant", V1, broken.to_str().unwrap(), "--numéro", "1"],
        "l'avenant n'est pas produit",
    );
    let same = scratch.0.join("v1.pacte");
    let v1 = std::fs::read_to_string(V1).unwrap();
    let line = "  avenant 1 signé le 2026-06-15 \"Rien\"\n\n  aide";
    std::fs::write(&same, v1.replacen("  aide", line, 1)).unwrap();
    refused(
        &["avenant", V1, same.to_str().unwrap(), "--numéro", "1"],
        "rien à modifier",
    );
}
