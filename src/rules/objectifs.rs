//! R0201–R0205 — objectives and targets: the required types (`trésorerie`
//! counts as `financier`), the first targets early enough, a target every
//! year (warning), a lever of the required theme family, not too many
//! indicators (warning).

use super::Ctx;
use crate::ast::{Ident, ObjectifType, Quantity};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use rust_decimal::prelude::ToPrimitive;
use std::collections::BTreeSet;

/// R0201: at least one objective of each listed type.
pub fn requis(ctx: &Ctx, types: &[String], d: &mut Diagnostics) {
    for wanted in types {
        let present = ctx.contrat.objectifs.iter().any(|o| {
            o.kind.as_ref().is_some_and(|(k, _)| {
                k.kind_name() == wanted
                    || (wanted == "financier" && matches!(k, ObjectifType::Tresorerie))
            })
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
                            "le contrat n'a aucun objectif de type {wanted}, exigé par {}",
                            ctx.le()
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
                "la première cible du contrat est en {}, mais {} exige des cibles dès {}",
                first.annee.value,
                ctx.le(),
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

/// R0204: some `levier` objective has a theme of the family `prefix`
/// (`territoire` covers `territoire.coopération`).
pub fn themes_requis(ctx: &Ctx, prefix: &Ident, d: &mut Diagnostics) {
    let family = prefix.name.as_str();
    let in_family = |theme: &str| {
        theme == family
            || theme
                .strip_prefix(family)
                .is_some_and(|rest| rest.starts_with('.'))
    };
    let present = ctx
        .contrat
        .objectifs
        .iter()
        .any(|o| matches!(&o.kind, Some((ObjectifType::Levier(t), _)) if in_family(&t.name)));
    if present {
        return;
    }
    let examples: Vec<&str> = ctx
        .program
        .themes
        .keys()
        .map(String::as_str)
        .filter(|t| in_family(t))
        .collect();
    let help = match examples.first() {
        Some(first) => format!(
            "ajoutez un objectif `type levier {first}` (thèmes de la famille : {})",
            examples.join(", ")
        ),
        None => format!("ajoutez un objectif levier sur un thème `{family}.…`"),
    };
    d.push(
        ctx.cite(
            Diagnostic::new(
                Code::R0204,
                ctx.contrat.id.span,
                format!(
                    "le contrat n'a aucun objectif levier de la famille de thèmes `{family}`, exigée par {}",
                    ctx.le()
                ),
            )
            .label(format!("aucun levier `{family}.…`"))
            .help(help),
        ),
    );
}

/// R0205 (warning): at most `max` distinct indicators among the objectives
/// and the conditions of payment.
pub fn indicateurs_au_plus(ctx: &Ctx, max: &Quantity, d: &mut Diagnostics) {
    let c = ctx.contrat;
    let mut names: BTreeSet<&str> = c
        .objectifs
        .iter()
        .filter_map(|o| o.indicateur.as_ref())
        .map(|i| i.name.as_str())
        .collect();
    for exige in c.conditions.iter().filter_map(|x| x.exige.as_ref()) {
        names.extend(exige.expr.names().into_iter().map(|i| i.name.as_str()));
    }
    let max = max.value.to_usize().unwrap_or(usize::MAX);
    if names.len() <= max {
        return;
    }
    d.push(
        ctx.cite(
            Diagnostic::new(
                Code::R0205,
                c.id.span,
                format!(
                    "le contrat suit {} indicateurs distincts, plus que les {max} conseillés par {}",
                    names.len(),
                    ctx.le()
                ),
            )
            .label(format!("{} indicateurs", names.len()))
            .help(format!(
                "retenez au plus {max} indicateurs, les plus significatifs : regroupez les objectifs qui mesurent la même chose"
            )),
        ),
    );
}
