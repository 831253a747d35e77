//! The dashboard's deficit part, after the « suivi des déficits » tab of the
//! CREF guide: each establishment's share of the total deficit of the
//! agency's establishments — its `résultat_principal` of the exercice from
//! the figures when negative, else its contract's latest `référence` — the
//! establishments of the figures without a contract included.

use super::contexte::{Resultat, Source};
use super::synthese::{sum, Agence};
use super::{ratio, titre};
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

/// A warning when several FINESS carry the same result in the figures:
/// one set of accounts for several sites (the AP-HP's hospitals in Hospi
/// Diag), which a total would count several times.
fn memes_chiffres(lignes: &[Ligne]) -> Option<String> {
    let mut groupes: Vec<(Decimal, Vec<&Ligne>)> = Vec::new();
    for l in lignes {
        if !matches!(l.resultat.source, Source::Chiffres(_)) || l.resultat.valeur.is_zero() {
            continue;
        }
        match groupes.iter_mut().find(|(v, _)| *v == l.resultat.valeur) {
            Some((_, g)) => g.push(l),
            None => groupes.push((l.resultat.valeur, vec![l])),
        }
    }
    let phrases: Vec<String> = groupes
        .iter()
        .filter(|(_, g)| g.len() > 1)
        .map(|(v, g)| {
            let noms: Vec<String> = g
                .iter()
                .map(|l| format!("{} ({})", l.nom, l.detail))
                .collect();
            format!("{} : même résultat, {}", noms.join(", "), euros(*v))
        })
        .collect();
    (!phrases.is_empty()).then(|| {
        format!(
            "Attention, plusieurs FINESS portent les mêmes chiffres financiers, sans doute un seul jeu de comptes pour plusieurs sites (comme les hôpitaux de l'AP-HP dans Hospi Diag) ; le total et les parts les comptent plusieurs fois. {}.",
            phrases.join(" ; ")
        )
    })
}

/// A share of the deficit with one decimal (`41,0 %`); a share that would
/// round to zero reads `< 0,1 %`: no establishment in deficit shows 0 %.
pub(super) fn part_deficit(d: Decimal, total: Decimal) -> String {
    let Some(r) = ratio(d, total) else {
        return "—".to_string();
    };
    let dixiemes = (r * Decimal::from(1000)).round();
    if r > Decimal::ZERO && dixiemes.is_zero() {
        return "< 0,1 %".to_string();
    }
    let entier = (dixiemes / Decimal::TEN).trunc();
    let reste = (dixiemes - entier * Decimal::TEN).abs();
    format!("{},{} %", crate::display::number(entier), reste)
}

#[allow(clippy::too_many_lines)] // TODO split (issue 13: output code moving to report/)
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
    if let Some(alerte) = memes_chiffres(&lignes) {
        out.push(element("p", &[("class", "alerte")], texte(&alerte)));
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
                etiquettes: en_deficit
                    .iter()
                    .map(|(_, d)| part_deficit(*d, total))
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
                    texte(&part_deficit(*d, total)),
                ]
            })
            .collect();
        let n = en_deficit.len();
        let s = if n > 1 { "s" } else { "" };
        let total_row = vec![
            texte(&format!("Total ({n} établissement{s} en déficit)")),
            texte(&euros(total)),
            Html::new(),
            texte("100,0 %"),
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
