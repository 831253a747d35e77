//! **Stage 4 — framework rules (R01xx–R08xx).** [`Program`] → diagnostics.
//!
//! Each contract is checked against the clauses in force in its framework
//! (`cadre`, `étend` merged) and against the clauses of every envelope it
//! draws on (spec §5 « Envelope clauses »); a clause present with the same
//! parameters in both is checked once. The set of clause kinds is closed:
//! [`check_clause`] maps each kind to the one function that enforces it, in
//! one file per family. Cross-contract rules are in `cross.rs`, the
//! loosening of an `opposable` framework in `opposable.rs`.

mod actions;
mod aide;
mod cross;
mod dialogue;
mod duree;
mod eligibilite;
mod gains;
mod objectifs;
mod opposable;
mod signature;
mod tresorerie;

use crate::ast::*;
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::fmt::erase::{Erase, Eraser};
use crate::model::{CadreEffectif, Program};
use crate::source::Span;

/// What every rule sees: one contract, its framework, and the clause.
pub struct Ctx<'a> {
    pub program: &'a Program,
    pub contrat: &'a Contrat,
    pub cadre: Option<&'a CadreEffectif>,
    /// The envelope whose clause this is (`None`: the framework's).
    pub enveloppe: Option<&'a Enveloppe>,
    /// For a framework's aid clause whose twin an integrated envelope checks:
    /// the blocks of that envelope, left to the twin.
    pub sauf: Option<&'a str>,
    pub clause: &'a Clause,
    /// The period, unless it is missing or inverted (E0201): rules that
    /// need it stay silent rather than cascade.
    pub periode: Option<&'a Periode>,
    /// The date of effect for this clause: `signé le`, or the date of the
    /// `avenant … intègre` of the clause's envelope (§4).
    pub effet: Option<(Date, Span)>,
}

impl Ctx<'_> {
    /// Adds where the rule comes from and the clause's source text as notes.
    pub fn cite(&self, diagnostic: Diagnostic) -> Diagnostic {
        let mut d = match self.enveloppe {
            Some(e) => diagnostic.note(format!(
                "règle de l'enveloppe `{}`, applicable à tout contrat qui y puise",
                e.id.name
            )),
            None => diagnostic.note(format!("règle du cadre `{}`", self.cadre_name())),
        };
        if let Some(source) = self.citation() {
            d = d.note(format!("source : {source}"));
        }
        if let Some(a) = self.integre() {
            d = d.note(format!(
                "date d'effet : l'avenant {} du {}, qui intègre le contrat au dispositif",
                crate::display::written(&a.numero),
                a.signe.french()
            ));
        }
        d
    }

    fn citation(&self) -> Option<String> {
        match (self.enveloppe, self.cadre) {
            (Some(e), _) => self
                .clause
                .source
                .as_ref()
                .or(e.source.as_ref())
                .map(|t| t.value.clone()),
            (None, Some(c)) => c.citation(self.clause),
            (None, None) => None,
        }
    }

    /// The name of the framework or envelope the rule comes from.
    pub fn cadre_name(&self) -> &str {
        match (self.enveloppe, self.cadre) {
            (Some(e), _) => &e.id.name,
            (None, Some(c)) => &c.cadre.id.name,
            (None, None) => "?",
        }
    }

    /// `du cadre X` or `de l'enveloppe X`.
    pub fn du(&self) -> String {
        match self.enveloppe {
            Some(e) => format!("de l'enveloppe {}", e.id.name),
            None => format!("du cadre {}", self.cadre_name()),
        }
    }

    /// `le cadre X` or `l'enveloppe X`.
    pub fn le(&self) -> String {
        match self.enveloppe {
            Some(e) => format!("l'enveloppe {}", e.id.name),
            None => format!("le cadre {}", self.cadre_name()),
        }
    }

    /// `au cadre X` or `à l'enveloppe X`.
    pub fn au(&self) -> String {
        match self.enveloppe {
            Some(e) => format!("à l'enveloppe {}", e.id.name),
            None => format!("au cadre {}", self.cadre_name()),
        }
    }

    /// The `avenant … intègre` that sets this clause's date of effect.
    pub fn integre(&self) -> Option<&Avenant> {
        crate::termes::avenant_integre(self.contrat, &self.enveloppe?.id.name)
    }

    /// Year *n*: the year of the integrating amendment, else the period's first.
    pub fn annee_n(&self) -> Option<i32> {
        match self.integre() {
            Some(a) => Some(a.signe.year),
            None => self.periode.map(|p| p.debut.value),
        }
    }

    /// The aid blocks the clause governs: those drawing on its envelope, or
    /// every block for a framework clause.
    pub fn aides(&self) -> impl Iterator<Item = &Aide> {
        let only = self.enveloppe.map(|e| e.id.name.as_str());
        let sauf = self.sauf;
        self.contrat.aides.iter().filter(move |a| {
            only.is_none_or(|e| a.enveloppe.name == e) && sauf != Some(a.enveloppe.name.as_str())
        })
    }
}

pub fn check(program: &Program, diagnostics: &mut Diagnostics) {
    for contrat in &program.contrats {
        let cadre = program.cadre_of(contrat);
        let periode = crate::validate::valid_periode(contrat);
        for (clause, enveloppe, sauf) in clauses_of(program, contrat, cadre) {
            let effet = crate::termes::effet(contrat, enveloppe.map(|e| e.id.name.as_str()));
            let ctx = Ctx {
                program,
                contrat,
                cadre,
                enveloppe,
                sauf,
                clause,
                periode,
                effet,
            };
            check_clause(&ctx, diagnostics);
        }
    }
    cross::check(program, diagnostics);
    actions::check(program, diagnostics);
    opposable::check(program, diagnostics);
}

type Sourced<'a> = (&'a Clause, Option<&'a Enveloppe>, Option<&'a str>);

/// The framework's clauses, then those of each envelope the contract draws
/// on. A clause with the same parameters in both is kept once: the
/// envelope's when an amendment integrates the contract into it (its date
/// of effect then differs), else the framework's. An aid clause of the
/// framework so displaced still checks the other blocks.
fn clauses_of<'a>(
    program: &'a Program,
    contrat: &Contrat,
    cadre: Option<&'a CadreEffectif>,
) -> Vec<Sourced<'a>> {
    let mut out: Vec<Sourced<'a>> = cadre
        .map(|c| c.clauses.iter().map(|x| (x, None, None)).collect())
        .unwrap_or_default();
    let mut seen: Vec<&str> = Vec::new();
    for aide in &contrat.aides {
        let name = aide.enveloppe.name.as_str();
        let Some(env) = program
            .enveloppes
            .get(name)
            .filter(|_| !seen.contains(&name))
        else {
            continue;
        };
        seen.push(name);
        let integre = crate::termes::avenant_integre(contrat, name).is_some();
        for clause in &env.clauses {
            let key = erased(&clause.kind);
            let twin = out
                .iter()
                .position(|(c, e, _)| e.is_none() && erased(&c.kind) == key);
            match twin {
                Some(i) if integre && governs_aid(&clause.kind) => {
                    if let Some(slot) = out.get_mut(i) {
                        slot.2 = Some(env.id.name.as_str());
                    }
                }
                Some(i) if integre => {
                    out.remove(i);
                }
                Some(_) => continue,
                None => {}
            }
            out.push((clause, Some(env), None));
        }
    }
    out
}

/// Clauses that look at `aide` blocks (each rule looks at the blocks its
/// clause governs).
fn governs_aid(kind: &ClauseKind) -> bool {
    matches!(
        kind,
        ClauseKind::AideFermePremiereAnnee
            | ClauseKind::AideIndicativeAnneesSuivantes
            | ClauseKind::AideIndicativeToutesAnnees
            | ClauseKind::AideStableOuDegressive
            | ClauseKind::AideDansLaPeriode
            | ClauseKind::SignatureAvantVersement
    )
}

fn erased(kind: &ClauseKind) -> ClauseKind {
    let mut k = kind.clone();
    k.erase(Eraser::default());
    k
}

/// The registry: one function per clause kind. Evaluation-only clauses
/// (`compte_financier`, `fin_aide`, `modulation`, `donnée_manquante`,
/// `pondération par gains`) are applied by `eval/`; `famille` by the
/// overlap rule, `modèle` by `render/`.
fn check_clause(ctx: &Ctx, d: &mut Diagnostics) {
    match &ctx.clause.kind {
        ClauseKind::Duree { min, max } => duree::exercices(ctx, min, max, d),
        ClauseKind::DureeAns { min, max } => duree::ans(ctx, min.as_ref(), max, d),
        ClauseKind::DureeRecommandee(n) => duree::recommandee(ctx, n, d),
        ClauseKind::AideFermePremiereAnnee => aide::ferme_premiere_annee(ctx, d),
        ClauseKind::AideIndicativeAnneesSuivantes => aide::indicative(ctx, false, d),
        ClauseKind::AideIndicativeToutesAnnees => aide::indicative(ctx, true, d),
        ClauseKind::AideStableOuDegressive => aide::stable_ou_degressive(ctx, d),
        ClauseKind::AideDansLaPeriode => aide::dans_la_periode(ctx, d),
        ClauseKind::SignatureAvantVersement => signature::avant_versement(ctx, d),
        ClauseKind::SignatureAuPlusTard(date) => signature::au_plus_tard(ctx, *date, d),
        ClauseKind::PremiereAnneeEgaleAnneeSignature => signature::premiere_annee(ctx, d),
        ClauseKind::CosignataireRequis(nom) => signature::cosignataire(ctx, nom, d),
        ClauseKind::ObjectifsRequis(types) => objectifs::requis(ctx, types, d),
        ClauseKind::PremieresCiblesAuPlusTard(year) => objectifs::premieres_cibles(ctx, *year, d),
        ClauseKind::CiblesAnnuelles => objectifs::cibles_annuelles(ctx, d),
        ClauseKind::ThemesRequis(prefix) => objectifs::themes_requis(ctx, prefix, d),
        ClauseKind::IndicateursAuPlus(n) => objectifs::indicateurs_au_plus(ctx, n, d),
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
    }
}

/// `2 exercices`, `1 exercice`.
pub fn exercices(n: i64) -> String {
    format!("{n} exercice{}", if n.abs() > 1 { "s" } else { "" })
}
