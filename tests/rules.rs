#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly
//! Framework rules: one clean contract per std framework, `étend`
//! overriding, and cross-contract checks on folders.

use pacte::cli::check::check_paths;
use std::path::PathBuf;

fn codes_of(paths: &[PathBuf]) -> Vec<String> {
    check_paths(paths, None)
        .unwrap()
        .diagnostics
        .iter()
        .map(|d| format!("{} {}", d.code, d.message))
        .collect()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pacte-rules-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn one_clean_contract_per_framework() {
    let cases = [
        ("redressement_2025", "examples/ch_valmont.pacte"),
        ("cref", "examples/region-exemple/ch_montrivage_cref.pacte"),
        (
            "contrat_performance",
            "examples/region-exemple/ch_pays_ouche_perf.pacte",
        ),
        ("cpom", "tests/fixtures/cadres/cpom_ch_orne.pacte"),
    ];
    for (cadre, path) in cases {
        let checked = check_paths(&[PathBuf::from(path)], None).unwrap();
        assert_eq!(
            checked.program.contrats[0].cadre.as_ref().unwrap().name,
            cadre,
            "{path}"
        );
        let found: Vec<String> = checked
            .diagnostics
            .iter()
            .map(|d| d.message.clone())
            .collect();
        assert!(found.is_empty(), "{path}: {found:?}");
    }
}

/// The §1 contract under another framework and period.
fn valmont(cadre: &str, periode: &str) -> String {
    std::fs::read_to_string("examples/ch_valmont.pacte")
        .unwrap()
        .replace("cadre redressement_2025", &format!("cadre {cadre}"))
        .replace("période 2025 à 2029", &format!("période {periode}"))
}

#[test]
fn a_regional_framework_overrides_the_clauses_it_redefines() {
    let dir = temp_dir("etend");
    std::fs::write(
        dir.join("cadre.pacte"),
        "cadre ars_test étend redressement_2025 {\n  durée 5 à 5 exercices\n}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("contrat.pacte"),
        valmont("ars_test", "2025 à 2028"),
    )
    .unwrap();
    let found = codes_of(std::slice::from_ref(&dir));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("R0101")
            && found[0]
                .contains("(4 exercices) est hors de l'intervalle 5 exercices du cadre ars_test"),
        "{found:?}"
    );

    // Under the parent, four years are fine: only the child's clause changed.
    std::fs::write(
        dir.join("contrat.pacte"),
        valmont("redressement_2025", "2025 à 2028"),
    )
    .unwrap();
    assert!(codes_of(std::slice::from_ref(&dir)).is_empty());

    // Inherited clauses still apply to the child (here, the dialogue rule).
    let late =
        valmont("ars_test", "2025 à 2029").replace("dialogue 2026-05-20", "dialogue 2026-09-01");
    std::fs::write(dir.join("contrat.pacte"), late).unwrap();
    let found = codes_of(&[dir]);
    assert!(
        found.len() == 1 && found[0].starts_with("R0301"),
        "{found:?}"
    );
}

#[test]
fn an_unknown_parent_framework_is_suggested() {
    let dir = temp_dir("parent");
    std::fs::write(
        dir.join("cadre.pacte"),
        "cadre ars_test étend redressement_2026 { durée 4 à 5 exercices }\n",
    )
    .unwrap();
    let checked = check_paths(&[dir], None).unwrap();
    let d = &checked.diagnostics[0];
    assert_eq!(d.code.as_str(), "E0101");
    assert_eq!(
        d.help.as_deref(),
        Some("vouliez-vous dire `redressement_2025` ?")
    );
}

#[test]
fn cross_contract_rules_need_the_whole_folder() {
    let folder = PathBuf::from("examples/erreurs/R0701-contrats-chevauchants");
    let files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    for file in &files {
        assert!(
            codes_of(std::slice::from_ref(file)).is_empty(),
            "{} alone is clean",
            file.display()
        );
    }
    let found = codes_of(&[folder]);
    assert!(
        found.len() == 1 && found[0].starts_with("R0701"),
        "{found:?}"
    );
}

#[test]
fn the_region_folder_stays_within_its_delegation() {
    let checked = check_paths(&[PathBuf::from("examples/region-exemple")], None).unwrap();
    assert!(checked.diagnostics.is_empty());
    assert!(checked.program.contrats.len() >= 6);
    assert_eq!(checked.program.delegations.len(), 1);
    // Halving the délégation makes R0702 appear.
    let dir = temp_dir("region");
    for entry in std::fs::read_dir("examples/region-exemple").unwrap() {
        let path = entry.unwrap().path();
        let mut text = std::fs::read_to_string(&path).unwrap();
        if text.contains("délégation redressement_performance") {
            text = text.replace("2025: 11 M€", "2025: 5 M€");
        }
        std::fs::write(dir.join(path.file_name().unwrap()), text).unwrap();
    }
    let found = codes_of(&[dir]);
    assert!(
        found
            .iter()
            .any(|f| f.starts_with("R0702") && f.contains("5 000 000 €")),
        "{found:?}"
    );
}

#[test]
fn a_broken_period_does_not_cascade() {
    let dir = temp_dir("periode");
    std::fs::write(
        dir.join("c.pacte"),
        valmont("redressement_2025", "2029 à 2025"),
    )
    .unwrap();
    let found = codes_of(&[dir]);
    assert!(found.iter().all(|f| f.starts_with("E0201")), "{found:?}");
}
