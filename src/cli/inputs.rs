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
    if req.paths.iter().any(|p| load::is_stdin(p)) && load::is_stdin(req.figures) {
        return Err(fail(
            "l'entrée standard ne peut donner à la fois les contrats et les chiffres",
        ));
    }
    let bytes = load::read_bytes(req.figures).map_err(|e| {
        fail(&format!(
            "impossible de lire le fichier de chiffres « {} » : {}",
            req.figures.display(),
            load::io_reason(&e)
        ))
    })?;
    let path = if load::is_stdin(req.figures) {
        load::STDIN_NAME.to_string()
    } else {
        req.figures.to_string_lossy().replace('\\', "/")
    };
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
            let errors = crate::display::count(figure_errors, "erreur", "erreurs");
            eprintln!(
                "erreur : le fichier de chiffres « {path} » a {errors} : rien n'a été {done}"
            );
            return Err(ExitStatus::Error);
        }
        let errors = crate::display::count(contract_errors, "erreur", "erreurs");
        eprintln!(
            "erreur : les contrats ont {errors} : rien n'a été {done} (détail : pacte check)"
        );
        return Err(ExitStatus::Failure);
    }
    if figure_diagnostics.count(Severity::Warning) > 0 {
        // Warnings about the figures (V0206) are shown before the report,
        // on stderr so that a JSON or HTML report stays intact.
        let diagnostics = figure_diagnostics.into_sorted(|s| ws.file_rank(s));
        let summary = Summary {
            files: 1,
            contracts: 0,
            errors: 0,
            warnings: diagnostics.len(),
        };
        let text = render::render(render::Format::Text, &diagnostics, &ws.map, &summary, false);
        eprint!("{text}");
    }
    if warnings > 0 {
        let warnings = crate::display::count(warnings, "avertissement", "avertissements");
        eprintln!("note : {warnings} dans les contrats (détail : pacte check)");
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
