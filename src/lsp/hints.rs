//! What the editor draws over the text: folding ranges, semantic tokens
//! and inlay hints (a contract's duration after `période`, an aid
//! schedule's total, the value in euros of `1,5 M€`).

use super::analysis::Analysis;
use super::lex::{self, Kind};
use super::names;
use super::position;
use crate::ast::{Contrat, Item};
use crate::date::Date;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::collections::HashSet;
use std::sync::OnceLock;

/// `textDocument/foldingRange`: blocks, text blocks and runs of comments
/// that span lines.
pub fn folding_ranges(a: &Analysis) -> Value {
    let text = a.text.as_str();
    let tokens = lex::tokens(names::code(a));
    let line = |b: usize| position::position(text, b).line;
    let mut out = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut comments: Option<(u32, u32)> = None;
    for t in &tokens {
        if t.kind == Kind::Comment {
            let l = line(t.start);
            comments = match comments {
                Some((s, e)) if e + 1 == l => Some((s, l)),
                other => {
                    push_comment(&mut out, other);
                    Some((l, l))
                }
            };
            continue;
        }
        match t.kind {
            Kind::Open => open.push(t.start),
            Kind::Close => {
                if let Some(s) = open.pop() {
                    let (ls, le) = (line(s), line(t.start));
                    if le > ls {
                        out.push(json!({"startLine": ls, "endLine": le.saturating_sub(1).max(ls)}));
                    }
                }
            }
            Kind::TextBlock => {
                let (ls, le) = (line(t.start), line(t.end));
                if le > ls {
                    out.push(json!({"startLine": ls, "endLine": le}));
                }
            }
            _ => {}
        }
    }
    push_comment(&mut out, comments);
    Value::Array(out)
}

fn push_comment(out: &mut Vec<Value>, run: Option<(u32, u32)>) {
    if let Some((s, e)) = run.filter(|(s, e)| e > s) {
        out.push(json!({"startLine": s, "endLine": e, "kind": "comment"}));
    }
}

/// The legend of semantic tokens.
pub const TOKEN_TYPES: &[&str] = &[
    "keyword",
    "string",
    "comment",
    "number",
    "operator",
    "namespace",
    "class",
    "enum",
    "function",
    "variable",
    "property",
    "event",
    "type",
];

fn keywords() -> &'static HashSet<String> {
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let json: Value =
            serde_json::from_str(include_str!("../../editors/words.json")).unwrap_or(Value::Null);
        ["keywords", "constants", "units", "functions"]
            .iter()
            .filter_map(|k| json.get(k)?.as_array())
            .flatten()
            .filter_map(|w| Some(w.as_str()?.to_string()))
            .collect()
    })
}

/// `textDocument/semanticTokens/full`: names by what they name, keywords,
/// values, strings and comments (one line each: multi-line tokens are left
/// to the grammar).
pub fn semantic_tokens(a: &Analysis) -> Value {
    let code = names::code(a);
    let text = a.text.as_str();
    let tokens = lex::tokens(code);
    let mut kinds: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    let globals = names::globals(a);
    let locals = a.file.as_ref().map(names::locals).unwrap_or_default();
    for d in globals.iter().chain(&locals) {
        kinds.insert(d.name.as_str(), d.kind);
    }
    let mut data: Vec<u32> = Vec::new();
    let (mut prev_line, mut prev_col) = (0u32, 0u32);
    for t in &tokens {
        let word = code.get(t.start..t.end).unwrap_or("");
        let ty = match t.kind {
            Kind::Word => match kinds.get(word) {
                Some(&"indicateur") => "variable",
                Some(&"thème") => "namespace",
                Some(&"cadre") => "class",
                Some(&"enveloppe") => "enum",
                Some(&"contrat") => "type",
                Some(&"objectif") => "function",
                Some(&"condition") => "event",
                Some(_) => "property",
                None if keywords().contains(word) => "keyword",
                None => continue,
            },
            Kind::Number | Kind::Date => "number",
            Kind::String => "string",
            Kind::Comment => "comment",
            Kind::Symbol if "<>=≤≥+-*/".contains(word) => "operator",
            _ => continue,
        };
        let start = position::position(text, t.start);
        let end = position::position(text, t.end);
        if end.line != start.line {
            continue;
        }
        let ty_index = TOKEN_TYPES.iter().position(|x| *x == ty).unwrap_or(0);
        let delta_line = start.line - prev_line;
        let delta_col = if delta_line == 0 {
            start.character - prev_col
        } else {
            start.character
        };
        data.extend([
            delta_line,
            delta_col,
            end.character - start.character,
            ty_index as u32,
            0,
        ]);
        (prev_line, prev_col) = (start.line, start.character);
    }
    json!({ "data": data })
}

/// `textDocument/inlayHint`.
pub fn inlay_hints(a: &Analysis) -> Value {
    let text = a.text.as_str();
    let mut out = Vec::new();
    let mut hint = |byte: usize, label: String| {
        out.push(json!({
            "position": position::position(text, byte),
            "label": label,
            "paddingLeft": true,
        }));
    };
    if let Some(file) = &a.file {
        for item in &file.items {
            if let Item::Contrat(c) = item {
                if let Some((p, label)) = duration(c) {
                    hint(p, label);
                }
                for aide in &c.aides {
                    let total: Decimal = aide.annees.iter().map(|y| y.montant.value).sum();
                    hint(
                        aide.enveloppe.span.end as usize,
                        format!("total {}", crate::display::euros(total)),
                    );
                }
            }
        }
    }
    for (end, value) in scaled_amounts(names::code(a)) {
        hint(end, format!("= {}", crate::display::euros(value)));
    }
    Value::Array(out)
}

/// `période 2025 à 2029` signed on 2025-12-10: « 5 exercices ; 4 ans et 21 jours ».
fn duration(c: &Contrat) -> Option<(usize, String)> {
    let p = c.periode.as_ref()?;
    let exercices = i64::from(p.fin.value) - i64::from(p.debut.value) + 1;
    let mut label = if exercices > 1 {
        format!("{exercices} exercices")
    } else {
        format!("{exercices} exercice")
    };
    if let Some((signe, _)) = c.signe {
        let end = match c.fin {
            Some((fin, _)) => fin,
            None => Date::new(p.fin.value, 12, 31)?,
        };
        if let Some((years, days)) = years_and_days(signe, end) {
            label.push_str(&format!(
                " ; {} à compter de la signature",
                years_text(years, days)
            ));
        }
    }
    Some((p.span.end as usize, label))
}

fn years_text(years: i32, days: i64) -> String {
    let y = match years {
        0 => String::new(),
        1 => "1 an".into(),
        n => format!("{n} ans"),
    };
    let d = match days {
        0 => String::new(),
        1 => "1 jour".into(),
        n => format!("{n} jours"),
    };
    match (y.is_empty(), d.is_empty()) {
        (false, false) => format!("{y} et {d}"),
        (true, true) => "0 jour".into(),
        _ => format!("{y}{d}"),
    }
}

/// Whole years from `start` and the days left to `end` (spec §4: from
/// 2025-12-10 to 2028-12-31 is 3 years and 21 days).
fn years_and_days(start: Date, end: Date) -> Option<(i32, i64)> {
    if end < start {
        return None;
    }
    let mut years = 0;
    while start.add_months(12 * (years as u32 + 1)) <= end && years < 1000 {
        years += 1;
    }
    let anniversary = start.add_months(12 * years as u32);
    Some((years, day_number(end) - day_number(anniversary)))
}

/// Days since an epoch (proleptic Gregorian).
fn day_number(d: Date) -> i64 {
    let (y, m) = if d.month <= 2 {
        (i64::from(d.year) - 1, i64::from(d.month) + 12)
    } else {
        (i64::from(d.year), i64::from(d.month))
    };
    365 * y + y.div_euclid(4) - y.div_euclid(100)
        + y.div_euclid(400)
        + (153 * (m - 3) + 2) / 5
        + i64::from(d.day)
}

/// Amounts written in `k€` or `M€`, with their value in euros.
fn scaled_amounts(code: &str) -> Vec<(usize, Decimal)> {
    let tokens = lex::tokens(code);
    let mut out = Vec::new();
    for pair in tokens.windows(2) {
        let [n, u] = pair else { continue };
        if n.kind != Kind::Number {
            continue;
        }
        let unit = code.get(u.start..).unwrap_or("");
        let scale = if unit.starts_with("k€") {
            Decimal::from(1000)
        } else if unit.starts_with("M€") {
            Decimal::from(1_000_000)
        } else {
            continue;
        };
        let gap = code.get(n.end..u.start).unwrap_or("x");
        let Some(value) = crate::syntax::parse_number(code.get(n.start..n.end).unwrap_or(""))
        else {
            continue;
        };
        if gap.chars().all(|c| c == ' ') {
            let end = u.start + unit.chars().take(2).map(char::len_utf8).sum::<usize>();
            out.push((end, value * scale));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_follow_the_spec() {
        let d = |s: &str| Date::parse_iso(s).unwrap();
        assert_eq!(
            years_and_days(d("2025-12-10"), d("2028-12-31")),
            Some((3, 21))
        );
        assert_eq!(
            years_and_days(d("2025-12-10"), d("2027-12-31")),
            Some((2, 21))
        );
        assert_eq!(years_text(3, 21), "3 ans et 21 jours");
        let s = "2025: 1,5 M€ ferme 2026: 800 k€ 3 €";
        let end = |u: &str| s.find(u).unwrap() + u.len();
        assert_eq!(
            scaled_amounts(s),
            [
                (end("M€"), Decimal::from(1_500_000)),
                (end("k€"), Decimal::from(800_000))
            ]
        );
    }
}
