//! **The formatter.** Source text → canonical text (`pacte fmt`).
//!
//! Input: a file's text (or a `.pacte.md` file, whose ```` ```pacte ````
//! blocks are formatted in place). Pipeline: `syntax::parse` → AST + comment
//! trivia → `printer`/`items` build a layout tree (§4 field order) →
//! `comments` attaches every comment by position → `doc` renders two-space
//! indented lines, LF. Output: the canonical text, or why the file is left
//! untouched: syntax errors (E0001, E0002), a field written twice (E0102),
//! a literate item split across blocks, or a failed self-check (`verify`).
//!
//! The layout is documented in `docs/formatage.md`.

mod comments;
mod doc;
pub mod erase;
mod items;
pub mod lexical;
pub mod printer;
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
    /// The file cannot be laid out (an item split across literate blocks).
    Refused(String),
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
            "la mise en forme {what} : le fichier est laissé tel quel (signalez ce défaut de pacte fmt)"
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
        _ => Err(bug("n'est pas stable (un second passage la modifie)")),
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
    let out = layout(&items, &comments, &ready.source.text);
    Ok((out, ready))
}

/// The canonical text of some items and the comments among them.
fn layout(items: &[&Item], comments: &[&Comment], text: &str) -> String {
    let mut nodes = printer::file(items);
    let dangling = comments::attach_root(&mut nodes, comments, text);
    doc::render_file(&nodes, &dangling)
}

fn format_literate(path: &str, markdown: &str) -> Result<(String, Ready), FmtError> {
    let ready = parse(path, crate::literate::extract_code(markdown))?;
    let blocks = crate::literate::pacte_blocks(markdown);
    let mut out = String::with_capacity(markdown.len());
    let mut pos = 0;
    for block in &blocks {
        let range = block.content.clone();
        let inside = |start: u32| range.contains(&(start as usize));
        let items: Vec<&Item> = ready
            .file
            .items
            .iter()
            .filter(|i| inside(i.span().start))
            .collect();
        if let Some(split) = items.iter().find(|i| i.span().end as usize > range.end) {
            let (line, _) = ready.source.line_col(split.span().start as usize);
            return Err(FmtError::Refused(format!(
                "l'élément de la ligne {line} continue dans un autre bloc ```pacte : le fichier n'est pas mis en forme"
            )));
        }
        let comments: Vec<&Comment> = ready
            .comments
            .iter()
            .filter(|c| inside(c.span.start))
            .collect();
        out.push_str(markdown.get(pos..range.start).unwrap_or(""));
        let code = layout(&items, &comments, &ready.source.text);
        for line in code.lines() {
            if !line.is_empty() {
                out.push_str(&block.indent);
            }
            out.push_str(line);
            out.push('\n');
        }
        pos = range.end;
    }
    out.push_str(markdown.get(pos..).unwrap_or(""));
    Ok((out, ready))
}

#[cfg(test)]
mod tests;
