//! The changes as text (for the terminal), Markdown (a pull-request
//! comment) or JSON (`{"changes": [...]}`, stable for tools).

use super::Change;
use serde::Serialize;

/// `--format` of `pacte diff`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiffFormat {
    Text,
    Md,
    Json,
}

pub fn render(format: DiffFormat, changes: &[Change]) -> String {
    match format {
        DiffFormat::Text => text(changes),
        DiffFormat::Md => markdown(changes),
        DiffFormat::Json => json(changes),
    }
}

/// Changes grouped by contract, in order of first appearance.
fn by_contract(changes: &[Change]) -> Vec<(&str, Vec<&Change>)> {
    let mut groups: Vec<(&str, Vec<&Change>)> = Vec::new();
    for c in changes {
        match groups.iter_mut().find(|(id, _)| *id == c.contrat) {
            Some((_, list)) => list.push(c),
            None => groups.push((&c.contrat, vec![c])),
        }
    }
    groups
}

fn count(n: usize) -> String {
    if n == 1 {
        "1 modification".into()
    } else {
        format!("{n} modifications")
    }
}

fn text(changes: &[Change]) -> String {
    if changes.is_empty() {
        return "aucune différence\n".into();
    }
    let mut out = String::new();
    for (id, list) in by_contract(changes) {
        out.push_str(&format!("contrat {id} : {}\n", count(list.len())));
        for c in list {
            out.push_str(&format!("  {} {}\n", c.marker(), c.description));
        }
    }
    out
}

fn markdown(changes: &[Change]) -> String {
    let mut out = String::from("## Différences de contrat (`pacte diff`)\n\n");
    if changes.is_empty() {
        out.push_str("Aucune différence de fond : les versions ne diffèrent que par la forme.\n");
        return out;
    }
    for (id, list) in by_contract(changes) {
        out.push_str(&format!("### `{id}` — {}\n\n", count(list.len())));
        out.push_str("| | Élément | Avant | Après |\n|---|---|---|---|\n");
        for c in list {
            let cell = |v: &Option<String>| v.as_deref().map_or("—".to_string(), escape);
            out.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                marker_word(c.marker()),
                escape(&c.libelle),
                cell(&c.avant),
                cell(&c.apres)
            ));
        }
        out.push('\n');
    }
    out
}

fn marker_word(marker: char) -> &'static str {
    match marker {
        '+' => "ajout",
        '-' => "suppression",
        _ => "modification",
    }
}

/// A Markdown table cell: pipes escaped, on one line.
pub fn escape(s: &str) -> String {
    crate::render::escape::md_cell(s)
}

#[derive(Serialize)]
struct Json<'a> {
    changes: &'a [Change],
}

fn json(changes: &[Change]) -> String {
    let mut out = serde_json::to_string_pretty(&Json { changes })
        .unwrap_or_else(|_| "{\"changes\": []}".into());
    out.push('\n');
    out
}
