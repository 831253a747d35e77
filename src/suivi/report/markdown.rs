//! `pacte suivi --format md`: the « tableau de bord de suivi » of each
//! contract and the regional table, as Markdown. Amounts in thousands of
//! euros, as in the tools; savings are positive (Pacte's sign: the result
//! improves), the Excel export converts to the tools' sign.

use super::headings::{self, PERFORMANCE};
use super::{date, keuros, pourcent, titre_ou_defaut};
use crate::date::Date;
use crate::render::escape::md_inline;
use crate::suivi::{SuiviContrat, Tableau};
use rust_decimal::Decimal;
use std::fmt::Write;

fn table(out: &mut String, head: &[String], rows: &[Vec<String>]) {
    let cell = |c: &String| md_inline(c).replace('|', "\\|");
    let _ = writeln!(
        out,
        "| {} |",
        head.iter().map(cell).collect::<Vec<_>>().join(" | ")
    );
    let _ = writeln!(out, "|{}", " --- |".repeat(head.len()));
    for r in rows {
        let _ = writeln!(
            out,
            "| {} |",
            r.iter().map(cell).collect::<Vec<_>>().join(" | ")
        );
    }
    out.push('\n');
}

fn s(text: &str) -> String {
    text.to_string()
}

fn k(v: Decimal) -> String {
    keuros(v)
}

fn opt(v: Option<String>) -> String {
    v.unwrap_or_else(|| "—".to_string())
}

pub fn write(t: &Tableau) -> String {
    let mut out = String::new();
    for c in &t.contrats {
        out.push_str(&contrat(t.date, c));
        out.push('\n');
    }
    out.push_str(&regional(t));
    out
}

/// One contract's dashboard.
pub fn contrat(at: Date, c: &SuiviContrat) -> String {
    let mut out = String::new();
    let nom = c.raison_sociale.as_deref().unwrap_or(&c.contrat);
    let _ = writeln!(
        out,
        "# Tableau de bord de suivi du CREF — {}\n",
        md_inline(nom)
    );
    let _ = writeln!(out, "Suivi au {} · contrat `{}`\n", date(at), c.contrat);
    fiche(&mut out, c);
    engagements(&mut out, c);
    actions(&mut out, c);
    suivi(&mut out, c);
    historique(&mut out, c);
    fiches_action(&mut out, c);
    out
}

fn fiche(out: &mut String, c: &SuiviContrat) {
    out.push_str("## Fiche signalétique\n\n");
    let periode = c.periode.map(|(a, b)| format!("{a} à {b}"));
    let rows = vec![
        vec![s("Raison sociale"), opt(c.raison_sociale.clone())],
        vec![s("Catégorie"), opt(c.categorie.clone())],
        vec![s("N° Finess"), opt(c.finess.clone())],
        vec![s("Date de signature du CREF"), opt(c.signe.map(date))],
        vec![s("Durée du CREF, période"), opt(periode)],
        vec![
            s("Montant engagements ARS"),
            format!("{} k€", k(c.engagement_ars)),
        ],
        vec![s("Chef de projet"), opt(c.chef_de_projet.clone())],
    ];
    table(out, &[s("Identification de l'établissement"), s("")], &rows);
}

fn engagements(out: &mut String, c: &SuiviContrat) {
    if !c.aide.is_empty() {
        out.push_str("## Engagements de l'ARS (en milliers d'€)\n\n");
        let head: Vec<String> = c.aide.iter().map(|(a, _)| a.to_string()).collect();
        let row: Vec<String> = c.aide.iter().map(|(_, m)| k(*m)).collect();
        table(out, &head, &[row]);
    }
    if c.previsions.is_empty() {
        return;
    }
    out.push_str("## Engagements de résultats de l'ES (en milliers d'€)\n\n");
    let mut keys: Vec<&str> = Vec::new();
    for p in &c.previsions {
        for (key, _) in &p.valeurs {
            if !keys.contains(&key.as_str()) {
                keys.push(key);
            }
        }
    }
    let mut head = vec![s("")];
    head.extend(c.previsions.iter().map(|p| p.annee.to_string()));
    let rows: Vec<Vec<String>> = keys
        .iter()
        .map(|key| {
            let mut row = vec![key.replace('_', " ")];
            for p in &c.previsions {
                let v = p.valeurs.iter().find(|(k2, _)| k2 == key).map(|(_, v)| *v);
                row.push(opt(v.map(|v| valeur(key, v))));
            }
            row
        })
        .collect();
    table(out, &head, &rows);
}

/// A forecast value: ratios (marge, CAF / produits) in %, money in k€.
fn valeur(key: &str, v: Decimal) -> String {
    if v.abs() < Decimal::ONE && !v.is_zero() || key.contains("marge") || key.contains("_sur_") {
        pourcent(v)
    } else {
        k(v)
    }
}

fn actions(out: &mut String, c: &SuiviContrat) {
    let _ = writeln!(
        out,
        "## Actions ({}, économies positives)\n",
        headings::UNITE
    );
    let mut head = vec![
        s("n°"),
        s("Intitulé de l'action"),
        s("Titre"),
        s("Economies totales prévues"),
    ];
    for a in &c.annees {
        head.push(format!("{a} charges"));
        head.push(format!("{a} recettes"));
        head.push(format!("{a} total"));
    }
    head.push(s("Impact total calculé"));
    head.push(s(headings::ECART_CIBLE));
    let rows: Vec<Vec<String>> = c
        .actions
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let mut row = vec![
                (i + 1).to_string(),
                a.libelle.clone(),
                s(titre_ou_defaut(a.titre.as_deref())),
                k(a.poids),
            ];
            for y in &c.annees {
                let g = a.gains.iter().find(|g| g.annee == *y);
                row.push(k(g.map_or(Decimal::ZERO, |g| g.charges)));
                row.push(k(g.map_or(Decimal::ZERO, |g| g.recettes)));
                row.push(k(g.map_or(Decimal::ZERO, |g| g.total())));
            }
            row.push(k(a.total_gains));
            row.push(k(a.poids - a.total_gains));
            row
        })
        .collect();
    table(out, &head, &rows);
    out.push_str("### Par titre\n\n");
    let rows: Vec<Vec<String>> = c
        .titres
        .iter()
        .map(|t| {
            let total: Decimal = t.gains.iter().map(|g| g.total()).sum();
            vec![
                s(titre_ou_defaut(t.titre.as_deref())),
                k(total),
                k(t.prevu_a_date),
                k(t.realise),
            ]
        })
        .collect();
    table(
        out,
        &[
            s("Titre"),
            s("Impact total prévu"),
            s("Prévu à date"),
            s("Réalisé"),
        ],
        &rows,
    );
}

fn suivi(out: &mut String, c: &SuiviContrat) {
    match c.dernier_suivi {
        Some(d) => {
            let _ = writeln!(out, "## Suivi du {}\n", date(d));
        }
        None => {
            out.push_str("## Suivi\n\nAucun suivi à cette date.\n\n");
            return;
        }
    }
    let rows: Vec<Vec<String>> = c
        .actions
        .iter()
        .map(|a| {
            let r = a.releve.as_ref();
            vec![
                a.libelle.clone(),
                opt(r.and_then(|r| r.realisation).map(pourcent)),
                k(a.prevu.total),
                opt(r.and_then(|r| r.economies).map(k)),
                opt(a.ecart.map(k)),
                opt(r.and_then(|r| r.commentaire.clone())),
            ]
        })
        .collect();
    let head = [
        s("Intitulé de l'action"),
        s("Niveau de réalisation"),
        s("Economies prévues à date (k€)"),
        s("Economies réalisées (k€)"),
        s("Ecart constaté (k€)"),
        s("Commentaire"),
    ];
    table(out, &head, &rows);
    let globale = c
        .realisation_globale
        .map_or(s("#DIV/0! (aucun impact attendu)"), pourcent);
    let _ = writeln!(out, "**{}** : {globale}\n", headings::GLOBAL);
    let _ = writeln!(out, "*{}.*\n", headings::GLOBAL_NOTE);
    let _ = writeln!(
        out,
        "Total : prévu à date {} k€, réalisé {} k€, écart {} k€.\n",
        k(c.prevu_a_date),
        k(c.realise),
        k(c.ecart)
    );
    if let Some(d) = c.prochaine_rencontre {
        let _ = writeln!(out, "**{}** : {}\n", headings::PROCHAINE, date(d));
    }
    for com in &c.commentaires {
        let _ = writeln!(out, "> {}\n", md_inline(com.trim()).replace('\n', "\n> "));
    }
}

fn historique(out: &mut String, c: &SuiviContrat) {
    if c.historique.len() < 2 {
        return;
    }
    out.push_str("## Historique des suivis\n\n");
    let rows: Vec<Vec<String>> = c
        .historique
        .iter()
        .map(|p| {
            vec![
                date(p.date),
                opt(p.realisation_globale.map(pourcent)),
                k(p.prevu_a_date),
                k(p.realise),
            ]
        })
        .collect();
    let head = [
        s("Date de suivi"),
        s("Réalisation globale"),
        s("Prévu à date (k€)"),
        s("Réalisé (k€)"),
    ];
    table(out, &head, &rows);
}

/// The fiches of some actions (`crate::suivi::fiches_action`) as Markdown,
/// self-contained: for the CREF document's « analyse détaillée des actions ».
pub fn fiches(actions: &[crate::suivi::ActionSuivi]) -> String {
    let mut out = String::new();
    fiches_de(&mut out, actions);
    out
}

fn fiches_action(out: &mut String, c: &SuiviContrat) {
    fiches_de(out, &c.actions);
}

fn fiches_de(out: &mut String, actions: &[crate::suivi::ActionSuivi]) {
    for (i, a) in actions.iter().enumerate() {
        let _ = writeln!(
            out,
            "## Fiche action n°{} — {}\n",
            i + 1,
            md_inline(&a.libelle)
        );
        let duree = match (a.debut, a.echeance) {
            (Some(d), Some(e)) => Some(format!("du {} au {}", date(d), date(e))),
            (None, Some(e)) => Some(format!("jusqu'au {}", date(e))),
            (Some(d), None) => Some(format!("à partir du {}", date(d))),
            (None, None) => None,
        };
        let rows = vec![
            vec![s("Objectif"), format!("`{}`", a.objectif)],
            vec![s("Durée de l'action"), opt(duree)],
            vec![s("Responsable de l'action"), opt(a.responsable.clone())],
            vec![s("Titre"), s(titre_ou_defaut(a.titre.as_deref()))],
            vec![
                s(headings::INITIALES),
                opt(a.initial.map(|(y, m, _)| format!("{} k€ ({y})", k(m)))),
            ],
            vec![
                s("Impact total prévu de l'action"),
                format!("{} k€", k(a.poids)),
            ],
        ];
        table(out, &[s(""), s("")], &rows);
        if !a.gains.is_empty() {
            let rows: Vec<Vec<String>> = a
                .gains
                .iter()
                .map(|g| {
                    vec![
                        g.annee.to_string(),
                        k(g.charges),
                        k(g.recettes),
                        k(g.total()),
                    ]
                })
                .collect();
            let head = [
                s("Année"),
                s("Économies sur les charges (k€)"),
                s("Gains de recettes (k€)"),
                s(h_total()),
            ];
            table(out, &head, &rows);
        }
        if !a.sous_actions.is_empty() {
            let rows: Vec<Vec<String>> = a
                .sous_actions
                .iter()
                .map(|sa| vec![sa.id.clone(), opt(sa.libelle.clone()), k(sa.total)])
                .collect();
            table(
                out,
                &[s("Sous-action"), s("Intitulé"), s("Impact (k€)")],
                &rows,
            );
            let calc: Decimal = a.sous_actions.iter().map(|sa| sa.total).sum();
            let _ = writeln!(
                out,
                "Total calculé : {} k€ · Impact total prévu de l'action : {} k€\n",
                k(calc),
                k(a.poids)
            );
        }
    }
}

/// The regional table: information, commitments, impacts and performance.
#[allow(clippy::too_many_lines)] // TODO split (issue 13: output code moving to report/)
pub fn regional(t: &Tableau) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Suivi des CREF de la région\n\nDate de suivi : {}\n",
        date(t.date)
    );
    for (c, l) in t.contrats.iter().zip(&t.regional.lignes) {
        let nom = c.raison_sociale.as_deref().unwrap_or(&c.contrat);
        let _ = writeln!(out, "## {}\n", md_inline(nom));
        let rows = vec![
            vec![s("Finess"), opt(c.finess.clone())],
            vec![s("Date de signature"), opt(c.signe.map(date))],
            vec![
                s("Période (début/fin)"),
                opt(c.periode.map(|(a, b)| format!("{a} – {b}"))),
            ],
            vec![s("Chef de projet"), opt(c.chef_de_projet.clone())],
            vec![
                s("Engagement ARS (total)"),
                format!("{} k€", k(c.engagement_ars)),
            ],
            vec![
                s("taux de réalisation engagements"),
                opt(l.taux_engagements.map(pourcent)),
            ],
        ];
        table(&mut out, &[s("Informations générales"), s("")], &rows);
        if !l.impacts.is_empty() {
            let mut head = vec![s("Impacts du CREF (k€)")];
            head.extend(l.impacts.iter().map(|i| i.annee.to_string()));
            let line = |name: &str, f: &dyn Fn(&crate::suivi::ImpactAnnee) -> String| {
                let mut row = vec![s(name)];
                row.extend(l.impacts.iter().map(f));
                row
            };
            let rows = vec![
                line("impacts charges", &|i| k(i.charges)),
                line("impact recettes", &|i| k(i.recettes)),
                line("impact total sur le résultat", &|i| k(i.total)),
                line("réalisé", &|i| opt(i.realise.map(k))),
                line("taux de réalisation engagements", &|i| {
                    opt(i.taux.map(pourcent))
                }),
            ];
            table(&mut out, &head, &rows);
        }
        if !l.performance.is_empty() {
            let mut head = vec![s("Performance de l'ES")];
            for p in &l.performance {
                head.push(format!("{} prévisions", p.annee));
                head.push(format!("{} réalisations", p.annee));
            }
            let rows: Vec<Vec<String>> = PERFORMANCE
                .iter()
                .enumerate()
                .map(|(i, name)| {
                    let cell = |v: Option<Decimal>| {
                        opt(v.map(|v| {
                            if headings::performance_ratio(i) {
                                pourcent(v)
                            } else {
                                k(v)
                            }
                        }))
                    };
                    let mut row = vec![s(name)];
                    for p in &l.performance {
                        row.push(cell(p.prevu[i]));
                        row.push(cell(p.reel[i]));
                    }
                    row
                })
                .collect();
            table(&mut out, &head, &rows);
        }
        if !c.commentaires.is_empty() {
            let _ = writeln!(
                out,
                "Commentaires : {}\n",
                md_inline(&c.commentaires.join(" ").replace('\n', " "))
            );
        }
    }
    out.push_str("## Synthèse régionale\n\n");
    let mut rows: Vec<Vec<String>> = t
        .regional
        .synthese
        .contrats
        .iter()
        .map(|(c, v)| vec![c.clone(), opt(v.map(pourcent))])
        .collect();
    rows.push(vec![
        s("Région"),
        opt(t.regional.synthese.region.map(pourcent)),
    ]);
    table(
        &mut out,
        &[
            s("Contrat"),
            s("Réalisation des objectifs financiers à date"),
        ],
        &rows,
    );
    out.push_str("## Suivi des déficits\n\n");
    let rows: Vec<Vec<String>> = t
        .regional
        .deficits
        .contrats
        .iter()
        .map(|(c, a, d, p)| {
            vec![
                c.clone(),
                opt(a.map(|a| a.to_string())),
                k(*d),
                opt(p.map(pourcent)),
            ]
        })
        .collect();
    table(
        &mut out,
        &[
            s("Contrat"),
            s("Exercice"),
            s("Déficit (k€)"),
            s("Part du déficit régional"),
        ],
        &rows,
    );
    out
}

fn h_total() -> &'static str {
    headings::IMPACT_TOTAL
}
