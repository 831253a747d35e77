//! The dashboard's deficit part, after the « suivi des déficits » tab of the
//! CREF guide: each establishment's share of the total deficit of the
//! agency's establishments — its `résultat_principal` of the exercice from
//! the figures when negative, else its contract's latest `référence` — the
//! establishments of the figures without a contract included.

use super::contexte::{Resultat, Source};
use super::synthese::{sum, Agence};
use super::{part, ratio, titre};
use crate::eval::aid::euros;
use crate::eval::Evaluation;
use crate::render::escape::{element, Html};
use crate::render::html::{detail, figure, grille, texte};
use crate::render::svg::BarChart;
use crate::render::Colonne;
use rust_decimal::Decimal;

/// An establishment in the deficit chart.
struct Ligne {
    nom: String,
    detail: String,
    resultat: Resultat,
}

pub(super) fn deficits(e: &Evaluation, a: &Agence<'_>, numero: usize) -> Html {
    let y = e.exercice;
    let mut out = titre(numero, "Part de chaque établissement dans le déficit");
    let mut lignes: Vec<Ligne> = Vec::new();
    let mut sans_resultat: Vec<String> = Vec::new();
    for (c, k) in &a.contrats {
        let nom = c
            .raison_sociale
            .clone()
            .unwrap_or_else(|| c.contrat.clone());
        match k.and_then(|k| k.resultat) {
            Some(resultat) => lignes.push(Ligne {
                nom,
                detail: format!("FINESS {}", c.finess),
                resultat,
            }),
            None => sans_resultat.push(nom),
        }
    }
    for h in &a.hors_contrat {
        let nom = match &h.raison_sociale {
            Some(name) => format!("{name} (sans contrat)"),
            None => format!("Établissement {} (sans contrat)", h.finess),
        };
        match h.resultat {
            Some(resultat) => lignes.push(Ligne {
                nom,
                detail: format!("FINESS {} · sans contrat", h.finess),
                resultat,
            }),
            None => sans_resultat.push(nom),
        }
    }
    let mut en_deficit: Vec<(&Ligne, Decimal)> = lignes
        .iter()
        .filter_map(|l| l.resultat.deficit().map(|d| (l, d)))
        .collect();
    en_deficit.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.nom.cmp(&y.0.nom)));
    let total = sum(en_deficit.iter().map(|(_, d)| *d));
    let qui = if a.hors_contrat.is_empty() {
        "sous contrat"
    } else {
        "de la région, sous contrat ou non"
    };
    if en_deficit.is_empty() || total <= Decimal::ZERO {
        out.push(element(
            "p",
            &[],
            texte(&format!("Aucun établissement n'est en déficit en {y} selon les chiffres et les références des contrats.")),
        ));
    } else {
        out.push(element(
            "p",
            &[],
            texte(&format!(
                "Déficit total des établissements {qui} : {} (résultat du budget principal de l'exercice {y} d'après le fichier de chiffres, à défaut la dernière référence du contrat).",
                euros(total)
            )),
        ));
        let share = |d: Decimal| ratio(d, total).map(|r| r.round_dp(3)).unwrap_or_default();
        if en_deficit.len() >= 2 {
            let chart = BarChart {
                titre: format!("Part de chaque établissement dans le déficit total {y}"),
                dimension: Some(crate::ast::Dimension::Ratio),
                barres: en_deficit
                    .iter()
                    .map(|(l, d)| (l.nom.clone(), share(*d)))
                    .collect(),
                ..BarChart::default()
            };
            out.push(figure(
                chart.svg(),
                &format!("Part de chaque établissement dans le déficit total des établissements {qui}, exercice {y}."),
            ));
            // The heading and its introduction stay with the chart.
            out = element("div", &[("class", "insecable")], out);
        }
        let colonnes = [
            Colonne::texte("Établissement"),
            Colonne::nombre("Déficit"),
            Colonne::texte("Source"),
            Colonne::nombre("Part"),
        ];
        let rows: Vec<Vec<Html>> = en_deficit
            .iter()
            .map(|(l, d)| {
                let mut nom = texte(&l.nom);
                nom.push(detail(&l.detail));
                let source = match l.resultat.source {
                    Source::Chiffres(year) => format!("chiffres {year}"),
                    Source::Reference(year) => format!("référence {year} du contrat"),
                };
                vec![
                    nom,
                    texte(&euros(*d)),
                    texte(&source),
                    texte(&part(*d, total)),
                ]
            })
            .collect();
        let n = en_deficit.len();
        let s = if n > 1 { "s" } else { "" };
        let total_row = vec![
            texte(&format!("Total ({n} établissement{s} en déficit)")),
            texte(&euros(total)),
            Html::new(),
            texte("100 %"),
        ];
        out.push(grille(&colonnes, &rows, Some(&total_row)));
    }
    let excedent: Vec<String> = lignes
        .iter()
        .filter(|l| l.resultat.deficit().is_none())
        .map(|l| format!("{} ({})", l.nom, euros(l.resultat.valeur)))
        .collect();
    if !excedent.is_empty() {
        out.push(element(
            "p",
            &[("class", "mention")],
            texte(&format!(
                "À l'équilibre ou en excédent : {}.",
                excedent.join(", ")
            )),
        ));
    }
    if !sans_resultat.is_empty() {
        out.push(element(
            "p",
            &[("class", "mention")],
            texte(&format!(
                "Sans résultat {y} ni référence : {}.",
                sans_resultat.join(", ")
            )),
        ));
    }
    element("section", &[("class", "rubrique")], out)
}
