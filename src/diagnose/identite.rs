//! Who an establishment is: its name, category and status. The figures
//! file gives them for Hospi Diag (`rs`, `cat`); a contract's
//! `établissement` block, when there is one, wins (the ARS wrote it, and it
//! can say `CHU` where Hospi Diag only knows `CHR`).

use crate::ast::Contrat;
use crate::eval::Figures;

/// An establishment as the diagnosis shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Etablissement {
    pub finess: String,
    pub raison_sociale: Option<String>,
    /// The Pacte category (`CHU`, `CHR`, `CH`, … of `seuil … pour`), when known.
    pub categorie: Option<String>,
    /// The category as the figures file writes it (Hospi Diag `cat`).
    pub categorie_fichier: Option<String>,
    /// `public` or `ebnl`, when known.
    pub statut: Option<String>,
}

/// Hospi Diag `cat` → (Pacte category, status). Hospi Diag's `CHR` covers
/// the CHR and the CHU (« CHR/U »): both have the 2 % deficit threshold of
/// art. D. 6143-39 CSP, so `CHR` loses nothing. `CLCC` (cancer centres) are
/// private non-profit, like the `EBNL`. Any other value is unknown.
pub fn hospidiag_categorie(cat: &str) -> Option<(&'static str, &'static str)> {
    match cat.trim().to_uppercase().as_str() {
        "CH" => Some(("CH", "public")),
        "CHR" | "CHU" | "CHRU" | "CHR/U" => Some(("CHR", "public")),
        "EBNL" | "ESPIC" => Some(("EBNL", "ebnl")),
        "CLCC" => Some(("CLCC", "ebnl")),
        _ => None,
    }
}

/// The status that goes with a Pacte category, when it is certain.
fn statut_of(categorie: &str) -> Option<&'static str> {
    match categorie {
        "CHU" | "CHR" | "CH" | "CHS" | "HL" => Some("public"),
        "EBNL" | "CLCC" => Some("ebnl"),
        _ => None,
    }
}

/// The identity of an establishment from the figures file and, when given,
/// the contract that names it.
pub fn identify(finess: &str, figures: &Figures, contrat: Option<&Contrat>) -> Etablissement {
    let mut e = Etablissement {
        finess: finess.to_string(),
        ..Etablissement::default()
    };
    if let Some(identity) = figures.identity(finess) {
        e.raison_sociale.clone_from(&identity.raison_sociale);
        e.categorie_fichier.clone_from(&identity.categorie);
        if let Some((cat, statut)) = identity.categorie.as_deref().and_then(hospidiag_categorie) {
            e.categorie = Some(cat.to_string());
            e.statut = Some(statut.to_string());
        }
    }
    if let Some(block) = contrat.and_then(|c| c.etablissement.as_ref()) {
        if let Some(rs) = &block.raison_sociale {
            e.raison_sociale = Some(rs.value.clone());
        }
        if let Some(cat) = &block.categorie {
            e.categorie = Some(cat.name.clone());
            e.statut = statut_of(&cat.name).map(str::to_string);
        }
        if let Some(statut) = &block.statut {
            e.statut = Some(statut.name.clone());
        }
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hospidiag_categories() {
        assert_eq!(hospidiag_categorie("CH"), Some(("CH", "public")));
        assert_eq!(hospidiag_categorie(" chr "), Some(("CHR", "public")));
        assert_eq!(hospidiag_categorie("CLCC"), Some(("CLCC", "ebnl")));
        assert_eq!(hospidiag_categorie("EBNL"), Some(("EBNL", "ebnl")));
        assert_eq!(hospidiag_categorie("CLI"), None);
        assert_eq!(hospidiag_categorie(""), None);
    }
}
