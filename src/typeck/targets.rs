//! Targets, bases and reference figures: their unit matches the indicator
//! (E0301), and targets go the indicator's way (E0303), improve on the base
//! (E0304) and do not move backwards (E0305).

use super::{dimension_help, Ty};
use crate::ast::*;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::model::{base_of, Program};
use rust_decimal::Decimal;

pub(super) fn check(program: &Program, contrat: &Contrat, d: &mut Diagnostics) {
    for line in contrat.references.iter().flat_map(|r| &r.valeurs) {
        value_unit(
            program,
            &line.indicateur.name,
            &line.valeur,
            "la valeur de référence",
            d,
        );
    }
    for objectif in &contrat.objectifs {
        let Some(ind) = objectif
            .indicateur
            .as_ref()
            .and_then(|i| program.indicateur(&i.name))
        else {
            continue;
        };
        let mut ok = true;
        if let Some(b) = &objectif.base {
            ok &= value_unit(program, &ind.id.name, &b.valeur, "la base", d);
        }
        for cible in &objectif.cibles {
            for v in cible.comparison.values() {
                ok &= value_unit(program, &ind.id.name, v, "la cible", d);
            }
        }
        if ok {
            directions(contrat, objectif, ind, d);
        }
    }
}

/// E0301 when a value's unit is not the indicator's; `false` if reported.
pub(super) fn value_unit(
    program: &Program,
    indicateur: &str,
    value: &Value,
    what: &str,
    d: &mut Diagnostics,
) -> bool {
    let Some(ind) = program.indicateur(indicateur) else {
        return true;
    };
    let Some((unite, unite_span)) = ind.unite else {
        return true;
    };
    let expected: Ty = unite.dimension().into();
    let found: Ty = value.dimension().into();
    let bare_for_percent = unite == UniteName::Percent
        && matches!(value, Value::Quantity(q) if q.unit == Unit::None && !q.value.is_zero());
    if found == expected && !bare_for_percent {
        return true;
    }
    let shown = if bare_for_percent {
        "un nombre sans unité".to_string()
    } else {
        found.to_string()
    };
    let help = if bare_for_percent {
        format!(
            "écrivez `{} %` si vous visez un pourcentage",
            value_text(value)
        )
    } else {
        dimension_help(expected, found)
    };
    d.push(
        Diagnostic::new(
            Code::E0301,
            value.span(),
            format!(
                "{what} de `{indicateur}` est {shown}, mais l'indicateur se mesure en {}",
                unite.keyword()
            ),
        )
        .label(format!("attendu : {expected}"))
        .secondary(unite_span, "unité de l'indicateur")
        .help(help),
    );
    false
}

fn value_text(value: &Value) -> String {
    match value {
        Value::Quantity(q) => q.written().normalize().to_string().replace('.', ","),
        other => format!("{other:?}"),
    }
}

/// The number a comparison aims at: its bound, or for `entre` the bound
/// nearer to `from`.
fn aim(cmp: &Comparison, from: Option<Decimal>) -> Option<Decimal> {
    match cmp {
        Comparison::Cmp(_, v) => v.as_quantity().map(|q| q.value),
        Comparison::Between(a, b) => {
            let (a, b) = (a.as_quantity()?.value, b.as_quantity()?.value);
            Some(match from {
                Some(f) if (f - a).abs() > (f - b).abs() => b,
                _ => a,
            })
        }
    }
}

fn directions(contrat: &Contrat, objectif: &Objectif, ind: &Indicateur, d: &mut Diagnostics) {
    let Some((sens, _)) = ind.sens else { return };
    if sens == Sens::Cible {
        return;
    }
    let up = sens == Sens::Hausse;
    for cible in &objectif.cibles {
        if let Comparison::Cmp(op, _) = cible.comparison {
            let wrong = if up {
                matches!(op, CmpOp::Le | CmpOp::Lt)
            } else {
                matches!(op, CmpOp::Ge | CmpOp::Gt)
            };
            if wrong {
                let better = if up { ">=" } else { "<=" };
                d.push(
                    Diagnostic::new(
                        Code::E0303,
                        cible.span,
                        format!(
                        "la cible {} de `{}` est « {} » alors que l'indicateur doit aller à la {}",
                        cible.annee.value, objectif.id.name, op.symbol(), sens.keyword()
                    ),
                    )
                    .label(format!(
                        "« {} » sur un indicateur en {}",
                        op.symbol(),
                        sens.keyword()
                    ))
                    .help(format!("vouliez-vous dire `{better}` ?")),
                );
            }
        }
    }
    let base = base_of(contrat, objectif).and_then(|(_, v, _)| v.as_quantity().map(|q| q.value));
    let better = |a: Decimal, b: Decimal| if up { a > b } else { a < b };
    if let Some(b) = base {
        for cible in &objectif.cibles {
            let Some(t) = aim(&cible.comparison, Some(b)) else {
                continue;
            };
            if !better(t, b) {
                d.push(
                    Diagnostic::new(
                        Code::E0304,
                        cible.span,
                        format!(
                            "la cible {} de `{}` n'améliore pas la base ({})",
                            cible.annee.value,
                            objectif.id.name,
                            display(b, ind)
                        ),
                    )
                    .label("pas d'amélioration")
                    .help(format!(
                        "visez une valeur {} à la base",
                        if up { "supérieure" } else { "inférieure" }
                    )),
                );
            }
        }
    }
    let mut by_year: Vec<&Cible> = objectif.cibles.iter().collect();
    by_year.sort_by_key(|c| c.annee.value);
    for pair in by_year.windows(2) {
        let [prev, next] = pair else { continue };
        let (Some(p), Some(n)) = (aim(&prev.comparison, base), aim(&next.comparison, base)) else {
            continue;
        };
        if better(p, n) {
            d.push(
                Diagnostic::new(Code::E0305, next.span, format!(
                    "la cible {} de `{}` ({}) recule par rapport à celle de {} ({})",
                    next.annee.value, objectif.id.name, display(n, ind), prev.annee.value, display(p, ind)
                ))
                .label("recul")
                .secondary(prev.span, "cible précédente")
                .help("les cibles d'un objectif doivent progresser d'année en année, ou rester stables"),
            );
        }
    }
}

/// A base-unit number in the indicator's display form (`4 %`, `28 j`).
pub fn display(value: Decimal, ind: &Indicateur) -> String {
    crate::display::quantity(
        value,
        ind.unite
            .map(|(u, _)| u.dimension())
            .unwrap_or(Dimension::Number),
    )
}
