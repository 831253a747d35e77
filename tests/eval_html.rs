#![allow(clippy::disallowed_methods)] // reads and writes files outside the compiler
//! `pacte evaluate --format html`: the structure of the annual review (every
//! objective row, French amounts and dates, one chart point per year with
//! data) and of the regional dashboard (one row per contract, totals against
//! the délégation, each establishment's share of the deficit, establishments
//! without a contract), escaping of every text field of the contracts and of
//! the figures file, and the command line.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

mod support;

use pacte::eval::report::html::Context;
use pacte::eval::report::{self, Format, Options};
use pacte::eval::{ContractEvaluation, Evaluation};
use std::process::Command;
use support::html::{assert_tags_are_safe, tags};

/// A run evaluated for 2026, with the HTML context.
struct Html {
    run: support::Run,
    e: Evaluation,
    ctx: Context,
}

fn load(paths: &[&str], figures: &str) -> Html {
    load_year(paths, figures, 2026)
}

fn load_year(paths: &[&str], figures: &str, year: i32) -> Html {
    let run = support::load_run(paths, figures);
    let errors: Vec<String> = run
        .diagnostics
        .iter()
        .filter(|d| d.severity() == pacte::diagnostic::Severity::Error)
        .map(|d| format!("{} {}", d.code, d.message))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let e = run.evaluate(year);
    let ctx = Context::new(&run.program, &run.figures, &e);
    Html { run, e, ctx }
}

impl Html {
    fn options(&self) -> Options<'_> {
        Options {
            explain: false,
            context: Some(&self.ctx),
        }
    }

    fn contract(&self, id: &str) -> (&ContractEvaluation, String) {
        let c = self
            .e
            .contracts
            .iter()
            .find(|c| c.contrat == id)
            .unwrap_or_else(|| panic!("contract {id}"));
        let html = report::contract(Format::Html, &self.e, c, &self.run.map, self.options());
        (c, html)
    }

    fn summary(&self) -> String {
        report::summary(Format::Html, &self.e, &self.run.map, self.options())
    }
}

fn examples() -> Html {
    load(&["examples"], "examples/chiffres-2026.csv")
}

/// The text between `start` and the next `end` after it.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html.find(start).unwrap_or_else(|| panic!("{start}")) + start.len();
    let rest = &html[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

/// The printed sheets of a page.
fn sheets(html: &str) -> Vec<&str> {
    html.split("<section class=\"feuille\">").skip(1).collect()
}

/// The text of an HTML fragment (tags removed).
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace(['\u{a0}', '\u{202f}'], " ")
}

// ------------------------------------------------------------------ the review

#[test]
fn review_has_every_objective_row_and_french_numbers() {
    let h = examples();
    for c in &h.e.contracts {
        let (_, html) = h.contract(&c.contrat);
        let table = between(&html, "<div class=\"objectifs\">", "</table>");
        let body = between(table, "<tbody>", "</tbody>");
        assert_eq!(
            body.matches("<tr>").count(),
            c.objectives.len(),
            "{}",
            c.contrat
        );
        for o in &c.objectives {
            let label = o.libelle.as_deref().unwrap_or(&o.objectif);
            let label = label.replace('\'', "’");
            assert!(text(body).contains(&label), "{}: {label}", c.contrat);
            assert!(body.contains(o.verdict.label()), "{}", c.contrat);
        }
        // Every derivation is folded on screen and unfolded in print.
        let calculs =
            2 + c.objectives.len() + c.conditions.iter().filter(|k| k.verdict.is_some()).count();
        assert_eq!(
            html.matches("<details class=\"calcul ecran\">").count(),
            calculs
        );
        assert_eq!(
            html.matches("<div class=\"calcul impression\">").count(),
            calculs
        );
    }
    let (_, valmont) = h.contract("ch_valmont_2025");
    let t = text(&valmont);
    for expected in [
        "Revue annuelle du contrat — exercice 2026",
        "Agence régionale de santé Normandie",
        "Centre hospitalier de Valmont — FINESS 760000018",
        "Exercices 2025 à 2029 · signé le 10 décembre 2025",
        "partiellement tenus",
        "77,5 %",
        "600 000 €",
        "800 000 €",
        "≥ 55 %",
        "48,7 %",
        "déposé le 30 juin 2027",
        "déposé au plus tard le 8 juillet 2027",
        "barème du contrat, ligne « si réalisation ≥ 60 %: 75 % »",
        "Aucun motif ne s’oppose au versement.",
        "examples/chiffres-2026.csv:5",
        "examples/ch_valmont.pacte:41",
    ] {
        assert!(t.contains(expected), "{expected}");
    }
    // Amounts and percentages never break across lines.
    assert!(valmont.contains("<span class=\"nw\">600 000 €</span>"));
    assert!(valmont.contains("<span class=\"nw\">77,5 %</span>"));
    // The verdict is a coloured badge.
    assert!(valmont.contains("<span class=\"badge ton-partiel\">partiellement tenus</span>"));
}

#[test]
fn review_lists_every_reason_with_its_code() {
    let h = examples();
    // Without `suspend`, a late financial account is flagged, not a reason
    // (its revue: tests/eval_revue.rs).
    let (c, bocage) = h.contract("ch_bocage_2025");
    assert!(c.aide.motifs.is_empty());
    let t = text(&bocage);
    assert!(t.contains("Signalements, sans effet sur le montant de l’aide :V0101 compte financier 2026 déposé le 21 juillet 2027, après le 8 juillet : dépassement à justifier"), "{t}");
    assert!(!t.contains("non déposé"));
    let (_, bessin) = h.contract("ch_bessin_littoral_2025");
    let t = text(&bessin);
    assert!(t.contains(
        "V0102 condition de fin d’aide vérifiée en 2026 (résultat du budget principal hors aides ≥ 0 €)"
    ));
    // Aid due 0 € and the minus sign: tests/eval_v02.rs.
    let (_, normanville) = h.contract("chu_normanville_2025");
    assert!(text(&normanville)
        .contains("condition « CAF nette positive » non respectée (CAF nette ≥ 0 €)"));
}

/// The `cx` of every point of a class in an SVG chart.
fn points<'a>(figure: &'a str, class: &str) -> Vec<&'a str> {
    let marker = format!("class=\"point {class}\"");
    figure
        .split('<')
        .filter(|t| t.contains(&marker))
        .map(|t| between(t, " cx=\"", "\""))
        .collect()
}

/// The chart whose caption starts with `caption`.
fn chart<'a>(html: &'a str, caption: &str) -> &'a str {
    html.split("<figure>")
        .skip(1)
        .map(|f| &f[..f.find("</figure>").unwrap()])
        .find(|f| text(between(f, "<figcaption>", "</figcaption>")).starts_with(caption))
        .unwrap_or_else(|| panic!("chart {caption}"))
}

#[test]
fn each_chart_has_one_point_per_year_with_data() {
    let h = load(
        &["tests/fixtures/html/region"],
        "tests/fixtures/html/region/chiffres.csv",
    );
    let (_, html) = h.contract("cas_normandie");
    // The figures give the margin in 2023, 2025 and 2026, the day-surgery
    // rate in 2024 and 2026: one point each, none for the years without.
    let marge = chart(&html, "Restaurer la marge");
    assert_eq!(points(marge, "reel").len(), 3, "{marge}");
    assert_eq!(points(marge, "cible").len(), 2);
    assert_eq!(marge.matches("class=\"point base\"").count(), 1);
    for label in [">1,5 %<", ">3 %<", ">4,2 %<"] {
        assert!(marge.contains(label), "{label}");
    }
    for year in 2023..=2027 {
        assert!(marge.contains(&format!(">{year}</text>")), "{year}");
    }
    let ambulatoire = chart(&html, "Développer l’ambulatoire");
    assert_eq!(points(ambulatoire, "reel").len(), 2);
    let xs = points(ambulatoire, "reel");
    assert!(xs[0].parse::<f64>().unwrap() < xs[1].parse::<f64>().unwrap());
    // Without the context (no series), the review still renders, chartless.
    let c = &h.e.contracts[0];
    let bare = report::contract(Format::Html, &h.e, c, &h.run.map, Options::default());
    assert!(!bare.contains("<figure>"));
    assert!(bare.contains("<div class=\"objectifs\">"));
    // A review of exercice y draws actual values only up to y: no 2026 point in 2025.
    let region = ["tests/fixtures/html/region"];
    let h = load_year(&region, "tests/fixtures/html/region/chiffres.csv", 2025);
    let (_, html) = h.contract("cas_normandie");
    let marge = chart(&html, "Restaurer la marge");
    assert_eq!(points(marge, "reel").len(), 2, "{marge}");
    assert!(!marge.contains(">4,2 %<"));
    assert_eq!(
        points(chart(&html, "Développer l’ambulatoire"), "reel").len(),
        1
    );
}

// ------------------------------------------------------------------ the dashboard

#[test]
fn dashboard_has_a_row_per_contract_and_totals_against_the_delegation() {
    let h = examples();
    let html = h.summary();
    let pages = sheets(&html);
    // One sheet per agency, in alphabetical order (the CPOM example of
    // examples/modeles is the Pays de la Loire's).
    assert_eq!(pages.len(), 4);
    assert!(text(pages[0]).contains("Agence régionale de santé Auvergne-Rhône-Alpes"));
    assert!(text(pages[1]).contains("Agence régionale de santé Grand Est"));
    let normandie = pages[2];
    assert!(text(normandie).contains("Agence régionale de santé Normandie"));
    let suivi = between(normandie, "<div class=\"suivi\">", "</table>");
    let rows = between(suivi, "<tbody>", "</tbody>");
    assert_eq!(rows.matches("<tr>").count(), 8);
    for c in h.e.contracts.iter().filter(|c| {
        h.ctx.contract(&c.contrat).and_then(|k| k.ars.as_deref()) == Some("ARS Normandie")
    }) {
        let name = c.raison_sociale.as_deref().unwrap();
        assert!(text(rows).contains(&name.replace('\'', "’")), "{name}");
    }
    let rows_text = text(rows);
    for expected in [
        "2025–2029",
        "77,5 %",
        "partiellement tenus",
        "V0101",
        "V0102",
        "condition non respectée",
    ] {
        assert!(rows_text.contains(expected), "{expected}");
    }
    let total = text(between(suivi, "<tfoot>", "</tfoot>"));
    // The decided 1 M€ of ch_bocage_2025 replaces its computed 1,2 M€.
    assert_eq!(total, "Total (8 contrats)6 000 000 €2 600 000 €");
    assert!(text(rows).contains("1 000 000 €décidée par l’ARS (calculée 1 200 000 €)"));
    let t = text(normandie);
    for expected in [
        "Délégation 20276 000 000 €disponible après la revue : 3 400 000 €",
        "Après la revue 2026, l’aide due pour 2027 s’élève à 2 600 000 €, soit 43,3 % de la délégation 2027 (6 000 000 €) : 3 400 000 € restent disponibles.",
        "Déficit total des établissements sous contrat : 21 464 000 €",
        "Total (7 établissements en déficit)21 464 000 €100,0 %",
        "À l’équilibre ou en excédent : Centre hospitalier de Bessin-Littoral (750 000 €).",
    ] {
        assert!(t.contains(expected), "{expected}\n{t}");
    }
    // The délégation table: one row per year of the délégation.
    let delegation = between(normandie, "Délégation régionale", "</table>");
    assert_eq!(
        between(delegation, "<tbody>", "</tbody>")
            .matches("<tr>")
            .count(),
        5
    );
    // The deficit chart: one bar per establishment in deficit, largest first.
    let deficit = chart(normandie, "Part de chaque établissement");
    assert_eq!(deficit.matches("class=\"barre\"").count(), 7);
    assert!(deficit.contains(">41,5 %<"));
    // The rates chart: one bar per contract, coloured by verdict, marks at 50 and 90 %.
    let taux = chart(normandie, "Taux de réalisation");
    assert_eq!(taux.matches("class=\"barre\"").count(), 8);
    assert_eq!(taux.matches("class=\"repere\"").count(), 2);
    // An agency without délégation says so.
    assert!(text(pages[1]).contains("Aucune délégation régionale n’est chargée pour cette agence"));
}

#[test]
fn establishments_without_a_contract_are_counted_in_their_region() {
    let h = load(
        &["tests/fixtures/html/region"],
        "tests/fixtures/html/region/chiffres.csv",
    );
    let html = h.summary();
    let pages = sheets(&html);
    assert_eq!(pages.len(), 2);
    let (bretagne, normandie) = (text(pages[0]), text(pages[1]));
    // Normandie: the contract's 2026 result and the 14… establishment (Calvados).
    assert!(
        normandie.contains(
            "Déficit total des établissements de la région, sous contrat ou non : 1 200 000 €"
        ),
        "{normandie}"
    );
    assert!(normandie.contains("Établissement 140995036 (sans contrat)"));
    // Shares with one decimal (issue 14, item 7).
    assert!(normandie.contains("900 000 €chiffres 202675,0 %"));
    assert!(normandie.contains("300 000 €chiffres 202625,0 %"));
    assert!(normandie.contains(
        "1 établissement du fichier de chiffres sans contrat (2 valeurs) : FINESS 140995036."
    ));
    assert!(normandie.contains("Aide 2027 due600 000 €"));
    assert!(normandie.contains("disponible après la revue : 2 400 000 €"));
    // Bretagne: no result in the figures, so the contract's 2024 reference.
    assert!(
        bretagne.contains("500 000 €référence 2024 du contrat100,0 %"),
        "{bretagne}"
    );
    // The 13… establishment (Bouches-du-Rhône) belongs to no agency of the run.
    assert!(bretagne.contains("hors des agences de ce tableau : FINESS 130995046."));
    assert!(!normandie.contains("130995046"));
}

#[test]
fn hospi_diag_names_the_establishments_without_a_contract() {
    let run = support::load_run(
        &["tests/fixtures/eval/hospidiag_lisieux"],
        "tests/data/hospidiag_normandie_2011_2014.csv",
    );
    let e = run.evaluate(2014);
    let ctx = Context::new(&run.program, &run.figures, &e);
    let options = Options {
        explain: false,
        context: Some(&ctx),
    };
    let html = report::summary(Format::Html, &e, &run.map, options);
    assert_eq!(sheets(&html).len(), 1);
    let t = text(&html);
    // Every Normandy hospital of the file is counted, named as Hospi Diag names it.
    assert!(t.contains("CH DU COTENTIN (sans contrat)FINESS 500000013 · sans contrat5 190 884 €chiffres 201420,5 %"), "{t}");
    assert!(t.contains("Centre hospitalier de Lisieux"));
    assert!(
        t.contains("Total (22 établissements en déficit)25 337 588 €100,0 %"),
        "{t}"
    );
}

#[test]
fn a_run_without_contracts_still_gets_a_dashboard() {
    let h = examples();
    let e = Evaluation {
        contracts: Vec::new(),
        ..h.e.clone()
    };
    let ctx = Context::new(&h.run.program, &h.run.figures, &e);
    let html = report::summary(
        Format::Html,
        &e,
        &h.run.map,
        Options {
            explain: false,
            context: Some(&ctx),
        },
    );
    let pages = sheets(&html);
    assert_eq!(pages.len(), 1);
    let t = text(pages[0]);
    assert!(t.contains("Aucun contrat n’a été évalué."));
    assert!(
        t.contains("10 établissements du fichier de chiffres sans contrat"),
        "{t}"
    );
}

// ------------------------------------------------------------------ escaping

#[test]
fn no_payload_from_contracts_or_figures_survives_in_html() {
    let dir = std::env::temp_dir().join(format!("pacte-html-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // The figures file's name is shown too.
    let figures = dir.join("chiffres <img src=x onerror=alert('fichier')>.csv");
    std::fs::copy("tests/fixtures/html/hostile/chiffres.csv", &figures).unwrap();
    let h = load(&["tests/fixtures/html/hostile"], figures.to_str().unwrap());
    let (_, review) = h.contract("hostile_2025");
    let dashboard = h.summary();
    let whole = report::report(Format::Html, &h.e, &h.run.map, h.options());
    std::fs::remove_dir_all(&dir).unwrap();
    for (what, html) in [
        ("revue", &review),
        ("synthèse", &dashboard),
        ("rapport", &whole),
    ] {
        assert_tags_are_safe(html, what);
        assert!(!tags(html)
            .iter()
            .any(|(name, _)| name == "img" || name == "iframe" || name == "a"));
    }
    // The payloads are shown as text, so a reader sees what was written.
    for visible in [
        "Contrat &lt;script&gt;alert(",
        "CH &lt;script&gt;alert(",
        "Objectif &lt;script&gt;",
        "Levier &lt;img src=x onerror=alert(",
        "Condition &lt;script&gt;",
        "Manquante &lt;a href=",
        "Taux &lt;script&gt;",
        "Cadre &lt;iframe",
        "chiffres &lt;img src=x onerror=alert(",
    ] {
        assert!(review.contains(visible), "revue : {visible}");
    }
    for visible in [
        "CH &lt;script&gt;alert(",
        "Établissement &lt;img src=x onerror=alert(",
        "&lt;script&gt;alert(",
        "chiffres &lt;img src=x onerror=alert(",
    ] {
        assert!(dashboard.contains(visible), "synthèse : {visible}");
    }
}

// ------------------------------------------------------------------ the command line

#[test]
fn evaluate_writes_one_html_review_per_contract_and_the_dashboard() {
    let out = std::env::temp_dir().join(format!("pacte-rapports-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let status = Command::new(env!("CARGO_BIN_EXE_pacte"))
        .args([
            "evaluate",
            "tests/fixtures/html/region",
            "--figures",
            "tests/fixtures/html/region/chiffres.csv",
            "--exercice",
            "2026",
            "--format",
            "html",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(status.status.code(), Some(0), "{status:?}");
    let mut files: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|f| f.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "cas_bretagne.html",
            "cas_normandie.html",
            "synthese.html",
            "synthese.json",
            "synthese.md"
        ]
    );
    for f in ["cas_normandie.html", "synthese.html"] {
        let html = std::fs::read_to_string(out.join(f)).unwrap();
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(html.contains("@media print"));
        assert!(!html.contains("<script") && !html.contains("<link") && !html.contains("url("));
        assert_eq!(
            sheets(&html).len(),
            if f == "synthese.html" { 2 } else { 1 }
        );
    }
    // Without --out, one page: every review, then the dashboard.
    let page = Command::new(env!("CARGO_BIN_EXE_pacte"))
        .args([
            "evaluate",
            "tests/fixtures/html/region",
            "--figures",
            "tests/fixtures/html/region/chiffres.csv",
            "--exercice",
            "2026",
            "--format",
            "html",
        ])
        .output()
        .unwrap();
    assert_eq!(page.status.code(), Some(0));
    let html = String::from_utf8(page.stdout).unwrap();
    assert_eq!(sheets(&html).len(), 4);
    std::fs::remove_dir_all(&out).unwrap();
}

// ------------------------------------------------------------------ any figures

mod properties {
    use super::*;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    fn contracts() -> &'static support::Run {
        static RUN: OnceLock<support::Run> = OnceLock::new();
        RUN.get_or_init(|| {
            support::load_run(
                &["tests/fixtures/html/region"],
                "tests/fixtures/html/region/chiffres.csv",
            )
        })
    }

    fn finess() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("760995019".to_string()),
            Just("350995023".to_string()),
            Just("140995036".to_string()),
            Just("970421038".to_string()),
            "[<>\"'a-z0-9 =()/&]{1,24}",
        ]
    }

    fn indicator() -> impl Strategy<Value = &'static str> {
        prop_oneof![
            Just("marge_brute_hors_aides"),
            Just("taux_chirurgie_ambulatoire"),
            Just("résultat_principal"),
            Just("produits"),
            Just("dépôt_compte_financier"),
        ]
    }

    fn value(indicator: &'static str) -> BoxedStrategy<String> {
        if indicator == "dépôt_compte_financier" {
            return (2020i32..2032, 1u32..13, 1u32..29)
                .prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}"))
                .boxed();
        }
        let unit = match indicator {
            "résultat_principal" | "produits" => " €",
            _ => " %",
        };
        (any::<i64>(), 0u32..20)
            .prop_map(move |(n, scale)| {
                let d = rust_decimal::Decimal::new(n, scale);
                format!("{}{unit}", d.to_string().replace('.', ","))
            })
            .boxed()
    }

    fn row() -> impl Strategy<Value = String> {
        (finess(), 2020i32..2031, indicator())
            .prop_flat_map(|(f, y, i)| value(i).prop_map(move |v| format!("{f};{y};{i};{v}")))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Whatever the figures (FINESS that are markup, huge or tiny values,
        /// gaps between years), the review and the dashboard render, and no
        /// tag or attribute comes from the data.
        #[test]
        fn any_figures_give_safe_documents(rows in proptest::collection::vec(row(), 0..40)) {
            let base = contracts();
            let csv = format!("finess;exercice;indicateur;valeur\n{}\n", rows.join("\n"));
            let mut map = base.map.clone();
            let mut diagnostics = pacte::diagnostic::Diagnostics::new();
            let figures = pacte::eval::figures::read(
                &mut map,
                "chiffres.csv",
                csv.as_bytes(),
                &base.program,
                &mut diagnostics,
            );
            prop_assume!(diagnostics.count(pacte::diagnostic::Severity::Error) == 0);
            let e = pacte::eval::evaluate(&base.program, &figures, 2026);
            let ctx = Context::new(&base.program, &figures, &e);
            let options = Options { explain: false, context: Some(&ctx) };
            let html = report::report(Format::Html, &e, &map, options);
            assert_tags_are_safe(&html, "rapport");
            prop_assert_eq!(sheets(&html).len(), e.contracts.len() + 2);
        }
    }
}
