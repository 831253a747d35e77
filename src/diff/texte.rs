//! Text blocks compared by paragraph: paragraphs are separated by blank
//! lines and compared with their whitespace normalised (re-wrapping or
//! re-indenting a paragraph is no change). A diff (`similar`, Myers) pairs
//! them; a paragraph removed where another is added is a change.

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

/// The alignment of two paragraph lists: Myers' diff (the `similar` crate,
/// linear in memory, so long texts need no fallback).
fn align(a: &[String], b: &[String]) -> Vec<Op> {
    let mut ops = Vec::new();
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, a, b) {
        let (_, old, new) = op.as_tag_tuple();
        match op.tag() {
            similar::DiffTag::Equal => ops.extend(old.map(|_| Op::Same)),
            _ => {
                ops.extend(old.map(Op::Removed));
                ops.extend(new.map(Op::Added));
            }
        }
    }
    ops
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

    #[test]
    fn a_long_text_is_aligned_not_paired_by_position() {
        let old: Vec<String> = (0..1500).map(|n| format!("paragraphe {n}")).collect();
        let mut new = old.clone();
        new.insert(0, "nouveau".to_string());
        let ops = align(&old, &new);
        assert_eq!(ops.iter().filter(|o| **o != Op::Same).count(), 1);
        assert_eq!(ops.first(), Some(&Op::Added(0)));
    }
}
