//! Parser tests for the syntax added in v0.2 (spec §3–§5, §8).

use super::*;
use crate::ast::*;
use crate::source::{Origin, SourceMap};

fn items(text: &str) -> Vec<Item> {
    let mut map = SourceMap::new();
    let id = map.add("t.pacte", text, Origin::User);
    let mut diags = Diagnostics::new();
    let parsed = parse(map.get(id).unwrap(), &mut diags);
    assert!(diags.is_empty(), "{:?}", diags.into_vec());
    parsed.file.unwrap().items
}

fn kinds(body: &str) -> Vec<ClauseKind> {
    match items(&format!("cadre k {{ {body} }}")).remove(0) {
        Item::Cadre(c) => c.clauses.into_iter().map(|c| c.kind).collect(),
        _ => unreachable!(),
    }
}

#[test]
fn contract_fields_of_v02() {
    let text = r#"contrat c {
        fin le 2028-06-29 lieu "Rouen"
        cosignataire "ANAP" cosignataire "GHT"
        avenant 1 signé le 2025-12-05 "objet" intègre redressement_performance
        avenant 2 signe le 2026-01-05 "autre"
        aide fir { 2026: 1 M€ } aide redressement_performance { 2025: 1 M€ ferme }
    }"#;
    let Item::Contrat(c) = items(text).remove(0) else {
        unreachable!()
    };
    assert_eq!(c.fin.unwrap().0.to_string(), "2028-06-29");
    assert_eq!(c.lieu.unwrap().value, "Rouen");
    let names: Vec<_> = c.cosignataires.iter().map(|t| t.value.as_str()).collect();
    assert_eq!(names, ["ANAP", "GHT"]);
    assert_eq!(
        c.avenants[0].integre.as_ref().unwrap().name,
        "redressement_performance"
    );
    assert!(c.avenants[1].integre.is_none());
    let sources: Vec<_> = c.aides.iter().map(|a| a.enveloppe.name.as_str()).collect();
    assert_eq!(sources, ["fir", "redressement_performance"]);
    assert!(
        c.repeated.is_empty(),
        "two aide blocks are not a repeated field"
    );
}

#[test]
fn framework_clauses_of_v02() {
    let k = kinds(
        "opposable famille redressement modèle cref durée 3 à 5 ans durée au plus 3 ans
         durée_recommandée 5 ans cosignataire requis \"ANAP\" thèmes requis territoire
         indicateurs au plus 25 aide indicative toutes_années
         enveloppes redressement_performance fir
         cibles annuelles
         compte_financier au plus tard 8 juillet suspend
         compte_financier au plus tard 8 juillet",
    );
    assert!(matches!(&k[0], ClauseKind::Famille(id) if id.name == "redressement"));
    assert!(matches!(&k[1], ClauseKind::Modele(id) if id.name == "cref"));
    assert!(
        matches!(&k[2], ClauseKind::DureeAns { min: Some(a), max: b }
        if a.value == 3.into() && b.value == 5.into())
    );
    assert!(matches!(&k[3], ClauseKind::DureeAns { min: None, max } if max.value == 3.into()));
    assert!(matches!(&k[4], ClauseKind::DureeRecommandee(n) if n.value == 5.into()));
    assert!(matches!(&k[5], ClauseKind::CosignataireRequis(t) if t.value == "ANAP"));
    assert!(matches!(&k[6], ClauseKind::ThemesRequis(id) if id.name == "territoire"));
    assert!(matches!(&k[7], ClauseKind::IndicateursAuPlus(n) if n.value == 25.into()));
    assert!(matches!(&k[8], ClauseKind::AideIndicativeToutesAnnees));
    // The names of `enveloppes` stop at the end of the line.
    assert!(matches!(&k[9], ClauseKind::Enveloppes(ids) if ids.len() == 2));
    assert!(matches!(&k[10], ClauseKind::CiblesAnnuelles));
    assert!(matches!(
        &k[11],
        ClauseKind::CompteFinancierAuPlusTard(_, true)
    ));
    assert!(matches!(
        &k[12],
        ClauseKind::CompteFinancierAuPlusTard(_, false)
    ));
}

#[test]
fn the_v01_enveloppe_clause_is_read_as_enveloppes() {
    let k = kinds("enveloppe redressement_performance source \"II\"");
    assert!(matches!(&k[0], ClauseKind::Enveloppes(ids) if ids.len() == 1));
}

#[test]
fn opposable_and_envelope_clauses() {
    let found = items(
        "cadre k étend r { opposable }
         enveloppe e { montant 1 M€ statuts public ebnl aide ferme première_année }",
    );
    let Item::Cadre(c) = &found[0] else {
        unreachable!()
    };
    assert!(c.opposable.is_some());
    let Item::Enveloppe(e) = &found[1] else {
        unreachable!()
    };
    assert_eq!(e.clauses.len(), 2);
    assert!(e.montant.is_some());
}

#[test]
fn revue_item() {
    let text = r#"revue ch_valmont_2025 2026 {
        date 2027-09-15
        appréciation """
          La marge progresse.
        """
        objectif ambulatoire: "Report de l'ouverture"
        compte_financier justifié "Migration"
        décision aide 2027: 700 k€ "Effort constaté"
        décision aide 2028: 90 % "Part"
    }"#;
    let Item::Revue(r) = items(text).remove(0) else {
        unreachable!()
    };
    assert_eq!(
        (r.contrat.name.as_str(), r.annee.value),
        ("ch_valmont_2025", 2026)
    );
    assert_eq!(r.date.unwrap().0.to_string(), "2027-09-15");
    assert_eq!(r.appreciation.unwrap().value.trim(), "La marge progresse.");
    assert_eq!(r.objectifs[0].objectif.name, "ambulatoire");
    assert_eq!(r.compte_financier.unwrap().value, "Migration");
    assert_eq!(r.decisions[0].montant.value, 700_000.into());
    assert_eq!(r.decisions[1].montant.unit, Unit::Percent);
    assert_eq!(r.decisions[1].motif.value, "Part");
}
