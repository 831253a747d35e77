//! The Hospi Diag open-data layout (spec §7): one row per establishment and
//! year, columns `finess`, `annee` and indicator codes (`F1_D`, `CI_F10_D`…).
//! A column is read as the indicator whose `hospidiag "CODE"` line names it;
//! `rs` and `cat` give the establishment's name and category
//! ([`Identity`](super::Identity), for `pacte diagnose`); other columns are
//! ignored. Hospi Diag
//! ratios are in per cent (`8.1` is 8,1 %), which is how a bare number is
//! read for a `%` indicator. Empty cells, and the source's missing-value
//! markers (`.z`, `.v`, `.c`, `.m`), give no figure. The year is the
//! edition year of the row (`annee`).

use super::csv::{read_value, read_year};
use super::fields::{self, Header};
use super::{Figure, Identity, Reading};
use crate::ast::Indicateur;
use crate::diagnostic::{Code, Diagnostic};
use std::collections::HashMap;

/// Whether a header is Hospi Diag's: `finess` and `annee`, no `indicateur`.
pub fn is_header(names: &[String]) -> bool {
    let has = |n: &str| names.iter().any(|x| x == n);
    has("finess") && (has("annee") || has("année")) && !has("indicateur")
}

/// The indicators read from the columns: (column index, indicator).
fn mapped<'p>(r: &Reading<'p>, header: &Header) -> Vec<(usize, &'p Indicateur)> {
    let program = r.program;
    let by_code: HashMap<String, &'p Indicateur> = program
        .indicateurs
        .values()
        .filter_map(|i| Some((i.hospidiag.as_ref()?.value.trim().to_lowercase(), i)))
        .collect();
    header
        .names
        .iter()
        .enumerate()
        .filter_map(|(i, name)| Some((i, *by_code.get(name)?)))
        .collect()
}

/// Reads every row of a Hospi Diag file.
pub(crate) fn read(r: &mut Reading<'_>, header: &Header) {
    let (Some(finess_col), Some(year_col)) = (
        header.column(&["finess"]),
        header.column(&["annee", "année"]),
    ) else {
        return;
    };
    let columns = mapped(r, header);
    let (rs_col, cat_col) = (header.column(&["rs"]), header.column(&["cat"]));
    r.figures.notes.push(note(&columns, header));
    let mut seen: HashMap<(String, i32), usize> = HashMap::new();
    r.each_row(|r, record, start| {
        let cell = |i: usize| record.get(i).unwrap_or("");
        let Some(finess) = r.checked_finess(cell(finess_col), start, finess_col) else {
            return;
        };
        let Some(year) = read_year(r, cell(year_col), start, year_col) else {
            return;
        };
        let key = (finess.to_string(), year);
        if let Some(&first) = seen.get(&key) {
            duplicate_row(r, &finess, year, start, first);
            return;
        }
        seen.insert(key, start);
        let text_of = |col: Option<usize>| {
            col.map(|i| cell(i).trim())
                .filter(|t| !is_missing(t))
                .map(str::to_string)
        };
        let identity = Identity {
            raison_sociale: text_of(rs_col),
            categorie: text_of(cat_col),
            annee: year,
        };
        if identity.raison_sociale.is_some() || identity.categorie.is_some() {
            r.figures.set_identity(&finess, identity);
        }
        for &(col, indicateur) in &columns {
            let text = cell(col).trim();
            if is_missing(text) {
                continue;
            }
            if let Some(value) = read_value(r, text, indicateur, start, col) {
                let offset = u32::try_from(start).unwrap_or(u32::MAX);
                let figure = Figure { value, offset };
                r.insert(&finess, year, &indicateur.id.name, figure, Some(col));
            }
        }
    });
}

/// An empty cell or one of Hospi Diag's missing-value markers.
fn is_missing(text: &str) -> bool {
    text.is_empty()
        || (text.len() == 2
            && text.starts_with('.')
            && text.ends_with(|c: char| c.is_ascii_alphabetic()))
        || text.eq_ignore_ascii_case("na")
}

fn duplicate_row(r: &mut Reading<'_>, finess: &str, year: i32, start: usize, first: usize) {
    let span = fields::row_span(r.source, r.text, start);
    let first = fields::row_span(r.source, r.text, first);
    r.error(
        Diagnostic::new(
            Code::V0205,
            span,
            format!("deux lignes Hospi Diag pour l'établissement {finess} en {year}"),
        )
        .label("deuxième ligne")
        .secondary(first, "première ligne")
        .help("gardez une seule ligne par établissement et par année"),
    );
}

fn note(columns: &[(usize, &Indicateur)], header: &Header) -> String {
    if columns.is_empty() {
        return "format Hospi Diag : aucune colonne ne correspond à un indicateur (lignes `hospidiag` de la bibliothèque standard)".to_string();
    }
    let list: Vec<String> = columns
        .iter()
        .map(|(i, ind)| {
            let code = header.names.get(*i).map_or("?", String::as_str);
            format!("{} → {}", code.to_uppercase(), ind.id.name)
        })
        .collect();
    format!("format Hospi Diag, colonnes lues : {}", list.join(", "))
}
