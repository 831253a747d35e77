//! The amendment (avenant) turning one version of a contract into the next,
//! after the model CPOM (guide DGOS, annexe 1): parties, « Vu … » lines, one
//! article per part of the contract that changes (« L'article relatif à
//! l'aide est modifié comme suit : … »), the resulting aid schedule, the
//! unchanged clauses, signatures.
//!
//! [`build`] makes a plain-data [`Avenant`] from the two contracts and their
//! changes; [`document`] turns it into a `render::Document`, so that
//! `render/` prints it in Markdown or HTML with the letterhead, parties and
//! signatures of the contract's own document.

use super::{Change, Section};
use crate::ast::Contrat;
use crate::date::Date;
use crate::display;
use crate::render::contrat::{Article as RenderArticle, Document, Signature};
use crate::render::{Bloc, Cellule, Colonne, Format, Tableau};
use rust_decimal::Decimal;

/// The amendment document, ready to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Avenant {
    pub numero: String,
    pub date: Date,
    pub objet: String,
    pub contrat: String,
    pub intitule: String,
    pub ars: String,
    pub etablissement: String,
    pub finess: Option<String>,
    /// « Vu … » lines, without the « Vu ».
    pub visas: Vec<String>,
    pub articles: Vec<Article>,
    /// The aid schedule in force after the amendment (empty without aid).
    pub echeancier: Vec<LigneAide>,
}

/// One article: a title, an opening sentence, the changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub titre: String,
    pub introduction: String,
    pub points: Vec<String>,
    /// The part of the contract it changes (to name its article).
    pub section: Section,
}

/// A year of the resulting aid schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LigneAide {
    pub annee: i32,
    pub montant: Decimal,
    pub ferme: bool,
}

/// What the caller knows beyond the two contracts.
pub struct Contexte {
    pub numero: String,
    pub date: Date,
    pub objet: String,
}

/// The amendment from `old` to `new` given their changes (the history line
/// of this amendment already left out).
pub fn build(old: &Contrat, new: &Contrat, changes: &[Change], ctx: Contexte) -> Avenant {
    let text = |t: &Option<crate::ast::Text>| t.as_ref().map(|t| t.value.clone());
    let etab = new.etablissement.as_ref();
    Avenant {
        numero: ctx.numero,
        date: ctx.date,
        objet: ctx.objet,
        contrat: new.id.name.clone(),
        intitule: text(&new.intitule).unwrap_or_else(|| new.id.name.clone()),
        ars: text(&new.ars).unwrap_or_else(|| "l'agence régionale de santé".into()),
        etablissement: etab
            .and_then(|e| text(&e.raison_sociale))
            .unwrap_or_else(|| "l'établissement".into()),
        finess: etab.and_then(|e| text(&e.finess)),
        visas: visas(old),
        articles: articles(changes),
        echeancier: echeancier(new),
    }
}

/// The contract amended and the amendments already signed (the
/// framework's texts come from the contract's own document).
fn visas(old: &Contrat) -> Vec<String> {
    let mut out = Vec::new();
    let titre = old
        .intitule
        .as_ref()
        .map_or(old.id.name.clone(), |t| t.value.clone());
    out.push(match &old.signe {
        Some((d, _)) => format!("le contrat « {titre} » signé le {}", d.french()),
        None => format!("le contrat « {titre} »"),
    });
    for a in &old.avenants {
        out.push(format!(
            "l'avenant n° {} signé le {} (« {} »)",
            display::number(a.numero.value),
            a.signe.french(),
            a.objet.value
        ));
    }
    out
}

/// One article per part of the contract, in the order of spec §4.
fn articles(changes: &[Change]) -> Vec<Article> {
    let mut sections: Vec<&Section> = Vec::new();
    for c in changes {
        if !sections.contains(&&c.section) {
            sections.push(&c.section);
        }
    }
    sections.sort();
    sections
        .into_iter()
        .map(|s| {
            let of: Vec<&Change> = changes.iter().filter(|c| &c.section == s).collect();
            article(s, &of)
        })
        .collect()
}

fn article(section: &Section, changes: &[&Change]) -> Article {
    let points: Vec<String> = changes.iter().map(|c| signs(&c.acte)).collect();
    let (titre, relatif) = match section {
        Section::Contrat | Section::General => (
            "Dispositions générales".into(),
            "aux dispositions générales".into(),
        ),
        Section::Etablissement => ("Établissement".into(), "à l'établissement".into()),
        Section::Duree => (
            "Durée et calendrier".into(),
            "à la durée et au calendrier du contrat".into(),
        ),
        Section::Historique => (
            "Historique des avenants".into(),
            "à l'historique des avenants".into(),
        ),
        Section::Preambule => ("Préambule".into(), "au préambule".into()),
        Section::Aide => ("Aide financière".into(), "à l'aide financière".into()),
        Section::Reference => (
            "Situation de référence".into(),
            "à la situation de référence".into(),
        ),
        Section::Objectif(_, libelle) => (
            format!("Objectif « {libelle} »"),
            format!("à l'objectif « {libelle} »"),
        ),
        Section::Conditions => (
            "Conditions de versement".into(),
            "aux conditions de versement de l'aide".into(),
        ),
        Section::Modulation => (
            "Modulation de l'aide".into(),
            "à la modulation de l'aide".into(),
        ),
    };
    let whole = changes.len() == 1
        && changes.first().is_some_and(|c| {
            c.chemin.starts_with("objectif.") && c.chemin.matches('.').count() == 1
        });
    let introduction = if whole {
        "Le contrat est modifié comme suit :".to_string()
    } else {
        format!("L'article relatif {relatif} est modifié comme suit :")
    };
    Article {
        titre,
        introduction,
        points,
        section: section.clone(),
    }
}

/// `>=` and `<=` as the signs a document uses.
fn signs(s: &str) -> String {
    s.replace(">=", "≥").replace("<=", "≤")
}

fn echeancier(new: &Contrat) -> Vec<LigneAide> {
    let Some(aide) = new.aide() else {
        return Vec::new();
    };
    let mut lines: Vec<LigneAide> = aide
        .annees
        .iter()
        .map(|a| LigneAide {
            annee: a.annee.value,
            montant: a.montant.value,
            ferme: a.is_ferme(),
        })
        .collect();
    lines.sort_by_key(|l| l.annee);
    lines
}

/// The amendment as a document of `render/` (the same letterhead, parties
/// and signatures as the contract's own document, which `base` is: see
/// `render::contrat::document`), printed in Markdown or HTML by `render/`.
pub fn document(a: &Avenant, base: Document) -> Document {
    let mut vu = base.vu.clone();
    vu.extend(a.visas.iter().map(|v| format!("Vu {v}")));
    let mut articles: Vec<RenderArticle> =
        a.articles.iter().map(|x| article_doc(x, &base)).collect();
    if !a.echeancier.is_empty() {
        articles.push(schedule(&a.echeancier));
    }
    articles.push(RenderArticle {
        titre: "Autres dispositions".into(),
        blocs: vec![Bloc::Paragraphe(
            "Les autres dispositions du contrat demeurent inchangées. Le présent avenant prend effet à compter de sa signature."
                .into(),
        )],
        ancre: None,
        partie: None,
    });
    Document {
        id: a.contrat.clone(),
        titre: format!("Avenant n° {} au contrat « {} »", a.numero, a.intitule),
        sous_titre: Some(format!("Objet : {}", a.objet)),
        periode: None,
        vu,
        preambule: Vec::new(),
        articles,
        signature: Signature {
            fait_le: format!(
                "Fait le {}, en deux exemplaires originaux.",
                a.date.french()
            ),
            ..base.signature
        },
        annexes: Vec::new(),
        debut: 0,
        fin: 0,
        ..base
    }
}

fn article_doc(a: &Article, base: &Document) -> RenderArticle {
    let introduction = match vise(&a.section, base) {
        Some(Vise::Article(n, titre)) => {
            format!("L'article {n} du contrat, « {titre} », est modifié comme suit :")
        }
        Some(Vise::Annexe(titre)) => {
            format!("L'annexe du contrat, « {titre} », est modifiée comme suit :")
        }
        None => a.introduction.clone(),
    };
    RenderArticle {
        titre: a.titre.clone(),
        blocs: vec![
            Bloc::Paragraphe(introduction),
            Bloc::Liste(a.points.clone()),
        ],
        ancre: None,
        partie: None,
    }
}

/// Where a part of the contract is written in its document.
enum Vise {
    /// An article: its number and title.
    Article(usize, String),
    /// An annex, by its title.
    Annexe(String),
}

/// The article of the contract's own document that holds a part: by its
/// title (« Aide financière »), or the one whose text names the objective.
fn vise(section: &Section, base: &Document) -> Option<Vise> {
    let titres: &[&str] = match section {
        Section::Duree => &["Durée"],
        Section::Historique => &["Révision", "La révision"],
        Section::Aide => &["Aide financière", "Engagements de l'ARS"],
        Section::Conditions => &["Conditions de versement", "Engagements de l'ARS"],
        Section::Modulation => &["Modulation de l'aide", "Engagements de l'ARS"],
        Section::Objectif(..) | Section::Reference => &[],
        _ => return None,
    };
    let numero = |i: usize, t: &str| Some(Vise::Article(i + 1, t.to_string()));
    for prefix in titres {
        if let Some(i) = base
            .articles
            .iter()
            .position(|x| x.titre.starts_with(prefix))
        {
            return base.articles.get(i).and_then(|x| numero(i, &x.titre));
        }
    }
    match section {
        Section::Objectif(_, libelle) => base
            .articles
            .iter()
            .position(|x| x.blocs.iter().any(|b| nomme(b, libelle)))
            .and_then(|i| base.articles.get(i).and_then(|x| numero(i, &x.titre))),
        Section::Reference => base
            .annexes
            .iter()
            .find(|x| x.titre.starts_with("Situation financière"))
            .map(|x| Vise::Annexe(x.titre.clone())),
        _ => None,
    }
}

/// Whether a block names an objective (a table row, a list item).
fn nomme(b: &Bloc, libelle: &str) -> bool {
    match b {
        Bloc::Tableau(t) => t
            .lignes
            .iter()
            .any(|r| r.first().is_some_and(|c| c.texte == libelle)),
        Bloc::Liste(items) => items.iter().any(|i| i.ends_with(libelle)),
        _ => false,
    }
}

impl Avenant {
    /// Writes the indicators and themes by their labels, never their
    /// identifiers (« indicateur taux_chirurgie_ambulatoire » → « taux de
    /// chirurgie ambulatoire »).
    pub fn nommer(&mut self, program: &crate::model::Program) {
        for article in &mut self.articles {
            for point in &mut article.points {
                *point = libelles(point, program);
            }
        }
    }
}

fn libelles(text: &str, program: &crate::model::Program) -> String {
    let mut out = text.to_string();
    // Longest names first, so that `caf_sur_produits` is not cut by `caf`.
    let mut names: Vec<&String> = program.indicateurs.keys().collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    for name in names {
        let label = crate::render::texte::indicateur(program, name);
        out = out
            .replace(&format!("(indicateur {name})"), &format!("({label})"))
            .replace(
                &format!("indicateur {name}"),
                &format!("indicateur « {label} »"),
            );
    }
    let mut themes: Vec<(&String, &crate::ast::Theme)> = program.themes.iter().collect();
    themes.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
    for (name, theme) in themes {
        if let Some(l) = &theme.libelle {
            out = out.replace(
                &format!("levier {name}"),
                &format!("levier « {} »", l.value),
            );
        }
    }
    out
}

fn schedule(lines: &[LigneAide]) -> RenderArticle {
    let total = crate::exact::euros_total(lines.iter().map(|l| l.montant));
    let mut rows = Vec::new();
    for l in lines {
        let nature = if l.ferme {
            "engagement ferme"
        } else {
            "indicatif, sous réserve des crédits disponibles"
        };
        rows.push(vec![
            Cellule::new(l.annee.to_string()),
            Cellule::new(display::euros(l.montant)),
            Cellule::new(nature),
        ]);
    }
    let tableau = Tableau {
        colonnes: vec![
            Colonne::texte("Exercice"),
            Colonne::nombre("Montant"),
            Colonne::texte("Nature"),
        ],
        lignes: rows,
        total: Some(vec![
            Cellule::new("Total"),
            Cellule::new(total),
            Cellule::new(""),
        ]),
    };
    RenderArticle {
        titre: "Échéancier de l'aide".into(),
        blocs: vec![
            Bloc::Paragraphe("À l'issue du présent avenant, l'aide s'établit comme suit :".into()),
            Bloc::Tableau(tableau),
        ],
        ancre: None,
        partie: None,
    }
}

/// The amendment in Markdown or HTML (see [`document`]).
pub fn render(a: &Avenant, base: Document, format: Format) -> String {
    let docs = [document(a, base)];
    let parts = crate::render::layout::layout(&docs, None);
    match format {
        Format::Md => crate::render::markdown::render(&docs, &parts),
        Format::Html => crate::render::html::render_contracts(&docs, &parts),
    }
}
