//! A light lexical scan, independent of the grammar: comments (kept for the
//! formatter, never in the AST) and the deepest nesting of parentheses and
//! braces (checked before pest runs, so no input can overflow the stack).

use crate::source::{SourceId, Span};

/// A `//` comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub span: Span,
    /// The text after `//`, trailing whitespace removed.
    pub text: String,
    /// Alone on its line (a leading comment) or after code (trailing).
    pub own_line: bool,
}

/// What the scan found.
#[derive(Debug, Default, Clone)]
pub struct Trivia {
    pub comments: Vec<Comment>,
    /// The first position where nesting exceeds the limit, if any.
    pub too_deep: Option<Span>,
}

/// Nesting deeper than this is refused with E0001.
pub const MAX_NESTING: usize = 64;

pub fn scan(source: SourceId, text: &str) -> Trivia {
    let bytes = text.as_bytes();
    let mut trivia = Trivia::default();
    let mut depth = 0usize;
    let mut line_has_code = false;
    let mut i = 0;
    while i < bytes.len() {
        let rest = bytes.get(i..).unwrap_or_default();
        match bytes.get(i).copied().unwrap_or(0) {
            b'\n' => {
                line_has_code = false;
                i += 1;
            }
            b'/' if rest.starts_with(b"//") => {
                let end = rest
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(bytes.len(), |n| i + n);
                let body = text.get(i + 2..end).unwrap_or("").trim_end();
                trivia.comments.push(Comment {
                    span: Span::new(source, i, i + 2 + body.len()),
                    text: body.to_string(),
                    own_line: !line_has_code,
                });
                i = end;
            }
            b'"' if rest.starts_with(b"\"\"\"") => {
                line_has_code = true;
                let close = find(rest.get(3..).unwrap_or_default(), b"\"\"\"");
                i = close.map_or(bytes.len(), |n| i + 3 + n + 3);
            }
            b'"' => {
                line_has_code = true;
                i = skip_string(bytes, i + 1);
            }
            b'(' | b'{' => {
                line_has_code = true;
                depth += 1;
                if depth > MAX_NESTING && trivia.too_deep.is_none() {
                    trivia.too_deep = Some(Span::new(source, i, i + 1));
                }
                i += 1;
            }
            b')' | b'}' => {
                line_has_code = true;
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b' ' | b'\t' | b'\r' => i += 1,
            _ => {
                line_has_code = true;
                i += 1;
            }
        }
    }
    trivia
}

/// The byte ranges of the top-level items: each ends at the `}` that brings
/// the brace depth back to 0 (strings, text blocks and comments skipped).
pub fn top_level_items(text: &str) -> Vec<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let mut items = Vec::new();
    let (mut depth, mut start, mut i) = (0usize, 0usize, 0usize);
    while let Some(&b) = bytes.get(i) {
        let rest = bytes.get(i..).unwrap_or_default();
        i = match b {
            b'/' if rest.starts_with(b"//") => rest
                .iter()
                .position(|&c| c == b'\n')
                .map_or(bytes.len(), |n| i + n),
            b'"' if rest.starts_with(b"\"\"\"") => {
                find(rest.get(3..).unwrap_or_default(), b"\"\"\"")
                    .map_or(bytes.len(), |n| i + 6 + n)
            }
            b'"' => skip_string(bytes, i + 1),
            b'{' => {
                depth += 1;
                i + 1
            }
            b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    items.push(start..i + 1);
                    start = i + 1;
                }
                i + 1
            }
            _ => i + 1,
        };
    }
    if text.get(start..).is_some_and(|t| !t.trim().is_empty()) {
        items.push(start..text.len());
    }
    items
}

/// Index just past the closing quote of a `"…"` string starting at `i`.
fn skip_string(bytes: &[u8], mut i: usize) -> usize {
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => i += 2,
            b'"' => return i + 1,
            b'\n' => return i,
            _ => i += 1,
        }
    }
    bytes.len()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_comments_outside_strings() {
        let t = scan(
            SourceId(0),
            "// tête\nx \"// pas un commentaire\" // fin\n\"\"\"\n// non\n\"\"\"",
        );
        let texts: Vec<_> = t
            .comments
            .iter()
            .map(|c| (c.text.as_str(), c.own_line))
            .collect();
        assert_eq!(texts, vec![(" tête", true), (" fin", false)]);
    }

    #[test]
    fn detects_deep_nesting() {
        let deep = "(".repeat(10_000);
        assert!(scan(SourceId(0), &deep).too_deep.is_some());
        assert!(scan(SourceId(0), "((a))").too_deep.is_none());
    }
}
