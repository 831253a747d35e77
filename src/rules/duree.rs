//! R0101 — `durée A à B exercices`: the period covers between A and B
//! financial years.

use super::{exercices, Ctx};
use crate::ast::Quantity;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use rust_decimal::prelude::ToPrimitive;

pub fn check(ctx: &Ctx, min: &Quantity, max: &Quantity, d: &mut Diagnostics) {
    let Some(p) = ctx.periode else { return };
    let years = i64::from(p.fin.value) - i64::from(p.debut.value) + 1;
    let (min, max) = (
        min.value.to_i64().unwrap_or(0),
        max.value.to_i64().unwrap_or(i64::MAX),
    );
    if (min..=max).contains(&years) {
        return;
    }
    let range = if min == max {
        exercices(min)
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
                    "la durée du contrat ({}) est hors de l'intervalle {range} du cadre {}",
                    exercices(years),
                    ctx.cadre_name()
                ),
            )
            .label(format!(
                "{} à {} : {}",
                p.debut.value,
                p.fin.value,
                exercices(years)
            ))
            .help(fix),
        ),
    );
}
