#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly
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
    assert!(
        err.contains("aucun contrat ne couvre l'exercice 2031"),
        "{err}"
    );
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

fn pacte_stdin(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_pacte"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn a_dash_reads_a_contract_or_the_figures_from_standard_input() {
    let contract = std::fs::read("examples/ch_valmont.pacte").unwrap();
    let o = pacte_stdin(&["check", "-"], &contract);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
    let broken = String::from_utf8(contract.clone())
        .unwrap()
        .replace("2,8 %", "2.800 %");
    let o = pacte_stdin(&["check", "-", "--format", "json"], broken.as_bytes());
    assert_eq!(o.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["diagnostics"][0]["file"], "<entrée standard>");
    assert_eq!(json["diagnostics"][0]["code"], "E0001");
    let figures = std::fs::read("examples/chiffres-2026.csv").unwrap();
    let o = pacte_stdin(
        &[
            "evaluate",
            "examples/ch_valmont.pacte",
            "--figures",
            "-",
            "--exercice",
            "2026",
        ],
        &figures,
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("ch_valmont_2025"));
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let o = pacte(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}");
        let script = text(&o.stdout);
        assert!(
            script.contains("nouveau") && script.contains("evaluate"),
            "{shell}"
        );
    }
}

#[test]
fn diagnose_keeps_one_region() {
    let run = |region: &str| {
        pacte(&[
            "diagnose",
            "--figures",
            "tests/data/hospidiag_normandie_2012_2014.csv",
            "--exercice",
            "2014",
            "--format",
            "json",
            "--region",
            region,
        ])
    };
    let count = |o: &Output| {
        let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        json["etablissements"].as_array().map_or(0, Vec::len)
    };
    let normandie = run("Normandie");
    assert_eq!(normandie.status.code(), Some(0));
    assert!(count(&normandie) > 20);
    let bretagne = run("ARS Bretagne");
    assert_eq!(count(&bretagne), 0);
    let o = run("Normandi");
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("vouliez-vous dire « Normandie »"));
}

#[test]
fn crlf_figures_give_the_same_lines_in_explain() {
    let lf = std::fs::read_to_string("examples/chiffres-2026.csv").unwrap();
    let dir = folder("crlf");
    let crlf_path = dir.join("chiffres.csv");
    std::fs::write(&crlf_path, lf.replace('\n', "\r\n")).unwrap();
    let explain = |figures: &str| {
        let o = pacte(&[
            "evaluate",
            "examples/ch_valmont.pacte",
            "--figures",
            figures,
            "--exercice",
            "2026",
            "--explain",
        ]);
        assert_eq!(o.status.code(), Some(0));
        let out = text(&o.stdout);
        // The line numbers cited for the figures, in order.
        out.split(".csv:")
            .skip(1)
            .map(|rest| rest.split(']').next().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let lines = explain("examples/chiffres-2026.csv");
    assert!(lines.contains(&"4".to_string()), "{lines:?}");
    assert_eq!(explain(s(&crlf_path)), lines);
}
