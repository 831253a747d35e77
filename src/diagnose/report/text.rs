//! The text report: a heading, then each group with its establishments in
//! rank order, each with its crossed thresholds (value and threshold), its
//! missing figures and the more severe groups its gaps leave open; then the
//! summary and, with contracts, the cross-check.

use super::{
    categorie, franchi, groupe_titre, indetermines, manquants_propres, members, nom, plural,
    sans_categorie,
};
use crate::diagnose::{Diagnosis, EstablishmentDiagnosis};

pub fn report(d: &Diagnosis) -> String {
    let mut out = heading(d);
    for (i, g) in d.groupes.iter().enumerate() {
        out.push_str(&format!(
            "\n== {} — {}\n",
            groupe_titre(g),
            plural(g.effectif, "établissement", "établissements")
        ));
        for e in members(d, Some(i)) {
            out.push_str(&establishment(d, e));
        }
    }
    let orphans: Vec<&EstablishmentDiagnosis> = members(d, None).collect();
    if !orphans.is_empty() {
        out.push_str(&format!(
            "\n== aucun groupe — {}\n",
            plural(orphans.len(), "établissement", "établissements")
        ));
        for e in orphans {
            out.push_str(&establishment(d, e));
        }
    }
    out.push('\n');
    out.push_str(&summary(d));
    out
}

fn heading(d: &Diagnosis) -> String {
    let mut out = format!("Diagnostic régional — exercice {}\n", d.exercice);
    out.push_str(&format!(
        "classement : {}{}\n",
        d.diagnostic,
        d.libelle
            .as_deref()
            .map(|l| format!(" — {l}"))
            .unwrap_or_default()
    ));
    out.push_str(&format!(
        "chiffres : {} — {} diagnostiqués\n",
        d.figures_path,
        plural(d.etablissements.len(), "établissement", "établissements")
    ));
    if !d.manquants_communs.is_empty() {
        out.push_str(&format!(
            "indicateurs à seuil absents des chiffres (non comptés, jamais lus comme 0) : {}\n",
            d.manquants_communs.join(", ")
        ));
    }
    out
}

fn establishment(d: &Diagnosis, e: &EstablishmentDiagnosis) -> String {
    let mut out = format!(
        "{:>4}. {} — FINESS {} · {}",
        e.rang,
        nom(e),
        e.etablissement.finess,
        categorie(e)
    );
    if e.gravite > 0 {
        out.push_str(&format!(" — gravité {} ({})", e.gravite, niveaux(e)));
    }
    if e.ex_aequo {
        out.push_str(", ex aequo");
    }
    if !e.contrats.is_empty() {
        out.push_str(&format!(" — sous contrat : {}", e.contrats.join(", ")));
    }
    out.push('\n');
    for f in &e.franchis {
        out.push_str(&format!(
            "        {:<9} {}\n",
            f.niveau.keyword(),
            franchi(f)
        ));
    }
    let missing = manquants_propres(d, e);
    if !missing.is_empty() {
        out.push_str(&format!("        manquants : {}\n", missing.join(", ")));
    }
    let unknown = sans_categorie(e);
    if !unknown.is_empty() {
        out.push_str(&format!(
            "        seuils selon la catégorie, inconnue : {}\n",
            unknown.join(", ")
        ));
    }
    let open = indetermines(d, e);
    if !open.is_empty() {
        out.push_str(&format!("        non exclu : {}\n", open.join(" ; ")));
    }
    out
}

/// `1 critique, 8 alertes` (each indicator at its highest level).
pub fn niveaux(e: &EstablishmentDiagnosis) -> String {
    let parts = [
        (e.critiques, "critique", "critiques"),
        (e.alertes.saturating_sub(e.critiques), "alerte", "alertes"),
        (
            e.vigilances.saturating_sub(e.alertes),
            "vigilance",
            "vigilances",
        ),
    ];
    let shown: Vec<String> = parts
        .iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| plural(*n as usize, one, many))
        .collect();
    shown.join(", ")
}

/// Counts per group, establishments left out, and the contracts' check.
pub fn summary(d: &Diagnosis) -> String {
    let counts: Vec<String> = d
        .groupes
        .iter()
        .map(|g| format!("{} {}", g.nom, g.effectif))
        .collect();
    let mut out = format!(
        "Synthèse {} : {} — {}\n",
        d.exercice,
        plural(
            d.etablissements.len(),
            "établissement diagnostiqué",
            "établissements diagnostiqués"
        ),
        counts.join(" · ")
    );
    if !d.sans_chiffres.is_empty() {
        out.push_str(&format!(
            "{} en {} mais sans aucun indicateur à seuil (non diagnostiqués) :\n",
            plural(
                d.sans_chiffres.len(),
                "établissement a des chiffres",
                "établissements ont des chiffres"
            ),
            d.exercice,
        ));
        for e in &d.sans_chiffres {
            out.push_str(&format!(
                "   {} — {}\n",
                e.finess,
                e.raison_sociale.as_deref().unwrap_or("?")
            ));
        }
    }
    if d.absents > 0 {
        out.push_str(&format!(
            "{} du fichier sans chiffre en {}\n",
            plural(d.absents, "établissement", "établissements"),
            d.exercice
        ));
    }
    out.push_str(&contracts(d));
    out
}

fn contracts(d: &Diagnosis) -> String {
    let blocks = super::contrats(d);
    if blocks.is_empty() {
        return String::new();
    }
    let mut out = String::from("\n");
    for (heading, lines) in blocks {
        out.push_str(&heading);
        out.push('\n');
        for line in lines {
            out.push_str(&format!("   {line}\n"));
        }
    }
    out
}
