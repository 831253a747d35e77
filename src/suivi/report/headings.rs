//! The headings of the DGOS tools, as they are written in the Excel tools
//! (guide DGOS, 2e partie, outils 4 et 5), shared by the Markdown, HTML and
//! Excel reports.

/// The performance lines of the regional table, in the order of
/// [`crate::suivi::LIGNES_PERFORMANCE`].
pub const PERFORMANCE: [&str; 10] = [
    "Produits",
    "Résultat",
    "dont aides",
    "Résultat corrigé",
    "Résultat (corrigé) / produits",
    "Marge brute corrigée",
    "CAF",
    "CAF/produits",
    "Evolution de l'activité (%)",
    "Evolution du fond de roulement",
];

/// Whether a performance line is a ratio (the others are money).
pub fn performance_ratio(i: usize) -> bool {
    matches!(i, 4 | 5 | 7 | 8)
}

pub const UNITE: &str = "en milliers d'€";
pub const SIGNE: &str = "une diminution de charges ou de recette est un nombre négatif, une augmentation est un nombre positif";
pub const GLOBAL: &str = "Niveau de réalisation Global CREF";
pub const GLOBAL_NOTE: &str = "Le niveau de réalisation de l'action est calculé à partir de la moyenne des réalisations des actions pondérée des impacts financiers attendus de chaque action";
pub const PROCHAINE: &str = "Prochaine rencontre ARS / ES prévue";
pub const ECONOMIES_PREVUES: &str =
    "Economies totales prévues initialement (impacts sur le résultat)";
pub const INITIALES: &str = "Charges ou recettes initiales";
pub const ECART_CIBLE: &str = "Ecart entre la cible attendue et les impacts par année";
pub const ECART_CONSTATE: &str = "Ecart constaté";

/// « Impact sur les dépenses par rapport à l'année N » and its companions.
pub fn impact_depenses(annee: i32) -> String {
    format!("Impact sur les dépenses par rapport à l'année {annee}")
}

pub fn impact_recettes(annee: i32) -> String {
    format!("Impact sur les recettes par rapport à l'année {annee}")
}

pub const IMPACT_TOTAL: &str = "Impact total sur le résultat";
pub const IMPACT_TOTAL_CALCULE: &str =
    "Impact total sur le résultat calculé à partir des impacts par année";
