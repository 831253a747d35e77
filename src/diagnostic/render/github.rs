//! GitHub workflow commands: one `::error …::message` line per diagnostic.

use super::position;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceMap;

pub fn render(diagnostics: &[Diagnostic], map: &SourceMap) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let (line, column, end_line, end_column) = position(d, map);
        let kind = match d.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str(&format!("\naide : {help}"));
        }
        out.push_str(&format!(
            "::{kind} file={},line={line},col={column},endLine={end_line},endColumn={end_column},title={}::{}\n",
            escape_property(map.path(d.primary.span.source)),
            d.code,
            escape_data(&message)
        ));
    }
    out
}

/// Workflow-command escaping of the message part.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escaping of a property value (also `:` and `,`).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}
