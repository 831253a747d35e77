//! Figures: the actual values of indicators per establishment (FINESS) and
//! financial year, read from a CSV file in one of two layouts.
//!
//! - the Pacte layout (`finess,exercice,indicateur,valeur`, [`csv`](self::csv));
//! - the Hospi Diag open-data layout (one row per establishment and year,
//!   indicator codes as columns, [`hospidiag`]).
//!
//! Both are read the way Excel in France writes them: `;` or `,` separated
//! (sniffed), decimal commas, a UTF-8 BOM, or Windows-1252 text (detected
//! and reported in a note). Every malformed line is a V02xx diagnostic with
//! a span into the figures source, rendered like any other diagnostic.

pub mod csv;
mod fields;
mod fractions;
pub mod hospidiag;
mod value;
pub mod xlsx;

use crate::date::Date;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::model::Program;
use crate::source::{Origin, SourceId, SourceMap, Span};
use rust_decimal::Decimal;
use std::collections::HashMap;

pub use value::parse_value;

/// A value as evaluation sees it: quantities in base units (ratios as
/// ratios, money in euros, durations in days), booleans and dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Val {
    Num(Decimal),
    Bool(bool),
    Date(Date),
}

impl Val {
    /// The exact form used in JSON (`0.042`, `2027-06-30`, `oui`).
    pub fn exact(&self) -> String {
        match self {
            Val::Num(d) => d.normalize().to_string(),
            Val::Bool(b) => if *b { "oui" } else { "non" }.to_string(),
            Val::Date(d) => d.to_string(),
        }
    }

    /// The French form for people, in the unit of a dimension.
    pub fn display(&self, dim: crate::ast::Dimension) -> String {
        match self {
            Val::Num(d) => crate::display::moins(&crate::display::quantity(*d, dim)),
            Val::Date(d) => d.french(),
            Val::Bool(_) => self.exact(),
        }
    }

    pub fn as_num(&self) -> Option<Decimal> {
        match self {
            Val::Num(d) => Some(*d),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Val::Bool(b) => Some(*b),
            _ => None,
        }
    }
}

/// One figure and where it was read (the start of its row).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figure {
    pub value: Val,
    pub offset: u32,
}

/// The layout a figures file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    Pacte,
    HospiDiag,
}

/// Figures of one establishment, by (year, indicator number).
type ByYearIndicator = HashMap<(i32, u32), Figure>;

/// What a figures file says of an establishment besides its figures: the
/// Hospi Diag columns `rs` (name) and `cat` (category, as written there:
/// `CH`, `CHR`, `EBNL`, `CLCC`), from its latest row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identity {
    pub raison_sociale: Option<String>,
    pub categorie: Option<String>,
    /// The year of the row they were read from.
    pub annee: i32,
}

/// Every figure of a file, by FINESS, year and indicator.
#[derive(Debug, Clone)]
pub struct Figures {
    /// The file as shown to the user.
    pub path: String,
    pub source: SourceId,
    pub layout: Layout,
    /// Remarks for the user (encoding detected, FINESS completed…).
    pub notes: Vec<String>,
    /// Indicator names, numbered once (rows only store the number).
    indicators: HashMap<String, u32>,
    data: HashMap<String, ByYearIndicator>,
    identities: HashMap<String, Identity>,
    count: usize,
}

impl Figures {
    /// An empty set of figures over a source (for tests and generated data).
    pub fn new(path: impl Into<String>, source: SourceId, layout: Layout) -> Figures {
        Figures {
            path: path.into(),
            source,
            layout,
            notes: Vec::new(),
            indicators: HashMap::new(),
            data: HashMap::new(),
            identities: HashMap::new(),
            count: 0,
        }
    }

    /// Records an establishment's name and category read in a row of
    /// `year`; the latest year's win (establishments are renamed).
    pub fn set_identity(&mut self, finess: &str, identity: Identity) {
        match self.identities.get_mut(finess) {
            Some(known) if known.annee > identity.annee => {}
            Some(known) => *known = identity,
            None => {
                self.identities.insert(finess.to_string(), identity);
            }
        }
    }

    /// The name and category of an establishment, when the file gives them.
    pub fn identity(&self, finess: &str) -> Option<&Identity> {
        self.identities.get(finess)
    }

    /// Keeps only the establishments `keep` accepts (`diagnose --region`).
    pub fn retain_establishments(&mut self, keep: impl Fn(&str) -> bool) {
        self.data.retain(|finess, _| keep(finess));
        self.identities.retain(|finess, _| keep(finess));
        self.count = self.data.values().map(HashMap::len).sum();
    }

    /// Removes a figure (what-if analyses and tests: a missing figure).
    pub fn remove(&mut self, finess: &str, year: i32, indicator: &str) -> Option<Figure> {
        let n = self.indicators.get(indicator)?;
        let removed = self.data.get_mut(finess)?.remove(&(year, *n))?;
        self.count -= 1;
        Some(removed)
    }

    fn indicator_number(&mut self, indicator: &str) -> u32 {
        if let Some(&n) = self.indicators.get(indicator) {
            return n;
        }
        let n = u32::try_from(self.indicators.len()).unwrap_or(u32::MAX);
        self.indicators.insert(indicator.to_string(), n);
        n
    }

    /// Adds a figure; when one is already known for the same establishment,
    /// year and indicator, returns the earlier one and keeps it.
    pub fn insert(
        &mut self,
        finess: &str,
        year: i32,
        indicator: &str,
        figure: Figure,
    ) -> Result<(), Figure> {
        let n = self.indicator_number(indicator);
        let rows = match self.data.get_mut(finess) {
            Some(rows) => rows,
            None => self.data.entry(finess.to_string()).or_default(),
        };
        match rows.entry((year, n)) {
            std::collections::hash_map::Entry::Occupied(e) => Err(*e.get()),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(figure);
                self.count += 1;
                Ok(())
            }
        }
    }

    pub fn get(&self, finess: &str, year: i32, indicator: &str) -> Option<&Figure> {
        let n = self.indicators.get(indicator)?;
        self.data.get(finess)?.get(&(year, *n))
    }

    /// Whether the file gives any figure, in any year, for an establishment.
    pub fn has_establishment(&self, finess: &str) -> bool {
        self.data.contains_key(finess)
    }

    /// Whether the file gives any figure for an establishment in a year.
    pub fn has_year(&self, finess: &str, year: i32) -> bool {
        self.data
            .get(finess)
            .is_some_and(|rows| rows.keys().any(|(y, _)| *y == year))
    }

    /// The years for which the file gives any figure for an establishment,
    /// in order.
    pub fn years(&self, finess: &str) -> Vec<i32> {
        let mut years: Vec<i32> = self
            .data
            .get(finess)
            .map(|rows| rows.keys().map(|(year, _)| *year).collect())
            .unwrap_or_default();
        years.sort_unstable();
        years.dedup();
        years
    }

    /// The number of figures read.
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Every establishment with the number of figures it has.
    pub fn establishments(&self) -> impl Iterator<Item = (&str, usize)> {
        self.data
            .iter()
            .map(|(finess, rows)| (finess.as_str(), rows.len()))
    }

    /// The span of a figure's row (its start).
    pub fn span(&self, figure: &Figure) -> Span {
        let at = figure.offset as usize;
        Span::new(self.source, at, at)
    }
}

/// Reads a figures file: decodes its bytes, adds it to the source map,
/// detects its layout and reads it. Errors go to `diagnostics`; when there
/// are any, the figures must not be used.
pub fn read(
    map: &mut SourceMap,
    path: &str,
    bytes: &[u8],
    program: &Program,
    diagnostics: &mut Diagnostics,
) -> Figures {
    if xlsx::is_workbook(bytes) {
        return xlsx::read(map, path, bytes, program, diagnostics);
    }
    let (text, note) = decode(bytes);
    let source = map.add(path, text, Origin::Figures);
    let mut figures = Figures::new(path, source, Layout::Pacte);
    figures.notes.extend(note);
    let Some(src) = map.get(source) else {
        return figures;
    };
    let text = src.text.as_str();
    if let Some(nul) = text.find('\0') {
        diagnostics.push(not_text(source, nul));
        return figures;
    }
    let Some(header) = fields::header(text) else {
        diagnostics.push(header_error(
            source,
            text,
            "le fichier de chiffres est vide",
        ));
        return figures;
    };
    let hospi = hospidiag::is_header(&header.names);
    if hospi {
        figures.layout = Layout::HospiDiag;
    }
    let mut reading = Reading {
        text,
        source,
        delimiter: header.delimiter,
        program,
        figures: &mut figures,
        diagnostics,
        errors: 0,
        padded: 0,
        first_padded: None,
        bares: Vec::new(),
    };
    if hospi {
        hospidiag::read(&mut reading, &header);
    } else {
        csv::read(&mut reading, &header);
    }
    let bares = std::mem::take(&mut reading.bares);
    fractions::check(&mut reading, &bares);
    reading.finish();
    figures
}

/// The text of the file: UTF-8 (BOM dropped), UTF-16 with a BOM, or else
/// Windows-1252 (what Excel in France writes for « CSV (séparateur : point-virgule) »).
pub fn decode(bytes: &[u8]) -> (String, Option<String>) {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let rest = bytes.get(bom..).unwrap_or_default();
        let (text, _) = encoding.decode_without_bom_handling(rest);
        let note = (encoding != encoding_rs::UTF_8).then(|| {
            format!(
                "le fichier de chiffres est en {} : il a été converti",
                encoding.name()
            )
        });
        return (text.into_owned(), note);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), None),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            let note = "le fichier de chiffres n'est pas en UTF-8 : il a été lu comme du Windows-1252 \
                        (l'encodage d'Excel en France) ; vérifiez les accents des noms d'indicateurs"
                .to_string();
            (text.into_owned(), Some(note))
        }
    }
}

fn not_text(source: SourceId, at: usize) -> Diagnostic {
    Diagnostic::new(
        Code::V0201,
        Span::new(source, at, at + 1),
        "le fichier de chiffres contient un octet nul : ce n'est pas un fichier texte",
    )
    .label("octet nul")
    .help("exportez le classeur au format « CSV (séparateur : point-virgule) »")
}

/// What both layouts share while reading: the text, where errors go, and
/// how many were reported (past [`MAX_ERRORS`], they are only counted).
pub(crate) struct Reading<'a> {
    pub text: &'a str,
    pub source: SourceId,
    pub delimiter: u8,
    pub program: &'a Program,
    pub figures: &'a mut Figures,
    pub diagnostics: &'a mut Diagnostics,
    pub errors: usize,
    pub padded: usize,
    /// The first FINESS completed with a leading zero, as written.
    pub first_padded: Option<String>,
    /// Bare numbers read for `%` indicators (V0206).
    pub bares: Vec<fractions::Bare>,
}

/// Errors shown for one file; the rest are counted in a note.
pub const MAX_ERRORS: usize = 100;

impl Reading<'_> {
    pub fn error(&mut self, diagnostic: Diagnostic) {
        self.error_with(|| diagnostic);
    }

    /// Like [`error`](Self::error), building the diagnostic (and its
    /// suggestion) only when it is shown.
    pub fn error_with(&mut self, diagnostic: impl FnOnce() -> Diagnostic) {
        self.errors += 1;
        if self.errors <= MAX_ERRORS {
            self.diagnostics.push(diagnostic());
        }
    }

    /// A warning: shown, never counted as an error.
    pub fn warning(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Calls `row` for each non-blank data row with its start offset; an
    /// unreadable row is V0201 and ends the reading.
    pub fn each_row(&mut self, mut row: impl FnMut(&mut Self, &::csv::StringRecord, usize)) {
        let text = self.text;
        let mut reader = fields::reader(text, self.delimiter, true);
        let mut record = ::csv::StringRecord::new();
        loop {
            match reader.read_record(&mut record) {
                Ok(true) if record.iter().all(|f| f.trim().is_empty()) => {}
                Ok(true) => {
                    let start = record.position().map_or(0, |p| p.byte() as usize);
                    row(self, &record, fields::line_start(text, start));
                }
                Ok(false) => break,
                Err(e) => {
                    let start = e.position().map_or(0, |p| p.byte() as usize);
                    let start = fields::line_start(text, start);
                    let span = fields::row_span(self.source, text, start);
                    self.error(
                        Diagnostic::new(
                            Code::V0201,
                            span,
                            "ligne illisible dans le fichier de chiffres",
                        )
                        .label("ici")
                        .help("vérifiez les guillemets de la ligne"),
                    );
                    break;
                }
            }
        }
    }

    /// The span of field `index` of the row starting at `start`.
    pub fn field(&self, start: usize, index: usize) -> Span {
        fields::field_span(self.source, self.text, start, index, self.delimiter)
    }

    /// A FINESS as written, with the leading zero Excel drops put back
    /// (`10008407` → `010008407`).
    pub fn finess<'t>(&mut self, text: &'t str) -> std::borrow::Cow<'t, str> {
        let text = text.trim();
        if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
            self.padded += 1;
            if self.first_padded.is_none() {
                self.first_padded = Some(text.to_string());
            }
            std::borrow::Cow::Owned(format!("0{text}"))
        } else {
            std::borrow::Cow::Borrowed(text)
        }
    }

    /// The FINESS of a row, completed like [`Reading::finess`], or `None`
    /// after a V0203 when its Luhn key is wrong (naming the expected key).
    /// Cells that are not 9 characters of digits are left to the contracts
    /// to match.
    pub fn checked_finess(&mut self, text: &str, start: usize, column: usize) -> Option<String> {
        let finess = self.finess(text).into_owned();
        let Err(crate::validate::finess::FinessError::Key { expected, found }) =
            crate::validate::finess::check_finess(&finess)
        else {
            return Some(finess);
        };
        let fixed: String = finess
            .chars()
            .take(8)
            .chain(char::from_digit(expected, 10))
            .collect();
        let completed = if finess.len() == text.trim().len() {
            String::new()
        } else {
            format!(" (« {} » complété d'un 0 initial)", text.trim())
        };
        let span = self.field(start, column);
        self.error(
            Diagnostic::new(
                Code::V0203,
                span,
                format!("la clé du numéro FINESS « {finess} »{completed} est fausse : {found} au lieu de {expected}"),
            )
            .label(format!("clé attendue : {expected}"))
            .help(format!("vouliez-vous dire « {fixed} » ? vérifiez le numéro dans le répertoire FINESS")),
        );
        None
    }

    /// Adds a figure, or reports V0205 when the same value is given twice
    /// (on field `column` of the row, or the whole row when `None`).
    pub fn insert(
        &mut self,
        finess: &str,
        year: i32,
        indicator: &str,
        figure: Figure,
        column: Option<usize>,
    ) {
        if let Err(first) = self.figures.insert(finess, year, indicator, figure) {
            let start = figure.offset as usize;
            let span = match column {
                Some(i) => self.field(start, i),
                None => fields::row_span(self.source, self.text, start),
            };
            let first_span = fields::row_span(self.source, self.text, first.offset as usize);
            self.error(
                Diagnostic::new(
                    Code::V0205,
                    span,
                    format!(
                        "valeur en double pour `{indicator}` de l'établissement {finess} en {year}"
                    ),
                )
                .label("deuxième valeur")
                .secondary(first_span, "première valeur")
                .help("gardez une seule ligne par établissement, exercice et indicateur"),
            );
        }
    }

    /// Notes for the user once the file is read.
    pub fn finish(self) {
        if self.errors > MAX_ERRORS {
            let more = self.errors - MAX_ERRORS;
            let note = if more == 1 {
                "1 autre erreur du fichier de chiffres n'est pas affichée".to_string()
            } else {
                format!(
                    "{} autres erreurs du fichier de chiffres ne sont pas affichées",
                    crate::display::group(&more.to_string())
                )
            };
            self.figures.notes.push(note);
        }
        if let Some(first) = self.first_padded.filter(|_| self.padded > 0) {
            let note = if self.padded == 1 {
                format!("le numéro FINESS à 8 chiffres « {first} » a été complété d'un 0 initial en « 0{first} » (Excel supprime les zéros en tête)")
            } else {
                format!(
                    "{} numéros FINESS à 8 chiffres ont été complétés d'un 0 initial, comme « {first} » en « 0{first} » (Excel supprime les zéros en tête)",
                    crate::display::group(&self.padded.to_string())
                )
            };
            self.figures.notes.push(note);
        }
    }
}

/// A year cell (`2026`).
pub(crate) fn parse_year(text: &str) -> Option<i32> {
    let text = text.trim();
    let year: i32 = text.parse().ok()?;
    (text.len() == 4 && (1900..=2200).contains(&year)).then_some(year)
}

pub(crate) fn header_error(source: SourceId, text: &str, message: &str) -> Diagnostic {
    let end = text.find('\n').unwrap_or(text.len());
    Diagnostic::new(Code::V0201, Span::new(source, 0, end), message)
        .label("en-tête")
        .help("la première ligne doit être `finess;exercice;indicateur;valeur`, ou l'en-tête Hospi Diag (`finess`, `annee` et des codes d'indicateurs)")
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_saisie;
