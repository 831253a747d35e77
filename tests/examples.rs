#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly
//! The bundled examples: clean ones check clean; each `examples/erreurs/`
//! file (or folder) gives exactly the code its name starts with.

use pacte::cli::check::check_paths;
use std::collections::BTreeSet;
use std::path::PathBuf;

#[test]
fn examples_check_clean() {
    let checked = check_paths(&[PathBuf::from("examples")], None).unwrap();
    let codes: Vec<String> = checked
        .diagnostics
        .iter()
        .map(|d| format!("{} {}", d.code, d.message))
        .collect();
    assert!(codes.is_empty(), "{codes:#?}");
    assert!(
        checked.summary.contracts >= 9,
        "the region folder and the three main examples"
    );
}

#[test]
fn each_error_example_gives_exactly_its_code() {
    let mut entries: Vec<PathBuf> = std::fs::read_dir("examples/erreurs")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    assert!(entries.len() >= 36);
    for entry in entries {
        let name = entry.file_name().unwrap().to_string_lossy().into_owned();
        let expected = name.split('-').next().unwrap().to_string();
        let checked = check_paths(std::slice::from_ref(&entry), None).unwrap();
        let codes: BTreeSet<String> = checked
            .diagnostics
            .iter()
            .map(|d| d.code.to_string())
            .collect();
        assert_eq!(codes, BTreeSet::from([expected]), "{name}");
    }
}

/// `pacte check examples/erreurs` gives every code once (README): the error
/// examples do not interfere (no shared FINESS, no shared name).
#[test]
fn the_error_folder_gives_each_code_once() {
    let checked = check_paths(&[PathBuf::from("examples/erreurs")], None).unwrap();
    let mut seen: std::collections::BTreeMap<String, usize> = Default::default();
    for d in &checked.diagnostics {
        *seen.entry(d.code.to_string()).or_default() += 1;
    }
    let twice: Vec<_> = seen.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "{twice:?}");
    assert!(seen.len() >= 42, "{seen:?}");
}

#[test]
fn the_spec_example_is_shipped_and_clean() {
    let checked = check_paths(&[PathBuf::from("examples/ch_valmont.pacte")], None).unwrap();
    assert!(checked.diagnostics.is_empty());
    assert_eq!(checked.program.contrats[0].id.name, "ch_valmont_2025");
}

#[test]
fn every_annex_indicator_has_a_std_definition() {
    let checked = check_paths(&[PathBuf::from("examples/ch_valmont.pacte")], None).unwrap();
    let list = std::fs::read_to_string("tests/fixtures/annexes/indicateurs_annexes.txt").unwrap();
    let mut count = 0;
    for line in list.lines().filter(|l| !l.trim().is_empty()) {
        let id = line.split('\t').nth(1).unwrap();
        assert!(
            checked.program.indicateurs.contains_key(id),
            "annex indicator `{id}` missing from std ({line})"
        );
        count += 1;
    }
    assert!(count >= 60, "{count}");
}

#[test]
fn fixed_names_of_the_spec_exist() {
    let checked = check_paths(&[PathBuf::from("examples/ch_valmont.pacte")], None).unwrap();
    let p = &checked.program;
    for name in [
        "produits",
        "charges",
        "résultat_principal",
        "résultat_consolidé",
        "taux_de_déficit",
        "marge_brute_hors_aides",
        "marge_brute_aidée",
        "caf",
        "caf_sur_produits",
        "caf_nette",
        "fonds_de_roulement",
        "frng_jours",
        "délai_global_paiement",
        "jours_de_stocks",
        "délai_facturation_ace",
        "taux_exhaustivité_pmsi",
        "taux_rejet_fides",
        "taux_chirurgie_ambulatoire",
        "taux_absentéisme",
        "dépenses_intérim_médical",
        "dépôt_compte_financier",
    ] {
        assert!(p.indicateurs.contains_key(name), "{name}");
    }
    for theme in [
        "activité.consultations",
        "activité.bloc_opératoire",
        "activité.chirurgie_ambulatoire",
        "activité.médecine_ambulatoire",
        "activité.urgences",
        "activité.maternité",
        "activité.had",
        "activité.imagerie",
        "activité.biologie",
        "activité.autres",
        "médicament.gestion",
        "territoire.diagnostic",
        "territoire.coopération",
        "lits.gestion",
        "lits.capacitaire",
        "lits.sorties",
        "achats.achats",
        "achats.stocks",
        "achats.développement_durable",
        "rh.intérim_absentéisme",
        "rh.adaptation",
        "rh.secrétariats",
        "afr.facturation",
        "afr.codage",
        "afr.recouvrement",
        "trésorerie.pilotage",
        "trésorerie.outils",
        "numérique.si",
        "qualité.caqes",
        "qualité.ifaq",
    ] {
        assert!(p.themes.contains_key(theme), "{theme}");
    }
    assert_eq!(p.themes.len(), 30);
    for cadre in ["redressement_2025", "cref", "contrat_performance", "cpom"] {
        assert!(p.cadres.contains_key(cadre), "{cadre}");
    }
    let r2025 = &p.cadres["redressement_2025"];
    assert_eq!(
        r2025.clauses.len(),
        11,
        "the 9 clauses listed in spec §7, famille and modèle; no modulation"
    );
    assert!(r2025.cadre.opposable.is_some());
    assert!(r2025.modulation().is_none());
    assert_eq!(r2025.famille().unwrap().name, "redressement");
    for (cadre, famille, modele) in [
        ("cref", "redressement", "cref"),
        ("contrat_performance", "performance", "contrat_performance"),
        ("cpom", "cpom", "cpom"),
    ] {
        assert_eq!(p.cadres[cadre].famille().unwrap().name, famille);
        assert_eq!(p.cadres[cadre].modele().unwrap().name, modele);
    }
    let env = &p.enveloppes["redressement_performance"];
    assert_eq!(
        env.montant.as_ref().unwrap().value,
        rust_decimal::Decimal::from(235_000_000)
    );
    assert_eq!(env.clauses.len(), 12, "the 12 clauses listed in spec §7");
    assert!(p.enveloppes["fir"].clauses.is_empty());
    for name in [
        "aides",
        "résultat_hors_aides",
        "jours_de_stocks_médicaments",
    ] {
        assert!(p.indicateurs.contains_key(name), "{name}");
    }
}

#[test]
fn literate_contracts_are_checked_and_point_at_markdown_lines() {
    let checked = check_paths(
        &[PathBuf::from("examples/litteraire/ch_rivebelle.pacte.md")],
        None,
    )
    .unwrap();
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
    assert_eq!(checked.program.contrats[0].objectifs.len(), 3);

    let dir = std::env::temp_dir().join(format!("pacte-literate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = std::fs::read_to_string("examples/litteraire/ch_rivebelle.pacte.md").unwrap();
    let path = dir.join("faute.pacte.md");
    std::fs::write(
        &path,
        text.replace("indicateur jours_de_stocks", "indicateur jours_de_stock"),
    )
    .unwrap();
    let checked = check_paths(&[path], None).unwrap();
    let d = &checked.diagnostics[0];
    assert_eq!(d.code.as_str(), "E0101");
    let source = checked.workspace.map.get(d.primary.span.source).unwrap();
    let expected_line = text
        .lines()
        .position(|l| l.contains("indicateur jours_de_stocks"))
        .unwrap()
        + 1;
    assert_eq!(
        source.line_col(d.primary.span.start as usize),
        (expected_line, 16)
    );
}

#[test]
fn the_std_can_be_replaced() {
    let dir = std::env::temp_dir().join(format!("pacte-std-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir("std").unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path)
            .unwrap()
            .replace("durée 3 à 5 ans", "durée 6 à 8 ans");
        std::fs::write(dir.join(path.file_name().unwrap()), text).unwrap();
    }
    let checked = check_paths(&[PathBuf::from("examples/ch_valmont.pacte")], Some(&dir)).unwrap();
    let codes: Vec<&str> = checked
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    assert_eq!(codes, ["R0101"]);
}
