//! Text diagnostics with ariadne: code, message, the excerpt with labels,
//! then French `aide :` and `note :` lines (ariadne's own headings are
//! English). Positions are bytes (`IndexType::Byte`).

use super::Summary;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceMap;
use ariadne::{Color, Config, IndexType, Label, Report, ReportKind, Source};
use std::collections::HashMap;

pub fn render(
    diagnostics: &[Diagnostic],
    map: &SourceMap,
    summary: &Summary,
    color: bool,
) -> String {
    let mut cache = SourceCache::default();
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&render_with(d, map, color, &mut cache));
    }
    out.push_str(&summary_line(summary));
    out.push('\n');
    out
}

/// One diagnostic as text.
pub fn render_one(d: &Diagnostic, map: &SourceMap, color: bool) -> String {
    render_with(d, map, color, &mut SourceCache::default())
}

/// ariadne sources built once per file and run (a file's line index is
/// computed once however many diagnostics it has).
#[derive(Default)]
struct SourceCache {
    sources: HashMap<String, Source<String>>,
}

impl ariadne::Cache<String> for SourceCache {
    type Storage = String;

    fn fetch(&mut self, id: &String) -> Result<&Source<String>, impl std::fmt::Debug> {
        self.sources
            .get(id)
            .ok_or_else(|| format!("source inconnue : {id}"))
    }

    fn display<'a>(&self, id: &'a String) -> Option<impl std::fmt::Display + 'a> {
        Some(id.clone())
    }
}

fn render_with(d: &Diagnostic, map: &SourceMap, color: bool, cache: &mut SourceCache) -> String {
    let path = |id: crate::source::SourceId| map.path(id).to_string();
    let span = d.primary.span;
    let (kind, main_color) = match d.severity() {
        Severity::Error => (ReportKind::Custom("erreur ", Color::Red), Color::Red),
        Severity::Warning => (
            ReportKind::Custom("avertissement ", Color::Yellow),
            Color::Yellow,
        ),
    };
    // Character offsets: ariadne's byte mode misplaces labels in a second file.
    let config = Config::default()
        .with_color(color)
        .with_index_type(IndexType::Char);
    let primary = char_range(span, map);
    let mut report = Report::build(kind, (path(span.source), primary.clone()))
        .with_config(config)
        .with_code(d.code)
        .with_message(&d.message);
    let mut label = Label::new((path(span.source), primary)).with_color(main_color);
    if let Some(text) = &d.primary.text {
        label = label.with_message(text);
    }
    report = report.with_label(label);
    for s in &d.secondary {
        let range = char_range(s.span, map);
        let mut l = Label::new((path(s.span.source), range)).with_color(Color::Blue);
        if let Some(text) = &s.text {
            l = l.with_message(text);
        }
        report = report.with_label(l);
    }
    for id in std::iter::once(span.source).chain(d.secondary.iter().map(|s| s.span.source)) {
        if let Some(source) = map.get(id) {
            if !cache.sources.contains_key(&source.path) {
                cache
                    .sources
                    .insert(source.path.clone(), Source::from(source.text.clone()));
            }
        }
    }
    let mut buffer = Vec::new();
    let _ = report.finish().write(&mut *cache, &mut buffer);
    let mut text = String::from_utf8_lossy(&buffer).into_owned();
    if !color {
        // ariadne colours custom report kinds whatever its config says.
        text = strip_ansi(&text);
    }
    if !color && !d.secondary.is_empty() {
        text = locate_groups(&text, d, map);
    }
    if let Some(help) = &d.help {
        text.push_str(&format!("  aide : {help}\n"));
    }
    for note in &d.notes {
        text.push_str(&format!("  note : {note}\n"));
    }
    text.push('\n');
    text
}

/// ariadne heads every snippet of the primary's file with the primary's
/// position: a secondary snippet (« année précédente », line 20) would say
/// line 21. Each `├─[ file:L:C ]` header gets the position of the label its
/// snippet shows first.
fn locate_groups(text: &str, d: &Diagnostic, map: &SourceMap) -> String {
    let labels: Vec<(String, usize, usize)> = std::iter::once(&d.primary)
        .chain(&d.secondary)
        .filter_map(|l| {
            let source = map.get(l.span.source)?;
            let (line, col) = source.line_col(l.span.start as usize);
            Some((source.path.clone(), line, col))
        })
        .collect();
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::with_capacity(text.len());
    for (i, line) in lines.iter().enumerate() {
        let fixed = line
            .trim_start()
            .strip_prefix("├─[ ")
            .and_then(|rest| rest.strip_suffix(" ]"))
            .and_then(|loc| relocate(loc, lines.get(i + 1..).unwrap_or_default(), &labels))
            .map(|loc| {
                format!(
                    "{}├─[ {loc} ]",
                    &line[..line.len() - line.trim_start().len()]
                )
            });
        out.push_str(fixed.as_deref().unwrap_or(line));
        out.push('\n');
    }
    out
}

/// The position of the label on the first source line shown after a header.
fn relocate(loc: &str, after: &[&str], labels: &[(String, usize, usize)]) -> Option<String> {
    let (path, _) = loc.rsplit_once(':')?.0.rsplit_once(':')?;
    let shown: usize = after.iter().find_map(|l| {
        let (number, rest) = l.trim_start().split_once(' ')?;
        rest.starts_with('│').then(|| number.parse().ok())?
    })?;
    let (_, line, col) = labels.iter().find(|(p, l, _)| p == path && *l == shown)?;
    Some(format!("{path}:{line}:{col}"))
}

/// « 3 fichiers, 2 contrats : 1 erreur, 0 avertissement ».
pub fn summary_line(s: &Summary) -> String {
    let plural = crate::display::count;
    let verdict = if s.errors == 0 && s.warnings == 0 {
        " — tout est conforme"
    } else {
        ""
    };
    format!(
        "{}, {} vérifiés : {}, {}{verdict}",
        plural(s.files, "fichier", "fichiers"),
        plural(s.contracts, "contrat", "contrats"),
        plural(s.errors, "erreur", "erreurs"),
        plural(s.warnings, "avertissement", "avertissements"),
    )
}

/// Removes ANSI colour sequences (`ESC [ … m`).
fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            for next in chars.by_ref() {
                if next.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A byte span as a range of character offsets, widened to whole characters.
fn char_range(span: crate::source::Span, map: &SourceMap) -> std::ops::Range<usize> {
    let Some(source) = map.get(span.source) else {
        return span.range();
    };
    let text = source.text.as_str();
    let mut start = (span.start as usize).min(text.len());
    let mut end = (span.end as usize).clamp(start, text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let chars_before = |byte: usize| text.get(..byte).map_or(0, |t| t.chars().count());
    let first = chars_before(start);
    first..first + text.get(start..end).map_or(0, |t| t.chars().count())
}
