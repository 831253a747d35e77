//! **Stage 4 — framework rules (R01xx–R07xx).** [`Program`] → diagnostics.
//!
//! Each contract is checked against the clauses in force in its framework
//! (`cadre`, `étend` merged). The set of clause kinds is closed (spec §5):
//! [`check_clause`] maps each kind to the one function that enforces it, in
//! one file per family. Cross-contract rules are in `cross.rs`.

mod aide;
mod cross;
mod dialogue;
mod duree;
mod eligibilite;
mod gains;
mod objectifs;
mod signature;
mod tresorerie;

use crate::ast::*;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{CadreEffectif, Program};

/// What every rule sees: one contract, its framework, and the clause.
pub struct Ctx<'a> {
    pub program: &'a Program,
    pub contrat: &'a Contrat,
    pub cadre: &'a CadreEffectif,
    pub clause: &'a Clause,
    /// The period, unless it is missing or inverted (E0201): rules that
    /// need it stay silent rather than cascade.
    pub periode: Option<&'a Periode>,
}

impl Ctx<'_> {
    /// Adds the framework's name and the clause's source text as notes.
    pub fn cite(&self, diagnostic: Diagnostic) -> Diagnostic {
        let mut d = diagnostic.note(format!("règle du cadre `{}`", self.cadre.cadre.id.name));
        if let Some(source) = self.cadre.citation(self.clause) {
            d = d.note(format!("source : {source}"));
        }
        d
    }

    pub fn cadre_name(&self) -> &str {
        &self.cadre.cadre.id.name
    }
}

pub fn check(program: &Program, diagnostics: &mut Diagnostics) {
    for contrat in &program.contrats {
        let Some(cadre) = program.cadre_of(contrat) else {
            continue;
        };
        let periode = crate::validate::valid_periode(contrat);
        for clause in &cadre.clauses {
            let ctx = Ctx {
                program,
                contrat,
                cadre,
                clause,
                periode,
            };
            check_clause(&ctx, diagnostics);
        }
    }
    cross::check(program, diagnostics);
}

/// The registry: one function per clause kind. Evaluation-only clauses
/// (`compte_financier`, `fin_aide`, `modulation`, `donnée_manquante`,
/// `pondération par gains`) are applied by `eval/`.
fn check_clause(ctx: &Ctx, d: &mut Diagnostics) {
    match &ctx.clause.kind {
        ClauseKind::Duree { min, max } => duree::check(ctx, min, max, d),
        ClauseKind::AideFermePremiereAnnee => aide::ferme_premiere_annee(ctx, d),
        ClauseKind::AideIndicativeAnneesSuivantes => aide::indicative_annees_suivantes(ctx, d),
        ClauseKind::AideStableOuDegressive => aide::stable_ou_degressive(ctx, d),
        ClauseKind::AideDansLaPeriode => aide::dans_la_periode(ctx, d),
        ClauseKind::SignatureAvantVersement => signature::avant_versement(ctx, d),
        ClauseKind::SignatureAuPlusTard(date) => signature::au_plus_tard(ctx, *date, d),
        ClauseKind::PremiereAnneeEgaleAnneeSignature => signature::premiere_annee(ctx, d),
        ClauseKind::ObjectifsRequis(types) => objectifs::requis(ctx, types, d),
        ClauseKind::PremieresCiblesAuPlusTard(year) => objectifs::premieres_cibles(ctx, *year, d),
        ClauseKind::CiblesAnnuelles => objectifs::cibles_annuelles(ctx, d),
        ClauseKind::DialogueSous(months) => dialogue::check(ctx, months, d),
        ClauseKind::Statuts(statuts) => eligibilite::statuts(ctx, statuts, d),
        ClauseKind::Enveloppes(envs) => eligibilite::enveloppes(ctx, envs, d),
        ClauseKind::TresorerieRequiseSi(expr) => tresorerie::check(ctx, expr, d),
        ClauseKind::GainsMinimum { deficit, produits } => gains::minimum(ctx, deficit, produits, d),
        ClauseKind::GainsRecettesMaximum(max) => gains::recettes_maximum(ctx, max, d),
        ClauseKind::RecettesJustifiees => gains::recettes_justifiees(ctx, d),
        ClauseKind::CompteFinancierAuPlusTard(..)
        | ClauseKind::FinAideSi(_)
        | ClauseKind::Modulation(_)
        | ClauseKind::DonneeManquante(_)
        | ClauseKind::PonderationParGains
        | ClauseKind::Famille(_)
        | ClauseKind::Modele(_) => {}
        // v0.2 clauses whose rules come next (R0101 in years, R0109, R0103,
        // R0110, R0204, R0205).
        ClauseKind::DureeAns { .. }
        | ClauseKind::DureeRecommandee(_)
        | ClauseKind::AideIndicativeToutesAnnees
        | ClauseKind::CosignataireRequis(_)
        | ClauseKind::ThemesRequis(_)
        | ClauseKind::IndicateursAuPlus(_) => {}
    }
}

/// `2 exercices`, `1 exercice`.
pub fn exercices(n: i64) -> String {
    format!("{n} exercice{}", if n.abs() > 1 { "s" } else { "" })
}
