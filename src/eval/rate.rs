//! §8.3 and §8.6 — the achievement rate and the contract verdict.
//!
//! *R*(*y*) = Σ poids × score / Σ poids over the objectives with a `cible`
//! in *y* (those excluded under `donnée_manquante exclue` left out), none
//! when no objective has one. An objective's weight is its `poids`, else —
//! under `pondération par gains` — its total expected gains, else 1; when
//! the gains-weighted objectives of the year all have zero gains, they
//! weigh 1.

use super::derivation::{Derivation, StepKind};
use super::verdict::{ConditionEvaluation, ConditionVerdict, ObjectiveEvaluation};
use crate::ast::Objectif;
use rust_decimal::Decimal;
use serde::Serialize;

/// Where an objective's weight comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeightSource {
    Poids,
    Gains,
    Default,
}

/// An objective's weight before the zero-gains fallback.
pub fn weight(objectif: &Objectif, by_gains: bool) -> (Decimal, WeightSource) {
    if let Some(p) = &objectif.poids {
        return (p.value, WeightSource::Poids);
    }
    if by_gains {
        let total = objectif
            .gains_effectifs()
            .into_iter()
            .try_fold(Decimal::ZERO, |acc, g| acc.checked_add(g.montant.value))
            .unwrap_or(Decimal::ZERO);
        return (total.max(Decimal::ZERO), WeightSource::Gains);
    }
    (Decimal::ONE, WeightSource::Default)
}

/// Applies the zero-gains fallback: gains-weighted objectives weigh 1 when
/// all of them have zero gains in the year's set.
pub fn fallback(weights: &mut [(Decimal, WeightSource)]) {
    let gains = || weights.iter().filter(|(_, s)| *s == WeightSource::Gains);
    if gains().count() > 0 && gains().all(|(w, _)| w.is_zero()) {
        for (w, s) in weights.iter_mut() {
            if *s == WeightSource::Gains {
                *w = Decimal::ONE;
            }
        }
    }
}

/// The rate of the year and how it was computed.
#[derive(Debug, Clone)]
pub struct Rate {
    pub value: Option<Decimal>,
    pub derivation: Derivation,
}

/// *R*(*y*) over the year's objectives (their `poids` already set).
pub fn rate(objectives: &[ObjectiveEvaluation], year: i32) -> Rate {
    let what = format!("taux de réalisation {year}");
    if objectives.is_empty() {
        return Rate {
            value: None,
            derivation: Derivation::new(
                StepKind::Realisation,
                what,
                format!("aucun objectif n'a de cible en {year} : sans objet"),
            ),
        };
    }
    let included: Vec<&ObjectiveEvaluation> =
        objectives.iter().filter(|o| o.score.is_some()).collect();
    let mut num = Decimal::ZERO;
    let mut den = Decimal::ZERO;
    let mut terms = Vec::new();
    for o in &included {
        let score = o.score.unwrap_or_default();
        num = num
            .checked_add(o.poids.checked_mul(score).unwrap_or_default())
            .unwrap_or(num);
        den = den.checked_add(o.poids).unwrap_or(den);
        terms.push(format!(
            "{} × {}",
            crate::display::number(o.poids),
            crate::display::number(score.round_dp(4))
        ));
    }
    let value = if den.is_zero() {
        Decimal::ZERO
    } else {
        num.checked_div(den).unwrap_or_default()
    };
    let how = if included.is_empty() {
        "aucun objectif évaluable (tous exclus faute de chiffres) : taux 0".to_string()
    } else {
        format!(
            "Σ poids × score / Σ poids = ({}) / {}",
            terms.join(" + "),
            crate::display::number(den)
        )
    };
    let derivation = Derivation::new(StepKind::Realisation, what, how).value(
        value.normalize().to_string(),
        crate::display::quantity(value, crate::ast::Dimension::Ratio),
    );
    Rate {
        value: Some(value),
        derivation,
    }
}

/// The contract verdict (§8.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ContractVerdict {
    #[serde(rename = "engagements tenus")]
    Tenus,
    #[serde(rename = "partiellement tenus")]
    PartiellementTenus,
    #[serde(rename = "non tenus")]
    NonTenus,
    #[serde(rename = "sans objet")]
    SansObjet,
}

impl ContractVerdict {
    pub fn label(self) -> &'static str {
        match self {
            ContractVerdict::Tenus => "engagements tenus",
            ContractVerdict::PartiellementTenus => "partiellement tenus",
            ContractVerdict::NonTenus => "non tenus",
            ContractVerdict::SansObjet => "sans objet",
        }
    }

    pub const ALL: [ContractVerdict; 4] = [
        ContractVerdict::Tenus,
        ContractVerdict::PartiellementTenus,
        ContractVerdict::NonTenus,
        ContractVerdict::SansObjet,
    ];
}

/// `sans objet` without a rate; `engagements tenus` at 90 % with every
/// applicable condition respected; `partiellement tenus` from 50 %.
pub fn contract_verdict(
    rate: Option<Decimal>,
    conditions: &[ConditionEvaluation],
) -> ContractVerdict {
    let Some(r) = rate else {
        return ContractVerdict::SansObjet;
    };
    let all_respected = conditions
        .iter()
        .filter_map(|c| c.verdict)
        .all(|v| v == ConditionVerdict::Respectee);
    if r >= Decimal::new(9, 1) && all_respected {
        ContractVerdict::Tenus
    } else if r >= Decimal::new(5, 1) {
        ContractVerdict::PartiellementTenus
    } else {
        ContractVerdict::NonTenus
    }
}
