//! The diagnosis against the run's contracts (`pacte diagnose --contrats`):
//! which establishments of a group `à_contractualiser` have no contract,
//! which contracted ones are back in the last group (« sans alerte » in
//! the std), and which contracts name an establishment the figures do not
//! diagnose.
//!
//! A contract counts for exercice *y* when it names the establishment's
//! FINESS and its period ends in *y* or later (or it has no period): a
//! contract in force, or one already signed for the years to come. A
//! contract that ended before *y* does not.

use super::EstablishmentDiagnosis;
use crate::ast::{Contrat, DiagnosticDef};
use crate::eval::Figures;
use crate::model::Program;
use std::collections::HashMap;

/// The cross-check of the diagnosis with the contracts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContractReview {
    /// Contracts that count for the exercice.
    pub contrats: usize,
    /// FINESS of establishments in a group `à_contractualiser` without a
    /// contract, in the diagnosis order (group, then rank).
    pub sans_contrat: Vec<String>,
    /// FINESS of contracted establishments in the last group.
    pub revenus: Vec<String>,
    /// Contracts whose establishment is not diagnosed: (contract, FINESS,
    /// why).
    pub non_diagnostiques: Vec<(String, String, String)>,
}

/// The FINESS of a contract, trimmed.
pub fn finess_of(c: &Contrat) -> Option<&str> {
    c.etablissement
        .as_ref()?
        .finess
        .as_ref()
        .map(|f| f.value.trim())
        .filter(|f| !f.is_empty())
}

/// Whether a contract counts for exercice `year`.
pub fn counts(c: &Contrat, year: i32) -> bool {
    c.periode.as_ref().is_none_or(|p| p.fin.value >= year)
}

/// The contracts that count for `year`, by FINESS, in file order.
pub fn by_finess(contrats: &[Contrat], year: i32) -> HashMap<&str, Vec<&Contrat>> {
    let mut out: HashMap<&str, Vec<&Contrat>> = HashMap::new();
    for c in contrats.iter().filter(|c| counts(c, year)) {
        if let Some(f) = finess_of(c) {
            out.entry(f).or_default().push(c);
        }
    }
    out
}

/// Compares the diagnosis with the contracts.
pub fn review(
    program: &Program,
    figures: &Figures,
    year: i32,
    def: &DiagnosticDef,
    list: &[EstablishmentDiagnosis],
) -> ContractReview {
    let last = def.groupes.len().checked_sub(1);
    let to_contract = |g: Option<usize>| {
        g.and_then(|g| def.groupes.get(g))
            .is_some_and(|g| g.a_contractualiser)
    };
    let mut r = ContractReview {
        contrats: program.contrats.iter().filter(|c| counts(c, year)).count(),
        ..ContractReview::default()
    };
    for e in list {
        let finess = e.etablissement.finess.clone();
        if e.contrats.is_empty() && to_contract(e.groupe) {
            r.sans_contrat.push(finess);
        } else if !e.contrats.is_empty() && e.groupe.is_some() && e.groupe == last {
            r.revenus.push(finess);
        }
    }
    for c in program.contrats.iter().filter(|c| counts(c, year)) {
        let Some(f) = finess_of(c) else {
            r.non_diagnostiques.push((
                c.id.name.clone(),
                String::new(),
                "le contrat ne donne pas de FINESS".to_string(),
            ));
            continue;
        };
        if list.iter().any(|e| e.etablissement.finess == f) {
            continue;
        }
        let why = if figures.has_year(f, year) {
            format!("aucun indicateur à seuil n'a de valeur en {year}")
        } else if figures.has_establishment(f) {
            format!("aucun chiffre en {year}")
        } else {
            "absent du fichier de chiffres".to_string()
        };
        r.non_diagnostiques
            .push((c.id.name.clone(), f.to_string(), why));
    }
    r
}
