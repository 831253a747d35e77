//! JSON diagnostics, exactly the shape of spec §9.

use super::{position, Summary};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceMap;
use serde::Serialize;

#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct JsonDiagnostic {
    pub code: String,
    pub severity: Severity,
    pub message: String,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    pub notes: Vec<String>,
}

#[derive(Serialize)]
struct Output<'a> {
    diagnostics: Vec<JsonDiagnostic>,
    summary: &'a Summary,
}

pub fn json_diagnostic(d: &Diagnostic, map: &SourceMap) -> JsonDiagnostic {
    let (line, column, end_line, end_column) = position(d, map);
    JsonDiagnostic {
        code: d.code.to_string(),
        severity: d.severity(),
        message: d.message.clone(),
        file: map.path(d.primary.span.source).to_string(),
        line,
        column,
        end_line,
        end_column,
        help: d.help.clone(),
        notes: d.notes.clone(),
    }
}

pub fn render(diagnostics: &[Diagnostic], map: &SourceMap, summary: &Summary) -> String {
    let output = Output {
        diagnostics: diagnostics
            .iter()
            .map(|d| json_diagnostic(d, map))
            .collect(),
        summary,
    };
    let mut text = serde_json::to_string_pretty(&output).unwrap_or_else(|_| "{}".into());
    text.push('\n');
    text
}
