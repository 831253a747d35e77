//! **Follow-up (§10).** [`Program`] + a date (+ figures) → [`Tableau`]: the
//! data of the CREF tools' « tableau de bord de suivi » of each contract and
//! of the regional « tableau de bord de suivi des CREF de la région ».
//!
//! Pure data, no display text: the reports (`report/`) write it as text,
//! JSON, Markdown, HTML or an Excel workbook. Every computed number keeps
//! what it was computed from (the yearly terms of the planned savings, the
//! weights of the global achievement), so `--explain` can show it.
//!
//! - planned savings to date: each year's gains, the year of the date taken
//!   pro rata temporis (`prevu.rs`);
//! - achieved savings and completion: from the latest `suivi` on or before
//!   the date that names the action (`releve.rs`);
//! - global achievement: the mean of the actions' completion weighted by
//!   their expected impact (`économies_prévues`, else the sum of their gains);
//! - the regional table: forecasts (`prévision`) against actuals (figures)
//!   per year (`regional.rs`).

mod contrat;
mod prevu;
mod regional;
mod releve;
pub mod report;

pub use contrat::fiches_action;
pub use regional::{
    Deficits, ImpactAnnee, LigneRegionale, Performance, Regional, Synthese, LIGNES_PERFORMANCE,
};

use crate::ast::GainSide;
use crate::date::Date;
use crate::eval::Figures;
use crate::model::Program;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// Everything `pacte suivi` shows, at one date.
#[derive(Debug, Clone)]
pub struct Tableau {
    pub date: Date,
    pub contrats: Vec<SuiviContrat>,
    pub regional: Regional,
}

/// One contract's « tableau de bord de suivi ».
#[derive(Debug, Clone)]
pub struct SuiviContrat {
    pub contrat: String,
    pub intitule: Option<String>,
    pub cadre: Option<String>,
    pub ars: Option<String>,
    pub raison_sociale: Option<String>,
    pub finess: Option<String>,
    pub categorie: Option<String>,
    pub signe: Option<Date>,
    pub periode: Option<(i32, i32)>,
    pub chef_de_projet: Option<String>,
    /// The ARS's commitment: the aid by year, every source added.
    pub aide: Vec<(i32, Decimal)>,
    pub engagement_ars: Decimal,
    /// The establishment's commitments (`prévision`), by year.
    pub previsions: Vec<Prevision>,
    /// Every year that carries a gain, in order.
    pub annees: Vec<i32>,
    pub actions: Vec<ActionSuivi>,
    /// Totals by `titre` (actions without one under `None`).
    pub titres: Vec<TitreSuivi>,
    /// Σ of the actions' expected impacts (the weights).
    pub impact_attendu: Decimal,
    pub prevu_a_date: Decimal,
    pub realise: Decimal,
    /// Planned to date minus achieved.
    pub ecart: Decimal,
    /// The weighted mean of completion; `None` when no action has an
    /// expected impact (the tool's `#DIV/0!`).
    pub realisation_globale: Option<Decimal>,
    /// The latest `suivi` on or before the date.
    pub dernier_suivi: Option<Date>,
    pub prochaine_rencontre: Option<Date>,
    pub commentaires: Vec<String>,
    /// Every `suivi` on or before the date, oldest first.
    pub historique: Vec<Point>,
    /// `suivi` lines naming an action the contract does not have (E0101).
    pub lignes_ignorees: Vec<String>,
}

/// One `prévision AAAA { … }` block, with `déficit_cumulé` computed.
#[derive(Debug, Clone)]
pub struct Prevision {
    pub annee: i32,
    pub valeurs: Vec<(String, Decimal)>,
}

/// Where an action's weight comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourcePoids {
    EconomiesPrevues,
    Gains,
    /// No expected impact: the action weighs nothing in the global achievement.
    Aucun,
}

/// One action, its plan and its latest follow-up.
#[derive(Debug, Clone)]
pub struct ActionSuivi {
    pub id: Option<String>,
    pub objectif: String,
    pub libelle: String,
    pub responsable: Option<String>,
    pub debut: Option<Date>,
    pub echeance: Option<Date>,
    pub titre: Option<String>,
    pub initial: Option<(i32, Decimal, Cote)>,
    /// Gains by year, charges and revenue apart (Pacte's sign).
    pub gains: Vec<GainAnnee>,
    pub total_gains: Decimal,
    pub economies_prevues: Option<Decimal>,
    pub poids: Decimal,
    pub source_poids: SourcePoids,
    pub prevu: prevu::PrevuADate,
    pub releve: Option<releve::Releve>,
    /// Planned to date minus achieved (`None` without a follow-up).
    pub ecart: Option<Decimal>,
    pub sous_actions: Vec<SousActionSuivi>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cote {
    Charges,
    Recettes,
}

impl From<GainSide> for Cote {
    fn from(s: GainSide) -> Cote {
        match s {
            GainSide::Charges => Cote::Charges,
            GainSide::Recettes => Cote::Recettes,
        }
    }
}

/// One year's gains of an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GainAnnee {
    pub annee: i32,
    pub charges: Decimal,
    pub recettes: Decimal,
}

impl GainAnnee {
    pub fn total(&self) -> Decimal {
        self.charges + self.recettes
    }
}

#[derive(Debug, Clone)]
pub struct SousActionSuivi {
    pub id: String,
    pub libelle: Option<String>,
    pub gains: Vec<GainAnnee>,
    pub total: Decimal,
}

/// The planned and achieved savings of one `titre`.
#[derive(Debug, Clone)]
pub struct TitreSuivi {
    pub titre: Option<String>,
    pub gains: Vec<GainAnnee>,
    pub prevu_a_date: Decimal,
    pub realise: Decimal,
}

/// The state at one `suivi`: for the history and its charts.
#[derive(Debug, Clone)]
pub struct Point {
    pub date: Date,
    pub realisation_globale: Option<Decimal>,
    pub prevu_a_date: Decimal,
    pub realise: Decimal,
    /// Per action (by id): completion and savings then.
    pub actions: Vec<(String, Option<Decimal>, Option<Decimal>)>,
    pub prochaine_rencontre: Option<Date>,
    pub commentaires: Vec<String>,
}

/// Computes the dashboards at `date`. Contracts without follow-up data (no
/// `suivi`, no `prévision`, no action with gains) are left out.
pub fn compute(program: &Program, date: Date, figures: Option<&Figures>) -> Tableau {
    let mut par_contrat: HashMap<&str, Vec<&crate::ast::Suivi>> = HashMap::new();
    for s in &program.suivis {
        par_contrat
            .entry(s.contrat.name.as_str())
            .or_default()
            .push(s);
    }
    for list in par_contrat.values_mut() {
        list.sort_by_key(|s| s.date.map(|(d, _)| d));
    }
    let contrats: Vec<SuiviContrat> = program
        .contrats
        .iter()
        .filter_map(|c| {
            let suivis = par_contrat
                .get(c.id.name.as_str())
                .map_or(&[][..], Vec::as_slice);
            contrat::compute(c, suivis, date)
        })
        .collect();
    let regional = regional::compute(program, &contrats, date, figures);
    Tableau {
        date,
        contrats,
        regional,
    }
}

/// `a / b`, or `None` when `b` is zero (or the division overflows).
pub fn ratio(a: Decimal, b: Decimal) -> Option<Decimal> {
    if b.is_zero() {
        None
    } else {
        a.checked_div(b)
    }
}
