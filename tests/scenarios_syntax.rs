#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly
//! The `scénario` item in the language: its checks (E0101 with the closest
//! name, E0102, E0103, E0301, E0001 for a verdict of the wrong kind) and
//! its canonical layout.

use pacte::diagnostic::Diagnostic;

const CONTRAT: &str = include_str!("fixtures/scenarios/contrats/valmont.pacte");

fn check(scenarios: &str) -> Vec<Diagnostic> {
    let text = format!("{CONTRAT}\n{scenarios}");
    let (_, diagnostics, _) = pacte::pipeline::check_text("s.pacte", &text);
    diagnostics
}

fn summary(d: &[Diagnostic]) -> Vec<(String, String, String)> {
    d.iter()
        .map(|d| {
            (
                d.code.to_string(),
                d.message.clone(),
                d.help.clone().unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn a_well_formed_scenario_checks_clean() {
    let d = check(
        include_str!("fixtures/scenarios/reussis.pacte")
            .replace("ch_degressif_2025", "ch_valmont_2025")
            .as_str(),
    );
    // Only the duplicate-free, known names of the fixture: no diagnostic.
    assert!(d.is_empty(), "{:#?}", summary(&d));
}

#[test]
fn unknown_contract_objective_condition_indicator_and_code_are_e0101() {
    let d = check(
        r#"scénario "noms" {
  contrat ch_valmon_2025
  exercice 2026
  chiffres { marge_brute_hors_aide: 4 % }
  attendu { codes: R0140 }
}
scénario "membres" {
  contrat ch_valmont_2025
  exercice 2026
  attendu { objectif marges: atteint; condition stock: respectée }
}"#,
    );
    let s = summary(&d);
    let find = |what: &str| {
        s.iter()
            .find(|(code, message, _)| code == "E0101" && message.contains(what))
            .unwrap_or_else(|| panic!("no E0101 for {what}: {s:#?}"))
            .clone()
    };
    assert!(find("le contrat `ch_valmon_2025`")
        .2
        .contains("`ch_valmont_2025`"));
    assert!(find("`marge_brute_hors_aide`")
        .2
        .contains("`marge_brute_hors_aides`"));
    assert!(find("le code `R0140`").2.contains("vouliez-vous dire"));
    let o = find("l'objectif `marges` n'existe pas dans le contrat `ch_valmont_2025`");
    assert!(o.2.contains("`marge`"));
    assert!(find("la condition `stock`").2.contains("`stocks`"));
    assert_eq!(s.len(), 5, "{s:#?}");
}

#[test]
fn required_fields_duplicates_and_units() {
    let d = check(
        r#"scénario "vide" {
  chiffres { marge_brute_hors_aides: 4 % }
  attendu { réalisation: 90 % }
}
scénario "double" {
  contrat ch_valmont_2025
  contrat ch_valmont_2025
  exercice 2026
  chiffres { jours_de_stocks: 4 %; jours_de_stocks: 3 j }
  attendu { codes: aucun }
}
scénario "double" {
  contrat ch_valmont_2025
}"#,
    );
    let s = summary(&d);
    let count = |code: &str, what: &str| {
        s.iter()
            .filter(|(c, m, _)| c == code && m.contains(what))
            .count()
    };
    assert_eq!(count("E0103", "n'a pas de champ `contrat`"), 1, "{s:#?}");
    assert_eq!(count("E0103", "n'a pas de champ `exercice`"), 1, "{s:#?}");
    assert_eq!(count("E0103", "n'a pas de champ `attendu`"), 1, "{s:#?}");
    assert_eq!(
        count("E0102", "le champ `contrat` est écrit deux fois"),
        1,
        "{s:#?}"
    );
    assert_eq!(
        count(
            "E0102",
            "le chiffre de `jours_de_stocks` est donné deux fois"
        ),
        1
    );
    assert_eq!(
        count("E0102", "le scénario « double » est défini deux fois"),
        1
    );
    assert_eq!(count("E0301", "`jours_de_stocks`"), 1, "{s:#?}");
}

#[test]
fn a_verdict_of_the_wrong_kind_is_a_syntax_error_naming_the_allowed_words() {
    let d = check(
        r#"scénario "mots" {
  contrat ch_valmont_2025
  exercice 2026
  attendu { objectif marge: respectée }
}"#,
    );
    let s = summary(&d);
    assert_eq!(s.len(), 1, "{s:#?}");
    assert_eq!(s[0].0, "E0001");
    assert!(s[0]
        .1
        .contains("« respectée » n'est pas un verdict d'objectif"));
    assert!(s[0].2.contains("partiellement atteint"));
}

#[test]
fn fmt_writes_the_canonical_layout_and_is_stable() {
    let messy = "scenario \"marge\" { attendu { aide 2027: 800 k€; realisation: 93,75%; objectif marge: non evaluable; codes: R0104 R0203 } chiffres { jours_de_stocks: 25 j } exercice 2026 contrat ch_valmont_2025 // le contrat\n chiffres 2025 { aides: 0 € } }\nscénario \"conforme\" { contrat x attendu { codes: aucun } }\n";
    let formatted = pacte::fmt::format("s.pacte", messy).unwrap();
    let expected = r#"scénario "marge" {
  contrat ch_valmont_2025 // le contrat
  exercice 2026
  chiffres {
    jours_de_stocks: 25 j
  }
  chiffres 2025 {
    aides: 0 €
  }
  attendu {
    aide 2027: 800 k€
    réalisation: 93,75 %
    objectif marge: non évaluable
    codes: R0104 R0203
  }
}
scénario "conforme" {
  contrat x
  attendu {
    codes: aucun
  }
}
"#;
    assert_eq!(formatted, expected);
    assert_eq!(
        pacte::fmt::format("s.pacte", &formatted).unwrap(),
        formatted
    );
}
