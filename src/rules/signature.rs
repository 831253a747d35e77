//! R0106–R0108 — signature: before any payment, by the framework's date,
//! in year *n*.

use super::Ctx;
use crate::date::Date;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};

/// R0106: no `versement` date is earlier than `signé le`.
pub fn avant_versement(ctx: &Ctx, d: &mut Diagnostics) {
    let (Some(aide), Some((signe, signe_span))) = (ctx.contrat.aide(), ctx.contrat.signe) else {
        return;
    };
    for v in aide.versements.iter().filter(|v| v.date < signe) {
        d.push(ctx.cite(
            Diagnostic::new(Code::R0106, v.span, format!("versement du {} avant la signature du contrat ({})", v.date.french(), signe.french()))
                .label("versement antérieur à la signature")
                .secondary(signe_span, "signature")
                .help("la signature doit précéder le versement des crédits : corrigez la date du versement ou de la signature"),
        ));
    }
}

/// R0107 (warning): signed on or before the framework's date.
pub fn au_plus_tard(ctx: &Ctx, limit: Date, d: &mut Diagnostics) {
    let Some((signe, span)) = ctx.contrat.signe else {
        return;
    };
    if signe > limit {
        d.push(
            ctx.cite(
                Diagnostic::new(
                    Code::R0107,
                    span,
                    format!(
                        "contrat signé le {}, après la date limite du cadre {} ({})",
                        signe.french(),
                        ctx.cadre_name(),
                        limit.french()
                    ),
                )
                .label("signature tardive")
                .help(format!(
                    "signez au plus tard le {}, ou justifiez le retard auprès de la DGOS",
                    limit.french()
                )),
            ),
        );
    }
}

/// R0108 (warning): year *n* is the signature's year.
pub fn premiere_annee(ctx: &Ctx, d: &mut Diagnostics) {
    let (Some((signe, signe_span)), Some(p)) = (ctx.contrat.signe, ctx.periode) else {
        return;
    };
    if p.debut.value != signe.year {
        d.push(
            ctx.cite(
                Diagnostic::new(
                    Code::R0108,
                    p.debut.span,
                    format!(
                        "la première année du contrat ({}) n'est pas l'année de sa signature ({})",
                        p.debut.value, signe.year
                    ),
                )
                .label("année n")
                .secondary(signe_span, "signature")
                .help(format!(
                    "faites commencer la période en {} : `période {} à {}`",
                    signe.year,
                    signe.year,
                    p.fin.value + signe.year - p.debut.value
                )),
            ),
        );
    }
}
