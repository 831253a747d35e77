//! The JSON report: one object, decimal numbers as exact strings in base
//! units (as `evaluate --format json`), `affichage` fields for people, and
//! the derivation of every crossed threshold (figure with its line in the
//! figures file, or formula).
//!
//! ```json
//! { "exercice": 2014, "diagnostic": "criticité_annexe_1",
//!   "groupes": [ { "groupe": "critique", "a_contractualiser": true, "condition": "…", "etablissements": 3 } ],
//!   "etablissements": [ { "finess": "…", "groupe": "critique", "rang": 1, "gravite": 12,
//!       "seuils": [ { "indicateur": "fonds_de_roulement", "niveau": "alerte", "seuil": "< 0 €",
//!                     "valeur": "-100000", "affichage": "-100 000 €", "derivation": { … } } ],
//!       "manquants": [ … ], … } ],
//!   "sans_chiffres": [ … ], "contrats": { … }, "summary": { … } }
//! ```

use crate::diagnose::{Diagnosis, EstablishmentDiagnosis, Franchissement, Incertain};
use crate::eval::report::json::{derivation, JsonDerivation};
use crate::source::SourceMap;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct Report<'a> {
    exercice: i32,
    diagnostic: &'a str,
    libelle: Option<&'a str>,
    source: Option<&'a str>,
    chiffres: &'a str,
    prelevement_continu_annees: Option<u32>,
    groupes: Vec<Group<'a>>,
    etablissements: Vec<Establishment<'a>>,
    sans_chiffres: Vec<Identity<'a>>,
    indicateurs_absents: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    contrats: Option<Contracts<'a>>,
    summary: Summary<'a>,
}

#[derive(Serialize)]
struct Group<'a> {
    groupe: &'a str,
    a_contractualiser: bool,
    condition: Option<&'a str>,
    etablissements: usize,
}

#[derive(Serialize)]
struct Identity<'a> {
    finess: &'a str,
    raison_sociale: Option<&'a str>,
    categorie: Option<&'a str>,
    categorie_fichier: Option<&'a str>,
    statut: Option<&'a str>,
}

#[derive(Serialize)]
struct Establishment<'a> {
    #[serde(flatten)]
    identity: Identity<'a>,
    groupe: Option<&'a str>,
    rang: usize,
    ex_aequo: bool,
    gravite: u32,
    vigilances: u32,
    alertes: u32,
    critiques: u32,
    seuils: Vec<Crossing<'a>>,
    incertains: Vec<Uncertain<'a>>,
    groupes_non_exclus: Vec<Open<'a>>,
    contrats: &'a [String],
}

#[derive(Serialize)]
struct Crossing<'a> {
    indicateur: &'a str,
    niveau: &'static str,
    seuil: &'a str,
    valeur: String,
    affichage: &'a str,
    derivation: JsonDerivation<'a>,
}

#[derive(Serialize)]
struct Uncertain<'a> {
    indicateur: &'a str,
    niveau_possible: &'static str,
    /// `null` when the value is missing.
    affichage: Option<&'a str>,
    raison: &'a str,
    chiffres_manquants: &'a [String],
}

#[derive(Serialize)]
struct Open<'a> {
    groupe: &'a str,
    inconnues: &'a [String],
}

#[derive(Serialize)]
struct Contracts<'a> {
    contrats: usize,
    a_contractualiser_sans_contrat: &'a [String],
    revenus_dernier_groupe: &'a [String],
    non_diagnostiques: Vec<BTreeMap<&'static str, &'a str>>,
}

#[derive(Serialize)]
struct Summary<'a> {
    etablissements: usize,
    groupes: BTreeMap<&'a str, usize>,
    sans_groupe: usize,
    sans_chiffres: usize,
    absents: usize,
}

fn identity(e: &crate::diagnose::Etablissement) -> Identity<'_> {
    Identity {
        finess: &e.finess,
        raison_sociale: e.raison_sociale.as_deref(),
        categorie: e.categorie.as_deref(),
        categorie_fichier: e.categorie_fichier.as_deref(),
        statut: e.statut.as_deref(),
    }
}

fn crossing<'a>(f: &'a Franchissement, map: &'a SourceMap) -> Crossing<'a> {
    Crossing {
        indicateur: &f.indicateur,
        niveau: f.niveau.keyword(),
        seuil: &f.seuil,
        valeur: f.valeur.exact(),
        affichage: &f.affichage,
        derivation: derivation(&f.derivation, map),
    }
}

fn uncertain(i: &Incertain) -> Uncertain<'_> {
    Uncertain {
        indicateur: &i.indicateur,
        niveau_possible: i.niveau.keyword(),
        affichage: i.affichage.as_deref(),
        raison: &i.raison,
        chiffres_manquants: &i.chiffres_manquants,
    }
}

fn establishment<'a>(
    d: &'a Diagnosis,
    e: &'a EstablishmentDiagnosis,
    map: &'a SourceMap,
) -> Establishment<'a> {
    let group = |g: usize| d.groupes.get(g).map(|g| g.nom.as_str());
    Establishment {
        identity: identity(&e.etablissement),
        groupe: e.groupe.and_then(group),
        rang: e.rang,
        ex_aequo: e.ex_aequo,
        gravite: e.gravite,
        vigilances: e.vigilances,
        alertes: e.alertes,
        critiques: e.critiques,
        seuils: e.franchis.iter().map(|f| crossing(f, map)).collect(),
        incertains: e.incertains.iter().map(uncertain).collect(),
        groupes_non_exclus: e
            .groupes_indetermines
            .iter()
            .filter_map(|(g, why)| {
                Some(Open {
                    groupe: group(*g)?,
                    inconnues: why,
                })
            })
            .collect(),
        contrats: &e.contrats,
    }
}

fn whole<'a>(d: &'a Diagnosis, map: &'a SourceMap) -> Report<'a> {
    Report {
        exercice: d.exercice,
        diagnostic: &d.diagnostic,
        libelle: d.libelle.as_deref(),
        source: d.source.as_deref(),
        chiffres: &d.figures_path,
        prelevement_continu_annees: d.prelevement_annees,
        groupes: d
            .groupes
            .iter()
            .map(|g| Group {
                groupe: &g.nom,
                a_contractualiser: g.a_contractualiser,
                condition: g.condition.as_deref(),
                etablissements: g.effectif,
            })
            .collect(),
        etablissements: d
            .etablissements
            .iter()
            .map(|e| establishment(d, e, map))
            .collect(),
        sans_chiffres: d.sans_chiffres.iter().map(identity).collect(),
        indicateurs_absents: &d.manquants_communs,
        contrats: d.contrats.as_ref().map(|r| Contracts {
            contrats: r.contrats,
            a_contractualiser_sans_contrat: &r.sans_contrat,
            revenus_dernier_groupe: &r.revenus,
            non_diagnostiques: r
                .non_diagnostiques
                .iter()
                .map(|(c, f, why)| {
                    BTreeMap::from([
                        ("contrat", c.as_str()),
                        ("finess", f.as_str()),
                        ("raison", why.as_str()),
                    ])
                })
                .collect(),
        }),
        summary: Summary {
            etablissements: d.etablissements.len(),
            groupes: d
                .groupes
                .iter()
                .map(|g| (g.nom.as_str(), g.effectif))
                .collect(),
            sans_groupe: d
                .etablissements
                .iter()
                .filter(|e| e.groupe.is_none())
                .count(),
            sans_chiffres: d.sans_chiffres.len(),
            absents: d.absents,
        },
    }
}

/// The whole diagnosis as pretty JSON.
pub fn report(d: &Diagnosis, map: &SourceMap) -> String {
    let mut text = serde_json::to_string_pretty(&whole(d, map)).unwrap_or_else(|_| "{}".into());
    text.push('\n');
    text
}

/// The whole diagnosis, streamed to a writer.
pub fn write(d: &Diagnosis, map: &SourceMap, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &whole(d, map)).map_err(std::io::Error::from)?;
    out.write_all(b"\n")
}
