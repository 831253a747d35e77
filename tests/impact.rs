#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly
//! `pacte diff OLD NEW --figures F --exercice Y`: the impact of a change on
//! the evaluation and on `check`, snapshotted in Markdown (the pull-request
//! comment) for a changed target, a changed aid line and a changed
//! framework clause; JSON for the exact values; `--std-avant` for a change
//! of the std.

use std::process::Command;

const DIR: &str = "tests/fixtures/impact";

fn pacte(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_pacte"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn impact(version: &str, format: &str) -> String {
    let out = pacte(&[
        "diff",
        &format!("{DIR}/avant"),
        &format!("{DIR}/{version}"),
        "--figures",
        &format!("{DIR}/chiffres.csv"),
        "--exercice",
        "2026",
        "--format",
        format,
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_changed_target_moves_the_rate_but_not_the_aid() {
    let md = impact("cible", "md");
    insta::assert_snapshot!("impact_cible_md", md);
    let json: serde_json::Value = serde_json::from_str(&impact("cible", "json")).unwrap();
    let c = &json["impact"]["contrats"][0];
    assert_eq!(c["contrat"], "ch_valmont_2025");
    assert_eq!(c["evaluation"]["realisation"]["avant"], "0.775");
    assert_eq!(c["evaluation"]["aide"]["due"]["apres"], "600000");
    assert_eq!(json["changes"][0]["chemin"], "objectif.marge.cible.2026");
}

#[test]
fn a_changed_aid_line_changes_the_aid_due_and_the_regional_total() {
    let md = impact("aide", "md");
    insta::assert_snapshot!("impact_aide_md", md);
    let json: serde_json::Value = serde_json::from_str(&impact("aide", "json")).unwrap();
    let total = &json["impact"]["total_aide_due"];
    assert_eq!(
        (total["avant"].as_str(), total["apres"].as_str()),
        (Some("1000000"), Some("850000"))
    );
}

#[test]
fn a_changed_framework_clause_lists_every_contract_it_touches() {
    let text = impact("cadre", "text");
    insta::assert_snapshot!("impact_cadre_text", text);
    assert!(text.contains("+ R0301"));
    assert!(
        !text.contains("contrat ch_valmont_2025"),
        "valmont is not under the regional framework"
    );
}

#[test]
fn a_change_of_the_std_lists_the_contracts_whose_check_changes() {
    let dir = std::env::temp_dir().join(format!("pacte-impact-std-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir("std").unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let text = text.replace("dialogue sous 6 mois", "dialogue sous 3 mois");
        std::fs::write(dir.join(path.file_name().unwrap()), text).unwrap();
    }
    let out = pacte(&[
        "diff",
        "--std-avant",
        "std",
        "--std",
        dir.to_str().unwrap(),
        &format!("{DIR}/avant"),
        "--impact",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("contrat ch_valmont_2025\n  + R0301"),
        "{text}"
    );
    assert!(
        text.contains("contrat ch_bessin_littoral_2025\n  + R0301"),
        "{text}"
    );
    assert!(
        !text.contains("aucune différence"),
        "no semantic diff of contracts in --std-avant mode"
    );
}

#[test]
fn without_a_change_the_impact_says_so_and_exit_code_follows() {
    let out = pacte(&[
        "diff",
        &format!("{DIR}/avant"),
        &format!("{DIR}/avant"),
        "--impact",
        "--exit-code",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout)
        .contains("aucun changement de vérification ni d'évaluation"));
    let out = pacte(&[
        "diff",
        &format!("{DIR}/avant"),
        &format!("{DIR}/cadre"),
        "--impact",
        "--exit-code",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let out = pacte(&[
        "diff",
        &format!("{DIR}/avant"),
        &format!("{DIR}/aide"),
        "--figures",
        &format!("{DIR}/chiffres.csv"),
    ]);
    assert_eq!(out.status.code(), Some(2), "--figures without --exercice");
    let out = pacte(&[
        "diff",
        &format!("{DIR}/avant"),
        &format!("{DIR}/aide"),
        "--figures",
        &format!("{DIR}/chiffres.csv"),
        "--exercice",
        "2147483647",
    ]);
    assert_eq!(out.status.code(), Some(2), "an exercice that is not a year");
}

#[test]
fn against_a_git_revision_the_impact_compares_the_working_tree_with_it() {
    let dir = std::env::temp_dir().join(format!("pacte-impact-git-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for name in [
        "valmont.pacte",
        "cadre_regional.pacte",
        "ch_bessin_littoral.pacte",
        "../chiffres.csv",
    ] {
        let from = std::path::Path::new(DIR).join("avant").join(name);
        let to = dir.join(std::path::Path::new(name).file_name().unwrap());
        std::fs::copy(from, to).unwrap();
    }
    let git = |args: &[&str]| {
        let ok = Command::new("git")
            .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
            .args(args)
            .current_dir(&dir)
            .output()
            .unwrap()
            .status
            .success();
        assert!(ok, "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "avant"]);
    let aide = std::fs::read_to_string(format!("{DIR}/aide/valmont.pacte")).unwrap();
    std::fs::write(dir.join("valmont.pacte"), aide).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_pacte"))
        .args([
            "diff",
            "--git",
            "HEAD",
            "--figures",
            "chiffres.csv",
            "--exercice",
            "2026",
            "--format",
            "json",
        ])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let c = &json["impact"]["contrats"][0];
    assert_eq!(c["contrat"], "ch_valmont_2025");
    assert_eq!(c["evaluation"]["aide"]["due"]["avant"], "600000");
    assert_eq!(c["evaluation"]["aide"]["due"]["apres"], "450000");
    let _ = std::fs::remove_dir_all(&dir);
}
