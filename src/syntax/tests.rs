//! Parser tests: every literal form of §2, bad input, E0001 wording.

use super::*;
use crate::ast::*;
use crate::source::{Origin, SourceMap};
use rust_decimal::Decimal;
use std::str::FromStr;

fn parse_text(text: &str) -> (Option<File>, Vec<Diagnostic>) {
    let mut map = SourceMap::new();
    let id = map.add("t.pacte", text, Origin::User);
    let mut diags = Diagnostics::new();
    let parsed = parse(map.get(id).unwrap(), &mut diags);
    (parsed.file, diags.into_vec())
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// The aid lines of `contrat x { aide e { BODY } }`.
fn aid_lines(body: &str) -> Vec<AideAnnee> {
    let (file, diags) = parse_text(&format!("contrat x {{ aide e {{ {body} }} }}"));
    assert!(diags.is_empty(), "{diags:?}");
    match file.unwrap().items.remove(0) {
        Item::Contrat(c) => c.aides.into_iter().next().unwrap().annees,
        _ => unreachable!(),
    }
}

fn first_objectif(body: &str) -> Objectif {
    let (file, diags) = parse_text(&format!("contrat x {{ objectif o {{ {body} }} }}"));
    assert!(diags.is_empty(), "{diags:?}");
    match file.unwrap().items.remove(0) {
        Item::Contrat(mut c) => c.objectifs.remove(0),
        _ => unreachable!(),
    }
}

#[test]
fn empty_file_and_comment_only_file_are_fine() {
    let (file, diags) = parse_text("");
    assert_eq!(file.unwrap().items.len(), 0);
    assert!(diags.is_empty());
    let (file, diags) = parse_text("// seulement un commentaire\n");
    assert_eq!(file.unwrap().items.len(), 0);
    assert!(diags.is_empty());
}

#[test]
fn money_literals_are_normalised_to_euros() {
    let lines = aid_lines("2025: 1 500 000 € ferme 2026: 1,5 M€ 2027: 800 k€ indicatif 2028: -4,1 M€ 2029: 1\u{a0}200 €");
    let values: Vec<Decimal> = lines.iter().map(|l| l.montant.value).collect();
    assert_eq!(
        values,
        vec![
            dec("1500000"),
            dec("1500000"),
            dec("800000"),
            dec("-4100000"),
            dec("1200")
        ]
    );
    assert_eq!(lines[0].statut, Some(AideStatut::Ferme));
    assert_eq!(lines[1].statut, None);
    assert_eq!(lines[2].statut, Some(AideStatut::Indicatif));
    assert_eq!(lines[1].montant.unit, Unit::MegaEuro);
    assert_eq!(lines[1].montant.written(), dec("1.5"));
}

#[test]
fn percentages_days_and_ranges() {
    let o = first_objectif("cible 2026: >= 6% cible 2027: ≥ 6,5 % cible 2028: entre 20 j et 28 jours cible 2029: ≤ 1.5 pt");
    let cibles: Vec<&Comparison> = o.cibles.iter().map(|c| &c.comparison).collect();
    match cibles[0] {
        Comparison::Cmp(CmpOp::Ge, Value::Quantity(q)) => assert_eq!(q.value, dec("0.06")),
        other => panic!("{other:?}"),
    }
    match cibles[1] {
        Comparison::Cmp(CmpOp::Ge, Value::Quantity(q)) => assert_eq!(q.value, dec("0.065")),
        other => panic!("{other:?}"),
    }
    match cibles[2] {
        Comparison::Between(Value::Quantity(a), Value::Quantity(b)) => {
            assert_eq!(
                (a.value, a.unit, b.value, b.unit),
                (dec("20"), Unit::Jour, dec("28"), Unit::Jour)
            )
        }
        other => panic!("{other:?}"),
    }
    match cibles[3] {
        Comparison::Cmp(CmpOp::Le, Value::Quantity(q)) => {
            assert_eq!((q.value, q.unit), (dec("0.015"), Unit::Point))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn unaccented_keywords_are_accepted() {
    let text = "contrat x { intitule \"t\" etablissement { raison_sociale \"r\" categorie CH } signe le 2025-12-10 periode 2025 a 2029 \
                objectif o { libelle \"l\" action \"a\" { echeance 2026-06-30 } } condition c { exige x <= 28 j a partir de 2026 } \
                modulation { si realisation >= 90 %: 100 % sinon: 0 % } }";
    let (file, diags) = parse_text(text);
    assert!(diags.is_empty(), "{diags:?}");
    let Item::Contrat(c) = &file.unwrap().items[0] else {
        panic!()
    };
    assert_eq!(
        c.periode.as_ref().map(|p| (p.debut.value, p.fin.value)),
        Some((2025, 2029))
    );
    assert_eq!(
        c.signe.map(|(d, _)| d.to_string()),
        Some("2025-12-10".into())
    );
    assert_eq!(
        c.conditions[0]
            .exige
            .as_ref()
            .and_then(|e| e.a_partir_de)
            .map(|y| y.value),
        Some(2026)
    );
    assert_eq!(
        c.objectifs[0].actions[0]
            .echeance
            .map(|(d, _)| d.to_string()),
        Some("2026-06-30".into())
    );
}

#[test]
fn dates_deadlines_and_text_blocks() {
    let text = "cadre c { compte_financier au plus tard 8 juillet texte \"\"\"\n    Ligne *un*\n      deux\n  \"\"\" }";
    let (file, diags) = parse_text(text);
    assert!(diags.is_empty(), "{diags:?}");
    let Item::Cadre(c) = &file.unwrap().items[0] else {
        panic!()
    };
    assert_eq!(
        c.clauses[0].kind,
        ClauseKind::CompteFinancierAuPlusTard(crate::date::DayMonth { day: 8, month: 7 }, false)
    );
    assert_eq!(c.textes[0].value, "Ligne *un*\n  deux");
}

#[test]
fn expressions_respect_precedence() {
    let (file, diags) =
        parse_text("indicateur i { unité % formule -a / b + c * 2 > 1 % ou non d = oui et e }");
    assert!(diags.is_empty(), "{diags:?}");
    let Item::Indicateur(i) = &file.unwrap().items[0] else {
        panic!()
    };
    let f = i.formule.as_ref().unwrap();
    // ou is the root; its right side is `non (d = oui) et e`.
    let ExprKind::Binary(BinOp::Or, left, right) = &f.kind else {
        panic!("{f:?}")
    };
    assert!(matches!(
        left.kind,
        ExprKind::Binary(BinOp::Cmp(CmpOp::Gt), _, _)
    ));
    assert!(matches!(right.kind, ExprKind::Binary(BinOp::And, _, _)));
    let names: Vec<&str> = f.names().iter().map(|n| n.name.as_str()).collect();
    assert_eq!(names, ["a", "b", "c", "d", "e"]);
}

#[test]
fn syntax_errors_say_what_was_expected_in_words() {
    let (file, diags) = parse_text("contrat x {\n  période 2025 à deux\n}");
    assert!(file.is_none());
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].code, Code::E0001);
    assert!(
        diags[0].message.contains("une année (ex. 2026)"),
        "{}",
        diags[0].message
    );
    assert!(
        diags[0].message.contains("« deux »"),
        "{}",
        diags[0].message
    );
    assert!(!diags[0].message.contains("kw_") && !diags[0].message.contains("year"));
}

#[test]
fn a_misspelt_keyword_gets_a_suggestion() {
    let (_, diags) = parse_text("contrat x {\n  intitul \"t\"\n}");
    assert_eq!(
        diags[0].help.as_deref(),
        Some("vouliez-vous dire `intitulé` ?")
    );
}

#[test]
fn impossible_dates_are_errors() {
    let (file, diags) = parse_text("contrat x { signé le 2025-02-30 }");
    assert!(file.is_none());
    assert!(diags[0].message.contains("2025-02-30"));
}

#[test]
fn deep_nesting_is_refused_without_overflow() {
    let deep = format!(
        "indicateur i {{ unité % formule {}a{} }}",
        "(".repeat(10_000),
        ")".repeat(10_000)
    );
    let (file, diags) = parse_text(&deep);
    assert!(file.is_none());
    assert_eq!(diags[0].code, Code::E0001);
    let long = format!(
        "indicateur i {{ unité % formule a{} }}",
        " + a".repeat(5_000)
    );
    let (_, diags) = parse_text(&long);
    assert!(diags[0].message.contains("trop longue"));
}

#[test]
fn nul_byte_is_e0002() {
    let (file, diags) = parse_text("contrat x {\0}");
    assert!(file.is_none());
    assert_eq!(diags[0].code, Code::E0002);
}

#[test]
fn reserved_words_are_allowed_after_a_dot() {
    let (file, diags) = parse_text("thème numérique.si { libellé \"SI\" }");
    assert!(diags.is_empty(), "{diags:?}");
    assert!(matches!(&file.unwrap().items[0], Item::Theme(t) if t.id.name == "numérique.si"));
}

#[test]
fn every_broken_item_is_reported() {
    let text = "contrat a {\n  période 2025 à deux\n}\n\ncontrat b {\n  signé le demain\n}\n\ncontrat c { intitulé \"ok\" }\n";
    let (file, diags) = parse_text(text);
    assert!(file.is_none());
    let messages: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(diags.len(), 2, "{messages:?}");
    assert!(
        messages[0].contains("« deux »") && messages[1].contains("« demain »"),
        "{messages:?}"
    );
}

#[test]
fn a_payment_without_amount_does_not_swallow_the_next_year() {
    let text = "contrat x { aide e { 2025: 1 M€ ferme versement 2025-12-20 2026: 800 k€ } }";
    let (file, diags) = parse_text(text);
    assert!(diags.is_empty(), "{diags:?}");
    let Item::Contrat(c) = &file.unwrap().items[0] else {
        panic!()
    };
    let aide = c.aide().unwrap();
    assert_eq!(aide.annees.len(), 2);
    assert_eq!(aide.versements[0].montant, None);
}

#[test]
fn repeated_fields_of_conditions_and_actions_are_recorded() {
    let text = "contrat x { condition c { libellé \"a\" libellé \"b\" exige x > 1 } objectif o { action \"t\" { responsable \"r\" responsable \"s\" } } }";
    let (file, _) = parse_text(text);
    let Item::Contrat(c) = &file.unwrap().items[0] else {
        panic!()
    };
    assert_eq!(c.conditions[0].repeated.len(), 1);
    assert_eq!(c.conditions[0].libelle.as_ref().unwrap().value, "a");
    assert_eq!(c.objectifs[0].actions[0].repeated[0].field, "responsable");
}

#[test]
fn a_boolean_non_at_the_end_of_a_line_does_not_swallow_the_next_field() {
    let text = "cadre c {\n  fin_aide si x = non\n  compte_financier au plus tard 8 juillet\n}";
    let (file, diags) = parse_text(text);
    assert!(diags.is_empty(), "{diags:?}");
    let Item::Cadre(c) = &file.unwrap().items[0] else {
        panic!()
    };
    assert_eq!(c.clauses.len(), 2);
    let (file, _) = parse_text("indicateur i { unité % formule non (a > 1) et non b }");
    let Item::Indicateur(i) = &file.unwrap().items[0] else {
        panic!()
    };
    assert!(matches!(
        i.formule.as_ref().unwrap().kind,
        ExprKind::Binary(BinOp::And, _, _)
    ));
}
