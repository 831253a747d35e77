#![allow(clippy::disallowed_methods)] // reads and writes files outside the compiler
//! `pacte evaluate`: one test per branch of spec §8 on the fixtures of
//! `tests/fixtures/eval/<case>/` (contracts + `chiffres.csv`), with the
//! expected numbers computed by hand (the arithmetic is in each fixture's
//! comments); snapshots of the text and JSON reports; the figures readers'
//! diagnostics; an end-to-end run on `examples/`; a contract for a real
//! hospital evaluated on a Hospi Diag slice.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

mod support;

use pacte::diagnostic::Code;
use pacte::eval::aid::MotifKind;
use pacte::eval::rate::ContractVerdict;
use pacte::eval::report::{self, Format, Options};
use pacte::eval::verdict::{ConditionVerdict, ObjectiveVerdict};
use pacte::eval::{ContractEvaluation, Evaluation};
use support::{case, dec, mask_std_json, mask_std_lines};

fn contract<'a>(e: &'a Evaluation, id: &str) -> &'a ContractEvaluation {
    e.contracts
        .iter()
        .find(|c| c.contrat == id)
        .unwrap_or_else(|| panic!("contract {id}"))
}

fn objective<'a>(
    c: &'a ContractEvaluation,
    id: &str,
) -> &'a pacte::eval::verdict::ObjectiveEvaluation {
    c.objectives
        .iter()
        .find(|o| o.objectif == id)
        .expect("objective")
}

fn verdicts(c: &ContractEvaluation) -> Vec<(&str, ObjectiveVerdict, Option<String>)> {
    c.objectives
        .iter()
        .map(|o| {
            let score = o.score.map(|s| s.normalize().to_string());
            (o.objectif.as_str(), o.verdict, score)
        })
        .collect()
}

fn motifs(c: &ContractEvaluation) -> Vec<(MotifKind, Option<Code>)> {
    c.aide.motifs.iter().map(|m| (m.nature, m.code)).collect()
}

fn signalements(c: &ContractEvaluation) -> Vec<(Code, String)> {
    c.aide
        .signalements
        .iter()
        .map(|s| (s.code, s.message.clone()))
        .collect()
}

/// Snapshots the text (with `--explain`) and JSON reports of a case.
fn snapshot(name: &str, run: &support::Run, e: &Evaluation) {
    let options = Options {
        explain: true,
        ..Options::default()
    };
    let text = report::report(Format::Text, e, &run.map, options);
    insta::assert_snapshot!(format!("{name}_text"), mask_std_lines(&text));
    let json = report::report(Format::Json, e, &run.map, options);
    insta::assert_snapshot!(format!("{name}_json"), mask_std_json(&json));
}

#[test]
fn every_objective_branch() {
    use ObjectiveVerdict::*;
    let run = case("objectifs");
    let e = run.evaluate(2026);
    let c = contract(&e, "cas_objectifs");
    let s = |x: &str| Some(x.to_string());
    assert_eq!(
        verdicts(c),
        vec![
            ("marge", Atteint, s("1")),
            // >= on hausse: (46 − 40) / (50 − 40)
            ("ambulatoire", PartiellementAtteint, s("0.6")),
            // <= on baisse: (65 − 70) / (50 − 70)
            ("paiement", PartiellementAtteint, s("0.25")),
            // entre 20 j et 28 j, actual 34 j: nearer bound 28, (34 − 40) / (28 − 40)
            ("stocks", PartiellementAtteint, s("0.5")),
            // entre 20 j et 30 j, actual 36 j: nearer bound 30, (36 − 60) / (30 − 60)
            ("facturation", PartiellementAtteint, s("0.8")),
            // moved away from the target: (9 − 8) / (7 − 8) = −1, clamped to 0
            ("absentéisme", NonAtteint, s("0")),
            // no base: no progress
            ("exhaustivité", NonAtteint, s("0")),
            // no figure, donnée_manquante zéro (the default)
            ("fides", NonEvaluable, s("0")),
        ]
    );
    // (5 × 1 + 0,6 + 0,25 + 0,5 + 0,8) / 12 = 7,15 / 12
    let r = c.realisation.expect("rate");
    assert_eq!(r, dec("7.15") / dec("12"));
    assert_eq!(c.verdict, ContractVerdict::PartiellementTenus);
    assert_eq!(
        (c.aide.prevue, c.aide.modulation, c.aide.due),
        (dec("600000"), dec("0.5"), dec("300000"))
    );
    assert!(c.aide.motifs.is_empty());
    snapshot("objectifs", &run, &e);
}

#[test]
fn missing_figures_excluded() {
    let run = case("exclue");
    let e = run.evaluate(2026);
    let c = contract(&e, "cas_exclue");
    assert_eq!(
        objective(c, "ambulatoire").verdict,
        ObjectiveVerdict::NonEvaluable
    );
    assert_eq!(objective(c, "ambulatoire").score, None);
    assert_eq!(c.realisation, Some(dec("1")));
    assert_eq!(c.verdict, ContractVerdict::Tenus);
    assert_eq!(c.aide.due, dec("600000"));
    // All objectives excluded: the rate is 0, not none (decision).
    let all = contract(&e, "cas_exclue_tout");
    assert_eq!(all.realisation, Some(dec("0")));
    assert_eq!(all.verdict, ContractVerdict::NonTenus);
    assert_eq!(all.aide.due, dec("0"));
}

#[test]
fn formula_computed_indicators() {
    let run = case("formule");
    let e = run.evaluate(2026);
    let c = contract(&e, "cas_formule");
    let caf = objective(c, "autofinancement");
    // caf / produits = 1 500 000 / 60 000 000
    assert_eq!(caf.valeur.and_then(|v| v.as_num()), Some(dec("0.025")));
    assert_eq!(caf.verdict, ObjectiveVerdict::Atteint);
    let formula = &caf.derivation.inputs[0];
    assert_eq!(formula.how, "formule : caf / produits");
    assert_eq!(formula.inputs.len(), 2);
    // -résultat_principal / produits = 1 200 000 / 60 000 000
    let deficit = objective(c, "déficit");
    assert_eq!(deficit.valeur.and_then(|v| v.as_num()), Some(dec("0.02")));
    assert_eq!(c.realisation, Some(dec("1")));
    // produits = 0: division by zero is a missing value, with its reason.
    let zero = contract(&e, "cas_formule_division");
    let caf = objective(zero, "autofinancement");
    assert_eq!(caf.verdict, ObjectiveVerdict::NonEvaluable);
    assert!(caf.derivation.inputs[0].how.contains("division par zéro"));
    // (2 × 0 + 1 × 0 + 1 × 1) / 4
    assert_eq!(zero.realisation, Some(dec("0.25")));
    snapshot("formule", &run, &e);
}

#[test]
fn conditions_respected_not_and_missing() {
    let run = case("conditions");
    let e = run.evaluate(2026);
    let c = contract(&e, "cas_conditions");
    let got: Vec<(&str, Option<ConditionVerdict>)> = c
        .conditions
        .iter()
        .map(|k| (k.condition.as_str(), k.verdict))
        .collect();
    assert_eq!(
        got,
        vec![
            ("stocks", Some(ConditionVerdict::Respectee)),
            ("caf_positive", Some(ConditionVerdict::NonRespectee)),
            ("exhaustivité", Some(ConditionVerdict::NonEvaluable)),
            ("future", None),
        ]
    );
    assert_eq!(c.realisation, Some(dec("1")));
    assert_eq!(c.verdict, ContractVerdict::PartiellementTenus);
    assert_eq!(c.aide.due, dec("0"));
    assert_eq!(
        motifs(c),
        vec![
            (MotifKind::ConditionNonRespectee, None),
            (MotifKind::ConditionNonEvaluable, None)
        ]
    );
    // `ou` with one side missing and the other true is true.
    let ok = contract(&e, "cas_conditions_ok");
    assert_eq!(ok.conditions[0].verdict, Some(ConditionVerdict::Respectee));
    assert_eq!(ok.verdict, ContractVerdict::Tenus);
    assert_eq!(ok.aide.due, dec("600000"));
}

/// Without `suspend` (the std's `compte_financier au plus tard 8 juillet`),
/// a late or undated financial account is flagged, and the aid is unchanged.
#[test]
fn financial_account_on_time_late_missing() {
    let run = case("compte_financier");
    let e = run.evaluate(2026);
    let on_time = contract(&e, "cas_cf_a_temps");
    assert!(on_time.aide.motifs.is_empty());
    assert!(on_time.aide.signalements.is_empty());
    let expected = [
        (
            "cas_cf_en_retard",
            "compte financier 2026 déposé le 9 juillet 2027, après le 8 juillet : dépassement à justifier",
        ),
        (
            "cas_cf_absent",
            "compte financier 2026 : date de dépôt non renseignée",
        ),
    ];
    for (id, message) in expected {
        let c = contract(&e, id);
        assert_eq!(c.aide.due, on_time.aide.due, "{id}");
        assert!(c.aide.motifs.is_empty(), "{id}");
        assert_eq!(signalements(c), vec![(Code::V0101, message.to_string())]);
        assert_eq!(c.verdict, ContractVerdict::Tenus, "{id}");
    }
    snapshot("compte_financier", &run, &e);
}

/// `fin_aide` is tested only in the exercices after the year of the date
/// of effect: a result of the signature year never ends the aid.
#[test]
fn end_of_aid_not_tested_in_the_year_of_signature() {
    let run = case("fin_aide");
    for year in [2025, 2026] {
        let e = run.evaluate(year);
        let c = contract(&e, "cas_fin_aide");
        assert!(c.aide.motifs.is_empty(), "{year}");
        assert!(c.aide.signalements.is_empty(), "{year}");
        assert_eq!(c.aide.due, c.aide.modulee().round(), "{year}");
    }
}

#[test]
fn no_target_in_the_year_and_no_aid_planned() {
    let run = case("sans_objet");
    let e = run.evaluate(2025);
    let c = contract(&e, "cas_sans_objet");
    assert!(c.objectives.is_empty());
    assert_eq!(c.realisation, None);
    assert_eq!(c.verdict, ContractVerdict::SansObjet);
    assert_eq!(
        (c.aide.exercice, c.aide.modulation, c.aide.due),
        (2026, dec("1"), dec("800000"))
    );
    // 2027: both objectives reached, but the schedule has no aid for 2028.
    let e = run.evaluate(2027);
    let c = contract(&e, "cas_sans_objet");
    assert_eq!(c.verdict, ContractVerdict::Tenus);
    assert_eq!(
        (c.aide.exercice, c.aide.prevue, c.aide.due),
        (2028, dec("0"), dec("0"))
    );
    assert!(c.aide.motifs.is_empty());
}

#[test]
fn rounding_half_away_from_zero_at_the_end() {
    let run = case("arrondi");
    let e = run.evaluate(2026);
    // 600 001 € × 50 % = 300 000,5 € → 300 001 € (banker's rounding would give 300 000 €)
    let c = contract(&e, "cas_arrondi_demi");
    assert_eq!(
        (c.realisation, c.aide.due),
        (Some(dec("0.5")), dec("300001"))
    );
    // 333 333 € × 75 % = 249 999,75 € → 250 000 €
    let c = contract(&e, "cas_arrondi_quart");
    assert_eq!(
        (c.aide.modulation, c.aide.due),
        (dec("0.75"), dec("250000"))
    );
    snapshot("arrondi", &run, &e);
}

#[test]
fn weighting_by_expected_gains() {
    let run = case("ponderation_gains");
    let e = run.evaluate(2026);
    let c = contract(&e, "cas_gains");
    assert_eq!(objective(c, "résultat").poids, dec("300000"));
    // 300 000 × 1 / (300 000 + 100 000); no modulation table in `cref`: 100 %.
    assert_eq!(c.realisation, Some(dec("0.75")));
    assert_eq!((c.aide.modulation, c.aide.due), (dec("1"), dec("300000")));
    let zero = contract(&e, "cas_gains_nuls");
    assert_eq!(objective(zero, "résultat").poids, dec("1"));
    assert_eq!(zero.realisation, Some(dec("0.5")));
}

#[test]
fn contracts_without_figures_are_reported() {
    let run = case("sans_chiffres");
    let e = run.evaluate(2026);
    let c = contract(&e, "cas_sans_chiffres");
    assert!(!c.has_figures);
    assert_eq!(
        e.summary.without_figures,
        vec!["cas_sans_chiffres".to_string()]
    );
    // The other establishment's 6 figures are counted.
    assert_eq!(
        (
            e.summary.establishments_without_contract,
            e.summary.figures_without_contract
        ),
        (1, 6)
    );
    let text = report::report(Format::Text, &e, &run.map, Options::default());
    assert!(text.contains("attention : aucun chiffre pour l'établissement 760990176"));
    assert!(text.contains("contrats sans aucun chiffre : cas_sans_chiffres"));
}

/// (code, line, column) of each diagnostic of a figures file.
fn figure_errors(case: &str) -> Vec<(Code, usize, usize)> {
    let dir = format!("tests/fixtures/eval/{case}");
    let run = support::load_run(&[&dir], &format!("{dir}/chiffres.csv"));
    run.diagnostics
        .iter()
        .map(|d| {
            let source = run.map.get(d.primary.span.source).expect("source");
            assert_eq!(source.path, format!("{dir}/chiffres.csv"));
            let (line, column) = source.line_col(d.primary.span.start as usize);
            (d.code, line, column)
        })
        .collect()
}

#[test]
fn malformed_figures_name_line_and_column() {
    assert_eq!(
        figure_errors("chiffres_errones"),
        vec![
            (Code::V0202, 2, 16), // marge_brute_hors_aide
            (Code::V0203, 3, 43), // 4,2,1 %
            (Code::V0204, 4, 32), // 27 € for jours_de_stocks
            (Code::V0205, 6, 1),  // résultat_principal twice
            (Code::V0203, 7, 11), // exercice 20x6
            (Code::V0203, 8, 39), // 2027-02-30
        ]
    );
    assert_eq!(
        figure_errors("entete_incomplete"),
        vec![(Code::V0201, 1, 1)]
    );
}

#[test]
fn examples_end_to_end() {
    let run = support::load_run(&["examples/"], "examples/chiffres-2026.csv");
    assert!(run
        .diagnostics
        .iter()
        .all(|d| d.severity() != pacte::diagnostic::Severity::Error));
    let e = run.evaluate(2026);
    let valmont = contract(&e, "ch_valmont_2025");
    // The JSON example of spec §9.
    assert_eq!(valmont.realisation, Some(dec("0.775")));
    assert_eq!(
        (valmont.aide.modulation, valmont.aide.due),
        (dec("0.75"), dec("600000"))
    );
    let text = report::report(Format::Text, &e, &run.map, Options::default());
    insta::assert_snapshot!("examples_text", mask_std_lines(&text));
    let json = report::report(Format::Json, &e, &run.map, Options::default());
    insta::assert_snapshot!("examples_json", mask_std_json(&json));
    let md = report::contract(
        Format::Markdown,
        &e,
        valmont,
        &run.map,
        Options {
            explain: true,
            ..Options::default()
        },
    );
    insta::assert_snapshot!("examples_valmont_md", mask_std_lines(&md));
}

#[test]
fn hospidiag_real_hospital() {
    let run = support::load_run(
        &["tests/fixtures/eval/hospidiag_lisieux"],
        "tests/data/hospidiag_normandie_2012_2014.csv",
    );
    assert!(run.diagnostics.is_empty(), "{:#?}", run.diagnostics);
    assert_eq!(run.figures.layout, pacte::eval::figures::Layout::HospiDiag);
    let e = run.evaluate(2014);
    let c = contract(&e, "ch_lisieux_cref_2014");
    // F1_D = 6.6 (per cent) is the ratio 0,066.
    assert_eq!(
        objective(c, "marge").valeur.and_then(|v| v.as_num()),
        Some(dec("0.066"))
    );
    let scores: Vec<_> = c
        .objectives
        .iter()
        .map(|o| o.score.expect("score"))
        .collect();
    assert_eq!(scores[1], dec("3.2") / dec("3.4"));
    assert_eq!(scores[2], dec("1.74") / dec("3.26"));
    assert_eq!(scores[3], dec("0"));
    assert_eq!(scores[4], dec("2.1") / dec("6.3"));
    let r = c.realisation.expect("rate");
    assert_eq!(r.round_dp(4), dec("0.7187"));
    assert_eq!(
        (c.aide.modulation, c.aide.due),
        (dec("0.75"), dec("1125000"))
    );
    // The derivation names the Hospi Diag row (2014 row of Lisieux: line 4).
    let figure = &objective(c, "marge").derivation.inputs[0];
    let (file, line) = report::locate(&run.map, figure.span.expect("span")).expect("located");
    assert_eq!(
        (file.as_str(), line),
        ("tests/data/hospidiag_normandie_2012_2014.csv", 4)
    );
}

/// Writes the benchmark corpus (2 000 contracts, 5 years of figures) to
/// `$PACTE_CORPUS_DIR`, to time the release binary on it:
/// `PACTE_CORPUS_DIR=/tmp/corpus cargo test --test eval -- --ignored write_bench_corpus`, then
/// `/usr/bin/time -v target/release/pacte evaluate /tmp/corpus/contrats --figures /tmp/corpus/chiffres.csv --exercice 2026 --format json`.
#[test]
#[ignore]
fn write_bench_corpus() {
    let dir =
        std::path::PathBuf::from(std::env::var("PACTE_CORPUS_DIR").expect("PACTE_CORPUS_DIR"));
    let contracts = dir.join("contrats");
    std::fs::create_dir_all(&contracts).unwrap();
    for i in 0..2_000 {
        std::fs::write(
            contracts.join(format!("ch_gen_{i}.pacte")),
            support::corpus::contract(i),
        )
        .unwrap();
    }
    std::fs::write(dir.join("chiffres.csv"), support::corpus::figures(2_000, 5)).unwrap();
}

/// The examples of the V01xx pages (`pacte explain V0101`) give their code.
#[test]
fn v01_pages_examples_trigger_their_code() {
    for code in [Code::V0101, Code::V0102] {
        let page = code.explanation();
        // The first ```pacte block is the contract; the block starting with the
        // figures header is the CSV.
        let block = |open: &str, keep: &str| {
            let start = page.find(open).expect("block") + open.len() - keep.len();
            let end = page[start..].find("```").expect("end of block") + start;
            page[start..end].to_string()
        };
        let dir = std::env::temp_dir().join(format!("pacte-eval-{}-{code}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("contrat.pacte"), block("```pacte\n", "")).unwrap();
        std::fs::write(dir.join("chiffres.csv"), block("```\nfiness", "finess")).unwrap();
        let paths = [dir.join("contrat.pacte")];
        let run = support::load_run(
            &[paths[0].to_str().unwrap()],
            dir.join("chiffres.csv").to_str().unwrap(),
        );
        assert!(run
            .diagnostics
            .iter()
            .all(|d| d.severity() != pacte::diagnostic::Severity::Error));
        let e = run.evaluate(2026);
        let c = &e.contracts[0];
        let codes: Vec<Code> = c
            .aide
            .motifs
            .iter()
            .filter_map(|m| m.code)
            .chain(c.aide.signalements.iter().map(|s| s.code))
            .collect();
        assert_eq!(codes, vec![code], "{code}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
