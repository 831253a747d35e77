#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly
//! The regional dashboard (issue 14, item 7): rows and bars sorted by
//! verdict then rate, and said so; a warning when several FINESS carry the
//! same financial figures (one set of accounts for several sites).

mod support;

use pacte::eval::report::html::Context;
use pacte::eval::report::{self, Format, Options};

fn summary(paths: &[&str], figures: &str) -> String {
    let run = support::load_run(paths, figures);
    let e = run.evaluate(2026);
    let ctx = Context::new(&run.program, &run.figures, &e);
    let options = Options {
        explain: false,
        context: Some(&ctx),
    };
    report::summary(Format::Html, &e, &run.map, options)
}

#[test]
fn rows_and_bars_are_sorted_by_verdict_then_rate() {
    let html = summary(&["examples/region-exemple"], "examples/chiffres-2026.csv");
    assert!(html.contains("Contrats classés par verdict (non tenus, partiellement tenus, tenus, sans objet), puis par taux de réalisation croissant."));
    let suivi = html.split("<div class=\"suivi\">").nth(1).unwrap();
    let rows = suivi
        .split("<tbody>")
        .nth(1)
        .unwrap()
        .split("</tbody>")
        .next()
        .unwrap();
    let rank = |row: &str| {
        [
            "non tenus",
            "partiellement tenus",
            "engagements tenus",
            "sans objet",
        ]
        .iter()
        .position(|v| row.contains(&format!(">{v}<")))
    };
    let ranks: Vec<usize> = rows.split("<tr>").skip(1).filter_map(rank).collect();
    assert!(ranks.len() >= 5, "{ranks:?}");
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
    // The bars follow the rows: the first bar is the first row's.
    let first_row = rows.split("<tr>").nth(1).unwrap();
    let chart = html
        .split("<title>Taux de réalisation 2026 par contrat</title>")
        .nth(1)
        .unwrap();
    let first_label = chart
        .split("text-anchor=\"end\"")
        .nth(1)
        .unwrap_or_else(|| panic!("{}", &chart[..chart.len().min(2000)]));
    let label = first_label
        .split('>')
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap();
    assert!(
        first_row.contains(label.split(' ').next().unwrap()),
        "{label}"
    );
}

#[test]
fn same_figures_under_several_finess_are_flagged() {
    let dir = std::env::temp_dir().join(format!("pacte-synthese-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut csv = std::fs::read_to_string("tests/fixtures/html/region/chiffres.csv").unwrap();
    // Two sites of one legal entity: the same accounts under two FINESS.
    csv.push_str("140995051;2026;résultat_principal;-4 321 000 €\n");
    csv.push_str("140995069;2026;résultat_principal;-4 321 000 €\n");
    let figures = dir.join("chiffres.csv");
    std::fs::write(&figures, csv).unwrap();
    let html = summary(&["tests/fixtures/html/region"], figures.to_str().unwrap());
    assert!(
        html.contains("plusieurs FINESS portent les mêmes chiffres financiers"),
        "{html}"
    );
    assert!(html.contains("140995051") && html.contains("140995069"));
    let plain = summary(
        &["tests/fixtures/html/region"],
        "tests/fixtures/html/region/chiffres.csv",
    );
    assert!(!plain.contains("mêmes chiffres financiers"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn calculation_details_use_the_signs_of_the_body() {
    let run = support::load_run(&["examples/region-exemple"], "examples/chiffres-2026.csv");
    let e = run.evaluate(2026);
    let ctx = Context::new(&run.program, &run.figures, &e);
    for c in &e.contracts {
        let options = Options {
            explain: false,
            context: Some(&ctx),
        };
        let html = report::contract(Format::Html, &e, c, &run.map, options);
        let arbres: Vec<&str> = html.split("<ul class=\"arbre\">").skip(1).collect();
        assert!(!arbres.is_empty(), "{}", c.contrat);
        for a in arbres {
            assert!(
                !a.contains("&gt;=") && !a.contains("&lt;="),
                "{}",
                c.contrat
            );
        }
    }
}
