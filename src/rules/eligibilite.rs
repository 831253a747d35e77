//! R0401–R0402 — eligibility: the establishment's status, and the envelope
//! the aid draws on.

use super::Ctx;
use crate::ast::Ident;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};

/// R0401: the establishment's `statut` is one of the listed statuses.
pub fn statuts(ctx: &Ctx, allowed: &[String], d: &mut Diagnostics) {
    let Some(statut) = ctx
        .contrat
        .etablissement
        .as_ref()
        .and_then(|e| e.statut.as_ref())
    else {
        return;
    };
    let name = statut.name.replace("prive_", "privé_");
    if allowed.contains(&name) {
        return;
    }
    d.push(
        ctx.cite(
            Diagnostic::new(
                Code::R0401,
                statut.span,
                format!(
            "un établissement de statut {name} n'est pas éligible au cadre {} (statuts admis : {})",
            ctx.cadre_name(),
            allowed.join(", ")
        ),
            )
            .label("statut non éligible")
            .help("vérifiez le statut de l'établissement, ou choisissez un cadre qui l'admet"),
        ),
    );
}

/// R0402: the `aide` block draws on the framework's envelope.
pub fn enveloppe(ctx: &Ctx, expected: &Ident, d: &mut Diagnostics) {
    let Some(aide) = &ctx.contrat.aide else {
        return;
    };
    if aide.enveloppe.name == expected.name {
        return;
    }
    d.push(
        ctx.cite(
            Diagnostic::new(
                Code::R0402,
                aide.enveloppe.span,
                format!(
                    "l'aide est prise sur l'enveloppe `{}`, mais le cadre {} la finance sur `{}`",
                    aide.enveloppe.name,
                    ctx.cadre_name(),
                    expected.name
                ),
            )
            .label("enveloppe du contrat")
            .help(format!(
                "vouliez-vous dire `aide {} {{ … }}` ?",
                expected.name
            )),
        ),
    );
}
