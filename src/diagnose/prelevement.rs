//! The multi-year signal of annexe I: « prélèvement en fonds de roulement
//! continu sur les 3 dernières années ».
//!
//! The std indicator `années_prélèvement_fonds_de_roulement` (a count of
//! consecutive closed years ending in a draw on working capital,
//! `alerte >= 3`) is taken from the figures when they give it. Otherwise it is
//! counted here, back from *y*, over the `prélèvement_continu sur N ans` of
//! the `diagnostic` item: a year *k* is a draw when its
//! `variation_fonds_de_roulement` is negative, or, without that figure,
//! when `fonds_de_roulement` fell from *k*−1 to *k* (Hospi Diag gives the
//! working capital, CI_F14_D, not the financing table). The count stops at
//! the first year without a draw (a known value) or at *N* (the window is
//! full); a year that cannot be told makes the count missing — never 0.

use crate::ast::{DiagnosticDef, Dimension};
use crate::eval::derivation::{Derivation, StepKind};
use crate::eval::figures::Val;
use crate::eval::values::{Actual, Values};
use crate::model::Program;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// The std indicator counted here.
pub const INDICATEUR: &str = "années_prélèvement_fonds_de_roulement";
const FONDS: &str = "fonds_de_roulement";
const VARIATION: &str = "variation_fonds_de_roulement";

/// The longest window counted (a bound on the work, whatever is written).
pub const MAX_ANNEES: u32 = 20;

/// The window of a `diagnostic` item: its `prélèvement_continu sur N ans`
/// when N is a whole number of at least 1 (at most [`MAX_ANNEES`]).
pub fn window(def: &DiagnosticDef) -> Option<u32> {
    let q = def.prelevement_annees.as_ref()?;
    if !q.value.fract().is_zero() {
        return None;
    }
    q.value
        .to_u32()
        .filter(|n| *n >= 1)
        .map(|n| n.min(MAX_ANNEES))
}

/// Counts the draw for year `year` over `window` years and gives it to
/// `values` (a figure of the file still wins). Nothing when the std has no
/// such indicator.
pub fn provide(values: &mut Values<'_>, program: &Program, year: i32, window: u32) {
    if program.indicateur(INDICATEUR).is_none() || window == 0 {
        return;
    }
    let actual = count(values, year, window.min(MAX_ANNEES));
    values.provide(INDICATEUR, year, actual);
}

fn count(values: &mut Values<'_>, year: i32, window: u32) -> Actual {
    let what = format!("{INDICATEUR} en {year}");
    let how = format!(
        "exercices consécutifs clos sur un prélèvement sur le fonds de roulement (variation négative, \
         ou fonds de roulement en baisse sur l'exercice précédent), en remontant depuis {year}, \
         sur {window} ans au plus (prélèvement_continu du diagnostic)"
    );
    let mut inputs: Vec<Derivation> = Vec::new();
    let mut n: u32 = 0;
    for k in 0..window {
        let Some(y) = year.checked_sub(i32::try_from(k).unwrap_or(i32::MAX)) else {
            break;
        };
        match draw(values, y, &mut inputs) {
            Ok(true) => n += 1,
            Ok(false) => break,
            Err(reason) => {
                return Actual {
                    value: None,
                    derivation: Derivation::new(
                        StepKind::Manquant,
                        what,
                        format!("{how} — {reason}"),
                    )
                    .inputs(inputs),
                };
            }
        }
    }
    let value = Val::Num(Decimal::from(n));
    Actual {
        value: Some(value),
        derivation: Derivation::new(StepKind::Formule, what, how)
            .value(value.exact(), value.display(Dimension::Number))
            .inputs(inputs),
    }
}

/// Whether year `y` ended in a draw on working capital.
fn draw(values: &mut Values<'_>, y: i32, inputs: &mut Vec<Derivation>) -> Result<bool, String> {
    let variation = values.indicator(VARIATION, y);
    if let Some(Val::Num(v)) = variation.value {
        push(inputs, variation.derivation);
        return Ok(v.is_sign_negative() && !v.is_zero());
    }
    let now = values.indicator(FONDS, y);
    let before = values.indicator(FONDS, y.saturating_sub(1));
    let (a, b) = (
        now.value.and_then(|v| v.as_num()),
        before.value.and_then(|v| v.as_num()),
    );
    push(inputs, now.derivation);
    push(inputs, before.derivation);
    match (a, b) {
        (Some(a), Some(b)) => Ok(a < b),
        (None, _) => Err(format!("{FONDS} manquant en {y}")),
        (_, None) => Err(format!("{FONDS} manquant en {}", y.saturating_sub(1))),
    }
}

fn push(inputs: &mut Vec<Derivation>, d: Derivation) {
    if !inputs.iter().any(|x| x.what == d.what) {
        inputs.push(d);
    }
}
