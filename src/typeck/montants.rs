//! Amounts and weights written as literals (E0301): an aid line, a
//! `versement`, a `gain`, a `délégation` line, an `enveloppe` amount or part
//! must carry a money unit (`2 M€`, not `2`); a `poids` is a plain number
//! (`poids 3`, not `poids 30 %`). (A negative aid amount is E0501, in
//! `validate`.)
//!
//! A bare number is never read as euros: `2` could be 2 €, 2 k€ or 2 M€,
//! and the difference is the hospital's aid.

use crate::ast::{Dimension, Quantity, Unit};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::model::Program;

pub fn check(program: &Program, d: &mut Diagnostics) {
    for contrat in &program.contrats {
        for aide in &contrat.aides {
            for line in &aide.annees {
                money(
                    &line.montant,
                    &format!("le montant d'aide {}", line.annee.value),
                    d,
                );
            }
            for montant in aide.versements.iter().filter_map(|v| v.montant.as_ref()) {
                money(montant, "le montant d'un versement", d);
            }
        }
        for objectif in &contrat.objectifs {
            for gain in &objectif.gains {
                money(&gain.montant, &format!("le gain {}", gain.annee.value), d);
            }
            if let Some(poids) = &objectif.poids {
                plain_weight(poids, &objectif.id.name, d);
            }
        }
    }
    for delegation in &program.delegations {
        for line in &delegation.annees {
            let what = format!("la délégation {}", line.annee.value);
            money(&line.montant, &what, d);
        }
    }
    for enveloppe in program.enveloppes.values() {
        if let Some(montant) = &enveloppe.montant {
            money(montant, "le montant de l'enveloppe", d);
        }
        for (statut, part) in &enveloppe.parts {
            money(part, &format!("la part {}", statut.name), d);
        }
    }
}

/// E0301 when an amount is not in euros; the help rewrites it (`écrivez
/// `2 M€``).
fn money(q: &Quantity, what: &str, d: &mut Diagnostics) {
    if q.unit.dimension() == Dimension::Money {
        return;
    }
    let written = crate::display::number(q.written());
    let (message, help) = if q.unit == Unit::None {
        (
            format!("{what} n'a pas d'unité : « {written} » peut se lire en €, en k€ ou en M€"),
            bare_help(q),
        )
    } else {
        (
            format!(
                "{what} est en {} : un montant s'écrit en euros",
                q.unit.symbol()
            ),
            format!("écrivez par exemple `{written} M€`"),
        )
    };
    d.push(
        Diagnostic::new(Code::E0301, q.span, message)
            .label("montant sans unité monétaire")
            .help(help),
    );
}

/// How to write a bare amount: `2` is probably `2 M€` or `2 k€`;
/// `1500000` is `1 500 000 €` (or `1,5 M€`).
fn bare_help(q: &Quantity) -> String {
    let v = q.value;
    let written = crate::display::number(v);
    let thousand = rust_decimal::Decimal::from(1000);
    let million = rust_decimal::Decimal::from(1_000_000);
    if v.abs() >= million {
        let m = crate::display::number(v / million);
        format!("écrivez `{written} €` (ou `{m} M€`)")
    } else if v.abs() >= thousand {
        let k = crate::display::number(v / thousand);
        format!("écrivez `{written} €` (ou `{k} k€`)")
    } else {
        format!("écrivez `{written} M€`, ou `{written} k€` s'il s'agit de milliers d'euros")
    }
}

/// E0301 when a weight carries a unit.
fn plain_weight(q: &Quantity, objectif: &str, d: &mut Diagnostics) {
    if q.unit == Unit::None {
        return;
    }
    let written = crate::display::number(q.written());
    d.push(
        Diagnostic::new(
            Code::E0301,
            q.span,
            format!(
                "le poids de l'objectif `{objectif}` est un nombre sans unité, pas « {written} {} »",
                q.unit.symbol()
            ),
        )
        .label("unité en trop")
        .help(format!(
            "écrivez `poids {written}` : les poids se comparent entre objectifs (poids 3 pèse trois fois poids 1)"
        )),
    );
}
