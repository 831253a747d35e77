//! The modulation share of §8.5: the contract's `modulation` table, else
//! its framework's; without a table, or without an achievement rate, the
//! planned amount is due as it is. No scale is ever invented: the 2025
//! instruction only says the results « pourra chaque année conditionner le
//! niveau d'allocation par l'ARS ».

use super::AidInput;
use crate::ast::{Dimension, Modulation, ModulationLine};
use crate::eval::derivation::{Derivation, StepKind};
use crate::eval::figures::Val;
use crate::eval::values::compare;
use crate::source::Span;
use rust_decimal::Decimal;
use serde::Serialize;

/// Where the share of the aid comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bareme {
    /// The contract's own `modulation` table.
    Contrat,
    /// Its framework's table.
    Cadre,
    /// No table: the contract does not tie the aid to the results.
    Aucun,
    /// A table, but no achievement rate (no objective has a target).
    SansTaux,
}

impl Bareme {
    /// Whether a table's row set the share.
    pub fn module(self) -> bool {
        matches!(self, Bareme::Contrat | Bareme::Cadre)
    }

    /// Why the aid is not modulated, for the review.
    pub fn non_module(self) -> Option<&'static str> {
        match self {
            Bareme::Aucun => Some("le contrat ne lie pas l'aide aux résultats : ni lui ni son cadre n'ont de barème de modulation, l'aide prévue est due"),
            Bareme::SansTaux => Some("aucun objectif n'a de cible dans l'exercice : l'aide prévue n'est pas modulée"),
            Bareme::Contrat | Bareme::Cadre => None,
        }
    }
}

/// The share of the planned aid, where it comes from, and its derivation.
pub fn share(input: &AidInput<'_>) -> (Bareme, Decimal, Derivation) {
    let table = input
        .contrat
        .modulation
        .as_ref()
        .map(|m| (m, Bareme::Contrat))
        .or_else(|| {
            input
                .cadre
                .and_then(|c| c.modulation())
                .map(|m| (m, Bareme::Cadre))
        });
    let Some((table, origin)) = table else {
        return full(
            Bareme::Aucun,
            "ni le contrat ni son cadre n'ont de barème de modulation : le contrat ne lie pas l'aide aux résultats, aide prévue due",
        );
    };
    let Some(r) = input.rate else {
        return full(
            Bareme::SansTaux,
            "pas de taux de réalisation (sans objet) : aide prévue non modulée",
        );
    };
    let whose = if origin == Bareme::Contrat {
        "contrat"
    } else {
        "cadre"
    };
    let (part, d) = match row(table, r) {
        Some((part, line, span)) => {
            let part = part.clamp(Decimal::ZERO, Decimal::ONE);
            let how = format!("barème du {whose}, ligne « {line} »");
            let d = Derivation::new(StepKind::Modulation, "modulation", how)
                .value(part.normalize().to_string(), pct(part))
                .at(span);
            (part, d)
        }
        None => (
            Decimal::ZERO,
            Derivation::new(
                StepKind::Modulation,
                "modulation",
                format!("aucune ligne du barème du {whose} ne s'applique : 0 %"),
            )
            .value("0", "0 %")
            .at(table.span),
        ),
    };
    (origin, part, d)
}

fn pct(d: Decimal) -> String {
    crate::display::quantity(d, Dimension::Ratio)
}

fn full(bareme: Bareme, how: &'static str) -> (Bareme, Decimal, Derivation) {
    (
        bareme,
        Decimal::ONE,
        Derivation::new(StepKind::Modulation, "modulation", how).value("1", "100 %"),
    )
}

/// The first row of a table that applies to a rate.
fn row(table: &Modulation, r: Decimal) -> Option<(Decimal, String, Span)> {
    table.lines.iter().find_map(|line| match line {
        ModulationLine::Si {
            op,
            seuil,
            part,
            span,
        } => compare(*op, &Val::Num(r), &Val::Num(seuil.value))
            .filter(|holds| *holds)
            .map(|_| {
                (
                    part.value,
                    format!(
                        "si réalisation {} {}: {}",
                        op.symbol(),
                        pct(seuil.value),
                        pct(part.value)
                    ),
                    *span,
                )
            }),
        ModulationLine::Sinon { part, span } => {
            Some((part.value, format!("sinon: {}", pct(part.value)), *span))
        }
    })
}
