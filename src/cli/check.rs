//! `pacte check PATHS… [--format text|json|sarif|github] [--deny-warnings]`.

use super::{fail, load, output, ExitStatus};
use crate::diagnostic::render::{self, Format};
use crate::diagnostic::Severity;
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

pub fn run(args: &CheckArgs, std_dir: Option<&Path>, color: bool) -> ExitStatus {
    let mut ws = match load::load(&args.paths, std_dir) {
        Ok(ws) => ws,
        Err(e) => return fail(&e.0),
    };
    let files = ws.files();
    let program = crate::pipeline::analyse(files, &mut ws.diagnostics);
    let diagnostics = std::mem::take(&mut ws.diagnostics).into_sorted(|s| ws.file_rank(s));
    let summary = render::Summary {
        files: ws.user.len(),
        contracts: program.contrats.len(),
        errors: diagnostics
            .iter()
            .filter(|d| d.severity() == Severity::Error)
            .count(),
        warnings: diagnostics
            .iter()
            .filter(|d| d.severity() == Severity::Warning)
            .count(),
    };
    output::print(&render::render(
        args.format,
        &diagnostics,
        &ws.map,
        &summary,
        color,
    ));
    if summary.errors > 0 || (args.deny_warnings && summary.warnings > 0) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    }
}
