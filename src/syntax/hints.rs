//! Syntax errors that say what is wrong at that point (E0001), for the
//! mistakes people make most: an unclosed quote, a stray `}`, a comment
//! written `#` or `/* */`, a year without its `:`, `période 2025-2028`, a
//! keyword in capitals, `type levier` without its theme. Each is checked on
//! the text around pest's error, before the generic « attendu … » message.

use super::grammar::{keyword_words, Rule};
use crate::diagnostic::{Code, Diagnostic};
use crate::source::{SourceId, Span};

/// Top-level keywords: what may follow an item's closing brace.
const TOP_LEVEL: &[&str] = &[
    "contrat",
    "indicateur",
    "thème",
    "theme",
    "cadre",
    "enveloppe",
    "délégation",
    "delegation",
    "importe",
    "diagnostic",
    "revue",
    "suivi",
    "scénario",
    "scenario",
];

/// The first quote that is never closed: `"` before the end of its line,
/// `"""` before the end of the file. `(offset, is_block)`.
pub fn unclosed_quote(text: &str) -> Option<(usize, bool)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let rest = bytes.get(i..).unwrap_or_default();
        i = match b {
            b'/' if rest.starts_with(b"//") => line_end(bytes, i),
            b'"' if rest.starts_with(b"\"\"\"") => {
                match find(rest.get(3..).unwrap_or_default(), b"\"\"\"") {
                    Some(n) => i + 6 + n,
                    None => return Some((i, true)),
                }
            }
            b'"' => match string_end(bytes, i + 1) {
                Some(end) => end,
                None => return Some((i, false)),
            },
            _ => i + 1,
        };
    }
    None
}

/// The first `}` that closes a top-level item too early (what follows is
/// not a new item: `(offset, true)`) or that closes nothing (`false`).
pub fn stray_brace(text: &str) -> Option<(usize, bool)> {
    let bytes = text.as_bytes();
    let (mut depth, mut i) = (0usize, 0usize);
    while let Some(&b) = bytes.get(i) {
        let rest = bytes.get(i..).unwrap_or_default();
        i = match b {
            b'/' if rest.starts_with(b"//") => line_end(bytes, i),
            b'"' if rest.starts_with(b"\"\"\"") => {
                find(rest.get(3..).unwrap_or_default(), b"\"\"\"")
                    .map_or(bytes.len(), |n| i + 6 + n)
            }
            b'"' => string_end(bytes, i + 1).unwrap_or_else(|| line_end(bytes, i)),
            b'{' => {
                depth += 1;
                i + 1
            }
            b'}' if depth == 0 => return Some((i, false)),
            b'}' => {
                depth -= 1;
                if depth == 0 && !followed_by_item(text.get(i + 1..).unwrap_or("")) {
                    return Some((i, true));
                }
                i + 1
            }
            _ => i + 1,
        };
    }
    None
}

/// Whether the text after a closing brace starts a new item (or is empty).
fn followed_by_item(rest: &str) -> bool {
    let rest = skip_trivia(rest);
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    // A second `}` right after is the stray one (it closes nothing).
    rest.is_empty() || rest.starts_with('}') || TOP_LEVEL.contains(&word.as_str())
}

fn skip_trivia(mut text: &str) -> &str {
    loop {
        text = text.trim_start_matches(|c: char| c.is_whitespace() || c == ';' || c == '\u{FEFF}');
        match text.strip_prefix("//") {
            Some(rest) => text = rest.split_once('\n').map_or("", |(_, after)| after),
            None => return text,
        }
    }
}

fn line_end(bytes: &[u8], i: usize) -> usize {
    bytes
        .get(i..)
        .unwrap_or_default()
        .iter()
        .position(|&c| c == b'\n')
        .map_or(bytes.len(), |n| i + n)
}

/// Just past the closing quote of a `"…"` string whose content starts at
/// `i`, or `None` when the line or the file ends first.
fn string_end(bytes: &[u8], mut i: usize) -> Option<usize> {
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            b'\n' => return None,
            _ => i += 1,
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// E0001 for an unclosed quote, at the opening quote.
pub fn quote_error(source: SourceId, at: usize, block: bool) -> Diagnostic {
    let (width, message, help) = if block {
        (
            3,
            "guillemets « \"\"\" » non fermés : le bloc de texte court jusqu'à la fin du fichier",
            "fermez le bloc par « \"\"\" » sur sa propre ligne, après le texte",
        )
    } else {
        (
            1,
            "guillemet non fermé : le texte s'arrête au bout de la ligne sans « \" » final",
            "ajoutez « \" » à la fin du texte ; un texte sur plusieurs lignes s'écrit entre « \"\"\" »",
        )
    };
    Diagnostic::new(Code::E0001, Span::new(source, at, at + width), message)
        .label("guillemet ouvert ici")
        .help(help)
}

/// E0001 for a stray closing brace, on the brace.
pub fn brace_error(source: SourceId, text: &str, at: usize, premature: bool) -> Diagnostic {
    let opened = item_before(text, at).filter(|_| premature);
    let help = match opened {
        Some(item) => format!("supprimez-la : elle ferme `{item}` avant les champs qui suivent"),
        None => "supprimez-la : elle ne ferme aucun bloc".to_string(),
    };
    Diagnostic::new(
        Code::E0001,
        Span::new(source, at, at + 1),
        "accolade « } » en trop",
    )
    .label("en trop")
    .help(help)
}

/// The header of the top-level item open before `at` (`contrat ch_valmont`).
fn item_before(text: &str, at: usize) -> Option<String> {
    let before = text.get(..at)?;
    TOP_LEVEL
        .iter()
        .filter_map(|kw| {
            before
                .match_indices(kw)
                .filter(|(i, _)| *i == 0 || before.get(..*i).is_some_and(|b| b.ends_with('\n')))
                .last()
        })
        .max_by_key(|(i, _)| *i)
        .and_then(|(i, _)| {
            let line = before.get(i..)?.lines().next()?;
            Some(line.trim_end_matches(['{', ' ']).trim().to_string())
        })
}

/// A specific E0001 for the text at `pos`, when one of the common mistakes
/// is recognised.
pub fn specific(
    source: SourceId,
    text: &str,
    pos: usize,
    found: &str,
    positives: &[Rule],
) -> Option<Diagnostic> {
    let line_start = text
        .get(..pos)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |n| n + 1);
    let line_end = line_end(text.as_bytes(), pos);
    let line = text.get(line_start..line_end).unwrap_or("");
    comment_style(source, text, pos)
        .or_else(|| periode_dash(source, line, line_start))
        .or_else(|| missing_colon(source, line, line_start))
        .or_else(|| levier_without_theme(source, text, line_start))
        .or_else(|| wrong_case(source, pos, found, positives))
        .or_else(|| unfinished_line(source, text, pos, line_start, positives))
}

/// `période 2025 à` then a new line: the value is missing at the end of
/// the previous line, not on the line where pest noticed it.
fn unfinished_line(
    source: SourceId,
    text: &str,
    pos: usize,
    line_start: usize,
    positives: &[Rule],
) -> Option<Diagnostic> {
    let starts_line = text.get(line_start..pos)?.trim().is_empty();
    // A field list is expected between fields: nothing is unfinished then.
    let between_fields = positives.iter().any(|r| keyword_words(*r).is_some());
    if !starts_line || between_fields || positives.is_empty() || line_start == 0 {
        return None;
    }
    let before = text.get(..line_start)?.trim_end();
    let previous_start = before.rfind('\n').map_or(0, |n| n + 1);
    let code = before.get(previous_start..)?.split("//").next()?.trim_end();
    if code.trim().is_empty() {
        return None;
    }
    let end = previous_start + code.len();
    let mut words: Vec<String> = positives.iter().map(|r| r.describe()).collect();
    words.dedup();
    let expected = words.join(" ou ");
    let field: String = code
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    let help = match super::champs::syntax_of(&field) {
        Some(syntax) => format!("syntaxe du champ `{field}` : `{syntax}`"),
        None => "complétez la ligne : la suite est lue sur la ligne suivante".to_string(),
    };
    Some(
        Diagnostic::new(
            Code::E0001,
            Span::new(source, end, end),
            format!(
                "ligne incomplète : attendu {expected} après « {} »",
                code.trim()
            ),
        )
        .label("il manque la suite ici")
        .help(help),
    )
}

fn comment_style(source: SourceId, text: &str, pos: usize) -> Option<Diagnostic> {
    let rest = text.get(pos..)?;
    if !(rest.starts_with('#') || rest.starts_with("/*")) {
        return None;
    }
    let end = if rest.starts_with("/*") {
        rest.find("*/")
            .map_or(line_end(text.as_bytes(), pos), |n| pos + n + 2)
    } else {
        line_end(text.as_bytes(), pos)
    };
    let end = end.min(text.get(..end).map_or(end, |t| t.trim_end().len()));
    Some(
        Diagnostic::new(
            Code::E0001,
            Span::new(source, pos, end.max(pos + 1)),
            "les commentaires s'écrivent `// …`",
        )
        .label("commentaire mal écrit")
        .help("commencez chaque ligne de commentaire par `//` : il court jusqu'au bout de la ligne (ni `#`, ni `/* … */`)"),
    )
}

/// `période 2025-2028`, `période 2025 - 2028`, `période 2025 au 2028`.
fn periode_dash(source: SourceId, line: &str, line_start: usize) -> Option<Diagnostic> {
    let trimmed = line.trim_start();
    let rest = trimmed
        .strip_prefix("période")
        .or_else(|| trimmed.strip_prefix("periode"))?;
    let indent = line.len() - trimmed.len();
    let after = rest.trim_start();
    let first: String = after.chars().take_while(char::is_ascii_digit).collect();
    let tail = after.get(first.len()..)?.trim_start();
    let sep: String = tail.chars().take_while(|c| !c.is_ascii_digit()).collect();
    let second: String = tail
        .get(sep.len()..)?
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let sep = sep.trim();
    if first.len() != 4 || second.len() != 4 || matches!(sep, "à" | "a") {
        return None;
    }
    let start = line_start + indent + (trimmed.len() - rest.len()) + (rest.len() - after.len());
    let end = line_start + line.trim_end().len();
    Some(
        Diagnostic::new(
            Code::E0001,
            Span::new(source, start, end),
            format!("période mal écrite : écrivez `période {first} à {second}`"),
        )
        .label(format!("« {sep} » entre les années"))
        .help("les deux années de la période (premier et dernier exercice, inclus) sont séparées par « à »"),
    )
}

/// `cible 2026 >= 4 %`, `base 2024 2,8 %`, `2026 1,2 M€`: a year without
/// the `:` that follows it.
fn missing_colon(source: SourceId, line: &str, line_start: usize) -> Option<Diagnostic> {
    let trimmed = line.trim_start();
    let indent = line.len() - trimmed.len();
    let (field, after_field) = ["cible", "base", "gain", "décision aide", "chiffres"]
        .iter()
        .find_map(|f| Some((*f, trimmed.strip_prefix(f)?)))
        .unwrap_or(("", trimmed));
    let spaces = after_field.len() - after_field.trim_start().len();
    if !field.is_empty() && spaces == 0 {
        return None;
    }
    let rest = after_field.trim_start();
    let year: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let after_year = rest.get(year.len()..)?;
    let next = after_year.trim_start();
    if year.len() != 4 || next.starts_with(':') || next.is_empty() || after_year.starts_with('-') {
        return None;
    }
    let at = line_start + indent + (trimmed.len() - after_year.len());
    let owner = if field.is_empty() {
        "l'année".to_string()
    } else {
        format!("`{field} {year}`")
    };
    let example = if field.is_empty() {
        format!("{year}: {next}")
    } else {
        format!("{field} {year}: {next}")
    };
    Some(
        Diagnostic::new(
            Code::E0001,
            Span::new(source, at, at),
            format!("attendu « : » après {owner}"),
        )
        .label("« : » manquant")
        .help(format!("écrivez `{}`", example.trim_end())),
    )
}

/// `type levier` at the end of a line: the theme is missing.
fn levier_without_theme(source: SourceId, text: &str, line_start: usize) -> Option<Diagnostic> {
    let before = text.get(..line_start)?.trim_end();
    let previous_start = before.rfind('\n').map_or(0, |n| n + 1);
    let previous = before.get(previous_start..)?;
    let code = previous.split("//").next().unwrap_or("").trim_end();
    let words: Vec<&str> = code.split_whitespace().collect();
    if words != ["type", "levier"] {
        return None;
    }
    let end = previous_start + code.len();
    Some(
        Diagnostic::new(
            Code::E0001,
            Span::new(source, end - "levier".len(), end),
            "thème manquant après `type levier`",
        )
        .label("thème attendu ici")
        .help("écrivez le thème du levier, par exemple `type levier activité.chirurgie_ambulatoire` (la liste : `pacte std thèmes`)"),
    )
}

/// `Ferme`, `Cible`: a keyword written with capitals.
fn wrong_case(source: SourceId, pos: usize, found: &str, positives: &[Rule]) -> Option<Diagnostic> {
    if !found.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let fold = crate::resolve::suggest::fold;
    let word = positives
        .iter()
        .flat_map(|r| rule_words(*r))
        .find(|w| fold(w) == fold(found))?;
    Some(
        Diagnostic::new(
            Code::E0001,
            Span::new(source, pos, pos + found.len()),
            format!("« {found} » n'est pas un mot-clé : les mots-clés s'écrivent en minuscules"),
        )
        .label("majuscule")
        .help(format!("vouliez-vous dire `{word}` ?")),
    )
}

/// The fixed words a rule accepts (keywords and closed lists).
pub fn rule_words(rule: Rule) -> Vec<&'static str> {
    if let Some(word) = keyword_words(rule) {
        return vec![word];
    }
    match rule {
        Rule::aide_statut => vec!["ferme", "indicatif"],
        Rule::gain_side => vec!["charges", "recettes"],
        Rule::sens_name => vec!["hausse", "baisse", "cible"],
        Rule::niveau => vec!["vigilance", "alerte", "critique"],
        Rule::status_name => vec!["public", "ebnl", "privé_lucratif"],
        Rule::objective_kind => vec!["financier", "levier", "trésorerie"],
        Rule::boolean => vec!["oui", "non"],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes() {
        assert_eq!(unclosed_quote("a \"b\" c"), None);
        assert_eq!(unclosed_quote("a \"b\nc\""), Some((2, false)));
        assert_eq!(unclosed_quote("// \"\nx \"\"\"\nbloc"), Some((7, true)));
        assert_eq!(unclosed_quote("x \"\"\"\na \" b\n\"\"\""), None);
    }

    #[test]
    fn braces() {
        let ok = "contrat a {\n  x {\n  }\n}\ncontrat b {}\n";
        assert_eq!(stray_brace(ok), None);
        let stray = "contrat a {\n  x {\n  }\n  }\n  signé le 2025-01-01\n}\n";
        assert_eq!(
            stray_brace(stray),
            stray.find("  }\n  signé").map(|n| (n + 2, true))
        );
        assert_eq!(stray_brace("contrat a {}\n}\n"), Some((13, false)));
    }
}
