//! Checked sums and products of exact decimals: an overflow is `None`, never
//! a panic and never a wrong number. Callers turn `None` into a diagnostic
//! or an undefined result. Quantities are bounded where they are written
//! (E0003: amounts, weights, decimals), so overflow needs a pathological
//! number of lines; it is still handled.

use rust_decimal::Decimal;

/// The sum of `values`, `None` on overflow.
pub fn sum(values: impl IntoIterator<Item = Decimal>) -> Option<Decimal> {
    values
        .into_iter()
        .try_fold(Decimal::ZERO, |acc, v| acc.checked_add(v))
}

/// `a × b`, `None` on overflow.
pub fn mul(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_mul(b)
}

/// A total for display, in euros: « hors des bornes » on overflow.
pub fn euros_total(values: impl IntoIterator<Item = Decimal>) -> String {
    sum(values).map_or_else(|| OVERFLOW.to_string(), crate::display::euros)
}

/// What is shown instead of a total that overflows.
pub const OVERFLOW: &str = "hors des bornes";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overflow_is_none() {
        let big = Decimal::MAX;
        assert_eq!(sum([big, big]), None);
        assert_eq!(mul(big, Decimal::TWO), None);
        assert_eq!(sum([Decimal::ONE, Decimal::TWO]), Some(Decimal::from(3)));
        assert_eq!(sum(Vec::<Decimal>::new()), Some(Decimal::ZERO));
    }
}
