//! V0206 (warning): a `%` indicator whose bare values look like Excel
//! fractions. A cell formatted « Pourcentage » in Excel holds `0,043` and
//! shows `4,3 %`; exported without its format, `0,043` is read as 0,043 %.
//! When the same establishment and indicator have bare values above 1 in
//! other years (`4,1` read as 4,1 %), a bare value below 1 is probably such
//! a fraction: each one is named, with its line.

use super::Reading;
use crate::diagnostic::{Code, Diagnostic};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// A bare number read for a `%` indicator, as written (before scaling).
#[derive(Debug, Clone)]
pub struct Bare {
    pub finess: String,
    pub indicator: String,
    pub year: i32,
    pub written: Decimal,
    /// The row's start and the value's column, for the span.
    pub start: usize,
    pub column: usize,
}

/// Warns about the fractions among the bare `%` values read.
pub(crate) fn check(r: &mut Reading<'_>, bares: &[Bare]) {
    let mut series: BTreeMap<(&str, &str), Vec<&Bare>> = BTreeMap::new();
    for bare in bares {
        series
            .entry((bare.finess.as_str(), bare.indicator.as_str()))
            .or_default()
            .push(bare);
    }
    for values in series.values() {
        let Some(above) = values.iter().find(|b| b.written.abs() > Decimal::ONE) else {
            continue;
        };
        let fractions = values
            .iter()
            .filter(|b| !b.written.is_zero() && b.written.abs() < Decimal::ONE);
        for fraction in fractions {
            r.warning(diagnostic(r, fraction, above));
        }
    }
}

fn diagnostic(r: &Reading<'_>, fraction: &Bare, above: &Bare) -> Diagnostic {
    let shown = crate::display::number(fraction.written);
    let percent = crate::display::number(fraction.written * Decimal::ONE_HUNDRED);
    let other = crate::display::number(above.written);
    Diagnostic::new(
        Code::V0206,
        r.field(fraction.start, fraction.column),
        format!(
            "`{}` de {} en {} vaut « {shown} », lu {shown} %, alors que {} donne « {other} » ({other} %)",
            fraction.indicator, fraction.finess, fraction.year, above.year
        ),
    )
    .label("fraction Excel ?")
    .secondary(r.field(above.start, above.column), format!("{other} % en {}", above.year))
    .help(format!(
        "s'il s'agit de {percent} %, écrivez `{percent} %` : une valeur avec son unité n'est jamais réinterprétée"
    ))
}
