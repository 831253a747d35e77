//! A figure's value for an indicator: a Pacte literal (`4,2 %`,
//! `-3 100 000 €`, `1,2 M€`, `27 j`, `2027-06-30`, `oui`) or a bare number
//! read in the indicator's unit (`4,2` for a `%` indicator is 4,2 %).
//! Spanless: the readers attach the span of the cell.

use super::Val;
use crate::ast::{Dimension, Indicateur, Unit, UniteName};
use crate::date::Date;
use crate::syntax::parse_number;

/// Why a cell could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueError {
    /// Not a number, date or boolean of the indicator's kind.
    Unreadable,
    /// A unit of another dimension than the indicator's.
    Unit(Unit),
}

/// Units a figure may carry, longest spelling first.
const UNITS: &[(&str, Unit)] = &[
    ("jours", Unit::Jour),
    ("M€", Unit::MegaEuro),
    ("k€", Unit::KiloEuro),
    ("K€", Unit::KiloEuro),
    ("€", Unit::Euro),
    ("%", Unit::Percent),
    ("pt", Unit::Point),
    ("j", Unit::Jour),
];

/// Reads a cell for an indicator.
pub fn parse_value(text: &str, indicateur: &Indicateur) -> Result<Val, ValueError> {
    let text = text.trim();
    match indicateur.unite.map(|(u, _)| u) {
        Some(UniteName::Date) => parse_date(text)
            .map(Val::Date)
            .ok_or(ValueError::Unreadable),
        Some(UniteName::Booleen) => parse_bool(text)
            .map(Val::Bool)
            .ok_or(ValueError::Unreadable),
        unite => parse_quantity(text, unite).map(Val::Num),
    }
}

/// `5.600` or `600.000 €` in a Pacte figures file: a dot before exactly
/// three digits may be a thousands separator. Returns the two readings,
/// unit included (`5 600`, `5,600`). The Hospi Diag layout, written by a
/// program with a decimal dot, does not ask this.
pub fn ambiguous(text: &str) -> Option<(String, String)> {
    let (number, unit) = split_unit(text.trim());
    if !crate::syntax::ambiguous_dot(number) {
        return None;
    }
    let (thousands, decimal) = crate::syntax::ambiguous_readings(number);
    let unit = unit.map_or(String::new(), |u| format!(" {}", u.symbol()));
    Some((format!("{thousands}{unit}"), format!("{decimal}{unit}")))
}

/// The number of a `%` indicator's cell written without a unit (`0,043`),
/// as written; `None` for any other cell.
pub fn bare_percent(text: &str, indicateur: &Indicateur) -> Option<rust_decimal::Decimal> {
    if indicateur.unite.map(|(u, _)| u) != Some(UniteName::Percent) {
        return None;
    }
    match split_unit(text.trim()) {
        (number, None) => parse_number(number),
        _ => None,
    }
}

/// A number with an optional unit, in base units of the indicator's dimension.
fn parse_quantity(
    text: &str,
    unite: Option<UniteName>,
) -> Result<rust_decimal::Decimal, ValueError> {
    let expected = unite.map_or(Dimension::Number, UniteName::dimension);
    let (number, unit) = split_unit(text);
    let written = parse_number(number).ok_or(ValueError::Unreadable)?;
    let unit = match unit {
        Some(unit) if unit.dimension() != expected => return Err(ValueError::Unit(unit)),
        Some(unit) => unit,
        None => bare_unit(unite),
    };
    written
        .checked_mul(unit.scale())
        .ok_or(ValueError::Unreadable)
}

/// The unit a bare number is read in.
fn bare_unit(unite: Option<UniteName>) -> Unit {
    match unite {
        Some(UniteName::Percent) => Unit::Percent,
        Some(UniteName::Euro) => Unit::Euro,
        Some(UniteName::Jour) => Unit::Jour,
        _ => Unit::None,
    }
}

/// Splits `4,2 %` into `4,2` and `%`.
fn split_unit(text: &str) -> (&str, Option<Unit>) {
    for (spelling, unit) in UNITS {
        if let Some(number) = text.strip_suffix(spelling) {
            if !number.ends_with(|c: char| c.is_alphabetic()) {
                return (number.trim(), Some(*unit));
            }
        }
    }
    (text, None)
}

/// `2027-06-30`, or `30/06/2027` as Excel in France shows dates.
fn parse_date(text: &str) -> Option<Date> {
    if let Some(date) = Date::parse_iso(text) {
        return Some(date);
    }
    let mut parts = text.splitn(3, '/');
    let day = parts.next()?.trim().parse().ok()?;
    let month = parts.next()?.trim().parse().ok()?;
    let year: i32 = parts.next()?.trim().parse().ok()?;
    (year >= 1000).then_some(())?;
    Date::new(year, month, day)
}

fn parse_bool(text: &str) -> Option<bool> {
    match text.to_lowercase().as_str() {
        "oui" => Some(true),
        "non" => Some(false),
        _ => None,
    }
}

/// How a value of this indicator is written, for help lines.
pub fn example(indicateur: &Indicateur) -> &'static str {
    match indicateur.unite.map(|(u, _)| u) {
        Some(UniteName::Percent) => "`4,2 %` (ou `4,2`, lu en %)",
        Some(UniteName::Euro) => "`-3 100 000 €`, `1,2 M€` (ou un nombre nu, lu en €)",
        Some(UniteName::Jour) => "`27 j` (ou `27`, lu en jours)",
        Some(UniteName::Date) => "une date `2027-06-30` (ou `30/06/2027`)",
        Some(UniteName::Booleen) => "`oui` ou `non`",
        Some(UniteName::Nombre) | None => "un nombre, comme `1,5` ou `12`",
    }
}
