//! What the HTML review and dashboard show beyond the [`Evaluation`]: each
//! objective's values over every year of the figures file (for its chart),
//! the contract's facts (agency, period, signature, framework, aid
//! schedule, conditions in words), each establishment's deficit, the
//! regional délégations and the establishments of the figures without a
//! contract. Pure: [`Program`] + [`Figures`] + [`Evaluation`] → [`Context`].

use super::region;
use crate::ast::{Clause, ClauseKind, Comparison, Contrat, Dimension, Value};
use crate::date::{Date, DayMonth};
use crate::eval::aid::clauses::{compte_financier_of, Effet};
use crate::eval::aid::DEPOT_CF;
use crate::eval::figures::{Figures, Val};
use crate::eval::values::Values;
use crate::eval::Evaluation;
use crate::model::{base_of, reference_value, Program};
use crate::render::texte;
use rayon::prelude::*;
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};

/// The indicator whose negative value is a deficit.
pub const RESULTAT: &str = "résultat_principal";

/// Everything the HTML documents need besides the evaluation.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// One per evaluated contract, in the evaluation's order.
    pub contracts: Vec<ContractContext>,
    pub delegations: Vec<DelegationContext>,
    /// Establishments of the figures file without a contract, by FINESS.
    pub hors_contrat: Vec<HorsContrat>,
    /// Each contract's position in `contracts`, by identifier.
    index: HashMap<String, usize>,
}

/// One contract's facts.
#[derive(Debug, Clone, Default)]
pub struct ContractContext {
    pub contrat: String,
    pub ars: Option<String>,
    pub statut: Option<String>,
    pub categorie: Option<String>,
    /// The framework's `libellé`.
    pub cadre_libelle: Option<String>,
    pub periode: Option<(i32, i32)>,
    pub signe: Option<Date>,
    /// The envelope of the aid schedule.
    pub enveloppe: Option<String>,
    /// The aid schedule: year, amount, firm.
    pub echeancier: Vec<(i32, Decimal, bool)>,
    /// Every `aide` block: its envelope and its (year, amount) lines.
    pub sources: Vec<(String, Vec<(i32, Decimal)>)>,
    /// Every objective of the contract, in order.
    pub objectifs: Vec<Serie>,
    /// Each condition in words, by identifier.
    pub conditions: Vec<(String, String)>,
    /// The financial account of the exercice, when the framework sets a deadline.
    pub compte_financier: Option<CompteFinancier>,
    /// The framework's end of eligibility (`fin_aide si …`), in words.
    pub fin_aide: Option<String>,
    /// Year *n* of the date of effect: `fin_aide` is tested from the next.
    pub annee_effet: Option<i32>,
    pub resultat: Option<Resultat>,
}

/// The filing of the exercice's financial account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CompteFinancier {
    /// The framework's deadline in the following year.
    pub limite: Date,
    /// The deadline as written (`8 juillet`).
    pub echeance: DayMonth,
    /// `suspend`: a late or undated account suspends the aid.
    pub suspend: bool,
    /// The filing date the figures give.
    pub depot: Option<Date>,
}

/// An objective's indicator over the years, for its chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Serie {
    pub objectif: String,
    pub libelle: Option<String>,
    /// The indicator's label (« Taux de marge brute hors aides »).
    pub indicateur: String,
    pub dimension: Dimension,
    pub base: Option<(i32, Decimal)>,
    /// The yearly targets (for `entre A et B`, the bound nearer the base).
    pub cibles: Vec<(i32, Decimal)>,
    /// The actual value of every year the figures give for the
    /// establishment, up to the exercice (a review of *y* shows nothing later).
    pub reel: Vec<(i32, Decimal)>,
}

/// Where a result was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The figures of the exercice.
    Chiffres(i32),
    /// The contract's latest `référence`.
    Reference(i32),
}

/// An establishment's `résultat_principal`: from the figures of the
/// exercice, else from its contract's latest `référence`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resultat {
    pub valeur: Decimal,
    pub source: Source,
}

impl Resultat {
    /// The deficit (a positive amount), when the result is negative.
    pub fn deficit(&self) -> Option<Decimal> {
        (self.valeur < Decimal::ZERO).then(|| -self.valeur)
    }
}

/// A regional délégation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DelegationContext {
    pub enveloppe: String,
    pub enveloppe_libelle: Option<String>,
    pub ars: Option<String>,
    pub annees: Vec<(i32, Decimal)>,
}

/// An establishment of the figures file that no contract names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HorsContrat {
    pub finess: String,
    /// Its name, when the figures file gives one (Hospi Diag `rs`).
    pub raison_sociale: Option<String>,
    /// The region of its FINESS's département, when known.
    pub region: Option<&'static str>,
    pub valeurs: usize,
    pub resultat: Option<Resultat>,
}

impl Context {
    /// Gathers the context of an evaluation.
    pub fn new(program: &Program, figures: &Figures, e: &Evaluation) -> Context {
        let by_id: HashMap<&str, &Contrat> = program
            .contrats
            .iter()
            .map(|k| (k.id.name.as_str(), k))
            .collect();
        let contracts: Vec<ContractContext> = e
            .contracts
            .par_iter()
            .filter_map(|c| by_id.get(c.contrat.as_str()))
            .map(|contrat| contract(program, figures, contrat, e.exercice))
            .collect();
        let delegations = program
            .delegations
            .iter()
            .map(|d| DelegationContext {
                enveloppe: d.enveloppe.name.clone(),
                enveloppe_libelle: program
                    .enveloppes
                    .get(&d.enveloppe.name)
                    .and_then(|v| v.libelle.as_ref())
                    .map(|t| t.value.clone()),
                ars: d.ars.as_ref().map(|t| t.value.clone()),
                annees: d
                    .annees
                    .iter()
                    .map(|a| (a.annee.value, a.montant.value))
                    .collect(),
            })
            .collect();
        let with_contract: HashSet<&str> = e.contracts.iter().map(|c| c.finess.as_str()).collect();
        let mut hors_contrat: Vec<HorsContrat> = figures
            .establishments()
            .filter(|(finess, _)| !with_contract.contains(finess))
            .map(|(finess, valeurs)| {
                let mut values = Values::new(program, figures, finess);
                HorsContrat {
                    finess: finess.to_string(),
                    raison_sociale: figures
                        .identity(finess)
                        .and_then(|i| i.raison_sociale.clone()),
                    region: region::of_finess(finess),
                    valeurs,
                    resultat: figure_result(&mut values, e.exercice),
                }
            })
            .collect();
        hors_contrat.sort_by(|a, b| a.finess.cmp(&b.finess));
        let index = contracts
            .iter()
            .enumerate()
            .map(|(i, c)| (c.contrat.clone(), i))
            .collect();
        Context {
            contracts,
            delegations,
            hors_contrat,
            index,
        }
    }

    /// The context of a contract, by identifier.
    pub fn contract(&self, id: &str) -> Option<&ContractContext> {
        self.index.get(id).and_then(|i| self.contracts.get(*i))
    }
}

#[allow(clippy::too_many_lines)] // TODO split (issue 13: output code moving to report/)
fn contract(program: &Program, figures: &Figures, contrat: &Contrat, year: i32) -> ContractContext {
    let etab = contrat.etablissement.as_ref();
    let finess = etab
        .and_then(|e| e.finess.as_ref())
        .map_or(String::new(), |f| f.value.trim().to_string());
    let mut values = Values::new(program, figures, &finess);
    let years = figures.years(&finess);
    let objectifs = contrat
        .objectifs
        .iter()
        .map(|o| {
            let indicateur = o.indicateur.as_ref().map_or("", |i| i.name.as_str());
            let base = base_of(contrat, o).and_then(|(y, v, _)| number(v).map(|n| (y, n)));
            let cibles = o
                .cibles
                .iter()
                .filter_map(|c| cible(&c.comparison, base).map(|v| (c.annee.value, v)))
                .collect();
            let reel = years
                .iter()
                .filter(|y| **y <= year)
                .filter_map(|y| match values.indicator(indicateur, *y).value {
                    Some(Val::Num(n)) => Some((*y, n)),
                    _ => None,
                })
                .collect();
            Serie {
                objectif: o.id.name.clone(),
                libelle: o.libelle.as_ref().map(|t| t.value.clone()),
                indicateur: texte::indicateur_titre(program, indicateur),
                dimension: program
                    .dimension_of(indicateur)
                    .unwrap_or(Dimension::Number),
                base,
                cibles,
                reel,
            }
        })
        .collect();
    let conditions = contrat
        .conditions
        .iter()
        .filter_map(|k| {
            let exige = k.exige.as_ref()?;
            Some((k.id.name.clone(), texte::expression(program, &exige.expr)))
        })
        .collect();
    let resultat = figure_result(&mut values, year).or_else(|| {
        let (annee, v, _) = reference_value(contrat, RESULTAT)?;
        Some(Resultat {
            valeur: number(v)?,
            source: Source::Reference(annee),
        })
    });
    let cadre = program.cadre_of(contrat);
    // The framework's clauses, then each source's envelope's, with the date
    // of effect of their year n (an envelope's wins over the framework's).
    let signature = Effet::signature(contrat, year);
    let mut clauses: Vec<(&Clause, Effet)> = cadre
        .map_or(&[][..], |c| &c.clauses[..])
        .iter()
        .map(|k| (k, signature))
        .collect();
    for a in &contrat.aides {
        if let Some(e) = program.enveloppes.get(&a.enveloppe.name) {
            let effet = Effet::of_envelope(contrat, &a.enveloppe.name, year);
            clauses.extend(e.clauses.iter().map(|k| (k, effet)));
        }
    }
    let compte_financier = clauses.iter().rev().find_map(|(k, _)| {
        let cf = compte_financier_of(&k.kind)?;
        Some(CompteFinancier {
            limite: cf.echeance.in_year(year.saturating_add(1)),
            echeance: cf.echeance,
            suspend: cf.suspend,
            depot: match values.indicator(DEPOT_CF, year).value {
                Some(Val::Date(d)) => Some(d),
                _ => None,
            },
        })
    });
    let fin_aide = clauses.iter().rev().find_map(|(k, effet)| match &k.kind {
        ClauseKind::FinAideSi(e) => Some((texte::expression(program, e), effet.annee)),
        _ => None,
    });
    ContractContext {
        contrat: contrat.id.name.clone(),
        ars: contrat.ars.as_ref().map(|t| t.value.clone()),
        statut: etab.and_then(|e| e.statut.as_ref()).map(|s| s.name.clone()),
        categorie: etab
            .and_then(|e| e.categorie.as_ref())
            .map(|s| s.name.clone()),
        cadre_libelle: cadre.and_then(|c| {
            // A regional framework without a label reads as its parent's.
            let own = c.cadre.libelle.as_ref();
            let parents = c
                .lignee
                .iter()
                .rev()
                .filter_map(|p| program.cadres.get(p).and_then(|k| k.cadre.libelle.as_ref()));
            own.into_iter()
                .chain(parents)
                .next()
                .map(|t| t.value.clone())
        }),
        periode: contrat
            .periode
            .as_ref()
            .map(|p| (p.debut.value, p.fin.value)),
        signe: contrat.signe.map(|(d, _)| d),
        enveloppe: contrat.aide().map(|a| a.enveloppe.name.clone()),
        echeancier: contrat
            .aide()
            .map(|a| {
                a.annees
                    .iter()
                    .map(|l| (l.annee.value, l.montant.value, l.is_ferme()))
                    .collect()
            })
            .unwrap_or_default(),
        sources: contrat
            .aides
            .iter()
            .map(|a| {
                let lines = a
                    .annees
                    .iter()
                    .map(|l| (l.annee.value, l.montant.value))
                    .collect();
                (a.enveloppe.name.clone(), lines)
            })
            .collect(),
        objectifs,
        conditions,
        compte_financier,
        annee_effet: fin_aide.as_ref().map(|(_, n)| *n),
        fin_aide: fin_aide.map(|(text, _)| text),
        resultat,
    }
}

fn number(v: &Value) -> Option<Decimal> {
    v.as_quantity().map(|q| q.value)
}

/// The target a trajectory goes through: the value, or for `entre A et B`
/// the bound nearer the base (the first written without a base).
fn cible(c: &Comparison, base: Option<(i32, Decimal)>) -> Option<Decimal> {
    match c {
        Comparison::Cmp(_, v) => number(v),
        Comparison::Between(a, b) => {
            let (a, b) = (number(a)?, number(b)?);
            match base {
                Some((_, x)) if (b - x).abs() < (a - x).abs() => Some(b),
                _ => Some(a),
            }
        }
    }
}

/// The result of the exercice from the figures (figure or formula).
fn figure_result(values: &mut Values<'_>, year: i32) -> Option<Resultat> {
    match values.indicator(RESULTAT, year).value {
        Some(Val::Num(r)) => Some(Resultat {
            valeur: r,
            source: Source::Chiffres(year),
        }),
        _ => None,
    }
}
