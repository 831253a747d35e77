#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly
//! `pacte evaluate` as a command: exit codes (0 evaluated, 1 broken
//! contracts, 2 unusable input), streams, formats, `--out`.

use std::path::PathBuf;

mod support;

use support::{pacte, text};

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pacte-eval-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const FIGURES: &str = "examples/chiffres-2026.csv";

#[test]
fn evaluation_exits_0_whatever_the_verdicts() {
    let o = pacte(&[
        "evaluate",
        "examples/",
        "--figures",
        FIGURES,
        "--exercice",
        "2026",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(out.contains("Synthèse régionale — exercice 2026"));
    assert!(out.contains("non tenus"));
}

#[test]
fn json_is_the_shape_of_the_spec() {
    let o = pacte(&[
        "evaluate",
        "examples/ch_valmont.pacte",
        "--figures",
        FIGURES,
        "--exercice",
        "2026",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["exercice"], 2026);
    let c = &v["contracts"][0];
    assert_eq!(c["contrat"], "ch_valmont_2025");
    assert_eq!(c["finess"], "760000018");
    assert_eq!(c["objectives"][0]["cible"], "0.04");
    assert_eq!(c["objectives"][0]["base"], "0.028");
    assert_eq!(c["objectives"][0]["valeur"], "0.042");
    assert_eq!(c["objectives"][0]["affichage"], "4,2 % (cible >= 4 %)");
    assert_eq!(c["objectives"][0]["score"], "1");
    assert_eq!(
        c["conditions"][0],
        serde_json::json!({"condition": "stocks", "verdict": "respectée", "derivation": c["conditions"][0]["derivation"]})
    );
    assert_eq!(c["realisation"], "0.775");
    assert_eq!(c["verdict"], "partiellement tenus");
    let aide = &c["aide"];
    assert_eq!(
        (
            &aide["exercice"],
            &aide["prevue"],
            &aide["modulation"],
            &aide["due"]
        ),
        (
            &2027.into(),
            &"800000".into(),
            &"0.75".into(),
            &"600000".into()
        )
    );
    assert_eq!(aide["motifs"], serde_json::json!([]));
    assert_eq!(c["objectives"][0]["derivation"]["entrees"][0]["ligne"], 4);
}

#[test]
fn broken_contracts_exit_1_and_nothing_is_evaluated() {
    let o = pacte(&[
        "evaluate",
        "examples/erreurs/E0101-indicateur-inconnu.pacte",
        "--figures",
        FIGURES,
        "--exercice",
        "2026",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stdout).contains("E0101"));
    assert!(!text(&o.stdout).contains("Synthèse"));
    assert!(text(&o.stderr).contains("rien n'a été évalué"));
}

#[test]
fn unusable_input_exits_2() {
    let bad = "tests/fixtures/eval/chiffres_errones";
    let o = pacte(&[
        "evaluate",
        bad,
        "--figures",
        &format!("{bad}/chiffres.csv"),
        "--exercice",
        "2026",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["diagnostics"][0]["code"], "V0202");
    assert_eq!(
        (&v["diagnostics"][0]["line"], &v["diagnostics"][0]["column"]),
        (&2.into(), &16.into())
    );
    let missing = pacte(&[
        "evaluate",
        "examples/",
        "--figures",
        "nulle-part.csv",
        "--exercice",
        "2026",
    ]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).starts_with("erreur : impossible de lire le fichier de chiffres"));
    let year = pacte(&[
        "evaluate",
        "examples/",
        "--figures",
        FIGURES,
        "--exercice",
        "26",
    ]);
    assert_eq!(year.status.code(), Some(2));
    let no_figures = pacte(&["evaluate", "examples/", "--exercice", "2026"]);
    assert_eq!(no_figures.status.code(), Some(2));
}

#[test]
fn windows_1252_figures_are_read_with_a_note() {
    let dir = temp_dir("cp1252");
    let mut bytes = b"finess;exercice;indicateur;valeur\r\n".to_vec();
    for line in std::fs::read_to_string(FIGURES).unwrap().lines().skip(1) {
        let (encoded, _, _) = encoding_rs::WINDOWS_1252.encode(line);
        bytes.extend_from_slice(&encoded);
        bytes.extend_from_slice(b"\r\n");
    }
    let path = dir.join("chiffres.csv");
    std::fs::write(&path, bytes).unwrap();
    let o = pacte(&[
        "evaluate",
        "examples/ch_valmont.pacte",
        "--figures",
        path.to_str().unwrap(),
        "--exercice",
        "2026",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
    assert!(text(&o.stderr).contains("Windows-1252"));
    assert!(text(&o.stdout).contains("due 600 000 €"));
}

#[test]
fn out_writes_one_report_per_contract_and_the_summary() {
    let dir = temp_dir("out");
    let o = pacte(&[
        "evaluate",
        "examples/region-exemple",
        "--figures",
        FIGURES,
        "--exercice",
        "2026",
        "--format",
        "md",
        "--explain",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 8, "{names:?}");
    assert!(names.contains(&"ch_bocage_2025.md".to_string()));
    assert!(names.contains(&"synthese.md".to_string()));
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("synthese.json")).unwrap()).unwrap();
    assert_eq!(summary["contracts"].as_array().unwrap().len(), 6);
    let review = std::fs::read_to_string(dir.join("ch_bocage_2025.md")).unwrap();
    assert!(review.contains("**V0101**"));
    assert!(review.contains("## Détail des calculs"));
    assert_eq!(text(&o.stdout).lines().count(), 8);
}
