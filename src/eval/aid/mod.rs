//! §8.5 — the aid decision for year *y*+1, one per `aide` block (source):
//! the planned amount (0 when the schedule has none), × the modulation
//! share of *R*(*y*) only when the contract or its framework has a
//! `modulation` table and *R*(*y*) is not none ([`modulation`]); then 0
//! when a condition is `non respectée`, **suspended** (0 until the evidence
//! comes) when a condition is `non évaluable` or, under `compte_financier
//! … suspend`, when the financial account of *y* is late or its filing
//! date unknown (V0101), and 0 when `fin_aide` held in an exercice after
//! the year of the date of effect (V0102) ([`clauses`]). Without `suspend`,
//! a late or undated financial account is a [`Signalement`], not a reason
//! to withhold the aid; an end of eligibility that cannot be verified is
//! one too. Every reason that applies is listed. The amount is rounded to
//! the euro, half away from zero, only at the end.

pub mod clauses;
pub mod modulation;

use super::derivation::{Derivation, StepKind};
use super::values::Values;
use super::verdict::{ConditionEvaluation, ConditionVerdict};
use crate::ast::{Aide, Contrat, Dimension};
use crate::diagnostic::Code;
use crate::model::{CadreEffectif, Program};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

pub use modulation::Bareme;

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
    /// Suspended (« suspendue »: due 0 until the evidence comes), not refused.
    pub suspend: bool,
}

/// Something the review must show but that does not change the aid: a
/// financial account filed late or without a date (V0101 without
/// `suspend`), an end of eligibility that could not be verified (V0102).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signalement {
    pub code: Code,
    pub message: String,
    /// The ARS's justification (`compte_financier justifié "…"` in its `revue`).
    pub justification: Option<String>,
}

/// The aid decision of one source for the year after the exercice (or,
/// for [`crate::eval::ContractEvaluation::aide`], of all sources together).
#[derive(Debug, Clone)]
pub struct AidDecision {
    pub exercice: i32,
    pub enveloppe: Option<String>,
    pub prevue: Decimal,
    /// The share applied: the table's row, or 1 when the aid is not modulated.
    pub modulation: Decimal,
    /// Where the share comes from.
    pub bareme: Bareme,
    /// Rounded to the euro.
    pub due: Decimal,
    pub motifs: Vec<Motif>,
    pub signalements: Vec<Signalement>,
    pub derivation: Derivation,
}

impl AidDecision {
    /// Every reason is a suspension: due 0 until the evidence comes.
    pub fn suspendue(&self) -> bool {
        !self.motifs.is_empty() && self.motifs.iter().all(|m| m.suspend)
    }

    /// Records the ARS's justification of a late or undated financial
    /// account on its V0101 signalement.
    pub fn justifier_compte_financier(&mut self, why: &str) {
        for s in self
            .signalements
            .iter_mut()
            .filter(|s| s.code == Code::V0101)
        {
            s.justification = Some(why.to_string());
        }
    }

    /// The planned amount × the share, before any reason (not rounded).
    pub fn modulee(&self) -> Decimal {
        self.prevue
            .checked_mul(self.modulation)
            .unwrap_or(self.prevue)
    }
}

/// Rounds to the euro, half away from zero.
pub fn round_euro(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
}

/// What the decision needs besides the figures.
pub struct AidInput<'a> {
    pub program: &'a Program,
    pub contrat: &'a Contrat,
    pub cadre: Option<&'a CadreEffectif>,
    pub rate: Option<Decimal>,
    pub conditions: &'a [ConditionEvaluation],
    pub year: i32,
}

/// The aid blocks of a contract (none: one decision of 0 € without source).
fn blocks(contrat: &Contrat) -> Vec<Option<&Aide>> {
    let all: Vec<Option<&Aide>> = contrat.aides.iter().map(Some).collect();
    if all.is_empty() {
        vec![None]
    } else {
        all
    }
}

/// Decides the aid of year *y*+1: one decision per source, and their total.
pub fn decide(values: &mut Values<'_>, input: &AidInput<'_>) -> (Vec<AidDecision>, AidDecision) {
    let decisions: Vec<AidDecision> = blocks(input.contrat)
        .into_iter()
        .map(|b| decide_block(values, input, b))
        .collect();
    let total = total(input.year.saturating_add(1), &decisions);
    (decisions, total)
}

/// The decision of one source.
pub fn decide_block(
    values: &mut Values<'_>,
    input: &AidInput<'_>,
    block: Option<&Aide>,
) -> AidDecision {
    let next = input.year.saturating_add(1);
    let (prevue, planned) = planned(block, next);
    let (bareme, share, modulation) = modulation::share(input);
    let mut motifs = condition_motifs(input.conditions);
    let mut signalements = Vec::new();
    let mut steps = vec![planned, modulation];
    for check in clauses::checks(values, input, block) {
        motifs.extend(check.motif);
        signalements.extend(check.signalement);
        steps.push(check.derivation);
    }
    let modulated = prevue.checked_mul(share).unwrap_or(prevue);
    let exact = if motifs.is_empty() {
        modulated
    } else {
        Decimal::ZERO
    };
    let due = round_euro(exact);
    let derivation = Derivation::new(
        StepKind::Aide,
        format!("aide {next} due"),
        how(&motifs, bareme, prevue, share, modulated),
    )
    .value(due.normalize().to_string(), euros(due))
    .inputs(steps);
    AidDecision {
        exercice: next,
        enveloppe: block.map(|a| a.enveloppe.name.clone()),
        prevue,
        modulation: share,
        bareme,
        due,
        motifs,
        signalements,
        derivation,
    }
}

fn how(
    motifs: &[Motif],
    bareme: Bareme,
    prevue: Decimal,
    share: Decimal,
    modulated: Decimal,
) -> String {
    let money = |d| crate::display::quantity(d, Dimension::Money);
    if !motifs.is_empty() {
        let n = motifs.len();
        let s = if n > 1 { "s" } else { "" };
        if motifs.iter().all(|m| m.suspend) {
            return format!("suspendue (0 € jusqu'aux justificatifs) : {n} motif{s}");
        }
        return format!("ramenée à 0 € : {n} motif{s}");
    }
    if bareme.module() {
        format!(
            "prévue × modulation = {} × {} = {}, arrondie à l'euro",
            money(prevue),
            crate::display::quantity(share, Dimension::Ratio),
            money(modulated)
        )
    } else {
        format!("aide prévue, non modulée : {}", money(prevue))
    }
}

/// The total of several sources' decisions (the decision itself when
/// there is one source).
fn total(next: i32, decisions: &[AidDecision]) -> AidDecision {
    if let [one] = decisions {
        return one.clone();
    }
    let sum = |f: fn(&AidDecision) -> Decimal| {
        decisions
            .iter()
            .fold(Decimal::ZERO, |acc, d| acc.checked_add(f(d)).unwrap_or(acc))
    };
    let (prevue, due) = (sum(|d| d.prevue), sum(|d| d.due));
    let mut motifs: Vec<Motif> = Vec::new();
    let mut signalements: Vec<Signalement> = Vec::new();
    for d in decisions {
        for m in &d.motifs {
            if !motifs.contains(m) {
                motifs.push(m.clone());
            }
        }
        for s in &d.signalements {
            if !signalements.contains(s) {
                signalements.push(s.clone());
            }
        }
    }
    let sources: Vec<&str> = decisions
        .iter()
        .filter_map(|d| d.enveloppe.as_deref())
        .collect();
    let first = decisions.first();
    let derivation = Derivation::new(
        StepKind::Aide,
        format!("aide {next} due, toutes sources"),
        format!(
            "somme des {} sources : {}",
            decisions.len(),
            sources.join(", ")
        ),
    )
    .value(due.normalize().to_string(), euros(due))
    .inputs(
        decisions
            .iter()
            .map(|d| {
                let mut step = d.derivation.clone();
                if let Some(source) = &d.enveloppe {
                    step.what = format!("aide {next} due ({source})").into();
                }
                step
            })
            .collect::<Vec<_>>(),
    );
    AidDecision {
        exercice: next,
        enveloppe: (!sources.is_empty()).then(|| sources.join(", ")),
        prevue,
        modulation: first.map_or(Decimal::ONE, |d| d.modulation),
        bareme: first.map_or(Bareme::Aucun, |d| d.bareme),
        due,
        motifs,
        signalements,
        derivation,
    }
}

/// `600 000 €`, `−200 000 €` (the minus sign of French typography).
pub fn euros(amount: Decimal) -> String {
    crate::display::moins(&format!("{} €", crate::display::number(round_euro(amount))))
}

/// The planned amount of a year (0 when the schedule has none).
fn planned(block: Option<&Aide>, year: i32) -> (Decimal, Derivation) {
    let what = format!("aide prévue {year}");
    let line = block.and_then(|a| a.annees.iter().find(|l| l.annee.value == year));
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

/// A condition `non respectée` refuses the aid; `non évaluable` suspends it.
fn condition_motifs(conditions: &[ConditionEvaluation]) -> Vec<Motif> {
    conditions
        .iter()
        .filter_map(|c| {
            let (nature, message, suspend) = match c.verdict? {
                ConditionVerdict::Respectee => return None,
                ConditionVerdict::NonRespectee => (
                    MotifKind::ConditionNonRespectee,
                    format!("condition `{}` non respectée ({})", c.condition, c.exige),
                    false,
                ),
                ConditionVerdict::NonEvaluable => (
                    MotifKind::ConditionNonEvaluable,
                    format!(
                        "suspendue : condition `{}` non évaluable faute de chiffres ({}) ; versée quand les justificatifs seront produits",
                        c.condition, c.exige
                    ),
                    true,
                ),
            };
            Some(Motif {
                nature,
                code: None,
                condition: Some(c.condition.clone()),
                message,
                suspend,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
