//! Figures readers on in-memory files: separators, decimals, encodings,
//! literals and bare numbers, Hospi Diag, and every V02xx diagnostic.

use super::*;
use crate::diagnostic::Diagnostics;
use crate::source::{Origin, SourceMap};
use std::str::FromStr;
use std::sync::OnceLock;

/// The std, analysed once.
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

fn read_bytes(bytes: &[u8]) -> (Figures, Vec<Code>, SourceMap) {
    let mut map = SourceMap::new();
    let mut d = Diagnostics::new();
    let figures = read(&mut map, "chiffres.csv", bytes, program(), &mut d);
    let codes = d.iter().map(|d| d.code).collect();
    (figures, codes, map)
}

fn num(figures: &Figures, finess: &str, year: i32, indicator: &str) -> Option<Decimal> {
    figures.get(finess, year, indicator)?.value.as_num()
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[test]
fn excel_french_csv() {
    let text = "finess;exercice;indicateur;valeur\r\n\
                760000018;2026;marge_brute_hors_aides;4,2 %\r\n\
                760000018;2026;taux_chirurgie_ambulatoire;48,7\r\n\
                760000018;2026;résultat_principal;-3\u{a0}100\u{a0}000,50 €\r\n\
                760000018;2026;caf_nette;-1,2 M€\r\n\
                760000018;2026;jours_de_stocks;27 jours\r\n\
                ;;;\r\n\
                760000018;2026;dépôt_compte_financier;03/07/2027\r\n";
    let (f, codes, _) = read_bytes(text.as_bytes());
    assert_eq!(codes, vec![]);
    assert_eq!(f.layout, Layout::Pacte);
    assert_eq!(
        num(&f, "760000018", 2026, "marge_brute_hors_aides"),
        Some(dec("0.042"))
    );
    assert_eq!(
        num(&f, "760000018", 2026, "taux_chirurgie_ambulatoire"),
        Some(dec("0.487"))
    );
    assert_eq!(
        num(&f, "760000018", 2026, "résultat_principal"),
        Some(dec("-3100000.50"))
    );
    assert_eq!(
        num(&f, "760000018", 2026, "caf_nette"),
        Some(dec("-1200000"))
    );
    assert_eq!(
        num(&f, "760000018", 2026, "jours_de_stocks"),
        Some(dec("27"))
    );
    let date = f
        .get("760000018", 2026, "dépôt_compte_financier")
        .map(|x| x.value);
    assert_eq!(date, crate::date::Date::new(2027, 7, 3).map(Val::Date));
    assert_eq!(f.len(), 6);
}

#[test]
fn comma_separated_with_bom_and_quotes() {
    let text = "\u{feff}FINESS,Exercice,Indicateur,Valeur\n\
                760000018,2026,marge_brute_hors_aides,\"4,2 %\"\n\
                760000018,2026,produits,55000000\n";
    let (f, codes, _) = read_bytes(text.as_bytes());
    assert_eq!(codes, vec![]);
    assert_eq!(
        num(&f, "760000018", 2026, "marge_brute_hors_aides"),
        Some(dec("0.042"))
    );
    assert_eq!(
        num(&f, "760000018", 2026, "produits"),
        Some(dec("55000000"))
    );
}

#[test]
fn windows_1252_is_detected_and_noted() {
    let mut bytes = b"finess;exercice;indicateur;valeur\n760000018;2026;r".to_vec();
    bytes.push(0xE9); // é in Windows-1252
    bytes.extend_from_slice(b"sultat_principal;-2 900 000 \x80\n"); // € is 0x80
    let (f, codes, _) = read_bytes(&bytes);
    assert_eq!(codes, vec![]);
    assert_eq!(
        num(&f, "760000018", 2026, "résultat_principal"),
        Some(dec("-2900000"))
    );
    assert!(f.notes.iter().any(|n| n.contains("Windows-1252")));
}

#[test]
fn excel_drops_leading_zeros_of_finess() {
    let text = "finess;exercice;indicateur;valeur\n10008407;2013;produits;1 €\n";
    let (f, codes, _) = read_bytes(text.as_bytes());
    assert_eq!(codes, vec![]);
    assert!(f.has_establishment("010008407"));
    assert!(f.notes.iter().any(|n| n.contains("0 initial")));
}

#[test]
fn empty_value_is_no_figure() {
    let text = "finess;exercice;indicateur;valeur\n760000018;2026;produits;\n";
    let (f, codes, _) = read_bytes(text.as_bytes());
    assert_eq!(codes, vec![]);
    assert!(f.is_empty());
}

#[test]
fn every_malformed_cell_is_reported() {
    let text = "finess;exercice;indicateur;valeur\n\
                760000018;2026;marge_brute;4 %\n\
                760000018;2026;produits;douze\n\
                760000018;2026;produits;12 %\n\
                760000018;2026;caf;1 €\n\
                760000018;2026;caf;2 €\n\
                760000018;26;caf;1 €\n\
                ;2026;caf;1 €\n\
                760000018;2026;crédit_tva_mobilisable;peut-être\n\
                760000018;2026;crédit_tva_mobilisable;oui\n";
    let (f, codes, _) = read_bytes(text.as_bytes());
    use Code::*;
    assert_eq!(codes, vec![V0202, V0203, V0204, V0205, V0203, V0203, V0203]);
    assert_eq!(
        f.get("760000018", 2026, "crédit_tva_mobilisable")
            .map(|x| x.value),
        Some(Val::Bool(true))
    );
}

#[test]
fn header_and_binary_errors() {
    assert_eq!(read_bytes(b"").1, vec![Code::V0201]);
    assert_eq!(read_bytes(b"a;b;c\n1;2;3\n").1, vec![Code::V0201]);
    assert_eq!(
        read_bytes(b"finess;exercice\0;indicateur;valeur\n").1,
        vec![Code::V0201]
    );
}

#[test]
fn errors_are_capped_but_counted() {
    let mut text = String::from("finess;exercice;indicateur;valeur\n");
    for _ in 0..150 {
        text.push_str("760000018;2026;inconnu;1\n");
    }
    let (f, codes, _) = read_bytes(text.as_bytes());
    assert_eq!(codes.len(), MAX_ERRORS);
    assert!(f.notes.iter().any(|n| n.starts_with("50 autres erreurs")));
}

#[test]
fn hospidiag_layout() {
    let text = "annee,finess,rs,cat,F1_D,CI_F10_D,P12,F12_D\n\
                2014,140000035,CH DE LISIEUX,CH,6.6,-1632249,28.48,75\n\
                2014,140000084,CH AUNAY,CH,.z,,,49.3\n";
    let (f, codes, _) = read_bytes(text.as_bytes());
    assert_eq!(codes, vec![]);
    assert_eq!(f.layout, Layout::HospiDiag);
    assert_eq!(
        num(&f, "140000035", 2014, "marge_brute_hors_aides"),
        Some(dec("0.066"))
    );
    assert_eq!(
        num(&f, "140000035", 2014, "résultat_principal"),
        Some(dec("-1632249"))
    );
    assert_eq!(
        num(&f, "140000035", 2014, "taux_chirurgie_ambulatoire"),
        Some(dec("0.2848"))
    );
    assert_eq!(
        num(&f, "140000035", 2014, "délai_global_paiement"),
        Some(dec("75"))
    );
    assert_eq!(num(&f, "140000084", 2014, "marge_brute_hors_aides"), None);
    assert_eq!(f.len(), 5);
    assert!(f
        .notes
        .iter()
        .any(|n| n.contains("F1_D → marge_brute_hors_aides")));
}

#[test]
fn hospidiag_duplicate_rows_and_bad_cells() {
    let text = "annee;finess;F1_D\n2014;140000035;6,6\n2014;140000035;6,6\n2014;140000084;abc\n";
    let (_, codes, map) = read_bytes(text.as_bytes());
    assert_eq!(codes, vec![Code::V0205, Code::V0203]);
    assert_eq!(map.iter().count(), 1);
}

#[test]
fn no_input_panics() {
    let inputs: [&[u8]; 6] = [
        b"\"",
        b"finess;exercice;indicateur;valeur\n\"unterminated",
        b"finess;exercice;indicateur;valeur\n;;;;;;;;\n",
        b"annee;finess\n;\n",
        &[0xFF, 0xFE, 0x00],
        b"finess;exercice;indicateur;valeur\n760000018;2026;produits;99999999999999999999999999999999 M\xe2\x82\xac\n",
    ];
    for input in inputs {
        let _ = read_bytes(input);
    }
}
