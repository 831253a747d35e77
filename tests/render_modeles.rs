#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly
//! `pacte render` after the framework's `modèle` (spec §5, §9): a Markdown
//! snapshot of one contract per model, and the structure of its HTML (each
//! article, one signature box per signatory, no identifier in the text).

mod support;

use pacte::cli::check::check_paths;
use pacte::render::{render, Format};
use std::path::PathBuf;
use support::html::assert_tags_are_safe;

const CPOM: &str = "examples/modeles/ch_layon_cpom.pacte";
const CREF: &str = "examples/region-exemple/ch_montrivage_cref.pacte";
const PERFORMANCE: &str = "tests/fixtures/render/performance_anap.pacte";
const REDRESSEMENT: &str = "examples/ch_valmont.pacte";

/// Renders every contract of one file; `clean` asks for no error.
fn render_path(path: &str, format: Format, clean: bool) -> String {
    let checked = check_paths(&[PathBuf::from(path)], None).unwrap();
    let errors: Vec<String> = checked
        .diagnostics
        .iter()
        .filter(|d| d.severity() == pacte::diagnostic::Severity::Error)
        .map(|d| format!("{} {}", d.code, d.message))
        .collect();
    assert!(!clean || errors.is_empty(), "{path}: {errors:#?}");
    let id = checked.workspace.user[0];
    let contrats: Vec<_> = checked
        .program
        .contrats
        .iter()
        .filter(|c| c.span.source == id)
        .collect();
    render(&checked.program, &contrats, None, format)
}

fn render_file(path: &str, format: Format) -> String {
    render_path(path, format, true)
}

/// The visible text of an HTML document, without its tags, its style sheet
/// and the letterhead's reference.
fn visible(html: &str) -> String {
    let body = html.split("<body>").nth(1).unwrap_or(html);
    // The letterhead's reference is a filing number, not signed text.
    let body = match (
        body.find("<span class=\"reference\">"),
        body.find("</header>"),
    ) {
        (Some(a), Some(b)) if a < b => format!("{}{}", &body[..a], &body[b..]),
        _ => body.to_string(),
    };
    let mut out = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// No identifier of the program (indicators, themes, frameworks,
/// envelopes, objectives) in the signed text.
fn assert_no_identifier(path: &str) {
    let checked = check_paths(&[PathBuf::from(path)], None).unwrap();
    let html = render_file(path, Format::Html);
    let text = visible(&html);
    let p = &checked.program;
    let mut names: Vec<String> = p.indicateurs.keys().cloned().collect();
    names.extend(p.themes.keys().cloned());
    names.extend(p.cadres.keys().cloned());
    names.extend(p.enveloppes.keys().cloned());
    for c in &p.contrats {
        names.extend(c.objectifs.iter().map(|o| o.id.name.clone()));
        names.push(c.id.name.clone());
    }
    for name in names.iter().filter(|n| n.contains('_') || n.contains('.')) {
        assert!(
            !text.contains(name.as_str()),
            "{path}: identifier « {name} » in the text"
        );
    }
    assert!(!text.contains(">="), "{path}");
    assert!(!text.contains("<="), "{path}");
    assert!(
        !text.contains("de l'fonds") && !text.contains("de l’fonds"),
        "{path}"
    );
}

/// Every title, in order, as `Article N – TITRE` headings.
fn assert_articles(html: &str, titres: &[&str], path: &str) {
    let typo = |s: &str| pacte::render::html::texte(s).into_string();
    let mut from = 0;
    for (i, titre) in titres.iter().enumerate() {
        let heading = format!(
            "<span class=\"numero\">Article {}</span>{}",
            i + 1,
            typo(&format!(" – {titre}"))
        );
        let at = html[from..]
            .find(&heading)
            .unwrap_or_else(|| panic!("{path}: {heading}"));
        from += at;
    }
    assert_eq!(
        html.matches("<span class=\"numero\">").count(),
        titres.len(),
        "{path}: exactly these articles"
    );
}

// ------------------------------------------------------------------ snapshots

#[test]
fn markdown_of_a_cpom() {
    insta::assert_snapshot!("modele_cpom.md", render_file(CPOM, Format::Md));
}

#[test]
fn markdown_of_a_contrat_performance() {
    insta::assert_snapshot!(
        "modele_contrat_performance.md",
        render_file(PERFORMANCE, Format::Md)
    );
}

// ------------------------------------------------------------------ structure

#[test]
fn the_cpom_follows_the_model_cpom() {
    let html = render_file(CPOM, Format::Html);
    assert_articles(
        &html,
        &[
            "Les fondements",
            "Les orientations stratégiques",
            "Le suivi du contrat",
            "La révision du contrat",
            "La résiliation du contrat en cas de manquement grave",
            "Les sanctions en cas d’inexécution totale ou partielle des engagements",
            "Durée du contrat et entrée en vigueur",
        ],
        CPOM,
    );
    let text = visible(&html);
    for expected in [
        "Vu les articles L.\u{a0}6114-1 à L.\u{a0}6114-5 du code de la santé publique",
        "Vu les articles R.\u{a0}6114-9 et R.\u{a0}6114-10",
        "Vu le projet régional de santé",
        "Vu l’avis du conseil de surveillance",
        "Il a été expressément convenu ce qui suit",
        "Titre 1. L’objet du contrat",
        "Titre 2. La mise en œuvre du contrat",
        "au plus tard le 14 janvier 2030, un an avant l’échéance",
        "Le contrat est conclu pour une durée de cinq ans.",
        "5 %",
        "Fait à Angers, le 15 janvier 2026",
        "Au titre du Fonds d’intervention régional",
        "Valeur initiale",
    ] {
        let expected = expected.replace(" %", "\u{a0}%");
        assert!(
            text.contains(&expected) || text.contains(&expected.replace("\u{a0}", " ")),
            "{expected}"
        );
    }
    assert!(!text.contains("Vu le guide") && !text.contains("Vu le Guide"));
    assert!(!text.to_lowercase().contains("engagement ferme"));
    assert!(!text.contains("trajectoire de redressement"));
    assert_eq!(html.matches("class=\"signataire\"").count(), 2);
    assert_no_identifier(CPOM);
}

#[test]
fn a_cpom_without_place_leaves_a_blank() {
    let dir = std::env::temp_dir().join(format!("pacte-cpom-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("sans_lieu.pacte");
    let text = std::fs::read_to_string(CPOM)
        .unwrap()
        .replace("  lieu \"Angers\"\n", "");
    std::fs::write(&path, text).unwrap();
    let md = render_file(path.to_str().unwrap(), Format::Md);
    assert!(md.contains("Fait à ……………………, le 15 janvier 2026"), "{md}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_cref_follows_the_cref_type() {
    let html = render_file(CREF, Format::Html);
    assert_articles(
        &html,
        &[
            "Présentation générale du CREF",
            "Principes généraux du contrat",
            "Engagements de l’établissement",
            "Analyse détaillée des actions",
            "Engagements de l’ARS",
            "Annexes",
        ],
        CREF,
    );
    let text = visible(&html);
    for expected in [
        "Fiche signalétique",
        "Raison sociale",
        "N° FINESS",
        "Date de signature du CREF",
        "Engagement de résultat",
        "Fiche action n°\u{a0}1",
        "Responsable",
        "Sur les recettes",
    ] {
        assert!(
            text.contains(expected) || text.contains(&expected.replace('\u{a0}', " ")),
            "{expected}"
        );
    }
    assert_eq!(html.matches("class=\"signataire\"").count(), 2);
    assert_no_identifier(CREF);
}

#[test]
fn the_contrat_performance_is_tripartite() {
    let html = render_file(PERFORMANCE, Format::Html);
    assert_articles(
        &html,
        &[
            "Objet et finalité du contrat",
            "Durée du contrat",
            "Engagements de l’établissement",
            "Gains attendus",
            "Engagements de l’ARS",
            "Engagements de l’ANAP",
            "Suivi du contrat",
            "Révision du contrat",
        ],
        PERFORMANCE,
    );
    let text = visible(&html);
    for expected in [
        "amélioration de la qualité des soins, des conditions de travail et de la performance financière et opérationnelle",
        "deux ans à compter de sa signature",
        "suivi infra-annuel",
        "Agence nationale de la performance sanitaire et médico-sociale (ANAP)",
        "en trois exemplaires originaux",
        "Pour l’ANAP,",
    ] {
        assert!(text.contains(expected), "{expected}");
    }
    assert!(!text.contains("trajectoire de redressement"));
    assert_eq!(html.matches("class=\"signataire\"").count(), 3);
    assert!(html.contains("class=\"signatures trois\""));
    assert_tags_are_safe(&html, PERFORMANCE);
    assert_no_identifier(PERFORMANCE);
}

#[test]
fn the_2025_contract_keeps_its_layout_without_identifiers() {
    let html = render_file(REDRESSEMENT, Format::Html);
    assert_articles(
        &html,
        &[
            "Objet du contrat",
            "Durée et entrée en vigueur",
            "Engagements financiers",
            "Leviers mobilisés",
            "Aide financière",
            "Conditions de versement",
            "Modalités de suivi et d’évaluation",
            "Modulation de l’aide",
            "Révision du contrat",
        ],
        REDRESSEMENT,
    );
    assert_no_identifier(REDRESSEMENT);
    // « Il est convenu ce qui suit » opens the first article's section.
    let convenu = html.find("class=\"convenu\"").unwrap();
    let article = html.find("id=\"article-1\"").unwrap();
    assert!(article < convenu && convenu < html.find("Article 1</span>").unwrap());
}

#[test]
fn no_dangling_dialogue_sentence_without_a_date() {
    let dir = std::env::temp_dir().join(format!("pacte-dialogue-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("sans_dialogue.pacte");
    let text = std::fs::read_to_string(REDRESSEMENT).unwrap();
    let text: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("dialogue "))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&path, text).unwrap();
    let md = render_path(path.to_str().unwrap(), Format::Md, false);
    assert!(!md.contains("se tient."), "{md}");
    assert!(md
        .contains("Un premier dialogue entre l'ARS et l'établissement se tient dans les six mois"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_cref_lists_each_action_fiche() {
    // The example CREF of the region writes its actions with the §10 fiche.
    let path = "examples/region-exemple/ch_montrivage_cref.pacte";
    let md = render_path(path, Format::Md, true);
    for expected in [
        "Fiche de l'action « Pool de remplacement interne",
        "| Titre budgétaire | Titre 1 — charges de personnel |",
        "| Montant initial (2025) | 1 800 000 € sur les charges |",
        "| Gain attendu 2026 | 250 000 € sur les charges |",
        "| Impact total prévu | 650 000 € |",
        "| Sous-action « Constituer un pool de remplacement interne de 12 ETP » | 450 000 € |",
    ] {
        assert!(md.contains(expected), "{expected}\n{md}");
    }
}

#[test]
fn a_late_financial_account_suspends_only_under_suspend() {
    // Without `suspend` a late account is a delay to justify (instruction
    // 2025/145); the signed text must not promise a suspension.
    let checked = check_paths(
        &[PathBuf::from("tests/fixtures/eval/v02_compte_financier")],
        None,
    )
    .unwrap();
    let md = |id: &str| {
        let c: Vec<_> = checked
            .program
            .contrats
            .iter()
            .filter(|c| c.id.name == id)
            .collect();
        render(&checked.program, &c, None, Format::Md)
    };
    let flag = md("cas_cf_a_temps");
    assert!(flag.contains("tout dépassement de ce délai étant expressément justifié"));
    assert!(!flag.contains("faute de quoi le versement est suspendu"));
    let suspend = md("cas_suspend_a_temps");
    assert!(suspend.contains("faute de quoi le versement est suspendu"));
}
