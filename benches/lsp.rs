#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // benches may fail loudly
//! Diagnostics after an edit of a 500-line contract, over the real server
//! loop (`pacte::lsp::serve` on in-memory pipes): didChange → the
//! publishDiagnostics of that version. Target: under 10 ms median.

use criterion::{criterion_group, criterion_main, Criterion};
use pacte::lsp::transport::{self, Incoming};
use serde_json::{json, Value};
use std::io::{BufReader, Read, Write};
use std::sync::mpsc::{channel, Receiver, Sender};

struct Pipe {
    rx: Receiver<Vec<u8>>,
    buf: Vec<u8>,
    at: usize,
}

impl Read for Pipe {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.at >= self.buf.len() {
            match self.rx.recv() {
                Ok(b) => (self.buf, self.at) = (b, 0),
                Err(_) => return Ok(0),
            }
        }
        let n = out.len().min(self.buf.len() - self.at);
        out[..n].copy_from_slice(&self.buf[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

struct Sink(Sender<Vec<u8>>);

impl Write for Sink {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        let _ = self.0.send(b.to_vec());
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn pipe() -> (Sink, Pipe) {
    let (tx, rx) = channel();
    (
        Sink(tx),
        Pipe {
            rx,
            buf: Vec::new(),
            at: 0,
        },
    )
}

/// ch_valmont with enough objectives to reach 500 lines.
fn contract() -> String {
    let text = std::fs::read_to_string("examples/ch_valmont.pacte").unwrap();
    let mut extra = String::new();
    let mut i = 0;
    while text.lines().count() + extra.lines().count() < 500 {
        extra.push_str(&format!(
            "  objectif stocks_{i} {{\n    libellé \"Réduire les stocks {i}\"\n    type levier achats.stocks\n    indicateur jours_de_stocks\n    base 2024: 27 j\n    cible 2026: <= 26 j\n    cible 2027: <= 25 j\n    cible 2028: <= 24 j\n    poids 1\n  }}\n\n"
        ));
        i += 1;
    }
    text.replacen(
        "  condition stocks",
        &format!("{extra}  condition stocks"),
        1,
    )
}

fn lsp_edit(c: &mut Criterion) {
    let (mut to_server, server_in) = pipe();
    let (server_out, from_server) = pipe();
    std::thread::spawn(move || pacte::lsp::serve(server_in, server_out));
    let mut from_server = BufReader::new(from_server);
    let mut send = |m: Value| transport::write(&mut to_server, &m).unwrap();
    let mut published = move |version: i64| loop {
        if let Incoming::Message(m) = transport::read(&mut from_server).unwrap() {
            if m["params"]["version"] == version {
                assert_eq!(m["params"]["diagnostics"], json!([]));
                return;
            }
        }
    };
    let text = contract();
    assert!(text.lines().count() >= 500);
    let uri = "file:///bench/ch_valmont.pacte";
    send(
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
    );
    send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": {"textDocument": {"uri": uri, "languageId": "pacte", "version": 1, "text": text}}}));
    published(1);
    let mut version = 1;
    let mut group = c.benchmark_group("lsp");
    group.sample_size(20);
    group.bench_function("diagnostics après une modification (500 lignes)", |b| {
        b.iter(|| {
            version += 1;
            let edited = text.replacen("poids 3", &format!("poids {}", 3 + version % 5), 1);
            send(json!({"jsonrpc": "2.0", "method": "textDocument/didChange",
                "params": {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": edited}]}}));
            published(version);
        })
    });
    group.finish();
}

criterion_group!(benches, lsp_edit);
criterion_main!(benches);
