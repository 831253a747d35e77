//! Formatter unit tests, Gleam-style: `assert_format!(canonical)` checks a
//! canonical text is left as is; `assert_format_rewrite!(messy, canonical)`
//! checks one construct's rewrite.

use super::{format, FmtError};

macro_rules! assert_format {
    ($canonical:expr) => {
        assert_format_rewrite!($canonical, $canonical)
    };
}

macro_rules! assert_format_rewrite {
    ($messy:expr, $canonical:expr) => {
        match format("t.pacte", $messy) {
            Ok(out) => pretty_assertions_eq(&out, $canonical),
            Err(e) => panic!("non formaté : {e:?}"),
        }
    };
}

fn pretty_assertions_eq(actual: &str, expected: &str) {
    assert_eq!(
        actual, expected,
        "\n--- obtenu ---\n{actual}\n--- attendu ---\n{expected}"
    );
}

#[test]
fn canonical_contract_is_unchanged() {
    assert_format!(
        "contrat x {\n  intitulé \"Titre\"\n  cadre redressement_2025\n\n  période 2025 à 2028\n}\n"
    );
}

#[test]
fn keywords_get_their_accents() {
    assert_format_rewrite!(
        "contrat x { intitule \"a\" signe le 2025-01-02 periode 2025 a 2027 }",
        "contrat x {\n  intitulé \"a\"\n  signé le 2025-01-02\n  période 2025 à 2027\n}\n"
    );
}

#[test]
fn fields_follow_the_order_of_section_4() {
    assert_format_rewrite!(
        "contrat x {\n  période 2025 à 2027\n  cadre c\n  intitulé \"a\"\n}\n",
        "contrat x {\n  intitulé \"a\"\n  cadre c\n  période 2025 à 2027\n}\n"
    );
}

#[test]
fn numbers_units_and_comparators() {
    assert_format_rewrite!(
        "contrat x { aide e { 2025: 1.50M€ ferme 2026: 1500000€ 2027: 9999 € } objectif o { base 2024: 2,80% cible 2026: ≥ 4% cible 2027: ≤28jours cible 2028: entre 1 et 2 } }",
        "contrat x {\n  aide e {\n    2025: 1,5 M€ ferme\n    2026: 1 500 000 €\n    2027: 9999 €\n  }\n  objectif o {\n    base 2024: 2,8 %\n    cible 2026: >= 4 %\n    cible 2027: <= 28 j\n    cible 2028: entre 1 et 2\n  }\n}\n"
    );
}

#[test]
fn comments_lead_trail_and_dangle() {
    assert_format!(
        "// tête\ncontrat x { // après l'accolade\n  // avant l'intitulé\n  intitulé \"a\" // en fin de ligne\n\n  // dans le vide\n} // après le contrat\n// fin\n"
    );
}

#[test]
fn comments_move_with_their_field() {
    assert_format_rewrite!(
        "contrat x {\n  // période\n  période 2025 à 2027 // p\n  // intitulé\n  intitulé \"a\"\n}\n",
        "contrat x {\n  // intitulé\n  intitulé \"a\"\n  // période\n  période 2025 à 2027 // p\n}\n"
    );
}

#[test]
fn comments_inside_an_expression_are_kept_before_it() {
    assert_format_rewrite!(
        "contrat x { condition c { exige a > 1 ou // pourquoi\n b < 2 } }",
        "contrat x {\n  condition c {\n    // pourquoi\n    exige a > 1 ou b < 2\n  }\n}\n"
    );
}

#[test]
fn at_most_one_blank_line_and_none_after_a_brace() {
    assert_format_rewrite!(
        "\n\ncontrat x {\n\n\n  intitulé \"a\"\n\n\n\n  cadre c\n\n}\n\n\n",
        "contrat x {\n  intitulé \"a\"\n\n  cadre c\n}\n"
    );
}

#[test]
fn text_blocks_are_reindented() {
    assert_format_rewrite!(
        "contrat x {\ntexte \"\"\"\n        Premier\n          retrait\n\n        Second\n   \"\"\"\n}",
        "contrat x {\n  texte \"\"\"\n    Premier\n      retrait\n\n    Second\n  \"\"\"\n}\n"
    );
}

#[test]
fn strings_are_escaped_again() {
    assert_format!("contrat x {\n  intitulé \"a \\\"b\\\" \\\\ c\\nd\"\n}\n");
}

#[test]
fn objectives_actions_and_gains() {
    assert_format_rewrite!(
        "contrat x { objectif o { action \"b\" {} texte \"t\" action \"a\" { echeance 2026-01-31 responsable \"r\" } gain 2026: 10000 € recettes justification \"j\" poids 2 type levier achats.stocks indicateur i libelle \"l\" } }",
        "contrat x {\n  objectif o {\n    libellé \"l\"\n    type levier achats.stocks\n    indicateur i\n    poids 2\n    gain 2026: 10 000 € recettes\n    justification \"j\"\n    action \"b\"\n    action \"a\" {\n      responsable \"r\"\n      échéance 2026-01-31\n    }\n    texte \"t\"\n  }\n}\n"
    );
}

#[test]
fn conditions_modulation_references() {
    assert_format_rewrite!(
        "contrat x { modulation { si realisation ≥ 90%: 100% sinon: 0% } condition c { exige non (a>=1 et b) a partir de 2026 } reference 2024 { produits: 1000000 € } }",
        "contrat x {\n  référence 2024 {\n    produits: 1 000 000 €\n  }\n  condition c {\n    exige non (a >= 1 et b) à partir de 2026\n  }\n  modulation {\n    si réalisation >= 90 %: 100 %\n    sinon: 0 %\n  }\n}\n"
    );
}

#[test]
fn frameworks_keep_clause_order_and_sources() {
    assert_format_rewrite!(
        "cadre c etend p { duree 3 a 5 exercices source \"s\" modulation { sinon: 0 % } source \"m\" compte_financier au plus tard 8 juillet libelle \"l\" objectifs requis financier et tresorerie fin_aide si résultat_principal >= 0€ }",
        "cadre c étend p {\n  libellé \"l\"\n  durée 3 à 5 exercices source \"s\"\n  modulation {\n    sinon: 0 %\n  } source \"m\"\n  compte_financier au plus tard 8 juillet\n  objectifs requis financier et trésorerie\n  fin_aide si résultat_principal >= 0 €\n}\n"
    );
}

#[test]
fn other_items() {
    assert_format_rewrite!(
        "importe \"a.pacte\"\nindicateur i { source \"s\" unite jours sens baisse seuil alerte > 2% pour CHU CHR formule -a / (b + 1) libelle \"l\" }\ntheme t { indicateurs a, b source \"s\" libelle \"l\" }\nenveloppe e { part public 200M€ montant 235M€ exercice 2025 }\ndelegation e { 2025: 10M€ ars \"A\" }\ndiagnostic d { groupe \"g\" a_contractualiser si a > 1 libelle \"l\" groupe \"h\" }\n",
        "importe \"a.pacte\"\nindicateur i {\n  libellé \"l\"\n  unité j\n  sens baisse\n  formule -a / (b + 1)\n  seuil alerte > 2 % pour CHU CHR\n  source \"s\"\n}\nthème t {\n  libellé \"l\"\n  indicateurs a, b\n  source \"s\"\n}\nenveloppe e {\n  exercice 2025\n  montant 235 M€\n  part public 200 M€\n}\ndélégation e {\n  ars \"A\"\n  2025: 10 M€\n}\ndiagnostic d {\n  libellé \"l\"\n  groupe \"g\" à_contractualiser si a > 1\n  groupe \"h\"\n}\n"
    );
}

#[test]
fn crlf_and_bom_become_lf() {
    assert_format_rewrite!(
        "\u{FEFF}contrat x {\r\n  intitulé \"a\" // c\r\n}\r\n",
        "contrat x {\n  intitulé \"a\" // c\n}\n"
    );
}

#[test]
fn empty_and_comment_only_files() {
    assert_format!("");
    assert_format_rewrite!("\n\n// seul\n\n", "// seul\n");
}

#[test]
fn syntax_errors_are_refused() {
    match format("t.pacte", "contrat x { intitulé }") {
        Err(FmtError::Invalid { diagnostics, .. }) => {
            assert_eq!(diagnostics[0].code.as_str(), "E0001")
        }
        other => panic!("attendu un refus : {other:?}"),
    }
}

#[test]
fn fields_written_twice_are_refused() {
    for text in [
        "contrat x { intitulé \"a\" intitulé \"b\" }",
        "contrat x { condition c { libellé \"a\" libellé \"b\" } }",
        "thème t { source \"a\" source \"b\" }",
    ] {
        match format("t.pacte", text) {
            Err(FmtError::Invalid { diagnostics, .. }) => {
                assert_eq!(diagnostics[0].code.as_str(), "E0102", "{text}")
            }
            other => panic!("attendu un refus pour {text} : {other:?}"),
        }
    }
}

#[test]
fn literate_files_format_their_blocks_only() {
    let md = "# Titre\n\nDe la  prose   intacte.\n\n```pacte\ncontrat x { intitule \"a\" }\n```\n\n* liste\n\n  ```pacte\n  // c\n  indicateur i { unite % }\n  ```\n";
    let expected = "# Titre\n\nDe la  prose   intacte.\n\n```pacte\ncontrat x {\n  intitulé \"a\"\n}\n```\n\n* liste\n\n  ```pacte\n  // c\n  indicateur i {\n    unité %\n  }\n  ```\n";
    assert_eq!(format("t.pacte.md", md).unwrap(), expected);
    assert_eq!(format("t.pacte.md", expected).unwrap(), expected);
}

#[test]
fn literate_items_may_span_blocks_and_keep_their_block() {
    let md = "```pacte\ncontrat x { periode 2025 a 2027\n```\n\nprose\n\n```pacte\nintitule \"a\" // c\n}\n```\n";
    let expected = "```pacte\ncontrat x {\n  période 2025 à 2027\n```\n\nprose\n\n```pacte\n  intitulé \"a\" // c\n}\n```\n";
    assert_eq!(format("t.pacte.md", md).unwrap(), expected);
}

#[test]
fn a_boolean_non_at_the_end_of_a_line_is_formatted() {
    let messy = "cadre c {\n  compte_financier au plus tard 8 juillet\n  fin_aide si x = non\n}\n";
    let formatted = crate::fmt::format("c.pacte", messy).unwrap();
    assert!(formatted.contains("fin_aide si x = non\n"), "{formatted}");
    assert!(
        formatted.contains("compte_financier au plus tard 8 juillet"),
        "{formatted}"
    );
}
