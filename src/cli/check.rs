//! `pacte check PATHS… [--format text|json|sarif|github] [--deny-warnings]`.

use super::{fail, load, output, ExitStatus};
use crate::diagnostic::render::{self, Format};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Program;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Fichiers ou dossiers à vérifier (les dossiers sont parcourus récursivement).
    #[arg(required = true, value_name = "CHEMINS")]
    pub paths: Vec<PathBuf>,
    /// Format de sortie des diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Échoue aussi sur les avertissements.
    #[arg(long)]
    pub deny_warnings: bool,
}

/// The result of checking a set of paths.
pub struct Checked {
    pub workspace: load::Workspace,
    pub program: Program,
    /// Sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    pub summary: render::Summary,
}

/// Loads, parses and analyses paths: everything `pacte check` does but print.
pub fn check_paths(paths: &[PathBuf], std_dir: Option<&Path>) -> Result<Checked, load::LoadError> {
    let mut ws = load::load(paths, std_dir)?;
    let files = ws.files();
    let program = crate::pipeline::analyse(files, &mut ws.diagnostics);
    let diagnostics = std::mem::take(&mut ws.diagnostics).into_sorted(|s| ws.file_rank(s));
    let count = |severity| {
        diagnostics
            .iter()
            .filter(|d| d.severity() == severity)
            .count()
    };
    let summary = render::Summary {
        files: ws.user.len(),
        contracts: program.contrats.len(),
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
    };
    Ok(Checked {
        workspace: ws,
        program,
        diagnostics,
        summary,
    })
}

pub fn run(args: &CheckArgs, std_dir: Option<&Path>, color: bool) -> ExitStatus {
    let checked = match check_paths(&args.paths, std_dir) {
        Ok(c) => c,
        Err(e) => return fail(&e.0),
    };
    let Checked {
        workspace,
        diagnostics,
        summary,
        ..
    } = &checked;
    output::print(&render::render(
        args.format,
        diagnostics,
        &workspace.map,
        summary,
        color,
    ));
    if summary.errors > 0 || (args.deny_warnings && summary.warnings > 0) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    }
}
