//! The figures a French user types or exports: CRLF line endings, dots
//! that may be thousands separators, no-break spaces before units, FINESS
//! keys, Excel fractions. Each test gives the exact input of issue 12.

use super::*;
use crate::diagnostic::Diagnostics;
use crate::source::{Origin, SourceMap};
use std::str::FromStr;
use std::sync::OnceLock;

fn program() -> &'static Program {
    static PROGRAM: OnceLock<Program> = OnceLock::new();
    PROGRAM.get_or_init(|| {
        let mut map = SourceMap::new();
        let ids: Vec<_> = crate::std_lib::embedded()
            .map(|(p, t)| map.add(p, t, Origin::Std))
            .collect();
        let mut parsed = crate::pipeline::parse_all(&map, &ids);
        parsed.sort_by_key(|(id, _, _)| *id);
        let files = parsed.into_iter().filter_map(|(_, p, _)| p.file).collect();
        crate::pipeline::analyse(files, &mut Diagnostics::new())
    })
}

/// The figures, and each diagnostic as (code, line, column, message).
fn read_text(text: &str) -> (Figures, Vec<(Code, usize, usize, String)>) {
    let mut map = SourceMap::new();
    let mut d = Diagnostics::new();
    let figures = read(&mut map, "chiffres.csv", text.as_bytes(), program(), &mut d);
    let found = d
        .iter()
        .map(|x| {
            let source = map.get(x.primary.span.source).unwrap();
            let (line, col) = source.line_col(x.primary.span.start as usize);
            (x.code, line, col, x.message.clone())
        })
        .collect();
    (figures, found)
}

fn num(f: &Figures, indicator: &str, year: i32) -> Option<Decimal> {
    f.get("760000018", year, indicator)?.value.as_num()
}

#[test]
fn crlf_diagnostics_name_the_right_line_and_column() {
    let text = "finess;exercice;indicateur;valeur\r\n\
                760000018;2026;marge_brute_hors_aides;4,2 %\r\n\
                760000018;2026;taux_chirurgie_ambulatoire;abc\r\n\
                760000018;2026;jours_de_stocks;27 j\r\n\
                760000018;2026;jours_de_stocks;28 j\r\n";
    let (_, found) = read_text(text);
    let at: Vec<(Code, usize, usize)> = found.iter().map(|(c, l, k, _)| (*c, *l, *k)).collect();
    assert_eq!(at, vec![(Code::V0203, 3, 43), (Code::V0205, 5, 1)]);
}

#[test]
fn a_dot_before_three_digits_is_ambiguous_in_the_pacte_layout() {
    let text = "finess;exercice;indicateur;valeur\r\n\
                760000018;2026;produits;5.600\r\n\
                760000018;2026;résultat_principal;600.000 €\r\n\
                760000018;2026;marge_brute_hors_aides;3.1 %\r\n";
    let (f, found) = read_text(text);
    let codes: Vec<(Code, usize)> = found.iter().map(|(c, l, _, _)| (*c, *l)).collect();
    assert_eq!(codes, vec![(Code::V0203, 2), (Code::V0203, 3)]);
    assert!(
        found[0].3.contains("`5 600` (milliers) ou `5,600`"),
        "{}",
        found[0].3
    );
    assert!(found[1].3.contains("`600 000 €`"), "{}", found[1].3);
    // Unambiguous: a dot followed by one digit stays a decimal mark.
    assert_eq!(
        num(&f, "marge_brute_hors_aides", 2026),
        Decimal::from_str("0.031").ok()
    );
}

#[test]
fn hospidiag_keeps_its_decimal_dots() {
    let text = "finess;annee;F1_D\n760000018;2026;5.600\n";
    let (f, found) = read_text(text);
    assert_eq!(found, vec![]);
    assert_eq!(
        num(&f, "marge_brute_hors_aides", 2026),
        Decimal::from_str("0.056").ok()
    );
}

#[test]
fn no_break_spaces_between_number_and_unit() {
    let text = "finess;exercice;indicateur;valeur\n\
                760000018;2026;marge_brute_hors_aides;4,2\u{a0}%\n\
                760000018;2026;résultat_principal;-1\u{202f}200\u{202f}000\u{a0}€\n\
                760000018;2026;jours_de_stocks;27\u{202f}j\n";
    let (f, found) = read_text(text);
    assert_eq!(found, vec![]);
    assert_eq!(
        num(&f, "marge_brute_hors_aides", 2026),
        Decimal::from_str("0.042").ok()
    );
    assert_eq!(
        num(&f, "résultat_principal", 2026),
        Some(Decimal::from(-1_200_000))
    );
    assert_eq!(num(&f, "jours_de_stocks", 2026), Some(Decimal::from(27)));
}

#[test]
fn a_wrong_finess_key_names_the_expected_one() {
    let text = "finess;exercice;indicateur;valeur\n\
                760000017;2026;produits;1 €\n\
                76000001;2026;produits;1 €\n";
    let (f, found) = read_text(text);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!((found[0].0, found[0].1), (Code::V0203, 2));
    assert!(found[0].3.contains("7 au lieu de 8"), "{}", found[0].3);
    assert!(
        found[1].3.contains("complété d'un 0 initial"),
        "{}",
        found[1].3
    );
    assert!(f.is_empty());
}

#[test]
fn a_completed_finess_is_said() {
    let text = "finess;exercice;indicateur;valeur\n10008407;2013;produits;1 €\n";
    let (f, found) = read_text(text);
    assert_eq!(found, vec![]);
    assert_eq!(
        f.notes,
        vec!["le numéro FINESS à 8 chiffres « 10008407 » a été complété d'un 0 initial en « 010008407 » (Excel supprime les zéros en tête)".to_string()]
    );
}

#[test]
fn excel_fractions_beside_percentages_are_warned() {
    let text = "finess;exercice;indicateur;valeur\r\n\
                760000018;2025;marge_brute_hors_aides;4,1\r\n\
                760000018;2026;marge_brute_hors_aides;0,043\r\n\
                760000018;2026;taux_chirurgie_ambulatoire;0,5\r\n";
    let (f, found) = read_text(text);
    let at: Vec<(Code, usize)> = found.iter().map(|(c, l, _, _)| (*c, *l)).collect();
    // The lone 0,5 has no other year to compare with: no warning.
    assert_eq!(at, vec![(Code::V0206, 3)]);
    assert_eq!(Code::V0206.severity(), crate::diagnostic::Severity::Warning);
    // The value is still read as written (a warning changes nothing).
    assert_eq!(
        num(&f, "marge_brute_hors_aides", 2026),
        Decimal::from_str("0.00043").ok()
    );
}

#[test]
fn fractions_written_with_their_unit_are_not_warned() {
    let text = "finess;exercice;indicateur;valeur\n\
                760000018;2025;marge_brute_hors_aides;4,1\n\
                760000018;2026;marge_brute_hors_aides;0,5 %\n";
    let (_, found) = read_text(text);
    assert_eq!(found, vec![]);
}
