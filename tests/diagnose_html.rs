#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly
//! `pacte diagnose --format html` as a document for an ARS director: a
//! letterhead, the thresholds crossed written in French with the
//! indicator's label, no identifier in the text, the establishments
//! without indicators as a table.

mod support;

use pacte::diagnose::{self, report};

const SLICE: &str = "tests/data/hospidiag_normandie_2011_2014.csv";

fn html(contracts: &[&str]) -> String {
    let run = support::load_run(contracts, SLICE);
    let def = run
        .program
        .diagnosis_defs
        .get("criticité_annexe_1")
        .unwrap();
    let d = diagnose::diagnose(&run.program, &run.figures, 2014, def);
    report::report(report::Format::Html, &d, &run.map)
}

/// The text between the tags of the body.
fn visible(html: &str) -> String {
    let mut body = html.split("<body>").nth(1).unwrap().to_string();
    for tag in [
        "</li>", "</td>", "</th>", "</p>", "</h1>", "</h2>", "</h3>", "</span>",
    ] {
        body = body.replace(tag, &format!("\u{1}{tag}"));
    }
    let mut out = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    // Block ends separate words; a number's no-break span does not.
    out.replace("\u{1}", " ")
        .replace(" ,", ",")
        .replace(['\u{a0}', '\u{202f}'], " ")
}

#[test]
fn a_letterhead_and_thresholds_in_french() {
    let page = html(&[]);
    assert!(page.contains("<header class=\"entete\">"));
    assert!(
        page.contains("<h1>Diagnostic de la situation financière des établissements de santé</h1>")
    );
    let text = visible(&page);
    // CH de Vire: « fonds de roulement net global (FRNG) : -… €, en deçà du
    // seuil d'alerte de 0 € ».
    assert!(
        text.contains("fonds de roulement net global (FRNG) : ")
            && text.contains("en deçà du seuil d’alerte de 0 €"),
        "{text}"
    );
    assert!(text.contains("au-delà du seuil"), "{text}");
    for identifier in [
        "délai_global_paiement",
        "caf_nette",
        "fonds_de_roulement",
        "résultat_principal",
        ">=",
        "<=",
    ] {
        assert!(!text.contains(identifier), "{identifier}");
    }
    // Establishments without any indicator: a table, not a paragraph.
    let sans = page.find("Établissements sans indicateur à seuil").unwrap();
    assert!(page[sans..].contains("<div class=\"sans-chiffres\"><table"));
    // The group tables fit the page: fixed layout, one list of thresholds
    // per establishment.
    assert!(page.contains("<div class=\"etablissements\"><table"));
    assert!(page.contains("<ul class=\"seuils\">"));
}

#[test]
fn the_agency_of_the_contracts_heads_the_report() {
    let page = html(&["tests/fixtures/diagnose/contrats"]);
    assert!(
        page.contains("<span class=\"emetteur\">Agence régionale de santé Normandie</span>"),
        "{}",
        &page[page.find("<body>").unwrap()..][..600]
    );
    let page = html(&[]);
    assert!(page.contains("<span class=\"emetteur\">Agence régionale de santé</span>"));
}
