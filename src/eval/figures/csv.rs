//! The Pacte figures layout (spec §8): a header `finess,exercice,indicateur,valeur`
//! (any order, any case; `annee` or `année` for `exercice`), then one row per
//! value. Blank rows, and rows whose `valeur` is empty, give no figure.

use super::fields::Header;
use super::value::{example, parse_value, ValueError};
use super::{header_error, parse_year, Figure, Reading};
use crate::ast::Indicateur;
use crate::diagnostic::{Code, Diagnostic};
use crate::source::Span;

/// Column indexes of the four fields.
struct Columns {
    finess: usize,
    exercice: usize,
    indicateur: usize,
    valeur: usize,
}

fn columns(header: &Header) -> Result<Columns, Vec<&'static str>> {
    let find = |names: &[&str]| header.column(names);
    let (f, e, i, v) = (
        find(&["finess"]),
        find(&["exercice", "annee", "année"]),
        find(&["indicateur"]),
        find(&["valeur"]),
    );
    match (f, e, i, v) {
        (Some(finess), Some(exercice), Some(indicateur), Some(valeur)) => Ok(Columns {
            finess,
            exercice,
            indicateur,
            valeur,
        }),
        _ => Err([
            (f, "finess"),
            (e, "exercice"),
            (i, "indicateur"),
            (v, "valeur"),
        ]
        .into_iter()
        .filter(|(c, _)| c.is_none())
        .map(|(_, n)| n)
        .collect()),
    }
}

/// Reads every row of a Pacte-layout file.
pub(crate) fn read(r: &mut Reading<'_>, header: &Header) {
    let cols = match columns(header) {
        Ok(cols) => cols,
        Err(missing) => {
            let message = format!(
                "en-tête du fichier de chiffres incomplet : colonne{} {} manquante{}",
                if missing.len() > 1 { "s" } else { "" },
                missing.join(", "),
                if missing.len() > 1 { "s" } else { "" },
            );
            r.error(header_error(r.source, r.text, &message));
            return;
        }
    };
    r.each_row(|r, record, start| row(r, &cols, record, start));
}

fn row(r: &mut Reading<'_>, cols: &Columns, record: &csv::StringRecord, start: usize) {
    let cell = |i: usize| record.get(i).unwrap_or("").trim();
    let value = cell(cols.valeur);
    let written = cell(cols.finess);
    if written.is_empty() {
        let span = r.field(start, cols.finess);
        r.error(
            Diagnostic::new(Code::V0203, span, "numéro FINESS manquant")
                .label("FINESS vide")
                .help("chaque ligne donne le FINESS de l'établissement (9 caractères)"),
        );
        return;
    }
    let Some(finess) = r.checked_finess(written, start, cols.finess) else {
        return;
    };
    let Some(year) = read_year(r, cell(cols.exercice), start, cols.exercice) else {
        return;
    };
    let Some(indicateur) = indicator(r, cell(cols.indicateur), start, cols.indicateur) else {
        return;
    };
    if value.is_empty() {
        return;
    }
    if let Some((thousands, decimal)) = super::value::ambiguous(value) {
        let span = r.field(start, cols.valeur);
        r.error(
            Diagnostic::new(
                Code::V0203,
                span,
                format!("nombre ambigu « {value} » pour `{}` : écrivez `{thousands}` (milliers) ou `{decimal}`", indicateur.id.name),
            )
            .label("point suivi de trois chiffres")
            .help("en français le point peut séparer les milliers : dans Excel, formatez la colonne en nombre avec une virgule décimale"),
        );
        return;
    }
    let bare = super::value::bare_percent(value, indicateur);
    let Some(value) = read_value(r, value, indicateur, start, cols.valeur) else {
        return;
    };
    if let Some(written) = bare {
        r.bares.push(super::fractions::Bare {
            finess: finess.clone(),
            indicator: indicateur.id.name.clone(),
            year,
            written,
            start,
            column: cols.valeur,
        });
    }
    let figure = Figure {
        value,
        offset: u32::try_from(start).unwrap_or(u32::MAX),
    };
    r.insert(&finess, year, &indicateur.id.name, figure, None);
}

pub(crate) fn read_year(
    r: &mut Reading<'_>,
    text: &str,
    start: usize,
    index: usize,
) -> Option<i32> {
    let year = parse_year(text);
    if year.is_none() {
        let span = r.field(start, index);
        r.error(
            Diagnostic::new(Code::V0203, span, format!("exercice illisible « {text} »"))
                .label("année attendue")
                .help("écrivez l'exercice sur quatre chiffres, par exemple 2026"),
        );
    }
    year
}

/// The indicator named in a row, or V0202 with the closest known name.
fn indicator<'p>(
    r: &mut Reading<'p>,
    name: &str,
    start: usize,
    index: usize,
) -> Option<&'p Indicateur> {
    let program = r.program;
    if let Some(found) = program.indicateur(name) {
        return Some(found);
    }
    let span = r.field(start, index);
    r.error_with(|| unknown_indicator(program, name, span));
    None
}

pub(crate) fn unknown_indicator(
    program: &crate::model::Program,
    name: &str,
    span: Span,
) -> Diagnostic {
    let names = program.indicateurs.keys().map(String::as_str);
    let mut d = Diagnostic::new(Code::V0202, span, format!("indicateur inconnu « {name} »"))
        .label("indicateur inconnu");
    d = match crate::resolve::suggest::closest(name, names) {
        Some(close) => d.help(format!("vouliez-vous dire `{close}` ?")),
        None => d.help("les indicateurs sont ceux de la bibliothèque standard et des fichiers vérifiés (voir docs/std.md)"),
    };
    d
}

/// A cell's value, or V0203 / V0204.
pub(crate) fn read_value(
    r: &mut Reading<'_>,
    text: &str,
    indicateur: &Indicateur,
    start: usize,
    column: usize,
) -> Option<super::Val> {
    match parse_value(text, indicateur) {
        Ok(v) => Some(v),
        Err(e) => {
            let span = r.field(start, column);
            r.error(value_error(e, text, indicateur, span));
            None
        }
    }
}

fn value_error(e: ValueError, text: &str, indicateur: &Indicateur, span: Span) -> Diagnostic {
    let name = &indicateur.id.name;
    let unite = indicateur.unite.map_or("nombre", |(u, _)| u.keyword());
    match e {
        ValueError::Unreadable => Diagnostic::new(
            Code::V0203,
            span,
            format!("valeur illisible « {text} » pour `{name}` (unité {unite})"),
        )
        .label("valeur illisible"),
        ValueError::Unit(unit) => Diagnostic::new(
            Code::V0204,
            span,
            format!(
                "unité « {} » incompatible avec `{name}`, qui s'exprime en {unite}",
                unit.symbol()
            ),
        )
        .label("unité incompatible"),
    }
    .help(format!("écrivez {}", example(indicateur)))
}
