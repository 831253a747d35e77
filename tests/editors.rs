#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly
//! The editors' word lists (`editors/words.json`, read by the tree-sitter
//! grammar, and the TextMate grammar's patterns) stay equal to the words of
//! `grammar/pacte.pest`. `PACTE_UPDATE_WORDS=1 cargo test --test editors`
//! rewrites `editors/words.json` from the grammar.

use serde_json::{json, Value};
use std::collections::BTreeSet;

/// Rules whose words are values, not keywords.
const CONSTANT_RULES: &[&str] = &[
    "month",
    "boolean",
    "sens_name",
    "niveau",
    "category_name",
    "status_name",
    "objective_kind",
    "verdict_word",
];
const UNIT_RULES: &[&str] = &["unit", "unit_name"];
const FUNCTION_RULES: &[&str] = &["func"];
/// Rules that only repeat words found elsewhere.
const SKIPPED_RULES: &[&str] = &["reserved", "WHITESPACE", "COMMENT"];

/// Words of spec v0.2 (§10, §11) the grammar does not have yet: the editors
/// colour them already. Remove them as the grammar gains them.
const SPEC_V02_KEYWORDS: &[&str] = &[
    // §10: actions with an id, forecasts, `suivi`
    "chef_de_projet",
    "début",
    "debut",
    "titre",
    "initial",
    "économies_prévues",
    "economies_prevues",
    "sous_action",
    "prévision",
    "prevision",
    "suivi",
    "prochaine_rencontre",
    "économies",
    "economies",
    "commentaire",
];
const SPEC_V02_CONSTANTS: &[&str] = &[];

struct Words {
    keywords: BTreeSet<String>,
    constants: BTreeSet<String>,
    units: BTreeSet<String>,
    functions: BTreeSet<String>,
}

fn literals(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '"' {
            continue;
        }
        let mut lit = String::new();
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    chars.next();
                    lit.push('\\');
                }
                '"' => break,
                c => lit.push(c),
            }
        }
        out.push(lit);
    }
    out
}

fn pest_words() -> Words {
    let grammar = std::fs::read_to_string("grammar/pacte.pest").unwrap();
    let mut rules: Vec<(String, String)> = Vec::new();
    for line in grammar.lines() {
        let code = line.trim_start();
        if code.starts_with("//") {
            continue;
        }
        let head: String = line
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        let is_rule = !head.is_empty() && line[head.len()..].trim_start().starts_with('=');
        if is_rule {
            rules.push((head.clone(), line[head.len()..].to_string()));
        } else if let Some(last) = rules.last_mut() {
            last.1.push_str(line);
        }
    }
    let mut words = Words {
        keywords: BTreeSet::new(),
        constants: BTreeSet::new(),
        units: BTreeSet::new(),
        functions: BTreeSet::new(),
    };
    for (name, body) in &rules {
        let name = name.as_str();
        for lit in literals(body) {
            let is_word = !lit.is_empty() && lit.chars().all(|c| c.is_alphabetic() || c == '_');
            if UNIT_RULES.contains(&name) {
                words.units.insert(lit);
            } else if !is_word || SKIPPED_RULES.contains(&name) {
            } else if CONSTANT_RULES.contains(&name) {
                words.constants.insert(lit);
            } else if FUNCTION_RULES.contains(&name) {
                words.functions.insert(lit);
            } else {
                words.keywords.insert(lit);
            }
        }
    }
    words
        .keywords
        .extend(SPEC_V02_KEYWORDS.iter().map(|s| s.to_string()));
    words
        .constants
        .extend(SPEC_V02_CONSTANTS.iter().map(|s| s.to_string()));
    words
}

fn set(value: &Value) -> BTreeSet<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

/// The words of a TextMate pattern `(?<!…)(?:a|b|c)(?!…)`.
fn alternation(pattern: &str) -> BTreeSet<String> {
    let start = pattern.find("(?:").unwrap() + 3;
    let end = start + pattern[start..].find(')').unwrap();
    pattern[start..end].split('|').map(str::to_string).collect()
}

#[test]
fn editor_word_lists_equal_the_grammar() {
    let words = pest_words();
    let expected = json!({
        "keywords": words.keywords,
        "constants": words.constants,
        "units": words.units,
        "functions": words.functions,
    });
    let path = "editors/words.json";
    if std::env::var_os("PACTE_UPDATE_WORDS").is_some() {
        let text = serde_json::to_string_pretty(&expected).unwrap();
        std::fs::write(path, text + "\n").unwrap();
    }
    let stored: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    for key in ["keywords", "constants", "units", "functions"] {
        assert_eq!(
            set(&stored[key]),
            set(&expected[key]),
            "{path} : « {key} » diffère de grammar/pacte.pest (PACTE_UPDATE_WORDS=1 pour le réécrire)"
        );
    }
    // The generated tree-sitter parser was regenerated after the last change of words.
    let ts: Value = serde_json::from_str(
        &std::fs::read_to_string("editors/tree-sitter-pacte/src/grammar.json").unwrap(),
    )
    .unwrap();
    let mut ts_words = BTreeSet::new();
    for rule in ["keyword", "constant", "function", "unit"] {
        for member in ts["rules"][rule]["members"].as_array().unwrap() {
            ts_words.insert(member["value"].as_str().unwrap().to_string());
        }
    }
    let all: BTreeSet<String> = ["keywords", "constants", "units", "functions"]
        .iter()
        .flat_map(|k| set(&expected[k]))
        .collect();
    assert_eq!(
        ts_words, all,
        "tree-sitter : régénérez le parseur (sh editors/tree-sitter-pacte/scripts/check.sh)"
    );
    let tm: Value = serde_json::from_str(
        &std::fs::read_to_string("editors/vscode/syntaxes/pacte.tmLanguage.json").unwrap(),
    )
    .unwrap();
    for (key, rule) in [
        ("keywords", "keywords"),
        ("constants", "constants"),
        ("functions", "functions"),
    ] {
        let pattern = tm["repository"][rule]["match"].as_str().unwrap();
        assert_eq!(
            alternation(pattern),
            set(&expected[key]),
            "TextMate : le motif « {rule} » diffère de grammar/pacte.pest"
        );
    }
}
