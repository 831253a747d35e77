#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly
//! `pacte test --couverture` on a fixture whose exercised clauses, codes,
//! objectives, conditions and modulation lines are known: the passing
//! scenarios of `tests/fixtures/scenarios/reussis.pacte` (six evaluation
//! scenarios and two check scenarios, all on contracts drawing on
//! `redressement_performance`) and the annotation `// erreur[R0104]` of
//! `contrats/degressif.pacte`.

use pacte::cli::check::check_paths;
use pacte::diagnostic::Code;
use pacte::scenario::coverage::{self, Coverage, Tally};
use pacte::scenario::{self, report};
use std::path::PathBuf;

fn coverage() -> (Coverage, String) {
    let paths = [
        PathBuf::from("tests/fixtures/scenarios/contrats"),
        PathBuf::from("tests/fixtures/scenarios/reussis.pacte"),
    ];
    let checked = check_paths(&paths, None).unwrap();
    let outcomes = scenario::run(&checked.program, &checked.diagnostics);
    let map = &checked.workspace.map;
    let c = coverage::compute(&checked.program, &checked.diagnostics, map, &outcomes);
    let json = report::render(report::Format::Json, &outcomes, Some(&c), map);
    (c, json)
}

fn tally(reussis: usize, echoues: usize) -> Tally {
    Tally { reussis, echoues }
}

fn clause<'a>(c: &'a Coverage, owner: &str, text: &str) -> &'a coverage::ClauseCoverage {
    c.clauses
        .iter()
        .find(|k| k.owner == owner && k.clause.starts_with(text))
        .unwrap_or_else(|| panic!("no clause {owner} : {text}"))
}

#[test]
fn clauses_are_counted_by_the_scenarios_and_fixtures_that_reach_them() {
    let (c, _) = coverage();
    let env = "enveloppe redressement_performance";
    // Two check scenarios (valmont, dégressif) and the fixture annotation.
    let k = clause(&c, env, "aide stable_ou_dégressive");
    assert_eq!((k.code, k.tally), (Some(Code::R0104), tally(3, 0)));
    // Check scenarios only: the fixture annotation is another code.
    assert_eq!(clause(&c, env, "dialogue sous 6 mois").tally, tally(2, 0));
    // Evaluation clauses: the six evaluation scenarios.
    assert_eq!(clause(&c, env, "compte_financier").tally, tally(6, 0));
    assert_eq!(clause(&c, env, "fin_aide").tally, tally(6, 0));
    assert_eq!(
        clause(&c, "cadre redressement_2025", "durée 3 à 5 ans").tally,
        tally(2, 0)
    );
    // Frameworks no contract of the fixture uses.
    assert_eq!(
        clause(&c, "cadre cref", "durée au plus 3 ans").tally,
        tally(0, 0)
    );
    assert_eq!(
        clause(&c, "cadre cpom", "durée au plus 5 ans").tally,
        tally(0, 0)
    );
    // `famille` and `modèle` are not rules.
    assert!(c.clauses.iter().all(|k| !k.clause.starts_with("famille")));
}

#[test]
fn codes_are_counted_from_scenarios_and_fixture_annotations() {
    let (c, _) = coverage();
    let code = |code: Code| c.codes.iter().find(|k| k.code == code).unwrap();
    assert_eq!(code(Code::R0104).scenarios, tally(1, 0));
    assert_eq!(code(Code::R0104).fixtures, tally(1, 0));
    assert_eq!(code(Code::R0101).scenarios, tally(0, 0));
    assert_eq!(code(Code::E0101).fixtures, tally(0, 0));
    assert_eq!(c.codes.len(), Code::ALL.len());
}

#[test]
fn contracts_list_objectives_conditions_and_modulation_lines_reached() {
    let (c, json) = coverage();
    let valmont = c
        .contrats
        .iter()
        .find(|k| k.contrat == "ch_valmont_2025")
        .unwrap();
    assert_eq!(valmont.scenarios, 7);
    assert!(valmont.objectifs.iter().all(|o| o.atteint));
    assert!(valmont.conditions.iter().all(|o| o.atteint));
    let lines: Vec<(&str, bool)> = valmont
        .modulation
        .iter()
        .map(|m| (m.nom.as_str(), m.atteint))
        .collect();
    assert_eq!(
        lines,
        [
            ("si réalisation >= 90 %: 100 %", true),
            ("si réalisation >= 60 %: 75 %", false),
            ("si réalisation >= 30 %: 50 %", false),
            ("sinon: 0 %", true),
        ]
    );
    let degressif = c
        .contrats
        .iter()
        .find(|k| k.contrat == "ch_degressif_2025")
        .unwrap();
    assert_eq!(degressif.scenarios, 1);
    assert!(degressif.objectifs.iter().all(|o| !o.atteint));
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let cov = &json["couverture"];
    assert!(cov["clauses"].as_array().unwrap().len() > 30);
    let r0104 = cov["codes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["code"] == "R0104")
        .unwrap();
    assert_eq!(r0104["fixtures"]["reussis"], 1);
    assert_eq!(cov["contrats"][0]["modulation"][1]["atteint"], false);
}

#[test]
fn coverage_text_has_the_three_tables() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pacte"))
        .args([
            "test",
            "tests/fixtures/scenarios/contrats",
            "tests/fixtures/scenarios/reussis.pacte",
            "--couverture",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    for heading in [
        "Clauses des cadres et des enveloppes",
        "Codes de diagnostic",
        "Contrats",
    ] {
        assert!(text.contains(heading), "{heading}");
    }
    assert!(text.contains(
        "      3       0  enveloppe redressement_performance : aide stable_ou_dégressive [R0104]"
    ));
    assert!(text.contains("modulation : 2 atteint(s) sur 4 (jamais : si réalisation >= 60 %: 75 %, si réalisation >= 30 %: 50 %)"));
}
