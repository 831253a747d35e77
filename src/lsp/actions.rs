//! Code actions from the diagnostics' help lines: « vouliez-vous dire X »
//! replaces the word (an unknown name, a misspelt keyword, a FINESS number
//! with the right key), and « ajoutez une ligne, par exemple : … » inserts
//! the missing required field before the item's closing brace.

use super::analysis::Analysis;
use super::lex::{self, Kind};
use super::names;
use super::position;
use crate::diagnostic::{Code, Diagnostic};
use serde_json::{json, Value};

/// `textDocument/codeAction` for the byte range `[start, end]`.
pub fn code_actions(a: &Analysis, doc_uri: &str, start: usize, end: usize) -> Value {
    let mut out = Vec::new();
    for d in &a.diagnostics {
        let span = d.primary.span;
        if (span.end as usize) < start || (span.start as usize) > end {
            continue;
        }
        if let Some(action) = action(a, doc_uri, d) {
            out.push(action);
        }
    }
    Value::Array(out)
}

fn action(a: &Analysis, doc_uri: &str, d: &Diagnostic) -> Option<Value> {
    let help = d.help.as_deref()?;
    let text = a.text.as_str();
    let span = d.primary.span;
    let (title, range, new_text) = if let Some(word) = suggestion(help) {
        let written = names::code(a).get(span.start as usize..span.end as usize)?;
        let new_text = if written.starts_with('"') {
            format!("\"{word}\"")
        } else {
            word.to_string()
        };
        let range = position::range(text, span.start as usize, span.end as usize);
        (format!("Remplacer par « {word} »"), range, new_text)
    } else if let Some(example) = same_field_example(help, names::code(a), span) {
        let range = position::range(text, span.start as usize, span.end as usize);
        (
            format!("Remplacer par « {example} »"),
            range,
            example.to_string(),
        )
    } else if let Some(fin) = added_end(help).filter(|_| d.code == Code::R0101) {
        // R0101 « ajoutez `fin le …` »: a new line below the period.
        let next = text
            .get(span.end as usize..)
            .and_then(|t| t.find('\n'))
            .map_or(text.len(), |i| span.end as usize + i + 1);
        let start = line_start(text, span.start as usize);
        let indent: String = text
            .get(start..)
            .unwrap_or("")
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        let at = position::position(text, next);
        let range = json!({"start": at, "end": at});
        (
            format!("Ajouter « {fin} »"),
            serde_json::from_value(range).ok()?,
            format!("{indent}{fin}\n"),
        )
    } else if d.code == Code::E0103 {
        let example = help.split("par exemple : ").nth(1)?;
        let close = closing_brace(names::code(a), span.start as usize)?;
        let indent = indentation(text, close);
        let at = position::position(text, line_start(text, close));
        let range = json!({"start": at, "end": at});
        let field = example.split_whitespace().next().unwrap_or(example);
        (
            format!("Ajouter le champ « {field} »"),
            serde_json::from_value(range).ok()?,
            format!("{indent}  {example}\n"),
        )
    } else {
        return None;
    };
    let edit = json!({"range": range, "newText": new_text});
    Some(json!({
        "title": title,
        "kind": "quickfix",
        "isPreferred": true,
        "diagnostics": [{
            "range": position::range(text, span.start as usize, span.end as usize),
            "code": d.code.to_string(),
            "message": d.message,
        }],
        "edit": {"changes": {doc_uri: [edit]}},
    }))
}

/// The X of « vouliez-vous dire `X` ? » or « vouliez-vous dire « X » ? ».
fn suggestion(help: &str) -> Option<&str> {
    let rest = help.split("vouliez-vous dire ").nth(1)?;
    if let Some(r) = rest.strip_prefix('`') {
        return r.split('`').next();
    }
    let r = rest.strip_prefix('«')?;
    r.split('»').next().map(str::trim)
}

/// The `X` of « par exemple `X` » when X rewrites the field under the span
/// (R0101: « allongez la période : par exemple `période 2025 à 2027` »).
fn same_field_example<'a>(help: &'a str, code: &str, span: crate::source::Span) -> Option<&'a str> {
    let example = help.split("par exemple `").nth(1)?.split('`').next()?;
    let written = code.get(span.start as usize..span.end as usize)?;
    let first = |t: &str| t.split_whitespace().next().map(str::to_string);
    (first(example).is_some() && first(example) == first(written)).then_some(example)
}

/// The `fin le …` of R0101's « ajoutez `fin le …` ».
fn added_end(help: &str) -> Option<&str> {
    let rest = help.split("ajoutez `").nth(1)?.split('`').next()?;
    rest.starts_with("fin le ").then_some(rest)
}

/// The `}` that closes the item starting before `from`.
fn closing_brace(code: &str, from: usize) -> Option<usize> {
    let mut depth = 0usize;
    for t in lex::tokens(code).iter().filter(|t| t.start >= from) {
        match t.kind {
            Kind::Open => depth += 1,
            Kind::Close if depth <= 1 => return Some(t.start),
            Kind::Close => depth -= 1,
            _ => {}
        }
    }
    None
}

fn line_start(text: &str, byte: usize) -> usize {
    text.get(..byte)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1)
}

/// The blanks before the brace when it starts its line, else two spaces.
fn indentation(text: &str, brace: usize) -> String {
    let before = text.get(line_start(text, brace)..brace).unwrap_or("");
    if before.chars().all(|c| c == ' ' || c == '\t') {
        before.to_string()
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_are_read_from_help() {
        assert_eq!(suggestion("vouliez-vous dire `marge` ?"), Some("marge"));
        assert_eq!(
            suggestion("vouliez-vous dire « 760000018 » ? vérifiez"),
            Some("760000018")
        );
        assert_eq!(suggestion("ajoutez une ligne"), None);
    }

    #[test]
    fn an_end_to_add_is_read_from_r0101_help() {
        assert_eq!(
            added_end("écrivez la fin : ajoutez `fin le 2028-06-29`"),
            Some("fin le 2028-06-29")
        );
        assert_eq!(added_end("par exemple `période 2025 à 2028`"), None);
    }
}
