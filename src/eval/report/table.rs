//! Plain-text and Markdown tables, columns sized by Unicode scalars.

/// A column: its heading and whether it is right-aligned (numbers).
pub struct Column<'a> {
    pub heading: &'a str,
    pub right: bool,
}

pub fn col(heading: &str) -> Column<'_> {
    Column {
        heading,
        right: false,
    }
}

pub fn num(heading: &str) -> Column<'_> {
    Column {
        heading,
        right: true,
    }
}

fn width(s: &str) -> usize {
    s.chars().count()
}

/// A text table with two spaces between columns, indented.
pub fn text(columns: &[Column<'_>], rows: &[Vec<String>], indent: &str) -> String {
    let mut widths: Vec<usize> = columns.iter().map(|c| width(c.heading)).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell));
        }
    }
    let headings: Vec<String> = columns.iter().map(|c| c.heading.to_string()).collect();
    let mut out = String::new();
    for row in std::iter::once(&headings).chain(rows) {
        let cells: Vec<String> = columns
            .iter()
            .zip(&widths)
            .zip(row)
            .map(|((c, w), cell)| {
                let pad = " ".repeat(w.saturating_sub(width(cell)));
                if c.right {
                    format!("{pad}{cell}")
                } else {
                    format!("{cell}{pad}")
                }
            })
            .collect();
        out.push_str(indent);
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

/// A Markdown (GFM) table; `|` in cells is escaped.
pub fn markdown(columns: &[Column<'_>], rows: &[Vec<String>]) -> String {
    let line = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
    let mut out = line(columns.iter().map(|c| c.heading.to_string()).collect());
    out.push_str(&line(
        columns
            .iter()
            .map(|c| if c.right { "---:" } else { "---" }.to_string())
            .collect(),
    ));
    for row in rows {
        out.push_str(&line(row.iter().map(|c| escape(c)).collect()));
    }
    out
}

/// Escapes Markdown table and inline specials in a cell.
pub fn escape(text: &str) -> String {
    crate::render::escape::md_cell(text)
}
