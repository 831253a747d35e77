//! **Impact of a change** (`pacte diff … --figures F --exercice Y`, spec
//! §11). Two checked versions of a region (each a [`Program`] with its
//! diagnostics, and, with figures, its [`Evaluation`]) → the contracts
//! whose check or evaluation differs: diagnostics that appear or disappear,
//! verdicts, achievement rate, aid due, and the regional total of the aid.
//!
//! Both sides are whole programs (std, frameworks, délégations and
//! contracts), so the same comparison serves a changed contract, a
//! changed framework of the region, and a changed `std/` (`--std-avant`).
//! Contracts are paired by ID. Diagnostics are compared by contract, code
//! and message (their positions move with any edit). Pure; `render.rs`
//! writes text, Markdown and JSON.

pub mod render;

use crate::diagnostic::{Code, Diagnostic};
use crate::eval::{ContractEvaluation, Evaluation};
use crate::model::Program;
use crate::scenario::DiagnosticIndex;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

/// One version of the region.
pub struct Version<'a> {
    pub program: &'a Program,
    /// Every diagnostic of the version (any order).
    pub diagnostics: &'a [Diagnostic],
    pub evaluation: Option<&'a Evaluation>,
}

/// A diagnostic as compared across versions.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Constat {
    pub code: Code,
    pub message: String,
}

/// A value before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Avant<T> {
    pub avant: Option<T>,
    pub apres: Option<T>,
}

impl<T: PartialEq> Avant<T> {
    pub fn changed(&self) -> bool {
        self.avant != self.apres
    }
}

/// How an objective's verdict moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectifImpact {
    pub objectif: String,
    pub verdict: Avant<String>,
}

/// What changed in one contract's evaluation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvalImpact {
    pub verdict: Avant<String>,
    pub realisation: Avant<Decimal>,
    pub aide_due: Avant<Decimal>,
    /// The year of the aid decided (*y*+1).
    pub aide_exercice: i32,
    /// Objectives whose verdict changed (when both sides are evaluated).
    pub objectifs: Vec<ObjectifImpact>,
    /// Whether the contract was evaluated on each side (a contract with
    /// errors is not, as `pacte evaluate` would refuse it).
    pub evalue: Avant<bool>,
}

/// One contract whose check or evaluation changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContratImpact {
    pub contrat: String,
    /// `false` on the side where the contract does not exist.
    pub existe: Avant<bool>,
    pub apparus: Vec<Constat>,
    pub disparus: Vec<Constat>,
    pub evaluation: Option<EvalImpact>,
}

/// The whole impact.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Impact {
    pub exercice: Option<i32>,
    pub contrats: Vec<ContratImpact>,
    /// Diagnostics outside any contract (frameworks, std, délégations).
    pub hors_contrat: (Vec<Constat>, Vec<Constat>),
    /// The regional total of the aid due, before and after (with figures).
    pub total_aide: Option<(Decimal, Decimal)>,
}

impl Impact {
    pub fn is_empty(&self) -> bool {
        self.contrats.is_empty() && self.hors_contrat.0.is_empty() && self.hors_contrat.1.is_empty()
    }
}

/// Compares two versions.
pub fn compare(old: &Version<'_>, new: &Version<'_>) -> Impact {
    let before = constats(old);
    let after = constats(new);
    let eval_old = evaluations(old);
    let eval_new = evaluations(new);
    let mut ids: BTreeSet<&str> = BTreeSet::new();
    ids.extend(old.program.contrats.iter().map(|c| c.id.name.as_str()));
    ids.extend(new.program.contrats.iter().map(|c| c.id.name.as_str()));
    // Keep the new version's order, then contracts that were removed.
    let mut order: Vec<&str> = new
        .program
        .contrats
        .iter()
        .map(|c| c.id.name.as_str())
        .collect();
    order.extend(
        old.program
            .contrats
            .iter()
            .map(|c| c.id.name.as_str())
            .filter(|id| !new.program.contrats.iter().any(|c| c.id.name == *id)),
    );
    order.dedup();
    let empty = Vec::new();
    let mut contrats = Vec::new();
    for id in order {
        let existe = Avant {
            avant: Some(old.program.contrats.iter().any(|c| c.id.name == id)),
            apres: Some(new.program.contrats.iter().any(|c| c.id.name == id)),
        };
        let b = before.get(id).unwrap_or(&empty);
        let a = after.get(id).unwrap_or(&empty);
        let (apparus, disparus) = difference(b, a);
        let evaluation = match (old.evaluation, new.evaluation) {
            (Some(_), Some(e)) => eval_impact(
                eval_old.get(id).copied(),
                eval_new.get(id).copied(),
                e.exercice,
            ),
            _ => None,
        };
        if existe.changed() || !apparus.is_empty() || !disparus.is_empty() || evaluation.is_some() {
            contrats.push(ContratImpact {
                contrat: id.to_string(),
                existe,
                apparus,
                disparus,
                evaluation,
            });
        }
    }
    let hors_contrat = difference(
        before.get("").unwrap_or(&empty),
        after.get("").unwrap_or(&empty),
    );
    let total_aide = match (old.evaluation, new.evaluation) {
        (Some(o), Some(n)) => Some((o.summary.aide_due, n.summary.aide_due)),
        _ => None,
    };
    Impact {
        exercice: new.evaluation.map(|e| e.exercice),
        contrats,
        hors_contrat,
        total_aide,
    }
}

/// Each version's diagnostics by the contract they fall in (`""`: none).
fn constats<'a>(v: &'a Version<'_>) -> BTreeMap<&'a str, Vec<Constat>> {
    let index = DiagnosticIndex::new(v.diagnostics);
    let mut out: BTreeMap<&str, Vec<Constat>> = BTreeMap::new();
    let mut placed = std::collections::HashSet::new();
    for c in &v.program.contrats {
        for d in index.inside(c.span) {
            placed.insert(d as *const Diagnostic);
            out.entry(c.id.name.as_str()).or_default().push(constat(d));
        }
    }
    for d in v.diagnostics {
        if !placed.contains(&(d as *const Diagnostic)) {
            out.entry("").or_default().push(constat(d));
        }
    }
    out
}

fn constat(d: &Diagnostic) -> Constat {
    Constat {
        code: d.code,
        message: d.message.clone(),
    }
}

/// What appeared and what disappeared (as multisets).
fn difference(before: &[Constat], after: &[Constat]) -> (Vec<Constat>, Vec<Constat>) {
    let mut left: Vec<Constat> = before.to_vec();
    let mut apparus = Vec::new();
    for c in after {
        match left.iter().position(|x| x == c) {
            Some(i) => {
                left.remove(i);
            }
            None => apparus.push(c.clone()),
        }
    }
    apparus.sort();
    left.sort();
    (apparus, left)
}

fn evaluations<'a>(v: &'a Version<'_>) -> BTreeMap<&'a str, &'a ContractEvaluation> {
    v.evaluation
        .map(|e| {
            e.contracts
                .iter()
                .map(|c| (c.contrat.as_str(), c))
                .collect()
        })
        .unwrap_or_default()
}

fn eval_impact(
    old: Option<&ContractEvaluation>,
    new: Option<&ContractEvaluation>,
    exercice: i32,
) -> Option<EvalImpact> {
    let verdict = Avant {
        avant: old.map(|e| e.verdict.label().to_string()),
        apres: new.map(|e| e.verdict.label().to_string()),
    };
    let realisation = Avant {
        avant: old.and_then(|e| e.realisation),
        apres: new.and_then(|e| e.realisation),
    };
    let aide_due = Avant {
        avant: old.map(|e| e.aide.due),
        apres: new.map(|e| e.aide.due),
    };
    let evalue = Avant {
        avant: Some(old.is_some()),
        apres: Some(new.is_some()),
    };
    let mut names: Vec<&str> = new
        .map(|e| e.objectives.iter().map(|o| o.objectif.as_str()).collect())
        .unwrap_or_default();
    for o in old.into_iter().flat_map(|e| &e.objectives) {
        if !names.contains(&o.objectif.as_str()) {
            names.push(&o.objectif);
        }
    }
    let label = |e: Option<&ContractEvaluation>, id: &str| {
        e.and_then(|e| e.objectives.iter().find(|o| o.objectif == id))
            .map(|o| format!("{} ({})", o.verdict.label(), o.affichage))
    };
    let objectifs: Vec<ObjectifImpact> = names
        .into_iter()
        .map(|id| ObjectifImpact {
            objectif: id.to_string(),
            verdict: Avant {
                avant: label(old, id),
                apres: label(new, id),
            },
        })
        .filter(|o| o.verdict.changed() && !evalue.changed())
        .collect();
    let changed =
        verdict.changed() || realisation.changed() || aide_due.changed() || !objectifs.is_empty();
    changed.then(|| EvalImpact {
        verdict,
        realisation,
        aide_due,
        aide_exercice: exercice + 1,
        objectifs,
        evalue,
    })
}
