//! Unit tests of the semantic diff on small contracts.

use super::*;
use crate::diagnostic::Diagnostics;
use crate::source::{Origin, Source, SourceId};

fn contrats(text: &str) -> Vec<Contrat> {
    let source = Source::new(SourceId(0), "t.pacte", text, Origin::User);
    let mut diags = Diagnostics::new();
    let file = crate::syntax::parse(&source, &mut diags).file.unwrap();
    file.items
        .into_iter()
        .filter_map(|i| match i {
            crate::ast::Item::Contrat(c) => Some(c),
            _ => None,
        })
        .collect()
}

fn descriptions(old: &str, new: &str) -> Vec<String> {
    diff(&contrats(old), &contrats(new))
        .into_iter()
        .map(|c| format!("{} {} | {}", c.marker(), c.chemin, c.description))
        .collect()
}

#[test]
fn reformatting_and_reordering_is_no_change() {
    let old = "contrat c { intitulé \"a\" aide e { 2025: 800 k€ ferme 2026: 1,5 M€ } objectif o { cible 2026: >= 4 % cible 2027: >= 5 % } objectif p { indicateur x } }";
    let new = "contrat c { objectif p { indicateur x } objectif o { cible 2027: ≥ 5% cible 2026: >= 4,0 % } aide e { 2026: 1 500 000 € indicatif 2025: 800000 € ferme } intitule \"a\" }";
    assert_eq!(descriptions(old, new), Vec::<String>::new());
}

#[test]
fn targets_per_year() {
    let old = "contrat c { objectif marge { cible 2027: >= 5 % cible 2028: >= 6 % } }";
    let new = "contrat c { objectif marge { cible 2027: >= 5,5 % cible 2029: >= 7 % } }";
    assert_eq!(
        descriptions(old, new),
        vec![
            "~ objectif.marge.cible.2027 | cible 2027 de marge : >= 5 % → >= 5,5 %",
            "- objectif.marge.cible.2028 | cible 2028 de marge : suppression (était >= 6 %)",
            "+ objectif.marge.cible.2029 | cible 2029 de marge : ajout (>= 7 %)",
        ]
    );
}

#[test]
fn aid_amounts_and_status() {
    let old = "contrat c { aide e { 2025: 1,5 M€ ferme 2026: 1,2 M€ 2027: 800 k€ } }";
    let new =
        "contrat c { aide e { 2025: 1,5 M€ ferme 2026: 1,2 M€ ferme 2027: 600 k€ 2028: 100 k€ } }";
    assert_eq!(
        descriptions(old, new),
        vec![
            "~ aide.2026.statut | aide 2026 : indicatif → ferme",
            "~ aide.2027 | aide 2027 : 800 k€ → 600 k€ (indicatif)",
            "+ aide.2028 | aide 2028 : ajout (100 k€ indicatif)",
        ]
    );
}

#[test]
fn objectives_added_removed_renamed() {
    let old = "contrat c { objectif a { indicateur x } objectif b { indicateur y } }";
    let new = "contrat c { objectif a2 { indicateur x } objectif d { libellé \"D\" indicateur z cible 2026: <= 3 j } }";
    assert_eq!(
        descriptions(old, new),
        vec![
            "~ objectif.a2 | objectif a renommé en a2 (même indicateur x)",
            "+ objectif.d | objectif d : ajout (« D », indicateur z, cibles 2026 : <= 3 j)",
            "- objectif.b | objectif b : suppression (« b »)",
        ]
    );
}

#[test]
fn period_dates_establishment_conditions_modulation() {
    let old = "contrat c { établissement { finess \"1\" statut public } signé le 2025-12-10 période 2025 à 2029 condition s { exige a <= 28 j } modulation { si réalisation >= 90 %: 100 % sinon: 0 % } }";
    let new = "contrat c { établissement { finess \"2\" statut public } signé le 2025-12-11 période 2025 à 2028 condition s { exige a <= 28 jours à partir de 2026 } modulation { si réalisation >= 80 %: 100 % sinon: 0 % } }";
    assert_eq!(
        descriptions(old, new),
        vec![
            "~ établissement.finess | numéro FINESS de l'établissement : 1 → 2",
            "~ signé | date de signature : 2025-12-10 → 2025-12-11",
            "~ période | période : 2025 à 2029 → 2025 à 2028",
            "~ condition.s.exige | exigence de la condition s : a <= 28 j → a <= 28 j à partir de 2026",
            "~ modulation | barème de modulation : si réalisation >= 90 %: 100 % ; sinon: 0 % → si réalisation >= 80 %: 100 % ; sinon: 0 %",
        ]
    );
}

#[test]
fn contracts_added_and_removed() {
    assert_eq!(
        descriptions("contrat a { intitulé \"A\" }", "contrat b {}"),
        vec![
            "+ contrat | contrat ajouté : b (« b »)",
            "- contrat | contrat supprimé : a (« A »)"
        ]
    );
}

#[test]
fn end_place_cosignatories_and_integrating_amendment() {
    let old = "contrat c { signé le 2024-03-01 période 2024 à 2027 cosignataire \"ANAP\" }";
    let new = "contrat c { signé le 2024-03-01 période 2024 à 2027 fin le 2027-02-28 lieu \"Rouen\" cosignataire \"ANAP\" cosignataire \"GHT\" avenant 1 signé le 2025-12-05 \"Dispositif 2025\" intègre redressement_performance }";
    assert_eq!(
        descriptions(old, new),
        vec![
            "+ lieu | lieu de signature : ajout (Rouen)",
            "~ cosignataire | cosignataires : ANAP → ANAP ; GHT",
            "+ fin | date de fin du contrat : ajout (2027-02-28)",
            "+ avenant.1 | avenant n° 1 : ajout (signé le 5 décembre 2025 : « Dispositif 2025 », qui intègre le contrat au dispositif de l'enveloppe redressement_performance)",
        ]
    );
}

#[test]
fn several_aid_blocks_are_paired_by_source() {
    let old = "contrat c { aide fir { 2025: 300 k€ } }";
    let new = "contrat c { aide fir { 2025: 200 k€ } aide redressement_performance { 2025: 1 M€ ferme } }";
    assert_eq!(
        descriptions(old, new),
        vec![
            "~ aide.fir.2025 | aide fir 2025 : 300 k€ → 200 k€ (indicatif)",
            "+ aide.redressement_performance.2025 | aide redressement_performance 2025 : ajout (1 M€ ferme)",
        ]
    );
}
