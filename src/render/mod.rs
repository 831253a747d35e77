//! Documents (spec §9 `pacte render`): the contract as a document, in
//! Markdown and in self-contained HTML. The only place HTML is produced;
//! everything goes through [`escape`].
//!
//! Input: a checked [`Program`] and its contracts (plus, for a literate
//! `*.pacte.md`, the file's text for its prose). Output: text. Pure: the
//! command line reads and writes the files.
//!
//! - [`contrat`] builds a [`Document`] (plain data: parties, « Vu »,
//!   articles of blocks and tables) after the framework's [`modele`]: the
//!   2025 contract (`redressement`), the model CPOM (`cpom`), the CREF type
//!   (`cref`), the contrat performance (`performance`);
//! - [`markdown`] and [`html`] print it; [`html::Page`], [`html::table`],
//!   [`style::badge`] and [`svg`] are shared with the annual review and the
//!   regional dashboard;
//! - [`layout`] places a literate file's prose around the articles.

pub mod contrat;
mod cpom;
mod cref;
pub mod escape;
pub mod html;
pub mod layout;
pub mod markdown;
mod modalites;
pub mod modele;
mod objectifs;
mod performance;
mod redressement;
pub mod style;
pub mod svg;
pub mod texte;

use crate::model::Program;
pub use contrat::Document;

/// The output format of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Md,
    Html,
}

/// A table: column headings, rows of cells, an optional total row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tableau {
    pub colonnes: Vec<Colonne>,
    pub lignes: Vec<Vec<Cellule>>,
    pub total: Option<Vec<Cellule>>,
}

/// A column heading; numeric columns are right-aligned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Colonne {
    pub titre: String,
    pub numerique: bool,
}

impl Colonne {
    pub fn texte(titre: impl Into<String>) -> Colonne {
        Colonne {
            titre: titre.into(),
            numerique: false,
        }
    }

    pub fn nombre(titre: impl Into<String>) -> Colonne {
        Colonne {
            titre: titre.into(),
            numerique: true,
        }
    }
}

/// A cell: its text and an optional second, smaller line (an objective's
/// indicator under its title).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cellule {
    pub texte: String,
    pub detail: Option<String>,
}

impl Cellule {
    pub fn new(texte: impl Into<String>) -> Cellule {
        Cellule {
            texte: texte.into(),
            detail: None,
        }
    }

    pub fn avec_detail(texte: impl Into<String>, detail: impl Into<String>) -> Cellule {
        Cellule {
            texte: texte.into(),
            detail: Some(detail.into()),
        }
    }
}

impl From<String> for Cellule {
    fn from(s: String) -> Cellule {
        Cellule::new(s)
    }
}

impl From<&str> for Cellule {
    fn from(s: &str) -> Cellule {
        Cellule::new(s)
    }
}

/// A block of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bloc {
    /// A paragraph of plain text.
    Paragraphe(String),
    /// Markdown written by the user (`texte """…"""`), rendered in place.
    Markdown(String),
    /// A bulleted list of plain text.
    Liste(Vec<String>),
    Tableau(Tableau),
    /// A heading inside an article: level 1 (« 4.1 Chirurgie ambulatoire »)
    /// or 2 (an objective's sheet).
    Intertitre(u8, String),
    /// Small print: a citation, a caveat.
    Mention(String),
}

/// Renders every contract of a file, in file order. `literate` is the text
/// of a `*.pacte.md` file: its prose is placed around the articles.
pub fn render(
    program: &Program,
    contrats: &[&crate::ast::Contrat],
    literate: Option<&str>,
    format: Format,
) -> String {
    let documents: Vec<Document> = contrats
        .iter()
        .map(|c| contrat::document(program, c))
        .collect();
    let parts = layout::layout(&documents, literate);
    match format {
        Format::Md => markdown::render(&documents, &parts),
        Format::Html => html::render_contracts(&documents, &parts),
    }
}
