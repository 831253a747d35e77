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
                    "un établissement de statut {name} n'est pas éligible {} (statuts admis : {})",
                    ctx.au(),
                    allowed.join(", ")
                ),
            )
            .label("statut non éligible")
            .help("vérifiez le statut de l'établissement, ou choisissez un cadre qui l'admet"),
        ),
    );
}

/// R0402: every `aide` block draws on one of the envelopes the framework lists.
pub fn enveloppes(ctx: &Ctx, allowed: &[Ident], d: &mut Diagnostics) {
    if allowed.is_empty() {
        return;
    }
    let names: Vec<&str> = allowed.iter().map(|e| e.name.as_str()).collect();
    for aide in &ctx.contrat.aides {
        if names.contains(&aide.enveloppe.name.as_str()) {
            continue;
        }
        let help = match names.as_slice() {
            [one] => format!("vouliez-vous dire `aide {one} {{ … }}` ?"),
            _ => format!(
                "prenez l'aide sur l'une des enveloppes admises ({}), ou retirez ce bloc",
                names.join(", ")
            ),
        };
        d.push(
            ctx.cite(
                Diagnostic::new(
                    Code::R0402,
                    aide.enveloppe.span,
                    format!(
                        "l'aide est prise sur l'enveloppe `{}`, mais {} ne l'admet pas (enveloppes admises : {})",
                        aide.enveloppe.name,
                        ctx.le(),
                        names.join(", ")
                    ),
                )
                .label("enveloppe du contrat")
                .help(help),
            ),
        );
    }
}
