//! `pacte lsp`: a Language Server on stdio, built on the same stage
//! functions as `pacte check`. The transport survives any input
//! (`transport.rs`), checks run off the message loop with edits coalesced
//! (`server.rs`), a document is loaded by the same pipeline entry as
//! `pacte check` (`analysis.rs`, with `loader.rs`: open documents first);
//! each request is answered from the latest analysis.

mod actions;
mod analysis;
mod diagnostics;
mod hints;
mod info;
mod items;
mod lex;
mod loader;
mod names;
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
        "textDocumentSync": {"openClose": true, "change": 2, "save": false},
        "hoverProvider": true,
        "completionProvider": {"triggerCharacters": [" ", "."]},
        "documentFormattingProvider": true,
        "definitionProvider": true,
        "referencesProvider": true,
        "renameProvider": true,
        "documentSymbolProvider": true,
        "workspaceSymbolProvider": true,
        "codeActionProvider": {"codeActionKinds": ["quickfix"]},
        "foldingRangeProvider": true,
        "inlayHintProvider": true,
        "semanticTokensProvider": {
            "legend": {"tokenTypes": hints::TOKEN_TYPES, "tokenModifiers": []},
            "full": true,
        },
    })
}

type Answer = Result<Value, (i32, String)>;

/// Answers a request of the editor.
fn answer(shared: &Shared, method: &str, params: &Value) -> Answer {
    if method == "workspace/symbol" {
        let query = params.get("query").and_then(Value::as_str).unwrap_or("");
        return Ok(names::workspace_symbols(&shared.all_analyses(), query));
    }
    let uri = params.pointer("/textDocument/uri").and_then(Value::as_str);
    if method == "textDocument/rename" {
        return rename(shared, uri.unwrap_or(""), params);
    }
    let handler: fn(&Shared, &str, &Value) -> Option<Value> = match method {
        "textDocument/hover" => hover,
        "textDocument/completion" => completion,
        "textDocument/formatting" => formatting,
        "textDocument/definition" => definition,
        "textDocument/references" => references,
        "textDocument/documentSymbol" => |s, u, _| Some(names::document_symbols(&*s.analysis(u)?)),
        "textDocument/foldingRange" => |s, u, _| Some(hints::folding_ranges(&*s.analysis(u)?)),
        "textDocument/inlayHint" => |s, u, _| Some(hints::inlay_hints(&*s.analysis(u)?)),
        "textDocument/semanticTokens/full" => {
            |s, u, _| Some(hints::semantic_tokens(&*s.analysis(u)?))
        }
        "textDocument/codeAction" => code_action,
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
    let local = at_cursor(&a, at).and_then(|def| info::hover_local(&a, &def));
    let markdown = local.or_else(|| info::hover(&a.program, text.get(start..end)?))?;
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
    let code = names::code(&a);
    let blocks = lex::enclosing(code, &lex::tokens(code), at);
    let block = blocks.last().map_or("", String::as_str);
    let line = text.get(line_start..at)?;
    let found = items::completions(&a, line, block, at)
        .unwrap_or_else(|| info::completions(&a.program, line, block));
    let items: Vec<Value> = found
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

fn definition(shared: &Shared, uri: &str, params: &Value) -> Option<Value> {
    let a = shared.analysis(uri)?;
    let at = offset_of(&a.text, params)?;
    names::location(&a, uri, at_cursor(&a, at)?.span)
}

/// The definition of the name at `byte`: a contract or one of its parts
/// named by a `suivi`, `scénario` or `revue` (possibly in another file of
/// the folder), else as [`names::resolve`] finds it.
fn at_cursor(a: &analysis::Analysis, byte: usize) -> Option<names::Def> {
    let code = names::code(a);
    let from_item = info::word_at(code, byte)
        .and_then(|(start, end)| code.get(start..end))
        .and_then(|word| items::resolve(a, byte, word));
    from_item.or_else(|| names::resolve(a, &lex::tokens(code), byte).map(|(def, _)| def))
}

fn references(shared: &Shared, uri: &str, params: &Value) -> Option<Value> {
    let a = shared.analysis(uri)?;
    let at = offset_of(&a.text, params)?;
    let with_declaration = params
        .pointer("/context/includeDeclaration")
        .and_then(Value::as_bool)
        .unwrap_or(true);
    names::references(&a, uri, at, with_declaration)
}

fn rename(shared: &Shared, uri: &str, params: &Value) -> Answer {
    let invalid = |m: String| (INVALID_PARAMS, m);
    let a = shared
        .analysis(uri)
        .ok_or_else(|| invalid(format!("document inconnu : {uri}")))?;
    let at = offset_of(&a.text, params).ok_or_else(|| invalid("position manquante".into()))?;
    let new_name = params
        .get("newName")
        .and_then(Value::as_str)
        .ok_or_else(|| invalid("newName manquant".into()))?;
    names::rename(&a, uri, at, new_name).map_err(|m| (transport::REQUEST_FAILED, m))
}

fn code_action(shared: &Shared, uri: &str, params: &Value) -> Option<Value> {
    let a = shared.analysis(uri)?;
    let range: lsp_types::Range = serde_json::from_value(params.get("range")?.clone()).ok()?;
    let start = position::offset(&a.text, range.start);
    let end = position::offset(&a.text, range.end);
    Some(actions::code_actions(&a, uri, start, end))
}
