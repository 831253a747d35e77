//! `pacte suivi PATHS… [--date D] [--figures FICHIER] [--format text|json|md|html|xlsx]
//! [--out DIR] [--explain]` (spec §10): the « tableau de bord de suivi » of
//! each contract and the regional table.
//!
//! The contracts are checked first: with errors nothing is computed (exit
//! 1). A figures file (optional: the actuals of the regional table) with
//! errors, a bad date or an unwritable output is exit 2.

use super::{fail, load, output, ExitStatus};
use crate::date::Date;
use crate::diagnostic::render::{self, Summary};
use crate::diagnostic::{Diagnostics, Severity};
use crate::suivi::report::{self, Format};
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct SuiviArgs {
    /// Fichiers ou dossiers de contrats et de suivis.
    #[arg(required = true, value_name = "CHEMINS")]
    pub paths: Vec<PathBuf>,
    /// Date du suivi (AAAA-MM-JJ) ; par défaut, aujourd'hui.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Chiffres réels (CSV ou classeur .xlsx) pour les colonnes « réalisations » du tableau régional.
    #[arg(long, value_name = "FICHIER")]
    pub figures: Option<PathBuf>,
    /// Format du tableau de bord.
    #[arg(long, value_enum, default_value_t = SuiviFormat::Text)]
    pub format: SuiviFormat,
    /// Écrit un tableau de bord par contrat et le tableau régional dans ce dossier.
    #[arg(long, value_name = "DOSSIER")]
    pub out: Option<PathBuf>,
    /// Détaille le calcul de chaque nombre.
    #[arg(long)]
    pub explain: bool,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SuiviFormat {
    Text,
    Json,
    Md,
    Html,
    Xlsx,
}

impl From<SuiviFormat> for Format {
    fn from(f: SuiviFormat) -> Format {
        match f {
            SuiviFormat::Text => Format::Text,
            SuiviFormat::Json => Format::Json,
            SuiviFormat::Md => Format::Markdown,
            SuiviFormat::Html => Format::Html,
            SuiviFormat::Xlsx => Format::Xlsx,
        }
    }
}

pub fn run(args: &SuiviArgs, std_dir: Option<&Path>, color: bool) -> ExitStatus {
    let date = match &args.date {
        Some(text) => match Date::parse_iso(text) {
            Some(d) => d,
            None => {
                return fail(&format!(
                    "date invalide : « {text} » (attendu : AAAA-MM-JJ, ex. 2026-12-31)"
                ))
            }
        },
        None => today(),
    };
    if args.format == SuiviFormat::Xlsx && args.out.is_none() {
        return fail(
            "le format xlsx écrit des classeurs : indiquez le dossier de sortie avec --out DOSSIER",
        );
    }
    let mut ws = match load::load(&args.paths, std_dir) {
        Ok(ws) => ws,
        Err(e) => return fail(&e.0),
    };
    let program = crate::pipeline::analyse(ws.files(), &mut ws.diagnostics);
    let mut figure_diagnostics = Diagnostics::new();
    let figures = match &args.figures {
        Some(path) => match read_figures(path, &mut ws, &program, &mut figure_diagnostics) {
            Ok(f) => Some(f),
            Err(status) => return status,
        },
        None => None,
    };
    let errors = ws.diagnostics.count(Severity::Error);
    let figure_errors = figure_diagnostics.count(Severity::Error);
    if errors > 0 || figure_errors > 0 {
        ws.diagnostics.extend(figure_diagnostics);
        let diagnostics = std::mem::take(&mut ws.diagnostics).into_sorted(|s| ws.file_rank(s));
        let count = |s: Severity| diagnostics.iter().filter(|d| d.severity() == s).count();
        let summary = Summary {
            files: ws.user.len() + 1,
            contracts: program.contrats.len(),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
        };
        let format = if args.format == SuiviFormat::Json {
            render::Format::Json
        } else {
            render::Format::Text
        };
        output::print(&render::render(
            format,
            &diagnostics,
            &ws.map,
            &summary,
            color,
        ));
        if figure_errors > 0 {
            eprintln!("erreur : le fichier de chiffres a {figure_errors} erreur(s) : aucun suivi n'a été calculé");
            return ExitStatus::Error;
        }
        eprintln!("erreur : les contrats ont {errors} erreur(s) : aucun suivi n'a été calculé (détail : pacte check)");
        return ExitStatus::Failure;
    }
    let tableau = crate::suivi::compute(&program, date, figures.as_ref());
    publish(args, &tableau)
}

fn read_figures(
    path: &Path,
    ws: &mut load::Workspace,
    program: &crate::model::Program,
    diagnostics: &mut Diagnostics,
) -> Result<crate::eval::Figures, ExitStatus> {
    let bytes = std::fs::read(path).map_err(|e| {
        fail(&format!(
            "impossible de lire le fichier de chiffres « {} » : {}",
            path.display(),
            load::io_reason(&e)
        ))
    })?;
    let shown = path.to_string_lossy().replace('\\', "/");
    Ok(crate::eval::figures::read(
        &mut ws.map,
        &shown,
        &bytes,
        program,
        diagnostics,
    ))
}

fn publish(args: &SuiviArgs, t: &crate::suivi::Tableau) -> ExitStatus {
    let format = Format::from(args.format);
    let Some(dir) = &args.out else {
        output::print(&report::write(format, t, args.explain));
        return ExitStatus::Success;
    };
    if let Err(e) = std::fs::create_dir_all(dir) {
        return fail(&format!(
            "impossible de créer le dossier « {} » : {}",
            dir.display(),
            load::io_reason(&e)
        ));
    }
    let files = match report::files(format, t, args.explain) {
        Ok(files) => files,
        Err(message) => return fail(&message),
    };
    for (name, bytes) in files {
        let path = dir.join(name);
        if let Err(e) = std::fs::write(&path, bytes) {
            return fail(&format!(
                "impossible d'écrire « {} » : {}",
                path.display(),
                load::io_reason(&e)
            ));
        }
        eprintln!("écrit : {}", path.display());
    }
    ExitStatus::Success
}

/// Today's date (UTC), from the system clock.
fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil(i64::try_from(secs / 86_400).unwrap_or(0))
}

fn civil(days: i64) -> Date {
    Date::from_unix_days(days).unwrap_or(Date {
        year: 1970,
        month: 1,
        day: 1,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn civil_dates() {
        assert_eq!(super::civil(0).to_string(), "1970-01-01");
        assert_eq!(super::civil(20_819).to_string(), "2027-01-01");
        assert_eq!(super::civil(11_016).to_string(), "2000-02-29");
    }
}
