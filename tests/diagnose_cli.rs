#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly
//! `pacte diagnose` as a command: exit codes (0 diagnosed, 1 broken
//! contracts or grouping, 2 unusable input), streams and formats.

use std::process::Output;

mod support;

use support::{pacte, text};

const SLICE: &str = "tests/data/hospidiag_normandie_2011_2014.csv";

fn diagnose(extra: &[&str]) -> Output {
    let mut args = vec!["diagnose", "--figures", SLICE, "--exercice", "2014"];
    args.extend_from_slice(extra);
    pacte(&args)
}

#[test]
fn the_diagnosis_exits_0_whatever_the_groups() {
    let o = diagnose(&[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(
        out.starts_with("Diagnostic régional — exercice 2014\n"),
        "{out}"
    );
    assert!(out.contains("== critique (à contractualiser) — 2 établissements"));
    assert!(out.contains("   1. CH DE VIRE — FINESS 140000159 · CH · public"));
    // Notes on stderr, the report alone on stdout.
    assert!(text(&o.stderr).contains("note : format Hospi Diag"));
    assert!(!out.contains("note :"));
}

#[test]
fn json_md_and_html() {
    let o = diagnose(&["--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["etablissements"][0]["finess"], "140000159");
    assert_eq!(v["summary"]["etablissements"], 31);
    let o = diagnose(&["--format", "md"]);
    assert_eq!(o.status.code(), Some(0));
    let md = text(&o.stdout);
    assert!(md.starts_with("# Diagnostic régional — exercice 2014"));
    assert!(md.contains("| 1 | CH DE VIRE | 140000159 |"));
    let o = diagnose(&["--format", "html"]);
    assert_eq!(o.status.code(), Some(0));
    let html = text(&o.stdout);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<span class=\"badge ton-echec\">critique (à contractualiser)</span>"));
    assert!(html.contains("CH DE L’AIGLE"));
    assert!(!html.contains("<script"));
}

#[test]
fn contracts_are_cross_checked() {
    let o = diagnose(&["--contrats", "tests/fixtures/diagnose/contrats"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(
        out.contains("Contrats en cours ou à venir en 2014 : 3"),
        "{out}"
    );
    assert!(out.contains("À contractualiser, sans contrat : 16"));
    assert!(out.contains("Sous contrat et revenus « sans alerte » : 1"));
    assert!(out.contains("ch_valmont_cref_2014 (FINESS 760000018) : absent du fichier de chiffres"));
    assert!(out.contains("sous contrat : ch_lisieux_cref_2014"));
}

#[test]
fn a_regional_grouping_replaces_the_std_one() {
    let o = diagnose(&["--contrats", "tests/fixtures/diagnose/region"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(out.contains("classement : classement_normandie — Classement de l'ARS Normandie"));
    assert!(out.contains("== prioritaire (à contractualiser)"));
    assert!(out.contains("== aucun groupe"));
    // The std one can still be asked for.
    let o = diagnose(&[
        "--contrats",
        "tests/fixtures/diagnose/region",
        "--diagnostic",
        "criticité_annexe_1",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(text(&o.stdout).contains("== fragile"));
}

#[test]
fn a_broken_grouping_exits_1() {
    let o = diagnose(&["--contrats", "tests/fixtures/diagnose/erreur"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stdout).contains("E0301"), "{}", text(&o.stdout));
    assert!(text(&o.stderr).contains("rien n'a été diagnostiqué"));
    let o = diagnose(&[
        "--contrats",
        "tests/fixtures/diagnose/erreur",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["diagnostics"][0]["code"], "E0301");
}

#[test]
fn unusable_inputs_exit_2() {
    let o = pacte(&["diagnose", "--figures", "absent.csv", "--exercice", "2014"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr)
        .starts_with("erreur : impossible de lire le fichier de chiffres « absent.csv »"));
    let o = pacte(&[
        "diagnose",
        "--figures",
        "tests/fixtures/eval/chiffres_errones/chiffres.csv",
        "--exercice",
        "2026",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stdout).contains("V0202"));
    assert!(text(&o.stderr).contains("rien n'a été diagnostiqué"));
    let o = diagnose(&["--diagnostic", "inconnu"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr)
        .contains("aucun diagnostic « inconnu » (diagnostics définis : criticité_annexe_1)"));
    let o = pacte(&["diagnose", "--figures", SLICE, "--exercice", "14"]);
    assert_eq!(o.status.code(), Some(2));
    let o = pacte(&["diagnose", "--exercice", "2014"]);
    assert_eq!(o.status.code(), Some(2));
}
