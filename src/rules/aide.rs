//! R0102–R0105 — the aid schedule: year *n* firm, later (or all) years
//! indicative, amounts stable or decreasing (a missing year inside the
//! schedule is 0 €), every year inside the period. Year *n* is that of the
//! clause's date of effect (an `avenant … intègre` for an envelope's
//! clauses); each rule looks at the blocks its clause governs.

use super::Ctx;
use crate::ast::*;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::display::euros;

/// R0102: year *n*'s amount is `ferme`.
pub fn ferme_premiere_annee(ctx: &Ctx, d: &mut Diagnostics) {
    let Some(n) = ctx.annee_n() else {
        return;
    };
    for aide in ctx.aides() {
        ferme_n(ctx, aide, n, d);
    }
}

fn ferme_n(ctx: &Ctx, aide: &Aide, n: i32, d: &mut Diagnostics) {
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

/// R0103: no year after *n* is `ferme` (`toutes`: no year at all).
pub fn indicative(ctx: &Ctx, toutes: bool, d: &mut Diagnostics) {
    let Some(n) = ctx.annee_n() else {
        return;
    };
    let lines = ctx
        .aides()
        .flat_map(|a| a.annees.iter())
        .filter(|a| a.is_ferme() && (toutes || a.annee.value > n));
    for line in lines {
        let message = if toutes {
            format!(
                "l'aide de {} est marquée ferme, mais {} ne permet aucun engagement ferme",
                line.annee.value,
                ctx.le()
            )
        } else {
            format!(
                "l'aide de {} est marquée ferme, mais seule l'année n ({n}) peut l'être",
                line.annee.value
            )
        };
        let help = if toutes {
            "retirez « ferme » : la signature ne vaut pas engagement budgétaire, même pour la première année ; le montant est arrêté chaque année"
        } else {
            "retirez « ferme » (indicatif, sous réserve des crédits de l'ONDAM)"
        };
        d.push(
            ctx.cite(
                Diagnostic::new(Code::R0103, line.span, message)
                    .label(if toutes {
                        "engagement ferme"
                    } else {
                        "engagement ferme au-delà de l'année n"
                    })
                    .help(format!(
                        "{help} : `{}: {}`",
                        line.annee.value,
                        crate::display::written(&line.montant)
                    )),
            ),
        );
    }
}

/// R0104: yearly amounts never increase; between the first and the last
/// year of a schedule, a year without a line is 0 €.
pub fn stable_ou_degressive(ctx: &Ctx, d: &mut Diagnostics) {
    for aide in ctx.aides() {
        degressive(ctx, aide, d);
    }
}

fn degressive(ctx: &Ctx, aide: &Aide, d: &mut Diagnostics) {
    let mut lines: Vec<&AideAnnee> = aide.annees.iter().collect();
    lines.sort_by_key(|a| a.annee.value);
    for pair in lines.windows(2) {
        let [prev, next] = pair else { continue };
        if next.annee.value > prev.annee.value + 1
            && next.montant.value > rust_decimal::Decimal::ZERO
        {
            let gap = next.annee.value - 1;
            d.push(
                ctx.cite(
                    Diagnostic::new(
                        Code::R0104,
                        next.span,
                        format!(
                            "l'aide augmente de {gap} (0 €, aucune ligne) à {} ({})",
                            next.annee.value,
                            euros(next.montant.value)
                        ),
                    )
                    .label("hausse après une année sans aide")
                    .secondary(prev.span, format!("dernière ligne avant {gap}"))
                    .help(format!(
                        "une année sans ligne compte pour 0 € : écrivez le montant de {gap}, ou arrêtez l'échéancier avant {}",
                        next.annee.value
                    )),
                ),
            );
            continue;
        }
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
    let Some(p) = ctx.periode else {
        return;
    };
    for line in ctx
        .aides()
        .flat_map(|a| a.annees.iter())
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
