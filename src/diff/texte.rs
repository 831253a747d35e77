//! Text blocks compared by paragraph: paragraphs are separated by blank
//! lines and compared with their whitespace normalised (re-wrapping or
//! re-indenting a paragraph is no change). A longest common subsequence
//! pairs them; a paragraph removed where another is added is a change.

use super::{Differ, Section};
use crate::ast::Text;

/// The paragraphs of some text blocks, whitespace normalised.
pub fn split(texts: &[Text]) -> Vec<String> {
    let mut out = Vec::new();
    for t in texts {
        let mut current: Vec<&str> = Vec::new();
        for line in t.value.lines().chain(std::iter::once("")) {
            if line.trim().is_empty() {
                if !current.is_empty() {
                    out.push(current.join(" "));
                    current.clear();
                }
            } else {
                current.extend(line.split_whitespace());
            }
        }
    }
    out
}

/// One step of the alignment of two paragraph lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Same,
    Removed(usize),
    Added(usize),
}

/// Beyond this many cells, paragraphs are paired by position instead.
const MAX_CELLS: usize = 1_000_000;

/// Longest-common-subsequence alignment (texts are short; very long ones
/// are compared paragraph by paragraph, in order).
fn align(a: &[String], b: &[String]) -> Vec<Op> {
    let (n, m) = (a.len(), b.len());
    if n.saturating_mul(m) > MAX_CELLS {
        return by_position(a, b);
    }
    let mut table = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let best = if a.get(i) == b.get(j) {
                1 + cell(&table, i + 1, j + 1)
            } else {
                cell(&table, i + 1, j).max(cell(&table, i, j + 1))
            };
            if let Some(c) = table.get_mut(i).and_then(|r| r.get_mut(j)) {
                *c = best;
            }
        }
    }
    let (mut i, mut j, mut ops) = (0, 0, Vec::new());
    while i < n || j < m {
        if i < n && j < m && a.get(i) == b.get(j) {
            ops.push(Op::Same);
            i += 1;
            j += 1;
        } else if j < m && (i == n || cell(&table, i, j + 1) >= cell(&table, i + 1, j)) {
            ops.push(Op::Added(j));
            j += 1;
        } else {
            ops.push(Op::Removed(i));
            i += 1;
        }
    }
    ops
}

fn by_position(a: &[String], b: &[String]) -> Vec<Op> {
    let mut ops = Vec::new();
    for k in 0..a.len().max(b.len()) {
        match (a.get(k), b.get(k)) {
            (Some(x), Some(y)) if x == y => ops.push(Op::Same),
            (x, y) => {
                if x.is_some() {
                    ops.push(Op::Removed(k));
                }
                if y.is_some() {
                    ops.push(Op::Added(k));
                }
            }
        }
    }
    ops
}

fn cell(table: &[Vec<usize>], i: usize, j: usize) -> usize {
    table.get(i).and_then(|r| r.get(j)).copied().unwrap_or(0)
}

/// Reports changed, added and removed paragraphs; paths are
/// `{prefix}.N`, N counted in the new text (in the old one when removed).
pub fn paragraphs(
    d: &mut Differ,
    section: Section,
    prefix: &str,
    what: &str,
    old: &[Text],
    new: &[Text],
) {
    let (a, b) = (split(old), split(new));
    if a == b {
        return;
    }
    let ops = align(&a, &b);
    let mut run: (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
    for op in ops.into_iter().chain(std::iter::once(Op::Same)) {
        match op {
            Op::Removed(i) => run.0.push(i),
            Op::Added(j) => run.1.push(j),
            Op::Same => {
                flush(d, &section, prefix, what, &a, &b, &run);
                run = (Vec::new(), Vec::new());
            }
        }
    }
}

fn flush(
    d: &mut Differ,
    section: &Section,
    prefix: &str,
    what: &str,
    a: &[String],
    b: &[String],
    run: &(Vec<usize>, Vec<usize>),
) {
    let (removed, added) = run;
    let pairs = removed.len().max(added.len());
    for k in 0..pairs {
        let i = removed.get(k).copied();
        let j = added.get(k).copied();
        let number = j.or(i).map_or(0, |n| n + 1);
        let chemin = format!("{prefix}.{number}");
        let libelle = format!("{what}, paragraphe {number}");
        let old = i.and_then(|i| a.get(i)).cloned();
        let new = j.and_then(|j| b.get(j)).cloned();
        d.field(section.clone(), &chemin, &libelle, old, new);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    fn text(s: &str) -> Text {
        Text {
            value: s.into(),
            block: true,
            span: Span::default(),
        }
    }

    #[test]
    fn paragraphs_are_whitespace_insensitive() {
        assert_eq!(
            split(&[text("a  b\nc\n\n\nd")]),
            vec!["a b c".to_string(), "d".to_string()]
        );
    }

    #[test]
    fn a_replaced_paragraph_is_one_change() {
        let mut d = Differ {
            contrat: "c".into(),
            out: Vec::new(),
        };
        paragraphs(
            &mut d,
            Section::Preambule,
            "texte",
            "préambule",
            &[text("un\n\ndeux\n\ntrois")],
            &[text("un\n\nDEUX\n\ntrois\n\nquatre")],
        );
        let paths: Vec<&str> = d.out.iter().map(|c| c.chemin.as_str()).collect();
        assert_eq!(paths, vec!["texte.2", "texte.4"]);
        assert_eq!(d.out[0].marker(), '~');
        assert_eq!(d.out[1].marker(), '+');
    }
}
