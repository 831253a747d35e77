//! **Stage 2 — names (E0101, E0102, E0104, E0107, E0108).** Parsed files →
//! [`Program`]: every item indexed by name, every name checked against its
//! definition, frameworks' `étend` chains merged.
//!
//! Names are global to a run: the std plus every user file given on the
//! command line or reached through `importe` (see docs/decisions.md).

pub mod agences;
pub mod imports;
pub mod loader;
mod names;
mod scenarios;
pub use names::{unknown, CATEGORIES, STATUTS};
pub use scenarios::needs_evaluation;
pub mod suggest;
mod suivi;
pub use suivi::actions_by_id;

use crate::ast::*;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::model::{CadreEffectif, Program};
use std::collections::BTreeMap;

/// Builds the program from every parsed file (std first, then the user's).
pub fn resolve(files: Vec<File>, diagnostics: &mut Diagnostics) -> Program {
    let mut program = Program::default();
    let mut cadres: BTreeMap<String, Cadre> = BTreeMap::new();
    let mut contrat_ids: BTreeMap<String, Ident> = BTreeMap::new();
    for item in files.into_iter().flat_map(|f| f.items) {
        match item {
            Item::Contrat(c) => {
                if let Some(first) = contrat_ids.get(&c.id.name) {
                    diagnostics.push(defined_twice("le contrat", &c.id, first.span));
                } else {
                    contrat_ids.insert(c.id.name.clone(), c.id.clone());
                }
                program.contrats.push(c);
            }
            Item::Indicateur(i) => insert_unique(
                &mut program.indicateurs,
                i.id.clone(),
                i,
                "l'indicateur",
                |x| x.id.span,
                diagnostics,
            ),
            Item::Theme(t) => insert_unique(
                &mut program.themes,
                t.id.clone(),
                t,
                "le thème",
                |x| x.id.span,
                diagnostics,
            ),
            Item::Cadre(c) => insert_unique(
                &mut cadres,
                c.id.clone(),
                c,
                "le cadre",
                |x| x.id.span,
                diagnostics,
            ),
            Item::Enveloppe(e) => insert_unique(
                &mut program.enveloppes,
                e.id.clone(),
                e,
                "l'enveloppe",
                |x| x.id.span,
                diagnostics,
            ),
            Item::Diagnostic(d) => insert_unique(
                &mut program.diagnosis_defs,
                d.id.clone(),
                d,
                "le diagnostic",
                |x| x.id.span,
                diagnostics,
            ),
            Item::Delegation(d) => program.delegations.push(d),
            Item::Revue(r) => program.revues.push(r),
            Item::Suivi(s) => program.suivis.push(s),
            Item::Scenario(s) => program.scenarios.push(s),
            Item::Importe(_) => {}
        }
    }
    program.cadres = merge_cadres(&cadres, diagnostics);
    names::check(&program, &cadres, diagnostics);
    suivi::check(&program, diagnostics);
    scenarios::check(&program, diagnostics);
    program
}

fn insert_unique<T>(
    table: &mut BTreeMap<String, T>,
    id: Ident,
    item: T,
    what: &str,
    span_of: impl Fn(&T) -> crate::source::Span,
    diagnostics: &mut Diagnostics,
) {
    if let Some(first) = table.get(&id.name) {
        diagnostics.push(defined_twice(what, &id, span_of(first)));
    } else {
        table.insert(id.name, item);
    }
}

/// E0102 for an item whose name is already taken.
pub fn defined_twice(what: &str, id: &Ident, first: crate::source::Span) -> Diagnostic {
    Diagnostic::new(
        Code::E0102,
        id.span,
        format!("{what} `{}` est défini deux fois", id.name),
    )
    .label("seconde définition")
    .secondary(first, "première définition")
    .help(format!(
        "renommez l'un des deux ou supprimez le doublon de `{}`",
        id.name
    ))
}

/// Merges each framework with its `étend` parents: a child's clause replaces
/// every parent clause of the same kind — except below an `opposable`
/// framework, where a rule is added to the inherited ones and all must hold
/// (§5; R0801 warns when it is looser). Unknown parents are E0101 (reported
/// by `names`), cycles E0104.
fn merge_cadres(
    cadres: &BTreeMap<String, Cadre>,
    diagnostics: &mut Diagnostics,
) -> BTreeMap<String, CadreEffectif> {
    let mut out = BTreeMap::new();
    for (name, cadre) in cadres {
        let mut lignee = vec![name.clone()];
        let mut current = cadre;
        let mut cyclic = false;
        while let Some(parent) = &current.parent {
            if lignee.contains(&parent.name) {
                cyclic = true;
                diagnostics.push(
                    Diagnostic::new(
                        Code::E0104,
                        parent.span,
                        format!(
                            "le cadre `{name}` s'étend lui-même par `{}`",
                            lignee.join(" → ")
                        ),
                    )
                    .label("cycle d'extension")
                    .help("retirez l'un des `étend` de la chaîne pour rompre le cycle"),
                );
                break;
            }
            match cadres.get(&parent.name) {
                Some(p) => {
                    lignee.push(parent.name.clone());
                    current = p;
                }
                None => break,
            }
        }
        lignee.reverse();
        let mut clauses: Vec<Clause> = Vec::new();
        if !cyclic {
            let mut under_opposable = false;
            for ancestor in lignee.iter().filter_map(|n| cadres.get(n)) {
                let overridden: Vec<_> = ancestor
                    .clauses
                    .iter()
                    .filter(|c| !under_opposable || !is_rule(&c.kind))
                    .map(|c| std::mem::discriminant(&c.kind))
                    .collect();
                clauses.retain(|c| !overridden.contains(&std::mem::discriminant(&c.kind)));
                clauses.extend(ancestor.clauses.iter().cloned());
                under_opposable |= ancestor.opposable.is_some();
            }
        }
        out.insert(
            name.clone(),
            CadreEffectif {
                cadre: cadre.clone(),
                lignee,
                clauses,
            },
        );
    }
    out
}

/// Whether a clause is a rule (added under an `opposable` parent) rather
/// than a setting that an extension may replace: the `modulation` table,
/// `modèle`, `famille` and the evaluation settings.
fn is_rule(kind: &ClauseKind) -> bool {
    !matches!(
        kind,
        ClauseKind::Modulation(_)
            | ClauseKind::Modele(_)
            | ClauseKind::Famille(_)
            | ClauseKind::DonneeManquante(_)
            | ClauseKind::PonderationParGains
    )
}

#[cfg(test)]
mod tests;
