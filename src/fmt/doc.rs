//! The layout tree the printer builds from the AST: one [`Node`] per fact
//! (a leaf: one line, or several for a text block) or per block (`head {`,
//! children, `}`). Each node keeps the source span it came from, so
//! `comments.rs` can attach comments by position, and a rank giving its
//! place in the canonical field order (§4). Rendering sorts children by rank
//! (stably: same-rank facts keep their source order) and writes two-space
//! indented lines.

use crate::source::Span;

/// A comment as printed: the text after `//`, whether a blank line
/// preceded it in the source, and its segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cmt {
    pub text: String,
    pub blank_before: bool,
    pub seg: usize,
}

/// A rendered line and the segment it belongs to: segments are the
/// ```` ```pacte ```` blocks of a literate file (0 for a `.pacte` file).
pub type Line = (usize, String);

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
    /// The segments of the node's first and last lines.
    pub seg: usize,
    pub end_seg: usize,
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
            seg: 0,
            end_seg: 0,
        }
    }
}

const INDENT: &str = "  ";

/// Renders top-level nodes (and the comments after the last one) as
/// segment-tagged lines. Children are ordered by segment first, so a
/// literate file's facts stay in their block.
pub fn render(nodes: &[Node], dangling: &[Cmt]) -> Vec<Line> {
    let mut out = Vec::new();
    render_children(nodes, dangling, 0, &mut out);
    out
}

/// The text of rendered lines: LF line ends, one final newline, nothing
/// for an empty file.
pub fn join(lines: &[Line]) -> String {
    let mut text = String::new();
    for (_, line) in lines {
        text.push_str(line);
        text.push('\n');
    }
    text
}

fn render_children(children: &[Node], dangling: &[Cmt], depth: usize, out: &mut Vec<Line>) {
    let mut ordered: Vec<&Node> = children.iter().collect();
    // A node that runs into a later block comes last in its own block.
    ordered.sort_by_key(|c| (c.seg, last_seg(c), c.rank));
    let start = out.len();
    let indent = INDENT.repeat(depth);
    for child in ordered {
        for c in &child.leading {
            separate(c.blank_before, c.seg, start, out);
            out.push((c.seg, format!("{indent}//{}", c.text)));
        }
        separate(child.blank_before, child.seg, start, out);
        render_node(child, depth, out);
    }
    for c in dangling {
        separate(c.blank_before, c.seg, start, out);
        out.push((c.seg, format!("{indent}//{}", c.text)));
    }
}

/// The segment of a node's last line: a one-fact node and an empty block
/// are written whole in their first segment.
fn last_seg(node: &Node) -> usize {
    match &node.kind {
        NodeKind::Block(b) if !is_compact(b) => node.end_seg,
        _ => node.seg,
    }
}

fn is_compact(block: &Block) -> bool {
    block.children.is_empty() && block.dangling.is_empty() && block.header.is_empty()
}

/// A blank line, unless it would open the block.
fn separate(blank: bool, seg: usize, start: usize, out: &mut Vec<Line>) {
    if blank && out.len() > start {
        out.push((seg, String::new()));
    }
}

fn render_node(node: &Node, depth: usize, out: &mut Vec<Line>) {
    let indent = INDENT.repeat(depth);
    match &node.kind {
        NodeKind::Leaf(lines) => {
            for line in lines {
                if line.is_empty() {
                    out.push((node.seg, String::new()));
                } else {
                    out.push((node.seg, format!("{indent}{line}")));
                }
            }
        }
        NodeKind::Block(block) => render_block(node, block, depth, out),
    }
    if let (Some(text), Some((_, last))) = (&node.trailing, out.last_mut()) {
        last.push_str(" //");
        last.push_str(text);
    }
}

fn render_block(node: &Node, block: &Block, depth: usize, out: &mut Vec<Line>) {
    let indent = INDENT.repeat(depth);
    if is_compact(block) {
        out.push((
            node.seg,
            format!("{indent}{} {{}}{}", block.head, block.tail),
        ));
        return;
    }
    let mut head = format!("{indent}{} {{", block.head);
    let mut header = block.header.iter();
    if let Some(first) = header.next() {
        head.push_str(" //");
        head.push_str(first);
    }
    out.push((node.seg, head));
    for rest in header {
        out.push((node.seg, format!("{indent}{INDENT}//{rest}")));
    }
    render_children(&block.children, &block.dangling, depth + 1, out);
    let end = out
        .last()
        .map_or(node.end_seg, |(s, _)| node.end_seg.max(*s));
    out.push((end, format!("{indent}}}{}", block.tail)));
}
