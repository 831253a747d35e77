//! R0501 — `trésorerie requise si EXPR`: when the condition holds on the
//! baseline figures (`référence`, objectives' `base`), the contract has an
//! objective of type `trésorerie`.

use super::Ctx;
use crate::ast::*;
use crate::calc::{eval, Val};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::model::reference_value;

pub fn check(ctx: &Ctx, expr: &Expr, d: &mut Diagnostics) {
    let c = ctx.contrat;
    if c.objectifs
        .iter()
        .any(|o| matches!(o.kind, Some((ObjectifType::Tresorerie, _))))
    {
        return;
    }
    let mut used: Vec<String> = Vec::new();
    let mut lookup = |name: &str| {
        let value = baseline(c, name)?;
        if let Some(ind) = ctx.program.indicateur(name) {
            used.push(format!("{} = {}", name, show(value, ind)));
        }
        Some(Val::from(value))
    };
    if eval(expr, &mut lookup) != Some(Val::Bool(true)) {
        return;
    }
    let span = c.references.first().map_or(c.id.span, |r| r.span);
    d.push(ctx.cite(
        Diagnostic::new(Code::R0501, span, format!("les chiffres de référence imposent un objectif de trésorerie ({})", used.join(", ")))
            .label("seuil de bonne gestion dépassé")
            .help("ajoutez un objectif `type trésorerie`, par exemple sur `jours_de_stocks` ou `délai_global_paiement`"),
    ));
}

/// The baseline of an indicator: the latest `référence`, else an objective's `base`.
fn baseline<'a>(c: &'a Contrat, name: &str) -> Option<&'a Value> {
    if let Some((_, v, _)) = reference_value(c, name) {
        return Some(v);
    }
    c.objectifs
        .iter()
        .filter(|o| o.indicateur.as_ref().is_some_and(|i| i.name == name))
        .find_map(|o| o.base.as_ref().map(|b| &b.valeur))
}

fn show(value: &Value, ind: &Indicateur) -> String {
    match value {
        Value::Quantity(q) => crate::typeck::display_value(q.value, ind),
        Value::Date(d, _) => d.to_string(),
        Value::Bool(b, _) => if *b { "oui" } else { "non" }.into(),
    }
}
