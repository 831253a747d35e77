//! E0206 (warning): a date or a year written in a contract that falls
//! outside its period — a condition checked `à partir de` a year the
//! contract never evaluates, an action due before the first exercice or
//! after the last. Nothing is wrong in the syntax, but the line has no
//! effect, or not the one its author meant.

use crate::ast::{Contrat, Periode};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};

pub fn check(c: &Contrat, p: &Periode, d: &mut Diagnostics) {
    let inside = |year: i32| (p.debut.value..=p.fin.value).contains(&year);
    for condition in &c.conditions {
        let Some(year) = condition
            .exige
            .as_ref()
            .and_then(|e| e.a_partir_de.as_ref())
        else {
            continue;
        };
        if inside(year.value) {
            continue;
        }
        let effect = if year.value > p.fin.value {
            "elle ne serait jamais vérifiée"
        } else {
            "elle s'applique dès le premier exercice"
        };
        d.push(
            Diagnostic::new(
                Code::E0206,
                year.span,
                format!(
                    "la condition `{}` s'applique à partir de {}, hors de la période du contrat ({} à {}) : {effect}",
                    condition.id.name, year.value, p.debut.value, p.fin.value
                ),
            )
            .label("hors période")
            .secondary(p.span, "période du contrat")
            .help(format!(
                "choisissez une année de {} à {}, ou retirez « à partir de » pour l'appliquer chaque année",
                p.debut.value, p.fin.value
            )),
        );
    }
    for objectif in &c.objectifs {
        for action in &objectif.actions {
            let Some((date, span)) = &action.echeance else {
                continue;
            };
            if inside(date.year) {
                continue;
            }
            d.push(
                Diagnostic::new(
                    Code::E0206,
                    *span,
                    format!(
                        "l'échéance de l'action « {} » ({}) est hors de la période du contrat ({} à {})",
                        action.libelle.value,
                        date.french(),
                        p.debut.value,
                        p.fin.value
                    ),
                )
                .label("hors période")
                .secondary(p.span, "période du contrat")
                .help("fixez l'échéance dans les exercices du contrat, ou prolongez la période par un avenant"),
            );
        }
    }
}
