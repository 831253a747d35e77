#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly
//! The command-line contract: exit codes, streams, formats, bad input.

use std::process::{Command, Output};

fn pacte(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pacte"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn temp_file(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("pacte-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn clean_examples_print_only_a_summary_and_exit_0() {
    let o = pacte(&["check", "examples/"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("0 erreur, 0 avertissement"));
}

#[test]
fn errors_exit_1_and_warnings_only_with_deny_warnings() {
    assert_eq!(
        pacte(&["check", "examples/erreurs/E0101-indicateur-inconnu.pacte"])
            .status
            .code(),
        Some(1)
    );
    let warning = "examples/erreurs/E0303-sens-contraire.pacte";
    assert_eq!(pacte(&["check", warning]).status.code(), Some(0));
    assert_eq!(
        pacte(&["check", warning, "--deny-warnings"]).status.code(),
        Some(1)
    );
}

#[test]
fn unreadable_path_exits_2_with_a_french_line() {
    let o = pacte(&["check", "introuvable.pacte"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with("erreur : impossible de lire « introuvable.pacte »"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
}

#[test]
fn json_has_the_spec_shape() {
    let o = pacte(&[
        "check",
        "examples/erreurs/E0203-finess-cle-invalide.pacte",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let d = &v["diagnostics"][0];
    assert_eq!(d["code"], "E0203");
    assert_eq!(d["severity"], "error");
    for key in [
        "message",
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "help",
        "notes",
    ] {
        assert!(!d[key].is_null(), "{key}");
    }
    assert_eq!(v["summary"]["errors"], 1);
    assert_eq!(v["summary"]["contracts"], 1);
}

#[test]
fn sarif_and_github_formats() {
    let file = "examples/erreurs/E0101-indicateur-inconnu.pacte";
    let sarif: serde_json::Value =
        serde_json::from_slice(&pacte(&["check", file, "--format", "sarif"]).stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(sarif["runs"][0]["results"][0]["ruleId"], "E0101");
    let github = stdout(&pacte(&["check", file, "--format", "github"]));
    assert!(
        github.starts_with("::error file=examples/erreurs/E0101-indicateur-inconnu.pacte,line="),
        "{github}"
    );
    assert!(github.contains("title=E0101::"));
}

#[test]
fn no_colour_when_not_a_terminal_even_if_forced_off_by_no_color() {
    let o = pacte(&["check", "examples/erreurs/E0101-indicateur-inconnu.pacte"]);
    assert!(!stdout(&o).contains('\u{1b}'));
}

#[test]
fn bad_input_never_panics() {
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("vide.pacte", Vec::new()),
        ("commentaire.pacte", b"// rien d'autre\n".to_vec()),
        ("nul.pacte", b"contrat x {\0}".to_vec()),
        ("latin1.pacte", b"contrat x { intitul\xe9 \"t\" }".to_vec()),
        (
            "parentheses.pacte",
            format!(
                "indicateur i {{ unité % formule {}a{} }}",
                "(".repeat(10_000),
                ")".repeat(10_000)
            )
            .into_bytes(),
        ),
        ("accolades.pacte", "{".repeat(100_000).into_bytes()),
        (
            "gros.pacte",
            "// remplissage\n".repeat(700_000).into_bytes(),
        ),
    ];
    for (name, bytes) in cases {
        let path = temp_file(name, &bytes);
        let o = pacte(&["check", path.to_str().unwrap()]);
        let code = o.status.code();
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        assert!(
            matches!(code, Some(0) | Some(1) | Some(2)) && !err.contains("panicked"),
            "{name}: {code:?} {err}"
        );
        let out = stdout(&o);
        match name {
            // Nothing to check is a mistake CI must see (issue 12, item 6).
            "vide.pacte" | "commentaire.pacte" | "gros.pacte" => {
                assert_eq!(code, Some(2), "{name}: {out}");
                assert!(err.contains("aucun contrat trouvé dans"), "{name}: {err}");
            }
            "nul.pacte" | "latin1.pacte" => assert!(out.contains("E0002"), "{name}: {out}"),
            _ => assert!(out.contains("E0001"), "{name}: {out}"),
        }
    }
}

#[test]
fn explain_prints_every_code_and_refuses_unknown_ones() {
    for code in pacte::diagnostic::Code::ALL {
        let o = pacte(&["explain", code.as_str()]);
        assert_eq!(o.status.code(), Some(0));
        assert!(
            stdout(&o).starts_with(&format!("# {}", code.as_str())),
            "{code}"
        );
    }
    let o = pacte(&["explain", "E0100"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("vouliez-vous dire"));
}

#[test]
fn argument_errors_and_help_are_in_french() {
    let o = pacte(&["chek", "examples/"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with("erreur : commande inconnue « chek » ; vouliez-vous dire « check » ?"),
        "{err}"
    );
    let o = pacte(&["check", "examples/", "--format", "yaml"]);
    assert!(String::from_utf8_lossy(&o.stderr)
        .contains("valeurs possibles : text, json, sarif, github"));
    let help = stdout(&pacte(&["check", "--help"]));
    assert!(
        help.contains("Utilisation : pacte check") && help.contains("Affiche l'aide"),
        "{help}"
    );
    assert_eq!(pacte(&["--help"]).status.code(), Some(0));
}
