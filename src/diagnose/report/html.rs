//! The HTML report, written for an ARS director: a letterhead (the agency,
//! the exercice), a title, a summary of the groups, one table per group
//! that fits an A4 page (each crossed threshold written in French with the
//! indicator's label: « délai global de paiement : 126,3 j, au-delà du seuil
//! critique de 90 j »), the establishments without any indicator as a
//! table, and, with contracts, the cross-check. One self-contained page
//! with the documents' style ([`crate::render::html::Page`]); every piece of
//! text is escaped.

use super::{bilan_absents, contrats, groupe_titre, members, nom, plural, rang};
use crate::ast::Niveau;
use crate::diagnose::{Diagnosis, EstablishmentDiagnosis, Franchissement, GroupInfo};
use crate::render::escape::{el, element, Html};
use crate::render::html::{detail, grille, texte, Page};
use crate::render::style::Ton;
use crate::render::texte::{agence, minuscule};
use crate::render::Colonne;

#[allow(clippy::too_many_lines)] // TODO split (issue 13: output code moving to report/)
pub fn report(d: &Diagnosis) -> String {
    let title = format!("Diagnostic régional — exercice {}", d.exercice);
    let emetteur = d
        .agence
        .as_deref()
        .map_or_else(|| "Agence régionale de santé".to_string(), agence);
    let mut body = element(
        "header",
        &[("class", "entete")],
        Html::concat([
            element("span", &[("class", "emetteur")], texte(&emetteur)),
            element("span", &[("class", "reference")], texte(&title)),
        ]),
    );
    body.push(el(
        "h1",
        &[],
        "Diagnostic de la situation financière des établissements de santé",
    ));
    if let Some(l) = &d.libelle {
        body.push(element("p", &[("class", "sous-titre")], texte(l)));
    }
    body.push(el(
        "p",
        &[("class", "periode")],
        &format!("Exercice {}", d.exercice),
    ));
    body.push(element("p", &[], texte(&introduction(d))));
    if let Some(source) = &d.source {
        body.push(element("p", &[("class", "mention")], texte(source)));
    }
    body.push(el("h2", &[], "Synthèse"));
    body.push(groups(d));
    for line in bilan_absents(d) {
        body.push(element("p", &[], texte(&en_francais(d, &line))));
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
    if !d.sans_chiffres.is_empty() {
        body.push(el("h2", &[], "Établissements sans indicateur à seuil"));
        body.push(element(
            "p",
            &[],
            texte(&format!(
                "{} en {} mais aucun des indicateurs à seuil : ils ne sont pas diagnostiqués.",
                plural(
                    d.sans_chiffres.len(),
                    "établissement a des chiffres",
                    "établissements ont des chiffres"
                ),
                d.exercice
            )),
        ));
        body.push(sans_chiffres(d));
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
        sections: vec![element("div", &[("class", "diagnostic")], body)],
    }
    .render()
}

fn introduction(d: &Diagnosis) -> String {
    let fichier = d
        .figures_path
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(&d.figures_path);
    format!(
        "{} diagnostiqués d'après les chiffres {fichier}, classés du plus au moins critique : dans chaque groupe, par nombre de seuils franchis pondéré par leur gravité (vigilance 1, alerte 2, critique 3).",
        plural(d.etablissements.len(), "établissement", "établissements")
    )
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

fn groups(d: &Diagnosis) -> Html {
    let lignes: Vec<Vec<Html>> = d
        .groupes
        .iter()
        .enumerate()
        .map(|(i, g)| {
            vec![
                badge(d, i, g),
                texte(&g.condition.as_deref().map_or_else(
                    || "les autres établissements".to_string(),
                    |c| en_francais(d, c),
                )),
                Html::text(&g.effectif.to_string()),
            ]
        })
        .collect();
    grille(
        &[
            Colonne::texte("Groupe"),
            Colonne::texte("Critère"),
            Colonne::nombre("Établissements"),
        ],
        &lignes,
        None,
    )
}

fn group(d: &Diagnosis, g: Option<usize>) -> Html {
    let lignes: Vec<Vec<Html>> = members(d, g).map(|e| row(d, e)).collect();
    if lignes.is_empty() {
        return el("p", &[], "Aucun établissement.");
    }
    element(
        "div",
        &[("class", "etablissements")],
        grille(
            &[
                Colonne::nombre("Rang"),
                Colonne::texte("Établissement"),
                Colonne::texte("FINESS"),
                Colonne::texte("Catégorie"),
                Colonne::texte("Gravité"),
                Colonne::texte("Seuils franchis"),
            ],
            &lignes,
            None,
        ),
    )
}

fn row(d: &Diagnosis, e: &EstablishmentDiagnosis) -> Vec<Html> {
    let l = super::ligne(d, e);
    // A long name may break after a slash (« POMPIDOU/BROUSSAIS »), never
    // inside a word.
    let mut etablissement = texte(&nom(e).replace('/', "/\u{200b}"));
    for note in &l.notes {
        etablissement.push(detail(&en_francais(d, note)));
    }
    let seuils = if e.franchis.is_empty() {
        Html::text("—")
    } else {
        element(
            "ul",
            &[("class", "seuils")],
            Html::concat(
                e.franchis
                    .iter()
                    .map(|f| element("li", &[], texte(&seuil_franchi(f)))),
            ),
        )
    };
    vec![
        texte(&rang(e)),
        etablissement,
        Html::text(&l.finess),
        texte(&l.categorie),
        texte(&l.gravite),
        seuils,
    ]
}

fn sans_chiffres(d: &Diagnosis) -> Html {
    let lignes: Vec<Vec<Html>> = d
        .sans_chiffres
        .iter()
        .map(|e| {
            vec![
                texte(e.raison_sociale.as_deref().unwrap_or("—")),
                Html::text(&e.finess),
            ]
        })
        .collect();
    element(
        "div",
        &[("class", "sans-chiffres")],
        grille(
            &[Colonne::texte("Établissement"), Colonne::texte("FINESS")],
            &lignes,
            None,
        ),
    )
}

/// `délai global de paiement : 126,3 j, au-delà du seuil critique de 90 j`.
pub fn seuil_franchi(f: &Franchissement) -> String {
    let nom = f
        .libelle
        .as_deref()
        .map_or_else(|| f.indicateur.replace('_', " "), minuscule);
    let niveau = match f.niveau {
        Niveau::Vigilance => "seuil de vigilance",
        Niveau::Alerte => "seuil d'alerte",
        Niveau::Critique => "seuil critique",
    };
    let (op, valeur) = f.seuil.split_once(' ').unwrap_or(("", &f.seuil));
    let relation = match op {
        ">" => "au-delà du",
        ">=" | "≥" => "au niveau ou au-delà du",
        "<" => "en deçà du",
        "<=" | "≤" => "au niveau ou en deçà du",
        _ => return format!("{nom} : {} ({niveau} : {})", f.affichage, signes(&f.seuil)),
    };
    format!("{nom} : {}, {relation} {niveau} de {valeur}", f.affichage)
}

fn signes(text: &str) -> String {
    text.replace(">=", "≥").replace("<=", "≤")
}

/// A condition or a note for people: `≥` and `≤`, and each indicator by
/// its label (`caf_nette < 0 €` → `CAF nette < 0 €`).
fn en_francais(d: &Diagnosis, text: &str) -> String {
    let mut out = String::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        match d.libelles.get(word.as_str()) {
            Some(l) => out.push_str(&minuscule(l)),
            None => out.push_str(word),
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    signes(&out)
}
