//! R0106–R0108, R0110 — signature: before any payment, by the framework's
//! date, in year *n*, with the required co-signatory. The date is the
//! clause's date of effect (an `avenant … intègre` for an envelope's clauses).

use super::Ctx;
use crate::date::Date;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};

/// R0106: no `versement` date is earlier than the date of effect.
pub fn avant_versement(ctx: &Ctx, d: &mut Diagnostics) {
    let Some((signe, signe_span)) = ctx.effet else {
        return;
    };
    let (quoi, avant, label) = if ctx.integre().is_some() {
        (
            "l'avenant qui intègre le contrat au dispositif",
            "versement antérieur à l'avenant d'intégration",
            "avenant d'intégration",
        )
    } else {
        (
            "la signature du contrat",
            "versement antérieur à la signature",
            "signature",
        )
    };
    let versements = ctx.aides().flat_map(|a| a.versements.iter());
    for v in versements.filter(|v| v.date < signe) {
        d.push(ctx.cite(
            Diagnostic::new(Code::R0106, v.span, format!("versement du {} avant {quoi} ({})", v.date.french(), signe.french()))
                .label(avant)
                .secondary(signe_span, label)
                .help("la signature doit précéder le versement des crédits : corrigez la date du versement ou de la signature"),
        ));
    }
}

/// R0107 (warning): signed on or before the framework's date.
pub fn au_plus_tard(ctx: &Ctx, limit: Date, d: &mut Diagnostics) {
    let Some((signe, span)) = ctx.effet else {
        return;
    };
    if signe > limit {
        d.push(
            ctx.cite(
                Diagnostic::new(
                    Code::R0107,
                    span,
                    format!(
                        "contrat signé le {}, après la date limite {} ({})",
                        signe.french(),
                        ctx.du(),
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
    let (Some((signe, signe_span)), Some(p)) = (ctx.effet, ctx.periode) else {
        return;
    };
    if ctx.integre().is_some() || p.debut.value == signe.year {
        return;
    }
    {
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

/// R0110: a `cosignataire` line names the required co-signatory (case
/// ignored, the name may be part of a longer one).
pub fn cosignataire(ctx: &Ctx, nom: &crate::ast::Text, d: &mut Diagnostics) {
    let wanted = nom.value.to_lowercase();
    let c = ctx.contrat;
    if c.cosignataires
        .iter()
        .any(|t| t.value.to_lowercase().contains(&wanted))
    {
        return;
    }
    let mut diag = Diagnostic::new(
        Code::R0110,
        c.id.span,
        format!(
            "le contrat n'a pas de cosignataire « {} », exigé par {}",
            nom.value,
            ctx.le()
        ),
    )
    .label(format!("« {} » ne signe pas", nom.value))
    .help(format!(
        "ajoutez une ligne `cosignataire \"… ({})\"` nommant le signataire",
        nom.value
    ));
    if let Some(last) = c.cosignataires.last() {
        diag = diag.secondary(last.span, "cosignataire présent");
    }
    d.push(ctx.cite(diag));
}
