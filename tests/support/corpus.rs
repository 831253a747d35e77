//! A generated regional corpus for the evaluation benchmark: `n` contracts
//! of the `redressement_2025` framework (each with a valid FINESS, five
//! objectives, two conditions and an aid schedule within the national
//! envelope) and a Pacte-layout
//! figures file of `years` years × 20 indicators per establishment
//! (2 000 contracts × 5 years ≈ 200 000 rows). Deterministic: the values
//! come from a small linear congruential generator.

use pacte::diagnostic::Diagnostics;
use pacte::model::Program;
use pacte::source::{Origin, SourceMap};
use std::fmt::Write as _;

/// The FINESS number of the `i`-th generated establishment.
pub fn finess(i: usize) -> String {
    let payload = format!("76{:06}", i % 1_000_000);
    let digits: Vec<u32> = payload.chars().filter_map(|c| c.to_digit(10)).collect();
    let key = pacte::validate::finess::luhn_key(&digits);
    format!("{payload}{key}")
}

/// The text of the `i`-th contract.
pub fn contract(i: usize) -> String {
    let mut rng = Lcg(i as u64 + 1);
    let base_marge = rng.range(0, 30);
    let mut out = format!(
        r#"contrat ch_gen_{i} {{
  intitulé "Contrat de redressement généré n° {i}"
  cadre redressement_2025
  ars "ARS Normandie"
  établissement {{
    raison_sociale "Centre hospitalier généré {i}"
    finess "{}"
    statut public
    catégorie CH
  }}
  signé le 2025-11-20
  période 2025 à 2029
  dialogue 2026-03-01
  aide redressement_performance {{
    2025: 100 k€ ferme
    2026: 80 k€
    2027: 60 k€
    2028: 40 k€
    2029: 20 k€
  }}
"#,
        finess(i)
    );
    let objectives = [
        (
            "marge",
            "financier",
            "marge_brute_hors_aides",
            ">=",
            "%",
            base_marge,
            5,
        ),
        (
            "déficit",
            "financier",
            "taux_de_déficit",
            "<=",
            "%",
            40 + rng.range(0, 20),
            -5,
        ),
        (
            "ambulatoire",
            "levier activité.chirurgie_ambulatoire",
            "taux_chirurgie_ambulatoire",
            ">=",
            "%",
            250 + rng.range(0, 100),
            20,
        ),
        (
            "paiement",
            "trésorerie",
            "délai_global_paiement",
            "<=",
            "j",
            600 + rng.range(0, 200),
            -40,
        ),
        (
            "stocks",
            "levier achats.stocks",
            "jours_de_stocks",
            "<=",
            "j",
            300 + rng.range(0, 60),
            -20,
        ),
    ];
    for (id, kind, indicator, cmp, unit, base, step) in objectives {
        let _ = writeln!(out, "  objectif {id} {{\n    libellé \"Objectif {id}\"\n    type {kind}\n    indicateur {indicator}");
        let _ = writeln!(out, "    base 2024: {} {unit}", tenths(base));
        for (k, year) in (2026..=2029).enumerate() {
            let target = base + step * (k as i64 + 1);
            let _ = writeln!(out, "    cible {year}: {cmp} {} {unit}", tenths(target));
        }
        let _ = writeln!(out, "    poids {}\n  }}", 1 + rng.range(0, 3));
    }
    out.push_str("  condition stocks_max {\n    libellé \"Stocks\"\n    exige jours_de_stocks <= 40 j à partir de 2026\n  }\n");
    out.push_str("  condition exhaustivité {\n    libellé \"PMSI\"\n    exige taux_exhaustivité_pmsi >= 90 %\n  }\n}\n");
    out
}

/// `12,3` from 123.
fn tenths(n: i64) -> String {
    let sign = if n < 0 { "-" } else { "" };
    let n = n.abs();
    format!("{sign}{},{}", n / 10, n % 10)
}

/// The indicators of the figures file: 20 per establishment and year.
const INDICATORS: &[(&str, &str, i64, i64)] = &[
    ("marge_brute_hors_aides", "%", -20, 80),
    ("taux_chirurgie_ambulatoire", "%", 200, 500),
    ("délai_global_paiement", "j", 300, 1200),
    ("jours_de_stocks", "j", 150, 450),
    ("taux_exhaustivité_pmsi", "%", 880, 1000),
    ("taux_absentéisme", "%", 40, 120),
    ("délai_facturation_ace", "j", 100, 600),
    ("taux_rejet_fides", "%", 10, 80),
    ("frng_jours", "j", -200, 600),
    ("caf_nette", "k€", -3000, 3000),
    ("caf", "k€", -2000, 8000),
    ("charges", "k€", 40_000, 400_000),
    ("résultat_consolidé", "k€", -9000, 2000),
    ("fonds_de_roulement", "k€", -5000, 30_000),
    ("dépenses_intérim_médical", "k€", 100, 5000),
    ("encours_dette", "k€", 5000, 90_000),
    ("total_bilan", "k€", 30_000, 500_000),
];

/// The figures file for `n` establishments over `years` years from 2022.
pub fn figures(n: usize, years: i32) -> String {
    let mut out = String::from("finess;exercice;indicateur;valeur\n");
    for i in 0..n {
        let f = finess(i);
        let mut rng = Lcg(i as u64 * 7919 + 13);
        for year in (2027 - years)..2027 {
            for (name, unit, lo, hi) in INDICATORS {
                let _ = writeln!(
                    out,
                    "{f};{year};{name};{} {unit}",
                    tenths(rng.range(*lo, *hi))
                );
            }
            let produits = 50_000 + rng.range(0, 400_000);
            let resultat = -(rng.range(0, 9000)) + if i % 10 == 0 { 9000 } else { 0 };
            let _ = writeln!(out, "{f};{year};produits;{produits} k€");
            let _ = writeln!(out, "{f};{year};résultat_principal;{resultat} k€");
            let day = 1 + rng.range(0, 28);
            let _ = writeln!(
                out,
                "{f};{year};dépôt_compte_financier;{}-07-{day:02}",
                year + 1
            );
        }
    }
    out
}

/// The std and `n` generated contracts, analysed in memory.
pub fn program(n: usize) -> (Program, SourceMap) {
    let mut map = SourceMap::new();
    let mut ids = Vec::new();
    for (path, text) in pacte::std_lib::embedded() {
        ids.push(map.add(path, text, Origin::Std));
    }
    for i in 0..n {
        ids.push(map.add(format!("gen/ch_gen_{i}.pacte"), contract(i), Origin::User));
    }
    let parsed = pacte::pipeline::parse_all(&map, &ids);
    let mut diagnostics = Diagnostics::new();
    let mut by_id: Vec<_> = parsed.into_iter().collect();
    by_id.sort_by_key(|(id, _, _)| *id);
    let files = by_id.into_iter().filter_map(|(_, p, _)| p.file).collect();
    let program = pacte::pipeline::analyse(files, &mut diagnostics);
    (program, map)
}

/// A tiny deterministic generator.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    /// A number in `lo..hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        let span = (hi - lo).max(1) as u64;
        lo + (self.next() % span) as i64
    }
}
