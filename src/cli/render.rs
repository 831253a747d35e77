//! `pacte render FILE [--format md|html] [--out FILE]`: the contracts of one
//! file as a document (spec §9). A file with errors is not rendered: its
//! diagnostics are printed on stderr and the exit code is 1. The document
//! goes to stdout, or atomically to `--out`.

use super::{fail, output, ExitStatus};
use crate::diagnostic::render::{self as diagnostics, Format as DiagFormat};
use crate::diagnostic::Severity;
use crate::render::{self, Format};
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct RenderArgs {
    /// Le fichier du contrat (`.pacte` ou `.pacte.md`).
    #[arg(value_name = "FICHIER")]
    pub file: PathBuf,
    /// Format du document.
    #[arg(long, value_enum, default_value_t = Format::Md)]
    pub format: Format,
    /// Écrit le document dans ce fichier au lieu de la sortie standard.
    #[arg(long, value_name = "FICHIER")]
    pub out: Option<PathBuf>,
}

pub fn run(args: &RenderArgs, std_dir: Option<&Path>, color: bool) -> ExitStatus {
    if std::fs::metadata(&args.file).is_ok_and(|m| m.is_dir()) {
        return fail(&format!(
            "« {} » est un dossier : pacte render prend un fichier de contrat",
            args.file.display()
        ));
    }
    let checked = match super::check::check_paths(std::slice::from_ref(&args.file), std_dir) {
        Ok(c) => c,
        Err(e) => return fail(&e.0),
    };
    if !checked.diagnostics.is_empty() {
        let shown = diagnostics::render(
            DiagFormat::Text,
            &checked.diagnostics,
            &checked.workspace.map,
            &checked.summary,
            color,
        );
        eprint!("{shown}");
    }
    if checked
        .diagnostics
        .iter()
        .any(|d| d.severity() == Severity::Error)
    {
        return ExitStatus::Failure;
    }
    let Some(&file_id) = checked.workspace.user.first() else {
        return fail("aucun fichier à mettre en forme");
    };
    let contrats: Vec<&crate::ast::Contrat> = checked
        .program
        .contrats
        .iter()
        .filter(|c| c.span.source == file_id)
        .collect();
    if contrats.is_empty() {
        return fail(&format!(
            "« {} » ne contient aucun contrat",
            args.file.display()
        ));
    }
    let literate = if super::load::is_pacte_file(&args.file)
        && args.file.to_string_lossy().ends_with(".pacte.md")
    {
        match super::files::read_text(&args.file, super::files::MAX_SOURCE) {
            Ok(text) => Some(text.strip_prefix('\u{FEFF}').unwrap_or(&text).to_string()),
            Err(e) => {
                return fail(&format!(
                    "impossible de lire « {} » : {}",
                    args.file.display(),
                    e.0
                ))
            }
        }
    } else {
        None
    };
    let document = render::render(
        &checked.program,
        &contrats,
        literate.as_deref(),
        args.format,
    );
    match &args.out {
        None => {
            output::print(&document);
            ExitStatus::Success
        }
        Some(path) => match output::write_atomic(path, &document) {
            Ok(_) => ExitStatus::Success,
            Err(e) => fail(&format!(
                "impossible d'écrire « {} » : {}",
                path.display(),
                super::load::io_reason(&e)
            )),
        },
    }
}
