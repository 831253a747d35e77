//! R0301 — `dialogue sous N mois`: a first dialogue is dated, not before
//! the date of effect, and within N months of it (the signature, or the
//! `avenant … intègre` for an envelope's clause).

use super::Ctx;
use crate::ast::Quantity;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use rust_decimal::prelude::ToPrimitive;

pub fn check(ctx: &Ctx, months: &Quantity, d: &mut Diagnostics) {
    let Some((signe, signe_span)) = ctx.effet else {
        return;
    };
    let n = months.value.to_u32().unwrap_or(0);
    let limit = signe.add_months(n);
    let depuis = if ctx.integre().is_some() {
        "l'avenant d'intégration"
    } else {
        "la signature"
    };
    match ctx.contrat.dialogue {
        None => d.push(ctx.cite(
            Diagnostic::new(Code::R0301, ctx.contrat.id.span, format!("le contrat ne date pas le premier dialogue ARS–établissement (exigé sous {n} mois)"))
                .label("pas de `dialogue`")
                .help(format!("ajoutez `dialogue AAAA-MM-JJ` au plus tard le {} ({} mois après {depuis})", limit, n)),
        )),
        Some((date, span)) if date < signe => d.push(ctx.cite(
            Diagnostic::new(Code::R0301, span, format!(
                "le premier dialogue ({}) est antérieur à la date d'effet du contrat ({})",
                date.french(),
                signe.french()
            ))
            .label("avant la date d'effet")
            .secondary(signe_span, "date d'effet")
            .help(format!("datez le premier dialogue tenu après {depuis}, entre le {} et le {}", signe.french(), limit.french())),
        )),
        Some((date, span)) if date > limit => d.push(ctx.cite(
            Diagnostic::new(Code::R0301, span, format!(
                "le premier dialogue ({}) est plus de {n} mois après {depuis} ({})",
                date.french(),
                signe.french()
            ))
            .label(format!("après le {}", limit.french()))
            .secondary(signe_span, depuis.trim_start_matches("la ").trim_start_matches("l'"))
            .help(format!("avancez le dialogue au {} au plus tard", limit.french())),
        )),
        Some(_) => {}
    }
}
