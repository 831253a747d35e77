//! §8.5 — the aid decision for year *y*+1: the planned amount (0 when the
//! schedule has none) × the modulation share of *R*(*y*) (100 % without a
//! rate, or without any modulation table), then 0 when a condition is
//! `non respectée` or `non évaluable`, when the financial account of *y* was
//! filed late or not at all (V0101), or when `fin_aide` held in a year from
//! *n* to *y* (V0102). Every reason that applies is listed. The amount is
//! rounded to the euro, half away from zero, only at the end.

use super::derivation::{expr_text, Derivation, StepKind};
use super::figures::Val;
use super::values::{compare, Values};
use super::verdict::{ConditionEvaluation, ConditionVerdict};
use crate::ast::{ClauseKind, Contrat, Dimension, Modulation, ModulationLine};
use crate::diagnostic::Code;
use crate::model::CadreEffectif;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

/// The indicator holding the filing date of the financial account.
pub const DEPOT_CF: &str = "dépôt_compte_financier";

/// Why the aid is not paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MotifKind {
    #[serde(rename = "condition_non_respectée")]
    ConditionNonRespectee,
    #[serde(rename = "condition_non_évaluable")]
    ConditionNonEvaluable,
    CompteFinancier,
    FinAide,
}

/// One reason the aid is 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Motif {
    pub nature: MotifKind,
    pub code: Option<Code>,
    pub condition: Option<String>,
    pub message: String,
}

/// The aid decision for the year after the exercice.
#[derive(Debug, Clone)]
pub struct AidDecision {
    pub exercice: i32,
    pub enveloppe: Option<String>,
    pub prevue: Decimal,
    pub modulation: Decimal,
    /// Rounded to the euro.
    pub due: Decimal,
    pub motifs: Vec<Motif>,
    pub derivation: Derivation,
}

/// Rounds to the euro, half away from zero.
pub fn round_euro(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
}

/// What the decision needs besides the figures.
pub struct AidInput<'a> {
    pub contrat: &'a Contrat,
    pub cadre: Option<&'a CadreEffectif>,
    pub rate: Option<Decimal>,
    pub conditions: &'a [ConditionEvaluation],
    pub year: i32,
}

/// Decides the aid of year *y*+1.
pub fn decide(values: &mut Values<'_>, input: &AidInput<'_>) -> AidDecision {
    let next = input.year.saturating_add(1);
    let (prevue, planned) = planned(input.contrat, next);
    let (share, modulation) = share(input, input.rate);
    let mut motifs = condition_motifs(input.conditions);
    let mut steps = vec![planned, modulation];
    if let Some((motif, step)) = compte_financier(values, input) {
        motifs.extend(motif);
        steps.push(step);
    }
    if let Some((motif, step)) = fin_aide(values, input) {
        motifs.extend(motif);
        steps.push(step);
    }
    let modulated = prevue.checked_mul(share).unwrap_or(prevue);
    let exact = if motifs.is_empty() {
        modulated
    } else {
        Decimal::ZERO
    };
    let due = round_euro(exact);
    let how = if motifs.is_empty() {
        format!(
            "prévue × modulation = {} × {} = {}, arrondie à l'euro",
            crate::display::quantity(prevue, Dimension::Money),
            crate::display::quantity(share, Dimension::Ratio),
            crate::display::quantity(modulated, Dimension::Money)
        )
    } else {
        let n = motifs.len();
        format!("ramenée à 0 € : {n} motif{}", if n > 1 { "s" } else { "" })
    };
    let derivation = Derivation::new(StepKind::Aide, format!("aide {next} due"), how)
        .value(due.normalize().to_string(), euros(due))
        .inputs(steps);
    AidDecision {
        exercice: next,
        enveloppe: input.contrat.aide().map(|a| a.enveloppe.name.clone()),
        prevue,
        modulation: share,
        due,
        motifs,
        derivation,
    }
}

/// `600 000 €`.
pub fn euros(amount: Decimal) -> String {
    format!("{} €", crate::display::number(round_euro(amount)))
}

/// The planned amount of a year (0 when the schedule has none).
fn planned(contrat: &Contrat, year: i32) -> (Decimal, Derivation) {
    let what = format!("aide prévue {year}");
    let line = contrat
        .aide()
        .and_then(|a| a.annees.iter().find(|l| l.annee.value == year));
    match line {
        Some(l) => {
            let amount = l.montant.value;
            let kind = if l.is_ferme() { "ferme" } else { "indicative" };
            let d = Derivation::new(
                StepKind::Contrat,
                what,
                format!("échéancier du contrat ({kind})"),
            )
            .value(
                amount.normalize().to_string(),
                crate::display::quantity(amount, Dimension::Money),
            )
            .at(l.span);
            (amount, d)
        }
        None => (
            Decimal::ZERO,
            Derivation::new(
                StepKind::Contrat,
                what,
                format!("aucune aide prévue pour {year} dans l'échéancier"),
            )
            .value("0", "0 €"),
        ),
    }
}

/// The modulation share of the rate: the contract's table, else the
/// framework's, else 100 %; 100 % when the rate is none.
fn share(input: &AidInput<'_>, rate: Option<Decimal>) -> (Decimal, Derivation) {
    let what = "modulation";
    let table = input
        .contrat
        .modulation
        .as_ref()
        .map(|m| (m, "contrat"))
        .or_else(|| {
            input
                .cadre
                .and_then(|c| c.modulation())
                .map(|m| (m, "cadre"))
        });
    let Some(r) = rate else {
        return full(what, "pas de taux de réalisation (sans objet) : 100 %");
    };
    let Some((table, origin)) = table else {
        return full(
            what,
            "ni le contrat ni son cadre n'ont de barème de modulation : 100 %",
        );
    };
    match row(table, r) {
        Some((part, line, span)) => {
            let part = part.clamp(Decimal::ZERO, Decimal::ONE);
            let how = format!("barème du {origin}, ligne « {line} »");
            let d = Derivation::new(StepKind::Modulation, what, how)
                .value(
                    part.normalize().to_string(),
                    crate::display::quantity(part, Dimension::Ratio),
                )
                .at(span);
            (part, d)
        }
        None => (
            Decimal::ZERO,
            Derivation::new(
                StepKind::Modulation,
                what,
                format!("aucune ligne du barème du {origin} ne s'applique : 0 %"),
            )
            .value("0", "0 %")
            .at(table.span),
        ),
    }
}

fn full(what: &'static str, how: &'static str) -> (Decimal, Derivation) {
    (
        Decimal::ONE,
        Derivation::new(StepKind::Modulation, what, how).value("1", "100 %"),
    )
}

/// The first row of a table that applies to a rate.
fn row(table: &Modulation, r: Decimal) -> Option<(Decimal, String, crate::source::Span)> {
    let pct = |d: Decimal| crate::display::quantity(d, Dimension::Ratio);
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

fn condition_motifs(conditions: &[ConditionEvaluation]) -> Vec<Motif> {
    conditions
        .iter()
        .filter_map(|c| {
            let (nature, message) = match c.verdict? {
                ConditionVerdict::Respectee => return None,
                ConditionVerdict::NonRespectee => (
                    MotifKind::ConditionNonRespectee,
                    format!("condition `{}` non respectée ({})", c.condition, c.exige),
                ),
                ConditionVerdict::NonEvaluable => (
                    MotifKind::ConditionNonEvaluable,
                    format!("condition `{}` non évaluable faute de chiffres ({}) : pas de versement sans justificatif", c.condition, c.exige),
                ),
            };
            Some(Motif {
                nature,
                code: None,
                condition: Some(c.condition.clone()),
                message,
            })
        })
        .collect()
}

/// V0101: the financial account of *y* filed after the deadline in *y*+1, or not at all.
fn compte_financier(
    values: &mut Values<'_>,
    input: &AidInput<'_>,
) -> Option<(Option<Motif>, Derivation)> {
    let clause = values
        .program()
        .clauses_in_force(input.contrat)
        .into_iter()
        .find(|c| matches!(c.kind, ClauseKind::CompteFinancierAuPlusTard(..)))?;
    let ClauseKind::CompteFinancierAuPlusTard(deadline, _) = &clause.kind else {
        return None;
    };
    let y = input.year;
    let limit = deadline.in_year(y.saturating_add(1));
    let actual = values.indicator(DEPOT_CF, y);
    let message = match actual.value {
        Some(Val::Date(d)) if d <= limit => None,
        Some(Val::Date(d)) => Some(format!(
            "compte financier {y} déposé le {}, après la date limite du {} : versement suspendu",
            d.french(),
            limit.french()
        )),
        _ => Some(format!(
            "compte financier {y} non déposé (aucune date `{DEPOT_CF}`) : versement suspendu"
        )),
    };
    let verdict = if message.is_some() {
        "hors délai ou absent (V0101)"
    } else {
        "dans le délai"
    };
    let step = Derivation::new(
        StepKind::Condition,
        format!("dépôt du compte financier {y}"),
        format!("au plus tard le {} : {verdict}", limit.french()),
    )
    .at(clause.span)
    .input(actual.derivation);
    let motif = message.map(|message| Motif {
        nature: MotifKind::CompteFinancier,
        code: Some(Code::V0101),
        condition: None,
        message,
    });
    Some((motif, step))
}

/// V0102: `fin_aide` held in a year from *n* to *y*.
fn fin_aide(values: &mut Values<'_>, input: &AidInput<'_>) -> Option<(Option<Motif>, Derivation)> {
    let clause = values
        .program()
        .clauses_in_force(input.contrat)
        .into_iter()
        .find(|c| matches!(c.kind, ClauseKind::FinAideSi(_)))?;
    let ClauseKind::FinAideSi(expr) = &clause.kind else {
        return None;
    };
    let start = input
        .contrat
        .periode
        .as_ref()
        .map_or(input.year, |p| p.debut.value);
    let text = expr_text(expr);
    let mut steps = Vec::new();
    let mut held = None;
    for year in start..=input.year {
        let (outcome, inputs) = values.expr(expr, year);
        let label = match &outcome {
            Ok(Val::Bool(true)) => "vérifiée".to_string(),
            Ok(_) => "non vérifiée".to_string(),
            Err(reason) => format!("non évaluable ({reason}) : tenue pour non vérifiée"),
        };
        if held.is_none() && outcome == Ok(Val::Bool(true)) {
            held = Some(year);
        }
        steps.push(
            Derivation::new(StepKind::Condition, format!("{text} en {year}"), label).inputs(inputs),
        );
    }
    let how = match held {
        Some(k) => format!("fin_aide si {text} : vérifiée en {k} (V0102)"),
        None => format!(
            "fin_aide si {text} : jamais vérifiée de {start} à {}",
            input.year
        ),
    };
    let step = Derivation::new(StepKind::Condition, "fin d'éligibilité", how)
        .at(clause.span)
        .inputs(steps);
    let motif = held.map(|k| Motif {
        nature: MotifKind::FinAide,
        code: Some(Code::V0102),
        condition: None,
        message: format!("`{text}` vérifiée en {k} : l'établissement n'est plus éligible à l'aide"),
    });
    Some((motif, step))
}
