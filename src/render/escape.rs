//! Escaping: the only way text reaches a document.
//!
//! HTML is built as [`Html`] values, which can only come from escaped text
//! ([`Html::text`]), sanitised Markdown ([`Html::markdown`]), or elements
//! whose tag and attribute names are `&'static str` literals of this module
//! ([`element`]): nothing read from a contract or a figures file can become
//! markup. Markdown from `texte """…"""` blocks and literate prose goes
//! through pulldown-cmark with raw HTML turned into text, links restricted
//! to `http`, `https`, `mailto` and in-document anchors, images dropped
//! (their alternative text kept), then through `ammonia` with an allow-list
//! of tags, as a second, independent barrier.
//!
//! For Markdown output, [`md_inline`] escapes plain text and
//! [`md_sanitise`] neutralises raw HTML and unsafe links in user Markdown.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;
use std::fmt;

/// A fragment of HTML that is safe to emit.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Html(String);

impl fmt::Debug for Html {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Html {
    pub fn new() -> Html {
        Html(String::new())
    }

    /// Plain text, escaped.
    pub fn text(text: &str) -> Html {
        Html(escape(text))
    }

    /// Markup written in this crate's source: tags, entities, separators.
    /// Only `'static` strings, so no data can come in this way.
    pub fn markup(markup: &'static str) -> Html {
        Html(markup.to_string())
    }

    /// User Markdown rendered and sanitised; headings are shifted so that
    /// `#` becomes `<h{min_level}>` (they never compete with the articles).
    pub fn markdown(markdown: &str, min_level: u8) -> Html {
        Html(markdown_to_html(markdown, min_level))
    }

    pub fn push(&mut self, other: Html) -> &mut Html {
        self.0.push_str(&other.0);
        self
    }

    pub fn push_text(&mut self, text: &str) -> &mut Html {
        self.0.push_str(&escape(text));
        self
    }

    pub fn push_markup(&mut self, markup: &'static str) -> &mut Html {
        self.0.push_str(markup);
        self
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }

    /// Concatenates fragments.
    pub fn concat(parts: impl IntoIterator<Item = Html>) -> Html {
        let mut out = Html::new();
        for p in parts {
            out.push(p);
        }
        out
    }
}

/// Escapes the five characters that matter in HTML text and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `<tag a="v"…>content</tag>`; tag and attribute names are literals,
/// attribute values are escaped.
pub fn element(tag: &'static str, attrs: &[(&'static str, &str)], content: Html) -> Html {
    let mut out = open(tag, attrs);
    out.0.push_str(&content.0);
    out.0.push_str("</");
    out.0.push_str(tag);
    out.0.push('>');
    out
}

/// `<tag a="v"…>` or a void element such as `<circle …/>`.
pub fn open(tag: &'static str, attrs: &[(&'static str, &str)]) -> Html {
    let mut out = String::from("<");
    out.push_str(tag);
    for (name, value) in attrs {
        out.push(' ');
        out.push_str(name);
        out.push_str("=\"");
        out.push_str(&escape(value));
        out.push('"');
    }
    out.push('>');
    Html(out)
}

/// A self-closing element (SVG shapes).
pub fn empty(tag: &'static str, attrs: &[(&'static str, &str)]) -> Html {
    let mut out = open(tag, attrs);
    out.0.pop();
    out.0.push_str("/>");
    out
}

/// Text in an element: `el("td", &[], "…")`.
pub fn el(tag: &'static str, attrs: &[(&'static str, &str)], text: &str) -> Html {
    element(tag, attrs, Html::text(text))
}

// ------------------------------------------------------------------ Markdown → HTML

/// Whether a link target may stay a link: `http`, `https`, `mailto`, or a
/// URL without a scheme (relative, `#ancre`). Control characters and
/// whitespace are removed first, as browsers do (`java\tscript:`).
pub fn safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    let scheme_end = cleaned.find(':');
    let path_start = cleaned.find(['/', '?', '#']);
    match (scheme_end, path_start) {
        (None, _) => true,
        (Some(colon), Some(slash)) if slash < colon => true,
        (Some(colon), _) => matches!(
            cleaned.get(..colon),
            Some("http") | Some("https") | Some("mailto")
        ),
    }
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

fn shift(level: HeadingLevel, min_level: u8) -> HeadingLevel {
    let n = (level as u8)
        .saturating_add(min_level.saturating_sub(1))
        .min(6);
    HeadingLevel::try_from(usize::from(n)).unwrap_or(HeadingLevel::H6)
}

/// pulldown-cmark with raw HTML as text, unsafe links unlinked, images
/// reduced to their alternative text, then ammonia.
fn markdown_to_html(markdown: &str, min_level: u8) -> String {
    // For each open link or image: whether its start tag was kept.
    let mut kept: Vec<bool> = Vec::new();
    let mut in_code = false;
    let events = Parser::new_ext(markdown, options()).filter_map(|event| match event {
        Event::Text(text) if !in_code => Some(Event::Text(super::texte::typographie(&text).into())),
        Event::Start(Tag::CodeBlock(kind)) => {
            in_code = true;
            Some(Event::Start(Tag::CodeBlock(kind)))
        }
        Event::End(TagEnd::CodeBlock) => {
            in_code = false;
            Some(Event::End(TagEnd::CodeBlock))
        }
        Event::Html(text) | Event::InlineHtml(text) => Some(Event::Text(text)),
        Event::Start(Tag::HtmlBlock) => Some(Event::Start(Tag::Paragraph)),
        Event::End(TagEnd::HtmlBlock) => Some(Event::End(TagEnd::Paragraph)),
        Event::Start(Tag::Heading { level, .. }) => Some(Event::Start(Tag::Heading {
            level: shift(level, min_level),
            id: None,
            classes: Vec::new(),
            attrs: Vec::new(),
        })),
        Event::End(TagEnd::Heading(level)) => {
            Some(Event::End(TagEnd::Heading(shift(level, min_level))))
        }
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let keep = safe_url(&dest_url);
            kept.push(keep);
            keep.then_some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        Event::Start(Tag::Image { .. }) => {
            kept.push(false);
            None
        }
        Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
            let keep = kept.pop().unwrap_or(false);
            keep.then_some(Event::End(TagEnd::Link))
        }
        other => Some(other),
    });
    let mut raw = String::new();
    pulldown_cmark::html::push_html(&mut raw, events);
    sanitise(&raw)
}

/// The second barrier: only the tags Markdown produces, no attribute but
/// `href` (safe schemes) and `start`.
fn sanitise(html: &str) -> String {
    let tags: HashSet<&str> = [
        "p",
        "br",
        "em",
        "strong",
        "del",
        "code",
        "pre",
        "blockquote",
        "ul",
        "ol",
        "li",
        "a",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "hr",
    ]
    .into_iter()
    .collect();
    let schemes: HashSet<&str> = ["http", "https", "mailto"].into_iter().collect();
    ammonia::Builder::default()
        .tags(tags)
        .generic_attributes(HashSet::new())
        .tag_attributes(
            [
                ("a", ["href"].into_iter().collect()),
                ("ol", ["start"].into_iter().collect()),
            ]
            .into_iter()
            .collect(),
        )
        .url_schemes(schemes)
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(Some("noopener noreferrer"))
        .clean(html)
        .to_string()
}

// ------------------------------------------------------------------ Markdown output

/// Plain text for a Markdown paragraph or table cell: ASCII punctuation
/// that Markdown reads is backslash-escaped, line breaks become spaces.
pub fn md_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '&' | '#' | '!' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Contract text for a Markdown table cell or inline run in a report
/// (`evaluate --format md`, `diff --format md`): on one line, with `\`
/// and `|` escaped, `]` before `(`, `[` or `:`, and `<` and `&` where
/// Markdown would read raw HTML, an autolink or an entity; so no link,
/// image or HTML element can come from a contract. Other text is left as
/// written (`>= 4 %`, `[0, 1]` stay readable).
pub fn md_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied().unwrap_or(' ');
        let special = match c {
            '\\' | '|' => true,
            // No `](`, `][` or `]:`: no link, image or link definition.
            ']' => matches!(next, '(' | '[' | ':'),
            '<' => next.is_ascii_alphabetic() || matches!(next, '/' | '!' | '?'),
            '&' => next.is_ascii_alphanumeric() || next == '#',
            _ => false,
        };
        match c {
            // Already escaped (`\<` from `md_inline`): kept as is, not doubled.
            '\\' if next.is_ascii_punctuation() => {
                out.push(c);
                out.push(next);
                chars.next();
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if special => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// User Markdown for Markdown output: kept as written, except raw HTML,
/// whose `<` and `&` are escaped, and links or images to an unsafe
/// target, replaced by their text. Escaping can change how the rest reads
/// (`<!--[x](javascript:…)` hid a link inside a comment), so the pass is
/// repeated until nothing changes; text that would not settle is escaped
/// whole.
pub fn md_sanitise(markdown: &str) -> String {
    let mut text = markdown.to_string();
    for _ in 0..8 {
        let next = sanitise_once(&text);
        if next == text {
            return text;
        }
        text = next;
    }
    text.lines().map(md_inline).collect::<Vec<_>>().join("\n")
}

fn sanitise_once(markdown: &str) -> String {
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let mut unsafe_link: Option<(std::ops::Range<usize>, String, usize)> = None;
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        if let Some((_, text, depth)) = &mut unsafe_link {
            match event {
                Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                    text.push_str(&t)
                }
                Event::Start(Tag::Link { .. }) | Event::Start(Tag::Image { .. }) => *depth += 1,
                Event::End(TagEnd::Link) | Event::End(TagEnd::Image) if *depth > 0 => *depth -= 1,
                Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                    if let Some((r, t, _)) = unsafe_link.take() {
                        edits.push((r, md_inline(&t)));
                    }
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Html(t) | Event::InlineHtml(t) => {
                let escaped = t.replace('&', "&amp;").replace('<', "&lt;");
                edits.push((range, escaped));
            }
            Event::Start(Tag::Link { dest_url, .. }) if !safe_url(&dest_url) => {
                unsafe_link = Some((range, String::new(), 0));
            }
            Event::Start(Tag::Image { .. }) => {
                unsafe_link = Some((range, String::new(), 0));
            }
            _ => {}
        }
    }
    edits.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(markdown.len());
    let mut at = 0;
    for (range, replacement) in edits {
        if range.start < at {
            continue;
        }
        out.push_str(markdown.get(at..range.start).unwrap_or(""));
        out.push_str(&replacement);
        at = range.end;
    }
    out.push_str(markdown.get(at..).unwrap_or(""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            Html::text("<a href=\"x\" onerror='y'>&").as_str(),
            "&lt;a href=&quot;x&quot; onerror=&#39;y&#39;&gt;&amp;"
        );
        let e = element("td", &[("class", "\"><script>")], Html::text("<b>"));
        assert_eq!(
            e.as_str(),
            "<td class=\"&quot;&gt;&lt;script&gt;\">&lt;b&gt;</td>"
        );
    }

    #[test]
    fn urls() {
        assert!(safe_url("https://www.anap.fr/x"));
        assert!(safe_url("#article-3"));
        assert!(safe_url("annexe.html"));
        assert!(safe_url("mailto:ars@example.fr"));
        assert!(!safe_url("javascript:alert(1)"));
        assert!(!safe_url(" JaVa\tScRiPt:alert(1)"));
        assert!(!safe_url("data:text/html;base64,PHNjcmlwdD4="));
        assert!(!safe_url("vbscript:x"));
    }

    #[test]
    fn markdown_is_rendered_and_raw_html_is_text() {
        let html = Html::markdown(
            "# Titre\n\nUn *mot* et <script>alert(1)</script>.\n\n<img src=x onerror=alert(1)>\n",
            3,
        );
        let s = html.as_str();
        assert!(s.contains("<h3>Titre</h3>"), "{s}");
        assert!(s.contains("<em>mot</em>"), "{s}");
        assert!(!s.contains("<script"), "{s}");
        assert!(!s.contains("<img"), "{s}");
        assert!(s.contains("&lt;script&gt;"), "{s}");
    }

    #[test]
    fn unsafe_links_lose_their_target() {
        let s = Html::markdown(
            "[clic](javascript:alert(1)) [ok](https://www.anap.fr) ![x](https://t.fr/p.png) <javascript:alert(2)> [e](&#106;avascript:alert(3))",
            3,
        )
        .into_string();
        // The targets are gone; what remains is text.
        assert!(!s.to_lowercase().contains("href=\"javascript"), "{s}");
        assert_eq!(s.matches("<a ").count(), 1, "{s}");
        assert!(s.contains("clic"));
        assert!(s.contains("href=\"https://www.anap.fr\""), "{s}");
        assert!(s.contains("rel=\"noopener noreferrer\""), "{s}");
        assert!(!s.contains("<img"), "{s}");
    }

    #[test]
    fn markdown_output_is_neutralised() {
        let md = "Texte <script>alert(1)</script> et [x](javascript:alert(1)) et [y](https://a.fr).\n\n<div onclick=\"x\">bloc</div>\n";
        let out = md_sanitise(md);
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("<div"), "{out}");
        assert!(!out.contains("javascript:"), "{out}");
        assert!(out.contains("[y](https://a.fr)"), "{out}");
        assert_eq!(
            md_sanitise("**gras** et *italique*"),
            "**gras** et *italique*"
        );
        assert_eq!(md_inline("a_b *c* <d>|"), "a\\_b \\*c\\* \\<d\\>\\|");
        assert_eq!(
            md_cell("<img src=x> [a](javascript:x) &amp; >= 4 % | a\nb"),
            "\\<img src=x> [a\\](javascript:x) \\&amp; >= 4 % \\| a b"
        );
        // A link hidden in raw HTML is exposed by escaping, then removed.
        for hidden in [
            "<!--[x](javascript:alert(1))",
            "<![CDATA[[x](javascript:alert(1))",
        ] {
            let out = md_sanitise(hidden);
            assert!(!out.contains("](javascript"), "{out}");
        }
    }
}
