//! A light scanner of Pacte text for the editor features that look at
//! words rather than the syntax tree (references, folding, semantic tokens,
//! the enclosing block of the cursor). It never fails: any text scans.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A name or keyword (letters, digits, `_`, and `.` inside).
    Word,
    /// A number, with its digit groups and decimals.
    Number,
    /// A date `AAAA-MM-JJ`.
    Date,
    /// `"…"`.
    String,
    /// `"""…"""`.
    TextBlock,
    /// `// …`.
    Comment,
    Open,
    Close,
    /// Any other character.
    Symbol,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

fn is_word_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Every token of the text, in order (whitespace skipped).
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(c) = text.get(i..).and_then(|t| t.chars().next()) {
        let rest = text.get(i..).unwrap_or("");
        let (kind, len) = if c.is_whitespace() || c == ';' {
            i += c.len_utf8();
            continue;
        } else if rest.starts_with("//") {
            (Kind::Comment, rest.find('\n').unwrap_or(rest.len()))
        } else if rest.starts_with("\"\"\"") {
            let close = rest.get(3..).and_then(|r| r.find("\"\"\""));
            (Kind::TextBlock, close.map_or(rest.len(), |n| n + 6))
        } else if c == '"' {
            (Kind::String, string_len(rest))
        } else if is_word_start(c) {
            (Kind::Word, word_len(rest))
        } else if c.is_ascii_digit() {
            number_len(rest)
        } else if c == '{' {
            (Kind::Open, 1)
        } else if c == '}' {
            (Kind::Close, 1)
        } else {
            (Kind::Symbol, c.len_utf8())
        };
        out.push(Token {
            kind,
            start: i,
            end: i + len,
        });
        i += len.max(1);
    }
    out
}

fn string_len(rest: &str) -> usize {
    let mut escaped = false;
    for (n, c) in rest.char_indices().skip(1) {
        match c {
            '\n' => return n,
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return n + 1,
            _ => escaped = false,
        }
    }
    rest.len()
}

fn word_len(rest: &str) -> usize {
    let mut end = 0;
    let mut after_dot = false;
    for (n, c) in rest.char_indices() {
        if is_word(c) {
            end = n + c.len_utf8();
            after_dot = false;
        } else if c == '.'
            && !after_dot
            && rest
                .get(n + 1..)
                .and_then(|r| r.chars().next())
                .is_some_and(is_word_start)
        {
            after_dot = true;
        } else {
            break;
        }
    }
    end
}

/// A date, or a number with its digit groups (`1 500 000`) and decimals.
fn number_len(rest: &str) -> (Kind, usize) {
    let b = rest.as_bytes();
    let digits = |from: usize| {
        b.iter()
            .skip(from)
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let lead = digits(0);
    if lead == 4
        && b.get(4) == Some(&b'-')
        && digits(5) == 2
        && b.get(7) == Some(&b'-')
        && digits(8) == 2
    {
        return (Kind::Date, 10);
    }
    let mut end = lead;
    if lead <= 3 {
        while b.get(end) == Some(&b' ') && digits(end + 1) == 3 {
            end += 4;
        }
    }
    if matches!(b.get(end), Some(b',' | b'.')) && digits(end + 1) > 0 {
        end += 1 + digits(end + 1);
    }
    (Kind::Number, end)
}

/// The word tokens whose text is `name`.
pub fn occurrences<'a>(
    text: &'a str,
    tokens: &'a [Token],
    name: &'a str,
) -> impl Iterator<Item = &'a Token> + 'a {
    tokens
        .iter()
        .filter(move |t| t.kind == Kind::Word && text.get(t.start..t.end) == Some(name))
}

/// The token at a byte offset (or just before it, at the end of a word).
pub fn at(tokens: &[Token], byte: usize) -> Option<&Token> {
    tokens
        .iter()
        .find(|t| t.start <= byte && byte < t.end)
        .or_else(|| {
            tokens
                .iter()
                .find(|t| t.end == byte && t.kind == Kind::Word)
        })
}

/// The keywords that open a block.
pub const BLOCK_HEADS: &[&str] = &[
    "contrat",
    "indicateur",
    "thème",
    "theme",
    "cadre",
    "enveloppe",
    "délégation",
    "delegation",
    "diagnostic",
    "revue",
    "suivi",
    "scénario",
    "scenario",
    "établissement",
    "etablissement",
    "aide",
    "référence",
    "reference",
    "objectif",
    "action",
    "sous_action",
    "condition",
    "modulation",
    "prévision",
    "prevision",
    "chiffres",
    "attendu",
];

/// The words before each `{` that encloses `byte`, innermost last: the
/// blocks the cursor is in (`["contrat", "objectif"]`).
pub fn enclosing(text: &str, tokens: &[Token], byte: usize) -> Vec<String> {
    let mut stack: Vec<String> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if t.start >= byte {
            break;
        }
        match t.kind {
            Kind::Open => {
                let before = tokens.get(i.saturating_sub(4)..i).unwrap_or(&[]);
                let words: Vec<&str> = before
                    .iter()
                    .rev()
                    .take_while(|p| !matches!(p.kind, Kind::Open | Kind::Close))
                    .filter(|p| p.kind == Kind::Word)
                    .filter_map(|p| text.get(p.start..p.end))
                    .collect();
                let head = words
                    .iter()
                    .find(|w| BLOCK_HEADS.contains(w))
                    .or(words.first())
                    .copied()
                    .unwrap_or("");
                stack.push(head.to_string());
            }
            Kind::Close => {
                stack.pop();
            }
            _ => {}
        }
    }
    stack
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_any_text() {
        let text = "aide fir { 2025: 1 500 000 € // x\n versement 2025-03-01 }\n\"a\\\"b\" \"\"\"t\n\"\"\" trésorerie.pilotage. 3,5";
        let kinds: Vec<(Kind, &str)> = tokens(text)
            .iter()
            .map(|t| (t.kind, &text[t.start..t.end]))
            .collect();
        assert_eq!(
            kinds,
            [
                (Kind::Word, "aide"),
                (Kind::Word, "fir"),
                (Kind::Open, "{"),
                (Kind::Number, "2025"),
                (Kind::Symbol, ":"),
                (Kind::Number, "1 500 000"),
                (Kind::Symbol, "€"),
                (Kind::Comment, "// x"),
                (Kind::Word, "versement"),
                (Kind::Date, "2025-03-01"),
                (Kind::Close, "}"),
                (Kind::String, "\"a\\\"b\""),
                (Kind::TextBlock, "\"\"\"t\n\"\"\""),
                (Kind::Word, "trésorerie.pilotage"),
                (Kind::Symbol, "."),
                (Kind::Number, "3,5"),
            ]
        );
        let toks = tokens("contrat c { objectif o { libellé \"x\" } }");
        assert_eq!(
            enclosing("contrat c { objectif o { libellé \"x\" } }", &toks, 26),
            ["contrat", "objectif"]
        );
        for bad in ["\"", "\"\"\"", "1 ", "é.", "{{}}}"] {
            tokens(bad);
        }
    }
}
