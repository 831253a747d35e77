//! LSP positions: lines and UTF-16 code units, converted from and to the
//! byte offsets of spans.

use lsp_types::{Position, Range};

/// The LSP position of a byte offset.
pub fn position(text: &str, byte: usize) -> Position {
    let byte = floor_boundary(text, byte.min(text.len()));
    let before = text.get(..byte).unwrap_or("");
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let character = text
        .get(line_start..byte)
        .map_or(0, |t| t.encode_utf16().count());
    Position {
        line: to_u32(line),
        character: to_u32(character),
    }
}

/// The byte offset of an LSP position (clamped to the line and the text).
pub fn offset(text: &str, pos: Position) -> usize {
    let mut line_start = 0;
    for _ in 0..pos.line {
        match text.get(line_start..).and_then(|t| t.find('\n')) {
            Some(i) => line_start += i + 1,
            None => return text.len(),
        }
    }
    let line = text.get(line_start..).unwrap_or("");
    let line = line.split('\n').next().unwrap_or("");
    let mut units = 0;
    for (i, c) in line.char_indices() {
        if units >= pos.character as usize {
            return line_start + i;
        }
        units += c.len_utf16();
    }
    line_start + line.len()
}

pub fn range(text: &str, start: usize, end: usize) -> Range {
    Range {
        start: position(text, start),
        end: position(text, end),
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_round_trip() {
        let text = "é1\n𝒳 ab";
        let b = text.find('b').unwrap();
        let p = position(text, b);
        assert_eq!(
            p,
            Position {
                line: 1,
                character: 4
            }
        ); // 𝒳 is two UTF-16 units
        assert_eq!(offset(text, p), b);
        assert_eq!(
            offset(
                text,
                Position {
                    line: 9,
                    character: 0
                }
            ),
            text.len()
        );
    }
}
