//! The surface AST: owned plain data, a [`Span`] on every node.
//!
//! Produced by `syntax::parse`, consumed by every later stage. Type names
//! follow the language's keywords. Quantities are normalised to base units
//! (`1,5 M€` is 1 500 000 €, `6 %` is 0,06) and keep the unit they were
//! written in, so the formatter can write them back.

use crate::date::Date;
use crate::source::Span;
use rust_decimal::Decimal;

mod contrat;
mod definitions;
mod suivi;
pub use contrat::*;
pub use definitions::*;
pub use suivi::*;

/// A name as written, with its span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

/// A string or a `"""` text block, unescaped (and dedented for blocks).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub value: String,
    pub block: bool,
    pub span: Span,
}

/// The unit a quantity was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    Euro,
    KiloEuro,
    MegaEuro,
    Percent,
    Point,
    Jour,
    None,
}

/// The dimension of a value or expression (spec §4, « Expressions »).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dimension {
    Money,
    Ratio,
    Duration,
    Number,
    Boolean,
    Date,
}

impl Unit {
    pub fn dimension(self) -> Dimension {
        match self {
            Unit::Euro | Unit::KiloEuro | Unit::MegaEuro => Dimension::Money,
            Unit::Percent | Unit::Point => Dimension::Ratio,
            Unit::Jour => Dimension::Duration,
            Unit::None => Dimension::Number,
        }
    }

    /// How many base units one written unit is worth.
    pub fn scale(self) -> Decimal {
        match self {
            Unit::KiloEuro => Decimal::from(1_000),
            Unit::MegaEuro => Decimal::from(1_000_000),
            Unit::Percent | Unit::Point => Decimal::new(1, 2),
            _ => Decimal::ONE,
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Unit::Euro => "€",
            Unit::KiloEuro => "k€",
            Unit::MegaEuro => "M€",
            Unit::Percent => "%",
            Unit::Point => "pt",
            Unit::Jour => "j",
            Unit::None => "",
        }
    }
}

/// A number with its unit; `value` is in base units (euros, ratio, days).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quantity {
    pub value: Decimal,
    pub unit: Unit,
    pub span: Span,
}

impl Quantity {
    /// The number as written, before scaling (`1,5` for `1,5 M€`).
    pub fn written(&self) -> Decimal {
        let scale = self.unit.scale();
        if scale == Decimal::ONE {
            self.value
        } else {
            self.value.checked_div(scale).unwrap_or(self.value)
        }
    }
}

/// A literal value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Quantity(Quantity),
    Date(Date, Span),
    Bool(bool, Span),
}

impl Value {
    pub fn span(&self) -> Span {
        match self {
            Value::Quantity(q) => q.span,
            Value::Date(_, s) | Value::Bool(_, s) => *s,
        }
    }

    pub fn dimension(&self) -> Dimension {
        match self {
            Value::Quantity(q) => q.unit.dimension(),
            Value::Date(..) => Dimension::Date,
            Value::Bool(..) => Dimension::Boolean,
        }
    }

    pub fn as_quantity(&self) -> Option<&Quantity> {
        match self {
            Value::Quantity(q) => Some(q),
            _ => None,
        }
    }
}

/// A year in a year position, with its span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Year {
    pub value: i32,
    pub span: Span,
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CmpOp {
    Ge,
    Le,
    Gt,
    Lt,
    Eq,
}

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Ge => ">=",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Lt => "<",
            CmpOp::Eq => "=",
        }
    }
}

/// A target comparison: `>= 4 %` or `entre 20 j et 28 j`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Comparison {
    Cmp(CmpOp, Value),
    Between(Value, Value),
}

impl Comparison {
    pub fn values(&self) -> Vec<&Value> {
        match self {
            Comparison::Cmp(_, v) => vec![v],
            Comparison::Between(a, b) => vec![a, b],
        }
    }
}

// ------------------------------------------------------------------ expressions

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinOp {
    Or,
    And,
    Cmp(CmpOp),
    Add,
    Sub,
    Mul,
    Div,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnOp {
    Neg,
    Not,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Func {
    Min,
    Max,
    Abs,
}

impl Func {
    pub fn name(self) -> &'static str {
        match self {
            Func::Min => "min",
            Func::Max => "max",
            Func::Abs => "abs",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExprKind {
    Name(Ident),
    Literal(Value),
    Paren(Box<Expr>),
    Unary(UnOp, Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    Call(Func, Vec<Expr>),
}

impl Expr {
    /// Every indicator name the expression mentions, in order.
    pub fn names(&self) -> Vec<&Ident> {
        let mut out = Vec::new();
        self.collect_names(&mut out);
        out
    }

    fn collect_names<'a>(&'a self, out: &mut Vec<&'a Ident>) {
        match &self.kind {
            ExprKind::Name(id) => out.push(id),
            ExprKind::Literal(_) => {}
            ExprKind::Paren(e) | ExprKind::Unary(_, e) => e.collect_names(out),
            ExprKind::Binary(_, a, b) => {
                a.collect_names(out);
                b.collect_names(out);
            }
            ExprKind::Call(_, args) => args.iter().for_each(|a| a.collect_names(out)),
        }
    }
}

// ------------------------------------------------------------------ files

/// One parsed file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub items: Vec<Item>,
}

/// Items are few per file and moved once into the model: boxing the large
/// `Contrat` variant would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Contrat(Contrat),
    Indicateur(Indicateur),
    Theme(Theme),
    Cadre(Cadre),
    Enveloppe(Enveloppe),
    Delegation(Delegation),
    Importe(Importe),
    Diagnostic(DiagnosticDef),
    Revue(Revue),
    Suivi(Suivi),
    Scenario(Scenario),
}

impl Item {
    pub fn span(&self) -> Span {
        match self {
            Item::Contrat(x) => x.span,
            Item::Indicateur(x) => x.span,
            Item::Theme(x) => x.span,
            Item::Cadre(x) => x.span,
            Item::Enveloppe(x) => x.span,
            Item::Delegation(x) => x.span,
            Item::Importe(x) => x.span,
            Item::Diagnostic(x) => x.span,
            Item::Revue(x) => x.span,
            Item::Suivi(x) => x.span,
            Item::Scenario(x) => x.span,
        }
    }
}

/// `importe "chemin.pacte"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Importe {
    pub path: Text,
    pub span: Span,
}

/// A single-valued field written more than once: kept so nothing is lost,
/// reported as E0102 by `validate`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repeated {
    pub field: &'static str,
    pub span: Span,
    pub first: Span,
}
