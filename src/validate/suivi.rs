//! E0202 for follow-up records (§10): a `suivi` is dated inside its
//! contract, from the signature (or 1 January of the first exercice) to the
//! end (`fin le`, or 31 December of the last exercice).

use super::valid_periode;
use crate::ast::*;
use crate::date::Date;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::model::Program;

/// The first and last days a contract covers, when its period is valid.
pub fn bornes(c: &Contrat) -> Option<(Date, Date)> {
    let p = valid_periode(c)?;
    let debut = c
        .signe
        .map(|(d, _)| d)
        .or_else(|| Date::new(p.debut.value, 1, 1))?;
    let fin = c
        .fin
        .map(|(d, _)| d)
        .or_else(|| Date::new(p.fin.value, 12, 31))?;
    Some((debut, fin))
}

pub(super) fn check(program: &Program, d: &mut Diagnostics) {
    for s in &program.suivis {
        let Some((date, span)) = s.date else { continue };
        let Some(c) = program
            .contrats
            .iter()
            .find(|c| c.id.name == s.contrat.name)
        else {
            continue;
        };
        let Some((debut, fin)) = bornes(c) else {
            continue;
        };
        if date >= debut && date <= fin {
            continue;
        }
        let mut diag = Diagnostic::new(
            Code::E0202,
            span,
            format!(
                "le suivi du {} est hors du contrat `{}` ({} – {})",
                date.french(),
                c.id.name,
                debut.french(),
                fin.french()
            ),
        )
        .label("hors du contrat")
        .help(if date < debut {
            "un suivi rend compte de l'exécution du contrat : datez-le après sa signature"
        } else {
            "après la fin du contrat, le suivi relève d'un nouveau contrat ou d'un avenant qui prolonge la période"
        });
        if let Some(p) = &c.periode {
            diag = diag.secondary(p.span, "période du contrat");
        }
        d.push(diag);
    }
}
