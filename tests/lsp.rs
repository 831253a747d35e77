#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly
//! `pacte lsp` speaks LSP on stdio: diagnostics on open, hover, shutdown.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

fn send(stdin: &mut impl Write, message: Value) {
    let body = message.to_string();
    write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    stdin.flush().unwrap();
}

fn receive(reader: &mut impl BufRead) -> Value {
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        let line = line.trim();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse().unwrap();
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    serde_json::from_slice(&body).unwrap()
}

/// Reads messages until one satisfies `pred`.
fn until(reader: &mut impl BufRead, pred: impl Fn(&Value) -> bool) -> Value {
    for _ in 0..20 {
        let m = receive(reader);
        if pred(&m) {
            return m;
        }
    }
    panic!("message not received");
}

#[test]
fn diagnostics_and_hover_over_stdio() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pacte"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
    );
    let init = until(&mut stdout, |m| m["id"] == 1);
    assert_eq!(init["result"]["capabilities"]["hoverProvider"], true);
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    );

    let text = std::fs::read_to_string("examples/ch_valmont.pacte")
        .unwrap()
        .replace(
            "indicateur marge_brute_hors_aides",
            "indicateur marge_brut_hors_aides",
        );
    let uri = "file:///tmp/ch_valmont.pacte";
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": {"textDocument": {"uri": uri, "languageId": "pacte", "version": 1, "text": text}}}),
    );
    let published = until(&mut stdout, |m| {
        m["method"] == "textDocument/publishDiagnostics"
    });
    let diagnostics = published["params"]["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["code"], "E0101");
    assert!(diagnostics[0]["message"]
        .as_str()
        .unwrap()
        .contains("vouliez-vous dire `marge_brute_hors_aides`"));
    let line = text
        .lines()
        .position(|l| l.contains("marge_brut_hors_aides"))
        .unwrap();
    assert_eq!(diagnostics[0]["range"]["start"]["line"], line);

    let stocks_line = text
        .lines()
        .position(|l| l.contains("exige jours_de_stocks"))
        .unwrap();
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover",
        "params": {"textDocument": {"uri": uri}, "position": {"line": stocks_line, "character": 12}}}),
    );
    let hover = until(&mut stdout, |m| m["id"] == 2);
    let value = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        value.contains("indicateur `jours_de_stocks`") && value.contains("seuil vigilance > 28 j"),
        "{value}"
    );

    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 3, "method": "shutdown"}),
    );
    until(&mut stdout, |m| m["id"] == 3);
    send(&mut stdin, json!({"jsonrpc": "2.0", "method": "exit"}));
    drop(stdin);
    assert!(child.wait().unwrap().success());
}
