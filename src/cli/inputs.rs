//! What `evaluate` and `diagnose` both start from: contracts checked, then a
//! figures file read against them. Errors in either are printed (text, or
//! JSON when the command's output is JSON) and nothing else runs: the
//! contracts' errors exit 1, the figures' errors (or an unreadable file) 2.

use super::{fail, load, output, ExitStatus};
use crate::diagnostic::render::{self, Summary};
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::eval::{self, Figures};
use crate::model::Program;
use std::path::{Path, PathBuf};

/// Checked contracts and the figures read for them.
pub struct Inputs {
    pub workspace: load::Workspace,
    pub program: Program,
    pub figures: Figures,
}

/// How a command asks for its inputs.
pub struct Request<'a> {
    pub paths: &'a [PathBuf],
    pub figures: &'a Path,
    pub exercice: i32,
    pub std_dir: Option<&'a Path>,
    /// Print diagnostics as JSON (the command's own output is JSON).
    pub json: bool,
    pub color: bool,
    /// « évalué », « diagnostiqué »: what did not happen when refusing.
    pub done: &'a str,
}

/// Loads and checks everything, or prints why not and returns the status.
pub fn load(req: &Request) -> Result<Inputs, ExitStatus> {
    if !(1900..=2200).contains(&req.exercice) {
        return Err(fail(&format!(
            "exercice invalide : {} (attendu : une année, ex. 2026)",
            req.exercice
        )));
    }
    let mut ws = load::load(req.paths, req.std_dir).map_err(|e| fail(&e.0))?;
    let program = crate::pipeline::analyse(ws.files(), &mut ws.diagnostics);
    let bytes =
        super::files::read_regular(req.figures, super::files::MAX_FIGURES).map_err(|e| {
            fail(&format!(
                "impossible de lire le fichier de chiffres « {} » : {}",
                req.figures.display(),
                e.0
            ))
        })?;
    let path = req.figures.to_string_lossy().replace('\\', "/");
    let mut figure_diagnostics = Diagnostics::new();
    let figures = eval::figures::read(
        &mut ws.map,
        &path,
        &bytes,
        &program,
        &mut figure_diagnostics,
    );
    for note in &figures.notes {
        eprintln!("note : {note}");
    }
    let contract_errors = ws.diagnostics.count(Severity::Error);
    let warnings = ws.diagnostics.count(Severity::Warning);
    let figure_errors = figure_diagnostics.count(Severity::Error);
    if contract_errors > 0 || figure_errors > 0 {
        ws.diagnostics.extend(figure_diagnostics);
        let diagnostics = std::mem::take(&mut ws.diagnostics).into_sorted(|s| ws.file_rank(s));
        print_diagnostics(req, &diagnostics, &ws, program.contrats.len());
        let done = req.done;
        if figure_errors > 0 {
            eprintln!("erreur : le fichier de chiffres « {path} » a {figure_errors} erreur(s) : rien n'a été {done}");
            return Err(ExitStatus::Error);
        }
        eprintln!("erreur : les contrats ont {contract_errors} erreur(s) : rien n'a été {done} (détail : pacte check)");
        return Err(ExitStatus::Failure);
    }
    if warnings > 0 {
        eprintln!("note : {warnings} avertissement(s) dans les contrats (détail : pacte check)");
    }
    Ok(Inputs {
        workspace: ws,
        program,
        figures,
    })
}

fn print_diagnostics(
    req: &Request,
    diagnostics: &[Diagnostic],
    ws: &load::Workspace,
    contracts: usize,
) {
    let count = |s: Severity| diagnostics.iter().filter(|d| d.severity() == s).count();
    let summary = Summary {
        files: ws.user.len() + 1,
        contracts,
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
    };
    let format = if req.json {
        render::Format::Json
    } else {
        render::Format::Text
    };
    output::print(&render::render(
        format,
        diagnostics,
        &ws.map,
        &summary,
        req.color,
    ));
}
