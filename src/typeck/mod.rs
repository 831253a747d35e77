//! **Stage 3 — dimensions and targets (E0301–E0305).** [`Program`] → the
//! dimension of every expression, target and literal. Errors for mismatched
//! dimensions; warnings for targets that contradict the indicator's `sens`,
//! do not improve on the base, or move backwards.

mod dim;
mod montants;
mod suivi;
mod targets;

pub use dim::Ty;
pub use targets::display as display_value;

use crate::ast::*;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::model::Program;
use dim::RATIO;

/// Type-checks the whole program.
pub fn check(program: &Program, diagnostics: &mut Diagnostics) {
    let checker = Checker {
        program,
        counts: false,
    };
    for indicateur in program.indicateurs.values() {
        checker.formule(indicateur, diagnostics);
    }
    for cadre in program.cadres.values() {
        for clause in &cadre.cadre.clauses {
            if let ClauseKind::TresorerieRequiseSi(e) | ClauseKind::FinAideSi(e) = &clause.kind {
                checker.condition(e, diagnostics);
            }
        }
    }
    for contrat in &program.contrats {
        for exige in contrat.conditions.iter().filter_map(|c| c.exige.as_ref()) {
            checker.condition(&exige.expr, diagnostics);
        }
        targets::check(program, contrat, diagnostics);
    }
    suivi::check(program, diagnostics);
    montants::check(program, diagnostics);
    // Group conditions of `diagnostic` items may also count crossed thresholds.
    let groups = Checker {
        program,
        counts: true,
    };
    for def in program.diagnosis_defs.values() {
        for condition in def.groupes.iter().filter_map(|g| g.condition.as_ref()) {
            groups.condition(condition, diagnostics);
        }
    }
}

struct Checker<'a> {
    program: &'a Program,
    /// Whether `vigilances`, `alertes` and `critiques` are numbers here.
    counts: bool,
}

impl Checker<'_> {
    fn formule(&self, indicateur: &Indicateur, d: &mut Diagnostics) {
        let (Some(formule), Some((unite, unite_span))) = (&indicateur.formule, indicateur.unite)
        else {
            return;
        };
        let Some(ty) = self.expr(formule, d) else {
            return;
        };
        let expected: Ty = unite.dimension().into();
        if ty != expected {
            d.push(
                Diagnostic::new(
                    Code::E0301,
                    formule.span,
                    format!(
                        "la formule de `{}` donne {ty}, mais son unité est {expected}",
                        indicateur.id.name
                    ),
                )
                .label(format!("{ty}"))
                .secondary(unite_span, "unité déclarée")
                .help(dimension_help(expected, ty)),
            );
        }
    }

    /// A condition (`exige`, `trésorerie requise si`, `fin_aide si`, a
    /// diagnostic's `groupe … si`) must be a comparison.
    fn condition(&self, expr: &Expr, d: &mut Diagnostics) {
        if let Some(ty) = self.expr(expr, d) {
            if ty != Ty::Boolean {
                d.push(
                    Diagnostic::new(Code::E0301, expr.span, format!("une condition doit être vraie ou fausse, mais cette expression donne {ty}"))
                        .label("pas une comparaison")
                        .help("comparez-la à une valeur, par exemple `jours_de_stocks <= 28 j`"),
                );
            }
        }
    }

    /// The type of an expression, or `None` after reporting an error in it
    /// (or when a name is unknown: E0101 was already reported).
    fn expr(&self, expr: &Expr, d: &mut Diagnostics) -> Option<Ty> {
        match &expr.kind {
            ExprKind::Name(id) if self.counts && DIAGNOSTIC_COUNTS.contains(&id.name.as_str()) => {
                Some(Dimension::Number.into())
            }
            ExprKind::Name(id) => self.program.dimension_of(&id.name).map(Ty::from),
            ExprKind::Literal(v) => Some(v.dimension().into()),
            ExprKind::Paren(e) => self.expr(e, d),
            ExprKind::Unary(UnOp::Neg, e) => {
                let ty = self.expr(e, d)?;
                self.expect_quantity(ty, e, "« - »", d)
            }
            ExprKind::Unary(UnOp::Not, e) => {
                let ty = self.expr(e, d)?;
                self.expect_boolean(ty, e, "non", d)
            }
            ExprKind::Binary(op, a, b) => {
                let (ta, tb) = (self.expr(a, d), self.expr(b, d));
                self.binary(*op, (ta?, a), (tb?, b), expr, d)
            }
            ExprKind::Call(func, args) => self.call(*func, args, expr, d),
        }
    }

    fn binary(
        &self,
        op: BinOp,
        (ta, a): (Ty, &Expr),
        (tb, b): (Ty, &Expr),
        whole: &Expr,
        d: &mut Diagnostics,
    ) -> Option<Ty> {
        let result = match op {
            BinOp::Or | BinOp::And => {
                let word = if op == BinOp::Or { "ou" } else { "et" };
                self.expect_boolean(ta, a, word, d)?;
                return self.expect_boolean(tb, b, word, d);
            }
            BinOp::Cmp(cmp) => {
                if ta == tb && ta != Ty::Boolean
                    || (ta == Ty::Boolean && tb == Ty::Boolean && cmp == CmpOp::Eq)
                {
                    return Some(Ty::Boolean);
                }
                d.push(
                    Diagnostic::new(
                        Code::E0301,
                        whole.span,
                        format!("comparaison impossible : {ta} {} {tb}", cmp.symbol()),
                    )
                    .label(format!("{ta} comparé à {tb}"))
                    .secondary(a.span, format!("{ta}"))
                    .secondary(b.span, format!("{tb}"))
                    .help(dimension_help(ta, tb)),
                );
                return None;
            }
            BinOp::Add => ta.add(tb, false),
            BinOp::Sub => ta.add(tb, true),
            BinOp::Mul => ta.times(tb),
            BinOp::Div => ta.per(tb),
        };
        if result.is_none() {
            let symbol = match op {
                BinOp::Add => "+",
                BinOp::Sub => "-",
                BinOp::Mul => "*",
                _ => "/",
            };
            d.push(
                Diagnostic::new(
                    Code::E0302,
                    whole.span,
                    format!("calcul impossible : {ta} {symbol} {tb}"),
                )
                .label("dimensions incompatibles")
                .secondary(a.span, format!("{ta}"))
                .secondary(b.span, format!("{tb}"))
                .help(dimension_help(ta, tb)),
            );
        }
        result
    }

    fn call(&self, func: Func, args: &[Expr], whole: &Expr, d: &mut Diagnostics) -> Option<Ty> {
        let types: Vec<Option<Ty>> = args.iter().map(|a| self.expr(a, d)).collect();
        let expected_args = if func == Func::Abs { 1 } else { 2 };
        if args.len() != expected_args {
            d.push(
                Diagnostic::new(
                    Code::E0302,
                    whole.span,
                    format!(
                        "`{}` prend {expected_args} argument(s), pas {}",
                        func.name(),
                        args.len()
                    ),
                )
                .label("nombre d'arguments")
                .help(if func == Func::Abs {
                    "écrivez `abs(x)`"
                } else {
                    "écrivez par exemple `min(a, b)`"
                }),
            );
            return None;
        }
        let types: Vec<Ty> = types.into_iter().collect::<Option<_>>()?;
        let first = *types.first()?;
        for (ty, arg) in types.iter().zip(args).skip(1) {
            if *ty != first {
                d.push(
                    Diagnostic::new(
                        Code::E0302,
                        whole.span,
                        format!("`{}` compare {first} et {ty}", func.name()),
                    )
                    .label("dimensions incompatibles")
                    .secondary(arg.span, format!("{ty}"))
                    .help(dimension_help(first, *ty)),
                );
                return None;
            }
        }
        self.expect_quantity(first, whole, func.name(), d)
    }

    fn expect_boolean(&self, ty: Ty, e: &Expr, op: &str, d: &mut Diagnostics) -> Option<Ty> {
        if ty == Ty::Boolean {
            return Some(ty);
        }
        d.push(
            Diagnostic::new(
                Code::E0302,
                e.span,
                format!("« {op} » porte sur des conditions, pas sur {ty}"),
            )
            .label(format!("{ty}"))
            .help("écrivez une comparaison, par exemple `caf_nette < 0 €`"),
        );
        None
    }

    fn expect_quantity(&self, ty: Ty, e: &Expr, op: &str, d: &mut Diagnostics) -> Option<Ty> {
        if matches!(ty, Ty::Quantity { .. }) {
            return Some(ty);
        }
        d.push(
            Diagnostic::new(
                Code::E0302,
                e.span,
                format!("« {op} » porte sur des nombres, pas sur {ty}"),
            )
            .label(format!("{ty}"))
            .help("appliquez ce calcul à un montant, un ratio ou une durée"),
        );
        None
    }
}

/// A help line for two dimensions that do not match.
pub fn dimension_help(expected: Ty, found: Ty) -> String {
    let money = Ty::from(Dimension::Money);
    match (expected, found) {
        (e, f) if e == RATIO && f == money => {
            "pour comparer un montant à un ratio, divisez-le d'abord (par exemple `caf / produits`)"
                .into()
        }
        (e, f) if e == money && f == RATIO => {
            "écrivez la valeur en euros (€, k€ ou M€) plutôt qu'en pourcentage".into()
        }
        (e, _) if e == RATIO => "écrivez la valeur en pourcentage (ex. 4 %)".into(),
        (e, _) if e == Ty::from(Dimension::Duration) => {
            "écrivez la valeur en jours (ex. 28 j)".into()
        }
        (e, _) if e == money => "écrivez la valeur en euros (ex. 1,5 M€)".into(),
        (e, _) => format!("utilisez {e} des deux côtés"),
    }
}
