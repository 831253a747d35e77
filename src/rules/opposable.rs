//! R0801 (warning) — in a framework that extends an `opposable` one,
//! directly or not, a clause looser than the inherited clause of the same
//! kind: it is added to it (both must hold, `resolve` merges them so), hence
//! without effect where it is looser. Told for intervals, lists of statuses
//! or sources, dates, month counts and other bounds.

use crate::ast::*;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::fmt::lexical::clause as written;
use crate::model::Program;
use rust_decimal::Decimal;

pub fn check(program: &Program, d: &mut Diagnostics) {
    for cadre in program.cadres.values() {
        let own = &cadre.cadre;
        // The nearest opposable ancestor (the lineage lists parents first).
        let ancestors = cadre.lignee.iter().rev().skip(1);
        let Some(opposable) = ancestors
            .filter_map(|n| program.cadres.get(n))
            .find(|c| c.cadre.opposable.is_some())
        else {
            continue;
        };
        for clause in &own.clauses {
            let inherited = opposable.clauses.iter().find(|c| {
                std::mem::discriminant(&c.kind) == std::mem::discriminant(&clause.kind)
                    && looser(&clause.kind, &c.kind)
            });
            if let Some(rule) = inherited {
                d.push(warning(clause, rule, &opposable.cadre.id.name));
            }
        }
    }
}

fn warning(clause: &Clause, rule: &Clause, opposable: &str) -> Diagnostic {
    let mine = written(&clause.kind).unwrap_or_default();
    let theirs = written(&rule.kind).unwrap_or_default();
    Diagnostic::new(
        Code::R0801,
        clause.span,
        format!(
            "« {mine} » est plus large que la règle opposable du cadre {opposable} (« {theirs} »), sans effet"
        ),
    )
    .label("plus large que la règle opposable")
    .secondary(rule.span, "règle opposable")
    .help(format!(
        "un cadre qui étend {opposable} ne peut que resserrer ses règles : les deux s'appliquent ; écrivez une clause au moins aussi stricte que « {theirs} », ou retirez celle-ci"
    ))
}

/// Whether `mine` allows something that `rule` forbids.
fn looser(mine: &ClauseKind, rule: &ClauseKind) -> bool {
    use ClauseKind as K;
    match (mine, rule) {
        (K::Duree { min: a, max: b }, K::Duree { min: c, max: e }) => {
            a.value < c.value || b.value > e.value
        }
        (K::DureeAns { min: a, max: b }, K::DureeAns { min: c, max: e }) => {
            lower(a.as_ref()) < lower(c.as_ref()) || b.value > e.value
        }
        (K::DureeRecommandee(a), K::DureeRecommandee(b)) => a.value < b.value,
        (K::IndicateursAuPlus(a), K::IndicateursAuPlus(b))
        | (K::DialogueSous(a), K::DialogueSous(b))
        | (K::GainsRecettesMaximum(a), K::GainsRecettesMaximum(b)) => a.value > b.value,
        (K::SignatureAuPlusTard(a), K::SignatureAuPlusTard(b)) => a > b,
        (K::PremieresCiblesAuPlusTard(a), K::PremieresCiblesAuPlusTard(b)) => a.value > b.value,
        (K::Statuts(a), K::Statuts(b)) => a.iter().any(|s| !b.contains(s)),
        (K::Enveloppes(a), K::Enveloppes(b)) => {
            a.iter().any(|x| !b.iter().any(|y| y.name == x.name))
        }
        (
            K::GainsMinimum {
                deficit: a,
                produits: b,
            },
            K::GainsMinimum {
                deficit: c,
                produits: e,
            },
        ) => a.value < c.value || b.value < e.value,
        _ => false,
    }
}

fn lower(q: Option<&Quantity>) -> Decimal {
    q.map_or(Decimal::ZERO, |q| q.value)
}
