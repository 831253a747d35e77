#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly
//! `pacte diagnose` on real Hospi Diag data: a snapshot of the Normandie
//! slice (départements 14, 27, 50, 61, 76; editions 2011–2014) for 2014,
//! the JSON shape, every figure of the slice taken away in turn (never a
//! more severe group), the contracts' cross-check, and the whole national
//! file (real outliers, establishments without finance).

mod support;

use pacte::diagnose::{self, report, Diagnosis};
use pacte::eval::figures::Figures;
use support::{mask_std_json, Run};

const SLICE: &str = "tests/data/hospidiag_normandie_2011_2014.csv";
const NATIONAL: &str = "../shared/data/hospidiag/hospidiag_exdg_2008_2015.csv";
const STD: &str = "criticité_annexe_1";

fn run(paths: &[&str], figures: &str) -> Run {
    let run = support::load_run(paths, figures);
    let errors: Vec<String> = run
        .diagnostics
        .iter()
        .filter(|d| d.severity() == pacte::diagnostic::Severity::Error)
        .map(|d| format!("{} {}", d.code, d.message))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    run
}

fn diagnosis(run: &Run, year: i32) -> Diagnosis {
    let def = run.program.diagnosis_defs.get(STD).expect("std grouping");
    diagnose::diagnose(&run.program, &run.figures, year, def)
}

fn group_of(d: &Diagnosis, finess: &str) -> Option<String> {
    let e = d
        .etablissements
        .iter()
        .find(|e| e.etablissement.finess == finess)?;
    Some(d.groupes[e.groupe?].nom.clone())
}

#[test]
fn normandie_2014_snapshot() {
    let run = run(&[], SLICE);
    let d = diagnosis(&run, 2014);
    assert_eq!(d.etablissements.len(), 31);
    assert_eq!(d.sans_chiffres.len(), 6);
    assert_eq!(
        d.manquants_communs,
        [
            "caf_nette",
            "délai_facturation_ace",
            "jours_de_stocks",
            "jours_de_stocks_médicaments",
            "marge_brute_aidée"
        ]
    );
    // CH de Vire: eight alerts, working capital negative.
    assert_eq!(group_of(&d, "140000159").as_deref(), Some("critique"));
    // CHU de Caen: Hospi Diag's CHR, the 2 % deficit line.
    let caen = d
        .etablissements
        .iter()
        .find(|e| e.etablissement.finess == "140000100")
        .unwrap();
    assert_eq!(
        (
            caen.etablissement.categorie.as_deref(),
            caen.etablissement.categorie_fichier.as_deref(),
            caen.etablissement.statut.as_deref()
        ),
        (Some("CHR"), Some("CHR"), Some("public"))
    );
    insta::assert_snapshot!(
        "normandie_2014_text",
        report::report(report::Format::Text, &d, &run.map)
    );
    insta::assert_snapshot!(
        "normandie_2014_md",
        report::report(report::Format::Markdown, &d, &run.map)
    );
}

#[test]
fn normandie_2014_json() {
    let run = run(&[], SLICE);
    let d = diagnosis(&run, 2014);
    let text = report::report(report::Format::Json, &d, &run.map);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["exercice"], 2014);
    assert_eq!(v["diagnostic"], STD);
    assert_eq!(v["prelevement_continu_annees"], 3);
    assert_eq!(v["groupes"][0]["groupe"], "critique");
    assert_eq!(v["groupes"][0]["a_contractualiser"], true);
    assert_eq!(v["groupes"][3]["condition"], serde_json::Value::Null);
    let first = &v["etablissements"][0];
    assert_eq!(first["finess"], "140000159");
    assert_eq!(
        (&first["groupe"], &first["rang"]),
        (&"critique".into(), &1.into())
    );
    let fr = first["seuils"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["indicateur"] == "fonds_de_roulement")
        .unwrap();
    assert_eq!(fr["valeur"], "-818919");
    assert_eq!(fr["affichage"], "\u{2212}818 919 €");
    assert_eq!(fr["seuil"], "< 0 €");
    assert_eq!(fr["niveau"], "alerte");
    // The value's derivation names its row in the figures file.
    assert_eq!(fr["derivation"]["entrees"][0]["fichier"], SLICE);
    assert!(fr["derivation"]["entrees"][0]["ligne"].as_u64().unwrap() > 1);
    // Missing is null, never 0.
    let caf_nette = first["incertains"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["indicateur"] == "caf_nette")
        .unwrap();
    assert_eq!(caf_nette["affichage"], serde_json::Value::Null);
    assert_eq!(
        caf_nette["chiffres_manquants"][0],
        "remboursements_emprunts"
    );
    assert_eq!(v["summary"]["groupes"]["critique"], 2);
    // Streamed and in-memory JSON agree.
    let mut streamed = Vec::new();
    report::write(report::Format::Json, &d, &run.map, &mut streamed).unwrap();
    assert_eq!(String::from_utf8(streamed).unwrap(), text);
    insta::assert_snapshot!(
        "normandie_2014_json_head",
        mask_std_json(&text)
            .lines()
            .take(60)
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// Every figure of every establishment of the slice, taken away in turn,
/// never puts the establishment in a more severe group (nor one without a
/// figure missing in a less severe one than its own… that can happen, and
/// is the point: missing is not 0, and not a reason to raise).
#[test]
fn removing_any_real_figure_never_raises_a_group() {
    let mut run = run(&[], SLICE);
    let def = run.program.diagnosis_defs.get(STD).unwrap().clone();
    let d = diagnose::diagnose(&run.program, &run.figures, 2014, &def);
    let names: Vec<String> = run.program.indicateurs.keys().cloned().collect();
    let severity = |figures: &Figures, program, finess: &str| {
        diagnose::diagnose_one(program, figures, 2014, &def, finess)
            .and_then(|e| e.groupe)
            .unwrap_or(usize::MAX)
    };
    let mut tried = 0;
    for e in &d.etablissements {
        let finess = e.etablissement.finess.as_str();
        let before = e.groupe.unwrap();
        for year in 2011..=2014 {
            for name in &names {
                let Some(figure) = run.figures.remove(finess, year, name) else {
                    continue;
                };
                let after = severity(&run.figures, &run.program, finess);
                assert!(
                    after >= before,
                    "{finess}: without {name} {year}, group {before} → {after}"
                );
                run.figures.insert(finess, year, name, figure).unwrap();
                tried += 1;
            }
        }
    }
    assert!(tried > 2_000, "{tried}");
}

#[test]
fn contracts_are_cross_checked() {
    let run = run(&["tests/fixtures/diagnose/contrats"], SLICE);
    let d = diagnosis(&run, 2014);
    let r = d.contrats.as_ref().expect("contracts given");
    // Lisieux (fragile) and Argentan (sans alerte) are contracted; the
    // contract of Coutances ended in 2013 and does not count.
    assert_eq!(r.contrats, 3);
    assert!(!r.sans_contrat.contains(&"140000035".to_string()));
    assert!(r.sans_contrat.contains(&"140000159".to_string()));
    assert_eq!(r.revenus, ["610780090"]);
    assert_eq!(r.non_diagnostiques.len(), 1);
    assert_eq!(r.non_diagnostiques[0].1, "760000018");
    let lisieux = d
        .etablissements
        .iter()
        .find(|e| e.etablissement.finess == "140000035")
        .unwrap();
    assert_eq!(lisieux.contrats, ["ch_lisieux_cref_2014"]);
    // The contract's name and category win over Hospi Diag's.
    assert_eq!(
        lisieux.etablissement.raison_sociale.as_deref(),
        Some("Centre hospitalier de Lisieux")
    );
    let text = report::report(report::Format::Text, &d, &run.map);
    assert!(
        text.contains("À contractualiser, sans contrat : 16"),
        "{text}"
    );
    assert!(text.contains("Sous contrat et revenus « sans alerte » : 1"));
}

#[test]
fn the_national_file_is_diagnosed_with_its_outliers() {
    if !std::path::Path::new(NATIONAL).exists() {
        eprintln!("{NATIONAL} absent : test ignoré");
        return;
    }
    let run = run(&[], NATIONAL);
    let d = diagnosis(&run, 2014);
    assert!(d.etablissements.len() > 500, "{}", d.etablissements.len());
    let public = d
        .etablissements
        .iter()
        .filter(|e| e.etablissement.statut.as_deref() == Some("public"))
        .count();
    assert!(public > 400, "{public}");
    // Every establishment is in a group, ranks start at 1 in each group.
    assert!(d.etablissements.iter().all(|e| e.groupe.is_some()));
    for (i, _) in d.groupes.iter().enumerate() {
        let first = d.etablissements.iter().find(|e| e.groupe == Some(i));
        assert!(first.is_none_or(|e| e.rang == 1));
    }
    // 2015 has no finance: nobody is diagnosed, nobody crashes.
    let d2015 = diagnosis(&run, 2015);
    assert!(d2015.etablissements.is_empty());
    assert!(d2015.sans_chiffres.len() > 600);
    for format in [
        report::Format::Text,
        report::Format::Json,
        report::Format::Markdown,
        report::Format::Html,
    ] {
        assert!(!report::report(format, &d, &run.map).is_empty());
    }
}
