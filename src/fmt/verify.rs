//! What the formatter checks so that it never loses anything:
//!
//! - before: a single-valued field written twice in one block (E0102) is
//!   refused, since the canonical layout has one place for it and the
//!   formatter will not choose between the two values;
//! - after: the output parses, means the same (the AST without spans is
//!   equal), keeps every comment (same multiset) and is stable (formatting
//!   it again changes nothing). A failure here is a formatter bug: the file
//!   is left untouched.

use super::erase::erase_file;
use crate::ast::File;
use crate::diagnostic::{Code, Diagnostic};
use crate::source::{Source, Span};
use crate::syntax::grammar::{PacteParser, Rule};
use crate::syntax::trivia::Trivia;
use pest::iterators::Pair;
use pest::Parser;

/// E0102 for every field written twice in the same block.
pub fn duplicate_fields(source: &Source) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Ok(pairs) = PacteParser::parse(Rule::file, &source.text) {
        for pair in pairs.flat_map(|p| p.into_inner()) {
            check_block(pair, source, &mut out);
        }
    }
    out
}

fn check_block(pair: Pair<'_, Rule>, source: &Source, out: &mut Vec<Diagnostic>) {
    if !is_block(pair.as_rule()) {
        return;
    }
    let mut seen: Vec<(Rule, Span)> = Vec::new();
    for child in pair.into_inner() {
        let rule = child.as_rule();
        let span = Span::new(source.id, child.as_span().start(), child.as_span().end());
        if let Some(name) = crate::syntax::single_field(rule) {
            match seen.iter().find(|(r, _)| *r == rule) {
                Some((_, first)) => out.push(duplicate(name, span, *first)),
                None => seen.push((rule, span)),
            }
        }
        check_block(child, source, out);
    }
}

fn duplicate(name: &str, span: Span, first: Span) -> Diagnostic {
    Diagnostic::new(
        Code::E0102,
        span,
        format!("le champ « {name} » est écrit deux fois : le fichier n'est pas formaté"),
    )
    .label("seconde occurrence")
    .secondary(first, "première occurrence")
    .help("gardez une seule des deux lignes ; le formateur ne choisit pas à votre place")
}

fn is_block(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::contrat
            | Rule::etablissement
            | Rule::objectif
            | Rule::action
            | Rule::condition
            | Rule::indicateur
            | Rule::theme
            | Rule::cadre
            | Rule::enveloppe
            | Rule::delegation
            | Rule::diagnostic
            | Rule::revue
            | Rule::suivi
            | Rule::sous_action
            | Rule::prevision
    )
}

/// The comment texts of a file, sorted (a multiset).
pub fn comment_texts(trivia: &Trivia) -> Vec<String> {
    let mut texts: Vec<String> = trivia.comments.iter().map(|c| c.text.clone()).collect();
    texts.sort();
    texts
}

/// Whether two parses mean the same: equal once spans are erased.
pub fn same_meaning(before: &File, after: &File) -> bool {
    erase_file(before) == erase_file(after)
}
