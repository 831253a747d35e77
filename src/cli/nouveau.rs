//! `pacte nouveau [--cadre ID] [--finess F] FICHIER`: writes a commented
//! template contract (`-` prints it). An existing file is never replaced.

use super::{fail, load, output, ExitStatus};
use crate::guide::nouveau::{template, Options};
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct NouveauArgs {
    /// Fichier à créer (`-` : l'afficher).
    #[arg(value_name = "FICHIER")]
    pub file: PathBuf,
    /// Cadre du contrat (voir `pacte std cadres`).
    #[arg(long, default_value = "redressement_2025", value_name = "ID")]
    pub cadre: String,
    /// Numéro FINESS de l'établissement (l'agence en est déduite).
    #[arg(long, value_name = "FINESS")]
    pub finess: Option<String>,
}

pub fn run(args: &NouveauArgs, std_dir: Option<&Path>) -> ExitStatus {
    let program = match std_program(std_dir) {
        Ok(p) => p,
        Err(status) => return status,
    };
    let options = Options {
        cadre: args.cadre.clone(),
        finess: args.finess.clone(),
    };
    let text = match template(&program, &options) {
        Ok(text) => text,
        Err(message) => return fail(&message),
    };
    if args.file.as_os_str() == "-" {
        output::print(&text);
        return ExitStatus::Success;
    }
    if args.file.exists() {
        return fail(&format!(
            "« {} » existe déjà : choisissez un autre nom (pacte nouveau ne remplace jamais un fichier)",
            args.file.display()
        ));
    }
    match output::write_atomic(&args.file, &text) {
        Ok(_) => {
            eprintln!(
                "écrit : {} — remplacez chaque « À COMPLÉTER », puis : pacte check {}",
                args.file.display(),
                args.file.display()
            );
            ExitStatus::Success
        }
        Err(e) => fail(&format!(
            "impossible d'écrire « {} » : {}",
            args.file.display(),
            load::io_reason(&e)
        )),
    }
}

/// The standard library alone, analysed.
pub fn std_program(std_dir: Option<&Path>) -> Result<crate::model::Program, ExitStatus> {
    let mut ws = load::load(&[] as &[PathBuf], std_dir).map_err(|e| fail(&e.0))?;
    Ok(crate::pipeline::analyse(ws.files(), &mut ws.diagnostics))
}
