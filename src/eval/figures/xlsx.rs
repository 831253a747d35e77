//! Figures workbooks (`.xlsx`, read with `calamine`): the first sheet with
//! data, in the Pacte figures layout or the Hospi Diag layout, is turned
//! into the same rows the CSV readers read (one line per row, `;`
//! between cells, the row number kept as the line number), so the
//! figures, their checks and their errors are the CSV ones. Each error
//! also names its sheet and cell (« feuille « Chiffres », cellule D4 »).
//!
//! Cells: text as written; numbers in their shortest exact form; in the
//! Pacte layout a number in the `valeur` column of a percentage indicator
//! is read as Excel stores a percentage (0,042 for 4,2 %), and a number
//! for a date indicator as a serial date; dates as ISO dates; booleans as
//! `oui`/`non`. See docs/decisions.md.

use crate::ast::UniteName;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::model::Program;
use crate::source::{Origin, SourceMap, Span};
use calamine::{Data, Reader, Xlsx};
use rust_decimal::Decimal;
use std::io::Cursor;
use std::str::FromStr;

/// Whether the bytes are a zip archive (an `.xlsx` workbook).
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// One sheet turned into delimited text.
struct Sheet {
    name: String,
    text: String,
    /// The first column of the sheet's used range (0 is column A).
    first_col: u32,
}

/// Reads a workbook like a CSV figures file (see [`super::read`]).
pub fn read(
    map: &mut SourceMap,
    path: &str,
    bytes: &[u8],
    program: &Program,
    diagnostics: &mut Diagnostics,
) -> super::Figures {
    let sheet = match sheet(bytes, program) {
        Ok(s) => s,
        Err(message) => {
            let source = map.add(path, String::new(), Origin::Figures);
            diagnostics.push(
                Diagnostic::new(Code::V0201, Span::new(source, 0, 0), message)
                    .label("classeur")
                    .help("enregistrez le classeur au format Excel (.xlsx), la première feuille portant les chiffres, ou exportez-le en CSV"),
            );
            return super::Figures::new(path, source, super::Layout::Pacte);
        }
    };
    let mut local = Diagnostics::new();
    let figures = super::read(map, path, sheet.text.as_bytes(), program, &mut local);
    for d in local.into_sorted(|_| (0, String::new())) {
        let note = map
            .get(d.primary.span.source)
            .map(|s| cell_note(&sheet, &s.text, d.primary.span.start as usize));
        diagnostics.push(match note {
            Some(note) => d.note(note),
            None => d,
        });
    }
    figures
}

fn sheet(bytes: &[u8], program: &Program) -> Result<Sheet, String> {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| format!("le classeur de chiffres est illisible : {e}"))?;
    let names = wb.sheet_names();
    for name in names {
        let Ok(range) = wb.worksheet_range(&name) else {
            continue;
        };
        let Some((first_row, first_col)) = range.start() else {
            continue;
        };
        let rows: Vec<&[Data]> = range.rows().collect();
        let Some(header) = rows.first() else { continue };
        let heads: Vec<String> = header.iter().map(|c| fold(&text(c))).collect();
        let valeur = heads.iter().position(|h| h == "valeur");
        let indicateur = heads.iter().position(|h| h == "indicateur");
        let mut out = "\n".repeat(first_row as usize);
        for row in &rows {
            let unite = indicateur
                .and_then(|i| row.get(i))
                .and_then(|c| unite(program, &text(c)));
            let cells: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let as_value = if Some(i) == valeur { unite } else { None };
                    quote(&value_cell(c, as_value))
                })
                .collect();
            out.push_str(&cells.join(";"));
            out.push('\n');
        }
        return Ok(Sheet {
            name,
            text: out,
            first_col,
        });
    }
    Err("le classeur de chiffres n'a aucune feuille remplie".to_string())
}

fn fold(s: &str) -> String {
    s.trim().to_lowercase()
}

fn unite(program: &Program, name: &str) -> Option<UniteName> {
    program
        .indicateur(name.trim())
        .and_then(|i| i.unite)
        .map(|(u, _)| u)
}

/// A `valeur` cell of an indicator of unit `unite`: a number is a ratio for
/// a percentage, and a serial date for a date (a cell without date format).
fn value_cell(c: &Data, unite: Option<UniteName>) -> String {
    match (c, unite) {
        (Data::Float(f), Some(UniteName::Date)) => serial_date(*f).unwrap_or_else(|| text(c)),
        (Data::Int(i), Some(UniteName::Date)) => {
            crate::date::Date::from_unix_days(i - 25_569).map_or_else(|| text(c), |d| d.to_string())
        }
        (_, Some(UniteName::Percent)) => cell(c, true),
        _ => text(c),
    }
}

/// A cell as text, whatever its type.
fn text(c: &Data) -> String {
    cell(c, false)
}

fn cell(c: &Data, ratio: bool) -> String {
    match c {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
            s.replace(['\n', '\r'], " ")
        }
        Data::Bool(b) => if *b { "oui" } else { "non" }.to_string(),
        Data::Int(i) => number(Decimal::from(*i), ratio),
        Data::Float(f) => match Decimal::from_str(&f.to_string()) {
            Ok(d) => number(d, ratio),
            Err(_) => f.to_string(),
        },
        Data::DateTime(dt) => serial_date(dt.as_f64()).unwrap_or_else(|| dt.to_string()),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// A number as written in a figures file; a ratio as a percentage.
fn number(d: Decimal, ratio: bool) -> String {
    if ratio {
        format!("{} %", (d * Decimal::ONE_HUNDRED).normalize())
    } else {
        d.normalize().to_string()
    }
}

/// An Excel serial date (days since 1899-12-30) as `AAAA-MM-JJ`.
fn serial_date(serial: f64) -> Option<String> {
    let days = Decimal::from_str(&serial.to_string()).ok()?.floor();
    let days: i64 = i64::try_from(days).ok()?;
    Some(crate::date::Date::from_unix_days(days - 25_569)?.to_string())
}

fn quote(s: &str) -> String {
    if s.contains([';', '"']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// « feuille « X », cellule C4 » for a byte offset of the generated text.
fn cell_note(sheet: &Sheet, text: &str, at: usize) -> String {
    let before = text.get(..at).unwrap_or(text);
    let row = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let mut field = 0u32;
    let mut quoted = false;
    for c in before.get(line_start..).unwrap_or("").chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => field += 1,
            _ => {}
        }
    }
    format!(
        "dans le classeur : feuille « {} », cellule {}{row}",
        sheet.name,
        column_letters(sheet.first_col + field)
    )
}

/// 0 → A, 25 → Z, 26 → AA.
pub fn column_letters(mut index: u32) -> String {
    let mut out = Vec::new();
    loop {
        out.push(char::from(b'A' + u8::try_from(index % 26).unwrap_or(0)));
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    out.iter().rev().collect()
}
