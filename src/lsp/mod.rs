//! `pacte lsp`: a Language Server on stdio, built on the same stage
//! functions as `pacte check`. Diagnostics as you type (against the std),
//! hover on indicators, themes, frameworks and envelopes, completion of the
//! names a keyword expects.

mod info;
mod position;

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceMap;
use lsp_server::{Connection, Message, Notification, Request, Response};
use lsp_types::{
    CompletionItem, CompletionItemKind, Diagnostic as LspDiagnostic, DiagnosticSeverity, Hover,
    HoverContents, HoverProviderCapability, MarkupContent, MarkupKind, NumberOrString,
    PublishDiagnosticsParams, ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind,
    Uri,
};
use serde_json::Value;
use std::collections::HashMap;

/// Open documents: their URI's text.
#[derive(Default)]
struct Documents {
    texts: HashMap<String, String>,
}

/// Runs the server until the client asks it to exit.
pub fn run() -> Result<(), String> {
    let (connection, io_threads) = Connection::stdio();
    let capabilities = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(lsp_types::CompletionOptions::default()),
        document_formatting_provider: Some(lsp_types::OneOf::Left(true)),
        ..ServerCapabilities::default()
    };
    let caps = serde_json::to_value(capabilities).map_err(|e| e.to_string())?;
    connection.initialize(caps).map_err(|e| e.to_string())?;
    serve(&connection)?;
    // The writer thread ends when the connection's sender is dropped.
    drop(connection);
    io_threads.join().map_err(|e| e.to_string())
}

fn serve(connection: &Connection) -> Result<(), String> {
    let mut docs = Documents::default();
    for message in &connection.receiver {
        match message {
            Message::Request(req) => {
                if connection
                    .handle_shutdown(&req)
                    .map_err(|e| e.to_string())?
                {
                    return Ok(());
                }
                let response = answer(&docs, &req);
                send(connection, Message::Response(response))?;
            }
            Message::Notification(note) => {
                if let Some((uri, diagnostics)) = on_notification(&mut docs, &note) {
                    let params = PublishDiagnosticsParams {
                        uri,
                        diagnostics,
                        version: None,
                    };
                    let value = serde_json::to_value(params).map_err(|e| e.to_string())?;
                    send(
                        connection,
                        Message::Notification(Notification::new(
                            "textDocument/publishDiagnostics".into(),
                            value,
                        )),
                    )?;
                }
            }
            Message::Response(_) => {}
        }
    }
    Ok(())
}

fn send(connection: &Connection, message: Message) -> Result<(), String> {
    connection.sender.send(message).map_err(|e| e.to_string())
}

/// didOpen / didChange store the text and return the diagnostics to publish.
fn on_notification(docs: &mut Documents, note: &Notification) -> Option<(Uri, Vec<LspDiagnostic>)> {
    let doc = note.params.get("textDocument")?;
    let uri_text = doc.get("uri")?.as_str()?.to_string();
    let text = match note.method.as_str() {
        "textDocument/didOpen" => doc.get("text")?.as_str()?.to_string(),
        "textDocument/didChange" => note
            .params
            .get("contentChanges")?
            .as_array()?
            .last()?
            .get("text")?
            .as_str()?
            .to_string(),
        "textDocument/didClose" => {
            docs.texts.remove(&uri_text);
            return Some((uri_text.parse().ok()?, Vec::new()));
        }
        _ => return None,
    };
    let diagnostics = diagnose(&uri_text, &text);
    docs.texts.insert(uri_text.clone(), text);
    Some((uri_text.parse().ok()?, diagnostics))
}

/// The diagnostics of one document, checked alone against the std.
fn diagnose(uri: &str, text: &str) -> Vec<LspDiagnostic> {
    let name = uri.rsplit('/').next().unwrap_or("document.pacte");
    let (map, diagnostics, _) = crate::pipeline::check_text(name, text);
    diagnostics
        .iter()
        .filter(|d| in_user_file(d, &map))
        .map(|d| to_lsp(d, &map))
        .collect()
}

fn in_user_file(d: &Diagnostic, map: &SourceMap) -> bool {
    map.get(d.primary.span.source)
        .is_some_and(|s| s.origin == crate::source::Origin::User)
}

fn to_lsp(d: &Diagnostic, map: &SourceMap) -> LspDiagnostic {
    let text = map
        .get(d.primary.span.source)
        .map_or("", |s| s.text.as_str());
    let span = d.primary.span;
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str(&format!("\naide : {help}"));
    }
    LspDiagnostic {
        range: position::range(text, span.start as usize, span.end as usize),
        severity: Some(match d.severity() {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.code.to_string())),
        source: Some("pacte".into()),
        message,
        ..LspDiagnostic::default()
    }
}

fn answer(docs: &Documents, req: &Request) -> Response {
    let result = match req.method.as_str() {
        "textDocument/hover" => hover(docs, &req.params),
        "textDocument/completion" => completion(docs, &req.params),
        "textDocument/formatting" => formatting(docs, &req.params),
        _ => {
            return Response::new_err(
                req.id.clone(),
                lsp_server::ErrorCode::MethodNotFound as i32,
                format!("méthode non prise en charge : {}", req.method),
            );
        }
    };
    Response::new_ok(req.id.clone(), result.unwrap_or(Value::Null))
}

/// The document's text and the byte offset of the request's position.
fn locate<'a>(docs: &'a Documents, params: &Value) -> Option<(&'a str, usize)> {
    let uri = params.get("textDocument")?.get("uri")?.as_str()?;
    let text = docs.texts.get(uri)?;
    let pos: lsp_types::Position = serde_json::from_value(params.get("position")?.clone()).ok()?;
    Some((text.as_str(), position::offset(text, pos)))
}

fn hover(docs: &Documents, params: &Value) -> Option<Value> {
    let (text, at) = locate(docs, params)?;
    let (start, end) = info::word_at(text, at)?;
    let (_, _, program) = crate::pipeline::check_text("document.pacte", text);
    let markdown = info::hover(&program, text.get(start..end)?)?;
    let hover = Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: markdown,
        }),
        range: Some(position::range(text, start, end)),
    };
    serde_json::to_value(hover).ok()
}

fn completion(docs: &Documents, params: &Value) -> Option<Value> {
    let (text, at) = locate(docs, params)?;
    let line_start = text.get(..at)?.rfind('\n').map_or(0, |i| i + 1);
    let (_, _, program) = crate::pipeline::check_text("document.pacte", text);
    let items: Vec<CompletionItem> = info::completions(&program, text.get(line_start..at)?)
        .into_iter()
        .map(|(label, detail)| CompletionItem {
            kind: Some(if detail == "mot-clé" {
                CompletionItemKind::KEYWORD
            } else {
                CompletionItemKind::VALUE
            }),
            label,
            detail: Some(detail),
            ..CompletionItem::default()
        })
        .collect();
    serde_json::to_value(items).ok()
}

/// The whole document replaced by its canonical layout (`pacte fmt`);
/// nothing when it has syntax errors.
fn formatting(docs: &Documents, params: &Value) -> Option<Value> {
    let uri = params.get("textDocument")?.get("uri")?.as_str()?;
    let text = docs.texts.get(uri)?;
    let name = uri.rsplit('/').next().unwrap_or("document.pacte");
    let formatted = crate::fmt::format(name, text).ok()?;
    if &formatted == text {
        return serde_json::to_value(Vec::<lsp_types::TextEdit>::new()).ok();
    }
    let edit = lsp_types::TextEdit {
        range: position::range(text, 0, text.len()),
        new_text: formatted,
    };
    serde_json::to_value(vec![edit]).ok()
}
