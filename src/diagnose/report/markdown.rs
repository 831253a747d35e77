//! The Markdown report: the groups and their conditions, then one table
//! per group (rank, establishment, FINESS, category, gravity, thresholds
//! crossed with their values, notes), the establishments left out and,
//! with contracts, the cross-check.

use super::{bilan, contrats, groupe_titre, ligne, members, plural};
use crate::diagnose::Diagnosis;
use crate::eval::report::table::{self, col, escape, num};

pub fn report(d: &Diagnosis) -> String {
    let mut out = format!("# Diagnostic régional — exercice {}\n\n", d.exercice);
    out.push_str(&format!(
        "Classement `{}`{} · chiffres `{}` · {} diagnostiqués.\n\n",
        d.diagnostic,
        d.libelle
            .as_deref()
            .map(|l| format!(" : {}", escape(l)))
            .unwrap_or_default(),
        d.figures_path,
        plural(d.etablissements.len(), "établissement", "établissements")
    ));
    if let Some(source) = &d.source {
        out.push_str(&format!("> Source : {}\n\n", escape(source)));
    }
    let rows: Vec<Vec<String>> = d
        .groupes
        .iter()
        .map(|g| {
            vec![
                groupe_titre(g),
                g.condition
                    .as_deref()
                    .map_or_else(|| "les autres".to_string(), |c| format!("`{c}`")),
                g.effectif.to_string(),
            ]
        })
        .collect();
    out.push_str(&table::markdown(
        &[col("Groupe"), col("Condition"), num("Établissements")],
        &rows,
    ));
    out.push('\n');
    for line in bilan(d) {
        out.push_str(&escape(&line));
        out.push_str("\n\n");
    }
    for (i, g) in d.groupes.iter().enumerate() {
        out.push_str(&format!(
            "## {} — {}\n\n",
            escape(&g.nom),
            plural(g.effectif, "établissement", "établissements")
        ));
        out.push_str(&group(d, Some(i)));
    }
    if d.etablissements.iter().any(|e| e.groupe.is_none()) {
        out.push_str("## Aucun groupe\n\n");
        out.push_str(&group(d, None));
    }
    let blocks = contrats(d);
    if !blocks.is_empty() {
        out.push_str("## Contrats\n\n");
        for (heading, lines) in blocks {
            out.push_str(&format!("**{}**\n\n", escape(&heading)));
            for l in lines {
                out.push_str(&format!("- {}\n", escape(&l)));
            }
            out.push('\n');
        }
    }
    out
}

fn group(d: &Diagnosis, g: Option<usize>) -> String {
    let rows: Vec<Vec<String>> = members(d, g)
        .map(|e| {
            let l = ligne(d, e);
            vec![
                l.rang,
                l.nom,
                l.finess,
                l.categorie,
                l.gravite,
                l.seuils.join(" ; "),
                l.notes.join(" ; "),
            ]
        })
        .collect();
    if rows.is_empty() {
        return "Aucun établissement.\n\n".to_string();
    }
    let mut out = table::markdown(
        &[
            num("Rang"),
            col("Établissement"),
            col("FINESS"),
            col("Catégorie"),
            num("Gravité"),
            col("Seuils franchis"),
            col("À noter"),
        ],
        &rows,
    );
    out.push('\n');
    out
}
