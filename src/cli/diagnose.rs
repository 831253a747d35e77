//! `pacte diagnose --figures FILE --exercice AAAA [--contrats PATHS…]
//! [--diagnostic ID] [--format text|json|md|html]` (spec §9, instruction
//! 2025/145 I and annexe I).
//!
//! Exit codes as `evaluate`: the std and the contracts are checked first,
//! and with errors nothing is diagnosed (exit 1); a figures file with
//! errors, a missing file, a bad argument or an unknown `diagnostic` item
//! exit 2; otherwise the diagnosis is printed (exit 0, whatever the groups).

use super::{fail, inputs, ExitStatus};
use crate::ast::DiagnosticDef;
use crate::diagnose::{self, report};
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
    /// Ne garde que les établissements d'une région (ex. Normandie), d'après le département de leur FINESS.
    #[arg(long, value_name = "RÉGION", alias = "ars")]
    pub region: Option<String>,
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
    let request = inputs::Request {
        paths: &args.contrats,
        figures: &args.figures,
        exercice: args.exercice,
        std_dir,
        json: args.format == DiagnoseFormat::Json,
        color,
        done: "diagnostiqué",
    };
    let agence = match args.region.as_deref().map(agence) {
        Some(Ok(a)) => Some(a),
        Some(Err(message)) => return fail(&message),
        None => None,
    };
    let inputs::Inputs {
        workspace: ws,
        program,
        mut figures,
    } = match inputs::load(&request) {
        Ok(inputs) => inputs,
        Err(status) => return status,
    };
    if let Some(agence) = agence {
        figures.retain_establishments(|finess| crate::resolve::agences::covers(agence, finess));
    }
    let def = match choose(&program, &ws.map, args.diagnostic.as_deref()) {
        Ok(def) => def,
        Err(message) => return fail(&message),
    };
    let mut diagnosis = diagnose::diagnose(&program, &figures, args.exercice, def);
    // The letterhead names the agency kept by `--region`, when one was asked.
    if let Some(agence) = agence {
        diagnosis.agence = Some(agence.to_string());
    }
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
        let names: Vec<&str> = program.diagnosis_defs.keys().map(String::as_str).collect();
        if names.is_empty() {
            "aucun".to_string()
        } else {
            names.join(", ")
        }
    };
    if let Some(name) = name {
        return program.diagnosis_defs.get(name).ok_or_else(|| {
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
        .diagnosis_defs
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
        .diagnosis_defs
        .values()
        .find(is_std)
        .ok_or_else(|| "aucun diagnostic défini : la bibliothèque standard (--std) n'en a pas, ajoutez un item `diagnostic` aux contrats".to_string())
}

/// The agency of `--region Normandie` or `--ars "ARS Normandie"`.
fn agence(name: &str) -> Result<&'static str, String> {
    use crate::resolve::agences;
    agences::official(name).ok_or_else(|| {
        let regions = agences::names().map(|n| n.trim_start_matches("ARS "));
        let hint = crate::resolve::suggest::closest(name.trim_start_matches("ARS "), regions)
            .map(|c| format!(" ; vouliez-vous dire « {c} » ?"))
            .unwrap_or_default();
        format!("région inconnue « {name} »{hint}")
    })
}
