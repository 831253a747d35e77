//! One open document checked with the std and the files it imports, by the
//! same pipeline entry as `pacte check` (`pipeline::load`, which follows
//! `importe`: E0101, E0107, E0108) through the server's [`EditorLoader`]:
//! an open document is read from the editor, any other file from disk.
//! Imports stay inside the workspace folder (else the document's folder).
//! Only the document's own diagnostics are kept.

use super::loader::EditorLoader;
use crate::ast::File;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::model::Program;
use crate::pipeline::Request;
use crate::resolve::loader::Input as Given;
use crate::source::{SourceId, SourceMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
    /// The document and the files it imports, directly or not: the sources
    /// of `program` (besides the std).
    pub own: Vec<SourceId>,
    /// The document's syntax tree, when it parses.
    pub file: Option<File>,
    pub program: Program,
    /// The diagnostics located in the document, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// The other Pacte files of the document's folder (not imported), with
    /// the map that holds them (the same as `map`): where a `suivi`,
    /// `scénario` or `revue` finds a contract written beside it.
    pub folder: Option<(SourceMap, Vec<File>)>,
}

/// The std's sources (for `<std>` documents).
pub fn std_sources() -> &'static SourceMap {
    crate::pipeline::std_sources()
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

/// Checks a document; `loader` gives the text of the other open documents.
///
/// A saved document is checked as `pacte check FOLDER` checks it, with the
/// other Pacte files of its folder (and sub-folders), through the same
/// entry (`pipeline::load`), the document last; its own diagnostics are kept,
/// the cross-contract ones (R0701, R0702) moved to its side of the pair.
/// The features (names, hover, completion) work on a second analysis of
/// the document and its imports only; the folder's other files are kept
/// beside it for navigation. An unsaved document, or one in a folder of
/// more than [`MAX_IMPORTED`] files, is checked with its imports only.
pub fn analyse(input: Input, loader: &EditorLoader) -> Analysis {
    let path = input
        .path
        .map_or_else(|| PathBuf::from(input.name), Path::to_path_buf);
    let loader = loader.with(path.clone(), input.text.clone());
    let root = input.path.map(|path| {
        input
            .root
            .filter(|r| path.starts_with(r))
            .or(path.parent())
            .unwrap_or(Path::new("/"))
    });
    let alone = [Given {
        path: path.clone(),
        name: input.name.to_string(),
    }];
    let load = |files: &[Given]| {
        let request = Request {
            std: None,
            files,
            root,
            max_imported: MAX_IMPORTED,
        };
        crate::pipeline::load(&loader, &request)
    };
    // A file of the folder that cannot be read (access refused) leaves the
    // document with its imports; the document itself is served from memory.
    let mut ws = folder_files(&loader, input.path)
        .and_then(|files| load(&files).ok())
        .or_else(|| load(&alone).ok())
        .unwrap_or_default();
    let absolute = crate::resolve::loader::SourceLoader::absolute(&loader, &path);
    let doc = ws
        .user
        .iter()
        .copied()
        .find(|id| ws.paths.get(id) == Some(&absolute))
        .unwrap_or(SourceId(0));
    let mut diagnostics = std::mem::take(&mut ws.diagnostics);
    let checked = crate::pipeline::analyse(ws.files(), &mut diagnostics);
    let diagnostics = own_diagnostics(diagnostics, doc);
    let own = ws.closure(doc);
    let program = if own == ws.user {
        checked
    } else {
        let files: Vec<File> = ws
            .std
            .iter()
            .chain(&own)
            .filter_map(|id| ws.parsed.get(id)?.file.clone())
            .collect();
        crate::pipeline::analyse(files, &mut Diagnostics::new())
    };
    let beside: Vec<File> = ws
        .user
        .iter()
        .filter(|id| !own.contains(id))
        .filter_map(|id| ws.parsed.get(id)?.file.clone())
        .collect();
    let folder = (input.path.is_some() && !beside.is_empty()).then(|| (ws.map.clone(), beside));
    Analysis {
        version: input.version,
        text: input.text,
        file: ws.parsed.get(&doc).and_then(|p| p.file.clone()),
        map: ws.map,
        doc,
        own,
        program,
        diagnostics,
        folder,
    }
}

/// The files checked with a saved document: its folder's, as `pacte check
/// FOLDER` lists them but with the document last; `None` for an unsaved
/// document or a folder of more than [`MAX_IMPORTED`] files.
fn folder_files(loader: &EditorLoader, saved: Option<&Path>) -> Option<Vec<Given>> {
    let path = saved?;
    let mut found = loader.discover(path.parent()?);
    if found.len() > MAX_IMPORTED {
        return None;
    }
    // The document last: a total it passes (R0702) is reported in it.
    found.retain(|p| p != path);
    found.push(path.to_path_buf());
    let given = found.into_iter().map(|p| Given {
        name: p.to_string_lossy().into_owned(),
        path: p,
    });
    Some(given.collect())
}

/// The diagnostics located in the document, sorted; a cross-contract one
/// (R0701, R0702) is shown on the document's side of the pair.
fn own_diagnostics(diagnostics: Diagnostics, doc: SourceId) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = diagnostics.into_sorted(|_| (0, String::new()));
    for d in &mut out {
        if matches!(d.code, Code::R0701 | Code::R0702) && d.primary.span.source != doc {
            if let Some(l) = d.secondary.iter().find(|l| l.span.source == doc) {
                d.primary.span = l.span;
            }
        }
    }
    out.retain(|d| d.primary.span.source == doc);
    out
}
