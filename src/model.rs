//! The checked model: every item of a run, indexed by name, with frameworks'
//! `étend` chains merged. Output of `resolve`; input of the later stages
//! (typeck, validate, rules, evaluation, documents).

use crate::ast::*;
use crate::source::Span;
use std::collections::BTreeMap;

/// Everything a run knows, by name.
#[derive(Debug, Clone, Default)]
pub struct Program {
    pub indicateurs: BTreeMap<String, Indicateur>,
    pub themes: BTreeMap<String, Theme>,
    pub cadres: BTreeMap<String, CadreEffectif>,
    pub enveloppes: BTreeMap<String, Enveloppe>,
    pub delegations: Vec<Delegation>,
    /// The `diagnostic` items (regional diagnosis definitions), by name.
    pub diagnosis_defs: BTreeMap<String, DiagnosticDef>,
    /// The user's contracts, in file order.
    pub contrats: Vec<Contrat>,
    /// The ARS's annual reviews (`revue`), in file order.
    pub revues: Vec<Revue>,
    /// The follow-up records (`suivi`, §10), in file order.
    pub suivis: Vec<Suivi>,
    /// The scenarios (`scénario`, §11), in file order.
    pub scenarios: Vec<Scenario>,
}

/// A framework with the clauses in force once its parents are merged.
#[derive(Debug, Clone)]
pub struct CadreEffectif {
    pub cadre: Cadre,
    /// Parents first: `["redressement_2025", "ars_normandie"]`.
    pub lignee: Vec<String>,
    /// One clause per kind (the nearest definition wins), plus every clause
    /// of kinds that may repeat.
    pub clauses: Vec<Clause>,
}

impl CadreEffectif {
    /// The clauses of one kind, e.g. `c.find(|k| matches!(k, ClauseKind::Duree { .. }))`.
    pub fn find(&self, pred: impl Fn(&ClauseKind) -> bool) -> Option<&Clause> {
        self.clauses.iter().find(|c| pred(&c.kind))
    }

    pub fn has(&self, pred: impl Fn(&ClauseKind) -> bool) -> bool {
        self.find(pred).is_some()
    }

    /// The first envelope the framework lets contracts draw on, if any.
    pub fn enveloppe(&self) -> Option<&Ident> {
        self.enveloppes().first()
    }

    /// The envelopes of `enveloppes E1 E2…` (empty when the clause is absent).
    pub fn enveloppes(&self) -> &[Ident] {
        self.clauses
            .iter()
            .find_map(|c| match &c.kind {
                ClauseKind::Enveloppes(ids) => Some(ids.as_slice()),
                _ => None,
            })
            .unwrap_or_default()
    }

    /// `famille ID` (inherited through `étend`).
    pub fn famille(&self) -> Option<&Ident> {
        self.clauses.iter().find_map(|c| match &c.kind {
            ClauseKind::Famille(id) => Some(id),
            _ => None,
        })
    }

    /// `modèle ID` (inherited through `étend`): the layout of `pacte render`.
    pub fn modele(&self) -> Option<&Ident> {
        self.clauses.iter().find_map(|c| match &c.kind {
            ClauseKind::Modele(id) => Some(id),
            _ => None,
        })
    }

    pub fn modulation(&self) -> Option<&Modulation> {
        self.clauses.iter().find_map(|c| match &c.kind {
            ClauseKind::Modulation(m) => Some(m),
            _ => None,
        })
    }

    /// The citation of a clause: its own `source`, else the framework's.
    pub fn citation(&self, clause: &Clause) -> Option<String> {
        clause
            .source
            .as_ref()
            .or(self.cadre.source.as_ref())
            .map(|t| t.value.clone())
    }
}

impl Program {
    pub fn indicateur(&self, name: &str) -> Option<&Indicateur> {
        self.indicateurs.get(name)
    }

    /// The dimension of an indicator, from its `unité`.
    pub fn dimension_of(&self, name: &str) -> Option<Dimension> {
        self.indicateur(name)
            .and_then(|i| i.unite)
            .map(|(u, _)| u.dimension())
    }

    /// The clauses that apply to a contract: its framework's, then those of
    /// every envelope its `aide` blocks draw on (§5 « Envelope clauses »).
    pub fn clauses_in_force(&self, contrat: &Contrat) -> Vec<&Clause> {
        let mut out: Vec<&Clause> = self
            .cadre_of(contrat)
            .map(|c| c.clauses.iter().collect())
            .unwrap_or_default();
        let mut seen: Vec<&str> = Vec::new();
        for aide in &contrat.aides {
            let name = aide.enveloppe.name.as_str();
            if seen.contains(&name) {
                continue;
            }
            seen.push(name);
            if let Some(e) = self.enveloppes.get(name) {
                out.extend(e.clauses.iter());
            }
        }
        out
    }

    pub fn cadre_of(&self, contrat: &Contrat) -> Option<&CadreEffectif> {
        contrat
            .cadre
            .as_ref()
            .and_then(|c| self.cadres.get(&c.name))
    }
}

/// The baseline value of an objective: its `base`, else the contract's
/// `référence` for its indicator (the latest reference year before the
/// first target).
pub fn base_of<'a>(contrat: &'a Contrat, objectif: &'a Objectif) -> Option<(i32, &'a Value, Span)> {
    if let Some(b) = &objectif.base {
        return Some((b.annee.value, &b.valeur, b.span));
    }
    let indicateur = &objectif.indicateur.as_ref()?.name;
    reference_value(contrat, indicateur)
}

/// The latest `référence` value of an indicator in a contract.
pub fn reference_value<'a>(
    contrat: &'a Contrat,
    indicateur: &str,
) -> Option<(i32, &'a Value, Span)> {
    contrat
        .references
        .iter()
        .flat_map(|r| r.valeurs.iter().map(move |l| (r.annee.value, l)))
        .filter(|(_, l)| l.indicateur.name == indicateur)
        .max_by_key(|(y, _)| *y)
        .map(|(y, l)| (y, &l.valeur, l.span))
}
