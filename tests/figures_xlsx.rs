#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly
//! Figures workbooks (`--figures chiffres.xlsx`): a workbook equal in
//! meaning to a CSV figures file gives the same evaluation, and its errors
//! are the CSV ones, naming the sheet and the cell.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use std::path::{Path, PathBuf};
use std::process::Command;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pacte-xlsx-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn number(text: &str) -> f64 {
    text.replace([' ', '\u{a0}'], "")
        .replace(',', ".")
        .parse()
        .unwrap()
}

/// The CSV's rows as a workbook, each value in the cell type Excel would
/// give it: dates as dates, amounts and durations as numbers, percentages
/// as ratios (as Excel stores them), bare numbers as text.
fn twin(csv: &Path, xlsx: &Path) {
    let text = std::fs::read_to_string(csv).unwrap();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Chiffres").unwrap();
    let date_format = Format::new().set_num_format("dd/mm/yyyy");
    for (r, line) in text.lines().enumerate() {
        let r = u32::try_from(r).unwrap();
        for (c, field) in line.split(';').enumerate() {
            let c = u16::try_from(c).unwrap();
            let date = pacte::date::Date::parse_iso(field);
            if let Some(d) = date {
                let dt =
                    ExcelDateTime::from_ymd(d.year as u16, d.month as u8, d.day as u8).unwrap();
                ws.write_datetime_with_format(r, c, &dt, &date_format)
                    .unwrap();
            } else if let Some(n) = field.strip_suffix(" %") {
                // As Excel stores « 5,2 % »: the nearest double to 0,052.
                let ratio = rust_decimal::Decimal::from_str_exact(&n.replace(',', ".")).unwrap()
                    / rust_decimal::Decimal::ONE_HUNDRED;
                ws.write_number(r, c, ratio.to_string().parse::<f64>().unwrap())
                    .unwrap();
            } else if let Some(n) = field.strip_suffix(" M€") {
                let euros = rust_decimal::Decimal::from_str_exact(&n.replace(',', ".")).unwrap()
                    * rust_decimal::Decimal::from(1_000_000);
                ws.write_number(r, c, euros.to_string().parse::<f64>().unwrap())
                    .unwrap();
            } else if let Some(n) = field
                .strip_suffix(" €")
                .or_else(|| field.strip_suffix(" j"))
            {
                ws.write_number(r, c, number(n)).unwrap();
            } else if r > 0 && c == 1 {
                ws.write_number(r, c, number(field)).unwrap();
            } else {
                ws.write_string(r, c, field).unwrap();
            }
        }
    }
    wb.save(xlsx).unwrap();
}

fn evaluate(figures: &Path) -> (String, String, Option<i32>) {
    let out = Command::new(env!("CARGO_BIN_EXE_pacte"))
        .args([
            "evaluate",
            "examples/ch_valmont.pacte",
            "examples/region-exemple",
            "--exercice",
            "2026",
            "--format",
            "json",
            "--figures",
        ])
        .arg(figures)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code(),
    )
}

#[test]
fn a_workbook_twin_of_a_csv_gives_the_same_evaluation() {
    let dir = scratch("twin");
    let csv = dir.join("chiffres.csv");
    std::fs::copy("examples/chiffres-2026.csv", &csv).unwrap();
    let xlsx = dir.join("chiffres.xlsx");
    twin(&csv, &xlsx);
    let (from_csv, err_csv, code_csv) = evaluate(&csv);
    let (from_xlsx, err_xlsx, code_xlsx) = evaluate(&xlsx);
    assert_eq!(code_csv, Some(0), "{err_csv}");
    assert_eq!(code_xlsx, Some(0), "{err_xlsx}");
    assert!(from_csv.contains("\"verdict\""));
    assert_eq!(
        from_csv.replace("chiffres.csv", "chiffres"),
        from_xlsx.replace("chiffres.xlsx", "chiffres")
    );
}

#[test]
fn workbook_errors_name_the_sheet_and_the_cell() {
    let dir = scratch("erreur");
    let xlsx = dir.join("chiffres.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Données 2026").unwrap();
    for (c, h) in ["finess", "exercice", "indicateur", "valeur"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, u16::try_from(c).unwrap(), *h).unwrap();
    }
    ws.write_string(1, 0, "760000018").unwrap();
    ws.write_number(1, 1, 2026).unwrap();
    ws.write_string(1, 2, "marge_brute_hors_aides").unwrap();
    ws.write_string(1, 3, "beaucoup").unwrap();
    wb.save(&xlsx).unwrap();
    let (_, stderr, code) = evaluate(&xlsx);
    let out = Command::new(env!("CARGO_BIN_EXE_pacte"))
        .args([
            "evaluate",
            "examples/ch_valmont.pacte",
            "--exercice",
            "2026",
            "--figures",
        ])
        .arg(&xlsx)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(code, Some(2), "{stderr}");
    assert!(text.contains("[V0203]"), "{text}");
    assert!(
        text.contains("feuille « Données 2026 », cellule D2"),
        "{text}"
    );
}

#[test]
fn a_file_that_is_not_a_workbook_is_an_error() {
    let dir = scratch("zip");
    let bad = dir.join("chiffres.xlsx");
    std::fs::write(&bad, b"PK\x03\x04 pas un classeur").unwrap();
    let (_, stderr, code) = evaluate(&bad);
    assert_eq!(code, Some(2), "{stderr}");
}
