//! Names of the follow-up syntax (§10): a `suivi` names an existing contract
//! and, in it, existing actions (E0101 with « vouliez-vous dire … »); an
//! action id is defined once per contract, and `prévision` lines name known
//! indicators (E0101); fields written twice (E0102).

use super::names::{repeated, unknown};
use super::suggest::closest;
use crate::ast::*;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::model::Program;
use std::collections::BTreeMap;

/// The actions of a contract that carry an id, by id.
pub fn actions_by_id(c: &Contrat) -> BTreeMap<&str, &Action> {
    let mut out = BTreeMap::new();
    for a in c.objectifs.iter().flat_map(|o| &o.actions) {
        if let Some(id) = &a.id {
            out.entry(id.name.as_str()).or_insert(a);
        }
    }
    out
}

pub(super) fn check(program: &Program, d: &mut Diagnostics) {
    for c in &program.contrats {
        contrat(program, c, d);
    }
    let contrats: BTreeMap<&str, &Contrat> = program
        .contrats
        .iter()
        .map(|c| (c.id.name.as_str(), c))
        .collect();
    for s in &program.suivis {
        repeated(&s.repeated, d);
        let Some(c) = contrats.get(s.contrat.name.as_str()) else {
            let suggestion = closest(&s.contrat.name, contrats.keys().copied());
            d.push(unknown(&s.contrat, "le contrat", suggestion));
            continue;
        };
        let actions = actions_by_id(c);
        for line in &s.actions {
            if actions.contains_key(line.action.name.as_str()) {
                continue;
            }
            let suggestion = closest(&line.action.name, actions.keys().copied());
            let mut diag = unknown(&line.action, "l'action", suggestion);
            if suggestion.is_none() {
                diag = action_help(diag, c, &actions);
            }
            d.push(diag);
        }
    }
}

/// The help line of an unknown action without a close name: the ids the
/// contract defines, or how to give one.
fn action_help(diag: Diagnostic, c: &Contrat, actions: &BTreeMap<&str, &Action>) -> Diagnostic {
    let help = if actions.is_empty() {
        format!(
            "le contrat `{}` ne nomme aucune action : écrivez `action ID {{ libellé \"…\" }}` dans l'un de ses objectifs",
            c.id.name
        )
    } else {
        let ids: Vec<String> = actions.keys().map(|k| format!("`{k}`")).collect();
        format!(
            "les actions du contrat `{}` sont : {}",
            c.id.name,
            ids.join(", ")
        )
    };
    diag.help(help)
}

fn contrat(program: &Program, c: &Contrat, d: &mut Diagnostics) {
    for line in c.previsions.iter().flat_map(|r| &r.valeurs) {
        if program.indicateur(&line.indicateur.name).is_none() {
            let suggestion = closest(
                &line.indicateur.name,
                program.indicateurs.keys().map(String::as_str),
            );
            d.push(unknown(&line.indicateur, "l'indicateur", suggestion));
        }
    }
    let mut seen: BTreeMap<&str, &Ident> = BTreeMap::new();
    for a in c.objectifs.iter().flat_map(|o| &o.actions) {
        for s in &a.fiche.sous_actions {
            repeated(&s.repeated, d);
        }
        let Some(id) = &a.id else { continue };
        match seen.get(id.name.as_str()) {
            Some(first) => d.push(
                Diagnostic::new(
                    Code::E0102,
                    id.span,
                    format!(
                        "l'action `{}` est définie deux fois dans le contrat `{}`",
                        id.name, c.id.name
                    ),
                )
                .label("seconde définition")
                .secondary(first.span, "première définition")
                .help(
                    "donnez à chaque action un identifiant propre : un `suivi` la désigne par lui",
                ),
            ),
            None => {
                seen.insert(id.name.as_str(), id);
            }
        }
    }
}
