//! A scenario's `chiffres` as a [`Figures`] table: every line becomes the
//! figure of the contract's FINESS for the block's year (the scenario's
//! exercice when the block has none), read as a figures file reads it: a
//! bare number is in the indicator's unit (`4,2` for a `%` indicator is
//! 4,2 %). Each figure points at its line, so derivations cite the scenario.

use crate::ast::{Contrat, ReferenceLine, Scenario, Unit, UniteName, Value};
use crate::eval::figures::{Figure, Figures, Layout, Val};
use crate::model::Program;

/// The figures of a scenario for its contract.
pub fn build(program: &Program, contrat: &Contrat, s: &Scenario, exercice: i32) -> Figures {
    let finess = contrat
        .etablissement
        .as_ref()
        .and_then(|e| e.finess.as_ref())
        .map_or(String::new(), |f| f.value.trim().to_string());
    let path = format!("scénario « {} »", s.nom.value);
    let mut figures = Figures::new(path, s.span.source, Layout::Pacte);
    for block in &s.chiffres {
        let year = block.annee.map_or(exercice, |y| y.value);
        for line in &block.valeurs {
            let figure = Figure {
                value: value(program, line),
                offset: line.span.start,
            };
            // A figure given twice is E0102 (`pacte check`); the first holds.
            let _ = figures.insert(&finess, year, &line.indicateur.name, figure);
        }
    }
    figures
}

/// A line's value in base units; a bare number takes the indicator's unit.
fn value(program: &Program, line: &ReferenceLine) -> Val {
    let unite = program
        .indicateurs
        .get(&line.indicateur.name)
        .and_then(|i| i.unite.map(|(u, _)| u));
    match &line.valeur {
        Value::Quantity(q) if q.unit == Unit::None => {
            let scale = match unite {
                Some(UniteName::Percent) => Unit::Percent.scale(),
                _ => Unit::None.scale(),
            };
            Val::Num(q.value.checked_mul(scale).unwrap_or(q.value))
        }
        other => crate::eval::values::literal(other),
    }
}
