//! R0501 — `trésorerie requise si EXPR`: when the condition holds on the
//! baseline figures (`référence`, objectives' `base`), given or computed by
//! the indicators' `formule`, the contract has an objective on cash
//! management: `type trésorerie`, a `levier` on a `trésorerie.*` theme, or
//! any objective on an indicator that EXPR names.

use super::Ctx;
use crate::ast::*;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::eval::figures::Val;
use crate::eval::values::{evaluate, literal, missing_name, Outcome};
use crate::model::{reference_value, Program};

/// Formulas nest a few levels at most; the bound only guards a cycle (E0104).
const DEPTH: u8 = 16;

pub fn check(ctx: &Ctx, expr: &Expr, d: &mut Diagnostics) {
    let c = ctx.contrat;
    let named: Vec<&str> = expr.names().iter().map(|i| i.name.as_str()).collect();
    if c.objectifs.iter().any(|o| answers(o, &named)) {
        return;
    }
    let mut used: Vec<String> = Vec::new();
    let mut lookup = |name: &str| -> Outcome {
        let (value, computed) = baseline(ctx.program, c, name, DEPTH)?;
        let shown = match (ctx.program.indicateur(name), &value) {
            (Some(ind), Val::Num(n)) => Some(crate::typeck::display_value(*n, ind)),
            (Some(_), Val::Date(d)) => Some(d.french()),
            _ => None,
        };
        if let Some(shown) = shown {
            used.push(if computed {
                format!("{name} = {shown}, calculé par sa formule")
            } else {
                format!("{name} = {shown}")
            });
        }
        Ok(value)
    };
    if evaluate(expr, &mut lookup) != Ok(Val::Bool(true)) {
        return;
    }
    let span = c.references.first().map_or(c.id.span, |r| r.span);
    d.push(ctx.cite(
        Diagnostic::new(Code::R0501, span, format!("les chiffres de référence imposent un objectif de trésorerie ({})", used.join(", ")))
            .label("seuil de bonne gestion dépassé")
            .help("ajoutez un objectif `type trésorerie`, un levier sur un thème `trésorerie.…`, ou un objectif sur l'un des indicateurs en cause (par exemple `jours_de_stocks` ou `délai_global_paiement`)"),
    ));
}

/// Whether an objective deals with cash management.
fn answers(o: &Objectif, named: &[&str]) -> bool {
    let kind = match &o.kind {
        Some((ObjectifType::Tresorerie, _)) => true,
        Some((ObjectifType::Levier(t), _)) => t.name.starts_with("trésorerie."),
        _ => false,
    };
    kind || o
        .indicateur
        .as_ref()
        .is_some_and(|i| named.contains(&i.name.as_str()))
}

/// The baseline of an indicator: the latest `référence`, else an
/// objective's `base`, else its `formule` over baselines (with the
/// evaluation's semantics). The flag says whether it was computed.
fn baseline(program: &Program, c: &Contrat, name: &str, depth: u8) -> Result<(Val, bool), String> {
    if let Some((_, v, _)) = reference_value(c, name) {
        return Ok((literal(v), false));
    }
    let base = c
        .objectifs
        .iter()
        .filter(|o| o.indicateur.as_ref().is_some_and(|i| i.name == name))
        .find_map(|o| o.base.as_ref().map(|b| &b.valeur));
    if let Some(v) = base {
        return Ok((literal(v), false));
    }
    let formule = program
        .indicateur(name)
        .and_then(|i| i.formule.as_ref())
        .ok_or_else(|| missing_name(name))?;
    let next = depth.checked_sub(1).ok_or_else(|| missing_name(name))?;
    let mut lookup = |n: &str| baseline(program, c, n, next).map(|(v, _)| v);
    evaluate(formule, &mut lookup).map(|v| (v, true))
}
