//! The CREF type (modèle `cref`): the six chapters of the « CREF type » of
//! the DGOS guide on the return to balance (2de partie, outil 2):
//! présentation générale (the « fiche signalétique » of outil 4: raison
//! sociale, catégorie, FINESS, signature, durée, ARS commitments),
//! principes généraux, engagements de l'établissement (the yearly result
//! trajectory), analyse détaillée des actions (the « fiche action »: owner,
//! deadline, impact on charges and revenue by year), engagements de l'ARS,
//! annexes.

use super::contrat::{Article, Ctx, Document};
use super::modalites;
use super::objectifs::{est_levier, fiches, tableau, titre};
use super::texte;
use super::{Bloc, Cellule, Colonne, Tableau};
use crate::ast::{ClauseKind, Dimension, GainSide, Objectif, ObjectifType};
use crate::display;
use crate::model::base_of;
use rust_decimal::Decimal;

/// Lays the common document out as the CREF type.
pub(super) fn adapter(ctx: &Ctx, doc: &mut Document) {
    doc.vu = visas(ctx, &doc.vu);
    let mut articles = vec![
        Article::new("Présentation générale du CREF", presentation(ctx)),
        Article::new("Principes généraux du contrat", principes(ctx)),
        Article::new("Engagements de l'établissement", engagements(ctx)),
    ];
    if ctx.contrat.objectifs.iter().any(a_une_fiche) {
        articles.push(Article::new("Analyse détaillée des actions", actions(ctx)));
    }
    articles.push(Article::new("Engagements de l'ARS", ars(ctx)));
    if !doc.annexes.is_empty() {
        let liste = doc
            .annexes
            .iter()
            .map(|a| texte::minuscule(&a.titre))
            .collect::<Vec<_>>();
        articles.push(Article::new(
            "Annexes",
            vec![Bloc::Paragraphe(format!(
                "Est annexée au présent contrat, dont elle fait partie intégrante : {}.",
                texte::enumeration(&liste)
            ))],
        ));
    }
    doc.articles = articles;
}

/// The CPOM articles of the code (the CREF is an avenant to the CPOM), the
/// plan de redressement's for a public establishment, the CPOM itself.
pub(super) fn visas(ctx: &Ctx, cites: &[String]) -> Vec<String> {
    let mut vu =
        vec!["Vu les articles L. 6114-1 à L. 6114-5 du code de la santé publique".to_string()];
    let public = ctx
        .contrat
        .etablissement
        .as_ref()
        .and_then(|e| e.statut.as_ref())
        .is_some_and(|s| s.name == "public");
    if public
        && matches!(
            super::modele::Modele::of(ctx.cadre),
            super::modele::Modele::Cref
        )
    {
        vu.push("Vu les articles L. 6143-3 et D. 6143-39 du code de la santé publique".to_string());
    }
    vu.extend(cites.iter().filter(|v| !v.contains("6114")).cloned());
    vu.push(
        "Vu le contrat pluriannuel d'objectifs et de moyens conclu entre l'ARS et l'établissement"
            .to_string(),
    );
    vu
}

fn a_une_fiche(o: &Objectif) -> bool {
    !o.actions.is_empty() || !o.gains_effectifs().is_empty()
}

fn presentation(ctx: &Ctx) -> Vec<Bloc> {
    let c = ctx.contrat;
    let e = c.etablissement.as_ref();
    let val = |t: Option<&crate::ast::Text>| t.map_or_else(|| "—".to_string(), |t| t.value.clone());
    let mut lignes = vec![
        (
            "Raison sociale",
            val(e.and_then(|e| e.raison_sociale.as_ref())),
        ),
        (
            "Catégorie",
            e.and_then(|e| e.categorie.as_ref())
                .map_or_else(|| "—".to_string(), |c| c.name.clone()),
        ),
        ("N° FINESS", val(e.and_then(|e| e.finess.as_ref()))),
        (
            "Date de signature du CREF",
            c.signe.map_or_else(|| "—".to_string(), |(d, _)| d.french()),
        ),
    ];
    if let Some((a, b)) = ctx.periode() {
        let duree = ctx
            .annees_pleines()
            .map_or_else(|| texte::exercices(b - a + 1), super::contrat::ans);
        lignes.push((
            "Durée du CREF, période",
            format!("{duree}, exercices {a} à {b}"),
        ));
    }
    let total: Decimal = c
        .aides
        .iter()
        .flat_map(|a| a.annees.iter().map(|y| y.montant.value))
        .sum();
    lignes.push((
        "Montant des engagements de l'ARS",
        if c.aides.is_empty() {
            "aucune aide financière".to_string()
        } else {
            display::euros(total)
        },
    ));
    vec![
        Bloc::Paragraphe("Le présent contrat de retour à l'équilibre financier (CREF) est conclu entre l'ARS et l'établissement. Il constitue un avenant au contrat pluriannuel d'objectifs et de moyens de l'établissement.".to_string()),
        Bloc::Tableau(Tableau {
            colonnes: vec![Colonne::texte("Fiche signalétique"), Colonne::texte("")],
            lignes: lignes
                .into_iter()
                .map(|(k, v)| vec![Cellule::new(k), Cellule::new(v)])
                .collect(),
            total: None,
        }),
    ]
}

fn principes(ctx: &Ctx) -> Vec<Bloc> {
    let mut blocs = vec![
        Bloc::Paragraphe("Le contrat a pour finalité le retour à l'équilibre financier structurel de l'établissement. Il fixe une trajectoire de retour à l'équilibre en s'appuyant sur la mise en œuvre des chantiers prioritaires définis dans le plan de redressement ; ces chantiers portent sur des problématiques structurantes pour l'établissement (ressources humaines, organisation, activité) et ne peuvent se limiter à des mesures d'optimisation courantes.".to_string()),
        Bloc::Paragraphe("Le contrat ne comporte pas de rééquilibrage par les recettes, sauf situation dûment argumentée et justifiée : chaque gain attendu sur les recettes est justifié dans la fiche de l'action qui le porte.".to_string()),
        Bloc::Paragraphe("La mise en œuvre des actions est portée par l'établissement, sous la responsabilité de son directeur, et peut être accompagnée par l'ARS. L'atteinte des objectifs et des résultats est suivie dans le cadre d'une revue périodique et lors de la campagne budgétaire.".to_string()),
    ];
    if ctx
        .clause(|k| matches!(k, ClauseKind::PonderationParGains))
        .is_some()
    {
        blocs.push(Bloc::Paragraphe("Le niveau de réalisation global du contrat est la moyenne des réalisations des objectifs, pondérée par les impacts financiers attendus de chacun.".to_string()));
    }
    blocs.extend(modalites::revision(ctx));
    blocs
}

/// An objective on a money indicator (the result, the deficit): part of
/// the yearly result trajectory.
fn trajectoire(ctx: &Ctx, o: &Objectif) -> bool {
    !est_levier(o)
        && o.indicateur
            .as_ref()
            .and_then(|i| ctx.program.dimension_of(&i.name))
            == Some(Dimension::Money)
}

fn engagements(ctx: &Ctx) -> Vec<Bloc> {
    let objectifs = &ctx.contrat.objectifs;
    let resultat: Vec<&Objectif> = objectifs.iter().filter(|o| trajectoire(ctx, o)).collect();
    let autres: Vec<&Objectif> = objectifs
        .iter()
        .filter(|o| !est_levier(o) && !trajectoire(ctx, o))
        .collect();
    let mut blocs = Vec::new();
    if !resultat.is_empty() {
        blocs.push(Bloc::Paragraphe("L'établissement s'engage sur la trajectoire de résultat suivante, exercice par exercice :".to_string()));
        blocs.push(Bloc::Tableau(trajectoire_table(ctx, &resultat)));
    }
    if !autres.is_empty() {
        blocs.push(Bloc::Paragraphe(
            "Il s'engage en outre à atteindre les cibles suivantes :".to_string(),
        ));
        blocs.push(Bloc::Tableau(tableau(ctx, &autres)));
    }
    if blocs.is_empty() {
        blocs.push(Bloc::Paragraphe("L'établissement s'engage à mettre en œuvre les actions du chapitre suivant et à en atteindre les cibles.".to_string()));
    }
    blocs
}

/// « Engagements de résultats de l'ES », one column per exercice: the base
/// year's value, then each year's target.
fn trajectoire_table(ctx: &Ctx, objectifs: &[&Objectif]) -> Tableau {
    let base_year = objectifs
        .iter()
        .filter_map(|o| base_of(ctx.contrat, o).map(|(y, _, _)| y))
        .max();
    let years = ctx.annees_de_cibles();
    let mut colonnes = vec![Colonne::texte("Engagement de résultat")];
    if let Some(y) = base_year {
        colonnes.push(Colonne::nombre(format!("{y} (base)")));
    }
    colonnes.extend(years.iter().map(|y| Colonne::nombre(y.to_string())));
    let lignes = objectifs
        .iter()
        .map(|o| {
            let ind = o
                .indicateur
                .as_ref()
                .map(|i| texte::indicateur_titre(ctx.program, &i.name))
                .unwrap_or_default();
            let mut row = vec![Cellule::avec_detail(titre(o), ind)];
            if base_year.is_some() {
                row.push(Cellule::new(
                    base_of(ctx.contrat, o)
                        .map_or_else(|| "—".to_string(), |(_, v, _)| texte::valeur(v)),
                ));
            }
            row.extend(years.iter().map(|y| {
                Cellule::new(
                    o.cibles
                        .iter()
                        .find(|c| c.annee.value == *y)
                        .map_or_else(|| "—".to_string(), |c| texte::cible(&c.comparison)),
                )
            }));
            row
        })
        .collect();
    Tableau {
        colonnes,
        lignes,
        total: None,
    }
}

fn actions(ctx: &Ctx) -> Vec<Bloc> {
    let avec: Vec<&Objectif> = ctx
        .contrat
        .objectifs
        .iter()
        .filter(|o| a_une_fiche(o))
        .collect();
    let mut blocs = vec![Bloc::Paragraphe("Chaque action fait l'objet d'une fiche : objectif, indicateur et cibles, responsable, échéance et impacts attendus sur les charges et les recettes, exercice par exercice. Une diminution de charges est un gain sur le résultat.".to_string())];
    if avec.iter().any(|o| !o.gains_effectifs().is_empty()) {
        blocs.push(Bloc::Tableau(synthese(&avec)));
    }
    for (k, o) in avec.iter().enumerate() {
        let theme = match &o.kind {
            Some((ObjectifType::Levier(t), _)) => ctx
                .program
                .themes
                .get(&t.name)
                .and_then(|t| t.libelle.as_ref())
                .map(|l| format!(" ({})", texte::minuscule(&l.value))),
            _ => None,
        }
        .unwrap_or_default();
        blocs.push(Bloc::Intertitre(
            1,
            format!("Fiche action n° {} : {}{theme}", k + 1, titre(o)),
        ));
        blocs.push(Bloc::Tableau(tableau(ctx, &[o])));
        blocs.extend(
            fiches(&[o])
                .into_iter()
                .filter(|b| !matches!(b, Bloc::Intertitre(..))),
        );
    }
    blocs
}

/// Expected impact on the result of every action, by year, and the total.
fn synthese(objectifs: &[&Objectif]) -> Tableau {
    let mut years: Vec<i32> = objectifs
        .iter()
        .flat_map(|o| o.gains_effectifs().into_iter().map(|g| g.annee.value))
        .collect();
    years.sort_unstable();
    years.dedup();
    let sum = |o: &Objectif, y: Option<i32>, side: Option<GainSide>| -> Decimal {
        o.gains_effectifs()
            .into_iter()
            .filter(|g| y.is_none_or(|y| g.annee.value == y) && side.is_none_or(|s| g.side == s))
            .map(|g| g.montant.value)
            .sum()
    };
    let mut colonnes = vec![Colonne::texte("Action : impact sur le résultat")];
    colonnes.extend(years.iter().map(|y| Colonne::nombre(y.to_string())));
    colonnes.push(Colonne::nombre("Total"));
    let lignes = objectifs
        .iter()
        .filter(|o| !o.gains_effectifs().is_empty())
        .map(|o| {
            let mut row = vec![Cellule::new(titre(o))];
            row.extend(
                years
                    .iter()
                    .map(|y| Cellule::new(display::euros(sum(o, Some(*y), None)))),
            );
            row.push(Cellule::new(display::euros(sum(o, None, None))));
            row
        })
        .collect();
    let mut total = vec![Cellule::new("Total")];
    total.extend(years.iter().map(|y| {
        Cellule::new(display::euros(
            objectifs.iter().map(|o| sum(o, Some(*y), None)).sum(),
        ))
    }));
    total.push(Cellule::new(display::euros(
        objectifs.iter().map(|o| sum(o, None, None)).sum(),
    )));
    Tableau {
        colonnes,
        lignes,
        total: Some(total),
    }
}

fn ars(ctx: &Ctx) -> Vec<Bloc> {
    let mut blocs = Vec::new();
    if ctx.contrat.aides.is_empty() {
        blocs.push(Bloc::Paragraphe("Le contrat ne prévoit pas d'aide financière. L'ARS accompagne l'établissement dans la mise en œuvre des actions et en assure le suivi.".to_string()));
    } else {
        blocs.push(Bloc::Intertitre(1, "Aide financière".to_string()));
        blocs.extend(modalites::aide(ctx));
        let conditions = modalites::conditions(ctx);
        if !conditions.is_empty() {
            blocs.push(Bloc::Intertitre(1, "Conditions de versement".to_string()));
            blocs.extend(conditions);
        }
        if ctx.modulation().is_some() {
            blocs.push(Bloc::Intertitre(1, "Modulation de l'aide".to_string()));
            blocs.extend(modalites::modulation(ctx));
        }
    }
    blocs.push(Bloc::Intertitre(1, "Suivi du contrat".to_string()));
    blocs.extend(modalites::suivi(ctx));
    blocs
}
