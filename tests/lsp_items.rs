#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly
//! `pacte lsp` over stdio: the `suivi`, `scénario` and `revue` items reach the
//! contracts of their folder (hover, definition, completion).

mod lsp_support;

use lsp_support::{file_uri, pos, temp_dir, Client};
use serde_json::{json, Value};

fn doc(uri: &str) -> Value {
    json!({"uri": uri})
}

/// The labels of a completion answer.
fn labels(answer: &Value) -> Vec<String> {
    let items = answer["result"].as_array().cloned().unwrap_or_default();
    items
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn suivi_scenario_and_revue_reach_the_contracts_of_the_folder() {
    let dir = temp_dir("dossier");
    for entry in std::fs::read_dir("examples/region-exemple").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "pacte") {
            std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
        }
    }
    let mut c = Client::start(Some(&dir.to_string_lossy()));
    let at = |c: &mut Client, method: &str, uri: &str, p: Value| {
        c.request(method, json!({"textDocument": doc(uri), "position": p}))
    };
    let cref = file_uri(&dir.join("ch_montrivage_cref.pacte").to_string_lossy());
    // A suivi, its contract in another file of the folder.
    let suivi = dir.join("ch_montrivage_suivi_2026-06-30.pacte");
    let text = std::fs::read_to_string(&suivi).unwrap();
    let uri = file_uri(&suivi.to_string_lossy());
    c.open(&uri, &text);
    let hover = at(
        &mut c,
        "textDocument/hover",
        &uri,
        pos(&text, "ch_montrivage_cref_2025", 3),
    );
    let shown = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        shown.contains(
            "Contrat de retour à l'équilibre financier du Centre hospitalier de Montrivage"
        ),
        "{shown}"
    );
    let def = at(
        &mut c,
        "textDocument/definition",
        &uri,
        pos(&text, "ch_montrivage_cref_2025", 3),
    );
    assert_eq!(def["result"]["uri"], json!(cref));
    assert_eq!(def["result"]["range"]["start"]["line"], json!(15));
    let hover = at(
        &mut c,
        "textDocument/hover",
        &uri,
        pos(&text, "fermeture_lits:", 2),
    );
    let shown = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(shown.starts_with("**action `fermeture_lits`**"), "{shown}");
    let def = at(
        &mut c,
        "textDocument/definition",
        &uri,
        pos(&text, "fermeture_lits:", 2),
    );
    assert_eq!(def["result"]["uri"], json!(cref));
    assert_eq!(def["result"]["range"]["start"]["line"], json!(128));
    // Completion while a new line is typed (the document does not parse).
    let typed = text.replace("  commentaire", "  action \n  commentaire");
    let brouillon = file_uri(&dir.join("brouillon.pacte").to_string_lossy());
    c.open(&brouillon, &typed);
    let found = labels(&at(
        &mut c,
        "textDocument/completion",
        &brouillon,
        pos(&typed, "action \n", 7),
    ));
    assert!(
        found.contains(&"pool".into()) && found.contains(&"stocks_pharmacie".into()),
        "{found:?}"
    );
    assert!(!found.contains(&"marge".into()), "{found:?}");
    let fields = labels(&at(
        &mut c,
        "textDocument/completion",
        &brouillon,
        pos(&typed, "  commentaire", 2),
    ));
    assert!(fields.contains(&"prochaine_rencontre".into()), "{fields:?}");
    let top = "suivi \n";
    let nouveau = file_uri(&dir.join("nouveau.pacte").to_string_lossy());
    c.open(&nouveau, top);
    let found = labels(&at(
        &mut c,
        "textDocument/completion",
        &nouveau,
        pos(top, "\n", 0),
    ));
    assert!(found.contains(&"chu_normanville_2025".into()), "{found:?}");
    // A scénario: contracts, objectives, conditions, codes, attendu fields.
    let scenario = "scénario \"essai\" {\n  contrat ch_montrivage_cref_2025\n  contrat \n  attendu {\n    objectif \n    condition \n    codes: \n    verdict: \n    \n  }\n}\n";
    let essai = file_uri(&dir.join("essai.pacte").to_string_lossy());
    c.open(&essai, scenario);
    let mut complete = |needle: &str, shift: usize| {
        labels(&at(
            &mut c,
            "textDocument/completion",
            &essai,
            pos(scenario, needle, shift),
        ))
    };
    assert!(complete("contrat \n", 8).contains(&"ch_bocage_2025".into()));
    let objectifs = complete("objectif \n", 9);
    assert!(
        objectifs.contains(&"marge".into()) && !objectifs.contains(&"exhaustivité".into()),
        "{objectifs:?}"
    );
    assert_eq!(
        complete("condition \n", 10),
        vec!["exhaustivité".to_string()]
    );
    assert!(complete("codes: \n", 7).contains(&"R0701".into()));
    assert!(complete("verdict: \n", 9).contains(&"engagements tenus".into()));
    assert!(complete("    \n  }", 4).contains(&"verdict:".into()));
    // A revue: its objective is the contract's, in another file.
    let revue = dir.join("revue_ch_bocage_2026.pacte");
    let text = std::fs::read_to_string(&revue).unwrap();
    let uri = file_uri(&revue.to_string_lossy());
    c.open(&uri, &text);
    let hover = at(
        &mut c,
        "textDocument/hover",
        &uri,
        pos(&text, "revue ch_bocage", 8),
    );
    let shown = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(shown.contains("Centre hospitalier du Bocage"), "{shown}");
    let def = at(
        &mut c,
        "textDocument/definition",
        &uri,
        pos(&text, "ambulatoire:", 1),
    );
    let bocage = file_uri(&dir.join("ch_bocage.pacte").to_string_lossy());
    assert_eq!(def["result"]["uri"], json!(bocage));
    let typed = "revue ch_bocage_2025 2026 {\n  objectif \n}\n";
    let brouillon = file_uri(&dir.join("revue_brouillon.pacte").to_string_lossy());
    c.open(&brouillon, typed);
    let found = at(
        &mut c,
        "textDocument/completion",
        &brouillon,
        pos(typed, "objectif \n", 9),
    );
    assert!(
        labels(&found).contains(&"fonds_roulement".into()),
        "{found}"
    );
    c.stop();
    let _ = std::fs::remove_dir_all(&dir);
}
