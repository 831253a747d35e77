//! Attaching comments to the layout tree by byte position (the side table of
//! `syntax::trivia`, never the AST), as Gleam's `pop_comments` and Ruff's
//! leading/trailing/dangling model do:
//!
//! - a comment inside a child's span belongs to that child (recursively; in
//!   a one-fact child such as a multi-line expression it becomes leading);
//! - a comment after code on the line where a child ends trails that child;
//! - a comment after code before the first child (`objectif x { // …`)
//!   belongs to the block's head line;
//! - any other comment leads the next child, or, after the last child,
//!   dangles before the closing `}`.
//!
//! A blank line before a child or a comment in the source is remembered
//! (at most one is written), except at the start of a block.

use super::doc::{Cmt, Node, NodeKind};
use crate::syntax::trivia::Comment;
use std::collections::HashMap;

/// Attaches comments to top-level nodes; returns the comments after the
/// last one.
pub fn attach_root(nodes: &mut [Node], comments: &[&Comment], cx: &Cx<'_>) -> Vec<Cmt> {
    let ends: HashMap<usize, usize> = comments
        .iter()
        .map(|c| (c.span.end as usize, c.span.start as usize))
        .collect();
    trim_spans(nodes, cx, &ends);
    attach(nodes, comments, cx, true).1
}

/// The source text and its segments (the ```` ```pacte ```` block of a
/// byte offset in a literate file; always 0 otherwise).
pub struct Cx<'a> {
    pub text: &'a str,
    pub seg_of: &'a dyn Fn(usize) -> usize,
}

impl Cx<'_> {
    fn cmt(&self, c: &Comment, blank_before: bool) -> Cmt {
        Cmt {
            text: c.text.clone(),
            blank_before,
            seg: (self.seg_of)(c.span.start as usize),
        }
    }
}

/// pest spans of rules ending in an optional part (`clause`, `aide_annee`,
/// `exige`, expressions…) run over the whitespace and comments that follow
/// them: end every node at its last token.
fn trim_spans(nodes: &mut [Node], cx: &Cx<'_>, comment_ends: &HashMap<usize, usize>) {
    let text = cx.text;
    for node in nodes {
        let start = node.span.start as usize;
        let mut end = node.span.end as usize;
        loop {
            let kept = text.get(start..end).map_or(0, |t| {
                t.trim_end_matches(|c: char| c.is_whitespace() || c == ';' || c == '\u{FEFF}')
                    .len()
            });
            end = start + kept;
            match comment_ends.get(&end) {
                Some(&comment_start) if comment_start >= start && comment_start < end => {
                    end = comment_start
                }
                _ => break,
            }
        }
        node.span.end = u32::try_from(end).unwrap_or(node.span.end);
        node.seg = (cx.seg_of)(start);
        node.end_seg = (cx.seg_of)(end.saturating_sub(1).max(start));
        if let NodeKind::Block(block) = &mut node.kind {
            trim_spans(&mut block.children, cx, comment_ends);
        }
    }
}

enum Elem<'c> {
    Child(usize),
    Loose(&'c Comment),
}

/// Distributes comments among children; returns (head-line comments,
/// dangling comments).
fn attach(
    children: &mut [Node],
    comments: &[&Comment],
    cx: &Cx<'_>,
    root: bool,
) -> (Vec<String>, Vec<Cmt>) {
    let text = cx.text;
    let mut order: Vec<usize> = (0..children.len()).collect();
    order.sort_by_key(|&i| children.get(i).map_or(0, |c| c.span.start));
    let spans: Vec<(usize, usize)> = children
        .iter()
        .map(|c| (c.span.start as usize, c.span.end as usize))
        .collect();
    let span = |i: usize| spans.get(i).copied().unwrap_or_default();
    let mut inner: Vec<Vec<&Comment>> = vec![Vec::new(); children.len()];
    let mut header = Vec::new();
    let mut loose: Vec<&Comment> = Vec::new();
    let mut sorted: Vec<&Comment> = comments.to_vec();
    sorted.sort_by_key(|c| c.span.start);
    for c in sorted {
        let p = c.span.start as usize;
        if let Some(&i) = order.iter().find(|&&i| span(i).0 <= p && p < span(i).1) {
            if let Some(bucket) = inner.get_mut(i) {
                bucket.push(c);
            }
            continue;
        }
        if !c.own_line {
            let prev = order.iter().rev().find(|&&i| span(i).1 <= p);
            if let Some(node) = prev.filter(|&&i| same_line(text, span(i).1, p)) {
                if let Some(child) = children.get_mut(*node) {
                    if child.trailing.is_none() {
                        child.trailing = Some(c.text.clone());
                        continue;
                    }
                }
            }
            let before_first = order.first().is_none_or(|&i| p < span(i).0);
            if before_first && !root {
                header.push(c.text.clone());
                continue;
            }
        }
        loose.push(c);
    }
    let dangling = place_loose(children, &order, &spans, loose, cx);
    for (child, comments) in children.iter_mut().zip(inner) {
        attach_inner(child, &comments, cx);
    }
    (header, dangling)
}

/// Leading and dangling comments, and the blank-line flags of every child
/// and loose comment.
fn place_loose(
    children: &mut [Node],
    order: &[usize],
    spans: &[(usize, usize)],
    loose: Vec<&Comment>,
    cx: &Cx<'_>,
) -> Vec<Cmt> {
    let text = cx.text;
    let span = |i: usize| spans.get(i).copied().unwrap_or_default();
    let mut elems: Vec<(usize, usize, Elem)> = order
        .iter()
        .map(|&i| (span(i).0, span(i).1, Elem::Child(i)))
        .collect();
    elems.extend(loose.into_iter().map(|c| {
        let (s, e) = (c.span.start as usize, c.span.end as usize);
        (s, e, Elem::Loose(c))
    }));
    elems.sort_by_key(|(s, _, _)| *s);
    let mut dangling = Vec::new();
    let mut prev_end: Option<usize> = None;
    for (start, end, elem) in elems {
        let blank = prev_end.is_some_and(|e| newlines(text, e, start) >= 2);
        prev_end = Some(end);
        match elem {
            Elem::Child(i) => {
                if let Some(child) = children.get_mut(i) {
                    child.blank_before = blank;
                }
            }
            Elem::Loose(c) => {
                let cmt = cx.cmt(c, blank);
                let next = order.iter().find(|&&i| span(i).0 > start);
                match next.and_then(|&i| children.get_mut(i)) {
                    Some(child) => child.leading.push(cmt),
                    None => dangling.push(cmt),
                }
            }
        }
    }
    dangling
}

/// Comments inside a child: distributed among a block's own children, or
/// moved before a one-fact child.
fn attach_inner(child: &mut Node, comments: &[&Comment], cx: &Cx<'_>) {
    match &mut child.kind {
        NodeKind::Block(block) => {
            let (header, dangling) = attach(&mut block.children, comments, cx, false);
            block.header.extend(header);
            block.dangling.extend(dangling);
        }
        NodeKind::Leaf(_) => child
            .leading
            .extend(comments.iter().map(|c| cx.cmt(c, false))),
    }
}

fn same_line(text: &str, from: usize, to: usize) -> bool {
    newlines(text, from, to) == 0
}

fn newlines(text: &str, from: usize, to: usize) -> usize {
    text.get(from..to).map_or(0, |t| t.matches('\n').count())
}
