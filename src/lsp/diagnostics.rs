//! Pacte diagnostics as LSP diagnostics: the help line joins the message,
//! and is also kept in `data` for the code actions.

use super::analysis::Analysis;
use super::position;
use crate::diagnostic::{Diagnostic, Severity};
use serde_json::{json, Value};

/// The document's diagnostics, in LSP form.
pub fn to_lsp(analysis: &Analysis) -> Vec<Value> {
    analysis
        .diagnostics
        .iter()
        .map(|d| one(d, analysis.text.as_str()))
        .collect()
}

fn one(d: &Diagnostic, text: &str) -> Value {
    let span = d.primary.span;
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str(&format!("\naide : {help}"));
    }
    let severity = match d.severity() {
        Severity::Error => 1,
        Severity::Warning => 2,
    };
    json!({
        "range": position::range(text, span.start as usize, span.end as usize),
        "severity": severity,
        "code": d.code.to_string(),
        "source": "pacte",
        "message": message,
    })
}
