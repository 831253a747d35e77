//! Exact evaluation of expressions over known values, with three-valued
//! logic: a missing value makes a result unknown (`None`) unless the other
//! side of `et`/`ou` decides it. Shared by the rules (on baseline figures)
//! and the evaluation (on actual figures).

use crate::ast::*;
use crate::date::Date;
use rust_decimal::Decimal;

/// A computed value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Val {
    Num(Decimal),
    Bool(bool),
    Date(Date),
}

impl Val {
    pub fn num(self) -> Option<Decimal> {
        match self {
            Val::Num(n) => Some(n),
            _ => None,
        }
    }

    pub fn boolean(self) -> Option<bool> {
        match self {
            Val::Bool(b) => Some(b),
            _ => None,
        }
    }
}

impl From<&Value> for Val {
    fn from(v: &Value) -> Val {
        match v {
            Value::Quantity(q) => Val::Num(q.value),
            Value::Date(d, _) => Val::Date(*d),
            Value::Bool(b, _) => Val::Bool(*b),
        }
    }
}

/// Evaluates `expr`, reading names through `lookup`. `None` when a needed
/// value is missing or a computation is undefined (division by zero, overflow).
pub fn eval(expr: &Expr, lookup: &mut dyn FnMut(&str) -> Option<Val>) -> Option<Val> {
    match &expr.kind {
        ExprKind::Name(id) => lookup(&id.name),
        ExprKind::Literal(v) => Some(v.into()),
        ExprKind::Paren(e) => eval(e, lookup),
        ExprKind::Unary(UnOp::Neg, e) => Some(Val::Num(-eval(e, lookup)?.num()?)),
        ExprKind::Unary(UnOp::Not, e) => Some(Val::Bool(!eval(e, lookup)?.boolean()?)),
        ExprKind::Binary(BinOp::And, a, b) => logic(eval(a, lookup), eval(b, lookup), false),
        ExprKind::Binary(BinOp::Or, a, b) => logic(eval(a, lookup), eval(b, lookup), true),
        ExprKind::Binary(BinOp::Cmp(op), a, b) => {
            Some(Val::Bool(compare(*op, eval(a, lookup)?, eval(b, lookup)?)?))
        }
        ExprKind::Binary(op, a, b) => arithmetic(*op, eval(a, lookup)?, eval(b, lookup)?),
        ExprKind::Call(func, args) => {
            let values: Vec<Decimal> = args
                .iter()
                .map(|a| eval(a, lookup)?.num())
                .collect::<Option<_>>()?;
            let result = match (func, values.as_slice()) {
                (Func::Abs, [x]) => x.abs(),
                (Func::Min, [x, y]) => (*x).min(*y),
                (Func::Max, [x, y]) => (*x).max(*y),
                _ => return None,
            };
            Some(Val::Num(result))
        }
    }
}

/// `et` / `ou` in Kleene's three-valued logic.
fn logic(a: Option<Val>, b: Option<Val>, or: bool) -> Option<Val> {
    let (a, b) = (a.and_then(Val::boolean), b.and_then(Val::boolean));
    let decisive = or;
    if a == Some(decisive) || b == Some(decisive) {
        return Some(Val::Bool(decisive));
    }
    let (a, b) = (a?, b?);
    Some(Val::Bool(if or { a || b } else { a && b }))
}

pub fn compare(op: CmpOp, a: Val, b: Val) -> Option<bool> {
    let ordering = match (a, b) {
        (Val::Num(x), Val::Num(y)) => x.cmp(&y),
        (Val::Date(x), Val::Date(y)) => x.cmp(&y),
        (Val::Bool(x), Val::Bool(y)) if op == CmpOp::Eq => return Some(x == y),
        _ => return None,
    };
    Some(match op {
        CmpOp::Ge => ordering.is_ge(),
        CmpOp::Le => ordering.is_le(),
        CmpOp::Gt => ordering.is_gt(),
        CmpOp::Lt => ordering.is_lt(),
        CmpOp::Eq => ordering.is_eq(),
    })
}

fn arithmetic(op: BinOp, a: Val, b: Val) -> Option<Val> {
    let (x, y) = (a.num()?, b.num()?);
    let result = match op {
        BinOp::Add => x.checked_add(y)?,
        BinOp::Sub => x.checked_sub(y)?,
        BinOp::Mul => x.checked_mul(y)?,
        BinOp::Div => x.checked_div(y)?,
        _ => return None,
    };
    Some(Val::Num(result))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{Origin, SourceMap};

    fn expr_of(text: &str) -> Expr {
        let src = format!("indicateur x {{ unité % formule {text} }}");
        let mut map = SourceMap::new();
        let id = map.add("t", src, Origin::User);
        let mut d = crate::diagnostic::Diagnostics::new();
        let parsed = crate::syntax::parse(map.get(id).unwrap(), &mut d);
        match parsed.file.unwrap().items.remove(0) {
            Item::Indicateur(i) => i.formule.unwrap(),
            _ => unreachable!(),
        }
    }

    #[test]
    fn computes_exactly_and_knows_what_it_does_not_know() {
        let mut lookup = |n: &str| match n {
            "caf" => Some(Val::Num(Decimal::from(2))),
            "produits" => Some(Val::Num(Decimal::from(100))),
            _ => None,
        };
        assert_eq!(
            eval(&expr_of("caf / produits"), &mut lookup),
            Some(Val::Num(Decimal::new(2, 2)))
        );
        assert_eq!(eval(&expr_of("caf / 0"), &mut lookup), None);
        assert_eq!(
            eval(&expr_of("inconnu > 1 ou caf > 1"), &mut lookup),
            Some(Val::Bool(true))
        );
        assert_eq!(eval(&expr_of("inconnu > 1 et caf > 1"), &mut lookup), None);
        assert_eq!(
            eval(&expr_of("inconnu > 1 et caf > 5"), &mut lookup),
            Some(Val::Bool(false))
        );
        assert_eq!(
            eval(&expr_of("max(caf, produits) - abs(-3)"), &mut lookup),
            Some(Val::Num(Decimal::from(97)))
        );
    }
}
