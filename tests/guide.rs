#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly
//! `pacte nouveau` and `pacte std` (issue 12, item 10): the template of
//! every std framework checks clean once its FINESS is given, and marks
//! exactly what must be filled in otherwise; the std listings are snapshots.

use pacte::guide::bibliotheque::{show, Kind};
use pacte::guide::nouveau::{template, Options};
use pacte::model::Program;
use std::process::Command;

fn std_program() -> Program {
    let (_, _, program) = pacte::pipeline::check_text("vide.pacte", "");
    program
}

fn codes_of(text: &str) -> Vec<String> {
    let (_, diagnostics, _) = pacte::pipeline::check_text("nouveau.pacte", text);
    diagnostics.iter().map(|d| d.code.to_string()).collect()
}

#[test]
fn every_framework_template_checks_clean_with_a_finess() {
    let program = std_program();
    assert!(program.cadres.len() >= 4);
    for cadre in program.cadres.keys() {
        let options = Options {
            cadre: cadre.clone(),
            finess: Some("290099142".into()),
        };
        let text = template(&program, &options).unwrap();
        assert_eq!(codes_of(&text), Vec::<String>::new(), "{cadre}:\n{text}");
        assert!(text.contains(&format!("cadre {cadre}")));
        assert!(
            text.contains("ars \"ARS Bretagne\""),
            "{cadre}: agency from the FINESS"
        );
        // Canonical layout: the formatter leaves it unchanged.
        assert_eq!(
            pacte::fmt::format("n.pacte", &text).unwrap(),
            text,
            "{cadre}"
        );
    }
}

#[test]
fn without_a_finess_only_the_placeholders_are_reported() {
    let program = std_program();
    let options = Options {
        cadre: "redressement_2025".into(),
        finess: None,
    };
    let text = template(&program, &options).unwrap();
    let mut codes = codes_of(&text);
    codes.sort();
    assert_eq!(codes, vec!["E0101", "E0203"], "{text}");
    insta::assert_snapshot!("nouveau_redressement_2025", text);
}

#[test]
fn bad_arguments_are_refused_with_the_fix() {
    let program = std_program();
    let wrong_key = Options {
        cadre: "cref".into(),
        finess: Some("290099143".into()),
    };
    let e = template(&program, &wrong_key).unwrap_err();
    assert!(e.contains("la clé attendue est 2"), "{e}");
    let unknown = Options {
        cadre: "redresement_2025".into(),
        finess: None,
    };
    let e = template(&program, &unknown).unwrap_err();
    assert!(e.contains("vouliez-vous dire « redressement_2025 »"), "{e}");
}

#[test]
fn std_listings_and_items() {
    let program = std_program();
    insta::assert_snapshot!("std_apercu", show(&program, None, None).unwrap());
    insta::assert_snapshot!(
        "std_cadres",
        show(&program, Some(Kind::Cadres), None).unwrap()
    );
    let themes = show(&program, Some(Kind::Themes), None).unwrap();
    assert_eq!(themes.lines().count(), 30, "{themes}");
    insta::assert_snapshot!("std_themes", themes);
    insta::assert_snapshot!(
        "std_taux_de_deficit",
        show(&program, Some(Kind::Indicateurs), Some("taux_de_déficit")).unwrap()
    );
    insta::assert_snapshot!(
        "std_redressement_2025",
        show(&program, None, Some("redressement_2025")).unwrap()
    );
    let e = show(
        &program,
        Some(Kind::Indicateurs),
        Some("marge_brute_hors_aide"),
    )
    .unwrap_err();
    assert!(
        e.contains("vouliez-vous dire « marge_brute_hors_aides »"),
        "{e}"
    );
}

#[test]
fn the_commands_write_and_refuse_to_overwrite() {
    let dir = std::env::temp_dir().join(format!("pacte-nouveau-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("contrat.pacte");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_pacte"))
            .args(args)
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    let f = file.to_str().unwrap();
    let o = run(&["nouveau", "--cadre", "cpom", "--finess", "760000018", f]);
    assert_eq!(o.status.code(), Some(0));
    assert!(run(&["check", f]).status.success());
    let o = run(&["nouveau", f]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("existe déjà"));
    let o = run(&["std", "thèmes", "achats.stocks"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("thème achats.stocks"));
}
