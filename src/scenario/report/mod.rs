//! Reports of `pacte test`, one module per `--format`: `text` (each
//! failure with expected, actual and the derivation of the actual value,
//! then a summary; with `--couverture`, the coverage tables), `json` (the
//! same data, exact), `junit` (JUnit XML for CI: one `testsuite` per file,
//! one `testcase` per scenario). Pure: outcomes + [`SourceMap`] → text.

pub mod json;
pub mod junit;
pub mod text;

use super::coverage::Coverage;
use super::Outcome;
use crate::source::{SourceMap, Span};

/// A report format of `pacte test`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Junit,
}

/// Renders the outcomes (and the coverage, when asked).
pub fn render(
    format: Format,
    outcomes: &[Outcome],
    coverage: Option<&Coverage>,
    map: &SourceMap,
) -> String {
    match format {
        Format::Text => text::report(outcomes, coverage, map),
        Format::Json => json::report(outcomes, coverage, map),
        Format::Junit => junit::report(outcomes, map),
    }
}

/// Scenarios run, passed and failed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub scenarios: usize,
    pub reussis: usize,
    pub echoues: usize,
}

pub fn totals(outcomes: &[Outcome]) -> Totals {
    let reussis = outcomes.iter().filter(|o| o.passed()).count();
    Totals {
        scenarios: outcomes.len(),
        reussis,
        echoues: outcomes.len() - reussis,
    }
}

/// `(file, line)` of a span, 1-based.
pub fn place(map: &SourceMap, span: Span) -> (String, usize) {
    match map.get(span.source) {
        Some(source) => (source.path.clone(), source.line_col(span.start as usize).0),
        None => (String::new(), 0),
    }
}
