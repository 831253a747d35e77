#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly
//! Regression tests of the reliability defects (issue 17), each with its
//! exact input: numeric overflow, special files, folder links, unsafe
//! writes, the `synthese` contract, git revisions, Markdown escaping,
//! years with leading zeros. Inputs: `tests/fixtures/fiabilite/`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const FIX: &str = "tests/fixtures/fiabilite";
const VALMONT: &str = "examples/ch_valmont.pacte";
const CHIFFRES: &str = "examples/chiffres-2026.csv";

fn pacte_in(dir: Option<&Path>, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pacte"));
    cmd.args(args).env("NO_COLOR", "1");
    if let Some(dir) = dir {
        cmd.current_dir(dir);
    }
    cmd.output().unwrap()
}

fn pacte(args: &[&str]) -> Output {
    pacte_in(None, args)
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

// ------------------------------------------------------------ overflow

#[test]
fn overflowing_amounts_weights_and_decimals_are_e0003_never_a_panic() {
    for case in [
        "aide_deux_contrats",
        "gains_debordants.pacte",
        "echeancier_debordant.pacte",
        "poids_debordants.pacte",
        "decimales.pacte",
    ] {
        let o = pacte(&["check", &format!("{FIX}/{case}")]);
        assert_eq!(o.status.code(), Some(1), "{case}: {}", err(&o));
        assert!(out(&o).contains("[E0003]"), "{case}: {}", out(&o));
    }
    // `render` and `avenant` used to panic on a schedule whose total
    // overflows: the contract is now refused, with no panic.
    let o = pacte(&["render", &format!("{FIX}/echeancier_debordant.pacte")]);
    assert_ne!(o.status.code(), Some(101), "{}", err(&o));
    let o = pacte(&[
        "avenant",
        "--numéro",
        "1",
        VALMONT,
        &format!("{FIX}/echeancier_debordant.pacte"),
    ]);
    assert_ne!(o.status.code(), Some(101), "{}", err(&o));
}

#[test]
fn too_many_decimals_are_not_silently_dropped() {
    let o = pacte(&["fmt", "--stdout", &format!("{FIX}/decimales.pacte")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!out(&o).contains(">= 0 %"), "{}", out(&o));
    assert!(err(&o).contains("29 décimales") || out(&o).contains("29 décimales"));
}

#[test]
fn a_weight_beyond_a_million_is_refused_and_a_million_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(VALMONT).unwrap();
    let over = dir.path().join("poids.pacte");
    std::fs::write(&over, text.replace("poids 3", "poids 1 000 001")).unwrap();
    let o = pacte(&["check", s(&over)]);
    assert!(
        out(&o).contains("le poids 1 000 001 dépasse"),
        "{}",
        out(&o)
    );
    let ok = dir.path().join("ok.pacte");
    std::fs::write(&ok, text.replace("poids 3", "poids 1 000 000")).unwrap();
    assert_eq!(pacte(&["check", s(&ok)]).status.code(), Some(0));
}

// ------------------------------------------------------------ special files

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("tube.pacte");
    mkfifo(&fifo);
    for args in [
        vec!["check", s(&fifo)],
        vec!["fmt", s(&fifo)],
        vec!["check", "/dev/zero"],
        vec![
            "evaluate",
            VALMONT,
            "--figures",
            s(&fifo),
            "--exercice",
            "2026",
        ],
        vec![
            "evaluate",
            VALMONT,
            "--figures",
            "/dev/zero",
            "--exercice",
            "2026",
        ],
    ] {
        let o = pacte(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            err(&o).contains("n'est pas un fichier ordinaire"),
            "{args:?}: {}",
            err(&o)
        );
    }
}

#[cfg(unix)]
#[test]
fn special_files_and_folder_links_inside_a_folder_are_skipped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d");
    std::fs::create_dir(&d).unwrap();
    std::fs::copy(VALMONT, d.join("valmont.pacte")).unwrap();
    mkfifo(&d.join("tube.pacte"));
    // `ln -s . d/self` gave 40 false E0102; two links in a loop hung.
    std::os::unix::fs::symlink(".", d.join("self")).unwrap();
    std::fs::create_dir_all(d.join("a")).unwrap();
    std::fs::create_dir_all(d.join("b")).unwrap();
    std::os::unix::fs::symlink("../b", d.join("a/vers_b")).unwrap();
    std::os::unix::fs::symlink("../a", d.join("b/vers_a")).unwrap();
    let o = pacte(&["check", s(&d)]);
    assert_eq!(o.status.code(), Some(0), "{}{}", out(&o), err(&o));
    assert!(out(&o).contains("1 fichier, 1 contrat"), "{}", out(&o));
    assert!(err(&o).contains("tube.pacte » est ignoré : ce n'est pas un fichier ordinaire"));
    assert!(err(&o).contains("lien vers un dossier, non suivi"));
}

#[cfg(unix)]
#[test]
fn fmt_of_a_folder_never_writes_outside_it() {
    let dir = tempfile::tempdir().unwrap();
    let outside = dir.path().join("dehors.pacte");
    let ugly = "contrat   x {\n intitulé \"a\"\n}\n";
    std::fs::write(&outside, ugly).unwrap();
    let d = dir.path().join("d");
    std::fs::create_dir(&d).unwrap();
    std::os::unix::fs::symlink(&outside, d.join("lien.pacte")).unwrap();
    std::os::unix::fs::symlink(dir.path(), d.join("parent")).unwrap();
    std::fs::write(d.join("dedans.pacte"), ugly).unwrap();
    let o = pacte(&["fmt", s(&d)]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), ugly);
    assert_ne!(
        std::fs::read_to_string(d.join("dedans.pacte")).unwrap(),
        ugly
    );
    assert!(err(&o).contains("hors du dossier parcouru"), "{}", err(&o));
}

// ------------------------------------------------------------ writes

#[cfg(unix)]
#[test]
fn a_planted_symlink_at_the_old_temporary_name_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victime.txt");
    std::fs::write(&victim, "intact").unwrap();
    let target = dir.path().join("doc.html");
    // The name the previous versions used: `.NAME.PID.tmp`.
    let planted = dir
        .path()
        .join(format!(".doc.html.{}.tmp", std::process::id()));
    std::os::unix::fs::symlink(&victim, &planted).unwrap();
    assert!(pacte::cli::output::write_atomic(&target, "document").unwrap());
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "intact");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "document");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 3, "no temporary file is left: {names:?}");
}

#[cfg(unix)]
#[test]
fn fmt_keeps_permissions_refuses_read_only_and_writes_through_links() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let ugly = "contrat   x {\n intitulé \"a\"\n}\n";
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;

    let kept = dir.path().join("droits.pacte");
    std::fs::write(&kept, ugly).unwrap();
    std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o640)).unwrap();
    assert_eq!(pacte(&["fmt", s(&kept)]).status.code(), Some(0));
    assert_ne!(std::fs::read_to_string(&kept).unwrap(), ugly);
    assert_eq!(mode(&kept), 0o640);

    let read_only = dir.path().join("lecture_seule.pacte");
    std::fs::write(&read_only, ugly).unwrap();
    std::fs::set_permissions(&read_only, std::fs::Permissions::from_mode(0o444)).unwrap();
    let o = pacte(&["fmt", s(&read_only)]);
    assert_ne!(o.status.code(), Some(0));
    assert!(err(&o).contains("lecture seule"), "{}", err(&o));
    assert_eq!(std::fs::read_to_string(&read_only).unwrap(), ugly);

    let real = dir.path().join("vrai.pacte");
    std::fs::write(&real, ugly).unwrap();
    let link = dir.path().join("lien.pacte");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    assert_eq!(pacte(&["fmt", s(&link)]).status.code(), Some(0));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_ne!(std::fs::read_to_string(&real).unwrap(), ugly);

    let leftovers: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_contract_named_synthese_keeps_its_review() {
    let dir = tempfile::tempdir().unwrap();
    let contract = dir.path().join("synthese.pacte");
    let text = std::fs::read_to_string(VALMONT).unwrap();
    std::fs::write(&contract, text.replace("ch_valmont_2025", "synthese")).unwrap();
    let reports = dir.path().join("revues");
    let o = pacte(&[
        "evaluate",
        s(&contract),
        "--figures",
        CHIFFRES,
        "--exercice",
        "2026",
        "--format",
        "md",
        "--out",
        s(&reports),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let review = std::fs::read_to_string(reports.join("contrat-synthese.md")).unwrap();
    let summary = std::fs::read_to_string(reports.join("synthese.md")).unwrap();
    assert!(review.contains("# Revue 2026"), "{review}");
    assert_ne!(review, summary);
}

// ------------------------------------------------------------ git

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(status.status.success(), "git {args:?}: {}", err(&status));
}

#[test]
fn diff_git_refuses_an_option_as_revision_and_reads_non_ascii_names() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git(repo, &["init", "-q"]);
    let file = repo.join("établissement_é.pacte");
    let text = std::fs::read_to_string(VALMONT).unwrap();
    std::fs::write(&file, &text).unwrap();
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "v1"]);
    std::fs::write(&file, text.replace("poids 3", "poids 4")).unwrap();

    let o = pacte_in(Some(repo), &["diff", "--git", "HEAD"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("poids de marge : 3 → 4"), "{}", out(&o));
    assert!(!out(&o).contains("ajouté"), "{}", out(&o));

    let planted = repo.join("pwned");
    let o = pacte_in(
        Some(repo),
        &["diff", &format!("--git=--output={}", planted.display())],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("n'est pas une révision git"),
        "{}",
        err(&o)
    );
    assert!(!planted.exists());
    let o = pacte_in(Some(repo), &["diff", "--git", "inconnue"]);
    assert_eq!(o.status.code(), Some(2));
}

// ------------------------------------------------------------ Markdown

const HOSTILE: &str = "<img src=x onerror=alert(1)> [clic](javascript:alert(1))";

/// The Markdown, read as a viewer reads it (GFM), has no HTML element and
/// no link from the contract text.
fn assert_inert(markdown: &str) {
    let mut options = pulldown_cmark::Options::empty();
    options.insert(pulldown_cmark::Options::ENABLE_TABLES);
    let mut html = String::new();
    pulldown_cmark::html::push_html(
        &mut html,
        pulldown_cmark::Parser::new_ext(markdown, options),
    );
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.contains("href=\"javascript:"), "{html}");
    assert!(html.contains("&lt;img"), "{html}");
}

#[test]
fn markdown_reports_escape_contract_text() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(VALMONT).unwrap();
    let hostile = text.replace(
        "Restaurer la marge brute hors aides",
        &format!("Restaurer {HOSTILE}"),
    );
    let new = dir.path().join("valmont.pacte");
    std::fs::write(&new, &hostile).unwrap();
    let o = pacte(&[
        "evaluate",
        s(&new),
        "--figures",
        CHIFFRES,
        "--exercice",
        "2026",
        "--format",
        "md",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("Restaurer \\<img"), "{}", out(&o));
    assert_inert(&out(&o));

    let o = pacte(&["diff", VALMONT, s(&new), "--format", "md"]);
    assert!(out(&o).contains("\\<img"), "{}", out(&o));
    assert_inert(&out(&o));
}

// ------------------------------------------------------------ fmt

#[test]
fn years_with_leading_zeros_are_a_located_syntax_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("annees.pacte");
    std::fs::write(
        &file,
        "contrat x {\n  intitulé \"a\"\n  période 0001 à 0003\n  objectif o {\n    cible 0002: >= 4 %\n  }\n}\n",
    )
    .unwrap();
    let o = pacte(&["fmt", "--stdout", s(&file)]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    let shown = format!("{}{}", out(&o), err(&o));
    assert!(
        shown.contains("l'année « 0001 » commence par un zéro"),
        "{shown}"
    );
    assert!(shown.contains("annees.pacte:3:11"), "{shown}");
}
