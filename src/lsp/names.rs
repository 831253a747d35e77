//! Names: where each is defined, where it is used, renaming, and the
//! outline. A name at the cursor is first an objective or condition of the
//! enclosing contract, else an item of the program (std, imports,
//! document). Std items are opened from a read-only copy of the embedded
//! std (`<std>` files written once to a temporary folder).

use super::analysis::{std_sources, Analysis};
use super::lex::{self, Kind, Token};
use super::{position, uri};
use crate::ast::{File, Item};
use crate::source::{Origin, SourceId, Span};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

/// A defined name.
#[derive(Debug, Clone)]
pub struct Def {
    pub name: String,
    pub kind: &'static str,
    /// The name where it is defined.
    pub span: Span,
    /// For objectives and conditions: the contract they belong to.
    pub scope: Option<Span>,
}

/// Every item of the program, by name.
pub fn globals(a: &Analysis) -> Vec<Def> {
    let p = &a.program;
    let def = |name: &str, kind, span: Span, _item: Span| Def {
        name: name.to_string(),
        kind,
        span,
        scope: None,
    };
    let mut out = Vec::new();
    out.extend(
        p.indicateurs
            .values()
            .map(|i| def(&i.id.name, "indicateur", i.id.span, i.span)),
    );
    out.extend(
        p.themes
            .values()
            .map(|t| def(&t.id.name, "thème", t.id.span, t.span)),
    );
    out.extend(
        p.cadres
            .values()
            .map(|c| def(&c.cadre.id.name, "cadre", c.cadre.id.span, c.cadre.span)),
    );
    out.extend(
        p.enveloppes
            .values()
            .map(|e| def(&e.id.name, "enveloppe", e.id.span, e.span)),
    );
    out.extend(
        p.diagnosis_defs
            .values()
            .map(|d| def(&d.id.name, "diagnostic", d.id.span, d.span)),
    );
    out.extend(
        p.contrats
            .iter()
            .map(|c| def(&c.id.name, "contrat", c.id.span, c.span)),
    );
    out
}

/// The objectives and conditions of the contracts of a file.
pub fn locals(file: &File) -> Vec<Def> {
    let mut out = Vec::new();
    for item in &file.items {
        let Item::Contrat(c) = item else { continue };
        for o in &c.objectifs {
            out.push(Def {
                name: o.id.name.clone(),
                kind: "objectif",
                span: o.id.span,
                scope: Some(c.span),
            });
        }
        for k in &c.conditions {
            out.push(Def {
                name: k.id.name.clone(),
                kind: "condition",
                span: k.id.span,
                scope: Some(c.span),
            });
        }
    }
    out
}

/// The code of the document (for `.pacte.md`, prose blanked, byte-aligned).
pub fn code(a: &Analysis) -> &str {
    a.map.get(a.doc).map_or("", |s| s.text.as_str())
}

/// The definition of the word at `byte` in the document, with the word.
pub fn resolve(a: &Analysis, tokens: &[Token], byte: usize) -> Option<(Def, Token)> {
    let text = code(a);
    let token = *lex::at(tokens, byte).filter(|t| t.kind == Kind::Word)?;
    let word = text.get(token.start..token.end)?;
    let local = a.file.as_ref().and_then(|f| {
        locals(f).into_iter().find(|d| {
            d.name == word
                && d.scope
                    .is_some_and(|s| (s.start..s.end).contains(&(byte as u32)))
        })
    });
    local
        .or_else(|| globals(a).into_iter().find(|d| d.name == word))
        .map(|d| (d, token))
}

/// An LSP location of a span of any source of the analysis.
pub fn location(a: &Analysis, doc_uri: &str, span: Span) -> Option<Value> {
    let source = super::items::source(a, span.source)?;
    let (target, text) = if span.source == a.doc {
        (doc_uri.to_string(), a.text.as_str())
    } else if source.origin == Origin::Std {
        (std_uri(&source.path)?, source.text.as_str())
    } else {
        (
            uri::from_path(std::path::Path::new(&source.path)),
            source.text.as_str(),
        )
    };
    Some(json!({
        "uri": target,
        "range": position::range(text, span.start as usize, span.end as usize),
    }))
}

/// The `file:` URI of a read-only copy of a std file (`<std>/x.pacte`).
fn std_uri(path: &str) -> Option<String> {
    let dir = std_folder().as_ref()?;
    let name = path.strip_prefix("<std>/").unwrap_or(path);
    Some(uri::from_path(&dir.join(name)))
}

/// The embedded std written once to `<tmp>/pacte-std-VERSION/`, read-only.
// The one place the server writes files: an editor can only open a
// definition in the std as a file, so a read-only copy is written once.
#[allow(clippy::disallowed_methods)]
fn std_folder() -> &'static Option<PathBuf> {
    static DIR: OnceLock<Option<PathBuf>> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("pacte-std-{}", env!("CARGO_PKG_VERSION")));
        std::fs::create_dir_all(&dir).ok()?;
        for source in std_sources().iter() {
            let name = source.path.strip_prefix("<std>/").unwrap_or(&source.path);
            let file = dir.join(name);
            if std::fs::read_to_string(&file).ok().as_deref() == Some(source.text.as_str()) {
                continue;
            }
            if let Ok(meta) = std::fs::metadata(&file) {
                let mut perms = meta.permissions();
                #[allow(clippy::permissions_set_readonly_false)]
                perms.set_readonly(false);
                let _ = std::fs::set_permissions(&file, perms);
            }
            // Another server may be writing the same copy: its content is the same.
            let _ = std::fs::write(&file, &source.text);
            if let Ok(meta) = std::fs::metadata(&file) {
                let mut perms = meta.permissions();
                perms.set_readonly(true);
                let _ = std::fs::set_permissions(&file, perms);
            }
        }
        Some(dir)
    })
}

/// The user sources where a name may be used: the document and its imports.
fn user_sources(a: &Analysis) -> Vec<SourceId> {
    a.own.clone()
}

/// Every use of a definition (the definition included), by source.
pub fn uses(a: &Analysis, def: &Def) -> Vec<Span> {
    let mut out = Vec::new();
    let sources = match def.scope {
        Some(scope) => vec![scope.source],
        None => user_sources(a),
    };
    for id in sources {
        let Some(source) = a.map.get(id) else {
            continue;
        };
        let tokens = lex::tokens(&source.text);
        for t in lex::occurrences(&source.text, &tokens, &def.name) {
            let inside = def
                .scope
                .is_none_or(|s| s.start as usize <= t.start && t.end <= s.end as usize);
            if inside {
                out.push(Span::new(id, t.start, t.end));
            }
        }
    }
    if def.span.source != a.doc && !out.contains(&def.span) {
        out.insert(0, def.span);
    }
    out
}

/// `textDocument/references`.
pub fn references(
    a: &Analysis,
    doc_uri: &str,
    byte: usize,
    with_declaration: bool,
) -> Option<Value> {
    let tokens = lex::tokens(code(a));
    let (def, _) = resolve(a, &tokens, byte)?;
    let mut locations: Vec<Value> = uses(a, &def)
        .into_iter()
        .filter(|s| with_declaration || *s != def.span)
        .filter_map(|s| location(a, doc_uri, s))
        .collect();
    locations.extend(folder_uses(a, doc_uri, &def));
    Some(Value::Array(locations))
}

/// The uses of a name defined by the user in the other Pacte files of the
/// document's folder, which `pacte check FOLDER` checks together with it
/// (files already in the analysis are left to [`uses`]).
fn folder_uses(a: &Analysis, doc_uri: &str, def: &Def) -> Vec<Value> {
    let is_std = a
        .map
        .get(def.span.source)
        .is_some_and(|s| s.origin == Origin::Std);
    let Some(path) = uri::to_path(doc_uri) else {
        return Vec::new();
    };
    let (Some(folder), None, false) = (path.parent(), def.scope, is_std) else {
        return Vec::new();
    };
    let known: Vec<PathBuf> = a
        .own
        .iter()
        .filter(|id| **id != a.doc)
        .filter_map(|id| a.map.get(*id))
        .map(|s| PathBuf::from(&s.path))
        .chain([path.clone()])
        .collect();
    let disk = super::loader::EditorLoader::default();
    let found = disk.discover(folder);
    let mut out = Vec::new();
    for file in found.iter().filter(|f| !known.contains(f)).take(500) {
        let Some(text) = disk.text(file) else {
            continue;
        };
        let code = if file.to_string_lossy().ends_with(".pacte.md") {
            crate::literate::extract_code(&text)
        } else {
            text.clone()
        };
        let tokens = lex::tokens(&code);
        for t in lex::occurrences(&code, &tokens, &def.name) {
            out.push(json!({
                "uri": uri::from_path(file),
                "range": position::range(&text, t.start, t.end),
            }));
        }
    }
    out
}

/// `textDocument/rename`: the definition and every use, in the document
/// and the files it imports; std names are not renamed.
pub fn rename(a: &Analysis, doc_uri: &str, byte: usize, new_name: &str) -> Result<Value, String> {
    let tokens = lex::tokens(code(a));
    let Some((def, _)) = resolve(a, &tokens, byte) else {
        return Err("aucun nom à renommer ici".into());
    };
    if a.map
        .get(def.span.source)
        .is_some_and(|s| s.origin == Origin::Std)
    {
        return Err(format!(
            "`{}` est défini dans la bibliothèque standard : il ne peut pas être renommé",
            def.name
        ));
    }
    if !valid_name(new_name) {
        return Err(format!("« {new_name} » n'est pas un identifiant Pacte"));
    }
    let mut changes: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for span in uses(a, &def) {
        if let Some(loc) = location(a, doc_uri, span) {
            let target = loc["uri"].as_str().unwrap_or("").to_string();
            changes
                .entry(target)
                .or_default()
                .push(json!({"range": loc["range"], "newText": new_name}));
        }
    }
    for loc in folder_uses(a, doc_uri, &def) {
        let target = loc["uri"].as_str().unwrap_or("").to_string();
        changes
            .entry(target)
            .or_default()
            .push(json!({"range": loc["range"], "newText": new_name}));
    }
    Ok(json!({ "changes": changes }))
}

fn valid_name(name: &str) -> bool {
    let mut parts = name.split('.');
    parts.all(|p| {
        let mut chars = p.chars();
        chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
            && chars.all(|c| c.is_alphanumeric() || c == '_')
    })
}

/// `textDocument/documentSymbol`: contracts with their objectives,
/// conditions and aid, and every other item.
pub fn document_symbols(a: &Analysis) -> Value {
    let text = a.text.as_str();
    let symbol = |name: &str, detail: &str, kind: u32, item: Span, sel: Span, children| {
        symbol_at(text, name, detail, kind, (item, sel), children)
    };
    let Some(file) = &a.file else {
        return json!([]);
    };
    let mut out = Vec::new();
    for item in &file.items {
        let s = match item {
            Item::Contrat(c) => contract_symbol(text, c),
            Item::Indicateur(i) => symbol(&i.id.name, "indicateur", 14, i.span, i.id.span, vec![]),
            Item::Theme(t) => symbol(&t.id.name, "thème", 3, t.span, t.id.span, vec![]),
            Item::Cadre(c) => symbol(&c.id.name, "cadre", 11, c.span, c.id.span, vec![]),
            Item::Enveloppe(e) => symbol(&e.id.name, "enveloppe", 10, e.span, e.id.span, vec![]),
            Item::Delegation(d) => symbol(
                &format!("délégation {}", d.enveloppe.name),
                "délégation",
                19,
                d.span,
                d.enveloppe.span,
                vec![],
            ),
            Item::Diagnostic(d) => symbol(&d.id.name, "diagnostic", 2, d.span, d.id.span, vec![]),
            Item::Revue(r) => symbol(
                &format!("revue {} {}", r.contrat.name, r.annee.value),
                "revue",
                24,
                r.span,
                r.contrat.span,
                vec![],
            ),
            Item::Suivi(x) => symbol(
                &format!(
                    "suivi {} {}",
                    x.contrat.name,
                    x.date.map_or(String::new(), |(d, _)| d.to_string())
                ),
                "suivi",
                24,
                x.span,
                x.contrat.span,
                vec![],
            ),
            Item::Importe(i) => symbol(&i.path.value, "importe", 2, i.span, i.path.span, vec![]),
            Item::Scenario(sc) => symbol(
                &format!("scénario « {} »", sc.nom.value),
                sc.contrat.as_ref().map_or("scénario", |c| c.name.as_str()),
                24,
                sc.span,
                sc.nom.span,
                vec![],
            ),
        };
        out.push(s);
    }
    Value::Array(out)
}

/// A document symbol: its name, detail, LSP kind, (whole item, name) spans.
fn symbol_at(
    text: &str,
    name: &str,
    detail: &str,
    kind: u32,
    (item, sel): (Span, Span),
    children: Vec<Value>,
) -> Value {
    json!({
        "name": name, "detail": detail, "kind": kind,
        "range": position::range(text, item.start as usize, item.end as usize),
        "selectionRange": position::range(text, sel.start as usize, sel.end as usize),
        "children": children,
    })
}

/// A contract's symbol, with its aids, objectives and conditions.
fn contract_symbol(text: &str, c: &crate::ast::Contrat) -> Value {
    let symbol = |name: &str, detail: &str, kind: u32, item: Span, sel: Span, children| {
        symbol_at(text, name, detail, kind, (item, sel), children)
    };
    let mut children: Vec<Value> = Vec::new();
    for aide in &c.aides {
        children.push(symbol(
            &format!("aide {}", aide.enveloppe.name),
            "aide",
            19,
            aide.span,
            aide.enveloppe.span,
            vec![],
        ));
    }
    for o in &c.objectifs {
        let detail = o.libelle.as_ref().map_or("objectif", |l| l.value.as_str());
        children.push(symbol(&o.id.name, detail, 7, o.span, o.id.span, vec![]));
    }
    for k in &c.conditions {
        let detail = k.libelle.as_ref().map_or("condition", |l| l.value.as_str());
        children.push(symbol(&k.id.name, detail, 24, k.span, k.id.span, vec![]));
    }
    let detail = c.intitule.as_ref().map_or("contrat", |t| t.value.as_str());
    symbol(&c.id.name, detail, 5, c.span, c.id.span, children)
}

/// The LSP symbol kind of a definition.
pub fn symbol_kind(kind: &str) -> u32 {
    match kind {
        "contrat" => 5,
        "objectif" => 7,
        "condition" => 24,
        "indicateur" => 14,
        "thème" => 3,
        "cadre" => 11,
        "enveloppe" => 10,
        _ => 2,
    }
}

/// `workspace/symbol` over the analyses of the open documents: their items,
/// their imports' and the std's, whose name contains the query.
pub fn workspace_symbols(analyses: &[(String, std::sync::Arc<Analysis>)], query: &str) -> Value {
    let query = query.to_lowercase();
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for (doc_uri, a) in analyses {
        let mut defs = globals(a);
        if let Some(f) = &a.file {
            defs.extend(locals(f));
        }
        for d in defs {
            if !d.name.to_lowercase().contains(&query) {
                continue;
            }
            let Some(loc) = location(a, doc_uri, d.span) else {
                continue;
            };
            let key = (loc["uri"].to_string(), d.name.clone(), d.kind);
            if seen.insert(key) {
                out.push(json!({"name": d.name, "kind": symbol_kind(d.kind), "containerName": d.kind, "location": loc}));
            }
        }
    }
    Value::Array(out)
}
