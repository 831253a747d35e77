//! `pacte suivi --format xlsx` (with `--out`): the workbooks of the DGOS
//! tools, written with `rust_xlsxwriter`, so that an ARS can hand them to
//! whoever still works in the Excel tools:
//!
//! - per contract, the « tableau de bord de suivi d'un CREF » (`cref.rs`):
//!   the global sheet (fiche signalétique, engagements, actions by year,
//!   follow-up), the history of earlier follow-ups, one sheet per action;
//! - the « tableau de bord de suivi des CREF de la région » (`region.rs`):
//!   « Suivi des CREF », « Synthèse régionale », « Suivi des déficits ».
//!
//! Amounts are in thousands of euros with the tools' sign: « une diminution
//! de charges ou de recette est un nombre négatif, une augmentation est un
//! nombre positif » (a saving on charges is written negative in the
//! « Impact sur les dépenses » column; the impact on the result stays
//! positive). Numbers go through `f64` only at the cell, never computed.

mod cref;
mod region;

pub use cref::contrat;
pub use region::regional;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

/// Errors of the writer, in French.
fn erreur(e: XlsxError) -> String {
    format!("écriture du classeur impossible : {e}")
}

/// The cell formats shared by the sheets.
struct Styles {
    titre: Format,
    entete: Format,
    texte: Format,
    keuros: Format,
    pourcent: Format,
    date: Format,
}

impl Styles {
    fn new() -> Styles {
        let bord = |f: Format| f.set_border(FormatBorder::Thin);
        Styles {
            titre: Format::new().set_bold().set_font_size(14),
            entete: bord(
                Format::new()
                    .set_bold()
                    .set_text_wrap()
                    .set_align(FormatAlign::Center)
                    .set_align(FormatAlign::VerticalCenter)
                    .set_background_color("DCE6F1"),
            ),
            texte: bord(Format::new().set_text_wrap()),
            keuros: bord(Format::new().set_num_format("# ##0.0;-# ##0.0")),
            pourcent: bord(Format::new().set_num_format("0.0%")),
            date: bord(Format::new().set_num_format("dd/mm/yyyy")),
        }
    }
}

/// A worksheet being filled, with its styles.
struct Feuille<'a> {
    ws: &'a mut Worksheet,
    s: &'a Styles,
}

impl Feuille<'_> {
    fn titre(&mut self, row: u32, col: u16, text: &str) -> Result<(), XlsxError> {
        self.ws
            .write_string_with_format(row, col, text, &self.s.titre)?;
        Ok(())
    }

    fn entete(&mut self, row: u32, col: u16, text: &str) -> Result<(), XlsxError> {
        self.ws
            .write_string_with_format(row, col, text, &self.s.entete)?;
        Ok(())
    }

    fn texte(&mut self, row: u32, col: u16, text: &str) -> Result<(), XlsxError> {
        self.ws
            .write_string_with_format(row, col, text, &self.s.texte)?;
        Ok(())
    }

    /// Euros written in thousands of euros.
    fn keuros(&mut self, row: u32, col: u16, euros: Decimal) -> Result<(), XlsxError> {
        let k = euros.checked_div(Decimal::ONE_THOUSAND).unwrap_or_default();
        self.ws.write_number_with_format(
            row,
            col,
            k.to_f64().unwrap_or_default(),
            &self.s.keuros,
        )?;
        Ok(())
    }

    fn pourcent(&mut self, row: u32, col: u16, ratio: Decimal) -> Result<(), XlsxError> {
        self.ws.write_number_with_format(
            row,
            col,
            ratio.to_f64().unwrap_or_default(),
            &self.s.pourcent,
        )?;
        Ok(())
    }

    fn opt_keuros(&mut self, row: u32, col: u16, v: Option<Decimal>) -> Result<(), XlsxError> {
        match v {
            Some(v) => self.keuros(row, col, v),
            None => self.texte(row, col, ""),
        }
    }

    fn opt_pourcent(&mut self, row: u32, col: u16, v: Option<Decimal>) -> Result<(), XlsxError> {
        match v {
            Some(v) => self.pourcent(row, col, v),
            None => self.texte(row, col, ""),
        }
    }

    fn date(&mut self, row: u32, col: u16, d: Option<crate::date::Date>) -> Result<(), XlsxError> {
        let Some(d) = d else {
            return self.texte(row, col, "");
        };
        let (Ok(y), Ok(m), Ok(j)) = (
            u16::try_from(d.year),
            u8::try_from(d.month),
            u8::try_from(d.day),
        ) else {
            return self.texte(row, col, &d.to_string());
        };
        match rust_xlsxwriter::ExcelDateTime::from_ymd(y, m, j) {
            Ok(dt) => {
                self.ws
                    .write_datetime_with_format(row, col, &dt, &self.s.date)?;
                Ok(())
            }
            Err(_) => self.texte(row, col, &d.to_string()),
        }
    }
}

/// A column index from a small count (the sheets have a few dozen columns).
fn col(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

fn row(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}
