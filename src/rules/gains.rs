//! R0601–R0603 — expected gains (contrat performance, CREF): enough gains
//! against the deficit and revenue, not too much on revenue, revenue-side
//! gains justified.

use super::Ctx;
use crate::ast::*;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::display::{euros, quantity};
use crate::model::reference_value;
use rust_decimal::Decimal;

fn total(c: &Contrat, side: Option<GainSide>) -> Decimal {
    c.objectifs
        .iter()
        .flat_map(|o| o.gains_effectifs())
        .filter(|g| side.is_none_or(|s| g.side == s))
        .map(|g| g.montant.value)
        .sum()
}

fn reference_money(c: &Contrat, name: &str) -> Option<Decimal> {
    reference_value(c, name)
        .and_then(|(_, v, _)| v.as_quantity())
        .map(|q| q.value)
}

/// R0601: total gains ≥ P × baseline deficit and ≥ Q × baseline revenue.
pub fn minimum(ctx: &Ctx, deficit_share: &Quantity, revenue_share: &Quantity, d: &mut Diagnostics) {
    let c = ctx.contrat;
    let gains = total(c, None);
    let span = c
        .objectifs
        .iter()
        .flat_map(|o| o.gains_effectifs())
        .next()
        .map_or(c.id.span, |g| g.span);
    let (Some(resultat), Some(produits)) = (
        reference_money(c, "résultat_principal"),
        reference_money(c, "produits"),
    ) else {
        d.push(ctx.cite(
            Diagnostic::new(Code::R0601, c.id.span, "impossible de vérifier les gains attendus : la référence ne donne pas `résultat_principal` et `produits`")
                .label("référence incomplète")
                .help("ajoutez `référence AAAA { résultat_principal: -2,5 M€  produits: 80 M€ }`"),
        ));
        return;
    };
    let deficit = (-resultat).max(Decimal::ZERO);
    let need_deficit = deficit * deficit_share.value;
    let need_revenue = produits * revenue_share.value;
    let need = need_deficit.max(need_revenue);
    if gains >= need {
        return;
    }
    d.push(ctx.cite(
        Diagnostic::new(Code::R0601, span, format!(
            "les gains attendus ({}) sont inférieurs au minimum {} : {} du déficit ({}) et {} des produits ({})",
            euros(gains),
            ctx.du(),
            quantity(deficit_share.value, Dimension::Ratio),
            euros(need_deficit),
            quantity(revenue_share.value, Dimension::Ratio),
            euros(need_revenue)
        ))
        .label(format!("total des gains : {}", euros(gains)))
        .help(format!("prévoyez au moins {} de gains (lignes `gain AAAA: MONTANT charges`)", euros(need))),
    ));
}

/// R0602: revenue-side gains ≤ P of all gains.
pub fn recettes_maximum(ctx: &Ctx, max: &Quantity, d: &mut Diagnostics) {
    let c = ctx.contrat;
    let (all, recettes) = (total(c, None), total(c, Some(GainSide::Recettes)));
    if all <= Decimal::ZERO || recettes <= all * max.value {
        return;
    }
    let span = c
        .objectifs
        .iter()
        .flat_map(|o| o.gains_effectifs())
        .find(|g| g.side == GainSide::Recettes)
        .map_or(c.id.span, |g| g.span);
    let share = recettes.checked_div(all).unwrap_or_default();
    d.push(ctx.cite(
        Diagnostic::new(Code::R0602, span, format!(
            "les gains sur les recettes ({}) font {} des gains, au-delà des {} admis par {}",
            euros(recettes),
            quantity(share, Dimension::Ratio),
            quantity(max.value, Dimension::Ratio),
            ctx.le()
        ))
        .label("gain sur les recettes")
        .help(format!("ramenez les gains sur les recettes à {} au plus, ou ajoutez des gains sur les charges", euros(all * max.value))),
    ));
}

/// R0603: an objective with revenue-side gains carries a `justification`.
pub fn recettes_justifiees(ctx: &Ctx, d: &mut Diagnostics) {
    for o in &ctx.contrat.objectifs {
        let Some(gain) = o
            .gains_effectifs()
            .into_iter()
            .find(|g| g.side == GainSide::Recettes)
        else {
            continue;
        };
        if o.justification.is_none() {
            d.push(ctx.cite(
                Diagnostic::new(Code::R0603, gain.span, format!("l'objectif `{}` prévoit un gain sur les recettes sans justification", o.id.name))
                    .label("gain sur les recettes")
                    .help("ajoutez une ligne `justification \"…\"` qui argumente ce rééquilibrage par les recettes"),
            ));
        }
    }
}
