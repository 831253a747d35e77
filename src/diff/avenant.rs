//! The amendment (avenant) turning one version of a contract into the next,
//! after the model CPOM (guide DGOS, annexe 1): parties, « Vu … » lines, one
//! article per part of the contract that changes (« L'article relatif à
//! l'aide est modifié comme suit : … »), the resulting aid schedule, the
//! unchanged clauses, signatures.
//!
//! [`build`] makes a plain-data [`Avenant`] from the two contracts and their
//! changes; [`markdown`] writes it. Other renderings (HTML) belong to
//! `render/` and start from the same data.

use super::{Change, Section};
use crate::ast::Contrat;
use crate::date::Date;
use crate::display;
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
}

/// A year of the resulting aid schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LigneAide {
    pub annee: i32,
    pub montant: Decimal,
    pub ferme: bool,
}

/// What the caller knows beyond the two contracts.
pub struct Contexte<'a> {
    pub numero: String,
    pub date: Date,
    pub objet: String,
    /// The framework's label, for the « Vu » lines.
    pub cadre: Option<&'a str>,
}

/// The amendment from `old` to `new` given their changes (the history line
/// of this amendment already left out).
pub fn build(old: &Contrat, new: &Contrat, changes: &[Change], ctx: Contexte<'_>) -> Avenant {
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
        visas: visas(old, ctx.cadre),
        articles: articles(changes),
        echeancier: echeancier(new),
    }
}

fn visas(old: &Contrat, cadre: Option<&str>) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(c) = cadre {
        out.push(format!("le cadre « {c} »"));
    }
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
    }
}

/// `>=` and `<=` as the signs a document uses.
fn signs(s: &str) -> String {
    s.replace(">=", "≥").replace("<=", "≤")
}

fn echeancier(new: &Contrat) -> Vec<LigneAide> {
    let Some(aide) = &new.aide else {
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

/// The amendment in Markdown.
pub fn markdown(a: &Avenant) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "# Avenant n° {} au contrat « {} »\n\n",
        a.numero, a.intitule
    ));
    out.push_str(&format!("Contrat `{}`\n\n", a.contrat));
    out.push_str(&format!("**Objet :** {}\n\n", a.objet));
    out.push_str("Entre,\n\n");
    out.push_str(&format!("L'agence régionale de santé ({}),\n\n", a.ars));
    out.push_str("Et,\n\n");
    match &a.finess {
        Some(f) => out.push_str(&format!(
            "L'établissement {} (FINESS {f}),\n\n",
            a.etablissement
        )),
        None => out.push_str(&format!("L'établissement {},\n\n", a.etablissement)),
    }
    for v in &a.visas {
        out.push_str(&format!("Vu {v} ;  \n"));
    }
    out.push_str("\nIl a été expressément convenu ce qui suit :\n\n");
    let mut n = 0;
    for article in &a.articles {
        n += 1;
        out.push_str(&format!(
            "## Article {n} — {}\n\n{}\n\n",
            article.titre, article.introduction
        ));
        for p in &article.points {
            out.push_str(&format!("- {p}\n"));
        }
        out.push('\n');
    }
    if !a.echeancier.is_empty() {
        n += 1;
        out.push_str(&schedule(n, &a.echeancier));
    }
    n += 1;
    out.push_str(&format!("## Article {n} — Autres dispositions\n\n"));
    out.push_str("Les autres dispositions du contrat demeurent inchangées. ");
    out.push_str("Le présent avenant prend effet à compter de sa signature.\n\n");
    out.push_str(&format!(
        "Fait en deux exemplaires, le {}.\n\n",
        a.date.french()
    ));
    out.push_str(&format!(
        "| Pour l'agence régionale de santé ({}), | Pour l'établissement {}, |\n|---|---|\n",
        super::render::escape(&a.ars),
        super::render::escape(&a.etablissement)
    ));
    out.push_str("| le directeur général | le représentant légal |\n");
    out
}

fn schedule(n: usize, lines: &[LigneAide]) -> String {
    let mut out = format!("## Article {n} — Échéancier de l'aide\n\n");
    out.push_str("À l'issue du présent avenant, l'aide s'établit comme suit :\n\n");
    out.push_str("| Exercice | Montant | Nature |\n|---|---:|---|\n");
    let mut total = Decimal::ZERO;
    for l in lines {
        total = total.checked_add(l.montant).unwrap_or(total);
        let nature = if l.ferme {
            "engagement ferme"
        } else {
            "indicatif, sous réserve des crédits disponibles"
        };
        out.push_str(&format!(
            "| {} | {} | {nature} |\n",
            l.annee,
            display::euros(l.montant)
        ));
    }
    out.push_str(&format!(
        "| **Total** | **{}** | |\n\n",
        display::euros(total)
    ));
    out
}
