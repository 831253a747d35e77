//! The 2025 recovery contract (modèle `redressement_2025`, instruction
//! 2025/145): objet, durée, engagements financiers, leviers, aide with the
//! ONDAM reserve, conditions de versement, suivi, modulation, révision.

use super::contrat::{Article, Ctx, Document, Kind};
use super::modalites::{aide, conditions, modulation, revision, suivi};
use super::objectifs;
use super::texte;
use super::Bloc;
use crate::ast::ClauseKind;

/// The articles of the 2025 contract; the rest is the common document.
pub(super) fn adapter(ctx: &Ctx, doc: &mut Document) {
    doc.articles = ctx
        .kinds
        .iter()
        .enumerate()
        .map(|(i, kind)| article(ctx, *kind, i + 1))
        .collect();
}

pub(super) fn kinds(ctx: &Ctx) -> Vec<Kind> {
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
        partie: None,
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
    // A duration in years from the signature (spec §4): say when it ends.
    match (ctx.annees_pleines(), ctx.contrat.fin, ctx.duree_en_mots()) {
        (Some(_), _, Some(d)) => blocs.push(Bloc::Paragraphe(format!("Il dure {d}."))),
        (None, Some((f, _)), _) => {
            blocs.push(Bloc::Paragraphe(format!("Il prend fin le {}.", f.french())));
        }
        _ => {}
    }
    if let Some(r) =
        ctx.reference(|k| matches!(k, ClauseKind::Duree { .. } | ClauseKind::DureeAns { .. }))
    {
        blocs.push(Bloc::Mention(format!("Référence : {r}.")));
    }
    blocs
}
