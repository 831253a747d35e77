//! Which region an establishment of the figures file belongs to, from the
//! département that opens its FINESS number (the regions of 2016; overseas
//! FINESS numbers start with `97` and the département's last digit after a
//! `0`: `9704…` is La Réunion), and which agency (`ARS Normandie`) a region
//! is. The dashboard uses it to count, on each agency's sheet, the
//! establishments of the figures that have no contract.

/// The region of each département.
const DEPARTEMENTS: &[(&str, &str)] = &[
    ("01", "Auvergne-Rhône-Alpes"),
    ("02", "Hauts-de-France"),
    ("03", "Auvergne-Rhône-Alpes"),
    ("04", "Provence-Alpes-Côte d'Azur"),
    ("05", "Provence-Alpes-Côte d'Azur"),
    ("06", "Provence-Alpes-Côte d'Azur"),
    ("07", "Auvergne-Rhône-Alpes"),
    ("08", "Grand Est"),
    ("09", "Occitanie"),
    ("10", "Grand Est"),
    ("11", "Occitanie"),
    ("12", "Occitanie"),
    ("13", "Provence-Alpes-Côte d'Azur"),
    ("14", "Normandie"),
    ("15", "Auvergne-Rhône-Alpes"),
    ("16", "Nouvelle-Aquitaine"),
    ("17", "Nouvelle-Aquitaine"),
    ("18", "Centre-Val de Loire"),
    ("19", "Nouvelle-Aquitaine"),
    ("21", "Bourgogne-Franche-Comté"),
    ("22", "Bretagne"),
    ("23", "Nouvelle-Aquitaine"),
    ("24", "Nouvelle-Aquitaine"),
    ("25", "Bourgogne-Franche-Comté"),
    ("26", "Auvergne-Rhône-Alpes"),
    ("27", "Normandie"),
    ("28", "Centre-Val de Loire"),
    ("29", "Bretagne"),
    ("2A", "Corse"),
    ("2B", "Corse"),
    ("30", "Occitanie"),
    ("31", "Occitanie"),
    ("32", "Occitanie"),
    ("33", "Nouvelle-Aquitaine"),
    ("34", "Occitanie"),
    ("35", "Bretagne"),
    ("36", "Centre-Val de Loire"),
    ("37", "Centre-Val de Loire"),
    ("38", "Auvergne-Rhône-Alpes"),
    ("39", "Bourgogne-Franche-Comté"),
    ("40", "Nouvelle-Aquitaine"),
    ("41", "Centre-Val de Loire"),
    ("42", "Auvergne-Rhône-Alpes"),
    ("43", "Auvergne-Rhône-Alpes"),
    ("44", "Pays de la Loire"),
    ("45", "Centre-Val de Loire"),
    ("46", "Occitanie"),
    ("47", "Nouvelle-Aquitaine"),
    ("48", "Occitanie"),
    ("49", "Pays de la Loire"),
    ("50", "Normandie"),
    ("51", "Grand Est"),
    ("52", "Grand Est"),
    ("53", "Pays de la Loire"),
    ("54", "Grand Est"),
    ("55", "Grand Est"),
    ("56", "Bretagne"),
    ("57", "Grand Est"),
    ("58", "Bourgogne-Franche-Comté"),
    ("59", "Hauts-de-France"),
    ("60", "Hauts-de-France"),
    ("61", "Normandie"),
    ("62", "Hauts-de-France"),
    ("63", "Auvergne-Rhône-Alpes"),
    ("64", "Nouvelle-Aquitaine"),
    ("65", "Occitanie"),
    ("66", "Occitanie"),
    ("67", "Grand Est"),
    ("68", "Grand Est"),
    ("69", "Auvergne-Rhône-Alpes"),
    ("70", "Bourgogne-Franche-Comté"),
    ("71", "Bourgogne-Franche-Comté"),
    ("72", "Pays de la Loire"),
    ("73", "Auvergne-Rhône-Alpes"),
    ("74", "Auvergne-Rhône-Alpes"),
    ("75", "Île-de-France"),
    ("76", "Normandie"),
    ("77", "Île-de-France"),
    ("78", "Île-de-France"),
    ("79", "Nouvelle-Aquitaine"),
    ("80", "Hauts-de-France"),
    ("81", "Occitanie"),
    ("82", "Occitanie"),
    ("83", "Provence-Alpes-Côte d'Azur"),
    ("84", "Provence-Alpes-Côte d'Azur"),
    ("85", "Pays de la Loire"),
    ("86", "Nouvelle-Aquitaine"),
    ("87", "Nouvelle-Aquitaine"),
    ("88", "Grand Est"),
    ("89", "Bourgogne-Franche-Comté"),
    ("90", "Bourgogne-Franche-Comté"),
    ("91", "Île-de-France"),
    ("92", "Île-de-France"),
    ("93", "Île-de-France"),
    ("94", "Île-de-France"),
    ("95", "Île-de-France"),
    ("971", "Guadeloupe"),
    ("972", "Martinique"),
    ("973", "Guyane"),
    ("974", "La Réunion"),
    ("976", "Mayotte"),
];

/// The region of a FINESS number's département, if known.
pub fn of_finess(finess: &str) -> Option<&'static str> {
    let head = finess.get(..2)?.to_uppercase();
    let code = if head == "97" {
        // `9701…` → 971, `9704…` → 974.
        format!("97{}", finess.get(3..4)?)
    } else {
        head
    };
    DEPARTEMENTS
        .iter()
        .find(|(d, _)| *d == code)
        .map(|(_, r)| *r)
}

/// Letters and digits only, lower case, without accents: `ARS Île-de-France`
/// and `ars ile de france` compare equal.
fn cle(text: &str) -> String {
    let mut out = String::new();
    for c in text.to_lowercase().chars() {
        let c = match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            c => c,
        };
        if c.is_alphanumeric() {
            out.push(c);
        }
    }
    out
}

/// Whether an agency's name (`ARS Normandie`, `Agence régionale de santé
/// Normandie`) is the agency of a region.
pub fn agence_de(ars: &str, region: &str) -> bool {
    let ars = cle(ars);
    let name = ars
        .strip_prefix("agenceregionaledesante")
        .or_else(|| ars.strip_prefix("ars"))
        .unwrap_or(&ars);
    !name.is_empty() && name == cle(region)
}

/// Whether two agency names are the same agency (`ARS Île-de-France`,
/// `ars ile de france`).
pub fn meme_agence(a: &str, b: &str) -> bool {
    cle(a) == cle(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_of_finess_numbers() {
        assert_eq!(of_finess("760000018"), Some("Normandie"));
        assert_eq!(of_finess("540099900"), Some("Grand Est"));
        assert_eq!(of_finess("2A0000012"), Some("Corse"));
        assert_eq!(of_finess("970421038"), Some("La Réunion"));
        assert_eq!(of_finess("200000000"), None);
        assert_eq!(of_finess("7"), None);
        assert_eq!(of_finess("é"), None);
    }

    #[test]
    fn agencies_of_regions() {
        assert!(agence_de("ARS Normandie", "Normandie"));
        assert!(agence_de("ARS Île-de-France", "Île-de-France"));
        assert!(agence_de(
            "Agence régionale de santé Auvergne-Rhône-Alpes",
            "Auvergne-Rhône-Alpes"
        ));
        assert!(!agence_de("ARS Normandie", "Bretagne"));
        assert!(!agence_de("ARS", ""));
    }
}
