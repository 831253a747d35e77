//! E0204 — `fin le` outside the period's last exercice or before the
//! signature; E0201 — a `durée` clause whose bounds are inverted. Both leave
//! the rules that need them silent (`termes::fin` is then `None`, and the
//! duration rules skip an inverted interval).

use crate::ast::*;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::model::Program;

/// E0204 on a contract's `fin le`.
pub fn fin(c: &Contrat, d: &mut Diagnostics) {
    let (Some((fin, span)), Some(p)) = (c.fin, crate::validate::valid_periode(c)) else {
        return;
    };
    if fin.year != p.fin.value {
        d.push(
            Diagnostic::new(
                Code::E0204,
                span,
                format!(
                    "la fin du contrat ({}) n'est pas dans le dernier exercice de sa période ({})",
                    fin.french(),
                    p.fin.value
                ),
            )
            .label(format!("hors de l'exercice {}", p.fin.value))
            .secondary(p.span, "période")
            .help(format!(
                "`fin le` doit tomber en {} ; sinon, changez la période : `période {} à {}`",
                p.fin.value, p.debut.value, fin.year
            )),
        );
        return;
    }
    if let Some((signe, signe_span)) = c.signe.filter(|(s, _)| fin < *s) {
        d.push(
            Diagnostic::new(
                Code::E0204,
                span,
                format!(
                    "le contrat finit le {}, avant sa signature ({})",
                    fin.french(),
                    signe.french()
                ),
            )
            .label("fin avant la date d'effet")
            .secondary(signe_span, "signature")
            .help("vérifiez les deux dates : la fin suit la signature (écrivez la date du dernier jour du contrat)"),
        );
    }
}

/// E0201 on `durée A à B ans|exercices` with A > B, in frameworks and envelopes.
pub fn durees(program: &Program, d: &mut Diagnostics) {
    let cadres = program.cadres.values().flat_map(|c| c.cadre.clauses.iter());
    let enveloppes = program.enveloppes.values().flat_map(|e| e.clauses.iter());
    for clause in cadres.chain(enveloppes) {
        let (min, max, unit) = match &clause.kind {
            ClauseKind::Duree { min, max } => (min, max, "exercices"),
            ClauseKind::DureeAns {
                min: Some(min),
                max,
            } => (min, max, "ans"),
            _ => continue,
        };
        if min.value > max.value {
            let (a, b) = (crate::display::written(min), crate::display::written(max));
            d.push(
                Diagnostic::new(
                    Code::E0201,
                    clause.span,
                    format!("la durée « {a} à {b} {unit} » a son minimum au-dessus de son maximum"),
                )
                .label("bornes inversées")
                .help(format!("vouliez-vous dire `durée {b} à {a} {unit}` ?"))
                .note("la règle de durée n'est pas vérifiée tant que ses bornes sont inversées"),
            );
        }
    }
}
