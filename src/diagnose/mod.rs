//! **Stage 6 — the regional diagnosis (`pacte diagnose`, instruction
//! 2025/145, I and annexe I).** [`Program`] + [`Figures`] + exercice *y* +
//! a `diagnostic` item (+ the run's contracts) → [`Diagnosis`]. Emits no
//! diagnostic code; pure (the CLI reads the files and prints the reports of
//! [`report`]).
//!
//! For every establishment of the figures:
//! 1. its identity, status and category ([`identite`]);
//! 2. the multi-year draw on working capital ([`prelevement`]);
//! 3. each indicator with `seuil` lines, computed as §8.1 does (figure,
//!    else formula — [`crate::eval::values`]), against the thresholds of
//!    its category, in three-valued logic ([`seuils`]);
//! 4. its group: the first of the item whose condition holds ([`groupes`]);
//! 5. its rank within the group, by the number and severity of its
//!    crossed thresholds ([`rang`]);
//! 6. with contracts: whether it has one ([`contrats`]).
//!
//! Missing is never 0: a missing value crosses no threshold and makes
//! every condition that needs it unknown, and an unknown condition does not
//! match — a missing figure never raises a group. What is missing is
//! listed for each establishment.

pub mod contrats;
pub mod groupes;
pub mod identite;
pub mod prelevement;
pub mod rang;
pub mod report;
pub mod seuils;

pub use identite::Etablissement;

use crate::ast::{Contrat, DiagnosticDef, Niveau, Seuil};
use crate::eval::derivation::{expr_text, Derivation, StepKind};
use crate::eval::figures::Val;
use crate::eval::values::Values;
use crate::eval::Figures;
use crate::model::Program;
use groupes::Comptes;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// The diagnosis of every establishment of a figures file for one exercice.
#[derive(Debug, Clone)]
pub struct Diagnosis {
    pub exercice: i32,
    /// The figures file, as shown to the user.
    pub figures_path: String,
    /// The `diagnostic` item applied.
    pub diagnostic: String,
    pub libelle: Option<String>,
    pub source: Option<String>,
    /// The window of `prélèvement_continu sur N ans`, if the item has one.
    pub prelevement_annees: Option<u32>,
    pub groupes: Vec<GroupInfo>,
    /// Diagnosed establishments: by group (in the item's order; none
    /// last), then by rank, then FINESS.
    pub etablissements: Vec<EstablishmentDiagnosis>,
    /// Establishments with figures in *y* but no value for any indicator
    /// with thresholds: not diagnosed.
    pub sans_chiffres: Vec<Etablissement>,
    /// Establishments of the file without any figure in *y*.
    pub absents: usize,
    /// Indicators with thresholds missing for every diagnosed establishment.
    pub manquants_communs: Vec<String>,
    /// With contracts: who should have one and who is back to normal.
    pub contrats: Option<contrats::ContractReview>,
    /// The agency the report is for (the letterhead of the HTML report):
    /// the one all the contracts name, if they name one; the command line
    /// may set it (`--ars`, `--region`).
    pub agence: Option<String>,
    /// Indicators' labels by identifier, for reports written for people.
    pub libelles: BTreeMap<String, String>,
}

/// A group of the `diagnostic` item and how many establishments it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupInfo {
    pub nom: String,
    pub a_contractualiser: bool,
    /// The condition as Pacte text; none for the fallback group.
    pub condition: Option<String>,
    pub effectif: usize,
}

/// One establishment's diagnosis.
#[derive(Debug, Clone)]
pub struct EstablishmentDiagnosis {
    pub etablissement: Etablissement,
    /// Index in [`Diagnosis::groupes`]; `None` when no group's condition
    /// holds (an item without a fallback group).
    pub groupe: Option<usize>,
    /// Rank within the group, from 1; establishments with the same counts
    /// share a rank.
    pub rang: usize,
    pub ex_aequo: bool,
    /// Σ points of the crossed thresholds (vigilance 1, alerte 2, critique 3).
    pub gravite: u32,
    /// Indicators surely crossed at each level or above.
    pub vigilances: u32,
    pub alertes: u32,
    pub critiques: u32,
    /// Thresholds crossed, one per indicator at its highest level, most
    /// severe first.
    pub franchis: Vec<Franchissement>,
    /// Indicators whose thresholds may be crossed but cannot be told
    /// (a missing value, an unknown category).
    pub incertains: Vec<Incertain>,
    /// More severe groups whose condition could not be told, and why.
    pub groupes_indetermines: Vec<(usize, Vec<String>)>,
    /// With contracts: the contracts in force or to come that name it.
    pub contrats: Vec<String>,
}

/// A threshold crossed, with the value that crosses it.
#[derive(Debug, Clone)]
pub struct Franchissement {
    pub indicateur: String,
    pub libelle: Option<String>,
    pub niveau: Niveau,
    /// The threshold as written (`< 0 €`).
    pub seuil: String,
    pub valeur: Val,
    /// The value for people (`-5 653 336 €`).
    pub affichage: String,
    /// The value's derivation, with the comparison on top.
    pub derivation: Derivation,
}

/// A threshold that cannot be told, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incertain {
    pub indicateur: String,
    /// The highest level it may reach.
    pub niveau: Niveau,
    /// Known value (unknown category) or `None` (missing value).
    pub affichage: Option<String>,
    pub raison: String,
    /// The figures that are missing (leaves of the derivation).
    pub chiffres_manquants: Vec<String>,
}

/// Diagnoses every establishment of the figures for exercice `year`
/// with the grouping `def`.
pub fn diagnose(program: &Program, figures: &Figures, year: i32, def: &DiagnosticDef) -> Diagnosis {
    let by_finess = contrats::by_finess(&program.contrats, year);
    let mut finess: Vec<&str> = figures.establishments().map(|(f, _)| f).collect();
    finess.sort_unstable();
    let window = prelevement::window(def);
    let results: Vec<Outcome> = finess
        .par_iter()
        .map(|f| {
            let contracts = by_finess.get(f).map(Vec::as_slice).unwrap_or_default();
            establishment(program, figures, year, def, window, f, contracts)
        })
        .collect();
    assemble(program, figures, year, def, window, results)
}

/// Diagnoses one establishment (its group, counts and thresholds; no
/// rank): `None` when it has no figure in *y* or no value for any
/// indicator with thresholds. For what-if analyses and tests.
pub fn diagnose_one(
    program: &Program,
    figures: &Figures,
    year: i32,
    def: &DiagnosticDef,
    finess: &str,
) -> Option<EstablishmentDiagnosis> {
    let by_finess = contrats::by_finess(&program.contrats, year);
    let contracts = by_finess.get(finess).map(Vec::as_slice).unwrap_or_default();
    let window = prelevement::window(def);
    match establishment(program, figures, year, def, window, finess, contracts) {
        Outcome::Diagnosed(d) => Some(d),
        _ => None,
    }
}

/// One establishment: diagnosed, without figures in *y*, or absent from *y*.
enum Outcome {
    Diagnosed(EstablishmentDiagnosis),
    SansChiffres(Etablissement),
    Absent,
}

fn establishment(
    program: &Program,
    figures: &Figures,
    year: i32,
    def: &DiagnosticDef,
    window: Option<u32>,
    finess: &str,
    contracts: &[&Contrat],
) -> Outcome {
    if !figures.has_year(finess, year) {
        return Outcome::Absent;
    }
    let etablissement = identite::identify(finess, figures, contracts.first().copied());
    let mut values = Values::new(program, figures, finess);
    if let Some(n) = window {
        prelevement::provide(&mut values, program, year, n);
    }
    let categorie = etablissement.categorie.as_deref();
    let etats: Vec<seuils::Etat<'_>> = program
        .indicateurs
        .values()
        .filter(|i| !i.seuils.is_empty())
        .map(|i| {
            let actual = values.indicator(&i.id.name, year);
            seuils::etat(i, actual, categorie)
        })
        .collect();
    if etats.iter().all(|e| e.actual.value.is_none()) {
        return Outcome::SansChiffres(etablissement);
    }
    let comptes = Comptes::of(&etats);
    let choix = groupes::choose(def, &mut values, year, &comptes);
    let groupes_indetermines = choix
        .indetermines
        .iter()
        .map(|&g| {
            let why = def
                .groupes
                .get(g)
                .and_then(|g| g.condition.as_ref())
                .map(|e| groupes::unknowns(e, &mut values, year, &comptes))
                .unwrap_or_default();
            (g, why)
        })
        .collect();
    let mut franchis: Vec<Franchissement> = etats.iter().filter_map(franchissement).collect();
    franchis.sort_by_key(|f| std::cmp::Reverse(f.niveau));
    Outcome::Diagnosed(EstablishmentDiagnosis {
        etablissement,
        groupe: choix.groupe,
        rang: 0,
        ex_aequo: false,
        gravite: etats
            .iter()
            .filter_map(|e| e.connu)
            .map(seuils::poids)
            .sum(),
        vigilances: comptes.known(Niveau::Vigilance),
        alertes: comptes.known(Niveau::Alerte),
        critiques: comptes.known(Niveau::Critique),
        franchis,
        incertains: etats.iter().filter_map(incertain).collect(),
        groupes_indetermines,
        contrats: contracts.iter().map(|c| c.id.name.clone()).collect(),
    })
}

fn franchissement(e: &seuils::Etat<'_>) -> Option<Franchissement> {
    let niveau = e.connu?;
    let ligne: &Seuil = e.ligne?;
    let valeur = e.actual.value?;
    let name = &e.indicateur.id.name;
    let dim = e
        .indicateur
        .unite
        .map_or(crate::ast::Dimension::Number, |(u, _)| u.dimension());
    let affichage = valeur.display(dim);
    let seuil = seuils::seuil_text(ligne);
    let derivation = Derivation::new(
        StepKind::Comparaison,
        format!("seuil de {name}"),
        format!("{affichage} {seuil} : {}", ligne.niveau.keyword()),
    )
    .value(valeur.exact(), affichage.clone())
    .at(ligne.span)
    .input(e.actual.derivation.clone());
    Some(Franchissement {
        indicateur: name.clone(),
        libelle: e.indicateur.libelle.as_ref().map(|t| t.value.clone()),
        niveau,
        seuil,
        valeur,
        affichage,
        derivation,
    })
}

fn incertain(e: &seuils::Etat<'_>) -> Option<Incertain> {
    if e.certain() {
        return None;
    }
    let niveau = e.possible?;
    let dim = e
        .indicateur
        .unite
        .map_or(crate::ast::Dimension::Number, |(u, _)| u.dimension());
    let (affichage, raison) = match e.actual.value {
        Some(v) => (
            Some(v.display(dim)),
            "catégorie de l'établissement inconnue".to_string(),
        ),
        None => (None, e.actual.derivation.how.to_string()),
    };
    Some(Incertain {
        indicateur: e.indicateur.id.name.clone(),
        niveau,
        affichage,
        raison,
        chiffres_manquants: missing_leaves(&e.actual.derivation),
    })
}

/// The indicators at the leaves of a missing value's derivation: the
/// figures that would be needed.
fn missing_leaves(d: &Derivation) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for step in d.walk() {
        if step.kind == StepKind::Manquant && step.inputs.is_empty() {
            let name = step
                .what
                .split(" en ")
                .next()
                .unwrap_or(&step.what)
                .to_string();
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

fn assemble(
    program: &Program,
    figures: &Figures,
    year: i32,
    def: &DiagnosticDef,
    window: Option<u32>,
    results: Vec<Outcome>,
) -> Diagnosis {
    let mut etablissements = Vec::new();
    let mut sans_chiffres = Vec::new();
    let mut absents = 0;
    for r in results {
        match r {
            Outcome::Diagnosed(d) => etablissements.push(d),
            Outcome::SansChiffres(e) => sans_chiffres.push(e),
            Outcome::Absent => absents += 1,
        }
    }
    rang::rank(&mut etablissements);
    let mut groupes: Vec<GroupInfo> = def
        .groupes
        .iter()
        .map(|g| GroupInfo {
            nom: g.nom.value.clone(),
            a_contractualiser: g.a_contractualiser,
            condition: g.condition.as_ref().map(expr_text),
            effectif: 0,
        })
        .collect();
    for e in &etablissements {
        if let Some(g) = e.groupe.and_then(|g| groupes.get_mut(g)) {
            g.effectif += 1;
        }
    }
    let manquants_communs = common_missing(&etablissements);
    let contrats = (!program.contrats.is_empty())
        .then(|| contrats::review(program, figures, year, def, &etablissements));
    Diagnosis {
        exercice: year,
        figures_path: figures.path.clone(),
        diagnostic: def.id.name.clone(),
        libelle: def.libelle.as_ref().map(|t| t.value.clone()),
        source: def.source.as_ref().map(|t| t.value.clone()),
        prelevement_annees: window,
        groupes,
        etablissements,
        sans_chiffres,
        absents,
        manquants_communs,
        contrats,
        agence: agence_commune(program),
        libelles: program
            .indicateurs
            .iter()
            .filter_map(|(k, i)| i.libelle.as_ref().map(|l| (k.clone(), l.value.clone())))
            .collect(),
    }
}

/// The `ars` every contract names, when they all name the same.
fn agence_commune(program: &Program) -> Option<String> {
    let mut names = program
        .contrats
        .iter()
        .filter_map(|c| c.ars.as_ref().map(|t| t.value.clone()));
    let first = names.next()?;
    names.all(|n| n == first).then_some(first)
}

/// The indicators whose value is missing for every diagnosed establishment
/// (the figures file does not have them at all: Hospi Diag has no CAF
/// nette, for instance).
fn common_missing(etablissements: &[EstablishmentDiagnosis]) -> Vec<String> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for e in etablissements {
        for i in e.incertains.iter().filter(|i| i.affichage.is_none()) {
            *counts.entry(i.indicateur.as_str()).or_default() += 1;
        }
    }
    let mut out: Vec<String> = counts
        .into_iter()
        .filter(|(_, n)| *n == etablissements.len())
        .map(|(name, _)| name.to_string())
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests;
