//! **Semantic diff.** Two versions of a set of contracts (the AST of the
//! checked model: `Program::contrats`, or the parsed files) → the list of
//! [`Change`]s between them, in the order of spec §4.
//!
//! Contracts are paired by ID; inside a contract, facts are paired by their
//! key (objective ID, target year, aid year, condition ID, action label…),
//! values are compared by meaning (`800 k€` = `800 000 €`, `≥` = `>=`,
//! text blocks by paragraph, whitespace-insensitive). Reordering or
//! reformatting alone is therefore no change. An objective removed while
//! another one is added on the same indicator is a renaming. No codes.
//!
//! `render.rs` writes the changes as text, Markdown or JSON;
//! `avenant.rs` turns them into the amendment document.

pub mod avenant;
mod contrat;
mod objectifs;
pub mod render;
pub mod revue;
pub mod suivi;
mod texte;

use crate::ast::Contrat;
use serde::Serialize;

/// One change between two versions of a contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The contract's ID.
    pub contrat: String,
    /// Where: `objectif.marge.cible.2027`, `aide.2027`, `période`…
    pub chemin: String,
    /// The old value as written (`None` when added).
    pub avant: Option<String>,
    /// The new value (`None` when removed).
    #[serde(rename = "après")]
    pub apres: Option<String>,
    /// A French sentence: « cible 2027 de marge : >= 5 % → >= 5,5 % ».
    pub description: String,
    /// What changed, in words (`cible 2027 de marge`).
    #[serde(skip)]
    pub libelle: String,
    /// The part of the contract it belongs to (an avenant article).
    #[serde(skip)]
    pub section: Section,
    /// The change in the wording of an amendment.
    #[serde(skip)]
    pub acte: String,
}

impl Change {
    /// `+` added, `-` removed, `~` modified.
    pub fn marker(&self) -> char {
        match (&self.avant, &self.apres) {
            (None, _) => '+',
            (_, None) => '-',
            _ => '~',
        }
    }
}

/// The parts of a contract, in the order of spec §4 (one avenant article
/// each).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Section {
    /// A whole contract added or removed.
    #[default]
    Contrat,
    /// intitulé, cadre, ars.
    General,
    Etablissement,
    /// signé le, période, dialogue.
    Duree,
    /// The `avenant` history lines.
    Historique,
    Preambule,
    Aide,
    Reference,
    /// An objective: its ID and label.
    Objectif(String, String),
    Conditions,
    Modulation,
}

/// Every change from `old` to `new`: contracts of `new` in order, then the
/// contracts that `new` no longer has.
pub fn diff(old: &[Contrat], new: &[Contrat]) -> Vec<Change> {
    let mut out = Vec::new();
    for n in new {
        match old.iter().find(|o| o.id.name == n.id.name) {
            Some(o) => out.extend(diff_contrat(o, n)),
            None => out.push(contrat_entier(n, false)),
        }
    }
    for o in old {
        if !new.iter().any(|n| n.id.name == o.id.name) {
            out.push(contrat_entier(o, true));
        }
    }
    out
}

/// The changes between two versions of one contract.
pub fn diff_contrat(old: &Contrat, new: &Contrat) -> Vec<Change> {
    let mut d = Differ {
        contrat: new.id.name.clone(),
        out: Vec::new(),
    };
    contrat::general(&mut d, old, new);
    contrat::aides(&mut d, &old.aides, &new.aides);
    contrat::references(&mut d, &old.references, &new.references);
    objectifs::objectifs(&mut d, &old.objectifs, &new.objectifs);
    objectifs::conditions(&mut d, &old.conditions, &new.conditions);
    contrat::modulation(&mut d, old.modulation.as_ref(), new.modulation.as_ref());
    suivi::fiches(&mut d, old, new);
    suivi::previsions(&mut d, old, new);
    d.out
}

fn contrat_entier(c: &Contrat, removed: bool) -> Change {
    let titre = c
        .intitule
        .as_ref()
        .map_or(c.id.name.clone(), |t| t.value.clone());
    let (avant, apres, verbe) = if removed {
        (Some(titre.clone()), None, "supprimé")
    } else {
        (None, Some(titre.clone()), "ajouté")
    };
    Change {
        contrat: c.id.name.clone(),
        chemin: "contrat".into(),
        avant,
        apres,
        description: format!("contrat {verbe} : {} (« {titre} »)", c.id.name),
        libelle: format!("contrat {}", c.id.name),
        section: Section::Contrat,
        acte: format!("Le contrat « {titre} » est {verbe}."),
    }
}

/// Collects the changes of one contract.
pub(crate) struct Differ {
    pub contrat: String,
    pub out: Vec<Change>,
}

impl Differ {
    /// An optional value that may be added, removed or changed, compared by
    /// its text (callers pass canonical or normalised text).
    pub fn field(
        &mut self,
        section: Section,
        chemin: &str,
        libelle: &str,
        old: Option<String>,
        new: Option<String>,
    ) {
        if old == new {
            return;
        }
        let (description, acte) = match (&old, &new) {
            (Some(a), Some(b)) => (
                format!("{libelle} : {a} → {b}"),
                format!(
                    "{} : « {a} » est remplacé par « {b} ».",
                    capitalise(libelle)
                ),
            ),
            (None, Some(b)) => (
                format!("{libelle} : ajout ({b})"),
                format!("{} : « {b} » est ajouté.", capitalise(libelle)),
            ),
            (Some(a), None) => (
                format!("{libelle} : suppression (était {a})"),
                format!("{} : « {a} » est supprimé.", capitalise(libelle)),
            ),
            (None, None) => return,
        };
        self.push(section, chemin, libelle, old, new, description, acte);
    }

    #[allow(clippy::too_many_arguments)]
    pub fn push(
        &mut self,
        section: Section,
        chemin: &str,
        libelle: &str,
        avant: Option<String>,
        apres: Option<String>,
        description: String,
        acte: String,
    ) {
        self.out.push(Change {
            contrat: self.contrat.clone(),
            chemin: chemin.to_string(),
            avant,
            apres,
            description,
            libelle: libelle.to_string(),
            section,
            acte,
        });
    }
}

/// The first letter in upper case.
pub fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests;
