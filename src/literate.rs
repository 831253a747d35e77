//! Literate contracts (`*.pacte.md`, spec §3): the code is the concatenation
//! of the fenced blocks tagged `pacte`. Everything else is replaced by spaces
//! of the same byte length (newlines kept), so that spans in the code are
//! spans in the `.md` file and diagnostics point at its lines.

/// The Pacte code of a Markdown file, byte-aligned with it.
pub fn extract_code(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut in_pacte = false;
    let mut fence: Option<String> = None;
    for line in markdown.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let marker: String = trimmed
            .chars()
            .take_while(|&c| c == '`' || c == '~')
            .collect();
        let is_fence = marker.len() >= 3
            && (marker.chars().all(|c| c == '`') || marker.chars().all(|c| c == '~'));
        match &fence {
            None if is_fence => {
                let info = trimmed.get(marker.len()..).unwrap_or("").trim();
                in_pacte = info.split_whitespace().next() == Some("pacte");
                fence = Some(marker);
                blank(line, &mut out);
            }
            Some(open)
                if is_fence && marker.starts_with(open.as_str()) && trimmed.trim() == marker =>
            {
                fence = None;
                in_pacte = false;
                blank(line, &mut out);
            }
            Some(_) if in_pacte => out.push_str(line),
            _ => blank(line, &mut out),
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
}
