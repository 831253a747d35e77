//! The order of a document's parts. A plain contract reads title, parties,
//! articles, signatures, annexes. A literate contract (`*.pacte.md`, spec
//! §3) keeps its prose in place: each generated part goes where the code it
//! comes from is written (the parties at the `contrat` line, the aid
//! article at the `aide` block…), articles never going backwards, and the
//! signatures after the prose that follows the contract.

use super::Document;
use crate::literate::{segments, Segment};

/// One part of the output, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Literate prose (Markdown, as written).
    Prose(String),
    /// Document `d`'s letterhead and, when `complet`, its title block
    /// (a literate file with its own `#` title keeps only the letterhead).
    Titre {
        document: usize,
        complet: bool,
    },
    /// Parties, « Vu », preamble, « Il est convenu ce qui suit ».
    Parties(usize),
    /// Document `d`'s article `a` (its number is `a + 1`).
    Article(usize, usize),
    /// The signatures; `fait_le` is false when the prose already dates
    /// the contract (« Fait à Rouen, le… »).
    Signature {
        document: usize,
        fait_le: bool,
    },
    Annexes(usize),
}

/// The parts of every document, with the literate file's prose if any.
pub fn layout(documents: &[Document], literate: Option<&str>) -> Vec<Part> {
    match literate {
        None => documents
            .iter()
            .enumerate()
            .flat_map(|(d, doc)| plain(d, doc))
            .collect(),
        Some(markdown) => literate_layout(documents, markdown),
    }
}

fn plain(d: usize, doc: &Document) -> Vec<Part> {
    let mut parts = vec![
        Part::Titre {
            document: d,
            complet: true,
        },
        Part::Parties(d),
    ];
    parts.extend((0..doc.articles.len()).map(|a| Part::Article(d, a)));
    parts.push(Part::Signature {
        document: d,
        fait_le: true,
    });
    parts.push(Part::Annexes(d));
    parts
}

fn literate_layout(documents: &[Document], markdown: &str) -> Vec<Part> {
    let segs = segments(markdown);
    let end = segs.len();
    // The segment holding a byte offset (the last code segment before it
    // when it falls outside every block).
    let index_of = |offset: usize| -> usize {
        let mut found = 0;
        for (i, s) in segs.iter().enumerate() {
            if let Segment::Code(r) = s {
                if r.start <= offset {
                    found = i;
                }
            }
        }
        found
    };
    let mut placed: Vec<(usize, Part)> = Vec::new();
    for (d, doc) in documents.iter().enumerate() {
        let start = index_of(doc.debut);
        let titled = segs
            .get(..start)
            .and_then(|before| before.iter().rev().find_map(prose))
            .is_some_and(has_h1);
        // The letterhead opens the page: before the prose that titles it.
        let at = if titled && d == 0 { 0 } else { start };
        placed.push((
            at,
            Part::Titre {
                document: d,
                complet: !titled,
            },
        ));
        placed.push((start, Part::Parties(d)));
        let mut at = start;
        for (a, article) in doc.articles.iter().enumerate() {
            if let Some(offset) = article.ancre {
                at = at.max(index_of(offset));
            }
            placed.push((at, Part::Article(d, a)));
        }
        let next = documents.get(d + 1).map_or(end, |n| index_of(n.debut));
        let dated = segs
            .get(start..next)
            .into_iter()
            .flatten()
            .filter_map(prose)
            .any(|p| p.lines().any(|l| l.trim_start().starts_with("Fait ")));
        placed.push((
            next,
            Part::Signature {
                document: d,
                fait_le: !dated,
            },
        ));
        placed.push((next, Part::Annexes(d)));
    }
    for (i, s) in segs.iter().enumerate() {
        if let Segment::Prose(p) = s {
            placed.push((i, Part::Prose(p.clone())));
        }
    }
    // Stable: within a segment index, insertion order is kept, and a prose
    // segment shares its index only with a letterhead, which goes first.
    placed.sort_by_key(|(i, p)| (*i, !matches!(p, Part::Titre { .. })));
    placed.into_iter().map(|(_, p)| p).collect()
}

fn prose(s: &Segment) -> Option<&str> {
    match s {
        Segment::Prose(p) => Some(p),
        Segment::Code(_) => None,
    }
}

/// Whether Markdown has a level-1 ATX heading.
fn has_h1(markdown: &str) -> bool {
    markdown
        .lines()
        .any(|l| l.starts_with("# ") || l.trim_end() == "#")
}
