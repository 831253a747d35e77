//! Evaluation reports, one module per `--format`: `text` (a French table
//! per contract and the regional summary), `json` (spec §9, exact decimal
//! strings, plus `derivation`), `markdown` (a review note per contract and
//! the regional summary), `html` (the annual review of each contract and
//! the regional dashboard, printed on A4). Pure: [`Evaluation`] +
//! [`SourceMap`] (+ for HTML, an [`html::Context`]) → text.
//!
//! A new format adds a [`Format`] variant, a module with the three
//! functions `report`, `contract` and `summary`, and a line in each match
//! below.

pub mod html;
pub mod json;
pub mod markdown;
pub(crate) mod table;
pub mod text;

use super::derivation::Derivation;
use super::{ContractEvaluation, Evaluation};
use crate::ast::Dimension;
use crate::source::{SourceMap, Span};
use rust_decimal::Decimal;

/// Every contract's section, each followed by a blank line, then the
/// regional summary: the layout of the text and Markdown reports.
fn contracts_then_summary(
    e: &Evaluation,
    contract: impl Fn(&ContractEvaluation) -> String,
    summary: String,
) -> String {
    let mut out = String::new();
    for c in &e.contracts {
        out.push_str(&contract(c));
        out.push('\n');
    }
    out.push_str(&summary);
    out
}

/// An evaluation report format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Markdown,
    Html,
}

impl Format {
    /// The extension of the files written with `--out`.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Json => "json",
            Format::Markdown => "md",
            Format::Html => "html",
        }
    }
}

/// Rendering options.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'a> {
    /// Show every number's derivation (text and Markdown; JSON and HTML
    /// always have it).
    pub explain: bool,
    /// What HTML shows beyond the evaluation (series over the years,
    /// délégations, deficits); without it, HTML has no charts over the
    /// years and no délégation.
    pub context: Option<&'a html::Context>,
}

impl Options<'_> {
    fn html_context(&self) -> std::borrow::Cow<'_, html::Context> {
        match self.context {
            Some(c) => std::borrow::Cow::Borrowed(c),
            None => std::borrow::Cow::Owned(html::Context::default()),
        }
    }
}

/// The whole report: every contract, then the regional summary.
pub fn report(format: Format, e: &Evaluation, map: &SourceMap, options: Options) -> String {
    match format {
        Format::Text => text::report(e, map, options),
        Format::Json => json::report(e, map),
        Format::Markdown => markdown::report(e, map, options),
        Format::Html => html::report(e, map, &options.html_context()),
    }
}

/// The whole report, written to `out` (JSON is streamed: no copy of a
/// large run's report in memory).
pub fn write(
    format: Format,
    e: &Evaluation,
    map: &SourceMap,
    options: Options,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Json => json::write(e, map, out),
        _ => out.write_all(report(format, e, map, options).as_bytes()),
    }
}

/// One contract's review (a file of `--out`).
pub fn contract(
    format: Format,
    e: &Evaluation,
    c: &ContractEvaluation,
    map: &SourceMap,
    options: Options,
) -> String {
    match format {
        Format::Text => text::contract(e, c, map, options),
        Format::Json => json::contract(e, c, map),
        Format::Markdown => markdown::contract(e, c, map, options),
        Format::Html => html::contract(e, c, map, &options.html_context()),
    }
}

/// The regional summary alone.
pub fn summary(format: Format, e: &Evaluation, map: &SourceMap, options: Options) -> String {
    match format {
        Format::Text => text::summary(e),
        Format::Json => json::report(e, map),
        Format::Markdown => markdown::summary(e),
        Format::Html => html::summary(e, &options.html_context()),
    }
}

/// Removes a column from a table (the « aide retenue » column of a run
/// without any `revue` decision).
fn drop_column<C>(columns: &mut Vec<C>, rows: &mut [Vec<String>], i: usize) {
    if i < columns.len() {
        columns.remove(i);
    }
    for r in rows.iter_mut().filter(|r| i < r.len()) {
        r.remove(i);
    }
}

/// `file:line` of a span.
pub fn locate(map: &SourceMap, span: Span) -> Option<(String, usize)> {
    let source = map.get(span.source)?;
    let (line, _) = source.line_col(span.start as usize);
    Some((source.path.clone(), line))
}

/// One derivation line: `what = display — how [file:line]`.
pub fn step_line(d: &Derivation, map: &SourceMap) -> String {
    let mut line = d.what.to_string();
    if let Some(display) = &d.display {
        line.push_str(" = ");
        line.push_str(display);
    }
    line.push_str(" — ");
    line.push_str(&d.how);
    if let Some((file, n)) = d.span.and_then(|s| locate(map, s)) {
        line.push_str(&format!(" [{file}:{n}]"));
    }
    line
}

/// A ratio as a French percentage (`77,5 %`).
pub fn pct(d: Decimal) -> String {
    crate::display::quantity(d, Dimension::Ratio)
}

/// A rate or « — » when there is none.
pub fn rate_text(r: Option<Decimal>) -> String {
    r.map_or_else(|| "—".to_string(), pct)
}

/// A score (`0,775`), or « exclu ».
pub fn score_text(s: Option<Decimal>) -> String {
    s.map_or_else(
        || "exclu".to_string(),
        |s| crate::display::number(s.round_dp(4)),
    )
}

/// The codes and conditions of the aid's reasons, then its flags
/// (`condition stocks, V0101 signalé`).
pub fn motifs_short(c: &ContractEvaluation) -> String {
    let items: Vec<String> = c
        .aide
        .motifs
        .iter()
        .map(|m| match (&m.code, &m.condition) {
            (Some(code), _) => code.to_string(),
            (None, Some(cond)) => format!("condition {cond}"),
            (None, None) => m.message.clone(),
        })
        .chain(c.aide.signalements.iter().map(|s| match s.justification {
            Some(_) => format!("{} justifié", s.code),
            None => format!("{} signalé", s.code),
        }))
        .collect();
    items.join(", ")
}
