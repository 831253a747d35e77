//! **Stage 1 — syntax (E0001, E0002).** Source text → [`ast::File`] plus the
//! comment trivia, with every syntax error reported in French words.
//!
//! The grammar is `grammar/pacte.pest`. Before pest runs, a lexical scan
//! refuses NUL bytes and excessive nesting, so no input can crash the parser.

mod bounds;
mod champs;
pub mod grammar;
mod hints;
mod literal;
mod lower;
pub use lower::single_field;
pub mod trivia;

pub use literal::{ambiguous_dot, ambiguous_readings, dedent, parse_number};

use crate::ast;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::source::{Source, Span};
use grammar::{PacteParser, Rule};
use pest::error::{ErrorVariant, InputLocation};
use pest::Parser;

/// The result of parsing one file.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// `None` when the file has syntax errors.
    pub file: Option<ast::File>,
    pub trivia: trivia::Trivia,
}

/// Parses one source (its text is the Pacte code: for `.pacte.md` files,
/// the caller passes the extracted code, byte-aligned with the file).
pub fn parse(source: &Source, diagnostics: &mut Diagnostics) -> Parsed {
    let text = source.text.as_str();
    let trivia = trivia::scan(source.id, text);
    if let Some(nul) = text.find('\0') {
        let span = Span::new(source.id, nul, nul + 1);
        diagnostics.push(
            Diagnostic::new(
                Code::E0002,
                span,
                "le fichier contient un octet nul : ce n'est pas un fichier texte",
            )
            .label("octet nul")
            .help("vérifiez qu'il s'agit bien d'un contrat Pacte enregistré en UTF-8"),
        );
        return Parsed { file: None, trivia };
    }
    if let Some(span) = trivia.too_deep {
        diagnostics.push(
            Diagnostic::new(
                Code::E0001,
                span,
                format!(
                    "imbrication trop profonde (plus de {} niveaux)",
                    trivia::MAX_NESTING
                ),
            )
            .label("ici")
            .help("simplifiez l'expression : découpez-la en indicateurs intermédiaires"),
        );
        return Parsed { file: None, trivia };
    }
    let pairs = match PacteParser::parse(Rule::file, text) {
        Ok(pairs) => pairs,
        Err(error) => {
            report_every_item_error(source, error, diagnostics);
            return Parsed { file: None, trivia };
        }
    };
    let mut lowerer = lower::Lowerer {
        source: source.id,
        diagnostics,
        had_errors: false,
    };
    let file = lowerer.lower_file(pairs);
    let file = (!lowerer.had_errors).then_some(file);
    Parsed { file, trivia }
}

/// Reports the syntax error of every top-level item, not only the first:
/// the file is cut at each `}` that closes an item and each piece is parsed
/// on its own (recovery for reporting only; the file is not analysed).
fn report_every_item_error(
    source: &Source,
    first: pest::error::Error<Rule>,
    diagnostics: &mut Diagnostics,
) {
    let first_pos = error_pos(&first);
    // A stray `}` or an unclosed quote before the error explains it, and
    // everything after it: one error, where the mistake is.
    if let Some((at, premature)) =
        hints::stray_brace(&source.text).filter(|(at, _)| *at <= first_pos)
    {
        diagnostics.push(hints::brace_error(source.id, &source.text, at, premature));
        return;
    }
    if let Some((at, block)) =
        hints::unclosed_quote(&source.text).filter(|(at, _)| *at <= first_pos)
    {
        diagnostics.push(hints::quote_error(source.id, at, block));
        return;
    }
    diagnostics.push(syntax_error(source, &first, 0));
    for range in trivia::top_level_items(&source.text) {
        if range.end <= first_pos {
            continue;
        }
        let Some(piece) = source.text.get(range.clone()) else {
            continue;
        };
        if let Err(error) = PacteParser::parse(Rule::file, piece) {
            if range.start + error_pos(&error) > first_pos {
                diagnostics.push(syntax_error(source, &error, range.start));
            }
        }
    }
}

fn error_pos(error: &pest::error::Error<Rule>) -> usize {
    match error.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    }
}

/// E0001 from a pest error (at `offset` in the source): what was expected,
/// in words, and what was found.
fn syntax_error(source: &Source, error: &pest::error::Error<Rule>, offset: usize) -> Diagnostic {
    let pos = offset + error_pos(error);
    let found = found_token(&source.text, pos);
    let end = pos + found.len();
    let span = Span::new(source.id, pos, end.max(pos));
    let positives: &[Rule] = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => positives,
        ErrorVariant::CustomError { .. } => &[],
    };
    if let Some(specific) = hints::specific(source.id, &source.text, pos, found, positives) {
        return specific;
    }
    let expected = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => describe_expected(positives),
        ErrorVariant::CustomError { message } => message.clone(),
    };
    let found_words = if found.is_empty() {
        "la fin du fichier".to_string()
    } else {
        format!("« {found} »")
    };
    let mut diagnostic = Diagnostic::new(
        Code::E0001,
        span,
        format!("syntaxe invalide : attendu {expected}, trouvé {found_words}"),
    )
    .label(if found.is_empty() {
        "fin du fichier".to_string()
    } else {
        "inattendu ici".to_string()
    });
    diagnostic = match suggest_keyword(found, error) {
        Some(keyword) => diagnostic.help(format!("vouliez-vous dire `{keyword}` ?")),
        None => diagnostic.help(generic_help(&source.text, pos, found, positives)),
    };
    diagnostic
}

/// A help line that adds to the message: where a misplaced field belongs,
/// the syntax of the field being written, or what to look at.
fn generic_help(text: &str, pos: usize, found: &str, positives: &[Rule]) -> String {
    if found.is_empty() {
        return "un bloc n'est pas fermé : vérifiez que chaque « { » a son « } »".into();
    }
    if found == "\"" {
        return "un texte s'écrit entre « \" » sur une ligne, ou entre « \"\"\" » sur plusieurs : vérifiez les guillemets de cette ligne".into();
    }
    let in_contract = positives.contains(&Rule::kw_intitule);
    if let Some(block) =
        champs::block_of(found).filter(|_| in_contract || positives.contains(&Rule::kw_cible))
    {
        return format!("`{found}` s'écrit dans un bloc {block}");
    }
    let line_start = text
        .get(..pos)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |n| n + 1);
    let first_word: String = text
        .get(line_start..)
        .unwrap_or("")
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    match champs::syntax_of(&first_word) {
        Some(syntax) if line_start + first_word.len() < pos => {
            format!("syntaxe du champ `{first_word}` : `{syntax}`")
        }
        _ => "vérifiez aussi la fin de la ligne précédente : une valeur manquante ou en trop décale la lecture".into(),
    }
}

/// The word (or single character) at `pos`, empty at the end of the text.
fn found_token(text: &str, pos: usize) -> &str {
    let rest = text.get(pos..).unwrap_or("");
    let word_end = rest
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '_' || *c == '.'))
        .map_or(rest.len(), |(i, _)| i);
    let end = if word_end == 0 {
        rest.chars().next().map_or(0, char::len_utf8)
    } else {
        word_end
    };
    rest.get(..end.min(40))
        .unwrap_or(rest.get(..end).unwrap_or(""))
}

/// A list of what was expected, in words, grouped when it is a block's fields.
fn describe_expected(positives: &[Rule]) -> String {
    if positives.contains(&Rule::kw_intitule) && positives.contains(&Rule::kw_objectif) {
        return "un champ du contrat (intitulé, cadre, ars, établissement, signé le, période, dialogue, aide, référence, objectif, condition, modulation…) ou « } »".into();
    }
    if positives.contains(&Rule::kw_indicateur) && positives.contains(&Rule::kw_cible) {
        return "un champ de l'objectif (libellé, type, indicateur, base, cible, poids, gain, action, texte) ou « } »".into();
    }
    if positives.contains(&Rule::kw_contrat) && positives.contains(&Rule::kw_cadre) {
        return "un élément de premier niveau (contrat, indicateur, thème, cadre, enveloppe, délégation, importe)".into();
    }
    if positives.contains(&Rule::kw_duree) && positives.contains(&Rule::kw_fin_aide) {
        return "une clause de cadre (durée, aide, signature, objectifs requis, dialogue, statuts, …) ou « } »".into();
    }
    let mut words: Vec<String> = Vec::new();
    for rule in positives {
        let w = rule.describe();
        if !words.contains(&w) {
            words.push(w);
        }
    }
    let all_keywords = positives
        .iter()
        .all(|r| grammar::keyword_words(*r).is_some());
    if all_keywords && positives.len() > 1 {
        words.push("« } »".into());
    }
    match words.len() {
        0 => "autre chose".into(),
        1 => words.remove(0),
        _ => {
            let last = words.pop().unwrap_or_default();
            format!("{} ou {last}", words.join(", "))
        }
    }
}

/// When a keyword was expected and a near-miss word was found.
fn suggest_keyword(found: &str, error: &pest::error::Error<Rule>) -> Option<&'static str> {
    let ErrorVariant::ParsingError { positives, .. } = &error.variant else {
        return None;
    };
    if found.is_empty() || !found.chars().next().is_some_and(char::is_alphabetic) {
        return None;
    }
    let candidates = positives.iter().flat_map(|r| hints::rule_words(*r));
    crate::resolve::suggest::closest(found, candidates)
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_v02;
