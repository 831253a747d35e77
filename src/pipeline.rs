//! The pipeline, one function per stage arrow:
//! sources → `syntax::parse` → `resolve::resolve` → `typeck::check` →
//! `validate::check` → `rules::check` → `Program` + diagnostics.
//! Pure: files are read by `cli/`.

use crate::ast::File;
use crate::diagnostic::Diagnostics;
use crate::model::Program;
use crate::source::{SourceId, SourceMap};
use crate::syntax::{self, Parsed};
use rayon::prelude::*;

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
    files: Vec<File>,
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
        let mut files = Vec::new();
        for (_, parsed, d) in parse_all(&map, &ids) {
            diagnostics.extend(d);
            files.extend(parsed.file);
        }
        ParsedStd {
            map,
            files,
            diagnostics,
        }
    })
}

/// Checks one text against the embedded std, in memory (no file is read):
/// for tests, tools, editors and fuzzing. The std is parsed once per
/// process. Returns the sources, the sorted diagnostics and the program.
pub fn check_text(
    path: &str,
    text: &str,
) -> (SourceMap, Vec<crate::diagnostic::Diagnostic>, Program) {
    let std = parsed_std();
    let mut map = std.map.clone();
    let code = if path.ends_with(".pacte.md") {
        crate::literate::extract_code(text)
    } else {
        text.to_string()
    };
    let user = map.add(path, code, crate::source::Origin::User);
    let mut diagnostics = std.diagnostics.clone();
    let mut files = std.files.clone();
    if let Some(source) = map.get(user) {
        let parsed = syntax::parse(source, &mut diagnostics);
        files.extend(parsed.file);
    }
    let program = analyse(files, &mut diagnostics);
    let sorted = diagnostics.into_sorted(|span| (usize::from(span.source != user), String::new()));
    (map, sorted, program)
}
