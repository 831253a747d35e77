//! Documents as Markdown (CommonMark with GFM tables). Plain text from a
//! contract is escaped with [`md_inline`]; user Markdown (`texte` blocks,
//! literate prose) is kept as written, with raw HTML and unsafe links
//! neutralised by [`md_sanitise`].

use super::contrat::{Annexe, Document, Partie};
use super::escape::{md_inline, md_sanitise};
use super::layout::Part;
use super::{Bloc, Cellule, Tableau};
use std::fmt::Write as _;

/// Every part in order.
pub fn render(documents: &[Document], parts: &[Part]) -> String {
    let mut out = String::new();
    for part in parts {
        match part {
            Part::Prose(p) => {
                out.push_str(&md_sanitise(p.trim_start_matches(['\n', '\r'])));
                ensure_blank_line(&mut out);
            }
            Part::Titre { document, complet } => {
                if *document > 0 {
                    out.push_str("* * *\n\n");
                }
                if let Some(doc) = documents.get(*document).filter(|_| *complet) {
                    titre(&mut out, doc);
                }
            }
            Part::Parties(d) => {
                if let Some(doc) = documents.get(*d) {
                    parties(&mut out, doc);
                }
            }
            Part::Article(d, a) => {
                if let Some(article) = documents.get(*d).and_then(|doc| doc.articles.get(*a)) {
                    if let Some(p) = &article.partie {
                        let _ = writeln!(out, "## {}\n", md_inline(p));
                    }
                    let _ = writeln!(
                        out,
                        "## Article {} – {}\n",
                        a + 1,
                        md_inline(&article.titre)
                    );
                    out.push_str(&blocs(&article.blocs));
                }
            }
            Part::Signature { document, fait_le } => {
                if let Some(doc) = documents.get(*document) {
                    signature(&mut out, doc, *fait_le);
                }
            }
            Part::Annexes(d) => {
                let annexes = documents.get(*d).map_or(&[][..], |doc| &doc.annexes[..]);
                for (i, annexe) in annexes.iter().enumerate() {
                    annexe_md(&mut out, annexe, annexe_titre(annexes.len(), i));
                }
            }
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn ensure_blank_line(out: &mut String) {
    if !out.ends_with('\n') {
        out.push('\n');
    }
    if !out.ends_with("\n\n") {
        out.push('\n');
    }
}

fn titre(out: &mut String, doc: &Document) {
    let _ = writeln!(out, "# {}\n", md_inline(&doc.titre));
    let mut lines = Vec::new();
    if let Some(s) = &doc.sous_titre {
        lines.push(format!("*{}*", md_inline(s)));
    }
    let mut second = Vec::new();
    if let Some(p) = &doc.periode {
        second.push(md_inline(p));
    }
    second.push(format!("référence `{}`", doc.id));
    lines.push(second.join(" — "));
    let _ = writeln!(out, "{}\n", lines.join("\\\n"));
}

fn partie(out: &mut String, p: &Partie) {
    let mut lines = vec![format!("**{}**", md_inline(&p.nom))];
    lines.extend(p.details.iter().map(|d| md_inline(d)));
    lines.push(md_inline(&p.designation));
    let _ = writeln!(out, "{},\n", lines.join("\\\n"));
}

fn parties(out: &mut String, doc: &Document) {
    out.push_str("Entre\n\n");
    partie(out, &doc.ars);
    out.push_str("d'une part,\n\net\n\n");
    partie(out, &doc.etablissement);
    for c in &doc.cosignataires {
        out.push_str("et\n\n");
        partie(out, c);
    }
    out.push_str("d'autre part.\n\n");
    for v in &doc.vu {
        let _ = writeln!(out, "{} ;\\", md_inline(v));
    }
    if !doc.vu.is_empty() {
        // The last « Vu » line ends the paragraph, without a hard break.
        out.truncate(out.len().saturating_sub(2));
        out.push_str("\n\n");
    }
    if !doc.preambule.is_empty() {
        out.push_str("## Préambule\n\n");
        for t in &doc.preambule {
            out.push_str(&md_sanitise(t));
            ensure_blank_line(out);
        }
    }
    let _ = writeln!(out, "{}\n", md_inline(&doc.convenu));
}

/// Blocks of an article or a report section.
pub fn blocs(blocs: &[Bloc]) -> String {
    let mut out = String::new();
    for bloc in blocs {
        match bloc {
            Bloc::Paragraphe(p) => {
                let _ = writeln!(out, "{}\n", md_inline(p));
            }
            Bloc::Markdown(m) => {
                out.push_str(&md_sanitise(m));
                ensure_blank_line(&mut out);
            }
            Bloc::Liste(items) => {
                for i in items {
                    let _ = writeln!(out, "- {}", md_inline(i));
                }
                out.push('\n');
            }
            Bloc::Tableau(t) => {
                out.push_str(&tableau(t));
                out.push('\n');
            }
            Bloc::Intertitre(level, t) => {
                let hashes = if *level <= 1 { "###" } else { "####" };
                let _ = writeln!(out, "{hashes} {}\n", md_inline(t));
            }
            Bloc::Mention(m) => {
                let _ = writeln!(out, "*{}*\n", md_inline(m));
            }
        }
    }
    out
}

fn cellule(c: &Cellule, numerique: bool) -> String {
    match &c.detail {
        None => md_inline(&c.texte),
        Some(d) if numerique => format!("{} ({})", md_inline(&c.texte), md_inline(d)),
        Some(d) => format!("{} — *{}*", md_inline(&c.texte), md_inline(d)),
    }
}

/// A GFM table; numeric columns are right-aligned, the total row is bold.
pub fn tableau(t: &Tableau) -> String {
    let mut out = String::new();
    let heads: Vec<String> = t.colonnes.iter().map(|c| md_inline(&c.titre)).collect();
    let _ = writeln!(out, "| {} |", heads.join(" | "));
    let aligns: Vec<&str> = t
        .colonnes
        .iter()
        .map(|c| if c.numerique { "---:" } else { "---" })
        .collect();
    let _ = writeln!(out, "|{}|", aligns.join("|"));
    let numeric = |i: usize| t.colonnes.get(i).is_some_and(|c| c.numerique);
    for row in &t.lignes {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(i, c)| cellule(c, numeric(i)))
            .collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    if let Some(total) = &t.total {
        let cells: Vec<String> = total
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let text = cellule(c, numeric(i));
                if text.is_empty() {
                    text
                } else {
                    format!("**{text}**")
                }
            })
            .collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out
}

fn signature(out: &mut String, doc: &Document, fait_le: bool) {
    out.push_str("## Signatures\n\n");
    if fait_le {
        let _ = writeln!(out, "{}\n", md_inline(&doc.signature.fait_le));
    }
    let signataires = &doc.signature.signataires;
    let row = |f: &dyn Fn(&super::contrat::Signataire) -> &str| {
        let cells: Vec<String> = signataires.iter().map(|s| md_inline(f(s))).collect();
        format!("| {} |\n", cells.join(" | "))
    };
    out.push_str(&row(&|s| &s.pour));
    out.push_str(&format!("|{}|\n", vec!["---"; signataires.len()].join("|")));
    out.push_str(&row(&|s| &s.nom));
    out.push_str(&row(&|s| &s.qualite));
    out.push('\n');
}

/// `Annexe` alone, or `Annexe 2` when there are several.
pub fn annexe_titre(total: usize, i: usize) -> String {
    if total > 1 {
        format!("Annexe {}", i + 1)
    } else {
        "Annexe".to_string()
    }
}

fn annexe_md(out: &mut String, annexe: &Annexe, nom: String) {
    let _ = writeln!(out, "## {nom} – {}\n", md_inline(&annexe.titre));
    out.push_str(&blocs(&annexe.blocs));
}
