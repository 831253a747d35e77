//! French display of exact numbers: `1 500 000 €`, `4,2 %`, `28 j`.
//! Shared by diagnostics, reports and documents.

use crate::ast::Dimension;
use rust_decimal::Decimal;

/// A decimal with `,` and digit groups of three (from 10 000 on, as the
/// formatter writes amounts), trailing zeros removed.
pub fn number(value: Decimal) -> String {
    let text = value.normalize().to_string();
    let (sign, digits) = text
        .strip_prefix('-')
        .map_or(("", text.as_str()), |d| ("-", d));
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let grouped = if int.len() > 4 {
        group(int)
    } else {
        int.to_string()
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

/// Groups digits by three from the right with a space.
pub fn group(int: &str) -> String {
    let mut out = String::with_capacity(int.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// A base-unit value shown in the unit of its dimension.
pub fn quantity(value: Decimal, dim: Dimension) -> String {
    match dim {
        Dimension::Money => format!("{} €", number(value.round_dp(2))),
        Dimension::Ratio => format!("{} %", number((value * Decimal::ONE_HUNDRED).round_dp(2))),
        Dimension::Duration => format!("{} j", number(value.round_dp(1))),
        _ => number(value),
    }
}

/// A quantity as it was written, in its own unit (`1,5 M€`, `90 %`).
pub fn written(q: &crate::ast::Quantity) -> String {
    format!("{} {}", number(q.written()), q.unit.symbol())
        .trim_end()
        .to_string()
}

/// Euros rounded to the euro.
pub fn euros(value: Decimal) -> String {
    format!("{} €", number(value.round()))
}

/// Display text with the French minus sign (−, U+2212) in place of a
/// hyphen that starts a number (`-200 000 €` → `−200 000 €`; dates are kept): for documents and
/// reports, never for Pacte source.
pub fn moins(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    let mut chars = text.chars().peekable();
    let mut previous: Option<char> = None;
    while let Some(c) = chars.next() {
        let sign = previous.is_none_or(|p| !p.is_alphanumeric());
        if c == '-' && sign && chars.peek().is_some_and(char::is_ascii_digit) {
            out.push('\u{2212}');
        } else {
            out.push(c);
        }
        previous = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn minus_sign_before_digits_only() {
        assert_eq!(moins("-200 000 €"), "\u{2212}200 000 €");
        assert_eq!(
            moins("2025-12-10 - x (-3 j)"),
            "2025-12-10 - x (\u{2212}3 j)"
        );
    }

    #[test]
    fn french_forms() {
        let d = |s| Decimal::from_str(s).unwrap();
        assert_eq!(quantity(d("1500000"), Dimension::Money), "1 500 000 €");
        assert_eq!(quantity(d("0.042"), Dimension::Ratio), "4,2 %");
        assert_eq!(quantity(d("28"), Dimension::Duration), "28 j");
        assert_eq!(number(d("-4100000.50")), "-4 100 000,5");
        assert_eq!(number(d("2026")), "2026");
    }
}
