//! R0101, R0109 — the contract's duration: `durée A à B exercices` (the
//! period covers between A and B financial years), `durée A à B ans` and
//! `durée au plus B ans` (years from the signature to the end, spec §4),
//! `durée_recommandée N ans` (warning).

use super::{exercices as n_exercices, Ctx};
use crate::ast::Quantity;
use crate::date::Date;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::source::Span;
use crate::termes::{self, ans as n_ans, veille_anniversaire};
use rust_decimal::prelude::ToPrimitive;

/// R0101 for `durée A à B exercices`.
pub fn exercices(ctx: &Ctx, min: &Quantity, max: &Quantity, d: &mut Diagnostics) {
    let Some(p) = ctx.periode else { return };
    let years = i64::from(p.fin.value) - i64::from(p.debut.value) + 1;
    let (min, max) = (
        min.value.to_i64().unwrap_or(0),
        max.value.to_i64().unwrap_or(i64::MAX),
    );
    if min > max || (min..=max).contains(&years) {
        return;
    }
    let range = if min == max {
        n_exercices(min)
    } else {
        format!("{min} à {max} exercices")
    };
    let fix = if years < min {
        format!(
            "allongez la période : par exemple `période {} à {}`",
            p.debut.value,
            i64::from(p.debut.value) + min - 1
        )
    } else {
        format!(
            "raccourcissez la période : par exemple `période {} à {}`",
            p.debut.value,
            i64::from(p.debut.value) + max - 1
        )
    };
    d.push(
        ctx.cite(
            Diagnostic::new(
                Code::R0101,
                p.span,
                format!(
                    "la durée du contrat ({}) est hors de l'intervalle {range} {}",
                    n_exercices(years),
                    ctx.du()
                ),
            )
            .label(format!(
                "{} à {} : {}",
                p.debut.value,
                p.fin.value,
                n_exercices(years)
            ))
            .help(fix),
        ),
    );
}

/// The signature, the last day, and the span that shows the end.
fn terms(ctx: &Ctx) -> Option<(Date, Span, Date, Span)> {
    let c = ctx.contrat;
    let (signe, signe_span) = c.signe?;
    let end = termes::fin(c)?;
    let span = match (c.fin, ctx.periode) {
        (Some((_, s)), _) => s,
        (None, Some(p)) => p.span,
        (None, None) => c.id.span,
    };
    Some((signe, signe_span, end, span))
}

fn years(q: &Quantity) -> u32 {
    q.value.to_u32().unwrap_or(u32::MAX)
}

/// How to make the contract end on `target` at the latest day `latest`:
/// the period alone when ending on 31 December of `target`'s year is
/// enough (« par exemple `période …` », which the editors offer as a quick
/// fix on the period), else `fin le`, with the period when its year changes.
fn end_fix(ctx: &Ctx, target: Date, latest: Date) -> String {
    let debut = ctx.periode.map_or(target.year, |p| p.debut.value);
    let same_year = ctx.periode.is_some_and(|p| p.fin.value == target.year);
    let periode = format!("période {debut} à {}", target.year);
    let fin = format!("fin le {target}");
    if ctx.contrat.fin.is_some() {
        return if same_year {
            format!("par exemple `{fin}`")
        } else {
            format!("`{periode}` et `{fin}`")
        };
    }
    let year_end = Date::new(target.year, 12, 31);
    if year_end.is_some_and(|d| d >= target && d <= latest) {
        return format!("par exemple `{periode}`");
    }
    if same_year {
        format!("ajoutez `{fin}`")
    } else {
        format!("`{periode}` et `{fin}`")
    }
}

/// R0101 for `durée A à B ans` and `durée au plus B ans`.
pub fn ans(ctx: &Ctx, min: Option<&Quantity>, max: &Quantity, d: &mut Diagnostics) {
    let Some((signe, signe_span, end, span)) = terms(ctx) else {
        return;
    };
    let duree = termes::duree(signe, end);
    let (lo, hi) = (min.map(years), years(max));
    if lo.is_some_and(|lo| lo > hi) {
        return; // E0201
    }
    let range = match lo {
        Some(lo) if lo == hi => format!("de {}", n_ans(hi)),
        Some(lo) => format!("de {lo} à {}", n_ans(hi)),
        None => format!("d'au plus {}", n_ans(hi)),
    };
    let (what, fix) = match lo {
        Some(lo) if end < veille_anniversaire(signe, lo) => {
            let target = veille_anniversaire(signe, lo);
            let fix = format!(
                "faites-le durer au moins {} à compter de sa signature, donc jusqu'au {} au moins : {}",
                n_ans(lo),
                target.french(),
                end_fix(ctx, target, veille_anniversaire(signe, hi))
            );
            ("trop court", fix)
        }
        _ if end > veille_anniversaire(signe, hi) => {
            let target = veille_anniversaire(signe, hi);
            let fix = format!(
                "limitez-le à {} à compter de sa signature, donc au {} au plus tard : {}",
                n_ans(hi),
                target.french(),
                end_fix(ctx, target, target)
            );
            ("trop long", fix)
        }
        _ => return,
    };
    d.push(
        ctx.cite(
            Diagnostic::new(
                Code::R0101,
                span,
                format!(
                    "le contrat dure {} (du {} au {}), hors de la durée {range} {}",
                    duree.french(),
                    signe.french(),
                    end.french(),
                    ctx.du()
                ),
            )
            .label(format!("{what} : {}", duree.french()))
            .secondary(signe_span, "signature : la durée se compte à partir d'elle")
            .help(fix),
        ),
    );
}

/// R0109 (warning) for `durée_recommandée N ans`.
pub fn recommandee(ctx: &Ctx, n: &Quantity, d: &mut Diagnostics) {
    let Some((signe, signe_span, end, span)) = terms(ctx) else {
        return;
    };
    let n = years(n);
    let target = veille_anniversaire(signe, n);
    if end >= target {
        return;
    }
    let duree = termes::duree(signe, end);
    d.push(
        ctx.cite(
            Diagnostic::new(
                Code::R0109,
                span,
                format!(
                    "le contrat dure {} (du {} au {}), moins que les {} recommandés {}",
                    duree.french(),
                    signe.french(),
                    end.french(),
                    n_ans(n),
                    ctx.du()
                ),
            )
            .label(format!("moins de {}", n_ans(n)))
            .secondary(signe_span, "signature")
            .help(format!(
                "sauf cas exceptionnel, contractualisez pour {} : jusqu'au {} ({}) ; sinon, motivez la durée plus courte dans le contrat",
                n_ans(n),
                target.french(),
                end_fix(ctx, target, Date::new(target.year, 12, 31).unwrap_or(target))
            )),
        ),
    );
}
