//! Lowering: pest pairs → typed AST. One `lower_<rule>` function per
//! grammar rule. Literal errors (a date that does not exist, a number out of
//! range) are reported as E0001 here.

mod contrat;
pub use contrat::single_field;
mod expr;
mod items;
mod revue;
mod suivi;

use super::grammar::Rule;
use crate::ast::*;
use crate::date::Date;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::source::{SourceId, Span};
use pest::iterators::{Pair, Pairs};

/// Lowering state: where spans point, and where errors go.
pub(super) struct Lowerer<'d> {
    pub source: SourceId,
    pub diagnostics: &'d mut Diagnostics,
    pub had_errors: bool,
}

type P<'i> = Pair<'i, Rule>;

impl Lowerer<'_> {
    pub fn lower_file(&mut self, pairs: Pairs<'_, Rule>) -> File {
        let mut items = Vec::new();
        let children = pairs.flat_map(|file| file.into_inner());
        for pair in children.filter(|p| is_item(p.as_rule())) {
            if let Some(item) = self.lower_item(pair) {
                items.push(item);
            }
        }
        File { items }
    }

    fn lower_item(&mut self, pair: P<'_>) -> Option<Item> {
        Some(match pair.as_rule() {
            Rule::contrat => Item::Contrat(self.lower_contrat(pair)?),
            Rule::indicateur => Item::Indicateur(self.lower_indicateur(pair)?),
            Rule::theme => Item::Theme(self.lower_theme(pair)?),
            Rule::cadre => Item::Cadre(self.lower_cadre(pair)?),
            Rule::enveloppe => Item::Enveloppe(self.lower_enveloppe(pair)?),
            Rule::delegation => Item::Delegation(self.lower_delegation(pair)?),
            Rule::importe => Item::Importe(self.lower_importe(pair)?),
            Rule::diagnostic => Item::Diagnostic(self.lower_diagnostic(pair)?),
            Rule::revue => Item::Revue(self.lower_revue(pair)?),
            Rule::suivi => Item::Suivi(self.lower_suivi(pair)?),
            _ => return None,
        })
    }

    // ------------------------------------------------------------ shared pieces

    /// The pair's span, without the whitespace and comments that pest
    /// consumes before an optional element that turns out to be absent.
    pub fn span(&self, pair: &P<'_>) -> Span {
        let s = pair.as_span();
        let mut end = s.end();
        if let Some(last) = pair.clone().into_inner().last() {
            let last_end = last.as_span().end();
            if trivia_only(s.get(last_end - s.start()..).map_or("", |t| t.as_str())) {
                end = last_end;
            }
        }
        Span::new(self.source, s.start(), end)
    }

    pub fn error(&mut self, span: Span, message: String, help: &str) {
        self.had_errors = true;
        self.diagnostics
            .push(Diagnostic::new(Code::E0001, span, message).help(help));
    }

    pub fn ident(&self, pair: P<'_>) -> Ident {
        Ident {
            name: pair.as_str().to_string(),
            span: self.span(&pair),
        }
    }

    /// A `string` or `text_block` pair.
    pub fn text(&self, pair: P<'_>) -> Text {
        let span = self.span(&pair);
        let block = pair.as_rule() == Rule::text_block;
        let inner = pair.into_inner().next().map_or("", |p| p.as_str());
        let value = if block {
            super::literal::dedent(inner)
        } else {
            super::literal::unescape(inner)
        };
        Text { value, block, span }
    }

    pub fn year(&mut self, pair: P<'_>) -> Year {
        let span = self.span(&pair);
        Year {
            value: pair.as_str().parse().unwrap_or(0),
            span,
        }
    }

    pub fn date(&mut self, pair: P<'_>) -> Option<(Date, Span)> {
        let span = self.span(&pair);
        match Date::parse_iso(pair.as_str()) {
            Some(d) => Some((d, span)),
            None => {
                self.error(
                    span,
                    format!("la date {} n'existe pas", pair.as_str()),
                    "écrivez une date réelle au format AAAA-MM-JJ, par exemple 2025-12-10",
                );
                None
            }
        }
    }

    pub fn number(&mut self, pair: P<'_>) -> Option<Quantity> {
        self.quantity(pair)
    }

    /// A `quantity` (or bare `number`) pair, scaled to base units.
    pub fn quantity(&mut self, pair: P<'_>) -> Option<Quantity> {
        let span = self.span(&pair);
        let text = pair.as_str();
        let mut inner = pair.clone().into_inner();
        let (number_text, unit) = if pair.as_rule() == Rule::number {
            (text, Unit::None)
        } else {
            let number = inner.next().map_or(text, |p| p.as_str());
            let unit = inner
                .next()
                .map_or(Unit::None, |p| super::literal::parse_unit(p.as_str()));
            (number, unit)
        };
        let value =
            super::literal::parse_number(number_text).and_then(|n| super::literal::scale(n, unit));
        match value {
            Some(value) => Some(Quantity { value, unit, span }),
            None => {
                self.error(
                    span,
                    format!("le nombre « {text} » est hors des limites admises"),
                    "écrivez un nombre d'au plus 28 chiffres significatifs",
                );
                None
            }
        }
    }

    pub fn value(&mut self, pair: P<'_>) -> Option<Value> {
        let span = self.span(&pair);
        match pair.as_rule() {
            Rule::date => self.date(pair).map(|(d, s)| Value::Date(d, s)),
            Rule::boolean => Some(Value::Bool(pair.as_str() == "oui", span)),
            _ => self.quantity(pair).map(Value::Quantity),
        }
    }

    pub fn comparison(&mut self, pair: P<'_>) -> Option<Comparison> {
        let mut inner = pair.into_inner();
        let first = inner.next()?;
        if first.as_rule() == Rule::between {
            let mut values = first.into_inner().filter(|p| is_value(p.as_rule()));
            let low = self.value(values.next()?)?;
            let high = self.value(values.next()?)?;
            return Some(Comparison::Between(low, high));
        }
        let op = cmp_op(first.as_str());
        let value = self.value(inner.next()?)?;
        Some(Comparison::Cmp(op, value))
    }

    /// Whether a single-valued field is seen for the first time; a second
    /// occurrence is recorded in `repeated` (E0102) and ignored.
    pub fn first_of(
        seen: &mut std::collections::HashMap<&'static str, Span>,
        field: &'static str,
        span: Span,
        repeated: &mut Vec<Repeated>,
    ) -> bool {
        match seen.get(field) {
            Some(&first) => {
                repeated.push(Repeated { field, span, first });
                false
            }
            None => {
                seen.insert(field, span);
                true
            }
        }
    }

    /// Records a single-valued field seen twice; the first one is kept.
    pub fn set_once<T>(
        slot: &mut Option<T>,
        value: T,
        field: &'static str,
        span: Span,
        first: Span,
        repeated: &mut Vec<Repeated>,
    ) {
        if slot.is_some() {
            repeated.push(Repeated { field, span, first });
        } else {
            *slot = Some(value);
        }
    }
}

pub(super) fn cmp_op(text: &str) -> CmpOp {
    match text {
        ">=" | "≥" => CmpOp::Ge,
        "<=" | "≤" => CmpOp::Le,
        ">" => CmpOp::Gt,
        "<" => CmpOp::Lt,
        _ => CmpOp::Eq,
    }
}

pub(super) fn is_value(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::date | Rule::quantity | Rule::boolean | Rule::number
    )
}

fn is_item(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::contrat
            | Rule::indicateur
            | Rule::theme
            | Rule::cadre
            | Rule::enveloppe
            | Rule::delegation
            | Rule::importe
            | Rule::diagnostic
            | Rule::revue
            | Rule::suivi
    )
}

/// The children of a pair that are not keywords.
pub(super) fn args<'i>(pair: P<'i>) -> impl Iterator<Item = P<'i>> {
    pair.into_inner().filter(|p| !is_keyword(p.as_rule()))
}

pub(super) fn is_keyword(rule: Rule) -> bool {
    super::grammar::keyword_words(rule).is_some()
}

/// Only whitespace, `;` and `//` comments.
fn trivia_only(mut text: &str) -> bool {
    loop {
        text = text.trim_start_matches(|c: char| c.is_whitespace() || c == ';' || c == '\u{FEFF}');
        if text.is_empty() {
            return true;
        }
        match text.strip_prefix("//") {
            Some(rest) => text = rest.split_once('\n').map_or("", |(_, after)| after),
            None => return false,
        }
    }
}
