//! `pacte diagnose --figures FILE --exercice AAAA [--contrats PATHS…]
//! [--diagnostic ID] [--format text|json|md|html]` (spec §9, instruction
//! 2025/145 I and annexe I).
//!
//! Exit codes as `evaluate`: the std and the contracts are checked first,
//! and with errors nothing is diagnosed (exit 1); a figures file with
//! errors, a missing file, a bad argument or an unknown `diagnostic` item
//! exit 2; otherwise the diagnosis is printed (exit 0, whatever the groups).

use super::{fail, load, output, ExitStatus};
use crate::ast::DiagnosticDef;
use crate::diagnose::{self, report};
use crate::diagnostic::render::{self, Summary};
use crate::diagnostic::{Diagnostics, Severity};
use crate::eval;
use crate::model::Program;
use crate::source::{Origin, SourceMap};
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct DiagnoseArgs {
    /// Fichier de chiffres : Hospi Diag (données ouvertes), ou CSV `finess;exercice;indicateur;valeur`.
    #[arg(long, value_name = "FICHIER")]
    pub figures: PathBuf,
    /// Exercice diagnostiqué.
    #[arg(long, value_name = "AAAA")]
    pub exercice: i32,
    /// Contrats de la région (fichiers ou dossiers) : établissements à contractualiser sans contrat, contrats revenus sans alerte.
    #[arg(long, value_name = "CHEMINS", num_args = 1..)]
    pub contrats: Vec<PathBuf>,
    /// Le classement à appliquer (un item `diagnostic`) ; par défaut celui des contrats s'il y en a un, sinon celui de la bibliothèque standard.
    #[arg(long, value_name = "ID")]
    pub diagnostic: Option<String>,
    /// Format du rapport.
    #[arg(long, value_enum, default_value_t = DiagnoseFormat::Text)]
    pub format: DiagnoseFormat,
}

/// `--format` of `pacte diagnose`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiagnoseFormat {
    Text,
    Json,
    Md,
    Html,
}

impl From<DiagnoseFormat> for report::Format {
    fn from(f: DiagnoseFormat) -> report::Format {
        match f {
            DiagnoseFormat::Text => report::Format::Text,
            DiagnoseFormat::Json => report::Format::Json,
            DiagnoseFormat::Md => report::Format::Markdown,
            DiagnoseFormat::Html => report::Format::Html,
        }
    }
}

pub fn run(args: &DiagnoseArgs, std_dir: Option<&Path>, color: bool) -> ExitStatus {
    if !(1900..=2200).contains(&args.exercice) {
        return fail(&format!(
            "exercice invalide : {} (attendu : une année, ex. 2014)",
            args.exercice
        ));
    }
    let mut ws = match load::load(&args.contrats, std_dir) {
        Ok(ws) => ws,
        Err(e) => return fail(&e.0),
    };
    let program = crate::pipeline::analyse(ws.files(), &mut ws.diagnostics);
    let errors = ws.diagnostics.count(Severity::Error);
    let warnings = ws.diagnostics.count(Severity::Warning);
    let bytes = match std::fs::read(&args.figures) {
        Ok(bytes) => bytes,
        Err(e) => {
            return fail(&format!(
                "impossible de lire le fichier de chiffres « {} » : {}",
                args.figures.display(),
                load::io_reason(&e)
            ))
        }
    };
    let path = args.figures.to_string_lossy().replace('\\', "/");
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
    let figure_errors = figure_diagnostics.count(Severity::Error);
    if errors > 0 || figure_errors > 0 {
        ws.diagnostics.extend(figure_diagnostics);
        let diagnostics = std::mem::take(&mut ws.diagnostics).into_sorted(|s| ws.file_rank(s));
        print_diagnostics(args, &diagnostics, &ws, program.contrats.len(), color);
        if figure_errors > 0 {
            eprintln!("erreur : le fichier de chiffres « {path} » a {figure_errors} erreur(s) : rien n'a été diagnostiqué");
            return ExitStatus::Error;
        }
        eprintln!("erreur : les contrats ont {errors} erreur(s) : rien n'a été diagnostiqué (détail : pacte check)");
        return ExitStatus::Failure;
    }
    if warnings > 0 {
        eprintln!("note : {warnings} avertissement(s) dans les contrats (détail : pacte check)");
    }
    let def = match choose(&program, &ws.map, args.diagnostic.as_deref()) {
        Ok(def) => def,
        Err(message) => return fail(&message),
    };
    let diagnosis = diagnose::diagnose(&program, &figures, args.exercice, def);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    // A closed pipe (`pacte diagnose … | head`) is not an error.
    let _ = report::write(args.format.into(), &diagnosis, &ws.map, &mut out);
    let _ = std::io::Write::flush(&mut out);
    ExitStatus::Success
}

/// The `diagnostic` item to apply: the one named, else the only one of the
/// user's files, else the std's.
fn choose<'p>(
    program: &'p Program,
    map: &SourceMap,
    name: Option<&str>,
) -> Result<&'p DiagnosticDef, String> {
    let known = || {
        let names: Vec<&str> = program.diagnostics.keys().map(String::as_str).collect();
        if names.is_empty() {
            "aucun".to_string()
        } else {
            names.join(", ")
        }
    };
    if let Some(name) = name {
        return program.diagnostics.get(name).ok_or_else(|| {
            format!(
                "aucun diagnostic « {name} » (diagnostics définis : {})",
                known()
            )
        });
    }
    let is_std = |d: &&DiagnosticDef| {
        map.get(d.span.source)
            .is_some_and(|s| s.origin == Origin::Std)
    };
    let user: Vec<&DiagnosticDef> = program
        .diagnostics
        .values()
        .filter(|d| !is_std(d))
        .collect();
    match user.as_slice() {
        [one] => return Ok(one),
        [] => {}
        _ => {
            return Err(format!(
                "les contrats définissent plusieurs diagnostics : choisissez-en un avec --diagnostic ({})",
                known()
            ))
        }
    }
    program
        .diagnostics
        .values()
        .find(is_std)
        .ok_or_else(|| "aucun diagnostic défini : la bibliothèque standard (--std) n'en a pas, ajoutez un item `diagnostic` aux contrats".to_string())
}

fn print_diagnostics(
    args: &DiagnoseArgs,
    diagnostics: &[crate::diagnostic::Diagnostic],
    ws: &load::Workspace,
    contracts: usize,
    color: bool,
) {
    let count = |s: Severity| diagnostics.iter().filter(|d| d.severity() == s).count();
    let summary = Summary {
        files: ws.user.len() + 1,
        contracts,
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
    };
    let format = match args.format {
        DiagnoseFormat::Json => render::Format::Json,
        _ => render::Format::Text,
    };
    output::print(&render::render(
        format,
        diagnostics,
        &ws.map,
        &summary,
        color,
    ));
}
