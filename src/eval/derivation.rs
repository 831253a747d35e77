//! How every computed number was obtained: a tree of steps (figures with
//! their line in the figures file, formulas, comparisons, the modulation
//! row…), printed by `--explain` and serialised under `derivation`.
//! Also a small printer for expressions, so a step can quote its formula.

use crate::ast::{Expr, Value};
use crate::source::Span;
use serde::Serialize;
use std::borrow::Cow;

/// What kind of step a [`Derivation`] node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// A value read from the figures file.
    Chiffre,
    /// A value computed from an indicator's `formule`.
    Formule,
    /// A value that could not be obtained.
    Manquant,
    /// A value written in the contract (`base`, `cible`, `référence`, `poids`, aid schedule).
    Contrat,
    /// A comparison with its outcome.
    Comparaison,
    /// The progress formula of §8.2.
    Progression,
    /// The weighted mean of §8.3.
    Realisation,
    /// A modulation row.
    Modulation,
    /// The aid decision and its rounding.
    Aide,
    /// A condition of payment, `fin_aide` or the financial-account deadline.
    Condition,
}

/// One step of a computation: what, its value, how it was obtained, where
/// it comes from, and the steps it was computed from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Derivation {
    pub kind: StepKind,
    /// What the number is, in French (« marge_brute_hors_aides en 2026 »).
    pub what: Cow<'static, str>,
    /// The exact value in base units (a decimal string), a date or `oui`/`non`.
    pub value: Option<String>,
    /// The value for people (« 4,2 % »).
    pub display: Option<String>,
    /// How it was obtained, in French.
    pub how: Cow<'static, str>,
    /// Where it was read or written (resolved to file:line by the renderers).
    pub span: Option<Span>,
    pub inputs: Vec<Derivation>,
}

impl Derivation {
    pub fn new(
        kind: StepKind,
        what: impl Into<Cow<'static, str>>,
        how: impl Into<Cow<'static, str>>,
    ) -> Derivation {
        Derivation {
            kind,
            what: what.into(),
            value: None,
            display: None,
            how: how.into(),
            span: None,
            inputs: Vec::new(),
        }
    }

    pub fn value(mut self, exact: impl Into<String>, display: impl Into<String>) -> Derivation {
        self.value = Some(exact.into());
        self.display = Some(crate::display::moins(&display.into()));
        self
    }

    pub fn at(mut self, span: Span) -> Derivation {
        self.span = Some(span);
        self
    }

    pub fn input(mut self, step: Derivation) -> Derivation {
        self.inputs.push(step);
        self
    }

    pub fn inputs(mut self, steps: impl IntoIterator<Item = Derivation>) -> Derivation {
        self.inputs.extend(steps);
        self
    }

    /// Every node of the tree, depth first (for tests and tools).
    pub fn walk(&self) -> Vec<&Derivation> {
        let mut out = vec![self];
        for input in &self.inputs {
            out.extend(input.walk());
        }
        out
    }
}

/// An expression as Pacte text (`caf / produits`, `jours_de_stocks <= 28 j`),
/// written as the formatter writes it.
pub fn expr_text(expr: &Expr) -> String {
    crate::fmt::lexical::expr(expr)
}

/// A literal as written (`28 j`, `1,5 M€`, `2025-12-31`, `oui`).
pub fn value_text(value: &Value) -> String {
    crate::fmt::lexical::value(value)
}
