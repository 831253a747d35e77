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
    let crate::pipeline::Checked {
        workspace: ws,
        program,
        diagnostics,
    } = load::check(paths, std_dir)?;
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
    if let Some(status) = nothing_to_check(&args.paths, &checked) {
        return status;
    }
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

/// Exit 2 when the paths hold nothing to check: no Pacte file (an empty
/// folder, a mistyped folder in CI), or only empty files. A green CI on a
/// folder without any contract would hide the mistake.
fn nothing_to_check(paths: &[PathBuf], checked: &Checked) -> Option<ExitStatus> {
    let ws = &checked.workspace;
    let items: usize = ws
        .user
        .iter()
        .filter_map(|id| ws.parsed.get(id)?.file.as_ref())
        .map(|f| f.items.len())
        .sum();
    let has_errors = checked.summary.errors > 0;
    if has_errors || items > 0 || !checked.program.contrats.is_empty() {
        return None;
    }
    let shown: Vec<String> = paths
        .iter()
        .map(|p| format!("« {} »", p.display()))
        .collect();
    let found = match ws.user.len() {
        0 => "aucun fichier .pacte ou .pacte.md".to_string(),
        1 => "un fichier sans aucun élément".to_string(),
        n => format!("{n} fichiers sans aucun élément"),
    };
    eprintln!(
        "erreur : aucun contrat trouvé dans {} ({found})",
        shown.join(", ")
    );
    eprintln!("aide : vérifiez le chemin ; un contrat s'écrit dans un fichier `.pacte` (voir `pacte nouveau`)");
    Some(ExitStatus::Error)
}
