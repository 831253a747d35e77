//! R0102–R0105 — the aid schedule: year *n* firm, later years indicative,
//! amounts stable or decreasing, every year inside the period.

use super::Ctx;
use crate::ast::*;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::display::euros;

/// R0102: year *n*'s amount is `ferme`.
pub fn ferme_premiere_annee(ctx: &Ctx, d: &mut Diagnostics) {
    let (Some(aide), Some(p)) = (ctx.contrat.aide(), ctx.periode) else {
        return;
    };
    let n = p.debut.value;
    match aide.annees.iter().find(|a| a.annee.value == n) {
        Some(line) if line.is_ferme() => {}
        Some(line) => d.push(
            ctx.cite(
                Diagnostic::new(
                    Code::R0102,
                    line.span,
                    format!("l'aide de la première année ({n}) n'est pas marquée ferme"),
                )
                .label(format!("{} sans « ferme »", euros(line.montant.value)))
                .help(format!(
                    "ajoutez « ferme » : `{n}: {} ferme`",
                    crate::display::written(&line.montant)
                )),
            ),
        ),
        None => d.push(
            ctx.cite(
                Diagnostic::new(
                    Code::R0102,
                    aide.span,
                    format!("l'échéancier d'aide ne prévoit rien pour la première année ({n})"),
                )
                .label("aucune ligne pour l'année n")
                .help(format!(
                    "ajoutez l'engagement ferme de l'année n, par exemple `{n}: 1 M€ ferme`"
                )),
            ),
        ),
    }
}

/// R0103: no year after *n* is `ferme`.
pub fn indicative_annees_suivantes(ctx: &Ctx, d: &mut Diagnostics) {
    let (Some(aide), Some(p)) = (ctx.contrat.aide(), ctx.periode) else {
        return;
    };
    for line in aide
        .annees
        .iter()
        .filter(|a| a.annee.value > p.debut.value && a.is_ferme())
    {
        d.push(
            ctx.cite(
                Diagnostic::new(
                    Code::R0103,
                    line.span,
                    format!(
                        "l'aide de {} est marquée ferme, mais seule l'année n ({}) peut l'être",
                        line.annee.value, p.debut.value
                    ),
                )
                .label("engagement ferme au-delà de l'année n")
                .help(format!(
                    "retirez « ferme » : `{}: {}` (indicatif, sous réserve des crédits de l'ONDAM)",
                    line.annee.value,
                    crate::display::written(&line.montant)
                )),
            ),
        );
    }
}

/// R0104: yearly amounts never increase.
pub fn stable_ou_degressive(ctx: &Ctx, d: &mut Diagnostics) {
    let Some(aide) = ctx.contrat.aide() else {
        return;
    };
    let mut lines: Vec<&AideAnnee> = aide.annees.iter().collect();
    lines.sort_by_key(|a| a.annee.value);
    for pair in lines.windows(2) {
        let [prev, next] = pair else { continue };
        if next.montant.value > prev.montant.value {
            d.push(
                ctx.cite(
                    Diagnostic::new(
                        Code::R0104,
                        next.span,
                        format!(
                            "l'aide augmente de {} ({}) à {} ({})",
                            prev.annee.value,
                            euros(prev.montant.value),
                            next.annee.value,
                            euros(next.montant.value)
                        ),
                    )
                    .label("hausse")
                    .secondary(prev.span, "année précédente")
                    .help(format!(
                        "l'aide doit être stable ou dégressive : au plus {} en {}",
                        crate::display::written(&prev.montant),
                        next.annee.value
                    )),
                ),
            );
        }
    }
}

/// R0105: every aid year is inside the period.
pub fn dans_la_periode(ctx: &Ctx, d: &mut Diagnostics) {
    let (Some(aide), Some(p)) = (ctx.contrat.aide(), ctx.periode) else {
        return;
    };
    for line in aide
        .annees
        .iter()
        .filter(|a| a.annee.value < p.debut.value || a.annee.value > p.fin.value)
    {
        d.push(
            ctx.cite(
                Diagnostic::new(
                    Code::R0105,
                    line.annee.span,
                    format!(
                        "l'aide prévue pour {} est hors de la période du contrat ({} à {})",
                        line.annee.value, p.debut.value, p.fin.value
                    ),
                )
                .label("hors période")
                .secondary(p.span, "période")
                .help("retirez cette ligne, ou étendez la période par avenant"),
            ),
        );
    }
}
