//! `pacte lsp`: a Language Server on stdio, built on the same stage
//! functions as `pacte check`. The transport survives any input
//! (`transport.rs`), checks run off the message loop with edits coalesced
//! (`server.rs`), imports are read like `pacte check` reads them
//! (`analysis.rs`); each request is answered from the latest analysis.

mod analysis;
mod diagnostics;
mod info;
mod position;
mod server;
pub mod transport;
mod uri;

use serde_json::{json, Value};
use server::Shared;
use transport::{INVALID_PARAMS, METHOD_NOT_FOUND};

pub use server::serve;

/// Runs the server on stdin and stdout until the client asks it to exit.
pub fn run() -> Result<(), String> {
    serve(std::io::stdin(), std::io::stdout())
}

/// What the server can do, sent in reply to `initialize`.
fn capabilities() -> Value {
    json!({
        "positionEncoding": "utf-16",
        "textDocumentSync": {"openClose": true, "change": 1, "save": false},
        "hoverProvider": true,
        "completionProvider": {"triggerCharacters": [" ", "."]},
        "documentFormattingProvider": true,
    })
}

type Answer = Result<Value, (i32, String)>;

/// Answers a request of the editor.
fn answer(shared: &Shared, method: &str, params: &Value) -> Answer {
    let uri = params.pointer("/textDocument/uri").and_then(Value::as_str);
    let handler: fn(&Shared, &str, &Value) -> Option<Value> = match method {
        "textDocument/hover" => hover,
        "textDocument/completion" => completion,
        "textDocument/formatting" => formatting,
        _ => {
            return Err((
                METHOD_NOT_FOUND,
                format!("méthode non prise en charge : {method}"),
            ))
        }
    };
    let Some(uri) = uri else {
        return Err((
            INVALID_PARAMS,
            format!("paramètres de {method} invalides : textDocument.uri manque"),
        ));
    };
    Ok(handler(shared, uri, params).unwrap_or(Value::Null))
}

/// The byte offset of the request's position in the document.
fn offset_of(text: &str, params: &Value) -> Option<usize> {
    let pos: lsp_types::Position = serde_json::from_value(params.get("position")?.clone()).ok()?;
    Some(position::offset(text, pos))
}

fn hover(shared: &Shared, uri: &str, params: &Value) -> Option<Value> {
    let a = shared.analysis(uri)?;
    let text = a.text.as_str();
    let at = offset_of(text, params)?;
    let (start, end) = info::word_at(text, at)?;
    let markdown = info::hover(&a.program, text.get(start..end)?)?;
    Some(json!({
        "contents": {"kind": "markdown", "value": markdown},
        "range": position::range(text, start, end),
    }))
}

fn completion(shared: &Shared, uri: &str, params: &Value) -> Option<Value> {
    let a = shared.analysis(uri)?;
    let text = a.text.as_str();
    let at = offset_of(text, params)?;
    let line_start = text.get(..at)?.rfind('\n').map_or(0, |i| i + 1);
    let items: Vec<Value> = info::completions(&a.program, text.get(line_start..at)?)
        .into_iter()
        .map(|(label, detail)| {
            let kind = if detail == "mot-clé" { 14 } else { 12 };
            json!({"label": label, "kind": kind, "detail": detail})
        })
        .collect();
    Some(Value::Array(items))
}

/// The whole document replaced by its canonical layout (`pacte fmt`);
/// nothing when it has syntax errors.
fn formatting(shared: &Shared, uri: &str, _params: &Value) -> Option<Value> {
    let text = shared.text(uri)?;
    let name = uri::file_name(uri);
    let formatted = crate::fmt::format(&name, &text).ok()?;
    if formatted == *text {
        return Some(json!([]));
    }
    Some(json!([{
        "range": position::range(&text, 0, text.len()),
        "newText": formatted,
    }]))
}
