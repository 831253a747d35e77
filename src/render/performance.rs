//! The contrat performance (modèle `contrat_performance`), after the DGOS
//! guide on the return to balance (1re partie, fiches 4 and 5): « l'engagement
//! contractuel tripartite (ARS, ES, ANAP) », an annex of the CPOM; its
//! finalité (« Amélioration de la qualité des soins, des conditions de
//! travail et de la performance financière et opérationnelle »), its
//! duration (« 2 ans à compter de la signature »), the expected gains, and
//! the « suivi infra-annuel avec une participation active de l'ARS aux
//! instances du projet ».

use super::contrat::{Article, Ctx, Document, Partie, Signataire};
use super::modalites;
use super::objectifs::{est_levier, leviers, tableau, titre};
use super::{Bloc, Cellule, Colonne, Tableau};
use crate::ast::{ClauseKind, Dimension, GainSide, Objectif};
use crate::display;
use crate::model::reference_value;
use rust_decimal::Decimal;

/// The ANAP's name since 2020 (it was « Agence nationale d'appui à la
/// performance des établissements de santé et médico-sociaux »).
const ANAP: &str = "Agence nationale de la performance sanitaire et médico-sociale";

/// Lays the common document out as the tripartite contrat performance.
pub(super) fn adapter(ctx: &Ctx, doc: &mut Document) {
    doc.vu = super::cref::visas(ctx, &doc.vu);
    for c in &ctx.contrat.cosignataires {
        let (partie, signataire) = cosignataire(&c.value);
        doc.cosignataires.push(partie);
        doc.signature.signataires.push(signataire);
    }
    let exemplaires = i64::try_from(doc.signature.signataires.len()).unwrap_or(2);
    doc.signature.fait_le = super::contrat::fait_le(ctx.contrat, exemplaires, false);
    let anap = !doc.cosignataires.is_empty();
    let mut articles = vec![
        Article::new("Objet et finalité du contrat", objet(ctx, anap)),
        Article::new("Durée du contrat", duree(ctx)),
        Article::new("Engagements de l'établissement", engagements(ctx)),
    ];
    if ctx
        .contrat
        .objectifs
        .iter()
        .any(|o| !o.gains_effectifs().is_empty())
    {
        articles.push(Article::new("Gains attendus", gains(ctx)));
    }
    articles.push(Article::new("Engagements de l'ARS", ars(ctx)));
    if anap {
        articles.push(Article::new(
            "Engagements de l'ANAP",
            vec![Bloc::Paragraphe("L'ANAP accompagne l'établissement dans la conduite de son projet performance : appui au diagnostic et à l'élaboration des feuilles de route, méthodes et outils de conduite des actions, participation aux instances du projet et au suivi des actions.".to_string())],
        ));
    }
    articles.push(Article::new("Suivi du contrat", suivi(ctx, anap)));
    articles.push(Article::new(
        "Révision du contrat",
        modalites::revision(ctx),
    ));
    doc.articles = articles;
}

/// A `cosignataire` line as a party and a signature box (the ANAP by its
/// full name).
fn cosignataire(nom: &str) -> (Partie, Signataire) {
    if nom.contains("ANAP") {
        // « ANAP » alone is written in full; a full name is kept.
        let complet = if nom.trim() == "ANAP" {
            format!("{ANAP} (ANAP)")
        } else {
            nom.to_string()
        };
        (
            Partie {
                nom: complet.clone(),
                details: Vec::new(),
                designation: "représentée par son directeur général, ci-après désignée « l'ANAP »"
                    .to_string(),
            },
            Signataire {
                pour: "Pour l'ANAP,".to_string(),
                nom: complet,
                qualite: "Le directeur général".to_string(),
            },
        )
    } else {
        (
            Partie {
                nom: nom.to_string(),
                details: Vec::new(),
                designation: "représenté par son représentant légal".to_string(),
            },
            Signataire {
                pour: format!("Pour {nom},"),
                nom: nom.to_string(),
                qualite: "Le représentant légal".to_string(),
            },
        )
    }
}

fn objet(ctx: &Ctx, anap: bool) -> Vec<Bloc> {
    let parties = if anap {
        "l'ARS, l'établissement et l'ANAP"
    } else {
        "l'ARS et l'établissement"
    };
    let mut blocs = vec![
        Bloc::Paragraphe(format!(
            "Le présent contrat performance est l'engagement contractuel {}entre {parties} autour de l'accompagnement de l'établissement, qui se traduit par un projet performance. Il constitue une annexe du contrat pluriannuel d'objectifs et de moyens conclu entre l'ARS et l'établissement.",
            if anap { "tripartite " } else { "" }
        )),
        Bloc::Paragraphe("Il a pour finalité l'amélioration de la qualité des soins, des conditions de travail et de la performance financière et opérationnelle de l'établissement.".to_string()),
    ];
    if ctx
        .clause(|k| matches!(k, ClauseKind::ThemesRequis(_)))
        .is_some()
    {
        blocs.push(Bloc::Paragraphe(
            "Il intègre la dimension territoriale.".to_string(),
        ));
    }
    blocs.push(Bloc::Paragraphe("La mise en œuvre des actions est sous la responsabilité de l'établissement. L'ARS participe au cadrage stratégique du projet et à son suivi ; elle participe aux instances du projet.".to_string()));
    blocs
}

fn duree(ctx: &Ctx) -> Vec<Bloc> {
    let mut blocs = Vec::new();
    if let Some(d) = ctx.duree_en_mots() {
        blocs.push(Bloc::Paragraphe(format!("Le contrat est conclu pour {d}.")));
    }
    if let Some((a, b)) = ctx.periode() {
        blocs.push(Bloc::Paragraphe(format!(
            "Il couvre les exercices {a} à {b}."
        )));
    }
    blocs
}

fn engagements(ctx: &Ctx) -> Vec<Bloc> {
    let autres: Vec<&Objectif> = ctx
        .contrat
        .objectifs
        .iter()
        .filter(|o| !est_levier(o))
        .collect();
    let mut blocs = vec![Bloc::Paragraphe("L'établissement s'engage à conduire les actions de son projet performance et à atteindre, pour chaque exercice, les cibles suivantes.".to_string())];
    if !autres.is_empty() {
        blocs.push(Bloc::Tableau(tableau(ctx, &autres)));
    }
    if ctx.contrat.objectifs.iter().any(est_levier) {
        // The lever sections, numbered inside this article (3.1, 3.2…).
        blocs.extend(leviers(ctx, 3).into_iter().skip(1));
    }
    blocs
}

#[allow(clippy::too_many_lines)] // TODO split (issue 13: output code moving to report/)
fn gains(ctx: &Ctx) -> Vec<Bloc> {
    let avec: Vec<&Objectif> = ctx
        .contrat
        .objectifs
        .iter()
        .filter(|o| !o.gains_effectifs().is_empty())
        .collect();
    let sum = |side: Option<GainSide>| -> Decimal {
        avec.iter()
            .flat_map(|o| o.gains_effectifs().into_iter())
            .filter(|g| side.is_none_or(|s| g.side == s))
            .map(|g| g.montant.value)
            .sum()
    };
    let row = |o: &Objectif| {
        let s = |side: Option<GainSide>| -> Decimal {
            o.gains_effectifs()
                .into_iter()
                .filter(|g| side.is_none_or(|s| g.side == s))
                .map(|g| g.montant.value)
                .sum()
        };
        vec![
            Cellule::new(titre(o)),
            Cellule::new(display::euros(s(Some(GainSide::Charges)))),
            Cellule::new(display::euros(s(Some(GainSide::Recettes)))),
            Cellule::new(display::euros(s(None))),
        ]
    };
    let total = sum(None);
    let recettes = sum(Some(GainSide::Recettes));
    let mut blocs = vec![
        Bloc::Paragraphe("Les actions du contrat doivent produire les gains suivants sur le résultat de l'établissement, sur la durée du contrat :".to_string()),
        Bloc::Tableau(Tableau {
            colonnes: vec![
                Colonne::texte("Objectif"),
                Colonne::nombre("Sur les charges"),
                Colonne::nombre("Sur les recettes"),
                Colonne::nombre("Total"),
            ],
            lignes: avec.iter().map(|o| row(o)).collect(),
            total: Some(vec![
                Cellule::new("Total"),
                Cellule::new(display::euros(sum(Some(GainSide::Charges)))),
                Cellule::new(display::euros(recettes)),
                Cellule::new(display::euros(total)),
            ]),
        }),
    ];
    let pct = |d: Decimal| display::quantity(d, Dimension::Ratio);
    if let Some((p, q)) = ctx.parametre(|k| match k {
        ClauseKind::GainsMinimum { deficit, produits } => Some((deficit.value, produits.value)),
        _ => None,
    }) {
        let mut phrase = format!(
            "Les gains ne peuvent être inférieurs à {} du déficit ni à {} des produits de l'établissement",
            pct(p),
            pct(q)
        );
        let deficit =
            reference_value(ctx.contrat, "résultat_principal").and_then(|(_, v, _)| montant(v));
        let produits = reference_value(ctx.contrat, "produits").and_then(|(_, v, _)| montant(v));
        if let (Some(d), Some(pr)) = (deficit, produits) {
            let d = if d < Decimal::ZERO { -d } else { Decimal::ZERO };
            phrase.push_str(&format!(
                " : au moins {} et {} au vu de la situation de référence",
                display::euros((d * p).round()),
                display::euros((pr * q).round())
            ));
        }
        blocs.push(Bloc::Paragraphe(format!("{phrase}.")));
    }
    if let Some(max) = ctx.parametre(|k| match k {
        ClauseKind::GainsRecettesMaximum(m) => Some(m.value),
        _ => None,
    }) {
        let part = if total > Decimal::ZERO {
            format!(
                " ; ils en représentent ici {}",
                pct((recettes / total).round_dp(3))
            )
        } else {
            String::new()
        };
        blocs.push(Bloc::Paragraphe(format!(
            "Le contrat est axé sur la diminution des dépenses : les gains sur les recettes ne peuvent dépasser {} du total des gains{part}.",
            pct(max)
        )));
    }
    blocs
}

fn montant(v: &crate::ast::Value) -> Option<Decimal> {
    match v {
        crate::ast::Value::Quantity(q) => Some(q.value),
        _ => None,
    }
}

fn ars(ctx: &Ctx) -> Vec<Bloc> {
    let mut blocs = vec![Bloc::Paragraphe(
        "L'ARS participe au cadrage stratégique du projet, à ses instances et à son suivi."
            .to_string(),
    )];
    if !ctx.contrat.aides.is_empty() {
        blocs.extend(modalites::aide(ctx));
        blocs.extend(modalites::conditions(ctx));
    }
    blocs
}

fn suivi(ctx: &Ctx, anap: bool) -> Vec<Bloc> {
    let appui = if anap { " avec l'appui de l'ANAP" } else { "" };
    let mut blocs = vec![Bloc::Paragraphe(format!(
        "Les actions conduites par l'établissement{appui} font l'objet d'un suivi infra-annuel, avec une participation active de l'ARS aux instances du projet. L'atteinte des objectifs et des résultats est suivie dans le cadre d'une revue périodique et lors de la campagne budgétaire."
    ))];
    blocs.extend(modalites::suivi(ctx));
    blocs
}
