//! The HTML report: one self-contained page with the documents' style
//! ([`crate::render::html::Page`], tables, badges): the groups and their
//! conditions, one table per group, the establishments left out and, with
//! contracts, the cross-check. Every piece of text is escaped.

use super::{bilan, contrats, groupe_titre, ligne, members, plural};
use crate::diagnose::{Diagnosis, GroupInfo};
use crate::render::escape::{el, element, Html};
use crate::render::html::{table, texte, Page};
use crate::render::style::Ton;
use crate::render::{Cellule, Colonne, Tableau};

pub fn report(d: &Diagnosis) -> String {
    let title = format!("Diagnostic régional — exercice {}", d.exercice);
    let mut body = el("h1", &[], &title);
    let mut intro = format!("Classement {}", d.diagnostic);
    if let Some(l) = &d.libelle {
        intro.push_str(&format!(" : {l}"));
    }
    intro.push_str(&format!(
        ". Chiffres : {}, {} diagnostiqués.",
        d.figures_path,
        plural(d.etablissements.len(), "établissement", "établissements")
    ));
    body.push(element("p", &[], texte(&intro)));
    if let Some(source) = &d.source {
        body.push(element("p", &[("class", "mention")], texte(source)));
    }
    body.push(table(&groups(d)));
    for line in bilan(d) {
        body.push(element("p", &[], texte(&line)));
    }
    for (i, g) in d.groupes.iter().enumerate() {
        let mut heading = badge(d, i, g);
        heading.push_text(&format!(
            " {}",
            plural(g.effectif, "établissement", "établissements")
        ));
        body.push(element("h2", &[], heading));
        body.push(group(d, Some(i)));
    }
    if d.etablissements.iter().any(|e| e.groupe.is_none()) {
        body.push(el("h2", &[], "Aucun groupe"));
        body.push(group(d, None));
    }
    let blocks = contrats(d);
    if !blocks.is_empty() {
        body.push(el("h2", &[], "Contrats"));
        for (heading, lines) in blocks {
            body.push(el("h3", &[], &heading));
            if !lines.is_empty() {
                body.push(element(
                    "ul",
                    &[],
                    Html::concat(lines.iter().map(|l| element("li", &[], texte(l)))),
                ));
            }
        }
    }
    Page {
        title,
        sections: vec![body],
    }
    .render()
}

/// A group's badge: groups to contract in red, the last group in green,
/// the others in amber.
fn badge(d: &Diagnosis, i: usize, g: &GroupInfo) -> Html {
    let ton = if g.a_contractualiser {
        Ton::Echec
    } else if i + 1 == d.groupes.len() {
        Ton::Succes
    } else {
        Ton::Partiel
    };
    el("span", &[("class", ton.class())], &groupe_titre(g))
}

fn groups(d: &Diagnosis) -> Tableau {
    Tableau {
        colonnes: vec![
            Colonne::texte("Groupe"),
            Colonne::texte("Condition"),
            Colonne::nombre("Établissements"),
        ],
        lignes: d
            .groupes
            .iter()
            .map(|g| {
                vec![
                    Cellule::new(groupe_titre(g)),
                    Cellule::new(g.condition.clone().unwrap_or_else(|| "les autres".into())),
                    Cellule::new(g.effectif.to_string()),
                ]
            })
            .collect(),
        total: None,
    }
}

fn group(d: &Diagnosis, g: Option<usize>) -> Html {
    let lignes: Vec<Vec<Cellule>> = members(d, g)
        .map(|e| {
            let l = ligne(d, e);
            let notes = l.notes.join(" ; ");
            vec![
                Cellule::new(l.rang),
                if notes.is_empty() {
                    Cellule::new(l.nom)
                } else {
                    Cellule::avec_detail(l.nom, notes)
                },
                Cellule::new(l.finess),
                Cellule::new(l.categorie),
                Cellule::new(l.gravite),
                Cellule::new(l.seuils.join(" · ")),
            ]
        })
        .collect();
    if lignes.is_empty() {
        return el("p", &[], "Aucun établissement.");
    }
    table(&Tableau {
        colonnes: vec![
            Colonne::nombre("Rang"),
            Colonne::texte("Établissement"),
            Colonne::texte("FINESS"),
            Colonne::texte("Catégorie"),
            Colonne::nombre("Gravité"),
            Colonne::texte("Seuils franchis"),
        ],
        lignes,
        total: None,
    })
}
