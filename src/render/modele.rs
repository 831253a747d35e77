//! Which document model lays a contract out (spec §5 `modèle`, §9): the
//! framework's `modèle` line (inherited through `étend`); without one, the
//! name of the framework at the root of its lineage (`cadre cref_normandie
//! étend cref` is laid out as a CREF); otherwise the 2025 contract.

use crate::model::CadreEffectif;

/// A document model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Modele {
    /// The 2025 recovery contract (instruction 2025/145).
    Redressement2025,
    /// The model CPOM (guide DGOS CPOM, annexe 1).
    Cpom,
    /// The CREF type (guide DGOS retour à l'équilibre, 2de partie, outil 2).
    Cref,
    /// The contrat performance, tripartite ARS – établissement – ANAP.
    ContratPerformance,
}

impl Modele {
    /// The model of a name, if it is one.
    pub fn parse(name: &str) -> Option<Modele> {
        Some(match name {
            "redressement_2025" => Modele::Redressement2025,
            "cpom" => Modele::Cpom,
            "cref" => Modele::Cref,
            "contrat_performance" => Modele::ContratPerformance,
            _ => return None,
        })
    }

    /// The model of a framework: its `modèle`, else its root's name, else
    /// the 2025 contract.
    pub fn of(cadre: Option<&CadreEffectif>) -> Modele {
        let Some(cadre) = cadre else {
            return Modele::Redressement2025;
        };
        cadre
            .modele()
            .and_then(|m| Modele::parse(&m.name))
            .or_else(|| {
                cadre
                    .lignee
                    .iter()
                    .chain(std::iter::once(&cadre.cadre.id.name))
                    .find_map(|n| Modele::parse(n))
            })
            .unwrap_or(Modele::Redressement2025)
    }
}
