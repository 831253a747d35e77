//! The contract as a document: plain data laid out after the model CPOM
//! (annexe 1 of the CPOM guide: parties, « Vu », articles, « Fait à…,
//! le… », signatures) and the CREF type (identification of the
//! establishment, yearly commitments, actions with owners and deadlines).
//!
//! [`document`] reads a checked contract; it never fails: a missing field
//! (the command refuses contracts with errors anyway) shows as « — ».
//! The framework's `modèle` (spec §5, §9) chooses the layout: the 2025
//! contract ([`super::redressement`]), the model CPOM ([`super::cpom`]),
//! the CREF type ([`super::cref`]) or the contrat performance
//! ([`super::performance`]).

use super::texte::{self, agence};
use super::{Bloc, Cellule, Colonne, Tableau};
use crate::ast::{ClauseKind, Contrat, Modulation};
use crate::date::Date;
use crate::model::{CadreEffectif, Program};
use rust_decimal::Decimal;

/// A contract as a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The contract's identifier, as a reference.
    pub id: String,
    pub titre: String,
    /// The framework's label.
    pub sous_titre: Option<String>,
    /// `Exercices 2025 à 2029`.
    pub periode: Option<String>,
    pub ars: Partie,
    pub etablissement: Partie,
    /// The other signatories (`cosignataire`: the ANAP of a contrat
    /// performance).
    pub cosignataires: Vec<Partie>,
    /// The cited texts, each line starting with « Vu ».
    pub vu: Vec<String>,
    /// The contract's `texte` blocks (Markdown).
    pub preambule: Vec<String>,
    /// `Il est convenu ce qui suit :` (the model CPOM: « Il a été
    /// expressément convenu ce qui suit »).
    pub convenu: String,
    pub articles: Vec<Article>,
    pub signature: Signature,
    pub annexes: Vec<Annexe>,
    /// Byte offsets of the contract in its file (for literate layout).
    pub debut: usize,
    pub fin: usize,
}

/// One party: its name, the lines that describe it, who represents it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partie {
    pub nom: String,
    pub details: Vec<String>,
    /// `représentée par son directeur général, ci-après « l'ARS »`.
    pub designation: String,
}

/// A numbered article (the number is its rank, from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub titre: String,
    pub blocs: Vec<Bloc>,
    /// Byte offset of the contract text it comes from, when it has one.
    pub ancre: Option<usize>,
    /// A heading that opens a group of articles before this one (the model
    /// CPOM's « Titre 1. L'objet du contrat »).
    pub partie: Option<String>,
}

impl Article {
    pub fn new(titre: impl Into<String>, blocs: Vec<Bloc>) -> Article {
        Article {
            titre: titre.into(),
            blocs,
            ancre: None,
            partie: None,
        }
    }
}

/// The closing formula and one signature box per signatory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// `Fait à Rouen, le 10 décembre 2025, en deux exemplaires originaux.`
    pub fait_le: String,
    pub signataires: Vec<Signataire>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signataire {
    pub pour: String,
    pub nom: String,
    pub qualite: String,
}

/// An annex after the signatures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annexe {
    pub titre: String,
    pub blocs: Vec<Bloc>,
}

/// The articles, in order; those that do not apply are left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Objet,
    Duree,
    Engagements,
    Leviers,
    Aide,
    Conditions,
    Suivi,
    Modulation,
    Revision,
}

/// What every article builder reads.
pub(super) struct Ctx<'a> {
    pub program: &'a Program,
    pub contrat: &'a Contrat,
    pub cadre: Option<&'a CadreEffectif>,
    pub kinds: Vec<Kind>,
}

impl<'a> Ctx<'a> {
    /// « article 5 » for a present article, else `None`.
    pub fn renvoi(&self, kind: Kind) -> Option<String> {
        self.kinds
            .iter()
            .position(|k| *k == kind)
            .map(|i| format!("article {}", i + 1))
    }

    /// A clause in force: the framework's, else that of an envelope the
    /// contract draws on (§5 « Envelope clauses »).
    pub fn clause(&self, pred: impl Fn(&ClauseKind) -> bool) -> Option<&'a crate::ast::Clause> {
        self.program
            .clauses_in_force(self.contrat)
            .into_iter()
            .find(|c| pred(&c.kind))
    }

    /// A parameter of the clauses in force: `ctx.parametre(|k| match k {
    /// ClauseKind::CompteFinancierAuPlusTard(d, _) => Some(*d), _ => None })`.
    pub fn parametre<T>(&self, f: impl Fn(&'a ClauseKind) -> Option<T>) -> Option<T> {
        self.program
            .clauses_in_force(self.contrat)
            .into_iter()
            .find_map(|cl| f(&cl.kind))
    }

    /// The short citation of a clause in force, for small print.
    pub fn reference(&self, pred: impl Fn(&ClauseKind) -> bool) -> Option<String> {
        let clause = self.clause(pred)?;
        let from_cadre = self.cadre.and_then(|c| {
            c.clauses
                .iter()
                .any(|x| std::ptr::eq(x, clause))
                .then(|| c.citation(clause))
                .flatten()
        });
        let citation = from_cadre.or_else(|| clause.source.as_ref().map(|t| t.value.clone()))?;
        Some(texte::reference_courte(&citation))
    }

    pub fn periode(&self) -> Option<(i32, i32)> {
        self.contrat
            .periode
            .as_ref()
            .map(|p| (p.debut.value, p.fin.value))
    }

    /// The planned aid of a year, if the schedule has one.
    pub fn aide_prevue(&self, annee: i32) -> Option<Decimal> {
        let aide = self.contrat.aide()?;
        aide.annees
            .iter()
            .find(|a| a.annee.value == annee)
            .map(|a| a.montant.value)
    }

    /// The modulation in force: the contract's, else the framework's.
    pub fn modulation(&self) -> Option<(&Modulation, bool)> {
        match &self.contrat.modulation {
            Some(m) => Some((m, true)),
            None => self.cadre.and_then(|c| c.modulation()).map(|m| (m, false)),
        }
    }

    /// The contract's last day: `fin le`, else 31 December of the period's
    /// last exercice (spec §4).
    pub fn fin(&self) -> Option<Date> {
        self.contrat
            .fin
            .map(|(d, _)| d)
            .or_else(|| self.periode().and_then(|(_, b)| Date::new(b, 12, 31)))
    }

    /// The duration in whole years from the signature, when the end is the
    /// day before an anniversary of it (« deux ans à compter de sa
    /// signature »).
    pub fn annees_pleines(&self) -> Option<u32> {
        let debut = self.contrat.signe.map(|(d, _)| d)?;
        let fin = self.fin()?;
        (1..=10).find(|n| veille(debut.add_months(12 * n)) == fin)
    }

    /// How long the contract lasts, after « conclu pour »: `deux ans à
    /// compter de sa signature, soit jusqu'au 29 octobre 2027`, else `la
    /// période du 30 octobre 2025, date de sa signature, au 31 décembre 2026`.
    pub fn duree_en_mots(&self) -> Option<String> {
        let fin = self.fin()?;
        match (self.annees_pleines(), self.contrat.signe) {
            (Some(n), _) => Some(format!(
                "{} à compter de sa signature, soit jusqu'au {}",
                ans(n),
                fin.french()
            )),
            (None, Some((d, _))) => Some(format!(
                "la période du {}, date de sa signature, au {}",
                d.french(),
                fin.french()
            )),
            (None, None) => Some(format!("une durée s'achevant le {}", fin.french())),
        }
    }

    /// The years with at least one target, in order.
    pub fn annees_de_cibles(&self) -> Vec<i32> {
        let mut years: Vec<i32> = self
            .contrat
            .objectifs
            .iter()
            .flat_map(|o| o.cibles.iter().map(|c| c.annee.value))
            .collect();
        years.sort_unstable();
        years.dedup();
        years
    }
}

/// `deux ans`, `un an`.
pub(super) fn ans(n: u32) -> String {
    if n == 1 {
        "un an".to_string()
    } else {
        format!("{} ans", texte::en_lettres(i64::from(n)))
    }
}

/// The day before a date.
fn veille(d: Date) -> Date {
    if d.day > 1 {
        Date {
            day: d.day - 1,
            ..d
        }
    } else {
        let prev = d.add_months(11);
        let year = if d.month == 1 { d.year - 1 } else { d.year };
        let month = prev.month;
        Date {
            year,
            month,
            day: crate::date::days_in_month(year, month),
        }
    }
}

fn text(t: &Option<crate::ast::Text>) -> String {
    t.as_ref()
        .map_or_else(|| "—".to_string(), |t| t.value.clone())
}

/// Builds the document of one checked contract, after its framework's
/// model.
pub fn document(program: &Program, contrat: &Contrat) -> Document {
    let cadre = program.cadre_of(contrat);
    let mut ctx = Ctx {
        program,
        contrat,
        cadre,
        kinds: Vec::new(),
    };
    let modele = super::modele::Modele::of(cadre);
    if modele == super::modele::Modele::Redressement2025 {
        ctx.kinds = super::redressement::kinds(&ctx);
    }
    let mut doc = commun(&ctx);
    match modele {
        super::modele::Modele::Redressement2025 => super::redressement::adapter(&ctx, &mut doc),
        super::modele::Modele::Cpom => super::cpom::adapter(&ctx, &mut doc),
        super::modele::Modele::Cref => super::cref::adapter(&ctx, &mut doc),
        super::modele::Modele::ContratPerformance => {
            super::performance::adapter(&ctx, &mut doc);
        }
    }
    doc
}

/// The parts every model shares: title, parties, « Vu », preamble,
/// signatures of the ARS and the establishment, the baseline annex.
fn commun(ctx: &Ctx) -> Document {
    let (program, contrat, cadre) = (ctx.program, ctx.contrat, ctx.cadre);
    let ars_nom = contrat
        .ars
        .as_ref()
        .map_or_else(|| "—".to_string(), |t| agence(&t.value));
    let etab = contrat.etablissement.as_ref();
    let etab_nom = text(&etab.and_then(|e| e.raison_sociale.clone()));
    let statut = etab
        .and_then(|e| e.statut.as_ref())
        .map(|s| s.name.as_str());
    Document {
        id: contrat.id.name.clone(),
        titre: text(&contrat.intitule),
        sous_titre: cadre
            .and_then(|c| c.cadre.libelle.as_ref())
            .map(|t| t.value.clone()),
        periode: ctx.periode().map(|(a, b)| format!("Exercices {a} à {b}")),
        ars: Partie {
            nom: ars_nom.clone(),
            details: Vec::new(),
            designation: "représentée par son directeur général, ci-après désignée « l'ARS »"
                .to_string(),
        },
        etablissement: Partie {
            nom: etab_nom.clone(),
            details: etablissement_details(contrat),
            designation: format!(
                "représenté par {}, ci-après désigné « l'établissement »",
                texte::representant(statut).replacen("le ", "son ", 1)
            ),
        },
        cosignataires: Vec::new(),
        vu: vu(program, contrat, cadre),
        preambule: contrat.textes.iter().map(|t| t.value.clone()).collect(),
        convenu: "Il est convenu ce qui suit :".to_string(),
        articles: Vec::new(),
        signature: Signature {
            fait_le: fait_le(contrat, 2, false),
            signataires: vec![
                Signataire {
                    pour: "Pour l'Agence régionale de santé,".to_string(),
                    nom: ars_nom,
                    qualite: "Le directeur général".to_string(),
                },
                Signataire {
                    pour: "Pour l'établissement,".to_string(),
                    nom: etab_nom,
                    qualite: texte::majuscule(texte::representant(statut)),
                },
            ],
        },
        annexes: annexes(program, contrat),
        debut: contrat.span.start as usize,
        fin: contrat.span.end as usize,
    }
}

/// `Fait à Rouen, le 10 décembre 2025, en deux exemplaires originaux.`;
/// with `blanc`, a missing place or date is a blank to fill in (the model
/// CPOM's « Fait à XXXXX, le XXXXX »).
pub(super) fn fait_le(contrat: &Contrat, exemplaires: i64, blanc: bool) -> String {
    const BLANC: &str = "……………………";
    let lieu = match (&contrat.lieu, blanc) {
        (Some(l), _) => format!(" à {}", l.value),
        (None, true) => format!(" à {BLANC}"),
        (None, false) => String::new(),
    };
    let date = match (contrat.signe, blanc) {
        (Some((d, _)), _) => format!(" le {}", d.french()),
        (None, true) => format!(" le {BLANC}"),
        (None, false) => String::new(),
    };
    let virgule = if lieu.is_empty() || date.is_empty() {
        ""
    } else {
        ","
    };
    let sep = if lieu.is_empty() && date.is_empty() {
        ""
    } else {
        ","
    };
    format!(
        "Fait{lieu}{virgule}{date}{sep} en {} exemplaires originaux.",
        texte::en_lettres(exemplaires)
    )
}

fn etablissement_details(contrat: &Contrat) -> Vec<String> {
    let Some(e) = &contrat.etablissement else {
        return Vec::new();
    };
    let mut first = Vec::new();
    if let Some(s) = e.statut.as_ref().and_then(|s| texte::statut(&s.name)) {
        first.push(s.to_string());
    }
    if let Some(c) = &e.categorie {
        first.push(format!("catégorie {}", c.name));
    }
    if let Some(f) = &e.finess {
        first.push(format!("FINESS {}", f.value));
    }
    let mut second = Vec::new();
    if let Some(g) = &e.ght {
        second.push(format!("membre du {}", g.value));
    }
    if let Some(r) = &e.region {
        second.push(format!("région {}", r.value));
    }
    [first, second]
        .into_iter()
        .filter(|l| !l.is_empty())
        .map(|l| texte::majuscule(&l.join(" — ")))
        .collect()
}

/// The framework's texts (parents first, `;` separating several), then the
/// documents its clauses and the envelope cite that are not yet listed. A
/// guide is never a visa: it is not a legal text.
fn vu(program: &Program, contrat: &Contrat, cadre: Option<&CadreEffectif>) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    let add = |items: &mut Vec<String>, doc: String| {
        if !doc.is_empty() && !texte::deja_cite(items, &doc) {
            items.push(doc);
        }
    };
    if let Some(cadre) = cadre {
        for name in &cadre.lignee {
            let source = program
                .cadres
                .get(name)
                .and_then(|c| c.cadre.source.as_ref());
            for part in source.map(|s| s.value.split(" ; ")).into_iter().flatten() {
                add(&mut items, part.trim().to_string());
            }
        }
        for clause in &cadre.clauses {
            if let Some(source) = &clause.source {
                add(&mut items, texte::document_cite(&source.value));
            }
        }
    }
    let enveloppe = contrat
        .aide()
        .and_then(|a| program.enveloppes.get(&a.enveloppe.name))
        .and_then(|e| e.source.as_ref());
    if let Some(source) = enveloppe {
        add(&mut items, texte::document_cite(&source.value));
    }
    items
        .iter()
        .filter(|i| !texte::est_guide(i))
        .map(|i| texte::vu(i))
        .collect()
}

/// The baseline figures (`référence`), one table per year.
pub(super) fn annexes(program: &Program, contrat: &Contrat) -> Vec<Annexe> {
    if contrat.references.is_empty() {
        return Vec::new();
    }
    let mut blocs = vec![Bloc::Paragraphe(
        "Les valeurs suivantes décrivent la situation de l'établissement avant le contrat ; elles servent de base aux objectifs qui n'en fixent pas.".to_string(),
    )];
    for r in &contrat.references {
        if contrat.references.len() > 1 {
            blocs.push(Bloc::Intertitre(2, format!("Exercice {}", r.annee.value)));
        }
        blocs.push(Bloc::Tableau(Tableau {
            colonnes: vec![
                Colonne::texte("Indicateur"),
                Colonne::nombre(format!("Valeur {}", r.annee.value)),
            ],
            lignes: r
                .valeurs
                .iter()
                .map(|l| {
                    vec![
                        Cellule::new(texte::indicateur_titre(program, &l.indicateur.name)),
                        Cellule::new(texte::valeur(&l.valeur)),
                    ]
                })
                .collect(),
            total: None,
        }));
    }
    let annee = contrat
        .references
        .iter()
        .map(|r| r.annee.value)
        .max()
        .map(|y| format!(" ({y})"))
        .unwrap_or_default();
    vec![Annexe {
        titre: format!("Situation financière de référence{annee}"),
        blocs,
    }]
}
