//! **Stage 5 — evaluation (V0101, V0102; V0201–V0205 for figures files).**
//! [`Program`] + [`Figures`] + exercice *y* → [`Evaluation`]: for each
//! contract, the actual values, objective verdicts and scores, the
//! achievement rate, the conditions, the aid decision for *y*+1 and the
//! contract verdict, exactly as spec §8 states; every number carries its
//! [`Derivation`]. Pure: the CLI reads the figures file and renders the
//! result (`report/`).
//!
//! Steps: [`values`] (§8.1) → [`verdict`] (§8.2, §8.4) → [`rate`] (§8.3,
//! §8.6) → [`aid`] (§8.5). Figures readers are in [`figures`].

pub mod aid;
pub mod derivation;
pub mod figures;
pub mod rate;
pub mod report;
pub mod revue;
pub mod values;
pub mod verdict;

pub use derivation::Derivation;
pub use figures::Figures;

use crate::ast::{ClauseKind, Contrat, MissingData};
use crate::model::Program;
use aid::{AidDecision, AidInput};
use rate::{ContractVerdict, WeightSource};
use rayon::prelude::*;
use rust_decimal::Decimal;
use values::Values;
use verdict::{ConditionEvaluation, ObjectiveEvaluation};

/// The evaluation of every contract of a run for one exercice.
#[derive(Debug, Clone)]
pub struct Evaluation {
    pub exercice: i32,
    /// The figures file, as shown to the user.
    pub figures_path: String,
    pub contracts: Vec<ContractEvaluation>,
    pub summary: Summary,
}

/// One contract's review for the exercice.
#[derive(Debug, Clone)]
pub struct ContractEvaluation {
    pub contrat: String,
    pub intitule: Option<String>,
    pub raison_sociale: Option<String>,
    pub finess: String,
    pub cadre: Option<String>,
    /// Whether the figures file has any figure for the establishment.
    pub has_figures: bool,
    pub objectives: Vec<ObjectiveEvaluation>,
    /// Every condition, applicable in the year or not.
    pub conditions: Vec<ConditionEvaluation>,
    pub realisation: Option<Decimal>,
    pub realisation_derivation: Derivation,
    pub verdict: ContractVerdict,
    /// The aid of all sources together (the one source's decision when
    /// the contract has a single `aide` block, or none).
    pub aide: AidDecision,
    /// One decision per `aide` block, in the contract's order.
    pub aides: Vec<AidDecision>,
    /// The ARS's `revue` of the contract for the exercice, if there is one.
    pub revue: Option<revue::RevueEvaluation>,
}

impl ContractEvaluation {
    /// The aid the ARS decided for *y*+1, else the computed aid due.
    pub fn aide_retenue(&self) -> Decimal {
        self.revue
            .as_ref()
            .and_then(|r| r.decision.as_ref())
            .map_or(self.aide.due, |d| d.due)
    }

    /// Whether the aid retained is the ARS's decision.
    pub fn decidee(&self) -> bool {
        self.revue.as_ref().is_some_and(|r| r.decision.is_some())
    }
}

/// The regional summary.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub contracts: usize,
    /// Contracts per verdict, in [`ContractVerdict::ALL`] order.
    pub verdicts: [usize; 4],
    pub aide_prevue: Decimal,
    pub aide_due: Decimal,
    /// The decided aid where a `revue` decides it, else the computed aid due.
    pub aide_retenue: Decimal,
    /// Contracts whose aid is decided by a `revue`.
    pub decisions: usize,
    /// Contracts whose establishment has no figure at all.
    pub without_figures: Vec<String>,
    /// Establishments of the figures file without a contract, and their figures.
    pub establishments_without_contract: usize,
    pub figures_without_contract: usize,
    pub figures: usize,
}

/// Evaluates every contract of the program for an exercice (spec §8).
pub fn evaluate(program: &Program, figures: &Figures, exercice: i32) -> Evaluation {
    let contracts: Vec<ContractEvaluation> = program
        .contrats
        .par_iter()
        .map(|c| evaluate_contract(program, figures, c, exercice))
        .collect();
    let summary = summarise(figures, &contracts);
    Evaluation {
        exercice,
        figures_path: figures.path.clone(),
        contracts,
        summary,
    }
}

/// Evaluates one contract.
pub fn evaluate_contract(
    program: &Program,
    figures: &Figures,
    contrat: &Contrat,
    year: i32,
) -> ContractEvaluation {
    let etab = contrat.etablissement.as_ref();
    let finess = etab
        .and_then(|e| e.finess.as_ref())
        .map_or(String::new(), |f| f.value.trim().to_string());
    let cadre = program.cadre_of(contrat);
    let mut values = Values::new(program, figures, &finess);
    let objectives = objectives(&mut values, program, contrat, year);
    let period = contrat
        .periode
        .as_ref()
        .map(|p| (p.debut.value, p.fin.value));
    let conditions: Vec<ConditionEvaluation> = contrat
        .conditions
        .iter()
        .filter_map(|c| verdict::condition(&mut values, c, period, year))
        .collect();
    let rate = rate::rate(&objectives, year);
    let input = AidInput {
        program,
        contrat,
        cadre,
        rate: rate.value,
        conditions: &conditions,
        year,
    };
    let (mut aides, mut aide) = aid::decide(&mut values, &input);
    let revue = revue::of(program, &contrat.id.name, year).map(|r| revue::evaluate(r, &aide));
    if let Some(why) = revue.as_ref().and_then(|r| r.compte_financier.as_ref()) {
        for a in aides.iter_mut().chain(std::iter::once(&mut aide)) {
            a.justifier_compte_financier(why);
        }
    }
    ContractEvaluation {
        contrat: contrat.id.name.clone(),
        intitule: contrat.intitule.as_ref().map(|t| t.value.clone()),
        raison_sociale: etab
            .and_then(|e| e.raison_sociale.as_ref())
            .map(|t| t.value.clone()),
        has_figures: figures.has_establishment(&finess),
        finess,
        cadre: contrat.cadre.as_ref().map(|c| c.name.clone()),
        objectives,
        verdict: rate::contract_verdict(rate.value, &conditions),
        conditions,
        realisation: rate.value,
        realisation_derivation: rate.derivation,
        aide,
        aides,
        revue,
    }
}

/// The objectives with a target in the year, judged and weighted.
fn objectives(
    values: &mut Values<'_>,
    program: &Program,
    contrat: &Contrat,
    year: i32,
) -> Vec<ObjectiveEvaluation> {
    let cadre = program.cadre_of(contrat);
    let missing = cadre
        .and_then(|c| {
            c.clauses.iter().find_map(|k| match k.kind {
                ClauseKind::DonneeManquante(m) => Some(m),
                _ => None,
            })
        })
        .unwrap_or(MissingData::Zero);
    let by_gains = cadre.is_some_and(|c| c.has(|k| matches!(k, ClauseKind::PonderationParGains)));
    let mut out = Vec::new();
    let mut weights = Vec::new();
    let mut spans = Vec::new();
    for objectif in &contrat.objectifs {
        let Some(cible) = objectif.cibles.iter().find(|c| c.annee.value == year) else {
            continue;
        };
        out.push(verdict::objective(
            values, contrat, objectif, cible, missing,
        ));
        weights.push(rate::weight(objectif, by_gains));
        spans.push(objectif.poids.as_ref().map(|p| p.span));
    }
    rate::fallback(&mut weights);
    for ((o, (w, source)), span) in out.iter_mut().zip(weights).zip(spans) {
        o.poids = w;
        let mut step = weight_step(w, source);
        step.span = span;
        o.derivation.inputs.push(step);
    }
    out
}

fn weight_step(w: Decimal, source: WeightSource) -> Derivation {
    let how = match source {
        WeightSource::Poids => "poids écrit dans l'objectif",
        WeightSource::Gains => "pondération par gains : total des gains attendus de l'objectif (1 si tous les gains de l'exercice sont nuls)",
        WeightSource::Default => "poids par défaut",
    };
    Derivation::new(derivation::StepKind::Contrat, "poids", how)
        .value(w.normalize().to_string(), crate::display::number(w))
}

fn summarise(figures: &Figures, contracts: &[ContractEvaluation]) -> Summary {
    let mut s = Summary {
        contracts: contracts.len(),
        figures: figures.len(),
        ..Summary::default()
    };
    for c in contracts {
        if let Some(i) = ContractVerdict::ALL.iter().position(|v| *v == c.verdict) {
            if let Some(n) = s.verdicts.get_mut(i) {
                *n += 1;
            }
        }
        s.aide_prevue = s
            .aide_prevue
            .checked_add(c.aide.prevue)
            .unwrap_or(s.aide_prevue);
        s.aide_due = s.aide_due.checked_add(c.aide.due).unwrap_or(s.aide_due);
        s.aide_retenue = s
            .aide_retenue
            .checked_add(c.aide_retenue())
            .unwrap_or(s.aide_retenue);
        s.decisions += usize::from(c.decidee());
        if !c.has_figures {
            s.without_figures.push(c.contrat.clone());
        }
    }
    let with_contract: std::collections::HashSet<&str> =
        contracts.iter().map(|c| c.finess.as_str()).collect();
    for (finess, n) in figures.establishments() {
        if !with_contract.contains(finess) {
            s.establishments_without_contract += 1;
            s.figures_without_contract += n;
        }
    }
    s
}

#[cfg(test)]
mod tests;
