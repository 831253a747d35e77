#![allow(clippy::disallowed_methods)] // reads and writes files outside the compiler
//! Helpers shared by the evaluation tests: load contracts and a figures file
//! through the same stages as `pacte evaluate`, and make snapshots stable
//! when the std changes (line numbers in `<std>/…` are masked).

#![allow(dead_code)]

pub mod corpus;
pub mod html;

use pacte::cli::load;
use pacte::diagnostic::{Diagnostic, Diagnostics};
use pacte::eval::{self, Evaluation, Figures};
use pacte::model::Program;
use pacte::source::SourceMap;
use rust_decimal::Decimal;
use std::path::PathBuf;
use std::str::FromStr;

/// A run's program, sources and figures.
pub struct Run {
    pub program: Program,
    pub map: SourceMap,
    pub figures: Figures,
    pub diagnostics: Vec<Diagnostic>,
}

impl Run {
    pub fn evaluate(&self, exercice: i32) -> Evaluation {
        eval::evaluate(&self.program, &self.figures, exercice)
    }
}

/// Loads contract paths and a figures file; check and figures diagnostics
/// are kept (errors included) for the caller to assert on.
pub fn load_run(paths: &[&str], figures: &str) -> Run {
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    let mut ws = load::load(&paths, None).expect("contracts readable");
    let program = pacte::pipeline::analyse(ws.files(), &mut ws.diagnostics);
    let bytes = std::fs::read(figures).expect("figures readable");
    let mut diagnostics = Diagnostics::new();
    let figures = eval::figures::read(&mut ws.map, figures, &bytes, &program, &mut diagnostics);
    ws.diagnostics.extend(diagnostics);
    let diagnostics = std::mem::take(&mut ws.diagnostics).into_vec();
    Run {
        program,
        map: ws.map,
        figures,
        diagnostics,
    }
}

/// Loads `tests/fixtures/eval/<case>/` with its `chiffres.csv`, and checks
/// that neither the contracts nor the figures have errors.
pub fn case(name: &str) -> Run {
    let dir = format!("tests/fixtures/eval/{name}");
    let run = load_run(&[&dir], &format!("{dir}/chiffres.csv"));
    let errors: Vec<String> = run
        .diagnostics
        .iter()
        .filter(|d| d.severity() == pacte::diagnostic::Severity::Error)
        .map(|d| format!("{} {}", d.code, d.message))
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}");
    run
}

pub fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).expect("decimal")
}

/// Masks line numbers into the std (`[<std>/cadres.pacte:63]` →
/// `[<std>/cadres.pacte:…]`), so snapshots do not change with the std.
pub fn mask_std_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("<std>/") {
        let (head, tail) = rest.split_at(at);
        out.push_str(head);
        let end = tail.find(':').unwrap_or(tail.len());
        out.push_str(&tail[..end]);
        let after = &tail[end..];
        let digits = after
            .get(1..)
            .map_or(0, |s| s.chars().take_while(char::is_ascii_digit).count());
        if digits > 0 {
            out.push_str(":…");
            rest = &after[1 + digits..];
        } else {
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// The JSON report with `"ligne"` masked after a `"fichier"` in the std.
pub fn mask_std_json(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_std = false;
    for line in text.lines() {
        if line.trim_start().starts_with("\"ligne\":") && in_std {
            let indent = &line[..line.len() - line.trim_start().len()];
            out.push_str(indent);
            out.push_str("\"ligne\": \"…\"");
            if line.ends_with(',') {
                out.push(',');
            }
        } else {
            out.push_str(line);
        }
        out.push('\n');
        in_std = line.contains("\"fichier\": \"<std>/");
    }
    out
}

/// Runs the `pacte` binary with colours off.
pub fn pacte(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_pacte"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("pacte runs")
}

/// Bytes of a stream as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
