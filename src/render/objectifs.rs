//! The articles on objectives (financial commitments, levers) and the aid
//! schedule: one table per group of objectives (base, yearly targets,
//! weight), then each objective's sheet (text, actions with owners and
//! deadlines, expected gains), after the CREF « fiche action ».

use super::contrat::{Ctx, Kind};
use super::texte;
use super::{Bloc, Cellule, Colonne, Tableau};
use crate::ast::{Action, Aide, AideStatut, ClauseKind, GainSide, Objectif, ObjectifType};
use crate::display;
use crate::model::base_of;

pub(super) fn est_levier(o: &Objectif) -> bool {
    matches!(o.kind, Some((ObjectifType::Levier(_), _)))
}

fn est_tresorerie(o: &Objectif) -> bool {
    matches!(o.kind, Some((ObjectifType::Tresorerie, _)))
}

/// Financial and cash-management objectives.
pub(super) fn engagements(ctx: &Ctx, numero: usize) -> Vec<Bloc> {
    let objectifs = &ctx.contrat.objectifs;
    let financiers: Vec<&Objectif> = objectifs
        .iter()
        .filter(|o| !est_levier(o) && !est_tresorerie(o))
        .collect();
    let tresorerie: Vec<&Objectif> = objectifs.iter().filter(|o| est_tresorerie(o)).collect();
    let suivi = ctx
        .renvoi(Kind::Suivi)
        .map(|a| format!(" ({a})"))
        .unwrap_or_default();
    let mut blocs = vec![Bloc::Paragraphe(format!(
        "L'établissement s'engage à atteindre, pour chaque exercice, les cibles suivantes. La base est la valeur de l'indicateur avant le contrat ; le poids d'un objectif compte dans le taux de réalisation{suivi}."
    ))];
    let groups = [
        ("Objectifs financiers", financiers),
        ("Gestion de la trésorerie", tresorerie),
    ];
    let both = groups.iter().all(|(_, g)| !g.is_empty());
    for (k, (titre, group)) in groups.iter().filter(|(_, g)| !g.is_empty()).enumerate() {
        if both {
            blocs.push(Bloc::Intertitre(1, format!("{numero}.{} {titre}", k + 1)));
        } else if *titre != "Objectifs financiers" {
            blocs.push(Bloc::Intertitre(1, titre.to_string()));
        }
        blocs.push(Bloc::Tableau(tableau(ctx, group)));
        blocs.extend(fiches(group));
    }
    blocs
}

/// Lever objectives, one section per theme (in order of appearance).
pub(super) fn leviers(ctx: &Ctx, numero: usize) -> Vec<Bloc> {
    let mut themes: Vec<(&str, Vec<&Objectif>)> = Vec::new();
    for o in &ctx.contrat.objectifs {
        if let Some((ObjectifType::Levier(theme), _)) = &o.kind {
            match themes.iter_mut().find(|(t, _)| *t == theme.name) {
                Some((_, list)) => list.push(o),
                None => themes.push((theme.name.as_str(), vec![o])),
            }
        }
    }
    let mut blocs = vec![Bloc::Paragraphe(
        "Pour tenir ses engagements, l'établissement mobilise les leviers suivants, classés par thématique. Chaque levier est suivi par un indicateur et des cibles annuelles ; les actions prévues sont conduites sous la responsabilité et dans les délais indiqués.".to_string(),
    )];
    for (k, (theme, group)) in themes.iter().enumerate() {
        let libelle = ctx
            .program
            .themes
            .get(*theme)
            .and_then(|t| t.libelle.as_ref())
            .map_or_else(|| theme.replace('_', " "), |t| t.value.clone());
        let titre = match texte::famille(theme) {
            Some(f) if f != libelle => format!("{f} — {libelle}"),
            _ => libelle,
        };
        blocs.push(Bloc::Intertitre(1, format!("{numero}.{} {titre}", k + 1)));
        blocs.push(Bloc::Tableau(tableau(ctx, group)));
        blocs.extend(fiches(group));
    }
    blocs
}

/// Objective | base | one column per target year | weight.
pub(super) fn tableau(ctx: &Ctx, objectifs: &[&Objectif]) -> Tableau {
    let mut years: Vec<i32> = objectifs
        .iter()
        .flat_map(|o| o.cibles.iter().map(|c| c.annee.value))
        .collect();
    years.sort_unstable();
    years.dedup();
    let mut colonnes = vec![
        Colonne::texte("Objectif et indicateur"),
        Colonne::nombre("Base"),
    ];
    colonnes.extend(years.iter().map(|y| Colonne::nombre(format!("Cible {y}"))));
    colonnes.push(Colonne::nombre("Poids"));
    let par_gains = ctx
        .clause(|k| matches!(k, ClauseKind::PonderationParGains))
        .is_some();
    let lignes = objectifs
        .iter()
        .map(|o| {
            let indicateur = o
                .indicateur
                .as_ref()
                .map(|i| texte::indicateur_titre(ctx.program, &i.name))
                .unwrap_or_default();
            let mut row = vec![Cellule::avec_detail(titre(o), indicateur)];
            row.push(match base_of(ctx.contrat, o) {
                Some((annee, valeur, _)) => {
                    Cellule::avec_detail(texte::valeur(valeur), format!("en {annee}"))
                }
                None => Cellule::new("—"),
            });
            for y in &years {
                row.push(Cellule::new(
                    o.cibles
                        .iter()
                        .find(|c| c.annee.value == *y)
                        .map_or_else(|| "—".to_string(), |c| texte::cible(&c.comparison)),
                ));
            }
            row.push(poids(o, par_gains));
            row
        })
        .collect();
    Tableau {
        colonnes,
        lignes,
        total: None,
    }
}

pub(super) fn titre(o: &Objectif) -> String {
    o.libelle
        .as_ref()
        .map_or_else(|| o.id.name.replace('_', " "), |t| t.value.clone())
}

fn poids(o: &Objectif, par_gains: bool) -> Cellule {
    match &o.poids {
        Some(p) => Cellule::new(display::number(p.value)),
        None if par_gains && !o.gains_effectifs().is_empty() => {
            let total =
                crate::exact::euros_total(o.gains_effectifs().into_iter().map(|g| g.montant.value));
            Cellule::avec_detail(total, "gains attendus")
        }
        None => Cellule::new("1"),
    }
}

/// Each objective's sheet: its text, actions, expected gains.
pub(super) fn fiches(objectifs: &[&Objectif]) -> Vec<Bloc> {
    let mut blocs = Vec::new();
    for o in objectifs {
        let has_sheet = !o.textes.is_empty()
            || !o.actions.is_empty()
            || !o.gains_effectifs().is_empty()
            || o.justification.is_some();
        if !has_sheet {
            continue;
        }
        blocs.push(Bloc::Intertitre(2, titre(o)));
        blocs.extend(o.textes.iter().map(|t| Bloc::Markdown(t.value.clone())));
        if !o.actions.is_empty() {
            blocs.push(Bloc::Tableau(Tableau {
                colonnes: vec![
                    Colonne::texte("Action"),
                    Colonne::texte("Responsable"),
                    Colonne::texte("Échéance"),
                ],
                lignes: o
                    .actions
                    .iter()
                    .map(|a| {
                        vec![
                            Cellule::new(a.libelle.value.clone()),
                            Cellule::new(
                                a.responsable
                                    .as_ref()
                                    .map_or_else(|| "—".to_string(), |r| r.value.clone()),
                            ),
                            Cellule::new(
                                a.echeance
                                    .map_or_else(|| "—".to_string(), |(d, _)| d.french()),
                            ),
                        ]
                    })
                    .collect(),
                total: None,
            }));
        }
        for a in &o.actions {
            if let Some(t) = fiche_action(a) {
                blocs.push(Bloc::Paragraphe(format!(
                    "Fiche de l'action « {} » :",
                    a.libelle.value
                )));
                blocs.push(Bloc::Tableau(t));
            }
        }
        if !o.gains_effectifs().is_empty() {
            blocs.push(Bloc::Tableau(gains(o)));
        }
        if let Some(j) = &o.justification {
            blocs.push(Bloc::Paragraphe(format!(
                "Justification des gains sur les recettes : {}",
                texte::minuscule(&j.value)
            )));
        }
    }
    blocs
}

/// Expected impact on the result, per year: charges, revenue, total.
/// The CREF « fiche action » of an action that has one (§10): dates, budget
/// title, starting charges or revenue, gains by year, expected impact and
/// sub-actions. `None` for a plain `action "…"`.
fn fiche_action(a: &Action) -> Option<Tableau> {
    let f = &a.fiche;
    let cote = |side: GainSide| match side {
        GainSide::Charges => "sur les charges",
        GainSide::Recettes => "sur les recettes",
    };
    let mut lignes: Vec<(String, String)> = Vec::new();
    if let Some((d, _)) = f.debut {
        lignes.push(("Début".to_string(), d.french()));
    }
    if let Some(t) = &f.titre {
        lignes.push(("Titre budgétaire".to_string(), t.value.clone()));
    }
    if let Some(i) = &f.initial {
        lignes.push((
            format!("Montant initial ({})", i.annee.value),
            format!("{} {}", display::euros(i.montant.value), cote(i.side)),
        ));
    }
    for g in &f.gains {
        lignes.push((
            format!("Gain attendu {}", g.annee.value),
            format!("{} {}", display::euros(g.montant.value), cote(g.side)),
        ));
    }
    if let Some(e) = &f.economies_prevues {
        lignes.push(("Impact total prévu".to_string(), display::euros(e.value)));
    }
    for (k, sa) in f.sous_actions.iter().enumerate() {
        let total = crate::exact::euros_total(sa.gains.iter().map(|g| g.montant.value));
        // Never the identifier: a signed document names things in words.
        let nom = sa
            .libelle
            .as_ref()
            .map_or_else(|| format!("n° {}", k + 1), |l| format!("« {} »", l.value));
        lignes.push((format!("Sous-action {nom}"), total));
    }
    if lignes.is_empty() {
        return None;
    }
    Some(Tableau {
        colonnes: vec![Colonne::texte("Rubrique"), Colonne::texte("Valeur")],
        lignes: lignes
            .into_iter()
            .map(|(k, v)| vec![Cellule::new(k), Cellule::new(v)])
            .collect(),
        total: None,
    })
}

pub(super) fn gains(o: &Objectif) -> Tableau {
    let mut years: Vec<i32> = o
        .gains_effectifs()
        .into_iter()
        .map(|g| g.annee.value)
        .collect();
    years.sort_unstable();
    years.dedup();
    let sum = |year: Option<i32>, side: Option<GainSide>| -> String {
        crate::exact::euros_total(
            o.gains_effectifs()
                .into_iter()
                .filter(|g| year.is_none_or(|y| g.annee.value == y))
                .filter(|g| side.is_none_or(|s| g.side == s))
                .map(|g| g.montant.value),
        )
    };
    let row = |label: String, year: Option<i32>| {
        vec![
            Cellule::new(label),
            Cellule::new(sum(year, Some(GainSide::Charges))),
            Cellule::new(sum(year, Some(GainSide::Recettes))),
            Cellule::new(sum(year, None)),
        ]
    };
    Tableau {
        colonnes: vec![
            Colonne::texte("Gains attendus"),
            Colonne::nombre("Sur les charges"),
            Colonne::nombre("Sur les recettes"),
            Colonne::nombre("Impact sur le résultat"),
        ],
        lignes: years.iter().map(|y| row(y.to_string(), Some(*y))).collect(),
        total: (years.len() > 1).then(|| row("Total".to_string(), None)),
    }
}

/// The aid schedule: year, amount, firm or indicative, and the total.
pub(super) fn echeancier(aide: &Aide) -> Vec<Bloc> {
    let total = crate::exact::euros_total(aide.annees.iter().map(|a| a.montant.value));
    let lignes = aide
        .annees
        .iter()
        .map(|a| {
            vec![
                Cellule::new(a.annee.value.to_string()),
                Cellule::new(display::euros(a.montant.value)),
                Cellule::new(match a.statut {
                    Some(AideStatut::Ferme) => "Engagement ferme",
                    _ => "À titre indicatif",
                }),
            ]
        })
        .collect();
    vec![Bloc::Tableau(Tableau {
        colonnes: vec![
            Colonne::texte("Exercice"),
            Colonne::nombre("Montant"),
            Colonne::texte("Nature"),
        ],
        lignes,
        total: Some(vec![
            Cellule::new("Total"),
            Cellule::new(total),
            Cellule::new(""),
        ]),
    })]
}
