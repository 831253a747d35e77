//! Documents as self-contained HTML: one page, the style sheet inline, no
//! script, font or image fetched. [`Page`], [`table`] and [`blocs`] are the
//! shell and helpers the annual review and the regional dashboard reuse.
//! Every piece of text goes through [`Html::text`] (or [`nombres`]), every
//! piece of user Markdown through [`Html::markdown`].

use super::contrat::{Annexe, Article, Document, Partie};
use super::escape::{el, element, open, Html};
use super::layout::Part;
use super::style::CSS;
use super::{Bloc, Cellule, Colonne, Tableau};

/// An HTML page: a title and sheets, each printed from a new page.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub title: String,
    pub sections: Vec<Html>,
}

impl Page {
    /// The whole document, `<!DOCTYPE html>` to `</html>`.
    pub fn render(&self) -> String {
        let mut out = String::from("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        out.push_str(&format!(
            "<meta name=\"generator\" content=\"pacte {}\">\n",
            env!("CARGO_PKG_VERSION")
        ));
        out.push_str(el("title", &[], &self.title).as_str());
        out.push_str("\n<style>");
        out.push_str(CSS);
        out.push_str("</style>\n</head>\n<body>\n");
        for section in &self.sections {
            // `<section class="feuille">…</section>`, without copying the sheet.
            out.push_str(open("section", &[("class", "feuille")]).as_str());
            out.push_str(section.as_str());
            out.push_str("</section>");
        }
        out.push_str("\n</body>\n</html>\n");
        out
    }
}

/// Text for display: French typography, and numbers kept on one line
/// (`1 500 000 €`, `4,2 %`).
pub fn texte(text: &str) -> Html {
    nombres(&super::texte::typographie(text))
}

/// Text with its numbers kept on one line (`1 500 000 €`, `4,2 %`).
pub fn nombres(text: &str) -> Html {
    let mut out = Html::new();
    let mut plain_start = 0;
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        let starts_number = bytes.get(i).is_some_and(u8::is_ascii_digit)
            && (i == 0 || !bytes.get(i - 1).is_some_and(u8::is_ascii_alphanumeric));
        if starts_number {
            let end = number_end(text, i);
            // A minus sign (`-` or `−`) stays with its number.
            let signed = i > 0
                && bytes.get(i - 1) == Some(&b'-')
                && (i == 1 || !bytes.get(i - 2).is_some_and(u8::is_ascii_alphanumeric));
            let moins = '\u{2212}'.len_utf8();
            let typographic = text.get(..i).is_some_and(|head| {
                head.strip_suffix('\u{2212}')
                    .is_some_and(|h| !h.chars().last().is_some_and(char::is_alphanumeric))
            });
            let from = if signed {
                i - 1
            } else if typographic {
                i - moins
            } else {
                i
            };
            if text.get(i..end).is_some_and(|n| n.contains(' ')) && from >= plain_start {
                out.push_text(text.get(plain_start..from).unwrap_or(""));
                out.push(el(
                    "span",
                    &[("class", "nw")],
                    text.get(from..end).unwrap_or(""),
                ));
                plain_start = end;
            }
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    out.push_text(text.get(plain_start..).unwrap_or(""));
    out
}

/// The end of a French number starting at `start`: digit groups, decimals,
/// and a unit after one space.
fn number_end(text: &str, start: usize) -> usize {
    let digits = |from: usize| {
        text.get(from..)
            .map_or(0, |s| s.bytes().take_while(u8::is_ascii_digit).count())
    };
    let mut i = start + digits(start);
    loop {
        let group = text.get(i..).is_some_and(|s| s.starts_with(' ')) && digits(i + 1) == 3;
        if !group {
            break;
        }
        i += 4;
    }
    if text.get(i..).is_some_and(|s| s.starts_with(',')) && digits(i + 1) > 0 {
        i += 1 + digits(i + 1);
    }
    for unit in [" k€", " M€", " €", " %", " pt", " j"] {
        if let Some(rest) = text.get(i..).and_then(|s| s.strip_prefix(unit)) {
            if !rest.chars().next().is_some_and(char::is_alphanumeric) {
                return i + unit.len();
            }
        }
    }
    i
}

/// An element holding display text.
fn txt(tag: &'static str, attrs: &[(&'static str, &str)], text: &str) -> Html {
    element(tag, attrs, texte(text))
}

fn cellule(c: &Cellule) -> Html {
    let mut content = texte(&c.texte);
    if let Some(d) = &c.detail {
        content.push(element("span", &[("class", "detail")], texte(d)));
    }
    content
}

/// A table with a header, its rows and a total row.
pub fn table(t: &Tableau) -> Html {
    let lignes: Vec<Vec<Html>> = t
        .lignes
        .iter()
        .map(|r| r.iter().map(cellule).collect())
        .collect();
    let total: Option<Vec<Html>> = t.total.as_ref().map(|r| r.iter().map(cellule).collect());
    grille(&t.colonnes, &lignes, total.as_deref())
}

/// A second, smaller line in a cell (an objective's indicator under its
/// title).
pub fn detail(text: &str) -> Html {
    element("span", &[("class", "detail")], texte(text))
}

/// A table of HTML cells (badges, details…): numeric columns are
/// right-aligned, the header row repeats on every printed page, a short
/// table (12 rows or fewer) is kept on one page.
pub fn grille(colonnes: &[Colonne], lignes: &[Vec<Html>], total: Option<&[Html]>) -> Html {
    let numeric = |i: usize| colonnes.get(i).is_some_and(|c| c.numerique);
    let head = Html::concat(colonnes.iter().map(|c| {
        let attrs: &[(&'static str, &str)] = if c.numerique {
            &[("class", "num"), ("scope", "col")]
        } else {
            &[("scope", "col")]
        };
        txt("th", attrs, &c.titre)
    }));
    let row = |cells: &[Html]| {
        element(
            "tr",
            &[],
            Html::concat(cells.iter().enumerate().map(|(i, c)| {
                let attrs: &[(&'static str, &str)] =
                    if numeric(i) { &[("class", "num")] } else { &[] };
                element("td", attrs, c.clone())
            })),
        )
    };
    let mut out = element("thead", &[], element("tr", &[], head));
    out.push(element(
        "tbody",
        &[],
        Html::concat(lignes.iter().map(|r| row(r))),
    ));
    if let Some(total) = total {
        out.push(element("tfoot", &[], row(total)));
    }
    // A short table is kept on one page.
    // Tables of one label and figures share their column widths.
    let grille = colonnes.len() >= 4
        && colonnes.first().is_some_and(|c| !c.numerique)
        && colonnes.iter().skip(1).all(|c| c.numerique);
    let class = match (lignes.len() <= 12, grille) {
        (true, true) => "court grille",
        (true, false) => "court",
        (false, true) => "grille",
        (false, false) => "",
    };
    let attrs: &[(&'static str, &str)] = if class.is_empty() {
        &[]
    } else {
        &[("class", class)]
    };
    element("table", attrs, out)
}

/// A chart with its caption, kept on one page.
pub fn figure(svg: Html, legende: &str) -> Html {
    let mut content = svg;
    content.push(txt("figcaption", &[], legende));
    element("figure", &[], content)
}

/// A collapsible block (the derivation of a number): closed on screen,
/// its summary always visible.
pub fn details(resume: &str, contenu: Html) -> Html {
    let mut content = txt("summary", &[], resume);
    content.push(contenu);
    element("details", &[], content)
}

/// A rough height of blocks, in lines of text, to keep short articles on
/// one page.
fn hauteur(blocs: &[Bloc]) -> usize {
    blocs
        .iter()
        .map(|b| match b {
            Bloc::Paragraphe(p) | Bloc::Mention(p) => p.chars().count() / 95 + 2,
            Bloc::Markdown(m) => m.lines().count() + 2,
            Bloc::Liste(items) => {
                items
                    .iter()
                    .map(|i| i.chars().count() / 90 + 1)
                    .sum::<usize>()
                    + 1
            }
            Bloc::Tableau(t) => 2 * (t.lignes.len() + 2),
            Bloc::Intertitre(..) => 3,
        })
        .sum()
}

/// Blocks of an article or a report section; user Markdown headings start
/// at `<h5>`, below the document's own.
pub fn blocs(blocs: &[Bloc]) -> Html {
    Html::concat(blocs.iter().map(|b| match b {
        Bloc::Paragraphe(p) => element("p", &[], texte(p)),
        Bloc::Markdown(m) => element("div", &[("class", "texte")], Html::markdown(m, 5)),
        Bloc::Liste(items) => element(
            "ul",
            &[],
            Html::concat(items.iter().map(|i| element("li", &[], texte(i)))),
        ),
        Bloc::Tableau(t) => table(t),
        Bloc::Intertitre(level, t) => {
            if *level <= 1 {
                txt("h3", &[], t)
            } else {
                txt("h4", &[], t)
            }
        }
        Bloc::Mention(m) => element("p", &[("class", "mention")], texte(m)),
    }))
}

/// The contracts of a file as one page, one sheet per contract. The last
/// article and the signatures are kept on one page: a signature never
/// stands alone.
pub fn render_contracts(documents: &[Document], parts: &[Part]) -> String {
    let mut sections: Vec<Html> = Vec::new();
    let mut current = Html::new();
    let mut started: Option<usize> = None;
    let mut ending: Option<Html> = None;
    for part in parts {
        let starts = match part {
            Part::Titre { document: d, .. } | Part::Parties(d) => Some(*d),
            _ => None,
        };
        if let Some(d) = starts {
            if started.is_some_and(|s| s != d) && !current.is_empty() {
                sections.push(std::mem::take(&mut current));
            }
            started = Some(d);
        }
        let html = part_html(documents, part);
        let last_article = matches!(part, Part::Article(d, a)
            if documents.get(*d).is_some_and(|doc| *a + 1 == doc.articles.len()));
        match (&mut ending, part) {
            (None, _) if last_article => ending = Some(html),
            (Some(end), Part::Signature { .. }) => {
                end.push(html);
                current.push(element(
                    "div",
                    &[("class", "insecable")],
                    std::mem::take(end),
                ));
                ending = None;
            }
            (Some(end), _) => {
                end.push(html);
            }
            (None, _) => {
                current.push(html);
            }
        }
    }
    if let Some(end) = ending {
        current.push(end);
    }
    if !current.is_empty() {
        sections.push(current);
    }
    let title = documents
        .iter()
        .map(|d| d.titre.as_str())
        .collect::<Vec<_>>()
        .join(" ; ");
    Page { title, sections }.render()
}

fn part_html(documents: &[Document], part: &Part) -> Html {
    let doc = |d: &usize| documents.get(*d);
    match part {
        Part::Prose(p) => element("div", &[("class", "prose")], Html::markdown(p, 1)),
        Part::Titre { document, complet } => doc(document)
            .map(|x| titre(x, *complet))
            .unwrap_or_default(),
        Part::Parties(d) => doc(d).map(parties).unwrap_or_default(),
        Part::Article(d, a) => doc(d)
            .and_then(|x| x.articles.get(*a).map(|art| (x, art)))
            .map(|(x, art)| {
                // « Il est convenu ce qui suit » opens the first article,
                // so that it is never left alone at the foot of a page.
                let convenu = (*a == 0).then(|| convenu(x));
                article(art, *a + 1, convenu)
            })
            .unwrap_or_default(),
        Part::Signature { document, fait_le } => doc(document)
            .map(|x| signature(x, *fait_le))
            .unwrap_or_default(),
        Part::Annexes(d) => Html::concat(
            doc(d)
                .map_or(&[][..], |x| &x.annexes[..])
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let total = doc(d).map_or(0, |x| x.annexes.len());
                    annexe(a, super::markdown::annexe_titre(total, i))
                }),
        ),
    }
}

/// The letterhead, then (unless the literate prose has its own title) the
/// title, the framework and the period.
fn titre(doc: &Document, complet: bool) -> Html {
    let mut out = element(
        "header",
        &[("class", "entete")],
        Html::concat([
            txt("span", &[("class", "emetteur")], &doc.ars.nom),
            txt(
                "span",
                &[("class", "reference")],
                &format!("Référence : {}", doc.id),
            ),
        ]),
    );
    if !complet {
        return out;
    }
    out.push(txt("h1", &[], &doc.titre));
    if let Some(s) = &doc.sous_titre {
        out.push(txt("p", &[("class", "sous-titre")], s));
    }
    if let Some(p) = &doc.periode {
        out.push(txt("p", &[("class", "periode")], p));
    }
    out
}

fn partie(p: &Partie) -> Html {
    let mut content = txt("strong", &[], &p.nom);
    for d in &p.details {
        content.push_markup("<br>").push(texte(d));
    }
    content
        .push_markup("<br>")
        .push(texte(&p.designation))
        .push_markup(",");
    element("p", &[("class", "partie")], content)
}

fn parties(doc: &Document) -> Html {
    let mut out = element(
        "div",
        &[("class", "parties")],
        Html::concat([
            txt("p", &[("class", "lien")], "Entre"),
            partie(&doc.ars),
            txt("p", &[("class", "lien")], "d'une part,"),
            txt("p", &[("class", "lien")], "et"),
            partie(&doc.etablissement),
            Html::concat(doc.cosignataires.iter().map(|c| {
                let mut out = txt("p", &[("class", "lien")], "et");
                out.push(partie(c));
                out
            })),
            txt("p", &[("class", "lien")], "d'autre part."),
        ]),
    );
    if !doc.vu.is_empty() {
        out.push(element(
            "div",
            &[("class", "vu")],
            Html::concat(doc.vu.iter().map(|v| txt("p", &[], &format!("{v} ;")))),
        ));
    }
    if !doc.preambule.is_empty() {
        let mut pre = txt("h2", &[], "Préambule");
        for t in &doc.preambule {
            pre.push(element("div", &[("class", "texte")], Html::markdown(t, 5)));
        }
        out.push(element("section", &[("class", "preambule")], pre));
    }
    out
}

/// « Il est convenu ce qui suit », kept on the page of what follows it.
fn convenu(doc: &Document) -> Html {
    txt("p", &[("class", "convenu")], &doc.convenu)
}

fn article(article: &Article, numero: usize, convenu: Option<Html>) -> Html {
    let id = format!("article-{numero}");
    let mut title = txt("span", &[("class", "numero")], &format!("Article {numero}"));
    title.push(texte(&format!(" – {}", article.titre)));
    let mut content = convenu.unwrap_or_default();
    // A group heading (« Titre 1. L'objet du contrat ») stays with its
    // first article.
    if let Some(p) = &article.partie {
        content.push(txt("h2", &[("class", "partie-titre")], p));
    }
    content.push(element("h2", &[], title));
    content.push(blocs(&article.blocs));
    let class = if hauteur(&article.blocs) <= 30 {
        "article insecable"
    } else {
        "article"
    };
    element("section", &[("class", class), ("id", &id)], content)
}

fn signature(doc: &Document, fait_le: bool) -> Html {
    let mut out = txt("h2", &[], "Signatures");
    if fait_le {
        out.push(txt("p", &[], &doc.signature.fait_le));
    }
    let class = if doc.signature.signataires.len() > 2 {
        "signatures trois"
    } else {
        "signatures"
    };
    let boxes = Html::concat(doc.signature.signataires.iter().map(|s| {
        element(
            "div",
            &[("class", "signataire")],
            Html::concat([
                txt("p", &[("class", "pour")], &s.pour),
                txt("p", &[("class", "nom")], &s.nom),
                txt("p", &[("class", "qualite")], &s.qualite),
            ]),
        )
    }));
    out.push(element("div", &[("class", class)], boxes));
    element("section", &[("class", "signature")], out)
}

fn annexe(a: &Annexe, nom: String) -> Html {
    let mut content = txt("h2", &[], &format!("{nom} – {}", a.titre));
    content.push(blocs(&a.blocs));
    element("section", &[("class", "annexe")], content)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_stay_on_one_line() {
        assert_eq!(
            nombres("une aide de 1 500 000 € et 4,2 % en 2026").as_str(),
            "une aide de <span class=\"nw\">1 500 000 €</span> et <span class=\"nw\">4,2 %</span> en 2026"
        );
        assert_eq!(
            nombres("<b>28 j</b>").as_str(),
            "&lt;b&gt;<span class=\"nw\">28 j</span>&lt;/b&gt;"
        );
        assert_eq!(
            nombres("écarté \u{2212}400 000 €").as_str(),
            "écarté <span class=\"nw\">\u{2212}400 000 €</span>"
        );
        assert_eq!(
            nombres("2026 : 800 000 €").as_str(),
            "<span class=\"nw\">2026</span> : <span class=\"nw\">800 000 €</span>"
                .replace("<span class=\"nw\">2026</span>", "2026")
        );
        assert_eq!(nombres("A4 10 jours").as_str(), "A4 10 jours");
        assert_eq!(
            nombres("(-28 190 415 €)").as_str(),
            "(<span class=\"nw\">-28 190 415 €</span>)"
        );
    }

    #[test]
    fn figures_and_details() {
        let f = figure(Html::markup("<svg></svg>"), "Marge <brute>");
        assert_eq!(
            f.as_str(),
            "<figure><svg></svg><figcaption>Marge &lt;brute&gt;</figcaption></figure>"
        );
        let d = details("Calcul : 4,2 %", Html::text("a < b"));
        assert_eq!(
            d.as_str(),
            "<details><summary>Calcul\u{a0}: <span class=\"nw\">4,2 %</span></summary>a &lt; b</details>"
        );
    }

    #[test]
    fn page_is_self_contained() {
        let page = Page {
            title: "<x>".into(),
            sections: vec![Html::text("a"), Html::text("b")],
        }
        .render();
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.contains("<title>&lt;x&gt;</title>"));
        assert_eq!(page.matches("<section class=\"feuille\">").count(), 2);
        assert!(!page.contains("<script"));
        assert!(!page.contains("<link"));
    }
}
