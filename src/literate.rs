//! Literate contracts (`*.pacte.md`, spec §3): the code is the concatenation
//! of the fenced blocks tagged `pacte`. Everything else is replaced by spaces
//! of the same byte length (newlines kept), so that spans in the code are
//! spans in the `.md` file and diagnostics point at its lines.
//!
//! [`segments`] cuts the same file into prose and code, for `pacte render`,
//! which prints the prose around the articles generated from the code.

/// What a line of a literate file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    /// Markdown, including other languages' fenced blocks.
    Prose,
    /// The opening or closing fence of a `pacte` block.
    PacteFence,
    /// A line inside a `pacte` block.
    PacteCode,
}

/// The lines of a Markdown file with their kind and byte offset.
fn classify(markdown: &str) -> Vec<(LineKind, usize, &str)> {
    let mut out = Vec::new();
    let mut in_pacte = false;
    let mut fence: Option<String> = None;
    let mut offset = 0;
    for line in markdown.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let marker: String = trimmed
            .chars()
            .take_while(|&c| c == '`' || c == '~')
            .collect();
        let is_fence = marker.len() >= 3
            && (marker.chars().all(|c| c == '`') || marker.chars().all(|c| c == '~'));
        let kind = match &fence {
            None if is_fence => {
                let info = trimmed.get(marker.len()..).unwrap_or("").trim();
                in_pacte = info.split_whitespace().next() == Some("pacte");
                fence = Some(marker);
                if in_pacte {
                    LineKind::PacteFence
                } else {
                    LineKind::Prose
                }
            }
            Some(open)
                if is_fence && marker.starts_with(open.as_str()) && trimmed.trim() == marker =>
            {
                fence = None;
                let kind = if in_pacte {
                    LineKind::PacteFence
                } else {
                    LineKind::Prose
                };
                in_pacte = false;
                kind
            }
            Some(_) if in_pacte => LineKind::PacteCode,
            _ => LineKind::Prose,
        };
        out.push((kind, offset, line));
        offset += line.len();
    }
    out
}

/// The Pacte code of a Markdown file, byte-aligned with it.
pub fn extract_code(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for (kind, _, line) in classify(markdown) {
        if kind == LineKind::PacteCode {
            out.push_str(line);
        } else {
            blank(line, &mut out);
        }
    }
    out
}

/// Replaces a line by spaces of the same byte length.
fn blank(line: &str, out: &mut String) {
    for c in line.chars() {
        if c == '\n' {
            out.push('\n');
        } else {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        }
    }
}

/// A run of prose, or the inside of one `pacte` block (fences excluded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Markdown prose, as written.
    Prose(String),
    /// The byte range of a `pacte` block's code in the file.
    Code(std::ops::Range<usize>),
}

/// Cuts a literate file into prose and code, in order. Fence lines belong
/// to neither; a `pacte` block, even empty, is one `Code` segment.
pub fn segments(markdown: &str) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut prose = String::new();
    let mut code: Option<std::ops::Range<usize>> = None;
    for (kind, offset, line) in classify(markdown) {
        match kind {
            LineKind::Prose => prose.push_str(line),
            LineKind::PacteCode => {
                if let Some(range) = &mut code {
                    range.end = offset + line.len();
                }
            }
            LineKind::PacteFence => match code.take() {
                None => {
                    if !prose.is_empty() {
                        out.push(Segment::Prose(std::mem::take(&mut prose)));
                    }
                    let start = offset + line.len();
                    code = Some(start..start);
                }
                Some(range) => out.push(Segment::Code(range)),
            },
        }
    }
    if let Some(range) = code {
        out.push(Segment::Code(range));
    }
    if !prose.is_empty() {
        out.push(Segment::Prose(prose));
    }
    out
}

/// A `pacte` block for `pacte fmt`: the byte range of its code lines (up
/// to its closing fence, or the end of the file) and the indentation of its
/// opening fence, which the formatted lines keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub content: std::ops::Range<usize>,
    pub indent: String,
}

/// The `pacte` blocks of a literate file, in order.
pub fn pacte_blocks(markdown: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut open: Option<Block> = None;
    for (kind, offset, line) in classify(markdown) {
        match (kind, &mut open) {
            (LineKind::PacteFence, None) => {
                let start = offset + line.len();
                let trimmed = line.trim_start();
                let indent = line.get(..line.len() - trimmed.len()).unwrap_or("");
                open = Some(Block {
                    content: start..start,
                    indent: indent.to_string(),
                });
            }
            (LineKind::PacteFence, Some(_)) => blocks.extend(open.take()),
            (LineKind::PacteCode, Some(block)) => block.content.end = offset + line.len(),
            _ => {}
        }
    }
    blocks.extend(open);
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_pacte_blocks_byte_aligned() {
        let md = "# Préambule\n\n```pacte\ncontrat x {}\n```\n\n```rust\nfn x() {}\n```\n";
        let code = extract_code(md);
        assert_eq!(code.len(), md.len());
        assert!(code.contains("contrat x {}"));
        assert!(!code.contains("fn x"));
        assert_eq!(code.find("contrat"), md.find("contrat"));
    }

    #[test]
    fn segments_alternate_prose_and_code() {
        let md = "# Titre\n\nProse.\n\n```pacte\ncontrat x {\n```\n\nMilieu.\n\n```rust\nfn x() {}\n```\n\n```pacte\n}\n```\nFin.\n";
        let segs = segments(md);
        assert_eq!(segs.len(), 5, "{segs:?}");
        assert_eq!(segs[0], Segment::Prose("# Titre\n\nProse.\n\n".into()));
        let Segment::Code(r) = &segs[1] else { panic!() };
        assert_eq!(&md[r.clone()], "contrat x {\n");
        let Segment::Prose(p) = &segs[2] else {
            panic!()
        };
        assert!(p.contains("Milieu.") && p.contains("fn x() {}"));
        let Segment::Code(r) = &segs[3] else { panic!() };
        assert_eq!(&md[r.clone()], "}\n");
        assert_eq!(segs[4], Segment::Prose("Fin.\n".into()));
    }

    #[test]
    fn finds_blocks_with_their_indentation() {
        let md = "a\n  ```pacte\n  x\n  ```\n~~~pacte\ny\n";
        let blocks = pacte_blocks(md);
        assert_eq!(blocks.len(), 2);
        assert_eq!(&md[blocks[0].content.clone()], "  x\n");
        assert_eq!(blocks[0].indent, "  ");
        assert_eq!(&md[blocks[1].content.clone()], "y\n");
    }

    #[test]
    fn an_unclosed_block_runs_to_the_end() {
        let segs = segments("```pacte\ncontrat x {}\n");
        assert_eq!(segs, vec![Segment::Code(9..22)]);
    }
}
