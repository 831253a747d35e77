//! Reports of `pacte suivi`: text, JSON, Markdown, HTML and the Excel
//! workbook in the layout of the DGOS tools.

pub mod headings;
pub mod html;
pub mod json;
pub mod markdown;
pub mod text;
pub mod xlsx;

use crate::date::Date;
use crate::display;
use rust_decimal::Decimal;

/// The output formats of `pacte suivi`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Markdown,
    Html,
    Xlsx,
}

fn date(d: Date) -> String {
    d.french()
}

fn euros(v: Decimal) -> String {
    display::euros(v)
}

/// Money to the cent when it has cents.
fn montant(v: Decimal) -> String {
    display::quantity(v, crate::ast::Dimension::Money)
}

fn pourcent(v: Decimal) -> String {
    format!(
        "{} %",
        display::number((v * Decimal::ONE_HUNDRED).round_dp(1))
    )
}

fn titre_ou_defaut(t: Option<&str>) -> &str {
    t.unwrap_or("Sans titre")
}

/// Thousands of euros with one decimal, as the tools show them.
pub fn keuros(v: Decimal) -> String {
    display::number((v / Decimal::ONE_THOUSAND).round_dp(1))
}

/// The whole report in one format, for stdout (`xlsx` is written with `--out`).
pub fn write(format: Format, t: &crate::suivi::Tableau, explain: bool) -> String {
    match format {
        Format::Text | Format::Xlsx => text::write(t, explain),
        Format::Json => json::write(t),
        Format::Markdown => markdown::write(t),
        Format::Html => html::write(t),
    }
}

/// The files of `--out`: one dashboard per contract and the regional table.
pub fn files(
    format: Format,
    t: &crate::suivi::Tableau,
    explain: bool,
) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut out = Vec::new();
    for c in &t.contrats {
        let name = format!("{}.suivi", c.contrat);
        let bytes = match format {
            Format::Text => text::write(&single(t, c), explain).into_bytes(),
            Format::Json => (serde_json::to_string_pretty(&json::contrat(c)).unwrap_or_default()
                + "\n")
                .into_bytes(),
            Format::Markdown => markdown::contrat(t.date, c).into_bytes(),
            Format::Html => html::contrat(t.date, c).into_bytes(),
            Format::Xlsx => xlsx::contrat(t.date, c)?,
        };
        out.push((format!("{name}.{}", extension(format)), bytes));
    }
    let regional = match format {
        Format::Text => text::write(t, explain).into_bytes(),
        Format::Json => json::write(t).into_bytes(),
        Format::Markdown => markdown::regional(t).into_bytes(),
        Format::Html => html::regional(t).into_bytes(),
        Format::Xlsx => xlsx::regional(t)?,
    };
    out.push((format!("suivi-regional.{}", extension(format)), regional));
    Ok(out)
}

fn extension(format: Format) -> &'static str {
    match format {
        Format::Text => "txt",
        Format::Json => "json",
        Format::Markdown => "md",
        Format::Html => "html",
        Format::Xlsx => "xlsx",
    }
}

/// The tableau restricted to one contract (its regional part recomputed
/// from that contract only is not needed: the text shows the contract).
fn single(t: &crate::suivi::Tableau, c: &crate::suivi::SuiviContrat) -> crate::suivi::Tableau {
    crate::suivi::Tableau {
        date: t.date,
        contrats: vec![c.clone()],
        regional: t.regional.clone(),
    }
}
