//! Reports of the diagnosis, one module per `--format`: `text` (groups and
//! ranked establishments, each with its crossed thresholds), `json` (exact
//! decimal strings in base units, derivations), `markdown` (tables per
//! group) and `html` (the same, as a self-contained page, with the
//! documents' style). Pure: [`Diagnosis`] + [`SourceMap`] → text.

pub mod html;
pub mod json;
pub mod markdown;
pub mod text;

use super::{Diagnosis, EstablishmentDiagnosis, Franchissement, GroupInfo};
use crate::source::SourceMap;

/// A diagnosis report format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Markdown,
    Html,
}

/// The whole report, written to `out`.
pub fn write(
    format: Format,
    d: &Diagnosis,
    map: &SourceMap,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Json => json::write(d, map, out),
        _ => out.write_all(report(format, d, map).as_bytes()),
    }
}

/// The whole report as text.
pub fn report(format: Format, d: &Diagnosis, map: &SourceMap) -> String {
    match format {
        Format::Text => text::report(d),
        Format::Json => json::report(d, map),
        Format::Markdown => markdown::report(d),
        Format::Html => html::report(d),
    }
}

/// `CH DE LISIEUX`, or the FINESS when the name is unknown.
pub fn nom(e: &EstablishmentDiagnosis) -> String {
    e.etablissement
        .raison_sociale
        .clone()
        .unwrap_or_else(|| format!("établissement {}", e.etablissement.finess))
}

/// `CH · public`, `catégorie inconnue`.
pub fn categorie(e: &EstablishmentDiagnosis) -> String {
    let et = &e.etablissement;
    let cat = match (&et.categorie, &et.categorie_fichier) {
        (Some(c), _) => c.clone(),
        (None, Some(raw)) => format!("catégorie « {raw} » inconnue"),
        (None, None) => "catégorie inconnue".to_string(),
    };
    match &et.statut {
        Some(s) => format!("{cat} · {s}"),
        None => cat,
    }
}

/// `résultat_principal = -5 653 336 € (< 0 €)`.
pub fn franchi(f: &Franchissement) -> String {
    format!("{} = {} ({})", f.indicateur, f.affichage, f.seuil)
}

/// The rank as shown: `3` or `3 ex aequo`.
pub fn rang(e: &EstablishmentDiagnosis) -> String {
    if e.ex_aequo {
        format!("{} ex aequo", e.rang)
    } else {
        e.rang.to_string()
    }
}

/// `critique (à contractualiser)`.
pub fn groupe_titre(g: &GroupInfo) -> String {
    if g.a_contractualiser {
        format!("{} (à contractualiser)", g.nom)
    } else {
        g.nom.clone()
    }
}

/// The group name of an establishment, or « aucun groupe ».
pub fn groupe_nom(d: &Diagnosis, e: &EstablishmentDiagnosis) -> String {
    e.groupe
        .and_then(|g| d.groupes.get(g))
        .map_or_else(|| "aucun groupe".to_string(), |g| g.nom.clone())
}

/// Missing indicators of one establishment, except those missing for all.
pub fn manquants_propres<'a>(d: &Diagnosis, e: &'a EstablishmentDiagnosis) -> Vec<&'a str> {
    e.incertains
        .iter()
        .filter(|i| i.affichage.is_none() && !d.manquants_communs.contains(&i.indicateur))
        .map(|i| i.indicateur.as_str())
        .collect()
}

/// Thresholds that cannot be told for lack of a category.
pub fn sans_categorie(e: &EstablishmentDiagnosis) -> Vec<String> {
    e.incertains
        .iter()
        .filter_map(|i| {
            let shown = i.affichage.as_ref()?;
            Some(format!("{} = {shown}", i.indicateur))
        })
        .collect()
}

/// More severe groups left undecided for this establishment's own gaps:
/// `critique (manque fonds_de_roulement)`. Gaps shared by every
/// establishment (an indicator the file does not have) are said once in
/// the heading, not here; the JSON lists them all.
pub fn indetermines(d: &Diagnosis, e: &EstablishmentDiagnosis) -> Vec<String> {
    let common = |name: &str| d.manquants_communs.iter().any(|c| c == name);
    let own_uncertainty = e
        .incertains
        .iter()
        .any(|i| i.affichage.is_some() || !common(&i.indicateur));
    e.groupes_indetermines
        .iter()
        .filter_map(|(g, why)| {
            let nom = &d.groupes.get(*g)?.nom;
            let names: Vec<&str> = why
                .iter()
                .map(String::as_str)
                .filter(|w| *w != super::groupes::SEUILS_INCERTAINS && !common(w))
                .collect();
            let counts = why.iter().any(|w| w == super::groupes::SEUILS_INCERTAINS);
            if names.is_empty() {
                (counts && own_uncertainty).then(|| nom.clone())
            } else {
                Some(format!("{nom} (manque {})", names.join(", ")))
            }
        })
        .collect()
}

/// `12 établissements`, `1 établissement`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    crate::display::count(n, one, many)
}

/// The establishments of a group, in rank order.
pub fn members(
    d: &Diagnosis,
    group: Option<usize>,
) -> impl Iterator<Item = &EstablishmentDiagnosis> {
    d.etablissements.iter().filter(move |e| e.groupe == group)
}

/// The establishment diagnosed under a FINESS.
pub fn find<'a>(d: &'a Diagnosis, finess: &str) -> Option<&'a EstablishmentDiagnosis> {
    d.etablissements
        .iter()
        .find(|e| e.etablissement.finess == finess)
}

/// One establishment as a table row (Markdown and HTML).
pub struct Ligne {
    pub rang: String,
    pub nom: String,
    pub finess: String,
    pub categorie: String,
    /// `16 (8 alertes)`, or `0`.
    pub gravite: String,
    /// `alerte caf_sur_produits = -1,6 % (< 2 %)`, most severe first.
    pub seuils: Vec<String>,
    /// Missing figures, undecided groups, contracts.
    pub notes: Vec<String>,
}

/// The row of an establishment.
pub fn ligne(d: &Diagnosis, e: &EstablishmentDiagnosis) -> Ligne {
    let mut notes = Vec::new();
    let missing = manquants_propres(d, e);
    if !missing.is_empty() {
        notes.push(format!("manquants : {}", missing.join(", ")));
    }
    let unknown = sans_categorie(e);
    if !unknown.is_empty() {
        notes.push(format!(
            "seuils selon la catégorie, inconnue : {}",
            unknown.join(", ")
        ));
    }
    let open = indetermines(d, e);
    if !open.is_empty() {
        notes.push(format!("non exclu : {}", open.join(" ; ")));
    }
    if !e.contrats.is_empty() {
        notes.push(format!("sous contrat : {}", e.contrats.join(", ")));
    }
    let gravite = if e.gravite > 0 {
        format!("{} ({})", e.gravite, text::niveaux(e))
    } else {
        "0".to_string()
    };
    Ligne {
        rang: rang(e),
        nom: nom(e),
        finess: e.etablissement.finess.clone(),
        categorie: categorie(e),
        gravite,
        seuils: e
            .franchis
            .iter()
            .map(|f| format!("{} {}", f.niveau.keyword(), franchi(f)))
            .collect(),
        notes,
    }
}

/// `établissements sans chiffre …` lines shared by Markdown and HTML.
pub fn bilan(d: &Diagnosis) -> Vec<String> {
    let mut out = Vec::new();
    if !d.sans_chiffres.is_empty() {
        let names: Vec<String> = d
            .sans_chiffres
            .iter()
            .map(|e| match &e.raison_sociale {
                Some(n) => format!("{n} ({})", e.finess),
                None => e.finess.clone(),
            })
            .collect();
        out.push(format!(
            "{} en {} mais sans aucun indicateur à seuil, non diagnostiqués : {}.",
            plural(
                d.sans_chiffres.len(),
                "établissement a des chiffres",
                "établissements ont des chiffres"
            ),
            d.exercice,
            names.join(", ")
        ));
    }
    if d.absents > 0 {
        out.push(format!(
            "{} du fichier sans chiffre en {}.",
            plural(d.absents, "établissement", "établissements"),
            d.exercice
        ));
    }
    if !d.manquants_communs.is_empty() {
        out.push(format!(
            "Indicateurs à seuil absents des chiffres (non comptés, jamais lus comme 0) : {}. \
             Un groupe qui en dépend n'est retenu que si ses autres critères suffisent.",
            d.manquants_communs.join(", ")
        ));
    }
    out
}

/// The lines of [`bilan`] other than the establishments without
/// indicators (the HTML report lists those in a table).
pub fn bilan_absents(d: &Diagnosis) -> Vec<String> {
    let skip = usize::from(!d.sans_chiffres.is_empty());
    bilan(d).into_iter().skip(skip).collect()
}

/// The contracts' cross-check as (heading, lines) blocks.
pub fn contrats(d: &Diagnosis) -> Vec<(String, Vec<String>)> {
    let Some(r) = &d.contrats else {
        return Vec::new();
    };
    let describe = |f: &String| {
        find(d, f).map(|e| format!("{} ({f}) — {}, rang {}", nom(e), groupe_nom(d, e), rang(e)))
    };
    let last = d.groupes.last().map_or("—", |g| g.nom.as_str());
    let mut out = vec![
        (
            format!(
                "Contrats en cours ou à venir en {} : {}",
                d.exercice, r.contrats
            ),
            Vec::new(),
        ),
        (
            format!("À contractualiser, sans contrat : {}", r.sans_contrat.len()),
            r.sans_contrat.iter().filter_map(describe).collect(),
        ),
        (
            format!("Sous contrat et revenus « {last} » : {}", r.revenus.len()),
            r.revenus
                .iter()
                .filter_map(|f| {
                    let e = find(d, f)?;
                    Some(format!("{} ({f}) — {}", nom(e), e.contrats.join(", ")))
                })
                .collect(),
        ),
    ];
    if !r.non_diagnostiques.is_empty() {
        out.push((
            format!(
                "Contrats dont l'établissement n'est pas diagnostiqué : {}",
                r.non_diagnostiques.len()
            ),
            r.non_diagnostiques
                .iter()
                .map(|(c, f, why)| format!("{c} (FINESS {f}) : {why}"))
                .collect(),
        ));
    }
    out
}
