//! The criticality groups of a `diagnostic` item: the first group whose
//! condition holds wins; a group without condition takes the rest.
//!
//! Conditions are evaluated by [`crate::eval::values::evaluate`] (the one
//! evaluator of the language) in three-valued logic, over
//! the indicators (figure, else formula, else missing) and the counts
//! `vigilances`, `alertes`, `critiques` — the number of indicators whose
//! thresholds are crossed at that level or above. A count is known only up
//! to the thresholds that cannot be told (a missing value, an unknown
//! category): it lies in an interval, and a condition holds only when it
//! holds for every count of the interval. An unknown condition does not
//! match, so a missing figure never puts an establishment in a more severe
//! group than its full figures would (Kleene's logic is monotone).

use super::seuils::Etat;
use crate::ast::{DiagnosticDef, Expr, Niveau, DIAGNOSTIC_COUNTS};
use crate::eval::figures::Val;
use crate::eval::values::{evaluate, missing_name, Outcome, Values};
use std::collections::HashMap;

/// The counts of crossed thresholds: `lo` surely crossed, `hi` possibly,
/// by level (vigilance, alerte, critique), cumulative (a `critique` is
/// also an `alerte` and a `vigilance`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Comptes {
    pub lo: [u32; 3],
    pub hi: [u32; 3],
}

impl Comptes {
    pub fn of(etats: &[Etat<'_>]) -> Comptes {
        let mut c = Comptes::default();
        for e in etats {
            for (i, level) in LEVELS.iter().enumerate() {
                if e.connu >= Some(*level) {
                    if let Some(n) = c.lo.get_mut(i) {
                        *n += 1;
                    }
                }
                if e.possible >= Some(*level) {
                    if let Some(n) = c.hi.get_mut(i) {
                        *n += 1;
                    }
                }
            }
        }
        c
    }

    /// Surely crossed at `level` or above.
    pub fn known(&self, level: Niveau) -> u32 {
        self.lo.get(index(level)).copied().unwrap_or(0)
    }
}

const LEVELS: [Niveau; 3] = [Niveau::Vigilance, Niveau::Alerte, Niveau::Critique];

fn index(level: Niveau) -> usize {
    match level {
        Niveau::Vigilance => 0,
        Niveau::Alerte => 1,
        Niveau::Critique => 2,
    }
}

/// Count combinations tried at most; beyond, the condition is unknown.
const MAX_COMBINATIONS: u64 = 4096;

/// The value of a group condition: `Some(true)` holds for every possible
/// count, `Some(false)` for none, `None` unknown.
pub fn condition(
    expr: &Expr,
    values: &mut Values<'_>,
    year: i32,
    comptes: &Comptes,
) -> Option<bool> {
    let mut known: HashMap<&str, Option<Val>> = HashMap::new();
    let mut counts: Vec<usize> = Vec::new();
    for id in expr.names() {
        let name = id.name.as_str();
        if let Some(i) = DIAGNOSTIC_COUNTS.iter().position(|c| *c == name) {
            if !counts.contains(&i) {
                counts.push(i);
            }
        } else if !known.contains_key(name) {
            let value = values.indicator(name, year).value;
            known.insert(name, value);
        }
    }
    counts.sort_unstable();
    let ranges: Vec<(usize, u32, u32)> = counts
        .iter()
        .map(|&i| {
            let lo = comptes.lo.get(i).copied().unwrap_or(0);
            let hi = comptes.hi.get(i).copied().unwrap_or(0).max(lo);
            (i, lo, hi)
        })
        .collect();
    let combinations = ranges
        .iter()
        .map(|(_, lo, hi)| u64::from(hi - lo) + 1)
        .try_fold(1u64, u64::checked_mul)?;
    if combinations > MAX_COMBINATIONS {
        return None;
    }
    let mut result: Option<bool> = None;
    let mut current: Vec<u32> = ranges.iter().map(|(_, lo, _)| *lo).collect();
    loop {
        if consistent(&ranges, &current) {
            let mut lookup = |name: &str| -> Outcome {
                let value = match DIAGNOSTIC_COUNTS.iter().position(|c| *c == name) {
                    Some(i) => ranges
                        .iter()
                        .position(|(j, _, _)| *j == i)
                        .and_then(|at| current.get(at))
                        .map(|n| Val::Num((*n).into())),
                    None => known.get(name).copied().flatten(),
                };
                value.ok_or_else(|| missing_name(name))
            };
            let b = evaluate(expr, &mut lookup).ok()?.as_bool()?;
            match result {
                None => result = Some(b),
                Some(r) if r != b => return None,
                Some(_) => {}
            }
        }
        if !next(&ranges, &mut current) {
            break;
        }
    }
    result
}

/// Counts are cumulative: vigilances ≥ alertes ≥ critiques.
fn consistent(ranges: &[(usize, u32, u32)], current: &[u32]) -> bool {
    let mut previous: Option<u32> = None;
    for n in current.iter().take(ranges.len()) {
        if previous.is_some_and(|p| p < *n) {
            return false;
        }
        previous = Some(*n);
    }
    true
}

/// The next combination (odometer order); false after the last.
fn next(ranges: &[(usize, u32, u32)], current: &mut [u32]) -> bool {
    for (slot, (_, lo, hi)) in current.iter_mut().zip(ranges) {
        if *slot < *hi {
            *slot += 1;
            return true;
        }
        *slot = *lo;
    }
    false
}

/// The group of an establishment: the first whose condition holds, with
/// the more severe groups whose condition could not be told.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Choix {
    pub groupe: Option<usize>,
    pub indetermines: Vec<usize>,
}

/// Tries the groups in order.
pub fn choose(def: &DiagnosticDef, values: &mut Values<'_>, year: i32, comptes: &Comptes) -> Choix {
    let mut choix = Choix::default();
    for (i, g) in def.groupes.iter().enumerate() {
        let holds = match &g.condition {
            None => Some(true),
            Some(expr) => condition(expr, values, year, comptes),
        };
        match holds {
            Some(true) => {
                choix.groupe = Some(i);
                break;
            }
            None => choix.indetermines.push(i),
            Some(false) => {}
        }
    }
    choix
}

/// The reason given when a count of the condition is not known exactly.
pub const SEUILS_INCERTAINS: &str = "seuils incertains";

/// The names of a condition that make it unknown for an establishment:
/// its missing indicators, and `seuils incertains` when a count is used
/// and not known exactly.
pub fn unknowns(expr: &Expr, values: &mut Values<'_>, year: i32, comptes: &Comptes) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut uncertain_counts = false;
    for id in expr.names() {
        let name = id.name.as_str();
        if let Some(i) = DIAGNOSTIC_COUNTS.iter().position(|c| *c == name) {
            uncertain_counts |= comptes.lo.get(i) != comptes.hi.get(i);
        } else if values.indicator(name, year).value.is_none() && !out.iter().any(|n| n == name) {
            out.push(name.to_string());
        }
    }
    if uncertain_counts {
        out.push(SEUILS_INCERTAINS.to_string());
    }
    out
}
