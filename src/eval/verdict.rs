//! §8.2 and §8.4 — objective verdicts and conditions of payment.
//!
//! An objective with a `cible` in *y* is `atteint` (score 1) when the
//! comparison holds; otherwise, with a known base *b* ≠ target *t*, its
//! progress *p* = (*a* − *b*) / (*t* − *b*) clamped to [0, 1] makes it
//! `partiellement atteint` (score *p*) when *p* > 0, else `non atteint`;
//! for `entre A et B` the bound nearer the actual value is the target.
//! A missing actual value makes it `non évaluable`: score 0, or excluded
//! from the rate under `donnée_manquante exclue`.

use super::derivation::{expr_text, Derivation, StepKind};
use super::figures::Val;
use super::values::{self, compare, literal, Values};
use crate::ast::{Cible, CmpOp, Comparison, Condition, Contrat, Dimension, MissingData, Objectif};
use crate::model::base_of;
use rust_decimal::Decimal;
use serde::Serialize;

/// The verdict of one objective in a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ObjectiveVerdict {
    #[serde(rename = "atteint")]
    Atteint,
    #[serde(rename = "partiellement atteint")]
    PartiellementAtteint,
    #[serde(rename = "non atteint")]
    NonAtteint,
    #[serde(rename = "non évaluable")]
    NonEvaluable,
}

impl ObjectiveVerdict {
    pub fn label(self) -> &'static str {
        match self {
            ObjectiveVerdict::Atteint => "atteint",
            ObjectiveVerdict::PartiellementAtteint => "partiellement atteint",
            ObjectiveVerdict::NonAtteint => "non atteint",
            ObjectiveVerdict::NonEvaluable => "non évaluable",
        }
    }
}

/// One objective's evaluation in the year.
#[derive(Debug, Clone)]
pub struct ObjectiveEvaluation {
    pub objectif: String,
    pub libelle: Option<String>,
    pub indicateur: String,
    pub dimension: Dimension,
    /// `>=`, `<=`, `>`, `<`, `=` or `entre`.
    pub comparateur: String,
    /// The target (the lower bound for `entre`).
    pub cible: Val,
    /// The upper bound for `entre`.
    pub cible_max: Option<Val>,
    pub base: Option<Val>,
    pub valeur: Option<Val>,
    /// `>= 4 %`, `entre 21 j et 30 j`.
    pub cible_texte: String,
    /// `4,2 % (cible >= 4 %)`.
    pub affichage: String,
    pub verdict: ObjectiveVerdict,
    /// `None` when excluded from the rate (`donnée_manquante exclue`).
    pub score: Option<Decimal>,
    pub poids: Decimal,
    pub derivation: Derivation,
}

/// Evaluates one objective against its target of the year.
pub fn objective(
    values: &mut Values<'_>,
    contrat: &Contrat,
    objectif: &Objectif,
    cible: &Cible,
    missing: MissingData,
) -> ObjectiveEvaluation {
    let year = cible.annee.value;
    let indicateur = objectif.indicateur.as_ref().map_or("", |i| i.name.as_str());
    let dim = values.dimension(indicateur);
    let values::Actual {
        value: actual,
        derivation: actual_step,
    } = values.indicator(indicateur, year);
    let base = base_of(contrat, objectif);
    let base_val = base.map(|(_, v, _)| literal(v));
    let (comparateur, lo, hi) = match &cible.comparison {
        Comparison::Cmp(op, v) => (op.symbol(), literal(v), None),
        Comparison::Between(a, b) => ("entre", literal(a), Some(literal(b))),
    };
    let target_text = target_text(&cible.comparison);
    let mut steps = vec![actual_step];
    steps.push(
        Derivation::new(
            StepKind::Contrat,
            format!("cible {year}"),
            "écrite dans le contrat",
        )
        .value(target_exact(&cible.comparison), target_text.clone())
        .at(cible.span),
    );
    if let (Some((annee, _, span)), Some(b)) = (base, base_val) {
        steps.push(
            Derivation::new(
                StepKind::Contrat,
                format!("base {annee}"),
                "base ou référence du contrat",
            )
            .value(b.exact(), b.display(dim))
            .at(span),
        );
    }
    let (verdict, score, how) = match actual {
        None => missing_verdict(missing),
        Some(a) => {
            let (verdict, score, step) = judge(&cible.comparison, a, base_val, dim);
            steps.extend(step);
            (
                verdict,
                Some(score),
                format!("{} : {}", target_text, verdict.label()),
            )
        }
    };
    let shown = actual.map_or_else(|| "manquant".to_string(), |a| a.display(dim));
    let mut derivation = Derivation::new(
        StepKind::Comparaison,
        format!("objectif {} en {year}", objectif.id.name),
        how,
    )
    .inputs(steps);
    if let Some(s) = score {
        derivation = derivation.value(
            s.normalize().to_string(),
            crate::display::number(s.round_dp(4)),
        );
    }
    ObjectiveEvaluation {
        objectif: objectif.id.name.clone(),
        libelle: objectif.libelle.as_ref().map(|t| t.value.clone()),
        indicateur: indicateur.to_string(),
        dimension: dim,
        comparateur: comparateur.to_string(),
        cible: lo,
        cible_max: hi,
        base: base_val,
        valeur: actual,
        affichage: format!("{shown} (cible {target_text})"),
        cible_texte: target_text,
        verdict,
        score,
        poids: Decimal::ONE,
        derivation,
    }
}

fn missing_verdict(missing: MissingData) -> (ObjectiveVerdict, Option<Decimal>, String) {
    let (score, how) = match missing {
        MissingData::Zero => (
            Some(Decimal::ZERO),
            "valeur manquante : score 0 (donnée_manquante zéro)",
        ),
        MissingData::Exclue => (
            None,
            "valeur manquante : objectif exclu du taux (donnée_manquante exclue)",
        ),
    };
    (ObjectiveVerdict::NonEvaluable, score, how.to_string())
}

/// `>= 4 %`, `entre 21 j et 30 j`.
pub fn target_text(c: &Comparison) -> String {
    crate::fmt::lexical::comparison(c)
}

/// `>= 0.04`, `entre 21 et 30`: the target in base units.
fn target_exact(c: &Comparison) -> String {
    match c {
        Comparison::Cmp(op, v) => format!("{} {}", op.symbol(), literal(v).exact()),
        Comparison::Between(a, b) => {
            format!("entre {} et {}", literal(a).exact(), literal(b).exact())
        }
    }
}

/// Verdict, score and the comparison / progression steps for an actual value.
pub fn judge(
    c: &Comparison,
    a: Val,
    base: Option<Val>,
    dim: Dimension,
) -> (ObjectiveVerdict, Decimal, Vec<Derivation>) {
    let holds = holds(c, &a);
    let shown = format!("{} {}", a.display(dim), target_text(c));
    let comparison = Derivation::new(
        StepKind::Comparaison,
        "comparaison",
        if holds { "vraie" } else { "fausse" },
    )
    .value(Val::Bool(holds).exact(), shown);
    if holds {
        return (ObjectiveVerdict::Atteint, Decimal::ONE, vec![comparison]);
    }
    let target = nearer_bound(c, &a);
    let Some(progress) = progress(a, base, target) else {
        return (
            ObjectiveVerdict::NonAtteint,
            Decimal::ZERO,
            vec![comparison],
        );
    };
    let (a, b, t, p) = progress;
    let step = Derivation::new(
        StepKind::Progression,
        "progression",
        format!(
            "(a − b) / (t − b) = ({} − {}) / ({} − {}), bornée à [0, 1]",
            a.display(dim),
            b.display(dim),
            t.display(dim),
            b.display(dim)
        ),
    )
    .value(
        p.normalize().to_string(),
        crate::display::number(p.round_dp(4)),
    );
    let verdict = if p > Decimal::ZERO {
        ObjectiveVerdict::PartiellementAtteint
    } else {
        ObjectiveVerdict::NonAtteint
    };
    (verdict, p, vec![comparison, step])
}

/// Whether the actual value meets the target (`entre` is inclusive).
pub fn holds(c: &Comparison, a: &Val) -> bool {
    match c {
        Comparison::Cmp(op, v) => compare(*op, a, &literal(v)).unwrap_or(false),
        Comparison::Between(x, y) => {
            let (x, y) = (literal(x), literal(y));
            let (lo, hi) = if compare(CmpOp::Le, &x, &y).unwrap_or(true) {
                (x, y)
            } else {
                (y, x)
            };
            compare(CmpOp::Ge, a, &lo).unwrap_or(false)
                && compare(CmpOp::Le, a, &hi).unwrap_or(false)
        }
    }
}

/// The target of the progress formula: the value, or for `entre` the bound
/// nearer the actual value.
fn nearer_bound(c: &Comparison, a: &Val) -> Val {
    match c {
        Comparison::Cmp(_, v) => literal(v),
        Comparison::Between(x, y) => {
            let (x, y) = (literal(x), literal(y));
            match (a, x, y) {
                (Val::Num(a), Val::Num(p), Val::Num(q)) => {
                    let distance = |bound: Decimal| a.checked_sub(bound).map(|d| d.abs());
                    match (distance(p), distance(q)) {
                        (Some(dp), Some(dq)) if dq < dp => Val::Num(q),
                        _ => Val::Num(p),
                    }
                }
                _ => x,
            }
        }
    }
}

/// (a, b, t, p) with p = (a − b) / (t − b) clamped to [0, 1], when the base
/// is known, differs from the target, and all are numbers.
fn progress(a: Val, base: Option<Val>, target: Val) -> Option<(Val, Val, Val, Decimal)> {
    let (Val::Num(av), Some(Val::Num(bv)), Val::Num(tv)) = (a, base, target) else {
        return None;
    };
    if tv == bv {
        return None;
    }
    let p = av.checked_sub(bv)?.checked_div(tv.checked_sub(bv)?)?;
    let p = p.clamp(Decimal::ZERO, Decimal::ONE);
    Some((a, Val::Num(bv), target, p))
}

/// The verdict of a condition of payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ConditionVerdict {
    #[serde(rename = "respectée")]
    Respectee,
    #[serde(rename = "non respectée")]
    NonRespectee,
    #[serde(rename = "non évaluable")]
    NonEvaluable,
}

impl ConditionVerdict {
    pub fn label(self) -> &'static str {
        match self {
            ConditionVerdict::Respectee => "respectée",
            ConditionVerdict::NonRespectee => "non respectée",
            ConditionVerdict::NonEvaluable => "non évaluable",
        }
    }
}

/// One condition's evaluation in the year.
#[derive(Debug, Clone)]
pub struct ConditionEvaluation {
    pub condition: String,
    pub libelle: Option<String>,
    /// `jours_de_stocks <= 28 j`.
    pub exige: String,
    /// From which year it applies (`à partir de`), if given.
    pub a_partir_de: Option<i32>,
    /// `None` when the condition does not apply in the year.
    pub verdict: Option<ConditionVerdict>,
    pub derivation: Derivation,
}

/// Evaluates a condition (§8.4): applicable in every year of the period,
/// or from its `à partir de` year.
pub fn condition(
    values: &mut Values<'_>,
    condition: &Condition,
    period: Option<(i32, i32)>,
    year: i32,
) -> Option<ConditionEvaluation> {
    let exige = condition.exige.as_ref()?;
    let from = exige.a_partir_de.map(|y| y.value);
    let in_period = period.is_none_or(|(start, end)| (start..=end).contains(&year));
    let applies = in_period && from.is_none_or(|f| year >= f);
    let text = expr_text(&exige.expr);
    let what = format!("condition {} en {year}", condition.id.name);
    let (verdict, derivation) = if applies {
        let (outcome, inputs) = values.expr(&exige.expr, year);
        let verdict = match outcome {
            Ok(Val::Bool(true)) => ConditionVerdict::Respectee,
            Ok(Val::Bool(false)) => ConditionVerdict::NonRespectee,
            _ => ConditionVerdict::NonEvaluable,
        };
        let how = match &outcome {
            Err(reason) => format!("{text} — {reason}"),
            Ok(_) => text.clone(),
        };
        let d = Derivation::new(StepKind::Condition, what, how)
            .value(verdict.label(), verdict.label())
            .at(exige.span)
            .inputs(inputs);
        (Some(verdict), d)
    } else {
        let how = match from {
            Some(f) if in_period => format!("{text} — applicable à partir de {f}"),
            _ => format!("{text} — exercice hors de la période du contrat"),
        };
        (
            None,
            Derivation::new(StepKind::Condition, what, how).at(exige.span),
        )
    };
    Some(ConditionEvaluation {
        condition: condition.id.name.clone(),
        libelle: condition.libelle.as_ref().map(|t| t.value.clone()),
        exige: text,
        a_partir_de: from,
        verdict,
        derivation,
    })
}
