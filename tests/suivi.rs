#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly
//! `pacte suivi` (spec §10): hand-computed planned-to-date savings, gaps and
//! weighted global achievement (tests/fixtures/suivi/calcul.pacte), the
//! documents of the example region as snapshots, and the Excel workbooks
//! read back with calamine.

use calamine::{Data, Reader, Xlsx};
use pacte::date::Date;
use pacte::suivi::report::{self, Format};
use pacte::suivi::{self, SourcePoids, Tableau};
use rust_decimal::Decimal;
use std::io::Cursor;
use std::path::PathBuf;
use std::str::FromStr;

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn date(s: &str) -> Date {
    Date::parse_iso(s).unwrap()
}

fn calcul(at: &str) -> Tableau {
    let text = std::fs::read_to_string("tests/fixtures/suivi/calcul.pacte").unwrap();
    let (_, diagnostics, program) = pacte::pipeline::check_text("calcul.pacte", &text);
    let codes: Vec<String> = diagnostics.iter().map(|d| d.code.to_string()).collect();
    // The sub-actions of `a` do not add up; the first `suivi` names `zz`.
    assert_eq!(codes, ["R0604", "E0101"], "{diagnostics:?}");
    suivi::compute(&program, date(at), None)
}

#[test]
fn planned_to_date_counts_past_years_and_the_current_one_pro_rata() {
    let t = calcul("2027-03-31");
    let c = &t.contrats[0];
    let a = &c.actions[0];
    // 100 000 (2026) + 200 000 × 90 / 365 = 49 315,068… → 49 315,07.
    assert_eq!(a.prevu.total, dec("149315.07"));
    assert_eq!(a.prevu.termes[1].jours, 90);
    assert_eq!(a.prevu.termes[1].jours_annee, 365);
    let b = &c.actions[1];
    // 40 000 (2026, revenue) + 60 000 × 90 / 365 = 14 794,52.
    assert_eq!(b.prevu.total, dec("54794.52"));
    assert_eq!(b.prevu.recettes, dec("40000"));
    assert_eq!(c.prevu_a_date, dec("204109.59"));
}

#[test]
fn gaps_are_planned_minus_achieved() {
    let t = calcul("2027-03-31");
    let c = &t.contrats[0];
    assert_eq!(c.actions[0].ecart, Some(dec("19315.07")));
    assert_eq!(c.actions[1].ecart, Some(dec("19794.52")));
    assert_eq!(c.realise, dec("165000"));
    assert_eq!(c.ecart, dec("39109.59"));
}

#[test]
fn global_achievement_is_weighted_by_expected_impact() {
    let t = calcul("2027-03-31");
    let c = &t.contrats[0];
    // a weighs its économies_prévues, b the sum of its gains, c nothing.
    let sources: Vec<SourcePoids> = c.actions.iter().map(|a| a.source_poids).collect();
    assert_eq!(
        sources,
        [
            SourcePoids::EconomiesPrevues,
            SourcePoids::Gains,
            SourcePoids::Aucun
        ]
    );
    assert_eq!(c.impact_attendu, dec("400000"));
    // (70 % × 300 000 + 50 % × 100 000) / 400 000; c's 100 % of the first
    // follow-up weighs nothing.
    assert_eq!(c.realisation_globale, Some(dec("0.65")));
    let first = &c.historique[0];
    assert_eq!(first.date, date("2026-06-30"));
    assert_eq!(first.realisation_globale, Some(dec("0.425")));
    // 100 000 × 181 / 365 + 40 000 × 181 / 365.
    assert_eq!(first.prevu_a_date, dec("69424.66"));
}

#[test]
fn the_latest_follow_up_on_or_before_the_date_is_used() {
    let t = calcul("2027-01-31");
    let c = &t.contrats[0];
    assert_eq!(c.dernier_suivi, Some(date("2026-06-30")));
    assert_eq!(c.prochaine_rencontre, Some(date("2026-12-15")));
    assert_eq!(c.realise, dec("50000"));
    assert_eq!(c.historique.len(), 1);
    // c is carried forward from the first follow-up at the later date.
    let later = calcul("2027-12-31");
    let c_action = &later.contrats[0].actions[2];
    assert_eq!(c_action.releve.as_ref().unwrap().date, date("2026-06-30"));
    assert_eq!(later.contrats[0].lignes_ignorees, ["zz"]);
}

#[test]
fn no_weight_gives_no_global_achievement() {
    let t = calcul("2026-01-20");
    let c = &t.contrats[0];
    assert_eq!(c.dernier_suivi, None);
    assert_eq!(c.realisation_globale, Some(Decimal::ZERO));
    let text = std::fs::read_to_string("tests/fixtures/suivi/calcul.pacte").unwrap();
    let only_c: String = text
        .lines()
        .filter(|l| !l.contains("gain 20") && !l.contains("économies_prévues"))
        .map(|l| format!("{l}\n"))
        .collect();
    let (_, _, program) = pacte::pipeline::check_text("c.pacte", &only_c);
    let t = suivi::compute(&program, date("2027-03-31"), None);
    assert_eq!(t.contrats[0].impact_attendu, Decimal::ZERO);
    assert_eq!(t.contrats[0].realisation_globale, None);
}

#[test]
fn regional_impacts_split_achievements_by_year() {
    let t = calcul("2027-03-31");
    let l = &t.regional.lignes[0];
    let y2026 = &l.impacts[0];
    assert_eq!(
        (y2026.charges, y2026.recettes, y2026.total),
        (dec("100000"), dec("40000"), dec("140000"))
    );
    assert_eq!(y2026.realise, Some(dec("50000")));
    let y2027 = &l.impacts[1];
    assert_eq!(y2027.realise, Some(dec("115000")));
    assert_eq!(
        l.engagements_es,
        [(2026, dec("-600000")), (2027, dec("-100000"))]
    );
    // résultat corrigé = résultat − aides = −600 000 − 500 000.
    let p2026 = l.performance.iter().find(|p| p.annee == 2026).unwrap();
    assert_eq!(p2026.prevu[3], Some(dec("-1100000")));
    // The deficit of the date's year, from the forecast (no figures).
    assert_eq!(t.regional.deficits.contrats[0].2, dec("100000"));
    assert_eq!(
        t.regional.synthese.region,
        Some(dec("165000") / dec("204109.59"))
    );
}

fn exemple() -> Tableau {
    let checked =
        pacte::cli::check::check_paths(&[PathBuf::from("examples/region-exemple")], None).unwrap();
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
    suivi::compute(&checked.program, date("2026-12-31"), None)
}

#[test]
fn example_region_documents() {
    let t = exemple();
    assert_eq!(t.contrats.len(), 1);
    insta::assert_snapshot!("suivi_exemple.text", report::write(Format::Text, &t, true));
    insta::assert_snapshot!(
        "suivi_exemple.md",
        report::write(Format::Markdown, &t, false)
    );
    insta::assert_snapshot!("suivi_exemple.json", report::write(Format::Json, &t, false));
    let html = report::write(Format::Html, &t, false);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(
        html.matches("<svg").count(),
        4,
        "two charts per contract, two regional"
    );
    assert!(html.contains("Niveau de réalisation Global CREF"));
    assert!(!html.contains("<script"));
}

fn workbook(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(bytes)).unwrap()
}

fn cell(wb: &mut Xlsx<Cursor<Vec<u8>>>, sheet: &str, row: u32, col: u32) -> Data {
    let range = wb.worksheet_range(sheet).unwrap();
    range.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

fn find(wb: &mut Xlsx<Cursor<Vec<u8>>>, sheet: &str, text: &str) -> (u32, u32) {
    let range = wb.worksheet_range(sheet).unwrap();
    let found = range
        .cells()
        .find(|(_, _, v)| matches!(v, Data::String(s) if s == text))
        .unwrap_or_else(|| panic!("« {text} » absent de « {sheet} »"));
    let (r, c) = range.start().unwrap();
    (
        r + u32::try_from(found.0).unwrap(),
        c + u32::try_from(found.1).unwrap(),
    )
}

#[test]
fn xlsx_workbooks_read_back_in_the_tools_layout() {
    let t = exemple();
    let files = report::files(Format::Xlsx, &t, false).unwrap();
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["ch_montrivage_cref_2025.suivi.xlsx", "suivi-regional.xlsx"]
    );
    let mut cref = workbook(files[0].1.clone());
    assert_eq!(
        cref.sheet_names(),
        [
            "Suivi global CREF",
            "Historique des suivis",
            "Action 1",
            "Action 2",
            "Action 3",
            "Action 4"
        ]
    );
    let g = "Suivi global CREF";
    let (r, c) = find(
        &mut cref,
        g,
        "Impact sur les dépenses par rapport à l'année 2025",
    );
    // The first action's 2026 saving on charges, in k€ with the tools' sign.
    assert_eq!(cell(&mut cref, g, r + 1, c), Data::Float(-250.0));
    assert_eq!(cell(&mut cref, g, r + 1, c - 1), Data::Float(250.0));
    let (r, c) = find(&mut cref, g, "Niveau de réalisation Global CREF");
    let Data::Float(global) = cell(&mut cref, g, r, c + 1) else {
        panic!("taux absent")
    };
    assert_eq!(format!("{global:.4}"), "0.7593");
    find(&mut cref, "Action 1", "Total calculé");
    let mut region = workbook(files[1].1.clone());
    assert_eq!(
        region.sheet_names(),
        ["Suivi des CREF", "Synthèse régionale", "Suivi des déficits"]
    );
    let s = "Suivi des CREF";
    for heading in [
        "Etablissement",
        "Finess",
        "Chef de projet",
        "Engagement ARS (total)",
        "impacts charges",
        "Commentaires éventuels",
    ] {
        find(&mut region, s, heading);
    }
    let (r, c) = find(&mut region, s, "Engagement ARS (total)");
    assert_eq!(cell(&mut region, s, r + 1, c), Data::Float(2000.0));
    let (r, c) = find(
        &mut region,
        s,
        "Résultat corrigé — Prévisions (pour l'année)",
    );
    // 2025: −1 900 k€ − 900 k€ of aid.
    assert_eq!(cell(&mut region, s, r + 1, c), Data::Float(-2800.0));
    let (r, c) = find(&mut region, "Synthèse régionale", "Région");
    assert_eq!(
        cell(&mut region, "Synthèse régionale", r, c + 1),
        Data::Float(0.83)
    );
}

fn parse(text: &str) -> (Vec<pacte::ast::Contrat>, Vec<pacte::ast::Suivi>) {
    let (_, _, program) = pacte::pipeline::check_text("d.pacte", text);
    (program.contrats, program.suivis)
}

#[test]
fn diff_shows_changed_actions_forecasts_and_what_moved_since_the_last_follow_up() {
    let text = std::fs::read_to_string("tests/fixtures/suivi/calcul.pacte").unwrap();
    let changed = text
        .replace("économies_prévues 300 k€", "économies_prévues 350 k€")
        .replace("gain 2027: 60 k€ charges", "gain 2027: 80 k€ charges")
        .replace("résultat_principal: -100 k€", "résultat_principal: 0 €")
        .replace("sous_action a1 { gain 2026: 50 k€ charges }", "");
    let (old, _) = parse(&text);
    let (new, suivis) = parse(&changed);
    let changes = pacte::diff::diff(&old, &new);
    let paths: Vec<&str> = changes.iter().map(|c| c.chemin.as_str()).collect();
    assert_eq!(
        paths,
        [
            "objectif.achats.action.a.économies_prévues",
            "objectif.achats.action.a.sous_action.a1",
            "objectif.achats.action.b.gain.2027.charges",
            "prévision.2027.résultat_principal",
        ]
    );
    let moved = pacte::diff::suivi::suivis(&suivis[0], &suivis[1]);
    let descriptions: Vec<&str> = moved.iter().map(|c| c.description.as_str()).collect();
    assert!(
        descriptions.contains(&"réalisation de l'action `a` : 50 % → 70 %"),
        "{descriptions:?}"
    );
    assert!(
        descriptions.contains(&"économies de l'action `b` : 10 k€ → 35 k€"),
        "{descriptions:?}"
    );
    assert!(
        descriptions.contains(&"commentaire du suivi : ajout (Second suivi)"),
        "{descriptions:?}"
    );
    // `c` and `zz` are not in the second follow-up.
    assert!(
        descriptions.contains(&"réalisation de l'action `c` : suppression (était 100 %)"),
        "{descriptions:?}"
    );
}

#[test]
fn fiches_for_the_cref_document() {
    let checked = pacte::cli::check::check_paths(
        &[PathBuf::from(
            "examples/region-exemple/ch_montrivage_cref.pacte",
        )],
        None,
    )
    .unwrap();
    let c = &checked.program.contrats[0];
    let fiches = suivi::fiches_action(c);
    assert_eq!(fiches.len(), 4);
    assert!(fiches.iter().all(|a| a.releve.is_none()));
    let md = report::markdown::fiches(&fiches);
    assert!(
        md.contains("## Fiche action n°1 — Pool de remplacement interne"),
        "{md}"
    );
    assert!(md.contains("| 2027 | 400 | 0 | 400 |"), "{md}");
    assert!(
        md.contains("Total calculé : 650 k€ · Impact total prévu de l'action : 650 k€"),
        "{md}"
    );
}

fn pacte(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_pacte"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

#[test]
fn the_command_refuses_errors_bad_dates_and_xlsx_without_out() {
    let ok = pacte(&["suivi", "examples/region-exemple", "--date", "2026-12-31"]);
    assert_eq!(ok.status.code(), Some(0));
    let text = String::from_utf8(ok.stdout).unwrap();
    assert!(
        text.contains("niveau de réalisation global : 75,9 %"),
        "{text}"
    );
    let errors = pacte(&["suivi", "tests/fixtures/check/E0101-suivi-action-inconnue"]);
    assert_eq!(errors.status.code(), Some(1));
    let bad_date = pacte(&["suivi", "examples/region-exemple", "--date", "2026-02-30"]);
    assert_eq!(bad_date.status.code(), Some(2));
    let xlsx = pacte(&["suivi", "examples/region-exemple", "--format", "xlsx"]);
    assert_eq!(xlsx.status.code(), Some(2));
    assert!(String::from_utf8(xlsx.stderr).unwrap().contains("--out"));
}
