//! Literal forms of §2: numbers (`1,5`, `1 500 000`), units, text blocks.
//! Spanless helpers; the lowering attaches spans.

use crate::ast::Unit;
use rust_decimal::Decimal;
use std::str::FromStr;

/// Parses a Pacte number: `,` or `.` decimal separator, digit groups
/// separated by a space or a no-break space. `None` when out of range.
pub fn parse_number(text: &str) -> Option<Decimal> {
    let plain: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{A0}' | '\u{202F}'))
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    Decimal::from_str(&plain).ok()
}

/// Whether a number is written with one `.` followed by exactly three
/// digits (`600.000`, `-2.000`, `1 500.250`): French writes thousands with
/// a dot, so it could mean 600 000 as well as 600. Such numbers are refused
/// (E0001 in contracts, V0203 in a Pacte figures file).
pub fn ambiguous_dot(number: &str) -> bool {
    let number = number.trim();
    match number.split_once('.') {
        Some((int, frac)) => {
            let int = int.trim_start_matches('-');
            !int.is_empty()
                && int.chars().all(|c| c.is_ascii_digit() || is_group_sep(c))
                && frac.len() == 3
                && frac.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

/// The two readings of an ambiguous number, in French (`600 000`, `600,000`).
pub fn ambiguous_readings(number: &str) -> (String, String) {
    let plain: String = number
        .trim()
        .chars()
        .filter(|c| !is_group_sep(*c))
        .collect();
    let (int, frac) = plain.split_once('.').unwrap_or((plain.as_str(), ""));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let thousands = format!("{digits}{frac}");
    let thousands = thousands.trim_start_matches('0');
    let thousands = if thousands.is_empty() { "0" } else { thousands };
    (
        format!("{sign}{}", crate::display::group(thousands)),
        format!("{sign}{digits},{frac}"),
    )
}

fn is_group_sep(c: char) -> bool {
    matches!(c, ' ' | '\u{A0}' | '\u{202F}')
}

/// The unit written after a number (`k€`, `M€`, `jours`…).
pub fn parse_unit(text: &str) -> Unit {
    match text {
        "€" => Unit::Euro,
        "k€" => Unit::KiloEuro,
        "M€" => Unit::MegaEuro,
        "%" => Unit::Percent,
        "pt" => Unit::Point,
        "j" | "jours" => Unit::Jour,
        _ => Unit::None,
    }
}

/// A number in a unit, scaled to base units (`1,5 M€` → 1 500 000).
pub fn scale(written: Decimal, unit: Unit) -> Option<Decimal> {
    written.checked_mul(unit.scale())
}

/// Unescapes the inside of a `"…"` string (`\"`, `\\`, `\n`).
pub fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// The inside of a `"""` block with its common leading indentation removed
/// and its first and last blank lines dropped.
pub fn dedent(raw: &str) -> String {
    let raw = raw.replace("\r\n", "\n");
    let mut lines: Vec<&str> = raw.split('\n').collect();
    if lines.first().is_some_and(|l| l.trim().is_empty()) {
        lines.remove(0);
    }
    if lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    lines
        .iter()
        .map(|l| l.get(indent..).unwrap_or("").trim_end())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(parse_number("1 500 000"), Some(Decimal::from(1_500_000)));
        assert_eq!(parse_number("1,5"), Decimal::from_str("1.5").ok());
        assert_eq!(parse_number("-4,1"), Decimal::from_str("-4.1").ok());
        assert_eq!(parse_number("1\u{202F}500"), Some(Decimal::from(1500)));
    }

    #[test]
    fn ambiguous_dots() {
        assert!(ambiguous_dot("600.000"));
        assert!(ambiguous_dot("-2.000"));
        assert!(ambiguous_dot("1 500.250"));
        assert!(!ambiguous_dot("3.1"));
        assert!(!ambiguous_dot("3.1415"));
        assert!(!ambiguous_dot("600,000"));
        assert!(!ambiguous_dot("600 000"));
        assert_eq!(
            ambiguous_readings("600.000"),
            ("600 000".to_string(), "600,000".to_string())
        );
        assert_eq!(
            ambiguous_readings("2.000"),
            ("2 000".to_string(), "2,000".to_string())
        );
    }

    #[test]
    fn scaling() {
        let m = parse_number("1,5").unwrap();
        assert_eq!(scale(m, Unit::MegaEuro), Some(Decimal::from(1_500_000)));
        assert_eq!(
            scale(Decimal::from(6), Unit::Percent),
            Decimal::from_str("0.06").ok()
        );
    }

    #[test]
    fn text_blocks() {
        assert_eq!(dedent("\n    a\n      b\n  "), "a\n  b");
        assert_eq!(unescape(r#"a\"b\\c\nd"#), "a\"b\\c\nd");
    }
}
