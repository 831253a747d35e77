//! Diagnostic renderers, one per `--format`: text (ariadne), JSON (spec §9),
//! SARIF 2.1.0 and GitHub workflow commands.

mod github;
mod json;
mod sarif;
mod text;

use super::Diagnostic;
use crate::source::SourceMap;
use serde::Serialize;

/// `--format` of `pacte check`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Sarif,
    Github,
}

/// The run's totals (spec §9 `summary`).
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub contracts: usize,
    pub errors: usize,
    pub warnings: usize,
}

/// Renders diagnostics (already sorted) in the chosen format.
pub fn render(
    format: Format,
    diagnostics: &[Diagnostic],
    map: &SourceMap,
    summary: &Summary,
    color: bool,
) -> String {
    match format {
        Format::Text => text::render(diagnostics, map, summary, color),
        Format::Json => json::render(diagnostics, map, summary),
        Format::Sarif => sarif::render(diagnostics, map),
        Format::Github => github::render(diagnostics, map),
    }
}

pub use json::{json_diagnostic, JsonDiagnostic};
pub use text::{render_one as text_one, summary_line};

/// 1-based (line, column, end line, end column) of a diagnostic's primary span.
pub(crate) fn position(d: &Diagnostic, map: &SourceMap) -> (usize, usize, usize, usize) {
    let span = d.primary.span;
    match map.get(span.source) {
        Some(source) => {
            let (line, column) = source.line_col(span.start as usize);
            let (end_line, end_column) = source.line_col(span.end as usize);
            (line, column, end_line, end_column)
        }
        None => (1, 1, 1, 1),
    }
}
