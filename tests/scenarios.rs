#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly
//! `scénario` items and `pacte test` (spec §11): passing and failing
//! fixtures for each kind of expectation, the reports (text snapshot, JSON,
//! JUnit shape), exit codes, and the names, fields and units of scenarios.

use pacte::cli::check::check_paths;
use pacte::scenario::{self, report, Outcome};
use std::path::PathBuf;
use std::process::Command;

const DIR: &str = "tests/fixtures/scenarios";

fn run(files: &[&str]) -> (Vec<Outcome>, pacte::cli::check::Checked) {
    let mut paths = vec![PathBuf::from(format!("{DIR}/contrats"))];
    paths.extend(files.iter().map(|f| PathBuf::from(format!("{DIR}/{f}"))));
    let checked = check_paths(&paths, None).unwrap();
    let outcomes = scenario::run(&checked.program, &checked.diagnostics);
    (outcomes, checked)
}

/// Line numbers in the std change with it: masked in snapshots.
fn mask_std(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("<std>/") {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(j) = rest.find(".pacte:") else {
            break;
        };
        out.push_str(&rest[..j + 7]);
        rest = &rest[j + 7..];
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        out.push('_');
        rest = &rest[digits..];
    }
    out.push_str(rest);
    out
}

fn pacte(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_pacte"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

#[test]
fn passing_scenarios_pass_for_every_kind_of_expectation() {
    let (outcomes, _) = run(&["reussis.pacte"]);
    assert_eq!(outcomes.len(), 8);
    for o in &outcomes {
        assert!(o.passed(), "{}: {:#?}", o.nom, o.checks);
    }
    let kinds: std::collections::BTreeSet<String> = outcomes
        .iter()
        .flat_map(|o| &o.checks)
        .map(|c| c.what.split(' ').next().unwrap().to_string())
        .collect();
    let expected = [
        "aide",
        "codes",
        "condition",
        "objectif",
        "réalisation",
        "verdict",
    ];
    assert_eq!(kinds, expected.iter().map(|s| s.to_string()).collect());
    // `codes: aucun` and `codes: R0104` both ran.
    let codes: Vec<&str> = outcomes
        .iter()
        .flat_map(|o| &o.checks)
        .filter(|c| c.what == "codes")
        .map(|c| c.actual.as_str())
        .collect();
    assert_eq!(codes, ["aucun", "R0104"]);
}

#[test]
fn failing_scenarios_fail_with_expected_actual_and_derivation() {
    let (outcomes, checked) = run(&["echecs.pacte"]);
    assert_eq!(outcomes.len(), 10);
    for o in &outcomes {
        assert!(!o.passed(), "{} should fail", o.nom);
    }
    let by_name = |n: &str| outcomes.iter().find(|o| o.nom.starts_with(n)).unwrap();
    let first = |n: &str| by_name(n).checks[0].clone();
    let c = first("objectif");
    assert_eq!((c.expected.as_str(), c.passed), ("atteint", false));
    assert!(
        c.actual.starts_with("partiellement atteint"),
        "{}",
        c.actual
    );
    assert!(c.derivation.is_some());
    assert_eq!(first("condition").actual, "non respectée");
    let r = first("réalisation");
    assert_eq!(
        (r.expected.as_str(), r.actual.as_str()),
        ("92,31 %", "93,75 %")
    );
    assert!(first("verdict").actual.starts_with("partiellement tenus"));
    let a = first("aide : versée");
    assert!(a.actual.starts_with("0 €"), "{}", a.actual);
    assert!(a
        .derivation
        .unwrap()
        .walk()
        .iter()
        .any(|d| d.what.contains("aide prévue 2027")));
    assert!(first("aide d'une autre année")
        .actual
        .contains("décide l'aide 2027"));
    assert_eq!(first("objectif sans cible").actual, "pas de cible en 2027");
    assert_eq!(first("codes : aucun").actual, "R0104");
    let partial = first("codes : un autre");
    assert_eq!(partial.expected, "R0104 R0203");
    assert_eq!(partial.actual, "R0104 (manque R0203)");
    let errored = by_name("évaluer un contrat");
    assert!(errored.erreur.as_deref().unwrap().contains("1 erreur(s)"));
    let text = report::render(
        report::Format::Text,
        &outcomes,
        None,
        &checked.workspace.map,
    );
    insta::assert_snapshot!("echecs_text", mask_std(&text));
}

#[test]
fn the_scenario_figures_go_through_the_evaluator_of_pacte_evaluate() {
    // The same figures as a CSV file give, through `pacte evaluate`, the
    // values the scenario « marge juste sous la cible » expects.
    let dir = std::env::temp_dir().join(format!("pacte-scenario-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("chiffres.csv");
    std::fs::write(
        &csv,
        "finess;exercice;indicateur;valeur\n760000018;2026;marge_brute_hors_aides;3,9 %\n760000018;2026;taux_chirurgie_ambulatoire;55 %\n760000018;2026;jours_de_stocks;25 j\n760000018;2026;dépôt_compte_financier;2027-06-30\n",
    )
    .unwrap();
    let out = pacte(&[
        "evaluate",
        &format!("{DIR}/contrats/valmont.pacte"),
        "--figures",
        csv.to_str().unwrap(),
        "--exercice",
        "2026",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let c = &json["contracts"][0];
    assert_eq!(c["realisation"], "0.9375");
    assert_eq!(c["aide"]["due"], "800000");
    let (outcomes, _) = run(&["reussis.pacte"]);
    let o = &outcomes[0];
    assert!(o
        .checks
        .iter()
        .any(|c| c.what == "réalisation" && c.actual == "93,75 %"));
    assert!(o
        .checks
        .iter()
        .any(|c| c.what == "aide 2027" && c.actual == "800 000 €"));
}

#[test]
fn exit_codes_follow_the_results() {
    let ok = pacte(&[
        "test",
        &format!("{DIR}/contrats"),
        &format!("{DIR}/reussis.pacte"),
    ]);
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
    let ko = pacte(&[
        "test",
        &format!("{DIR}/contrats"),
        &format!("{DIR}/echecs.pacte"),
    ]);
    assert_eq!(ko.status.code(), Some(1));
    let missing = pacte(&["test", "tests/fixtures/scenarios/absent"]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn an_error_in_a_scenario_fails_the_run_on_stderr() {
    let dir = std::env::temp_dir().join(format!("pacte-scenario-err-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("s.pacte");
    std::fs::write(
        &file,
        "scénario \"x\" { contrat ch_valmon_2025\n attendu { codes: aucun } }\n",
    )
    .unwrap();
    let out = pacte(&["test", &format!("{DIR}/contrats"), file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("E0101"), "{stderr}");
    assert!(
        stderr.contains("vouliez-vous dire `ch_valmont_2025`"),
        "{stderr}"
    );
}

#[test]
fn json_report_has_expected_and_actual_values() {
    let (outcomes, checked) = run(&["echecs.pacte"]);
    let text = report::render(
        report::Format::Json,
        &outcomes,
        None,
        &checked.workspace.map,
    );
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["resume"]["echoues"], 10);
    let first = &json["scenarios"][0];
    assert_eq!(first["statut"], "échoué");
    assert_eq!(first["contrat"], "ch_valmont_2025");
    assert_eq!(first["attendus"][0]["attendu"], "atteint");
    assert_eq!(first["attendus"][0]["reussi"], false);
    assert!(first["attendus"][0]["derivation"]["entrees"].is_array());
}

/// A minimal reader of the JUnit XML written by `pacte test`: elements with
/// their attributes, in order, and whether the nesting closes.
fn elements(xml: &str) -> Vec<(String, std::collections::BTreeMap<String, String>)> {
    let mut out = Vec::new();
    let mut depth: Vec<String> = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find('<') {
        let end = rest[start..].find('>').unwrap() + start;
        let tag = &rest[start + 1..end];
        rest = &rest[end + 1..];
        if tag.starts_with('?') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(depth.pop().as_deref(), Some(name), "unbalanced </{name}>");
            continue;
        }
        let self_closing = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let name = tag.split_whitespace().next().unwrap().to_string();
        let mut attrs = std::collections::BTreeMap::new();
        let mut a = &tag[name.len()..];
        while let Some(eq) = a.find("=\"") {
            let key = a[..eq].trim().to_string();
            let close = a[eq + 2..].find('"').unwrap() + eq + 2;
            attrs.insert(key, a[eq + 2..close].to_string());
            a = &a[close + 1..];
        }
        if !self_closing {
            depth.push(name.clone());
        }
        out.push((name, attrs));
    }
    assert!(depth.is_empty(), "unclosed {depth:?}");
    out
}

#[test]
fn junit_output_has_the_shape_of_the_junit_schema() {
    let out = pacte(&[
        "test",
        &format!("{DIR}/contrats"),
        &format!("{DIR}/reussis.pacte"),
        &format!("{DIR}/echecs.pacte"),
        "--format",
        "junit",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let xml = String::from_utf8(out.stdout).unwrap();
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites"));
    let els = elements(&xml);
    let (root, attrs) = &els[0];
    assert_eq!(root, "testsuites");
    assert_eq!(attrs["tests"], "18");
    assert_eq!(attrs["failures"], "9");
    assert_eq!(attrs["errors"], "1");
    let suites: Vec<_> = els.iter().filter(|(n, _)| n == "testsuite").collect();
    assert_eq!(suites.len(), 2, "one suite per scenario file");
    for (_, a) in &suites {
        for key in ["name", "tests", "failures", "errors", "skipped", "time"] {
            assert!(a.contains_key(key), "testsuite without {key}");
        }
    }
    let cases: Vec<_> = els.iter().filter(|(n, _)| n == "testcase").collect();
    assert_eq!(cases.len(), 18);
    for (_, a) in &cases {
        for key in ["name", "classname", "time"] {
            assert!(a.contains_key(key), "testcase without {key}");
        }
    }
    let failures = els.iter().filter(|(n, _)| n == "failure").count();
    let errors = els.iter().filter(|(n, _)| n == "error").count();
    assert_eq!((failures, errors), (9, 1));
    // Only the elements of the schema appear.
    for (name, _) in &els {
        assert!(
            ["testsuites", "testsuite", "testcase", "failure", "error"].contains(&name.as_str()),
            "{name}"
        );
    }
    assert!(xml.contains("cible &gt;= 4 %"), "attributes are escaped");
}
