//! The layout tree the printer builds from the AST: one [`Node`] per fact
//! (a leaf: one line, or several for a text block) or per block (`head {`,
//! children, `}`). Each node keeps the source span it came from, so
//! `comments.rs` can attach comments by position, and a rank giving its
//! place in the canonical field order (§4). Rendering sorts children by rank
//! (stably: same-rank facts keep their source order) and writes two-space
//! indented lines.

use crate::source::Span;

/// A comment as printed: the text after `//`, and whether a blank line
/// preceded it in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cmt {
    pub text: String,
    pub blank_before: bool,
}

/// One fact or block of the canonical layout, with its comments.
#[derive(Debug, Clone)]
pub struct Node {
    pub span: Span,
    pub rank: u8,
    pub kind: NodeKind,
    /// Comments on their own lines just before the node.
    pub leading: Vec<Cmt>,
    /// The comment at the end of the node's last line.
    pub trailing: Option<String>,
    /// A blank line separated the node from what preceded it.
    pub blank_before: bool,
}

#[derive(Debug, Clone)]
pub enum NodeKind {
    /// The first line is at the node's indentation; later lines (text
    /// blocks) carry their indentation relative to it.
    Leaf(Vec<String>),
    Block(Block),
}

/// `head {` children `}tail`.
#[derive(Debug, Clone, Default)]
pub struct Block {
    pub head: String,
    pub children: Vec<Node>,
    /// Written after the closing brace (a clause's ` source "…"`).
    pub tail: String,
    /// Comments after `{` on the head's line (the first one), then on their
    /// own lines before the first child.
    pub header: Vec<String>,
    /// Comments after the last child, before `}`.
    pub dangling: Vec<Cmt>,
}

impl Node {
    pub fn leaf(span: Span, rank: u8, line: String) -> Node {
        Node::lines(span, rank, vec![line])
    }

    pub fn lines(span: Span, rank: u8, lines: Vec<String>) -> Node {
        Node::new(span, rank, NodeKind::Leaf(lines))
    }

    pub fn block(span: Span, rank: u8, head: String, children: Vec<Node>, tail: String) -> Node {
        let block = Block {
            head,
            children,
            tail,
            ..Block::default()
        };
        Node::new(span, rank, NodeKind::Block(block))
    }

    fn new(span: Span, rank: u8, kind: NodeKind) -> Node {
        Node {
            span,
            rank,
            kind,
            leading: Vec::new(),
            trailing: None,
            blank_before: false,
        }
    }
}

const INDENT: &str = "  ";

/// Renders top-level nodes (and the comments after the last one) as the
/// file's text: LF line ends, one final newline, nothing for an empty file.
pub fn render_file(nodes: &[Node], dangling: &[Cmt]) -> String {
    let mut out = Vec::new();
    render_children(nodes, dangling, 0, &mut out);
    if out.is_empty() {
        return String::new();
    }
    let mut text = out.join("\n");
    text.push('\n');
    text
}

fn render_children(children: &[Node], dangling: &[Cmt], depth: usize, out: &mut Vec<String>) {
    let mut ordered: Vec<&Node> = children.iter().collect();
    ordered.sort_by_key(|c| c.rank);
    let start = out.len();
    for child in ordered {
        for c in &child.leading {
            separate(c.blank_before, start, out);
            out.push(format!("{}//{}", INDENT.repeat(depth), c.text));
        }
        separate(child.blank_before, start, out);
        render_node(child, depth, out);
    }
    for c in dangling {
        separate(c.blank_before, start, out);
        out.push(format!("{}//{}", INDENT.repeat(depth), c.text));
    }
}

/// A blank line, unless it would open the block.
fn separate(blank: bool, start: usize, out: &mut Vec<String>) {
    if blank && out.len() > start {
        out.push(String::new());
    }
}

fn render_node(node: &Node, depth: usize, out: &mut Vec<String>) {
    let indent = INDENT.repeat(depth);
    match &node.kind {
        NodeKind::Leaf(lines) => {
            for line in lines {
                if line.is_empty() {
                    out.push(String::new());
                } else {
                    out.push(format!("{indent}{line}"));
                }
            }
        }
        NodeKind::Block(block) => render_block(block, depth, out),
    }
    if let (Some(text), Some(last)) = (&node.trailing, out.last_mut()) {
        last.push_str(" //");
        last.push_str(text);
    }
}

fn render_block(block: &Block, depth: usize, out: &mut Vec<String>) {
    let indent = INDENT.repeat(depth);
    if block.children.is_empty() && block.dangling.is_empty() && block.header.is_empty() {
        out.push(format!("{indent}{} {{}}{}", block.head, block.tail));
        return;
    }
    let mut head = format!("{indent}{} {{", block.head);
    let mut header = block.header.iter();
    if let Some(first) = header.next() {
        head.push_str(" //");
        head.push_str(first);
    }
    out.push(head);
    for rest in header {
        out.push(format!("{indent}{INDENT}//{rest}"));
    }
    render_children(&block.children, &block.dangling, depth + 1, out);
    out.push(format!("{indent}}}{}", block.tail));
}
