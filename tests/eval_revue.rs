#![allow(clippy::disallowed_methods)] // reads and writes files outside the compiler
//! The ARS's `revue` (§8): `pacte evaluate` reads it among its paths and
//! shows its appraisal, each objective's comment, a justified CF delay and
//! the decided aid beside the computed one, in every report; the regional
//! totals take the decided amounts. Fixture: `tests/fixtures/eval/v02_revue/`
//! (three contracts planning 800 000 € for 2027, all due in full; one revue
//! decides 700 000 €, one 90 % = 720 000 €, the third contract has none).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

mod support;

use pacte::ast::{Quantity, Unit};
use pacte::diagnostic::Code;
use pacte::eval::report::html::Context;
use pacte::eval::report::{self, Format, Options};
use pacte::eval::{ContractEvaluation, Evaluation};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::sync::OnceLock;
use support::{case, dec, mask_std_json, mask_std_lines};

fn run() -> &'static support::Run {
    static RUN: OnceLock<support::Run> = OnceLock::new();
    RUN.get_or_init(|| case("v02_revue"))
}

fn contract<'a>(e: &'a Evaluation, id: &str) -> &'a ContractEvaluation {
    e.contracts.iter().find(|c| c.contrat == id).unwrap()
}

#[test]
fn the_decision_is_beside_the_computed_aid() {
    let e = run().evaluate(2026);
    let c = contract(&e, "cas_revue");
    assert_eq!(c.aide.due, dec("800000"));
    let r = c.revue.as_ref().unwrap();
    let d = r.decision.as_ref().unwrap();
    assert_eq!((d.exercice, d.due, d.part), (2027, dec("700000"), None));
    assert_eq!(d.motif, "Effort constaté sur la masse salariale");
    assert_eq!(c.aide_retenue(), dec("700000"));
    // A share of the planned amount: 90 % × 800 000 €.
    let part = contract(&e, "cas_revue_part");
    let d = part.revue.as_ref().unwrap().decision.as_ref().unwrap();
    assert_eq!((d.due, d.part), (dec("720000"), Some(dec("0.9"))));
    // No revue: the computed aid is retained.
    let none = contract(&e, "cas_sans_revue");
    assert!(none.revue.is_none() && !none.decidee());
    assert_eq!(none.aide_retenue(), dec("800000"));
    // The summary totals the decided amounts where they exist.
    assert_eq!(e.summary.aide_due, dec("2400000"));
    assert_eq!(e.summary.aide_retenue, dec("2220000"));
    assert_eq!(e.summary.decisions, 2);
}

#[test]
fn every_field_of_the_revue_reaches_the_reports() {
    let run = run();
    let e = run.evaluate(2026);
    let c = contract(&e, "cas_revue");
    let r = c.revue.as_ref().unwrap();
    assert_eq!(r.date, pacte::date::Date::new(2027, 9, 15));
    assert!(r.appreciation.as_deref().unwrap().contains("**progresse**"));
    assert_eq!(
        r.commentaire("ambulatoire"),
        Some("Report de l'ouverture de l'unité, indépendant de l'établissement")
    );
    // The justified CF delay stays a signalement, marked justified.
    let s = &c.aide.signalements[0];
    assert_eq!(s.code, Code::V0101);
    assert_eq!(
        s.justification.as_deref(),
        Some("Migration du système d'information financier")
    );
    let options = Options {
        explain: true,
        ..Options::default()
    };
    let text = report::report(Format::Text, &e, &run.map, options);
    insta::assert_snapshot!("v02_revue_text", mask_std_lines(&text));
    let json = report::report(Format::Json, &e, &run.map, options);
    assert!(json
        .contains("\"decision\": {\n        \"exercice\": 2027,\n        \"due\": \"700000\",\n"));
    assert!(json.contains("\"commentaire\": \"Report de l'ouverture"));
    assert!(json.contains("\"justification\": \"Migration"));
    insta::assert_snapshot!("v02_revue_json", mask_std_json(&json));
    let md = report::report(Format::Markdown, &e, &run.map, Options::default());
    assert!(md.contains("## Revue de l'ARS du 15 septembre 2027"));
    assert!(md.contains("La marge **progresse**"));
    assert!(!md.contains("<script>"), "{md}");
    assert!(md.contains("| 700 000 € (revue) |"));
    assert!(md.contains("non atteint — ARS : Report de l'ouverture"));
}

#[test]
fn the_html_review_shows_the_revue_and_the_dashboard_marks_decisions() {
    let run = run();
    let e = run.evaluate(2026);
    let ctx = Context::new(&run.program, &run.figures, &e);
    let options = Options {
        explain: false,
        context: Some(&ctx),
    };
    let c = contract(&e, "cas_revue");
    let plain = |h: String| h.replace(['\u{a0}', '\u{202f}'], " ");
    let html = plain(report::contract(Format::Html, &e, c, &run.map, options));
    assert!(
        html.contains("Appréciation de l’ARS (revue du 15 septembre 2027)"),
        "{html}"
    );
    assert!(html.contains("<strong>progresse</strong>"));
    assert!(!html.contains("<script>"));
    assert!(html.contains("ARS : « Report de l’ouverture"));
    assert!(html.contains("dépassement justifié"));
    assert!(html.contains("justifié par l’ARS : « Migration"));
    assert!(html.contains("Aide 2027 décidée par l’ARS"));
    assert!(html.contains("Motif : Effort constaté sur la masse salariale"));
    let summary = plain(report::summary(Format::Html, &e, &run.map, options));
    assert!(summary.contains("décidée par l’ARS (calculée"));
    assert!(summary.contains("2 220 000"));
}

/// The revue of `examples/region-exemple` for ch_bocage_2025.
#[test]
fn the_example_revue_justifies_the_delay_and_decides() {
    let run = support::load_run(&["examples"], "examples/chiffres-2026.csv");
    let e = run.evaluate(2026);
    let ctx = Context::new(&run.program, &run.figures, &e);
    let options = Options {
        explain: false,
        context: Some(&ctx),
    };
    let c = contract(&e, "ch_bocage_2025");
    assert_eq!(
        (c.aide.due, c.aide_retenue()),
        (dec("1200000"), dec("1000000"))
    );
    let html = report::contract(Format::Html, &e, c, &run.map, options)
        .replace(['\u{a0}', '\u{202f}'], " ");
    assert!(html.contains("dépassement justifié"));
    assert!(html.contains("justification : « Changement de comptable public"));
    assert!(html.contains("Aide 2027 décidée par l’ARS"));
    assert!(html.contains("Appréciation de l’ARS (revue du 22 septembre 2027)"));
}

/// Hostile text in every field of a revue never becomes markup.
#[test]
fn hostile_revue_texts_stay_text() {
    let payload = "<img src=x onerror=alert(1)> [x](javascript:alert(1)) | <script>";
    let mut program = run().program.clone();
    let revue = program
        .revues
        .iter_mut()
        .find(|r| r.contrat.name == "cas_revue")
        .unwrap();
    for t in revue
        .appreciation
        .iter_mut()
        .chain(revue.compte_financier.iter_mut())
        .chain(revue.objectifs.iter_mut().map(|o| &mut o.commentaire))
        .chain(revue.decisions.iter_mut().map(|d| &mut d.motif))
    {
        t.value = payload.to_string();
    }
    let e = pacte::eval::evaluate(&program, &run().figures, 2026);
    let ctx = Context::new(&program, &run().figures, &e);
    let options = Options {
        explain: true,
        context: Some(&ctx),
    };
    let c = contract(&e, "cas_revue");
    let html = report::contract(Format::Html, &e, c, &run().map, options);
    support::html::assert_tags_are_safe(&html, "revue");
    assert!(!html.contains("<img") && !html.contains("<script"));
    let md = report::contract(Format::Markdown, &e, c, &run().map, options);
    // The Markdown may show the payload as text (`\<img`): what matters is
    // what a Markdown reader makes of it.
    let mut shown = String::new();
    pulldown_cmark::html::push_html(&mut shown, pulldown_cmark::Parser::new(&md));
    assert!(
        !shown.contains("<img")
            && !shown.contains("<script")
            && !shown.contains("href=\"javascript"),
        "{md}"
    );
}

/// The example of `pacte explain V0103` gives V0103.
#[test]
fn v0103_page_example_triggers_it() {
    let page = Code::V0103.explanation();
    let start = page.find("```pacte\n").unwrap() + "```pacte\n".len();
    let end = page[start..].find("```").unwrap() + start;
    let dir = std::env::temp_dir().join(format!("pacte-v0103-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("exemple.pacte");
    std::fs::write(&path, &page[start..end]).unwrap();
    let checked = pacte::cli::check::check_paths(&[path], None).unwrap();
    let codes: Vec<Code> = checked.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, vec![Code::V0103]);
    let _ = std::fs::remove_dir_all(&dir);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// The decided aid is what the revue says: an amount (to the euro), or
    /// a share of the planned amount.
    #[test]
    fn the_decided_amount_is_what_the_revue_says(
        cents in 0i64..200_000_000_000,
        share in proptest::option::of(0i64..=1000),
    ) {
        let mut program = run().program.clone();
        let revue = program
            .revues
            .iter_mut()
            .find(|r| r.contrat.name == "cas_revue")
            .unwrap();
        let decision = revue.decisions.first_mut().unwrap();
        let expected = match share {
            Some(permille) => {
                decision.montant = Quantity { value: Decimal::new(permille, 3), unit: Unit::Percent, ..decision.montant.clone() };
                pacte::eval::aid::round_euro(dec("800000") * Decimal::new(permille, 3))
            }
            None => {
                decision.montant = Quantity { value: Decimal::new(cents, 2), unit: Unit::Euro, ..decision.montant.clone() };
                pacte::eval::aid::round_euro(Decimal::new(cents, 2))
            }
        };
        let e = pacte::eval::evaluate(&program, &run().figures, 2026);
        let c = contract(&e, "cas_revue");
        prop_assert_eq!(c.aide_retenue(), expected);
        // The computed aid never moves with the decision, nor exceeds the plan.
        prop_assert_eq!(c.aide.due, dec("800000"));
        prop_assert!(c.aide.due <= c.aide.prevue);
    }
}
