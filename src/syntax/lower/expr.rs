//! Lowering of expressions with a Pratt parser (precedence, lowest first:
//! `ou`, `et`, `non`, comparisons, `+ -`, `* /`, unary `-`).

use super::{Lowerer, P};
use crate::ast::*;
use crate::syntax::grammar::Rule;
use pest::pratt_parser::{Assoc, Op, PrattParser};
use std::sync::LazyLock;

/// Longer expressions are refused (E0001) so that no later recursive walk
/// can overflow the stack.
pub const MAX_EXPRESSION_TERMS: usize = 512;

static PRATT: LazyLock<PrattParser<Rule>> = LazyLock::new(|| {
    PrattParser::new()
        .op(Op::infix(Rule::or, Assoc::Left))
        .op(Op::infix(Rule::and, Assoc::Left))
        .op(Op::prefix(Rule::not))
        .op(Op::infix(Rule::ge, Assoc::Left)
            | Op::infix(Rule::le, Assoc::Left)
            | Op::infix(Rule::gt, Assoc::Left)
            | Op::infix(Rule::lt, Assoc::Left)
            | Op::infix(Rule::eq, Assoc::Left))
        .op(Op::infix(Rule::add, Assoc::Left) | Op::infix(Rule::sub, Assoc::Left))
        .op(Op::infix(Rule::mul, Assoc::Left) | Op::infix(Rule::div, Assoc::Left))
        .op(Op::prefix(Rule::neg))
});

impl Lowerer<'_> {
    pub(super) fn lower_expr(&mut self, pair: P<'_>) -> Option<Expr> {
        let span = self.span(&pair);
        let terms = pair.clone().into_inner().count();
        if terms > MAX_EXPRESSION_TERMS {
            self.error(
                span,
                format!("expression trop longue ({terms} termes, au plus {MAX_EXPRESSION_TERMS})"),
                "découpez le calcul en plusieurs indicateurs avec leur propre formule",
            );
            return None;
        }
        let source = self.source;
        PRATT
            .map_primary(|p| self.lower_primary(p).ok_or(()))
            .map_prefix(move |op, rhs| {
                let rhs = rhs?;
                let start = op.as_span().start();
                let span = crate::source::Span::new(source, start, start).to(rhs.span);
                let op = if op.as_rule() == Rule::neg {
                    UnOp::Neg
                } else {
                    UnOp::Not
                };
                Ok(Expr {
                    kind: ExprKind::Unary(op, Box::new(rhs)),
                    span,
                })
            })
            .map_infix(move |lhs, op, rhs| {
                let (lhs, rhs) = (lhs?, rhs?);
                let span = lhs.span.to(rhs.span);
                Ok(Expr {
                    kind: ExprKind::Binary(bin_op(op.as_rule()), Box::new(lhs), Box::new(rhs)),
                    span,
                })
            })
            .parse(pair.into_inner())
            .ok()
    }

    fn lower_primary(&mut self, pair: P<'_>) -> Option<Expr> {
        let span = self.span(&pair);
        let kind = match pair.as_rule() {
            Rule::paren => ExprKind::Paren(Box::new(self.lower_expr(pair.into_inner().next()?)?)),
            Rule::call => {
                let mut parts = pair.into_inner();
                let func = match parts.next()?.as_str() {
                    "min" => Func::Min,
                    "max" => Func::Max,
                    _ => Func::Abs,
                };
                let mut args = Vec::new();
                for arg in parts {
                    args.push(self.lower_expr(arg)?);
                }
                ExprKind::Call(func, args)
            }
            Rule::qname => ExprKind::Name(self.ident(pair)),
            _ => ExprKind::Literal(self.value(pair)?),
        };
        Some(Expr { kind, span })
    }
}

fn bin_op(rule: Rule) -> BinOp {
    match rule {
        Rule::or => BinOp::Or,
        Rule::and => BinOp::And,
        Rule::ge => BinOp::Cmp(CmpOp::Ge),
        Rule::le => BinOp::Cmp(CmpOp::Le),
        Rule::gt => BinOp::Cmp(CmpOp::Gt),
        Rule::lt => BinOp::Cmp(CmpOp::Lt),
        Rule::eq => BinOp::Cmp(CmpOp::Eq),
        Rule::add => BinOp::Add,
        Rule::sub => BinOp::Sub,
        Rule::mul => BinOp::Mul,
        _ => BinOp::Div,
    }
}
