//! **Scenarios (`scénario`, spec §11) and `pacte test`.** [`Program`] + the
//! run's diagnostics → one [`Outcome`] per scenario: each expectation with
//! what was expected, what came out, and the derivation of what came out.
//! Pure: the CLI loads and checks the files, then renders the outcomes
//! (`report/`).
//!
//! An evaluation scenario turns its `chiffres` into a [`Figures`] table for
//! the contract's FINESS ([`figures`]) and calls
//! [`crate::eval::evaluate_contract`], the very function `pacte evaluate`
//! runs: there is no second evaluator. A check scenario (`codes:`) compares
//! the codes of the diagnostics that fall inside the contract with the
//! codes it lists ([`expect`]). [`coverage`] says which clauses, codes,
//! objectives, conditions and modulation lines the scenarios reached.

pub mod coverage;
pub mod expect;
pub mod figures;
pub mod report;

use crate::ast::{Contrat, Scenario};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::eval::{self, Derivation};
use crate::model::Program;
use crate::source::{SourceId, Span};
use rayon::prelude::*;
use std::collections::HashMap;

/// The result of one scenario.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub nom: String,
    pub span: Span,
    pub contrat: Option<String>,
    pub exercice: Option<i32>,
    /// One line per expectation, in the scenario's order.
    pub checks: Vec<Check>,
    /// Why the scenario could not run at all (its contract has errors).
    pub erreur: Option<String>,
    /// What the run reached, for `--couverture`.
    pub reached: Reached,
}

impl Outcome {
    pub fn passed(&self) -> bool {
        self.erreur.is_none() && self.checks.iter().all(|c| c.passed)
    }
}

/// One expectation compared.
#[derive(Debug, Clone)]
pub struct Check {
    /// What is checked, in French (`objectif marge`, `aide 2027`, `codes`).
    pub what: String,
    pub expected: String,
    pub actual: String,
    pub passed: bool,
    /// How the actual value was obtained (evaluation expectations).
    pub derivation: Option<Derivation>,
    /// The expectation's line.
    pub span: Span,
}

/// What a scenario's run reached in its contract.
#[derive(Debug, Clone, Default)]
pub struct Reached {
    /// Objectives with a target in the exercice (evaluated).
    pub objectifs: Vec<String>,
    /// Conditions applicable in the exercice.
    pub conditions: Vec<String>,
    /// Spans of the modulation lines that set the share.
    pub modulation: Vec<Span>,
    /// Codes the run gave: the contract's diagnostics (check scenarios),
    /// the evaluation's reasons and flags (evaluation scenarios).
    pub codes: Vec<Code>,
    /// Whether the contract was evaluated, checked, or both.
    pub evalue: bool,
    pub verifie: bool,
}

/// Diagnostics by source, to find a contract's own quickly.
pub struct DiagnosticIndex<'a> {
    by_source: HashMap<SourceId, Vec<&'a Diagnostic>>,
}

impl<'a> DiagnosticIndex<'a> {
    pub fn new(diagnostics: &'a [Diagnostic]) -> DiagnosticIndex<'a> {
        let mut by_source: HashMap<SourceId, Vec<&'a Diagnostic>> = HashMap::new();
        for d in diagnostics {
            by_source.entry(d.primary.span.source).or_default().push(d);
        }
        DiagnosticIndex { by_source }
    }

    /// The diagnostics whose primary span lies inside `span`.
    pub fn inside(&self, span: Span) -> impl Iterator<Item = &'a Diagnostic> + '_ {
        self.by_source
            .get(&span.source)
            .into_iter()
            .flatten()
            .copied()
            .filter(move |d| d.primary.span.start >= span.start && d.primary.span.end <= span.end)
    }
}

/// Runs every scenario of the program (in parallel, results in file order).
pub fn run(program: &Program, diagnostics: &[Diagnostic]) -> Vec<Outcome> {
    let index = DiagnosticIndex::new(diagnostics);
    let contrats: HashMap<&str, &Contrat> = program
        .contrats
        .iter()
        .map(|c| (c.id.name.as_str(), c))
        .collect();
    program
        .scenarios
        .par_iter()
        .map(|s| {
            let contrat = s
                .contrat
                .as_ref()
                .and_then(|id| contrats.get(id.name.as_str()).copied());
            run_one(program, &index, s, contrat)
        })
        .collect()
}

/// Runs one scenario against its contract.
pub fn run_one(
    program: &Program,
    index: &DiagnosticIndex<'_>,
    s: &Scenario,
    contrat: Option<&Contrat>,
) -> Outcome {
    let mut outcome = Outcome {
        nom: s.nom.value.clone(),
        span: s.span,
        contrat: s.contrat.as_ref().map(|c| c.name.clone()),
        exercice: s.exercice.map(|y| y.value),
        checks: Vec::new(),
        erreur: None,
        reached: Reached::default(),
    };
    let Some(contrat) = contrat else {
        outcome.erreur = Some(match &s.contrat {
            Some(id) => format!("le contrat `{}` n'existe pas", id.name),
            None => "le scénario ne nomme pas de contrat".to_string(),
        });
        return outcome;
    };
    let own: Vec<&Diagnostic> = index.inside(contrat.span).collect();
    let needs_eval = s.attendu.iter().any(crate::resolve::needs_evaluation);
    let evaluation = if needs_eval {
        let errors = own
            .iter()
            .filter(|d| d.severity() == Severity::Error)
            .count();
        match (errors, s.exercice) {
            (0, Some(year)) => {
                let figures = figures::build(program, contrat, s, year.value);
                Some(eval::evaluate_contract(
                    program, &figures, contrat, year.value,
                ))
            }
            (0, None) => {
                outcome.erreur =
                    Some("le scénario n'a pas d'`exercice` : rien n'est évalué".into());
                None
            }
            (n, _) => {
                outcome.erreur = Some(format!(
                    "le contrat `{}` a {n} erreur(s) : pacte evaluate ne l'évaluerait pas (détail : pacte check)",
                    contrat.id.name
                ));
                None
            }
        }
    } else {
        None
    };
    let codes: Vec<Code> = own.iter().map(|d| d.code).collect();
    outcome.checks = expect::compare(s, evaluation.as_ref(), &codes);
    outcome.reached = reached(evaluation.as_ref(), &codes, s);
    outcome
}

fn reached(e: Option<&eval::ContractEvaluation>, codes: &[Code], s: &Scenario) -> Reached {
    let mut r = Reached {
        verifie: s
            .attendu
            .iter()
            .any(|a| !crate::resolve::needs_evaluation(a)),
        ..Reached::default()
    };
    if r.verifie {
        r.codes.extend(codes.iter().copied());
    }
    let Some(e) = e else {
        return r;
    };
    r.evalue = true;
    r.objectifs = e.objectives.iter().map(|o| o.objectif.clone()).collect();
    r.conditions = e
        .conditions
        .iter()
        .filter(|c| c.verdict.is_some())
        .map(|c| c.condition.clone())
        .collect();
    for aide in &e.aides {
        for step in aide.derivation.walk() {
            if step.kind == eval::derivation::StepKind::Modulation {
                r.modulation.extend(step.span);
            }
        }
        r.codes.extend(aide.motifs.iter().filter_map(|m| m.code));
        r.codes.extend(aide.signalements.iter().map(|x| x.code));
    }
    r
}
