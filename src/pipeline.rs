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
