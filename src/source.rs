//! Sources and spans: the files a run reads (user files, the embedded std,
//! figures CSVs), byte spans into them, and byte → line/column conversion.
//!
//! Spans are byte offsets; columns are counted in Unicode scalar values
//! (spec §9) for text, JSON and SARIF output.

use serde::Serialize;

/// Index of a [`Source`] in its [`SourceMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Default)]
pub struct SourceId(pub u32);

/// A byte range in one source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub source: SourceId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(source: SourceId, start: usize, end: usize) -> Span {
        Span {
            source,
            start: to_u32(start),
            end: to_u32(end),
        }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span {
            source: self.source,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Where a source comes from: it decides how paths are shown and whether
/// diagnostics in it are the user's to fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    User,
    Std,
    Figures,
}

/// One file's text, with its line starts computed once.
#[derive(Debug, Clone)]
pub struct Source {
    pub id: SourceId,
    /// The path as shown to the user (relative as given on the command line,
    /// or `<std>/…` for the standard library).
    pub path: String,
    pub text: String,
    pub origin: Origin,
    line_starts: Vec<usize>,
}

impl Source {
    pub fn new(
        id: SourceId,
        path: impl Into<String>,
        text: impl Into<String>,
        origin: Origin,
    ) -> Source {
        let text = text.into();
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Source {
            id,
            path: path.into(),
            text,
            origin,
            line_starts,
        }
    }

    /// 1-based line and column (in Unicode scalars) of a byte offset.
    pub fn line_col(&self, byte: usize) -> (usize, usize) {
        let byte = byte.min(self.text.len());
        let line = self
            .line_starts
            .partition_point(|&s| s <= byte)
            .saturating_sub(1);
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        let column = self
            .text
            .get(start..byte)
            .map_or(byte - start, |s| s.chars().count());
        (line + 1, column + 1)
    }

    /// The text of a span, or "" when the span is out of range.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }
}

/// Every source of a run, addressed by [`SourceId`].
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    sources: Vec<Source>,
}

impl SourceMap {
    pub fn new() -> SourceMap {
        SourceMap::default()
    }

    pub fn add(
        &mut self,
        path: impl Into<String>,
        text: impl Into<String>,
        origin: Origin,
    ) -> SourceId {
        let id = SourceId(to_u32(self.sources.len()));
        self.sources.push(Source::new(id, path, text, origin));
        id
    }

    pub fn get(&self, id: SourceId) -> Option<&Source> {
        self.sources.get(id.0 as usize)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Source> {
        self.sources.iter()
    }

    pub fn path(&self, id: SourceId) -> &str {
        self.get(id).map_or("?", |s| s.path.as_str())
    }

    pub fn slice(&self, span: Span) -> &str {
        self.get(span.source).map_or("", |s| s.slice(span))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_scalars_not_bytes() {
        let s = Source::new(SourceId(0), "a", "é = 1\nbé x", Origin::User);
        assert_eq!(s.line_col(0), (1, 1));
        assert_eq!(s.line_col(3), (1, 3)); // after "é " (é is 2 bytes)
        assert_eq!(s.line_col(7), (2, 1));
        assert_eq!(s.line_col(11), (2, 4));
    }
}
