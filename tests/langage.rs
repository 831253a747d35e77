#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly
//! `docs/langage.md` cannot drift from the language (issue 12, item 9):
//!
//! - every item, field, clause and line form of `grammar/pacte.pest` is
//!   documented: the keywords of each rule appear, in order, on one line of
//!   the page;
//! - every unit is listed;
//! - the section listing the standard library (indicators, themes,
//!   frameworks, envelopes) is exactly what `std/` defines. After a change
//!   to `std/`, `PACTE_MAJ_DOCS=1 cargo test --test langage` rewrites it.

use std::collections::HashMap;

const PAGE: &str = "docs/langage.md";
const START: &str = "<!-- bibliothèque : début (généré, voir tests/langage.rs) -->";
const END: &str = "<!-- bibliothèque : fin -->";

/// Grammar rules by name: their body, comments removed.
fn rules() -> HashMap<String, String> {
    let grammar = std::fs::read_to_string("grammar/pacte.pest").unwrap();
    let mut rules = HashMap::new();
    let mut current: Option<(String, String)> = None;
    for line in grammar.lines() {
        let code = line.split("//").next().unwrap_or("");
        let head = code.split_once('=').filter(|(name, _)| {
            !name.trim().is_empty()
                && name.trim().chars().all(|c| c.is_alphanumeric() || c == '_')
                && !code.starts_with(' ')
        });
        if let Some((name, body)) = head {
            if let Some((n, b)) = current.take() {
                rules.insert(n, b);
            }
            current = Some((name.trim().to_string(), body.to_string()));
        } else if let Some((_, b)) = current.as_mut() {
            b.push(' ');
            b.push_str(code);
        }
    }
    if let Some((n, b)) = current {
        rules.insert(n, b);
    }
    rules
}

/// The alternatives of a choice rule (`a | b | c`).
fn alternatives(rules: &HashMap<String, String>, name: &str) -> Vec<String> {
    let body = rules.get(name).unwrap_or_else(|| panic!("no rule {name}"));
    let inner = body
        .trim()
        .trim_start_matches(['_', '@', '$', '{'])
        .trim_end_matches('}');
    inner
        .split('|')
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty())
        .collect()
}

/// The written keyword of a `kw_` rule: its first string literal.
fn keyword(rules: &HashMap<String, String>, kw: &str) -> Option<String> {
    let body = rules.get(kw)?;
    let start = body.find('"')? + 1;
    let end = body[start..].find('"')? + start;
    Some(body[start..end].to_string())
}

/// The words a rule is written with, in order: its keywords and literals.
fn words(rules: &HashMap<String, String>, rule: &str) -> Vec<String> {
    let body = rules.get(rule).map_or("", String::as_str);
    let mut out = Vec::new();
    let mut rest = body;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('"') {
            let end = after.find('"').unwrap_or(after.len());
            let lit = &after[..end];
            if lit.chars().any(char::is_alphabetic) {
                out.push(lit.to_string());
            }
            rest = after.get(end + 1..).unwrap_or("");
            continue;
        }
        let token: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if token.is_empty() {
            let mut chars = rest.chars();
            chars.next();
            rest = chars.as_str();
            continue;
        }
        if token.starts_with("kw_") {
            if let Some(k) = keyword(rules, &token) {
                out.push(k);
            }
        }
        rest = &rest[token.len()..];
    }
    out
}

/// Whether one line of the page holds all the words, in order.
fn documented(page: &str, words: &[String]) -> bool {
    page.lines().any(|line| {
        let mut at = 0;
        words.iter().all(|w| match line[at..].find(w.as_str()) {
            Some(i) => {
                at += i + w.len();
                true
            }
            None => false,
        })
    })
}

#[test]
fn every_grammar_form_is_documented() {
    let rules = rules();
    let page = std::fs::read_to_string(PAGE).unwrap();
    let choices = [
        "item",
        "contrat_field",
        "etab_field",
        "aide_line",
        "objectif_field",
        "action_field",
        "condition_field",
        "modulation_line",
        "indicateur_field",
        "theme_field",
        "cadre_field",
        "clause_kind",
        "enveloppe_field",
        "delegation_field",
        "diagnostic_field",
        "revue_field",
        "sous_action_field",
        "suivi_field",
        "scenario_field",
        "attente",
    ];
    let mut missing = Vec::new();
    let mut seen = 0;
    for choice in choices {
        let Some(_) = rules.get(choice) else { continue };
        for rule in alternatives(&rules, choice) {
            let words = words(&rules, &rule);
            if words.is_empty() {
                continue; // `2026: 1,2 M€`, `indicateur: valeur`: shown by example
            }
            seen += 1;
            if !documented(&page, &words) {
                missing.push(format!("{choice} › {rule} : {}", words.join(" ")));
            }
        }
    }
    assert!(seen > 80, "only {seen} grammar forms found");
    assert!(
        missing.is_empty(),
        "absent de {PAGE} :\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_unit_is_documented() {
    let page = std::fs::read_to_string(PAGE).unwrap();
    for unit in [
        "€", "k€", "M€", "%", "pt", "j", "jours", "nombre", "booléen", "date",
    ] {
        assert!(page.contains(&format!("`{unit}`")), "unité {unit}");
    }
}

/// The generated section: every std indicator, theme, framework, envelope.
fn std_section() -> String {
    let (_, _, p) = pacte::pipeline::check_text("vide.pacte", "");
    let cell = |t: Option<&pacte::ast::Text>| {
        t.map_or(String::new(), |t| {
            t.value.replace('|', "\\|").replace('\n', " ")
        })
    };
    let mut out = format!("{START}\n\n");
    out.push_str(&format!(
        "### Les {} thèmes de leviers\n\n| thème | libellé |\n|---|---|\n",
        p.themes.len()
    ));
    for t in p.themes.values() {
        out.push_str(&format!(
            "| `{}` | {} |\n",
            t.id.name,
            cell(t.libelle.as_ref())
        ));
    }
    out.push_str(&format!(
        "\n### Les {} indicateurs\n\n| indicateur | unité | sens | libellé |\n|---|---|---|---|\n",
        p.indicateurs.len()
    ));
    for i in p.indicateurs.values() {
        let unite = i.unite.map_or("", |(u, _)| u.keyword());
        let sens = i.sens.map_or("", |(s, _)| s.keyword());
        out.push_str(&format!(
            "| `{}` | {unite} | {sens} | {} |\n",
            i.id.name,
            cell(i.libelle.as_ref())
        ));
    }
    out.push_str("\n### Les cadres\n\n| cadre | libellé |\n|---|---|\n");
    for c in p.cadres.values() {
        out.push_str(&format!(
            "| `{}` | {} |\n",
            c.cadre.id.name,
            cell(c.cadre.libelle.as_ref())
        ));
    }
    out.push_str("\n### Les enveloppes\n\n| enveloppe | libellé |\n|---|---|\n");
    for e in p.enveloppes.values() {
        out.push_str(&format!(
            "| `{}` | {} |\n",
            e.id.name,
            cell(e.libelle.as_ref())
        ));
    }
    out.push_str(&format!("\n{END}"));
    out
}

#[test]
fn the_standard_library_section_is_what_std_defines() {
    let page = std::fs::read_to_string(PAGE).unwrap();
    let (Some(start), Some(end)) = (page.find(START), page.find(END)) else {
        panic!("{PAGE} : marqueurs de la section générée absents");
    };
    let current = &page[start..end + END.len()];
    let wanted = std_section();
    if current != wanted {
        if std::env::var_os("PACTE_MAJ_DOCS").is_some() {
            let updated = page.replace(current, &wanted);
            std::fs::write(PAGE, updated).unwrap();
            return;
        }
        panic!("{PAGE} ne liste pas la bibliothèque standard telle qu'elle est : PACTE_MAJ_DOCS=1 cargo test --test langage");
    }
}
