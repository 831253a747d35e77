//! E0003 — quantities bounded where the domain bounds them (`docs/limites.md`):
//! an amount beyond 10^15 €, a weight beyond 10^6, more than
//! [`MAX_DECIMALS`] decimals. Such a number is a typing slip, and beyond
//! these bounds exact sums could overflow or decimals be lost silently.

use crate::ast::{Quantity, Unit};
use crate::diagnostic::{Code, Diagnostic};
use rust_decimal::Decimal;

/// The largest amount, in euros (a thousand billion euros: 10^15 €).
pub const MAX_AMOUNT: i64 = 1_000_000_000_000_000;
/// The largest absolute value of any other quantity (ratios, days, counts).
pub const MAX_OTHER: i64 = 1_000_000_000_000_000;
/// The largest weight of an objective.
pub const MAX_WEIGHT: i64 = 1_000_000;
/// The most decimals a written number may have.
pub const MAX_DECIMALS: usize = 10;

/// E0003 when the written number has too many decimals or the quantity is
/// beyond its bound.
pub fn check(number_text: &str, quantity: &Quantity) -> Option<Diagnostic> {
    let decimals = decimals(number_text);
    if decimals > MAX_DECIMALS {
        return Some(
            Diagnostic::new(
                Code::E0003,
                quantity.span,
                format!(
                    "le nombre « {} » a {decimals} décimales : au plus {MAX_DECIMALS} sont admises",
                    number_text.trim()
                ),
            )
            .label("trop de décimales")
            .help("arrondissez : un montant se compte au centime, un taux au centième de point"),
        );
    }
    let money = matches!(quantity.unit, Unit::Euro | Unit::KiloEuro | Unit::MegaEuro);
    let limit = Decimal::from(if money { MAX_AMOUNT } else { MAX_OTHER });
    if quantity.value.abs() <= limit {
        return None;
    }
    let (what, bound) = if money {
        ("le montant", "1 000 000 000 000 000 € (10^15 €)")
    } else {
        ("la valeur", "1 000 000 000 000 000 (10^15)")
    };
    Some(
        Diagnostic::new(
            Code::E0003,
            quantity.span,
            format!(
                "{what} « {} » dépasse la borne de {bound}",
                number_text.trim()
            ),
        )
        .label("hors des bornes")
        .help("vérifiez le nombre de chiffres et l'unité (€, k€, M€)"),
    )
}

/// E0003 for a `poids` beyond [`MAX_WEIGHT`].
pub fn check_weight(quantity: &Quantity) -> Option<Diagnostic> {
    (quantity.value.abs() > Decimal::from(MAX_WEIGHT)).then(|| {
        Diagnostic::new(
            Code::E0003,
            quantity.span,
            format!(
                "le poids {} dépasse la borne de 1 000 000",
                crate::display::number(quantity.value)
            ),
        )
        .label("poids hors des bornes")
        .help("un poids est relatif aux autres objectifs : des poids comme 1, 2, 3 suffisent")
    })
}

/// The digits after the decimal separator of a written number.
fn decimals(text: &str) -> usize {
    text.rsplit_once([',', '.']).map_or(0, |(_, frac)| {
        frac.chars().filter(char::is_ascii_digit).count()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{SourceId, Span};
    use std::str::FromStr;

    fn q(value: &str, unit: Unit) -> Quantity {
        Quantity {
            value: Decimal::from_str(value).unwrap(),
            unit,
            span: Span::new(SourceId(0), 0, 1),
        }
    }

    #[test]
    fn bounds() {
        assert!(check("1 000 000 000 000 000", &q("1000000000000000", Unit::Euro)).is_none());
        assert!(check("1 000 000 000 000 001", &q("1000000000000001", Unit::Euro)).is_some());
        assert!(check("0,0000000001", &q("0.0000000001", Unit::None)).is_none());
        assert!(check("0,00000000001", &q("0.00000000001", Unit::None)).is_some());
        assert!(check_weight(&q("1000000", Unit::None)).is_none());
        assert!(check_weight(&q("1000001", Unit::None)).is_some());
    }
}
