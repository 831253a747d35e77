//! The ARS's `revue` of a contract for the exercice (§8 « The ARS's
//! review »): its appraisal, each objective's comment, the justification of
//! a late financial account, and its decision on the aid of *y*+1 — an
//! amount, or a share of the planned amount (rounded to the euro). The
//! decision is shown beside the computed aid, never merged into it.

use super::aid::{round_euro, AidDecision};
use super::derivation::{Derivation, StepKind};
use crate::ast::{Dimension, Revue};
use crate::date::Date;
use crate::model::Program;
use rust_decimal::Decimal;

/// What the ARS's review of the exercice says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevueEvaluation {
    pub date: Option<Date>,
    /// The appraisal, Markdown as written.
    pub appreciation: Option<String>,
    /// (objective, comment), in the review's order.
    pub commentaires: Vec<(String, String)>,
    /// `compte_financier justifié "…"`: why the CF delay is accepted.
    pub compte_financier: Option<String>,
    /// The decision on the aid of *y*+1, if the review takes one.
    pub decision: Option<DecisionAide>,
}

impl RevueEvaluation {
    /// The comment of an objective.
    pub fn commentaire(&self, objectif: &str) -> Option<&str> {
        self.commentaires
            .iter()
            .find(|(o, _)| o == objectif)
            .map(|(_, c)| c.as_str())
    }
}

/// The ARS's decision on the aid of a year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionAide {
    pub exercice: i32,
    /// Rounded to the euro.
    pub due: Decimal,
    /// The share of the planned amount, when the decision is written as one.
    pub part: Option<Decimal>,
    pub motif: String,
    pub derivation: Derivation,
}

/// The review of a contract for an exercice, if the program has one.
pub fn of<'a>(program: &'a Program, contrat: &str, year: i32) -> Option<&'a Revue> {
    program
        .revues
        .iter()
        .find(|r| r.contrat.name == contrat && r.annee.value == year)
}

/// Reads a review against the computed aid (all sources together).
pub fn evaluate(revue: &Revue, aide: &AidDecision) -> RevueEvaluation {
    let decision = revue
        .decisions
        .iter()
        .find(|d| d.annee.value == aide.exercice)
        .map(|d| {
            let q = &d.montant;
            let (due, part, how) = if q.unit.dimension() == Dimension::Ratio {
                let due = round_euro(aide.prevue.checked_mul(q.value).unwrap_or(aide.prevue));
                let how = format!(
                    "décision de l'ARS : {} de l'aide prévue ({}), arrondie à l'euro",
                    crate::display::written(q),
                    crate::eval::aid::euros(aide.prevue)
                );
                (due, Some(q.value), how)
            } else {
                let due = round_euro(q.value);
                (due, None, "décision de l'ARS (revue)".to_string())
            };
            DecisionAide {
                exercice: aide.exercice,
                due,
                part,
                motif: d.motif.value.clone(),
                derivation: Derivation::new(
                    StepKind::Contrat,
                    format!("aide {} décidée", aide.exercice),
                    how,
                )
                .value(due.normalize().to_string(), crate::eval::aid::euros(due))
                .at(d.span),
            }
        });
    RevueEvaluation {
        date: revue.date.map(|(d, _)| d),
        appreciation: revue.appreciation.as_ref().map(|t| t.value.clone()),
        commentaires: revue
            .objectifs
            .iter()
            .map(|o| (o.objectif.name.clone(), o.commentaire.value.clone()))
            .collect(),
        compte_financier: revue.compte_financier.as_ref().map(|t| t.value.clone()),
        decision,
    }
}
