#![allow(clippy::disallowed_methods)] // reads and writes files outside the compiler
//! Properties of the evaluation (proptest): the achievement rate stays in
//! [0, 1]; raising the actual value of a `hausse` indicator never lowers its
//! score; the aid due never exceeds the aid planned.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

mod support;

use pacte::ast::{CmpOp, Comparison, Dimension, Quantity, Unit, Value};
use pacte::eval::derivation::{Derivation, StepKind};
use pacte::eval::figures::{Figure, Figures, Layout, Val};
use pacte::eval::rate;
use pacte::eval::verdict::{judge, ObjectiveEvaluation};
use pacte::source::Span;
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::sync::OnceLock;

fn ratio(thousandths: i64) -> Decimal {
    Decimal::new(thousandths, 3)
}

fn value(d: Decimal) -> Value {
    Value::Quantity(Quantity {
        value: d,
        unit: Unit::Percent,
        span: Span::default(),
    })
}

fn comparison(kind: u8, t: i64, u: i64) -> Comparison {
    let op = match kind {
        0 => CmpOp::Ge,
        1 => CmpOp::Le,
        2 => CmpOp::Gt,
        3 => CmpOp::Lt,
        4 => CmpOp::Eq,
        _ => return Comparison::Between(value(ratio(t)), value(ratio(u))),
    };
    Comparison::Cmp(op, value(ratio(t)))
}

fn evaluation(score: Decimal, poids: Decimal) -> ObjectiveEvaluation {
    ObjectiveEvaluation {
        objectif: "o".into(),
        libelle: None,
        indicateur: "i".into(),
        dimension: Dimension::Ratio,
        comparateur: ">=".into(),
        cible: Val::Num(Decimal::ZERO),
        cible_max: None,
        base: None,
        valeur: None,
        cible_texte: String::new(),
        affichage: String::new(),
        verdict: pacte::eval::verdict::ObjectiveVerdict::Atteint,
        score: Some(score),
        poids,
        derivation: Derivation::new(StepKind::Comparaison, "o", ""),
    }
}

/// One objective: comparison kind, target(s), actual, optional base, weight.
fn objective() -> impl Strategy<Value = (u8, i64, i64, i64, Option<i64>, i64)> {
    (
        0u8..6,
        -2000i64..2000,
        -2000i64..2000,
        -5000i64..5000,
        proptest::option::of(-2000i64..2000),
        1i64..1000,
    )
}

proptest! {
    #[test]
    fn rate_is_between_zero_and_one(objectives in proptest::collection::vec(objective(), 1..12)) {
        let evaluated: Vec<ObjectiveEvaluation> = objectives
            .iter()
            .map(|&(kind, t, u, a, b, w)| {
                let c = comparison(kind, t, u);
                let (_, score, _) = judge(&c, Val::Num(ratio(a)), b.map(|b| Val::Num(ratio(b))), Dimension::Ratio);
                prop_assert!(score >= Decimal::ZERO && score <= Decimal::ONE);
                Ok(evaluation(score, Decimal::from(w)))
            })
            .collect::<Result<_, _>>()?;
        let r = rate::rate(&evaluated, 2026).value.expect("a rate");
        prop_assert!(r >= Decimal::ZERO && r <= Decimal::ONE, "{}", r);
    }

    #[test]
    fn raising_a_hausse_value_never_lowers_its_score(
        strict in any::<bool>(), t in -2000i64..2000, b in proptest::option::of(-2000i64..2000),
        a in -5000i64..5000, raise in 0i64..5000,
    ) {
        let c = comparison(if strict { 2 } else { 0 }, t, 0);
        let base = b.map(|b| Val::Num(ratio(b)));
        let (_, low, _) = judge(&c, Val::Num(ratio(a)), base, Dimension::Ratio);
        let (_, high, _) = judge(&c, Val::Num(ratio(a + raise)), base, Dimension::Ratio);
        prop_assert!(high >= low, "a={a} raise={raise}: {low} > {high}");
    }
}

/// The `objectifs` fixture, loaded once.
fn fixture() -> &'static support::Run {
    static RUN: OnceLock<support::Run> = OnceLock::new();
    RUN.get_or_init(|| support::case("objectifs"))
}

const INDICATORS: [&str; 8] = [
    "marge_brute_hors_aides",
    "taux_chirurgie_ambulatoire",
    "délai_global_paiement",
    "jours_de_stocks",
    "délai_facturation_ace",
    "taux_absentéisme",
    "taux_exhaustivité_pmsi",
    "taux_rejet_fides",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn aid_due_never_exceeds_aid_planned(
        cents in 0i64..100_000_000_000,
        values in proptest::collection::vec(proptest::option::of(0i64..200_000), 8),
        filed_on_time in any::<bool>(),
        result in -5_000_000i64..5_000_000,
    ) {
        let run = fixture();
        let mut program = run.program.clone();
        let contrat = program.contrats.first_mut().expect("contract");
        let finess = contrat.etablissement.as_ref().and_then(|e| e.finess.as_ref()).expect("finess").value.clone();
        let planned = Decimal::new(cents, 2);
        if let Some(line) = contrat.aides.first_mut().and_then(|a| a.annees.iter_mut().find(|l| l.annee.value == 2027)) {
            line.montant.value = planned;
        }
        let mut figures = Figures::new("généré", run.figures.source, Layout::Pacte);
        let fig = |value| Figure { value, offset: 0 };
        for (name, v) in INDICATORS.iter().zip(&values) {
            if let Some(v) = v {
                let _ = figures.insert(&finess, 2026, name, fig(Val::Num(Decimal::new(*v, 3))));
            }
        }
        let day = if filed_on_time { 8 } else { 9 };
        let date = pacte::date::Date::new(2027, 7, day).expect("date");
        let _ = figures.insert(&finess, 2026, "dépôt_compte_financier", fig(Val::Date(date)));
        let _ = figures.insert(&finess, 2026, "résultat_principal", fig(Val::Num(Decimal::from(result))));
        let e = pacte::eval::evaluate(&program, &figures, 2026);
        let c = e.contracts.first().expect("evaluated");
        let r = c.realisation.expect("rate");
        prop_assert!(r >= Decimal::ZERO && r <= Decimal::ONE);
        prop_assert_eq!(c.aide.prevue, planned);
        prop_assert!(c.aide.due >= Decimal::ZERO);
        prop_assert!(c.aide.due <= pacte::eval::aid::round_euro(planned), "{} > {}", c.aide.due, planned);
        if cents % 100 == 0 {
            prop_assert!(c.aide.due <= planned);
        }
    }
}
