//! §8.1 — actual values. For an establishment and a year, an indicator's
//! value is its figure if the file gives one, else its `formule` computed
//! from the figures (recursively, in exact decimals), else *missing* with
//! the reason.
//!
//! [`evaluate`] is the one semantics of the expression language, used by the
//! evaluation (`exige`, `fin_aide si`, formulas), the framework rules
//! (R0501 on baseline figures) and the diagnosis (group conditions): exact
//! decimals, day arithmetic on dates, and three-valued logic — `vrai ou
//! manquant` is true, `faux et manquant` is false, anything else that needs
//! a missing value is missing.

use super::derivation::{expr_text, Derivation, StepKind};
use super::figures::{Figures, Val};
use crate::ast::{BinOp, CmpOp, Dimension, Expr, ExprKind, Func, UnOp, Value};
use crate::date::Date;
use crate::model::Program;
use rust_decimal::Decimal;
use std::cmp::Ordering;
use std::collections::HashMap;

/// Formulas nested deeper than this are refused (a cycle E0104 missed, or
/// a generated std): evaluation never recurses without bound.
const MAX_DEPTH: usize = 32;

/// An indicator's value in a year, or why it is missing, with its derivation.
#[derive(Debug, Clone)]
pub struct Actual {
    pub value: Option<Val>,
    pub derivation: Derivation,
}

/// A value or the French reason it could not be computed.
pub type Outcome = Result<Val, String>;

/// The values of one establishment, computed on demand and cached.
pub struct Values<'a> {
    program: &'a Program,
    figures: &'a Figures,
    finess: &'a str,
    cache: HashMap<(String, i32), Actual>,
    stack: Vec<String>,
}

impl<'a> Values<'a> {
    pub fn program(&self) -> &'a Program {
        self.program
    }

    pub fn new(program: &'a Program, figures: &'a Figures, finess: &'a str) -> Values<'a> {
        Values {
            program,
            figures,
            finess,
            cache: HashMap::new(),
            stack: Vec::new(),
        }
    }

    /// The display dimension of an indicator.
    pub fn dimension(&self, name: &str) -> Dimension {
        self.program.dimension_of(name).unwrap_or(Dimension::Number)
    }

    /// An indicator's value in a year (§8.1).
    pub fn indicator(&mut self, name: &str, year: i32) -> Actual {
        if let Some(found) = self.cache.get(&(name.to_string(), year)) {
            return found.clone();
        }
        let actual = self.compute(name, year);
        self.cache.insert((name.to_string(), year), actual.clone());
        actual
    }

    /// Supplies an indicator's value in a year obtained outside §8.1 (the
    /// multi-year draw count of `pacte diagnose`), unless the file gives a
    /// figure for it: a figure always wins.
    pub fn provide(&mut self, name: &str, year: i32, actual: Actual) {
        if self.figures.get(self.finess, year, name).is_none() {
            self.cache.insert((name.to_string(), year), actual);
        }
    }

    fn compute(&mut self, name: &str, year: i32) -> Actual {
        let what = format!("{name} en {year}");
        let dim = self.dimension(name);
        if let Some(figure) = self.figures.get(self.finess, year, name) {
            let derivation = Derivation::new(StepKind::Chiffre, what, "chiffre du fichier")
                .value(figure.value.exact(), figure.value.display(dim))
                .at(self.figures.span(figure));
            return Actual {
                value: Some(figure.value),
                derivation,
            };
        }
        let program = self.program;
        let formule = program.indicateur(name).and_then(|i| i.formule.as_ref());
        let Some(formule) = formule else {
            return missing(
                what,
                format!("aucun chiffre pour l'établissement {}", self.finess),
            );
        };
        if self.stack.len() >= MAX_DEPTH || self.stack.iter().any(|n| n == name) {
            return missing(what, "formule circulaire ou trop imbriquée".to_string());
        }
        self.stack.push(name.to_string());
        let (outcome, inputs) = self.expr(formule, year);
        self.stack.pop();
        let how = format!("formule : {}", expr_text(formule));
        match outcome {
            Ok(value) => Actual {
                value: Some(value),
                derivation: Derivation::new(StepKind::Formule, what, how)
                    .value(value.exact(), value.display(dim))
                    .at(formule.span)
                    .inputs(inputs),
            },
            Err(reason) => Actual {
                value: None,
                derivation: Derivation::new(StepKind::Manquant, what, format!("{how} — {reason}"))
                    .at(formule.span)
                    .inputs(inputs),
            },
        }
    }

    /// The indicators an expression needs in a year that have neither a
    /// figure nor a computable formula: the figures to ask for (`aides`
    /// for `résultat_hors_aides`), each once, in order of appearance.
    pub fn missing_leaves(&mut self, expr: &Expr, year: i32) -> Vec<String> {
        let mut out = Vec::new();
        let mut seen = Vec::new();
        self.leaves(expr, year, &mut out, &mut seen);
        out
    }

    fn leaves(&mut self, expr: &Expr, year: i32, out: &mut Vec<String>, seen: &mut Vec<String>) {
        for id in expr.names() {
            if seen.contains(&id.name) || seen.len() > MAX_DEPTH * 4 {
                continue;
            }
            seen.push(id.name.clone());
            if self.indicator(&id.name, year).value.is_some() {
                continue;
            }
            let program = self.program;
            match program
                .indicateur(&id.name)
                .and_then(|i| i.formule.as_ref())
            {
                Some(formule) => self.leaves(formule, year, out, seen),
                None => out.push(id.name.clone()),
            }
        }
    }

    /// Evaluates an expression in a year; also returns the derivations of
    /// the indicators it used (each once).
    pub fn expr(&mut self, expr: &Expr, year: i32) -> (Outcome, Vec<Derivation>) {
        let mut inputs = Vec::new();
        let outcome = self.eval(expr, year, &mut inputs);
        (outcome, inputs)
    }

    fn eval(&mut self, expr: &Expr, year: i32, inputs: &mut Vec<Derivation>) -> Outcome {
        evaluate(expr, &mut |name| {
            let actual = self.indicator(name, year);
            if !inputs.iter().any(|d| d.what == actual.derivation.what) {
                inputs.push(actual.derivation);
            }
            actual.value.ok_or_else(|| missing_name(name))
        })
    }
}

/// Evaluates an expression, reading names through `lookup` (a value, or the
/// French reason it is missing). The one evaluator of the language: see the
/// module's header.
pub fn evaluate(expr: &Expr, lookup: &mut dyn FnMut(&str) -> Outcome) -> Outcome {
    match &expr.kind {
        ExprKind::Name(id) => lookup(&id.name),
        ExprKind::Literal(v) => Ok(literal(v)),
        ExprKind::Paren(e) => evaluate(e, lookup),
        ExprKind::Unary(op, e) => unary(*op, evaluate(e, lookup)),
        ExprKind::Binary(op, a, b) => {
            let a = evaluate(a, lookup);
            let b = evaluate(b, lookup);
            binary(*op, a, b)
        }
        ExprKind::Call(func, args) => {
            let args: Vec<Outcome> = args.iter().map(|a| evaluate(a, lookup)).collect();
            call(*func, args)
        }
    }
}

/// The reason a name has no value: « x manquant ».
pub fn missing_name(name: &str) -> String {
    format!("{name} manquant")
}

fn missing(what: String, reason: String) -> Actual {
    Actual {
        value: None,
        derivation: Derivation::new(StepKind::Manquant, what, reason),
    }
}

/// A literal as a value (quantities in base units).
pub fn literal(v: &Value) -> Val {
    match v {
        Value::Quantity(q) => Val::Num(q.value),
        Value::Date(d, _) => Val::Date(*d),
        Value::Bool(b, _) => Val::Bool(*b),
    }
}

fn unary(op: UnOp, v: Outcome) -> Outcome {
    match (op, v?) {
        (UnOp::Neg, Val::Num(d)) => Ok(Val::Num(-d)),
        (UnOp::Not, Val::Bool(b)) => Ok(Val::Bool(!b)),
        _ => Err(mismatch()),
    }
}

fn mismatch() -> String {
    "types incompatibles".to_string()
}

fn binary(op: BinOp, a: Outcome, b: Outcome) -> Outcome {
    match op {
        BinOp::And => kleene(a, b, false),
        BinOp::Or => kleene(a, b, true),
        BinOp::Cmp(cmp) => compare(cmp, &a?, &b?).map(Val::Bool).ok_or_else(mismatch),
        _ => arithmetic(op, a?, b?),
    }
}

/// `et` (`decisive` = false) and `ou` (`decisive` = true): a decisive
/// operand settles the result even when the other is missing.
fn kleene(a: Outcome, b: Outcome, decisive: bool) -> Outcome {
    let as_bool = |o: &Outcome| match o {
        Ok(Val::Bool(x)) => Ok(Some(*x)),
        Ok(_) => Err(mismatch()),
        Err(_) => Ok(None),
    };
    let (x, y) = (as_bool(&a)?, as_bool(&b)?);
    if x == Some(decisive) || y == Some(decisive) {
        return Ok(Val::Bool(decisive));
    }
    match (x, y) {
        (Some(_), Some(_)) => Ok(Val::Bool(!decisive)),
        _ => Err(a.err().or(b.err()).unwrap_or_default()),
    }
}

/// Compares two values of the same kind; `None` across kinds.
pub fn compare(op: CmpOp, a: &Val, b: &Val) -> Option<bool> {
    let order = match (a, b) {
        (Val::Num(x), Val::Num(y)) => x.cmp(y),
        (Val::Date(x), Val::Date(y)) => x.cmp(y),
        (Val::Bool(x), Val::Bool(y)) if op == CmpOp::Eq => x.cmp(y),
        _ => return None,
    };
    Some(match op {
        CmpOp::Ge => order != Ordering::Less,
        CmpOp::Le => order != Ordering::Greater,
        CmpOp::Gt => order == Ordering::Greater,
        CmpOp::Lt => order == Ordering::Less,
        CmpOp::Eq => order == Ordering::Equal,
    })
}

fn arithmetic(op: BinOp, a: Val, b: Val) -> Outcome {
    let overflow = || "dépassement de capacité".to_string();
    match (op, a, b) {
        (BinOp::Div, Val::Num(_), Val::Num(y)) if y.is_zero() => {
            Err("division par zéro".to_string())
        }
        (_, Val::Num(x), Val::Num(y)) => {
            let result = match op {
                BinOp::Add => x.checked_add(y),
                BinOp::Sub => x.checked_sub(y),
                BinOp::Mul => x.checked_mul(y),
                BinOp::Div => x.checked_div(y),
                _ => None,
            };
            result.map(Val::Num).ok_or_else(overflow)
        }
        (BinOp::Sub, Val::Date(x), Val::Date(y)) => Ok(Val::Num(Decimal::from(y.days_until(x)))),
        (BinOp::Add | BinOp::Sub, Val::Date(x), Val::Num(n)) => {
            let n = n.trunc();
            let n = if op == BinOp::Sub { -n } else { n };
            let shift = i64::try_from(n).map_err(|_| overflow())?;
            Date::from_unix_days(x.day_number().saturating_add(shift))
                .map(Val::Date)
                .ok_or_else(overflow)
        }
        _ => Err(mismatch()),
    }
}

fn call(func: Func, args: Vec<Outcome>) -> Outcome {
    let mut nums = Vec::with_capacity(args.len());
    for arg in args {
        nums.push(arg?.as_num().ok_or_else(mismatch)?);
    }
    let result = match func {
        Func::Abs => nums.first().map(|d| d.abs()),
        Func::Min => nums.iter().copied().min(),
        Func::Max => nums.iter().copied().max(),
    };
    result.map(Val::Num).ok_or_else(mismatch)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_arithmetic_never_overflows() {
        let d = Val::Date(Date::new(2027, 7, 8).unwrap());
        let far = Val::Num(Decimal::from(i64::MAX / 2));
        assert!(arithmetic(BinOp::Add, d, far).is_err());
        assert!(arithmetic(BinOp::Sub, d, far).is_err());
        let later = Val::Date(Date::new(2028, 3, 1).unwrap());
        let before = Val::Date(Date::new(2028, 2, 28).unwrap());
        assert_eq!(
            arithmetic(BinOp::Sub, later, before),
            Ok(Val::Num(Decimal::from(2)))
        );
    }

    #[test]
    fn three_valued_logic() {
        let t: Outcome = Ok(Val::Bool(true));
        let f: Outcome = Ok(Val::Bool(false));
        let m: Outcome = Err("x manquant".into());
        assert_eq!(kleene(t.clone(), m.clone(), true), Ok(Val::Bool(true)));
        assert_eq!(kleene(f.clone(), m.clone(), false), Ok(Val::Bool(false)));
        assert!(kleene(t, m.clone(), false).is_err());
        assert!(kleene(f, m, true).is_err());
    }

    fn expr_of(text: &str) -> Expr {
        let src = format!("indicateur x {{ unité % formule {text} }}");
        let mut map = crate::source::SourceMap::new();
        let id = map.add("t", src, crate::source::Origin::User);
        let mut d = crate::diagnostic::Diagnostics::new();
        let parsed = crate::syntax::parse(map.get(id).unwrap(), &mut d);
        match parsed.file.unwrap().items.remove(0) {
            crate::ast::Item::Indicateur(i) => i.formule.unwrap(),
            _ => unreachable!(),
        }
    }

    #[test]
    fn computes_exactly_and_knows_what_it_does_not_know() {
        let mut lookup = |n: &str| match n {
            "caf" => Ok(Val::Num(Decimal::from(2))),
            "produits" => Ok(Val::Num(Decimal::from(100))),
            "dépôt" => Ok(Val::Date(Date::new(2026, 9, 15).unwrap())),
            _ => Err(missing_name(n)),
        };
        let mut eval = |text: &str| evaluate(&expr_of(text), &mut lookup);
        assert_eq!(eval("caf / produits"), Ok(Val::Num(Decimal::new(2, 2))));
        assert!(eval("caf / 0").is_err());
        assert_eq!(eval("inconnu > 1 ou caf > 1"), Ok(Val::Bool(true)));
        assert_eq!(
            eval("inconnu > 1 et caf > 1"),
            Err("inconnu manquant".into())
        );
        assert_eq!(eval("inconnu > 1 et caf > 5"), Ok(Val::Bool(false)));
        assert_eq!(
            eval("max(caf, produits) - abs(-3)"),
            Ok(Val::Num(Decimal::from(97)))
        );
        // Dates: a date plus days, two dates apart in days.
        assert_eq!(eval("dépôt > 2026-07-08 + 30 j"), Ok(Val::Bool(true)));
        assert_eq!(eval("dépôt - 2026-07-08"), Ok(Val::Num(Decimal::from(69))));
    }

    #[test]
    fn division_by_zero_is_missing_not_a_panic() {
        let r = arithmetic(BinOp::Div, Val::Num(Decimal::ONE), Val::Num(Decimal::ZERO));
        assert_eq!(r, Err("division par zéro".to_string()));
        let big = Val::Num(Decimal::MAX);
        assert!(arithmetic(BinOp::Mul, big, big).is_err());
    }
}
