//! Checks on HTML output shared by the document tests: every tag and
//! attribute must be one the documents write, and no payload may survive.

/// Every tag of the output: (name, [(attribute, value)]).
pub fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let after = &rest[start + 1..];
        let end = after.find('>').expect("unclosed tag");
        let inside = &after[..end];
        rest = &after[end..];
        if inside.starts_with('/') || inside.starts_with('!') {
            continue;
        }
        let inside = inside.trim_end_matches('/');
        let name_end = inside
            .find(|c: char| c.is_whitespace())
            .unwrap_or(inside.len());
        let name = inside[..name_end].to_lowercase();
        let mut attrs = Vec::new();
        let mut a = inside[name_end..].trim();
        while !a.is_empty() {
            let eq = a.find('=').unwrap_or(a.len());
            let attr = a[..eq].trim().to_lowercase();
            let value_start = &a[(eq + 1).min(a.len())..];
            let (value, next) = if let Some(v) = value_start.strip_prefix('"') {
                let close = v.find('"').expect("unquoted attribute");
                (v[..close].to_string(), &v[close + 1..])
            } else {
                let close = value_start
                    .find(char::is_whitespace)
                    .unwrap_or(value_start.len());
                (value_start[..close].to_string(), &value_start[close..])
            };
            attrs.push((attr, value));
            a = next.trim();
        }
        out.push((name, attrs));
    }
    out
}

const ALLOWED_TAGS: &[&str] = &[
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "section",
    "header",
    "div",
    "span",
    "p",
    "br",
    "strong",
    "em",
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
    "tfoot",
    "tr",
    "th",
    "td",
    "hr",
    "svg",
    "line",
    "polyline",
    "path",
    "circle",
    "rect",
    "text",
    "figure",
    "figcaption",
    "dl",
    "dt",
    "dd",
    "details",
    "summary",
];

pub fn assert_tags_are_safe(html: &str, what: &str) {
    assert!(!html.to_lowercase().contains("<script"), "{what}: <script>");
    assert_eq!(html.matches("<style>").count(), 1, "{what}: <style>");
    for (name, attrs) in tags(html) {
        assert!(
            ALLOWED_TAGS.contains(&name.as_str()),
            "{what}: tag <{name}> survived"
        );
        for (attr, value) in attrs {
            assert!(
                !attr.starts_with("on"),
                "{what}: attribute {attr}= survived"
            );
            assert!(
                !matches!(attr.as_str(), "src" | "style" | "srcdoc" | "formaction"),
                "{what}: attribute {attr}= survived"
            );
            let v: String = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_lowercase();
            assert!(
                !v.contains("javascript:") && !v.contains("data:") && !v.contains("vbscript:"),
                "{what}: {attr}=\"{value}\" survived"
            );
        }
    }
}
