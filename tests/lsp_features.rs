#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly
//! `pacte lsp` over stdio: every feature as request → response snapshot,
//! imports read from disk, a literate file, and broken input.

mod lsp_support;

use lsp_support::{file_uri, pos, stable, temp_dir, Client};
use serde_json::{json, Value};

const VALMONT: &str = "examples/ch_valmont.pacte";

fn doc(uri: &str) -> Value {
    json!({"uri": uri})
}

#[test]
fn broken_messages_get_an_error_and_the_server_goes_on() {
    let mut c = Client::start(None);
    let errors = |c: &mut Client| c.wait(|m| m.get("error").is_some());
    c.write_raw(b"Content-Length: 5\r\n\r\n{nope");
    assert_eq!(errors(&mut c)["error"]["code"], -32700);
    c.write_raw(b"Content-Length: 4\r\n\r\n\"\xff\xfe\"");
    let e = errors(&mut c);
    assert_eq!(e["error"]["code"], -32700);
    assert!(
        e["error"]["message"].as_str().unwrap().contains("UTF-8"),
        "{e}"
    );
    c.write_raw(b"Content-Length: beaucoup\r\n\r\n");
    assert_eq!(errors(&mut c)["error"]["code"], -32600);
    c.write_raw(b"Content-Type: x\r\n\r\n");
    assert_eq!(errors(&mut c)["error"]["code"], -32600);
    // Too short: the rest of the body is garbage before the next header.
    c.write_raw(b"Content-Length: 3\r\n\r\n{\"jsonrpc\":\"2.0\"}");
    assert_eq!(errors(&mut c)["error"]["code"], -32700);
    c.send(json!({"jsonrpc": "2.0", "id": {"x": 1}, "method": "textDocument/hover"}));
    assert_eq!(errors(&mut c)["error"]["code"], -32600);
    let unknown = c.request("pacte/inconnue", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    let no_uri = c.request("textDocument/hover", json!({}));
    assert_eq!(no_uri["error"]["code"], -32602);
    // Above the cap: refused, read through without being kept.
    let cap = pacte::lsp::transport::MAX_CONTENT_LENGTH;
    c.write_raw(format!("Content-Length: {}\r\n\r\n", cap + 1).as_bytes());
    c.write_raw(&vec![b' '; cap + 1]);
    let e = errors(&mut c);
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("trop long"),
        "{e}"
    );
    // Still serving.
    let text = std::fs::read_to_string(VALMONT).unwrap();
    let uri = "file:///tmp/robuste/ch_valmont.pacte";
    let d = c.open(uri, &text);
    assert_eq!(d["params"]["diagnostics"], json!([]));
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": doc(uri), "position": pos(&text, "jours_de_stocks <=", 2)}),
    );
    assert!(hover["result"]["contents"]["value"]
        .as_str()
        .unwrap()
        .contains("jours_de_stocks"));
    c.stop();
}

#[test]
fn edits_are_coalesced_and_the_last_version_is_published() {
    let mut c = Client::start(None);
    let text = std::fs::read_to_string(VALMONT).unwrap();
    let uri = "file:///tmp/rapide/ch_valmont.pacte";
    c.open(uri, &text);
    for version in 2..=11 {
        let edited = text.replace("poids 3", &format!("poids {version}"));
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": edited}]}),
        );
    }
    let last = c.wait(|m| m["params"]["version"] == 11);
    assert_eq!(last["params"]["diagnostics"], json!([]));
    let versions: Vec<i64> = c
        .seen
        .iter()
        .filter_map(|m| m["params"]["version"].as_i64())
        .collect();
    assert!(versions.windows(2).all(|w| w[0] < w[1]), "{versions:?}");
    c.stop();
}

#[test]
fn imports_are_read_from_disk_and_navigated() {
    let dir = temp_dir("imports");
    let commun = "indicateur taux_occupation_lits {\n  libellé \"Taux d'occupation des lits\"\n  unité %\n  sens hausse\n}\n";
    std::fs::write(dir.join("commun.pacte"), commun).unwrap();
    // A file of the same folder, checked with it by `pacte check FOLDER`.
    let voisin = "importe \"commun.pacte\"\n\nindicateur occupation_double {\n  libellé \"Double\"\n  unité %\n  formule taux_occupation_lits * 2\n}\n";
    std::fs::write(dir.join("voisin.pacte"), voisin).unwrap();
    let text = std::fs::read_to_string(VALMONT).unwrap().replace(
        "indicateur taux_chirurgie_ambulatoire",
        "indicateur taux_occupation_lits",
    );
    let text = format!("importe \"commun.pacte\"\n\n{text}");
    let path = dir.join("contrat.pacte");
    std::fs::write(&path, &text).unwrap();
    let uri = file_uri(&path.to_string_lossy());
    let mut c = Client::start(Some(&dir.to_string_lossy()));
    let d = c.open(&uri, &text);
    assert_eq!(d["params"]["diagnostics"], json!([]), "no false E0101");

    let at = pos(&text, "indicateur taux_occupation_lits", 12);
    let def = c.request(
        "textDocument/definition",
        json!({"textDocument": doc(&uri), "position": at}),
    );
    insta::assert_json_snapshot!("lsp_definition_import", stable(&def["result"], &dir));
    let refs = c.request(
        "textDocument/references",
        json!({"textDocument": doc(&uri), "position": at, "context": {"includeDeclaration": true}}),
    );
    insta::assert_json_snapshot!("lsp_references_import", stable(&refs["result"], &dir));
    let rename = c.request(
        "textDocument/rename",
        json!({"textDocument": doc(&uri), "position": at, "newName": "occupation_lits"}),
    );
    insta::assert_json_snapshot!("lsp_rename_import", stable(&rename["result"], &dir));
    let symbols = c.request("workspace/symbol", json!({"query": "occupation"}));
    insta::assert_json_snapshot!("lsp_workspace_symbols", stable(&symbols["result"], &dir));

    // An import that leaves the folder, and one that does not exist.
    let bad = format!("importe \"../ailleurs.pacte\"\nimporte \"absent.pacte\"\n{text}");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": bad}]}),
    );
    let d = c.diagnostics(&uri);
    let codes: Vec<&str> = d["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["E0107", "E0101"], "{d}");
    c.stop();
}

#[test]
fn literate_file_gets_diagnostics_outline_and_navigation() {
    let path = std::fs::canonicalize("examples/litteraire/ch_rivebelle.pacte.md").unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let uri = file_uri(&path.to_string_lossy());
    let mut c = Client::start(None);
    let d = c.open(&uri, &text);
    assert_eq!(d["params"]["diagnostics"], json!([]));
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": doc(&uri)}),
    );
    insta::assert_json_snapshot!("lsp_literate_symbols", symbols["result"]);
    let broken = text.replacen("cadre redressement_2025", "cadre redresement_2025", 1);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": broken}]}),
    );
    let d = c.diagnostics(&uri);
    let first = &d["params"]["diagnostics"][0];
    assert_eq!(first["code"], "E0101");
    assert_eq!(
        first["range"]["start"],
        pos(&broken, "redresement_2025", 0),
        "a line of the .md file"
    );
    c.stop();
}

#[test]
fn every_feature_on_a_contract() {
    let text = std::fs::read_to_string(VALMONT).unwrap();
    let uri = "file:///tmp/pacte-lsp-features/ch_valmont.pacte";
    let mut c = Client::start(None);
    c.open(uri, &text);
    let req = |c: &mut Client, method: &str, extra: Value| {
        let mut params = json!({"textDocument": doc(uri)});
        params
            .as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        c.request(method, params)["result"].clone()
    };
    let symbols = req(&mut c, "textDocument/documentSymbol", json!({}));
    insta::assert_json_snapshot!("lsp_document_symbols", symbols);
    let folds = req(&mut c, "textDocument/foldingRange", json!({}));
    insta::assert_json_snapshot!("lsp_folding", folds);
    let hints = req(
        &mut c,
        "textDocument/inlayHint",
        json!({"range": {"start": {"line": 0, "character": 0}, "end": {"line": 999, "character": 0}}}),
    );
    insta::assert_json_snapshot!("lsp_inlay_hints", hints);
    let hover = req(
        &mut c,
        "textDocument/hover",
        json!({"position": pos(&text, "objectif ambulatoire", 10)}),
    );
    insta::assert_json_snapshot!("lsp_hover_objectif", hover);
    let complete = req(
        &mut c,
        "textDocument/completion",
        json!({"position": pos(&text, "    poids 1", 4)}),
    );
    let labels: Vec<&str> = complete
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"cible") && labels.contains(&"action") && !labels.contains(&"intitulé"),
        "{labels:?}"
    );
    let levier = req(
        &mut c,
        "textDocument/completion",
        json!({"position": pos(&text, "activité.chirurgie_ambulatoire", 0)}),
    );
    assert!(levier
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["label"] == "achats.stocks"));
    let def = req(
        &mut c,
        "textDocument/definition",
        json!({"position": pos(&text, "cadre redressement_2025", 8)}),
    );
    let std_uri = def["uri"].as_str().unwrap();
    assert!(
        std_uri.starts_with("file://") && std_uri.ends_with("cadres.pacte"),
        "{def}"
    );
    let std_path = std_uri.trim_start_matches("file://").replace("%2D", "-");
    let std_text = std::fs::read_to_string(&std_path).unwrap();
    let line = def["range"]["start"]["line"].as_u64().unwrap() as usize;
    assert!(std_text
        .lines()
        .nth(line)
        .unwrap()
        .contains("cadre redressement_2025"));
    assert!(
        std::fs::metadata(&std_path)
            .unwrap()
            .permissions()
            .readonly(),
        "a read-only <std> copy"
    );
    let refs = req(
        &mut c,
        "textDocument/references",
        json!({"position": pos(&text, "objectif marge", 10), "context": {"includeDeclaration": true}}),
    );
    assert_eq!(
        refs.as_array().unwrap().len(),
        text.matches("marge ")
            .count()
            .min(refs.as_array().unwrap().len())
    );
    let rename_std = c.request("textDocument/rename", json!({"textDocument": doc(uri), "position": pos(&text, "jours_de_stocks <=", 0), "newName": "x"}));
    assert!(rename_std["error"]["message"]
        .as_str()
        .unwrap()
        .contains("bibliothèque standard"));
    let tokens = req(&mut c, "textDocument/semanticTokens/full", json!({}));
    let data = tokens["data"].as_array().unwrap();
    assert_eq!(data.len() % 5, 0);
    // Decoded: the type of the token at a place of the text.
    let legend = [
        "keyword",
        "string",
        "comment",
        "number",
        "operator",
        "namespace",
        "class",
        "enum",
        "function",
        "variable",
        "property",
        "event",
        "type",
    ];
    let (mut line, mut col) = (0u64, 0u64);
    let mut decoded = Vec::new();
    for t in data.chunks(5) {
        let (dl, dc) = (t[0].as_u64().unwrap(), t[1].as_u64().unwrap());
        col = if dl == 0 { col + dc } else { dc };
        line += dl;
        decoded.push((line, col, legend[t[3].as_u64().unwrap() as usize]));
    }
    let type_at = |needle: &str, shift: usize| {
        let p = pos(&text, needle, shift);
        let (l, c) = (
            p["line"].as_u64().unwrap(),
            p["character"].as_u64().unwrap(),
        );
        decoded
            .iter()
            .find(|(dl, dc, _)| *dl == l && *dc == c)
            .map(|(_, _, ty)| *ty)
    };
    assert_eq!(
        type_at("indicateur marge_brute_hors_aides", 11),
        Some("variable")
    );
    assert_eq!(
        type_at("activité.chirurgie_ambulatoire", 0),
        Some("namespace")
    );
    assert_eq!(type_at("cadre redressement_2025", 6), Some("class"));
    assert_eq!(type_at("aide redressement_performance", 5), Some("enum"));
    assert_eq!(type_at("objectif marge", 9), Some("function"));
    assert_eq!(type_at("objectif marge", 0), Some("keyword"));
    assert_eq!(type_at("2025-12-10", 0), Some("number"));
    // The first token is the comment on line 0, then `contrat` is a keyword.
    assert_eq!(
        &data[..5],
        &[
            json!(0),
            json!(0),
            json!(text.lines().next().unwrap().encode_utf16().count()),
            json!(2),
            json!(0)
        ]
    );
    assert_eq!(data[8], json!(0), "keyword");
    c.stop();
}

#[test]
fn quick_fixes_from_the_help_lines() {
    let mut c = Client::start(None);
    let cases = [
        (
            "examples/erreurs/E0101-indicateur-inconnu.pacte",
            "lsp_action_e0101",
        ),
        (
            "examples/erreurs/E0203-finess-cle-invalide.pacte",
            "lsp_action_e0203",
        ),
        (
            "examples/erreurs/E0103-intitule-manquant.pacte",
            "lsp_action_e0103",
        ),
        (
            "examples/erreurs/R0101-duree-trop-courte.pacte",
            "lsp_action_r0101",
        ),
    ];
    for (file, snapshot) in cases {
        let text = std::fs::read_to_string(file).unwrap();
        let uri = format!(
            "file:///tmp/pacte-lsp-actions/{}",
            file.rsplit('/').next().unwrap()
        );
        let d = c.open(&uri, &text);
        let range = d["params"]["diagnostics"][0]["range"].clone();
        let actions = c.request(
            "textDocument/codeAction",
            json!({"textDocument": doc(&uri), "range": range, "context": {"diagnostics": []}}),
        );
        insta::assert_json_snapshot!(snapshot, actions["result"]);
    }
    c.stop();
}

#[test]
fn v02_items_get_outline_and_hints() {
    let text = std::fs::read_to_string("tests/fixtures/fmt/v02.pacte")
        .unwrap()
        .replace(
            "  dialogue 2026-05-15",
            "  signé le 2025-12-10\n  dialogue 2026-05-15",
        );
    let uri = "file:///tmp/pacte-lsp-v02/v02.pacte";
    let mut c = Client::start(None);
    c.open(uri, &text);
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": doc(uri)}),
    );
    let names: Vec<&str> = symbols["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["regionale", "essai_v02", "essai", "revue essai 2026"]
    );
    let aides: Vec<&str> = symbols["result"][2]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(aides, ["aide fir", "aide redressement_performance"]);
    let range = json!({"start": {"line": 0, "character": 0}, "end": {"line": 999, "character": 0}});
    let hints = c.request(
        "textDocument/inlayHint",
        json!({"textDocument": doc(uri), "range": range}),
    );
    let labels: Vec<&str> = hints["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["label"].as_str().unwrap())
        .collect();
    // `fin le 2028-06-29`, signed 2025-12-10: 2 years and 202 days (2028 is leap).
    assert!(
        labels.contains(&"4 exercices ; 2 ans et 202 jours à compter de la signature"),
        "{labels:?}"
    );
    assert!(
        labels.contains(&"total 200 000 €") && labels.contains(&"total 1 000 000 €"),
        "{labels:?}"
    );
    c.stop();
}

#[test]
fn cross_contract_rules_see_the_documents_folder() {
    let mut c = Client::start(None);
    for (file, code) in [
        (
            "tests/fixtures/check/R0701-contrats-chevauchants/ch_penmarch_2025.pacte",
            "R0701",
        ),
        (
            "tests/fixtures/check/R0701-contrats-chevauchants/ch_penmarch_2025_bis.pacte",
            "R0701",
        ),
        (
            "tests/fixtures/check/R0702-delegation-depassee/ch_val_de_sevre_2025.pacte",
            "R0702",
        ),
        (
            "tests/fixtures/check/R0702-delegation-depassee/ch_loire_estuaire_2025.pacte",
            "R0702",
        ),
    ] {
        let path = std::fs::canonicalize(file).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let d = c.open(&file_uri(&path.to_string_lossy()), &text);
        let codes: Vec<&str> = d["params"]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap())
            .collect();
        assert_eq!(codes, [code], "{file}: {d}");
    }
    c.stop();
}

#[test]
fn incremental_changes_are_applied() {
    let text = std::fs::read_to_string(VALMONT).unwrap();
    let uri = "file:///tmp/pacte-lsp-incremental/ch_valmont.pacte";
    let mut c = Client::start(None);
    c.open(uri, &text);
    // `indicateur marge_brute_hors_aides` → `indicateur marge_brut_hors_aides`, then
    // an accented line inserted above it, in UTF-16 positions.
    let at = pos(&text, "indicateur marge_brute_hors_aides", 21);
    let end = json!({"line": at["line"], "character": at["character"].as_u64().unwrap() + 1});
    let first_line = json!({"line": 1, "character": 0});
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": at, "end": end}, "text": ""},
            {"range": {"start": first_line, "end": first_line}, "text": "// « été » 𝒳\n"},
        ]}),
    );
    let d = c.wait(|m| m["params"]["version"] == 2);
    let diagnostics = d["params"]["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{d}");
    assert_eq!(diagnostics[0]["code"], "E0101");
    let expected = text
        .replacen("marge_brute_hors_aides", "marge_brut_hors_aides", 1)
        .replacen('\n', "\n// « été » 𝒳\n", 1);
    assert_eq!(
        diagnostics[0]["range"]["start"],
        pos(&expected, "marge_brut_hors_aides", 0)
    );
    c.stop();
}

#[test]
fn r0101_offers_to_add_the_end_date() {
    // The region's CREF without its `fin le` lasts more than 3 years: the
    // quick fix writes the line that R0101's help gives, below the period.
    let text = std::fs::read_to_string("examples/region-exemple/ch_montrivage_cref.pacte")
        .unwrap()
        .replace("  fin le 2028-11-19\n", "");
    let uri = "file:///tmp/pacte-lsp-fin/cref.pacte";
    let mut c = Client::start(None);
    let d = c.open(uri, &text);
    let diagnostics = d["params"]["diagnostics"].as_array().unwrap();
    let r0101 = diagnostics
        .iter()
        .find(|d| d["code"] == "R0101")
        .expect("R0101");
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": doc(uri), "range": r0101["range"].clone(), "context": {"diagnostics": []}}),
    );
    let action = &actions["result"][0];
    assert_eq!(action["title"], "Ajouter « fin le 2028-11-19 »");
    let edit = &action["edit"]["changes"][uri][0];
    assert_eq!(edit["newText"], "  fin le 2028-11-19\n");
    let line = r0101["range"]["start"]["line"].as_u64().unwrap();
    assert_eq!(edit["range"]["start"]["line"].as_u64(), Some(line + 1));
    assert_eq!(edit["range"]["start"]["character"].as_u64(), Some(0));
    c.stop();
}
