#![allow(clippy::disallowed_methods)] // reads and writes files outside the compiler
//! `pacte evaluate`, the semantics of spec v0.2 (§5 `compte_financier`,
//! `fin_aide`, `modulation`; §8 step 5): one hand-computed fixture per
//! branch, in `tests/fixtures/eval/v02_*/`, each with its own framework
//! and a regional envelope without clauses, so that only the clause under
//! test applies. The arithmetic is in each fixture's comments: every
//! contract reaches 50 % (one objective reached, one at its base) and plans
//! 800 000 € for 2027.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

mod support;

use pacte::ast::ClauseKind;
use pacte::diagnostic::Code;
use pacte::eval::aid::clauses::{self, CompteFinancier};
use pacte::eval::aid::{Bareme, MotifKind};
use pacte::eval::report::{self, Format, Options};
use pacte::eval::values::Values;
use pacte::eval::{ContractEvaluation, Evaluation};
use support::{case, dec, mask_std_json, mask_std_lines};

fn contract<'a>(e: &'a Evaluation, id: &str) -> &'a ContractEvaluation {
    e.contracts
        .iter()
        .find(|c| c.contrat == id)
        .unwrap_or_else(|| panic!("contract {id}"))
}

fn signalements(c: &ContractEvaluation) -> Vec<(Code, String)> {
    c.aide
        .signalements
        .iter()
        .map(|s| (s.code, s.message.clone()))
        .collect()
}

fn snapshot(name: &str, run: &support::Run, e: &Evaluation) {
    let options = Options {
        explain: true,
        ..Options::default()
    };
    let text = report::report(Format::Text, e, &run.map, options);
    insta::assert_snapshot!(format!("{name}_text"), mask_std_lines(&text));
    let json = report::report(Format::Json, e, &run.map, options);
    insta::assert_snapshot!(format!("{name}_json"), mask_std_json(&json));
}

// ------------------------------------------------------------------ modulation, conditions

#[test]
fn without_a_table_the_planned_aid_is_due() {
    let run = case("v02_modulation");
    let e = run.evaluate(2026);
    let c = contract(&e, "cas_sans_bareme");
    assert_eq!(c.realisation, Some(dec("0.5")));
    assert_eq!(c.aide.bareme, Bareme::Aucun);
    assert_eq!((c.aide.prevue, c.aide.due), (dec("800000"), dec("800000")));
    assert!(c
        .aide
        .bareme
        .non_module()
        .unwrap()
        .contains("ne lie pas l'aide aux résultats"));
    // The contract's own table: 800 000 € × 50 %.
    let table = contract(&e, "cas_bareme_contrat");
    assert_eq!(table.aide.bareme, Bareme::Contrat);
    assert_eq!(
        (table.aide.modulation, table.aide.due),
        (dec("0.5"), dec("400000"))
    );
    snapshot("v02_modulation", &run, &e);
}

#[test]
fn a_condition_not_evaluable_suspends_one_not_respected_refuses() {
    let run = case("v02_modulation");
    let e = run.evaluate(2026);
    let missing = contract(&e, "cas_condition_non_evaluable");
    assert_eq!(missing.aide.due, dec("0"));
    assert!(missing.aide.suspendue());
    let m = &missing.aide.motifs[0];
    assert_eq!(
        (m.nature, m.suspend),
        (MotifKind::ConditionNonEvaluable, true)
    );
    assert!(m
        .message
        .starts_with("suspendue : condition `exhaustivité`"));
    let refused = contract(&e, "cas_condition_non_respectee");
    assert_eq!(refused.aide.due, dec("0"));
    assert!(!refused.aide.suspendue());
    assert_eq!(
        refused.aide.motifs[0].nature,
        MotifKind::ConditionNonRespectee
    );
    assert!(!refused.aide.motifs[0].suspend);
}

/// A review whose aid due is 0 € names the reason, never « aucun motif »,
/// and writes the amount withheld with the minus sign.
#[test]
fn a_review_without_aid_says_why() {
    let run = case("v02_modulation");
    let e = run.evaluate(2026);
    for (id, intro) in [
        (
            "cas_condition_non_respectee",
            "Motif pour lequel l’aide n’est pas versée",
        ),
        (
            "cas_condition_non_evaluable",
            "Motif pour lequel l’aide est suspendue",
        ),
    ] {
        let c = contract(&e, id);
        let html = report::contract(Format::Html, &e, c, &run.map, Options::default())
            .replace(['\u{a0}', '\u{202f}'], " ");
        assert!(html.contains(intro), "{id}");
        assert!(
            !html.contains("Aucun motif ne s’oppose au versement"),
            "{id}"
        );
        assert!(
            html.contains("<span class=\"nw\">\u{2212}800 000 €</span>"),
            "{id}"
        );
    }
}

// ------------------------------------------------------------------ financial account (V0101)

#[test]
fn a_late_or_undated_financial_account_is_flagged_not_withheld() {
    let run = case("v02_compte_financier");
    let e = run.evaluate(2026);
    let on_time = contract(&e, "cas_cf_a_temps");
    assert!(on_time.aide.signalements.is_empty() && on_time.aide.motifs.is_empty());
    assert_eq!(on_time.aide.due, dec("800000"));
    let late = contract(&e, "cas_cf_tardif");
    assert_eq!(late.aide.due, dec("800000"));
    assert!(late.aide.motifs.is_empty());
    assert_eq!(
        signalements(late),
        vec![(
            Code::V0101,
            "compte financier 2026 déposé le 12 juillet 2027, après le 8 juillet : dépassement à justifier".to_string()
        )]
    );
    let undated = contract(&e, "cas_cf_sans_date");
    assert_eq!(undated.aide.due, dec("800000"));
    assert_eq!(
        signalements(undated),
        vec![(
            Code::V0101,
            "compte financier 2026 : date de dépôt non renseignée".to_string()
        )]
    );
    let json = report::report(Format::Json, &e, &run.map, Options::default());
    assert!(json.contains("\"signalements\": [\n          {\n            \"code\": \"V0101\""));
    assert!(!json.contains("non déposé"));
    snapshot("v02_compte_financier", &run, &e);
}

/// With `suspend`, a late or undated account suspends the aid; on time, nothing.
#[test]
fn with_suspend_a_late_or_undated_account_suspends_the_aid() {
    let run = case("v02_compte_financier");
    let clause = run.program.cadres["essai_cf"]
        .find(|k| matches!(k, ClauseKind::CompteFinancierAuPlusTard(..)))
        .unwrap();
    let mut cf: CompteFinancier = clauses::compte_financier_of(&clause.kind).unwrap();
    cf.suspend = true;
    let expected = [
        ("760990903", None),
        (
            "760991000",
            Some("suspendue : compte financier 2026 déposé le 12 juillet 2027, après le 8 juillet"),
        ),
        (
            "760991109",
            Some("suspendue : compte financier 2026 : date de dépôt non renseignée"),
        ),
    ];
    for (finess, message) in expected {
        let mut values = Values::new(&run.program, &run.figures, finess);
        let check = clauses::compte_financier(&mut values, 2026, clause, cf);
        assert!(check.signalement.is_none(), "{finess}");
        let got = check.motif.map(|m| {
            assert!(m.suspend && m.code == Some(Code::V0101));
            m.message
        });
        assert_eq!(got.as_deref(), message, "{finess}");
    }
}

/// The same with the real clause `compte_financier au plus tard 8 juillet suspend`.
#[test]
fn the_suspend_clause_of_a_framework_suspends_the_aid() {
    let run = case("v02_compte_financier");
    let e = run.evaluate(2026);
    let on_time = contract(&e, "cas_suspend_a_temps");
    assert_eq!(on_time.aide.due, dec("800000"));
    assert!(on_time.aide.motifs.is_empty());
    for (id, fact) in [
        (
            "cas_suspend_tardif",
            "compte financier 2026 déposé le 12 juillet 2027, après le 8 juillet",
        ),
        (
            "cas_suspend_sans_date",
            "compte financier 2026 : date de dépôt non renseignée",
        ),
    ] {
        let c = contract(&e, id);
        assert_eq!(c.aide.due, dec("0"), "{id}");
        assert!(c.aide.suspendue(), "{id}");
        assert!(c.aide.signalements.is_empty(), "{id}");
        let m = &c.aide.motifs[0];
        assert_eq!(
            (m.nature, m.code),
            (MotifKind::CompteFinancier, Some(Code::V0101))
        );
        assert_eq!(m.message, format!("suspendue : {fact}"));
    }
}

// ------------------------------------------------------------------ several sources, envelope clauses

/// One decision per source; an envelope's clauses bear only on the block
/// drawing on it, from the date of effect of the `avenant` that integrated it.
#[test]
fn each_source_has_its_decision_and_its_envelope_clauses() {
    let run = case("v02_sources");
    let e = run.evaluate(2026);
    let c = contract(&e, "cas_deux_sources");
    let lines: Vec<(Option<&str>, String, String, bool)> = c
        .aides
        .iter()
        .map(|a| {
            (
                a.enveloppe.as_deref(),
                a.prevue.normalize().to_string(),
                a.due.normalize().to_string(),
                a.suspendue(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        vec![
            (Some("env_essai"), "500000".into(), "0".into(), true),
            (
                Some("crédits_essai"),
                "300000".into(),
                "300000".into(),
                false
            ),
        ]
    );
    assert_eq!((c.aide.prevue, c.aide.due), (dec("800000"), dec("300000")));
    // The integrating amendment moves year n of the envelope's clauses to
    // 2025: the positive 2025 result is not tested.
    let k = contract(&e, "cas_avenant_integre");
    assert!(k.aide.motifs.is_empty());
    assert_eq!(k.aide.due, dec("800000"));
    let fin = &k.aides[0].derivation.inputs[3];
    assert!(
        fin.how.contains("date d'effet le 10 décembre 2025"),
        "{}",
        fin.how
    );
    let json = report::report(Format::Json, &e, &run.map, Options::default());
    assert!(json.contains("\"aides\": ["));
    // The review names the source each reason bears on.
    let html = report::contract(Format::Html, &e, c, &run.map, Options::default());
    assert!(
        html.contains("Motifs qui écartent ou suspendent l’aide, par source"),
        "{html}"
    );
    assert!(html.contains("<li><code>env_essai</code> : <span class=\"code\">V0101</span>"));
    // The délégation of `env_essai` counts only the blocks drawing on it:
    // 0 € (suspended) + 500 000 €, not the 300 000 € of `crédits_essai`.
    let ctx = pacte::eval::report::html::Context::new(&run.program, &run.figures, &e);
    let options = Options {
        explain: false,
        context: Some(&ctx),
    };
    let board =
        report::summary(Format::Html, &e, &run.map, options).replace(['\u{a0}', '\u{202f}'], " ");
    assert!(
        board.contains("l’aide due pour 2027 s’élève à <span class=\"nw\">500 000 €</span>"),
        "{board}"
    );
    snapshot("v02_sources", &run, &e);
}

// ------------------------------------------------------------------ end of eligibility (V0102)

#[test]
fn eligibility_is_tested_from_the_year_after_the_date_of_effect() {
    let run = case("v02_eligibilite");
    let e = run.evaluate(2026);
    // Signed 10 December 2025, result 2025 positive: 2025 is not tested.
    let c = contract(&e, "cas_positif_annee_signature");
    assert!(c.aide.motifs.is_empty() && c.aide.signalements.is_empty());
    assert_eq!(c.aide.due, dec("800000"));
    // The same contract evaluated for 2025: nothing to test yet.
    let e2025 = run.evaluate(2025);
    let first = contract(&e2025, "cas_positif_annee_signature");
    assert!(first.aide.motifs.is_empty());
    assert!(first.aide.derivation.inputs[2]
        .how
        .contains("testée à partir de 2026"));
    // Result 2026 = 0 €: no aid for 2027, nor for 2028.
    for year in [2026, 2027] {
        let e = run.evaluate(year);
        let c = contract(&e, "cas_equilibre_2026");
        assert_eq!(c.aide.due, dec("0"), "{year}");
        let m = &c.aide.motifs[0];
        assert_eq!((m.nature, m.code), (MotifKind::FinAide, Some(Code::V0102)));
        assert!(m.message.contains("vérifiée en 2026"));
    }
    snapshot("v02_eligibilite", &run, &e);
}

#[test]
fn a_missing_figure_never_ends_eligibility() {
    let run = case("v02_eligibilite");
    let e = run.evaluate(2026);
    let c = contract(&e, "cas_resultat_manquant");
    assert!(c.aide.motifs.is_empty());
    assert_eq!(c.aide.due, dec("800000"));
    assert_eq!(
        signalements(c),
        vec![(
            Code::V0102,
            "fin d'éligibilité non vérifiable : `résultat_principal` manque pour 2026".to_string()
        )]
    );
}

/// The std's clause (`redressement_performance`: `fin_aide si
/// résultat_hors_aides >= 0 €`, with `résultat_hors_aides` =
/// `résultat_principal - aides`), on contracts signed on 10 December 2025.
#[test]
fn the_std_tests_the_result_excluding_aid_from_the_year_after_signature() {
    let run = case("v02_std_eligibilite");
    // 2025 (year of the date of effect, result positive): the 2026 aid stays.
    let e = run.evaluate(2025);
    let c = contract(&e, "cas_signe_decembre");
    assert!(c.aide.motifs.is_empty() && c.aide.signalements.is_empty());
    assert_eq!(c.aide.due, dec("800000"));
    // 2026: 900 000 € − 800 000 € of aid = +100 000 €: no aid for 2027, nor 2028.
    for year in [2026, 2027] {
        let e = run.evaluate(year);
        let c = contract(&e, "cas_equilibre_hors_aides");
        assert_eq!(c.aide.due, dec("0"), "{year}");
        let m = &c.aide.motifs[0];
        assert_eq!(m.code, Some(Code::V0102));
        assert!(m
            .message
            .contains("`résultat_hors_aides >= 0 €` vérifiée en 2026"));
    }
    // The same year, result excluding aid negative: the 2027 aid stays.
    let e = run.evaluate(2026);
    let kept = contract(&e, "cas_signe_decembre");
    assert!(kept.aide.motifs.is_empty() && kept.aide.signalements.is_empty());
    assert_eq!(kept.aide.due, dec("600000"));
    // `aides` missing: not verifiable, the aid stays, the review says which figure.
    let missing = contract(&e, "cas_aides_manquantes");
    assert_eq!(missing.aide.due, dec("600000"));
    assert_eq!(
        signalements(missing),
        vec![(
            Code::V0102,
            "fin d'éligibilité non vérifiable : `aides` manque pour 2026".to_string()
        )]
    );
    snapshot("v02_std_eligibilite", &run, &e);
}
