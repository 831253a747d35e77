//! One open document checked with the std and the files it imports.
//!
//! The std is parsed once per server and cloned into each check. Imports
//! are resolved with the same function as `pacte check`
//! ([`resolve_import`]): relative to the importing file, inside the
//! workspace folder (else the document's folder); an open document is read
//! from the editor, any other file from disk. Only the document's own
//! diagnostics are kept.

use crate::ast::{File, Item};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::model::Program;
use crate::resolve::imports::resolve_import;
use crate::source::{Origin, SourceId, SourceMap};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// At most this many files are read through imports for one document.
const MAX_IMPORTED: usize = 500;

/// A checked document.
pub struct Analysis {
    pub version: i32,
    /// The document's text as the editor has it (Markdown for `.pacte.md`).
    pub text: Arc<String>,
    pub map: SourceMap,
    /// The document's source in `map`.
    pub doc: SourceId,
    /// The document's syntax tree, when it parses.
    pub file: Option<File>,
    pub program: Program,
    /// The diagnostics located in the document, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// The other Pacte files of the document's folder (not imported), with
    /// the map that holds them (a superset of `map`): where a `suivi`,
    /// `scénario` or `revue` finds a contract written beside it.
    pub folder: Option<(SourceMap, Vec<File>)>,
}

/// The std, parsed once.
struct Std {
    map: SourceMap,
    files: Vec<File>,
}

fn std_cache() -> &'static Std {
    static STD: OnceLock<Std> = OnceLock::new();
    STD.get_or_init(|| {
        let mut map = SourceMap::new();
        let ids: Vec<SourceId> = crate::std_lib::embedded()
            .map(|(p, t)| map.add(p, t, Origin::Std))
            .collect();
        let files = crate::pipeline::parse_all(&map, &ids)
            .into_iter()
            .filter_map(|(_, parsed, _)| parsed.file)
            .collect();
        Std { map, files }
    })
}

/// The std's sources (for `<std>` documents).
pub fn std_sources() -> &'static SourceMap {
    &std_cache().map
}

/// What the server knows of a document to check it.
pub struct Input<'a> {
    pub version: i32,
    /// The name diagnostics are filed under (the file name).
    pub name: &'a str,
    /// Its path on disk, for `file:` documents.
    pub path: Option<&'a Path>,
    /// The folder imports must stay in.
    pub root: Option<&'a Path>,
    pub text: Arc<String>,
}

/// Checks a document; `open` gives the text of another open document.
pub fn analyse(input: Input, open: &dyn Fn(&Path) -> Option<String>) -> Analysis {
    let std = std_cache();
    let mut map = std.map.clone();
    let doc = map.add(input.name, code_of(input.name, &input.text), Origin::User);
    let mut diagnostics = Diagnostics::new();
    let file = parse(&map, doc, &mut diagnostics);
    let imported = match (input.path, &file) {
        (Some(path), Some(file)) => {
            let root = input
                .root
                .filter(|r| path.starts_with(r))
                .or(path.parent())
                .unwrap_or(Path::new("/"));
            follow_imports(&mut map, path, file, root, open, &mut diagnostics)
        }
        _ => Vec::new(),
    };
    let mut files = std.files.clone();
    files.extend(file.clone());
    files.extend(imported.iter().map(|(_, f)| f.clone()));
    let (cross, folder) = match (input.path, &file) {
        // Also while the document does not parse: completion needs the folder.
        (Some(path), _) => cross_contract(&map, doc, path, &imported, &files, open),
        _ => (Diagnostics::new(), None),
    };
    let program = crate::pipeline::analyse(files, &mut diagnostics);
    diagnostics.extend(cross);
    let mut diagnostics: Vec<Diagnostic> = diagnostics.into_sorted(|_| (0, String::new()));
    diagnostics.retain(|d| d.primary.span.source == doc);
    Analysis {
        version: input.version,
        text: input.text,
        map,
        doc,
        file,
        program,
        diagnostics,
        folder,
    }
}

/// The cross-contract diagnostics (R0701, R0702) of the document against
/// the other Pacte files of its folder (and sub-folders, as `pacte check
/// FOLDER` reads them): a second analysis with those files, of which only
/// these codes are kept. Nothing when the folder has no other file or more
/// than [`MAX_IMPORTED`]. Also gives those files, parsed, for navigation.
fn cross_contract(
    map: &SourceMap,
    doc: SourceId,
    path: &Path,
    imported: &[(PathBuf, File)],
    files: &[File],
    open: &dyn Fn(&Path) -> Option<String>,
) -> (Diagnostics, Option<(SourceMap, Vec<File>)>) {
    let mut out = Diagnostics::new();
    let Some(folder) = path.parent() else {
        return (out, None);
    };
    let Ok(found) = crate::cli::load::discover(&[folder.to_path_buf()]) else {
        return (out, None);
    };
    let skip: HashSet<&Path> = imported
        .iter()
        .map(|(p, _)| p.as_path())
        .chain([path])
        .collect();
    let others: Vec<&PathBuf> = found
        .iter()
        .filter(|p| !skip.contains(p.as_path()))
        .collect();
    if others.is_empty() || others.len() > MAX_IMPORTED {
        return (out, None);
    }
    let mut map = map.clone();
    // The folder's files before the document's, so that the document's
    // contract is the one that « passes » a total (R0702 names the last).
    let n_std = std_cache().files.len().min(files.len());
    let mut all = files.get(..n_std).unwrap_or(&[]).to_vec();
    let mut beside = Vec::new();
    for other in others {
        let Some(text) = open(other).or_else(|| read_utf8(other)) else {
            continue;
        };
        let shown = other.to_string_lossy().into_owned();
        let id = map.add(shown.as_str(), code_of(&shown, &text), Origin::User);
        beside.extend(parse(&map, id, &mut Diagnostics::new()));
    }
    all.extend(beside.iter().cloned());
    all.extend(files.get(n_std..).unwrap_or(&[]).iter().cloned());
    let mut diagnostics = Diagnostics::new();
    crate::pipeline::analyse(all, &mut diagnostics);
    for mut d in diagnostics.into_vec() {
        if !matches!(d.code, Code::R0701 | Code::R0702) {
            continue;
        }
        // Shown on the document's side of the pair.
        if d.primary.span.source != doc {
            if let Some(l) = d.secondary.iter().find(|l| l.span.source == doc) {
                d.primary.span = l.span;
            }
        }
        out.push(d);
    }
    (out, Some((map, beside)))
}

fn code_of(name: &str, text: &str) -> String {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if name.ends_with(".pacte.md") {
        crate::literate::extract_code(text)
    } else {
        text.to_string()
    }
}

fn parse(map: &SourceMap, id: SourceId, diagnostics: &mut Diagnostics) -> Option<File> {
    let source = map.get(id)?;
    crate::syntax::parse(source, diagnostics).file
}

/// Reads the files imported by `file` and, in turn, theirs.
fn follow_imports(
    map: &mut SourceMap,
    path: &Path,
    file: &File,
    root: &Path,
    open: &dyn Fn(&Path) -> Option<String>,
    diagnostics: &mut Diagnostics,
) -> Vec<(PathBuf, File)> {
    let mut seen: HashSet<PathBuf> = HashSet::from([path.to_path_buf()]);
    let mut out: Vec<(PathBuf, File)> = Vec::new();
    let mut queue: Vec<(PathBuf, File, bool)> = vec![(path.to_path_buf(), file.clone(), true)];
    while let Some((importer, file, is_doc)) = queue.pop() {
        for item in &file.items {
            let Item::Importe(imp) = item else { continue };
            let target = imp.path.value.as_str();
            let Some(resolved) = resolve_import(&importer, target, root) else {
                if is_doc {
                    diagnostics.push(
                        Diagnostic::new(
                            Code::E0107,
                            imp.span,
                            format!("l'import « {target} » sort de l'arborescence vérifiée"),
                        )
                        .label("hors de l'arborescence")
                        .help(format!(
                            "placez le fichier sous « {} », le dossier ouvert dans l'éditeur",
                            root.display()
                        ))
                        .note(
                            "par sécurité, un fichier hors de l'arborescence n'est jamais ouvert",
                        ),
                    );
                }
                continue;
            };
            if !seen.insert(resolved.clone()) || out.len() >= MAX_IMPORTED {
                continue;
            }
            let Some(text) = open(&resolved).or_else(|| read_utf8(&resolved)) else {
                if is_doc {
                    diagnostics.push(
                        Diagnostic::new(
                            Code::E0101,
                            imp.span,
                            format!("le fichier importé « {target} » est introuvable"),
                        )
                        .label("fichier introuvable")
                        .help("vérifiez le chemin : il est relatif au fichier qui importe"),
                    );
                }
                continue;
            };
            let shown = resolved.to_string_lossy().into_owned();
            let id = map.add(shown.as_str(), code_of(&shown, &text), Origin::User);
            let mut ignored = Diagnostics::new();
            if let Some(imported) = parse(map, id, &mut ignored) {
                out.push((resolved.clone(), imported.clone()));
                queue.push((resolved, imported, false));
            }
        }
    }
    out
}

fn read_utf8(path: &Path) -> Option<String> {
    String::from_utf8(std::fs::read(path).ok()?).ok()
}
