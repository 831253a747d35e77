//! Dimensions of the follow-up syntax (§10, E0301): gains, initial charges
//! and planned savings of actions and sub-actions are money; in a `suivi`,
//! `réalisation` is a ratio (a percentage) and `économies` money;
//! `prévision` values have their indicator's unit.

use super::dimension_help;
use crate::ast::*;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::model::Program;

pub(super) fn check(program: &Program, d: &mut Diagnostics) {
    for c in &program.contrats {
        for line in c.previsions.iter().flat_map(|r| &r.valeurs) {
            super::targets::value_unit(
                program,
                &line.indicateur.name,
                &line.valeur,
                "la prévision",
                d,
            );
        }
        for a in c.objectifs.iter().flat_map(|o| &o.actions) {
            action(a, d);
        }
    }
    for s in &program.suivis {
        for line in &s.actions {
            if let Some(r) = &line.realisation {
                expect(
                    r,
                    Dimension::Ratio,
                    "réalisation",
                    "un pourcentage (ex. 60 %)",
                    d,
                );
            }
            if let Some(e) = &line.economies {
                expect(
                    e,
                    Dimension::Money,
                    "économies",
                    "un montant (ex. 150 k€)",
                    d,
                );
            }
        }
    }
}

fn action(a: &Action, d: &mut Diagnostics) {
    let f = &a.fiche;
    let money = |q: &Quantity, keyword: &str, d: &mut Diagnostics| {
        expect(q, Dimension::Money, keyword, "un montant (ex. 300 k€)", d)
    };
    for g in f
        .gains
        .iter()
        .chain(f.sous_actions.iter().flat_map(|s| &s.gains))
    {
        money(&g.montant, "gain", d);
    }
    if let Some(i) = &f.initial {
        money(&i.montant, "initial", d);
    }
    for q in f.economies_prevues.iter().chain(
        f.sous_actions
            .iter()
            .filter_map(|s| s.economies_prevues.as_ref()),
    ) {
        money(q, "économies_prévues", d);
    }
}

/// E0301 when `q` is not of dimension `want`. A bare number is accepted as
/// neither money nor a percentage: `60` could mean 60 % or 0,6.
fn expect(q: &Quantity, want: Dimension, keyword: &str, example: &str, d: &mut Diagnostics) {
    let found = q.unit.dimension();
    let ok = match want {
        Dimension::Ratio => q.unit == Unit::Percent,
        other => found == other,
    };
    if ok {
        return;
    }
    let found_ty = super::Ty::from(found);
    let expected_ty = super::Ty::from(want);
    let shown = if q.unit == Unit::None {
        "un nombre sans unité".to_string()
    } else {
        found_ty.to_string()
    };
    d.push(
        Diagnostic::new(
            Code::E0301,
            q.span,
            format!("`{keyword}` attend {example}, et non {shown}"),
        )
        .label(format!("attendu : {expected_ty}"))
        .help(dimension_help(expected_ty, found_ty)),
    );
}
