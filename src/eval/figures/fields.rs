//! CSV plumbing shared by both layouts: the separator sniffed from the
//! header line, a `csv` reader over the text, and the byte span of one field
//! of a row (computed only when a diagnostic needs it).

use crate::source::{SourceId, Span};

/// The header of a figures file.
#[derive(Debug, Clone)]
pub struct Header {
    pub delimiter: u8,
    /// Column names, trimmed and in lower case.
    pub names: Vec<String>,
}

impl Header {
    /// The index of the first column with one of these names.
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        self.names.iter().position(|n| names.contains(&n.as_str()))
    }
}

/// Reads the first line: sniffs the separator and lists the column names.
/// `None` when the file has no non-blank first line.
pub fn header(text: &str) -> Option<Header> {
    let first = text.lines().next()?;
    if first.trim().is_empty() {
        return None;
    }
    let delimiter = sniff(first);
    let mut reader = reader(first, delimiter, false);
    let record = reader.records().next()?.ok()?;
    let names = record.iter().map(|n| n.trim().to_lowercase()).collect();
    Some(Header { delimiter, names })
}

/// The separator of a header line: the most frequent of `;`, tab and `,`
/// outside quotes (`;` wins ties: it is Excel's in France).
pub fn sniff(line: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => counts[0] += 1,
            '\t' if !quoted => counts[1] += 1,
            ',' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let [semicolon, tab, comma] = counts;
    if semicolon >= tab && semicolon >= comma && semicolon > 0 {
        b';'
    } else if tab >= comma && tab > 0 {
        b'\t'
    } else {
        b','
    }
}

/// A `csv` reader over text, rows of any length (checked by the layouts).
pub fn reader(text: &str, delimiter: u8, has_headers: bool) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(has_headers)
        .flexible(true)
        .from_reader(text.as_bytes())
}

/// The span of field `index` of the row starting at byte `start`. A field
/// past the end of the row gives an empty span at the end of the line.
pub fn field_span(source: SourceId, text: &str, start: usize, index: usize, delimiter: u8) -> Span {
    let rest = text.get(start..).unwrap_or("");
    let delimiter = char::from(delimiter);
    let mut field = 0;
    let mut field_start = 0;
    let mut quoted = false;
    let mut end = rest.len();
    for (i, c) in rest.char_indices() {
        match c {
            '"' => quoted = !quoted,
            c if c == delimiter && !quoted => {
                if field == index {
                    return Span::new(source, start + field_start, start + i);
                }
                field += 1;
                field_start = i + 1;
            }
            '\n' | '\r' if !quoted => {
                end = i;
                break;
            }
            _ => {}
        }
    }
    if field == index {
        Span::new(source, start + field_start, start + end)
    } else {
        Span::new(source, start + end, start + end)
    }
}

/// The first byte of the row the `csv` reader says starts at `start`: in a
/// CRLF file it points at the `\n` of the previous line's ending, which
/// would put every diagnostic one line too high.
pub fn line_start(text: &str, start: usize) -> usize {
    let rest = text.get(start..).unwrap_or("");
    start + (rest.len() - rest.trim_start_matches(['\r', '\n']).len())
}

/// The span of a whole row starting at byte `start`.
pub fn row_span(source: SourceId, text: &str, start: usize) -> Span {
    let rest = text.get(start..).unwrap_or("");
    let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
    Span::new(source, start, start + end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_excel_and_plain_csv() {
        assert_eq!(sniff("finess;exercice;indicateur;valeur"), b';');
        assert_eq!(sniff("finess,exercice,indicateur,valeur"), b',');
        assert_eq!(sniff("a\tb\tc"), b'\t');
        assert_eq!(sniff("\"a;b\",c,d"), b',');
    }

    #[test]
    fn crlf_rows_start_after_the_line_ending() {
        let text = "a;b\r\n1;2\r\n";
        assert_eq!(line_start(text, 4), 5);
        assert_eq!(line_start(text, 5), 5);
        assert_eq!(line_start(text, text.len()), text.len());
    }

    #[test]
    fn field_spans_follow_quotes() {
        let text = "x\n760000018;2026;\"a;b\";4,2 %\r\nnext";
        let s = SourceId(0);
        let span = |i| field_span(s, text, 2, i, b';').range();
        assert_eq!(text.get(span(0)), Some("760000018"));
        assert_eq!(text.get(span(2)), Some("\"a;b\""));
        assert_eq!(text.get(span(3)), Some("4,2 %"));
        assert_eq!(span(4), text.find('\r').map(|e| e..e).unwrap());
        assert_eq!(
            text.get(row_span(s, text, 2).range()),
            Some("760000018;2026;\"a;b\";4,2 %")
        );
    }
}
