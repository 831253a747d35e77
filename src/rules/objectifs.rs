//! R0201–R0203 — objectives and targets: the required types, the first
//! targets early enough, a target every year (warning).

use super::Ctx;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use std::collections::BTreeSet;

/// R0201: at least one objective of each listed type.
pub fn requis(ctx: &Ctx, types: &[String], d: &mut Diagnostics) {
    for wanted in types {
        let present = ctx.contrat.objectifs.iter().any(|o| {
            o.kind
                .as_ref()
                .is_some_and(|(k, _)| k.kind_name() == wanted)
        });
        if !present {
            let example = match wanted.as_str() {
                "levier" => "type levier activité.chirurgie_ambulatoire",
                "trésorerie" => "type trésorerie",
                _ => "type financier",
            };
            d.push(
                ctx.cite(
                    Diagnostic::new(
                        Code::R0201,
                        ctx.contrat.id.span,
                        format!(
                            "le contrat n'a aucun objectif de type {wanted}, exigé par le cadre {}",
                            ctx.cadre_name()
                        ),
                    )
                    .label(format!("aucun objectif {wanted}"))
                    .help(format!("ajoutez un objectif avec `{example}`")),
                ),
            );
        }
    }
}

/// R0202: some target falls in `year` or earlier.
pub fn premieres_cibles(ctx: &Ctx, year: crate::ast::Year, d: &mut Diagnostics) {
    let first = ctx
        .contrat
        .objectifs
        .iter()
        .flat_map(|o| &o.cibles)
        .min_by_key(|c| c.annee.value);
    let Some(first) = first else { return };
    if first.annee.value > year.value {
        d.push(ctx.cite(
            Diagnostic::new(Code::R0202, first.annee.span, format!(
                "la première cible du contrat est en {}, mais le cadre {} exige des cibles dès {}",
                first.annee.value,
                ctx.cadre_name(),
                year.value
            ))
            .label("première cible")
            .help(format!("fixez au moins une cible pour {} (les premiers résultats doivent pouvoir être constatés dès {})", year.value, year.value)),
        ));
    }
}

/// R0203 (warning): from the first target year to the year before the end
/// of the period, every year has at least one target. The last year is not
/// required: its results condition no aid of the contract (the aid of
/// *y* + 1 depends on *y*), and the spec's own example (§1) relies on it.
pub fn cibles_annuelles(ctx: &Ctx, d: &mut Diagnostics) {
    let Some(p) = ctx.periode else { return };
    let years: BTreeSet<i32> = ctx
        .contrat
        .objectifs
        .iter()
        .flat_map(|o| &o.cibles)
        .map(|c| c.annee.value)
        .collect();
    let Some(&first) = years.first() else { return };
    let missing: Vec<String> = (first..p.fin.value)
        .filter(|y| !years.contains(y))
        .map(|y| y.to_string())
        .collect();
    if missing.is_empty() {
        return;
    }
    let list = missing.join(", ");
    d.push(ctx.cite(
        Diagnostic::new(Code::R0203, p.span, format!(
            "aucune cible pour {} (de {first} à {}, chaque exercice dont les résultats conditionnent l'aide doit en avoir une)",
            plural_years(&missing),
            p.fin.value - 1
        ))
            .label(format!("sans cible : {list}"))
            .help(format!("ajoutez une cible annuelle, par exemple `cible {}: …` dans un objectif", missing.first().map_or("", String::as_str))),
    ));
}

fn plural_years(years: &[String]) -> String {
    match years {
        [one] => format!("l'exercice {one}"),
        many => format!("les exercices {}", many.join(", ")),
    }
}
