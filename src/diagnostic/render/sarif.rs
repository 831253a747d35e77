//! SARIF 2.1.0, for code-scanning tools.

use super::position;
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::source::SourceMap;
use serde_json::json;

pub fn render(diagnostics: &[Diagnostic], map: &SourceMap) -> String {
    let rules: Vec<_> = Code::ALL
        .iter()
        .map(|c| {
            json!({
                "id": c.as_str(),
                "shortDescription": { "text": c.title() },
                "fullDescription": { "text": c.explanation() },
                "defaultConfiguration": { "level": level(c.severity()) },
            })
        })
        .collect();
    let results: Vec<_> = diagnostics
        .iter()
        .map(|d| {
            let (line, column, end_line, end_column) = position(d, map);
            let mut text = d.message.clone();
            if let Some(help) = &d.help {
                text.push_str(&format!("\naide : {help}"));
            }
            json!({
                "ruleId": d.code.as_str(),
                "level": level(d.severity()),
                "message": { "text": text },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": map.path(d.primary.span.source) },
                        "region": { "startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column }
                    }
                }]
            })
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": { "name": "pacte", "version": env!("CARGO_PKG_VERSION"), "informationUri": "https://example.invalid/pacte", "rules": rules } },
            "results": results
        }]
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}
