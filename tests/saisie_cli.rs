#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly
//! The newcomer's path on the command line (issue 12): nothing to check is
//! an error CI sees, `*.PACTE` is found, an exercice outside a contract's
//! period is said, figures warnings are shown.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn pacte(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pacte"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A fresh folder for one test.
fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pacte-saisie-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn an_empty_folder_or_a_folder_without_contract_exits_2() {
    let empty = folder("vide");
    let o = pacte(&["check", s(&empty)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("aucun contrat trouvé dans"));

    let other = folder("autres");
    std::fs::write(other.join("README.md"), "# Contrats\n").unwrap();
    std::fs::write(other.join("chiffres.csv"), "finess;exercice\n").unwrap();
    let o = pacte(&["check", s(&other)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("aucun fichier .pacte"));

    let blank = folder("blanc");
    std::fs::write(blank.join("contrat.pacte"), "\n// à écrire\n").unwrap();
    let o = pacte(&["check", s(&blank)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("un fichier sans aucun élément"));
}

#[test]
fn upper_case_extensions_are_found() {
    let dir = folder("majuscules");
    let contract = std::fs::read_to_string("examples/ch_valmont.pacte").unwrap();
    std::fs::write(dir.join("CH_VALMONT.PACTE"), contract).unwrap();
    let o = pacte(&["check", s(&dir)]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
    assert!(text(&o.stdout).contains("1 contrat"));
}

#[test]
fn an_exercice_outside_the_period_is_said_and_not_evaluated() {
    let o = pacte(&[
        "evaluate",
        "examples/ch_valmont.pacte",
        "--figures",
        "examples/chiffres-2026.csv",
        "--exercice",
        "2031",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.contains("ne comprend pas l'exercice 2031 : il n'est pas évalué"),
        "{err}"
    );
    assert!(err.contains("aucun contrat ne couvre l'exercice 2031"), "{err}");
    assert!(text(&o.stdout).is_empty());
}

#[test]
fn figures_warnings_are_shown_before_the_report() {
    let dir = folder("fractions");
    let csv = dir.join("chiffres.csv");
    std::fs::write(
        &csv,
        "finess;exercice;indicateur;valeur\r\n\
         760000018;2025;marge_brute_hors_aides;4,1\r\n\
         760000018;2026;marge_brute_hors_aides;0,043\r\n",
    )
    .unwrap();
    let o = pacte(&[
        "evaluate",
        "examples/ch_valmont.pacte",
        "--figures",
        s(&csv),
        "--exercice",
        "2026",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let err = text(&o.stderr);
    assert!(err.contains("[V0206] avertissement"), "{err}");
    assert!(err.contains("chiffres.csv:3:"), "{err}");
    // The JSON report on stdout stays intact.
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["exercice"], 2026);
}

#[test]
fn explain_suggests_the_code_with_its_zeros() {
    let o = pacte(&["explain", "R104"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("vouliez-vous dire R0104 ?"));
}
