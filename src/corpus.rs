//! A generator of realistic contracts (after the spec's §1 example), with
//! varied names, valid FINESS numbers, baselines and targets. Used by the
//! benchmarks and the property tests; deterministic for a given index.

use crate::validate::finess::luhn_key;
use std::fmt::Write as _;

const TOWNS: [&str; 12] = [
    "Valmont", "Kerval", "Sarmont", "Bessin", "Aubrac", "Lormes", "Vexin", "Causses", "Morvan",
    "Ardres", "Véran", "Écouves",
];

/// A valid FINESS number for département `dep` and serial `n`.
pub fn finess(dep: u32, n: u32) -> String {
    let payload = format!("{:02}{:06}", dep % 96 + 1, n % 1_000_000);
    let digits: Vec<u32> = payload.chars().filter_map(|c| c.to_digit(10)).collect();
    format!("{payload}{}", luhn_key(&digits))
}

/// The `i`-th generated contract: `(file name, text)`.
pub fn contract(i: usize) -> (String, String) {
    let town = TOWNS.get(i % TOWNS.len()).copied().unwrap_or("Valmont");
    let id = format!("ch_{}_{i}", crate::resolve::suggest::fold(town));
    let base_marge = 10 + (i % 30) as u32; // 1,0 % to 3,9 %
    let aid = 95 - (i % 10) as u32 * 5; // k€: 2,000 contracts stay within the envelope
    let mut t = String::with_capacity(2_000);
    let _ = write!(
        t,
        r#"// Contrat généré n° {i}
contrat {id} {{
  intitulé "Contrat de redressement du CH de {town} ({i})"
  cadre redressement_2025
  ars "ARS Normandie"

  établissement {{
    raison_sociale "Centre hospitalier de {town}"
    finess "{finess}"
    statut public
    catégorie CH
  }}

  signé le 2025-12-{day:02}
  période 2025 à 2029
  dialogue 2026-05-20

  aide redressement_performance {{
    2025: {aid} k€ ferme
    2026: {aid2} k€
    2027: {aid3} k€
  }}

  objectif marge {{
    libellé "Restaurer la marge brute hors aides"
    type financier
    indicateur marge_brute_hors_aides
    base 2024: {b},{bd} %
    cible 2026: >= {t1} %
    cible 2027: >= {t2} %
    cible 2028: >= {t3} %
    poids 3
  }}

  objectif ambulatoire {{
    libellé "Développer la chirurgie ambulatoire"
    type levier activité.chirurgie_ambulatoire
    indicateur taux_chirurgie_ambulatoire
    base 2024: {amb} %
    cible 2026: >= {amb1} %
    cible 2028: >= {amb2} %
    action "Déployer les protocoles RAAC" {{
      responsable "Direction des soins"
      échéance 2026-06-30
    }}
  }}

  condition stocks {{
    libellé "Nombre de jours de stocks"
    exige jours_de_stocks <= 28 j à partir de 2026
  }}
}}
"#,
        finess = finess(i as u32 / 1000 + 14, i as u32),
        day = 1 + i % 28,
        aid2 = aid - 10,
        aid3 = aid - 20,
        b = base_marge / 10,
        bd = base_marge % 10,
        t1 = base_marge / 10 + 2,
        t2 = base_marge / 10 + 3,
        t3 = base_marge / 10 + 4,
        amb = 40 + i % 10,
        amb1 = 52 + i % 10,
        amb2 = 60 + i % 10,
    );
    (format!("{id}.pacte"), t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_finess_numbers_are_valid() {
        for i in 0..200 {
            assert!(crate::validate::finess::check_finess(&finess(i / 7, i * 37)).is_ok());
        }
    }
}
