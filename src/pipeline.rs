//! The pipeline, one function per stage arrow:
//! sources → `syntax::parse` → `resolve::resolve` → `typeck::check` →
//! `validate::check` → `rules::check` → `Program` + diagnostics.
//!
//! [`load`] and [`check`] are the one entry that `pacte` (every command
//! that reads contracts), the editor server and the tests share: files are
//! read through a [`SourceLoader`] (the disk for `cli/`, the open documents
//! first for `lsp/`) and `importe` is followed by `resolve::imports`. Pure:
//! nothing here touches the file system.

use crate::ast::File;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::Program;
use crate::resolve::loader::{Input, LoadError, MemoryLoader, SourceLoader, Workspace};
use crate::source::{Origin, SourceId, SourceMap};
use crate::syntax::{self, Parsed};
use rayon::prelude::*;
use std::path::Path;

/// What a run reads.
pub struct Request<'a> {
    /// The std's files; `None` for the embedded std (parsed once per process).
    pub std: Option<&'a [Input]>,
    /// The user's files, in order.
    pub files: &'a [Input],
    /// The folder imports must stay in (E0107); `None`: imports are not
    /// followed (a text without a folder, as an unsaved editor buffer).
    pub root: Option<&'a Path>,
    /// At most this many files are read through imports.
    pub max_imported: usize,
}

/// Reads the std and the user's files through `loader`, parses them and
/// follows their imports. A given file that cannot be read stops the run.
pub fn load(loader: &dyn SourceLoader, req: &Request) -> Result<Workspace, LoadError> {
    let mut ws = Workspace::new();
    match req.std {
        None => {
            let std = parsed_std();
            ws.map = std.map.clone();
            ws.diagnostics = std.diagnostics.clone();
            for (id, parsed) in &std.parsed {
                ws.std.push(*id);
                ws.parsed.insert(*id, parsed.clone());
            }
        }
        Some(inputs) => {
            for input in inputs {
                let (id, _) = ws.read(loader, input, Origin::Std)?;
                ws.std.push(id);
            }
            let ids = ws.std.clone();
            ws.parse(&ids);
        }
    }
    let mut readable = Vec::new();
    for input in req.files {
        let (id, ok) = ws.read(loader, input, Origin::User)?;
        ws.user.push(id);
        ws.paths.insert(id, loader.absolute(&input.path));
        if ok {
            readable.push(id);
        }
    }
    ws.parse(&readable);
    if let Some(root) = req.root {
        crate::resolve::imports::follow(&mut ws, loader, root, req.max_imported);
    }
    Ok(ws)
}

/// A run checked: its files, the program and the diagnostics sorted by
/// file (user files in order, std last) and position.
pub struct Checked {
    pub workspace: Workspace,
    pub program: Program,
    pub diagnostics: Vec<Diagnostic>,
}

/// [`load`], then every stage of the check: what `pacte check` does but print.
pub fn check(loader: &dyn SourceLoader, req: &Request) -> Result<Checked, LoadError> {
    let mut ws = load(loader, req)?;
    let program = analyse(ws.files(), &mut ws.diagnostics);
    let diagnostics = std::mem::take(&mut ws.diagnostics).into_sorted(|s| ws.file_rank(s));
    Ok(Checked {
        workspace: ws,
        program,
        diagnostics,
    })
}

/// Parses sources in parallel; each result keeps its own diagnostics.
pub fn parse_all(map: &SourceMap, ids: &[SourceId]) -> Vec<(SourceId, Parsed, Diagnostics)> {
    ids.par_iter()
        .filter_map(|&id| {
            let source = map.get(id)?;
            let mut diagnostics = Diagnostics::new();
            let parsed = syntax::parse(source, &mut diagnostics);
            Some((id, parsed, diagnostics))
        })
        .collect()
}

/// Names, dimensions, well-formedness and framework rules over parsed files
/// (std first). Files with syntax errors are left out by the caller.
pub fn analyse(files: Vec<File>, diagnostics: &mut Diagnostics) -> Program {
    let program = crate::resolve::resolve(files, diagnostics);
    crate::typeck::check(&program, diagnostics);
    crate::validate::check(&program, diagnostics);
    crate::rules::check(&program, diagnostics);
    program
}

/// The embedded std, parsed once per process: its sources (added first to a
/// map, so their ids are 0..n) and its files, with the parse diagnostics.
struct ParsedStd {
    map: SourceMap,
    parsed: Vec<(SourceId, Parsed)>,
    diagnostics: Diagnostics,
}

fn parsed_std() -> &'static ParsedStd {
    static STD: std::sync::OnceLock<ParsedStd> = std::sync::OnceLock::new();
    STD.get_or_init(|| {
        let mut map = SourceMap::new();
        let ids: Vec<SourceId> = crate::std_lib::embedded()
            .map(|(p, t)| map.add(p, t, crate::source::Origin::Std))
            .collect();
        let mut diagnostics = Diagnostics::new();
        let mut parsed = Vec::new();
        for (id, p, d) in parse_all(&map, &ids) {
            diagnostics.extend(d);
            parsed.push((id, p));
        }
        ParsedStd {
            map,
            parsed,
            diagnostics,
        }
    })
}

/// The embedded std's sources (ids 0..n), parsed once per process.
pub fn std_sources() -> &'static SourceMap {
    &parsed_std().map
}

/// Checks one text against the embedded std, in memory (no file is read,
/// imports are not followed): for tests, tools, editors and fuzzing. The
/// same entry as `pacte check` ([`check`]), over a [`MemoryLoader`].
/// Returns the sources, the sorted diagnostics and the program.
pub fn check_text(path: &str, text: &str) -> (SourceMap, Vec<Diagnostic>, Program) {
    let file = std::path::PathBuf::from(path);
    let mut loader = MemoryLoader::default();
    loader.files.insert(file.clone(), text.to_string());
    let given = [Input {
        path: file,
        name: path.to_string(),
    }];
    let request = Request {
        std: None,
        files: &given,
        root: None,
        max_imported: 0,
    };
    match check(&loader, &request) {
        Ok(c) => (c.workspace.map, c.diagnostics, c.program),
        // The text is in memory: it is always read.
        Err(_) => (SourceMap::new(), Vec::new(), Program::default()),
    }
}
