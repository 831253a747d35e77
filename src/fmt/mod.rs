//! **The formatter.** Source text → canonical text (`pacte fmt`).
//!
//! Input: a file's text (or a `.pacte.md` file, whose ```` ```pacte ````
//! blocks are formatted in place). Pipeline: `syntax::parse` → AST + comment
//! trivia → `printer`/`items` build a layout tree (§4 field order) →
//! `comments` attaches every comment by position → `doc` renders two-space
//! indented lines, LF. Output: the canonical text, or why the file is left
//! untouched: syntax errors (E0001, E0002), a field written twice (E0102),
//! or a failed self-check (`verify`). In a literate file, facts keep the
//! block they were written in (an item may span several blocks).
//!
//! The layout is documented in `docs/formatage.md`.

mod comments;
mod doc;
pub mod erase;
mod items;
pub mod lexical;
pub mod printer;
mod suivi;
mod verify;

use crate::ast::Item;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::source::{Origin, Source, SourceId};
use crate::syntax::{self, trivia::Comment};

/// Why a file is not formatted.
#[derive(Debug, Clone)]
pub enum FmtError {
    /// The file has errors the formatter cannot go past (E0001, E0002,
    /// E0102); `source` is the text the spans point into.
    Invalid {
        diagnostics: Vec<Diagnostic>,
        source: Box<Source>,
    },
    /// The self-check failed: a formatter bug.
    Internal(String),
}

/// Formats a `.pacte` file (or a `.pacte.md` file when `path` ends so).
pub fn format(path: &str, text: &str) -> Result<String, FmtError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if path.ends_with(".pacte.md") {
        checked(path, text, format_literate, crate::literate::extract_code)
    } else {
        checked(path, text, format_pacte, str::to_string)
    }
}

/// One pass without the self-check (for debugging the formatter).
#[doc(hidden)]
pub fn format_unchecked(path: &str, text: &str) -> Result<String, FmtError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let once: Once = if path.ends_with(".pacte.md") {
        format_literate
    } else {
        format_pacte
    };
    once(path, text).map(|(out, _)| out)
}

type Once = fn(&str, &str) -> Result<(String, Ready), FmtError>;

/// Formats, then runs the self-check of `verify`: the output parses, means
/// the same, keeps every comment and is stable.
fn checked(
    path: &str,
    text: &str,
    once: Once,
    code_of: fn(&str) -> String,
) -> Result<String, FmtError> {
    let (out, before) = once(path, text)?;
    let bug = |what: &str| {
        FmtError::Internal(format!(
            "le formatage {what} : le fichier est laissé tel quel (signalez ce défaut de pacte fmt)"
        ))
    };
    let source = Source::new(SourceId(0), path, code_of(&out), Origin::User);
    let mut diagnostics = Diagnostics::new();
    let parsed = syntax::parse(&source, &mut diagnostics);
    let Some(after) = parsed.file.filter(|_| diagnostics.is_empty()) else {
        return Err(bug("produirait un texte illisible"));
    };
    if !verify::same_meaning(&before.file, &after) {
        return Err(bug("changerait le sens du fichier"));
    }
    let mut comments: Vec<String> = before.comments.iter().map(|c| c.text.clone()).collect();
    comments.sort();
    if comments != verify::comment_texts(&parsed.trivia) {
        return Err(bug("perdrait des commentaires"));
    }
    match once(path, &out) {
        Ok((again, _)) if again == out => Ok(out),
        _ => Err(bug("n'est pas stable (un second passage le modifie)")),
    }
}

/// A parsed source ready to lay out.
struct Ready {
    source: Source,
    file: crate::ast::File,
    comments: Vec<Comment>,
}

fn parse(path: &str, code: String) -> Result<Ready, FmtError> {
    let source = Source::new(SourceId(0), path, code, Origin::User);
    let mut diagnostics = Diagnostics::new();
    let parsed = syntax::parse(&source, &mut diagnostics);
    let mut problems = diagnostics.into_vec();
    if let Some(file) = parsed.file.filter(|_| problems.is_empty()) {
        problems = verify::duplicate_fields(&source);
        if problems.is_empty() {
            let comments = parsed.trivia.comments;
            return Ok(Ready {
                source,
                file,
                comments,
            });
        }
    }
    Err(FmtError::Invalid {
        diagnostics: problems,
        source: Box::new(source),
    })
}

fn format_pacte(path: &str, text: &str) -> Result<(String, Ready), FmtError> {
    let ready = parse(path, text.to_string())?;
    let items: Vec<&Item> = ready.file.items.iter().collect();
    let comments: Vec<&Comment> = ready.comments.iter().collect();
    let cx = comments::Cx {
        text: &ready.source.text,
        seg_of: &|_| 0,
    };
    let out = doc::join(&layout(&items, &comments, &cx));
    Ok((out, ready))
}

/// The canonical lines of some items and the comments among them.
fn layout(items: &[&Item], comments: &[&Comment], cx: &comments::Cx<'_>) -> Vec<doc::Line> {
    let mut nodes = printer::file(items);
    let dangling = comments::attach_root(&mut nodes, comments, cx);
    doc::render(&nodes, &dangling)
}

/// A literate file: the code of all its blocks is laid out as one text
/// whose lines stay in the block they came from; the prose is untouched.
fn format_literate(path: &str, markdown: &str) -> Result<(String, Ready), FmtError> {
    let ready = parse(path, crate::literate::extract_code(markdown))?;
    let blocks = crate::literate::pacte_blocks(markdown);
    let seg_of = |pos: usize| {
        blocks
            .iter()
            .position(|b| pos < b.content.end)
            .unwrap_or(blocks.len().saturating_sub(1))
    };
    let items: Vec<&Item> = ready.file.items.iter().collect();
    let comments: Vec<&Comment> = ready.comments.iter().collect();
    let cx = comments::Cx {
        text: &ready.source.text,
        seg_of: &seg_of,
    };
    let lines = layout(&items, &comments, &cx);
    let mut out = String::with_capacity(markdown.len());
    let mut pos = 0;
    for (index, block) in blocks.iter().enumerate() {
        out.push_str(markdown.get(pos..block.content.start).unwrap_or(""));
        let mine: Vec<&str> = lines
            .iter()
            .filter(|(seg, _)| *seg == index)
            .map(|(_, line)| line.as_str())
            .collect();
        let first = mine
            .iter()
            .position(|l| !l.is_empty())
            .unwrap_or(mine.len());
        let last = mine
            .iter()
            .rposition(|l| !l.is_empty())
            .map_or(first, |i| i + 1);
        for line in mine.get(first..last).unwrap_or_default() {
            if !line.is_empty() {
                out.push_str(&block.indent);
            }
            out.push_str(line);
            out.push('\n');
        }
        pos = block.content.end;
    }
    out.push_str(markdown.get(pos..).unwrap_or(""));
    Ok((out, ready))
}

#[cfg(test)]
mod tests;
