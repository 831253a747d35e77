#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly
//! `pacte render`: Markdown snapshots of the examples, the structure of the
//! HTML, escaping of every text field, and the command line.

mod support;

use pacte::cli::check::check_paths;
use pacte::render::{render, Format};
use std::path::{Path, PathBuf};
use std::process::Command;
use support::html::assert_tags_are_safe;

/// Renders every contract of one file, as `pacte render` does.
fn render_file(path: &str, format: Format) -> String {
    let checked = check_paths(&[PathBuf::from(path)], None).unwrap();
    let errors: Vec<String> = checked
        .diagnostics
        .iter()
        .filter(|d| d.severity() == pacte::diagnostic::Severity::Error)
        .map(|d| format!("{} {}", d.code, d.message))
        .collect();
    assert!(errors.is_empty(), "{path}: {errors:#?}");
    let id = checked.workspace.user[0];
    let contrats: Vec<_> = checked
        .program
        .contrats
        .iter()
        .filter(|c| c.span.source == id)
        .collect();
    assert!(!contrats.is_empty(), "{path}");
    let literate = path
        .ends_with(".pacte.md")
        .then(|| std::fs::read_to_string(path).unwrap());
    render(&checked.program, &contrats, literate.as_deref(), format)
}

// ------------------------------------------------------------------ snapshots

#[test]
fn markdown_of_the_spec_example() {
    insta::assert_snapshot!(
        "ch_valmont.md",
        render_file("examples/ch_valmont.pacte", Format::Md)
    );
}

#[test]
fn markdown_of_the_chu_example() {
    insta::assert_snapshot!(
        "chu_exemple.md",
        render_file("examples/chu_exemple.pacte", Format::Md)
    );
}

#[test]
fn markdown_of_the_literate_example() {
    insta::assert_snapshot!(
        "ch_rivebelle.md",
        render_file("examples/litteraire/ch_rivebelle.pacte.md", Format::Md)
    );
}

#[test]
fn markdown_of_a_cref_with_gains() {
    insta::assert_snapshot!(
        "ch_montrivage_cref.md",
        render_file(
            "examples/region-exemple/ch_montrivage_cref.pacte",
            Format::Md
        )
    );
}

// ------------------------------------------------------------------ structure

#[test]
fn html_has_every_objective_formatted_amounts_and_dates() {
    let checked = check_paths(&[PathBuf::from("examples/chu_exemple.pacte")], None).unwrap();
    let contrat = &checked.program.contrats[0];
    let html = render_file("examples/chu_exemple.pacte", Format::Html);
    let typo = |s: &str| pacte::render::html::texte(s).into_string();
    for o in &contrat.objectifs {
        let libelle = typo(&o.libelle.as_ref().unwrap().value);
        assert!(
            html.contains(&format!("<td>{libelle}<span class=\"detail\">")),
            "objective row missing: {libelle}"
        );
        for action in &o.actions {
            assert!(
                html.contains(&typo(&action.libelle.value)),
                "action missing"
            );
        }
    }
    // Amounts: the aid schedule, its total, a payment; baseline figures.
    for amount in [
        "8 000 000 €",
        "6 000 000 €",
        "25 000 000 €",
        "719 325 458 €",
        "-28 190 415 €",
    ] {
        assert!(html.contains(amount), "{amount}");
    }
    assert!(html.contains(&typo("≥ 3,5 %")) && html.contains(&typo("entre 21 j et 30 j")));
    for date in [
        "12 décembre 2025",
        "15 avril 2026",
        "30 septembre 2026",
        "8 juillet 2027",
    ] {
        assert!(html.contains(date), "{date}");
    }
    assert!(html.contains("Objectif national de dépenses d’assurance maladie (ONDAM)"));
    assert_eq!(html.matches("<section class=\"article").count(), 9);
    assert!(html.contains("id=\"article-9\""));
}

#[test]
fn html_is_self_contained_and_printable() {
    let html = render_file("examples/ch_valmont.pacte", Format::Html);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(html.contains("@media print") && html.contains("size: A4"));
    for external in [
        "<script", "<link", " src=", "url(", "@import", "http://", "https://",
    ] {
        let found = html.replace("http://www.w3.org/2000/svg", "");
        assert!(!found.contains(external), "{external}");
    }
    assert_eq!(html.matches("<style>").count(), 1);
    assert!(html.contains("1 500 000 €") && html.contains("10 décembre 2025"));
}

#[test]
fn the_ondam_caveat_names_the_indicative_years_only() {
    let md = render_file("examples/ch_valmont.pacte", Format::Md);
    assert!(md.contains(
        "Les montants mentionnés pour les exercices 2026 et 2027 le sont à titre indicatif, sous réserve de la disponibilité des crédits dans l'Objectif national de dépenses d'assurance maladie (ONDAM)."
    ));
    assert!(md.contains("Le montant de l'exercice 2025 constitue un engagement ferme"));
}

#[test]
fn literate_prose_surrounds_the_articles_in_order() {
    let md = render_file("examples/litteraire/ch_rivebelle.pacte.md", Format::Md);
    let at = |s: &str| md.find(s).unwrap_or_else(|| panic!("{s}"));
    assert!(at("## Les parties") < at("Entre\n"));
    assert!(at("Entre\n") < at("## Article 1"));
    assert!(at("## Article 2") < at("## Les engagements"));
    assert!(at("## Les engagements") < at("## Article 3"));
    assert!(at("## Article 9") < at("Fait à Rouen"));
    assert!(at("Fait à Rouen") < at("## Signatures"));
    // The prose titles and dates the contract: neither is repeated.
    assert_eq!(md.matches("# Contrat de redressement").count(), 1);
    assert!(!md.contains("Fait le 15 décembre 2025"));
    assert!(!md.contains("```"));
    let html = render_file("examples/litteraire/ch_rivebelle.pacte.md", Format::Html);
    assert!(html.contains("<h1>Contrat de redressement du Centre hospitalier de Rivebelle</h1>"));
    assert!(html.contains("class=\"entete\""));
}

#[test]
fn every_clean_example_renders_in_both_formats() {
    let mut files = Vec::new();
    for dir in [
        "examples",
        "examples/region-exemple",
        "examples/litteraire",
        "examples/modeles",
    ] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.to_string_lossy().into_owned();
            let has_contract = std::fs::read_to_string(&path)
                .map(|t| t.lines().any(|l| l.starts_with("contrat ")))
                .unwrap_or(false);
            if pacte::cli::load::is_pacte_file(&path) && has_contract {
                files.push(name);
            }
        }
    }
    assert!(files.len() >= 10, "{files:?}");
    for f in files {
        let md = render_file(&f, Format::Md);
        assert!(md.contains("## Article 1 – "), "{f}");
        assert_markdown_is_safe(&md, &f);
        assert!(md.contains("## Signatures"), "{f}");
        let html = render_file(&f, Format::Html);
        assert!(html.ends_with("</html>\n"), "{f}");
        assert_tags_are_safe(&html, &f);
    }
}

// ------------------------------------------------------------------ escaping

#[test]
fn no_payload_in_any_text_field_survives_in_html() {
    let path = "tests/fixtures/render/hostile.pacte";
    let html = render_file(path, Format::Html);
    assert_tags_are_safe(&html, path);
    // The payloads are shown as text, so a reader sees what was written.
    for visible in [
        "Contrat &lt;script&gt;",
        "CH &lt;script&gt;",
        "Levier &lt;img src=x onerror=alert(",
        "Action &lt;script&gt;",
        "Responsable &lt;img",
        "GHT &lt;a href=",
        "Objet &lt;script&gt;",
        "Condition &lt;script&gt;",
        "justification &lt;script&gt;",
        "enveloppe &lt;a href=",
        "Cadre &lt;iframe",
        "Préambule &lt;script&gt;",
        "Texte d’objectif &lt;script&gt;",
        "Taux &lt;script&gt;",
    ] {
        assert!(html.contains(visible), "{visible}");
    }
    // Links whose target was unsafe keep their text only.
    assert!(html.contains(">lien<") || html.contains(" lien."));
}

/// Read as CommonMark, the Markdown output has no raw HTML and no link or
/// image to anything but `http(s)`, `mailto` or a relative target.
fn assert_markdown_is_safe(md: &str, what: &str) {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    for event in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => panic!("{what}: raw HTML {h:?}"),
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                assert!(
                    pacte::render::escape::safe_url(&dest_url),
                    "{what}: link {dest_url}"
                );
            }
            _ => {}
        }
    }
}

#[test]
fn no_payload_survives_in_markdown() {
    let path = "tests/fixtures/render/hostile.pacte";
    let md = render_file(path, Format::Md);
    assert_markdown_is_safe(&md, path);
    // Shown as text.
    assert!(md.contains("Contrat \\<script\\>alert('intitulé')\\</script\\>"));
}

#[test]
fn literate_prose_is_sanitised_too() {
    let dir = std::env::temp_dir().join(format!("pacte-render-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let valmont = std::fs::read_to_string("examples/ch_valmont.pacte").unwrap();
    let md = format!(
        "# Titre <script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[clic](javascript:alert(3))\n\n```pacte\n{valmont}```\n\n<iframe src=\"javascript:alert(4)\"></iframe>\n"
    );
    let path = dir.join("hostile.pacte.md");
    std::fs::write(&path, md).unwrap();
    let path = path.to_string_lossy().into_owned();
    let html = render_file(&path, Format::Html);
    assert_tags_are_safe(&html, &path);
    assert!(html.contains("clic"));
    let out = render_file(&path, Format::Md);
    assert_markdown_is_safe(&out, &path);
}

// ------------------------------------------------------------------ command line

fn pacte(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_pacte"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

#[test]
fn render_prints_markdown_by_default_and_writes_html_with_out() {
    let o = pacte(&["render", "examples/ch_valmont.pacte"]);
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.starts_with("# Contrat de redressement du Centre hospitalier de Valmont\n"));
    assert!(o.stderr.is_empty());

    let dir = std::env::temp_dir().join(format!("pacte-render-cli-{}", std::process::id()));
    let file = dir.join("valmont.html");
    let o = pacte(&[
        "render",
        "examples/ch_valmont.pacte",
        "--format",
        "html",
        "--out",
        file.to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(o.stdout.is_empty());
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.contains("<h1>Contrat de redressement du Centre hospitalier de Valmont</h1>"));
}

#[test]
fn a_contract_with_errors_is_not_rendered() {
    let o = pacte(&["render", "examples/erreurs/E0101-indicateur-inconnu.pacte"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("[E0101]"), "{err}");
}

#[test]
fn render_refuses_folders_missing_files_and_files_without_contract() {
    let o = pacte(&["render", "examples"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("erreur : "));
    let o = pacte(&["render", "introuvable.pacte"]);
    assert_eq!(o.status.code(), Some(2));
    let o = pacte(&["render", "examples/region-exemple/delegation.pacte"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("ne contient aucun contrat"), "{err}");
    assert!(Path::new("examples/region-exemple/delegation.pacte").exists());
}

#[test]
fn several_contracts_in_one_file_each_get_their_sheet() {
    let dir = std::env::temp_dir().join(format!("pacte-render-multi-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = std::fs::read_to_string("examples/ch_valmont.pacte").unwrap()
        + &std::fs::read_to_string("examples/chu_exemple.pacte").unwrap();
    let path = dir.join("deux.pacte");
    std::fs::write(&path, text).unwrap();
    let path = path.to_string_lossy().into_owned();
    let html = render_file(&path, Format::Html);
    assert_eq!(html.matches("<section class=\"feuille\">").count(), 2);
    assert_eq!(html.matches("<h1>").count(), 2);
    let md = render_file(&path, Format::Md);
    assert_eq!(md.matches("\n## Signatures\n").count(), 2);
    assert!(md.find("Valmont").unwrap() < md.find("Sarmont").unwrap());
}

// ------------------------------------------------------------------ properties

mod properties {
    use super::{assert_markdown_is_safe, assert_tags_are_safe};
    use pacte::render::{render, Format};
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "<",
        ">",
        "\"",
        "'",
        "&",
        "=",
        "/",
        ":",
        ";",
        "(",
        ")",
        "[",
        "]",
        "!",
        "`",
        "*",
        "_",
        "#",
        "|",
        "\\",
        "\n",
        " ",
        "script",
        "javascript:",
        "JaVaScRiPt:",
        "onerror=",
        "onload=",
        "<img src=x onerror=alert(1)>",
        "<script>",
        "</script>",
        "[x](javascript:alert(1))",
        "<a href=\"javascript:x\">",
        "&#106;",
        "&lt;",
        "data:text/html,",
        "é",
        "€",
        "1 500 000",
        "<!--",
        "-->",
        "<![CDATA[",
        "<svg/onload=alert(1)>",
        "<style>",
        "```",
        "---",
        "- ",
    ];

    fn payload() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(PIECES), 0..24).prop_map(|p| p.concat())
    }

    /// As the content of a `"…"` string.
    fn quoted(s: &str) -> String {
        s.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n")
    }

    fn contract(texts: &[String]) -> String {
        let base = std::fs::read_to_string("examples/ch_valmont.pacte").unwrap();
        let q = |i: usize| quoted(&texts[i]);
        let block = texts[6].replace("\"\"\"", "");
        base.replace(
            "Contrat de redressement du Centre hospitalier de Valmont",
            &q(0),
        )
        .replace("Centre hospitalier de Valmont", &q(1))
        .replace("GHT Caux Maritime", &q(2))
        .replace("Restaurer la marge brute hors aides", &q(3))
        .replace("Déployer les protocoles RAAC", &q(4))
        .replace("Direction des soins", &q(5))
        .replace(
            "Le potentiel de chirurgie ambulatoire a été identifié lors de l'appui 360",
            &block,
        )
    }

    fn render_all(text: &str, literate: bool) -> (String, String) {
        let path = if literate { "p.pacte.md" } else { "p.pacte" };
        let (_, _, program) = pacte::pipeline::check_text(path, text);
        let contrats: Vec<_> = program.contrats.iter().collect();
        let prose = literate.then_some(text);
        (
            render(&program, &contrats, prose, Format::Html),
            render(&program, &contrats, prose, Format::Md),
        )
    }

    // 16 cases in the default run, 128 in the ignored run that CI does.
    proptest! {
        #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

        #[test]
        fn random_text_in_every_field_stays_text(texts in prop::collection::vec(payload(), 7)) {
            let (html, md) = render_all(&contract(&texts), false);
            assert_tags_are_safe(&html, "propriété");
            assert_markdown_is_safe(&md, "propriété");
        }

        #[test]
        fn random_literate_prose_stays_text(before in payload(), after in payload()) {
            let valmont = std::fs::read_to_string("examples/ch_valmont.pacte").unwrap();
            let before = before.replace("```", "");
            let after = after.replace("```", "");
            let text = format!("{before}\n\n```pacte\n{valmont}```\n\n{after}\n");
            let (html, md) = render_all(&text, true);
            assert_tags_are_safe(&html, "prose");
            assert_markdown_is_safe(&md, "prose");
        }

        #[test]
        fn broken_contracts_still_render_without_panicking(cut in 0usize..3000) {
            let base = std::fs::read_to_string("examples/chu_exemple.pacte").unwrap();
            let mut at = cut.min(base.len());
            while !base.is_char_boundary(at) {
                at -= 1;
            }
            let (html, _) = render_all(&base[..at], false);
            prop_assert!(html.ends_with("</html>\n"));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

        #[test]
        #[ignore = "lourd : cargo test -- --ignored (CI)"]
        fn many_random_text_in_every_field_stays_text(texts in prop::collection::vec(payload(), 7)) {
            let (html, md) = render_all(&contract(&texts), false);
            assert_tags_are_safe(&html, "propriété");
            assert_markdown_is_safe(&md, "propriété");
        }

        #[test]
        #[ignore = "lourd : cargo test -- --ignored (CI)"]
        fn many_random_literate_prose_stays_text(before in payload(), after in payload()) {
            let valmont = std::fs::read_to_string("examples/ch_valmont.pacte").unwrap();
            let before = before.replace("```", "");
            let after = after.replace("```", "");
            let text = format!("{before}\n\n```pacte\n{valmont}```\n\n{after}\n");
            let (html, md) = render_all(&text, true);
            assert_tags_are_safe(&html, "prose");
            assert_markdown_is_safe(&md, "prose");
        }

        #[test]
        #[ignore = "lourd : cargo test -- --ignored (CI)"]
        fn many_broken_contracts_still_render_without_panicking(cut in 0usize..3000) {
            let base = std::fs::read_to_string("examples/chu_exemple.pacte").unwrap();
            let mut at = cut.min(base.len());
            while !base.is_char_boundary(at) {
                at -= 1;
            }
            let (html, _) = render_all(&base[..at], false);
            prop_assert!(html.ends_with("</html>\n"));
        }
    }
}
