//! `pacte suivi --format html`: self-contained pages. The tables are the
//! Markdown report's, turned into HTML through the documents' sanitising
//! Markdown path (`render::escape`); the charts are inline SVG bar charts
//! from `render::svg`: completion and savings across the follow-ups of
//! each contract, the regional synthesis and the deficit shares.

use super::markdown;
use crate::ast::Dimension;
use crate::date::Date;
use crate::render::escape::Html;
use crate::render::html::{figure, Page};
use crate::render::svg::BarChart;
use crate::suivi::{SuiviContrat, Tableau};
use rust_decimal::Decimal;

pub fn write(t: &Tableau) -> String {
    let mut sections: Vec<Html> = t.contrats.iter().map(|c| feuille(t.date, c)).collect();
    sections.push(regional_feuille(t));
    page(
        format!("Tableaux de bord de suivi au {}", t.date.french()),
        sections,
    )
}

fn page(title: String, sections: Vec<Html>) -> String {
    Page { title, sections }.render()
}

/// One contract's dashboard as a page.
pub fn contrat(at: Date, c: &SuiviContrat) -> String {
    let nom = c.raison_sociale.as_deref().unwrap_or(&c.contrat);
    page(
        format!("Tableau de bord de suivi — {nom}"),
        vec![feuille(at, c)],
    )
}

/// The regional table as a page.
pub fn regional(t: &Tableau) -> String {
    page(
        format!("Suivi des CREF de la région au {}", t.date.french()),
        vec![regional_feuille(t)],
    )
}

fn feuille(at: Date, c: &SuiviContrat) -> Html {
    let mut html = Html::markdown(&markdown::contrat(at, c), 1);
    if c.historique.is_empty() {
        return html;
    }
    let labels: Vec<String> = c.historique.iter().map(|p| p.date.french()).collect();
    let completion = BarChart {
        titre: "Niveau de réalisation global à chaque suivi".into(),
        dimension: Some(Dimension::Ratio),
        barres: labels
            .iter()
            .cloned()
            .zip(
                c.historique
                    .iter()
                    .map(|p| p.realisation_globale.unwrap_or_default()),
            )
            .collect(),
        maximum: Some(Decimal::ONE),
        ..BarChart::default()
    };
    html.push(figure(
        completion.svg(),
        "Niveau de réalisation global du CREF, suivi après suivi",
    ));
    let mut barres = Vec::new();
    for p in &c.historique {
        barres.push((format!("{} — prévu", p.date.french()), p.prevu_a_date));
        barres.push((format!("{} — réalisé", p.date.french()), p.realise));
    }
    let economies = BarChart {
        titre: "Économies prévues à date et réalisées à chaque suivi".into(),
        dimension: Some(Dimension::Money),
        barres,
        ..BarChart::default()
    };
    html.push(figure(
        economies.svg(),
        "Économies prévues à date et réalisées, suivi après suivi",
    ));
    html
}

fn regional_feuille(t: &Tableau) -> Html {
    let mut html = Html::markdown(&markdown::regional(t), 1);
    let nom = |id: &str| {
        t.contrats
            .iter()
            .find(|c| c.contrat == id)
            .and_then(|c| c.raison_sociale.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let mut barres: Vec<(String, Decimal)> = t
        .regional
        .synthese
        .contrats
        .iter()
        .map(|(c, v)| (nom(c), v.unwrap_or_default()))
        .collect();
    barres.push((
        "Région".into(),
        t.regional.synthese.region.unwrap_or_default(),
    ));
    let synthese = BarChart {
        titre: "Niveau de réalisation des objectifs financiers prévus à la date de suivi".into(),
        dimension: Some(Dimension::Ratio),
        barres,
        reperes: vec![(Decimal::ONE, "100 %".into())],
        ..BarChart::default()
    };
    html.push(figure(
        synthese.svg(),
        "Synthèse régionale : économies réalisées rapportées aux économies prévues à date",
    ));
    let deficits = BarChart {
        titre: "Part du déficit de chaque établissement sous CREF dans le déficit régional".into(),
        dimension: Some(Dimension::Ratio),
        barres: t
            .regional
            .deficits
            .contrats
            .iter()
            .map(|(c, _, _, part)| (nom(c), part.unwrap_or_default()))
            .collect(),
        maximum: Some(Decimal::ONE),
        ..BarChart::default()
    };
    html.push(figure(deficits.svg(), "Suivi des déficits : part de chaque établissement dans le déficit des établissements sous CREF"));
    html
}
