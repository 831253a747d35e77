//! R0604 — the figures of a « fiche action » add up (spec §10): an action's
//! `économies_prévues` equals the sum of its yearly gains (the CREF tool:
//! « le total calculé doit être égal à l'impact total prévu de l'action »),
//! its sub-actions' gains add up to its own, and an objective that writes
//! its own `gain` lines besides its actions' says the same total.
//!
//! Not tied to a framework clause: the tool checks every action.

use crate::ast::*;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::display::euros;
use crate::model::Program;
use rust_decimal::Decimal;

const TOOL: &str = "« Attention : le total calculé doit être égal à l'impact total prévu de l'action. » (Guide DGOS, outil « Tableau de bord de suivi d'un CREF », fiche action, suivi financier des sous-actions)";

fn sum<'a>(gains: impl IntoIterator<Item = &'a Gain>) -> Decimal {
    gains
        .into_iter()
        .try_fold(Decimal::ZERO, |acc, g| acc.checked_add(g.montant.value))
        .unwrap_or(Decimal::MAX)
}

pub fn check(program: &Program, d: &mut Diagnostics) {
    for c in &program.contrats {
        for o in &c.objectifs {
            for a in &o.actions {
                action(a, d);
            }
            objectif(o, d);
        }
    }
}

fn name(a: &Action) -> String {
    match &a.id {
        Some(id) => format!("`{}`", id.name),
        None => format!("« {} »", a.libelle.value),
    }
}

fn action(a: &Action, d: &mut Diagnostics) {
    let f = &a.fiche;
    let total = sum(&f.gains);
    if let Some(prevues) = &f.economies_prevues {
        if !f.gains.is_empty() && prevues.value != total {
            d.push(
                Diagnostic::new(
                    Code::R0604,
                    prevues.span,
                    format!(
                        "les économies prévues de l'action {} ({}) diffèrent de la somme de ses gains annuels ({})",
                        name(a),
                        euros(prevues.value),
                        euros(total)
                    ),
                )
                .label(format!("somme des gains : {}", euros(total)))
                .help(format!(
                    "écrivez `économies_prévues {}`, ou corrigez les lignes `gain` de l'action (écart : {})",
                    euros(total),
                    euros(prevues.value - total)
                ))
                .note(TOOL),
            );
        }
    }
    let with_gains: Vec<&SousAction> = f
        .sous_actions
        .iter()
        .filter(|s| !s.gains.is_empty())
        .collect();
    let Some(first) = with_gains.first() else {
        return;
    };
    let sous = sum(with_gains.iter().flat_map(|s| &s.gains));
    let expected = f.economies_prevues.as_ref().map_or(total, |q| q.value);
    if sous != expected {
        let span = with_gains.iter().fold(first.span, |acc, s| acc.to(s.span));
        d.push(
            Diagnostic::new(
                Code::R0604,
                span,
                format!(
                    "les gains des sous-actions de l'action {} ({}) ne font pas son impact total prévu ({})",
                    name(a),
                    euros(sous),
                    euros(expected)
                ),
            )
            .label(format!("total calculé : {}", euros(sous)))
            .help(format!(
                "répartissez l'impact de l'action entre ses sous-actions : il manque {} (un écart négatif est un excédent)",
                euros(expected - sous)
            ))
            .note(TOOL),
        );
    }
}

fn objectif(o: &Objectif, d: &mut Diagnostics) {
    let from_actions: Vec<&Gain> = o.actions.iter().flat_map(|a| &a.fiche.gains).collect();
    let (Some(first), false) = (o.gains.first(), from_actions.is_empty()) else {
        return;
    };
    let own = sum(&o.gains);
    let actions = sum(from_actions);
    if own == actions {
        return;
    }
    let span = o.gains.iter().fold(first.span, |acc, g| acc.to(g.span));
    d.push(
        Diagnostic::new(
            Code::R0604,
            span,
            format!(
                "les gains de l'objectif `{}` ({}) diffèrent de la somme des gains de ses actions ({})",
                o.id.name,
                euros(own),
                euros(actions)
            ),
        )
        .label(format!("gains des actions : {}", euros(actions)))
        .help("quand ses actions portent des gains, l'objectif en est la somme : retirez ses propres lignes `gain` ou accordez-les")
        .note(TOOL),
    );
}
