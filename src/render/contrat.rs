//! The contract as a document: plain data laid out after the model CPOM
//! (annexe 1 of the CPOM guide: parties, « Vu », articles, « Fait à…,
//! le… », signatures) and the CREF type (identification of the
//! establishment, yearly commitments, actions with owners and deadlines).
//!
//! [`document`] reads a checked contract; it never fails: a missing field
//! (the command refuses contracts with errors anyway) shows as « — ».

use super::modalites::{aide, conditions, modulation, revision, suivi};
use super::objectifs;
use super::texte::{self, agence};
use super::{Bloc, Cellule, Colonne, Tableau};
use crate::ast::{ClauseKind, Contrat, Modulation};
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
    /// The cited texts, each line starting with « Vu ».
    pub vu: Vec<String>,
    /// The contract's `texte` blocks (Markdown).
    pub preambule: Vec<String>,
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
}

/// The closing formula and the two signature boxes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// `Fait le 10 décembre 2025, en deux exemplaires originaux.`
    pub fait_le: String,
    pub signataires: [Signataire; 2],
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

fn text(t: &Option<crate::ast::Text>) -> String {
    t.as_ref()
        .map_or_else(|| "—".to_string(), |t| t.value.clone())
}

/// Builds the document of one checked contract.
pub fn document(program: &Program, contrat: &Contrat) -> Document {
    let cadre = program.cadre_of(contrat);
    let mut ctx = Ctx {
        program,
        contrat,
        cadre,
        kinds: Vec::new(),
    };
    ctx.kinds = kinds(&ctx);
    let articles = ctx
        .kinds
        .iter()
        .enumerate()
        .map(|(i, kind)| article(&ctx, *kind, i + 1))
        .collect();
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
        vu: vu(program, contrat, cadre),
        preambule: contrat.textes.iter().map(|t| t.value.clone()).collect(),
        articles,
        signature: Signature {
            fait_le: match contrat.signe {
                Some((d, _)) => format!("Fait le {}, en deux exemplaires originaux.", d.french()),
                None => "Fait en deux exemplaires originaux.".to_string(),
            },
            signataires: [
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
/// documents its clauses and the envelope cite that are not yet listed.
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
    items.iter().map(|i| texte::vu(i)).collect()
}

fn kinds(ctx: &Ctx) -> Vec<Kind> {
    let c = ctx.contrat;
    let has_aide = c.aide().is_some();
    let mut kinds = vec![Kind::Objet, Kind::Duree];
    if c.objectifs.iter().any(|o| !objectifs::est_levier(o)) {
        kinds.push(Kind::Engagements);
    }
    if c.objectifs.iter().any(objectifs::est_levier) {
        kinds.push(Kind::Leviers);
    }
    if has_aide {
        kinds.push(Kind::Aide);
    }
    if has_aide || !c.conditions.is_empty() {
        kinds.push(Kind::Conditions);
    }
    kinds.push(Kind::Suivi);
    if has_aide {
        kinds.push(Kind::Modulation);
    }
    kinds.push(Kind::Revision);
    kinds
}

fn article(ctx: &Ctx, kind: Kind, numero: usize) -> Article {
    let c = ctx.contrat;
    let first_objectif = |levier: bool| {
        c.objectifs
            .iter()
            .filter(|o| objectifs::est_levier(o) == levier)
            .map(|o| o.span.start as usize)
            .min()
    };
    let (titre, blocs, ancre) = match kind {
        Kind::Objet => (
            "Objet du contrat",
            objet(ctx),
            c.intitule.as_ref().map(|t| t.span.start as usize),
        ),
        Kind::Duree => (
            "Durée et entrée en vigueur",
            duree(ctx),
            c.periode.as_ref().map(|p| p.span.start as usize),
        ),
        Kind::Engagements => (
            "Engagements financiers",
            objectifs::engagements(ctx, numero),
            first_objectif(false),
        ),
        Kind::Leviers => (
            "Leviers mobilisés",
            objectifs::leviers(ctx, numero),
            first_objectif(true),
        ),
        Kind::Aide => (
            "Aide financière",
            aide(ctx),
            c.aide().map(|a| a.span.start as usize),
        ),
        Kind::Conditions => (
            "Conditions de versement",
            conditions(ctx),
            c.conditions.first().map(|x| x.span.start as usize),
        ),
        Kind::Suivi => (
            "Modalités de suivi et d'évaluation",
            suivi(ctx),
            c.dialogue.map(|(_, s)| s.start as usize),
        ),
        Kind::Modulation => (
            "Modulation de l'aide",
            modulation(ctx),
            c.modulation.as_ref().map(|m| m.span.start as usize),
        ),
        Kind::Revision => (
            "Révision du contrat",
            revision(ctx),
            c.avenants.first().map(|a| a.span.start as usize),
        ),
    };
    Article {
        titre: titre.to_string(),
        blocs,
        ancre,
    }
}

fn objet(ctx: &Ctx) -> Vec<Bloc> {
    let cadre = ctx
        .cadre
        .and_then(|c| c.cadre.libelle.as_ref())
        .map(|t| format!(" au titre du dispositif « {} »", t.value))
        .unwrap_or_default();
    let mut parts = Vec::new();
    let mut add = |kind: Kind, what: &str| {
        if let Some(a) = ctx.renvoi(kind) {
            parts.push(format!("{what} ({a})"));
        }
    };
    add(
        Kind::Engagements,
        "les engagements financiers de l'établissement",
    );
    add(Kind::Leviers, "les leviers qu'il mobilise pour les tenir");
    add(Kind::Aide, "l'aide que l'ARS lui accorde");
    add(Kind::Conditions, "les conditions de son versement");
    add(
        Kind::Suivi,
        "les modalités de suivi et d'évaluation du contrat",
    );
    let mut blocs = vec![Bloc::Paragraphe(format!(
        "Le présent contrat est conclu entre l'ARS et l'établissement{cadre}. Il inscrit l'établissement dans une trajectoire de redressement structurel de sa situation financière."
    ))];
    if !parts.is_empty() {
        blocs.push(Bloc::Paragraphe(format!(
            "Il fixe {}.",
            texte::enumeration(&parts)
        )));
    }
    blocs
}

fn duree(ctx: &Ctx) -> Vec<Bloc> {
    let mut blocs = Vec::new();
    if let Some((a, b)) = ctx.periode() {
        let n = b - a + 1;
        blocs.push(Bloc::Paragraphe(format!(
            "Le contrat est conclu pour une durée de {}, de l'exercice {a} à l'exercice {b} inclus.",
            texte::exercices(n)
        )));
    }
    blocs.push(Bloc::Paragraphe(match ctx.contrat.signe {
        Some((d, _)) => format!(
            "Il prend effet à la date de sa signature, le {}.",
            d.french()
        ),
        None => "Il prend effet à la date de sa signature.".to_string(),
    }));
    if let Some(r) = ctx.reference(|k| matches!(k, ClauseKind::Duree { .. })) {
        blocs.push(Bloc::Mention(format!("Référence : {r}.")));
    }
    blocs
}

/// The baseline figures (`référence`), one table per year.
fn annexes(program: &Program, contrat: &Contrat) -> Vec<Annexe> {
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
