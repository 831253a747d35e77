//! `pacte evaluate PATHS… --figures FILE --exercice AAAA [--format text|json|md|html]
//! [--explain] [--out DIR]` (spec §8, §9).
//!
//! The contracts are checked first: with errors, nothing is evaluated
//! (exit 1). A figures file with errors is unusable (exit 2), and so is a
//! missing file or a bad argument. Otherwise the evaluation runs (exit 0,
//! whatever the verdicts).

use super::{fail, inputs, load, output, ExitStatus};
use crate::eval::report::{self, Format, Options};
use crate::eval::{self, Evaluation};
use crate::source::SourceMap;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct EvaluateArgs {
    /// Fichiers ou dossiers de contrats (les dossiers sont parcourus récursivement).
    #[arg(required = true, value_name = "CHEMINS")]
    pub paths: Vec<PathBuf>,
    /// Fichier de chiffres : CSV `finess;exercice;indicateur;valeur`, ou Hospi Diag.
    #[arg(long, value_name = "FICHIER")]
    pub figures: PathBuf,
    /// Exercice évalué (l'aide décidée est celle de l'année suivante).
    #[arg(long, value_name = "AAAA")]
    pub exercice: i32,
    /// Format du rapport.
    #[arg(long, value_enum, default_value_t = EvalFormat::Text)]
    pub format: EvalFormat,
    /// Détaille le calcul de chaque nombre.
    #[arg(long)]
    pub explain: bool,
    /// Écrit un rapport par contrat et la synthèse régionale dans ce dossier.
    #[arg(long, value_name = "DOSSIER")]
    pub out: Option<PathBuf>,
}

/// `--format` of `pacte evaluate`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum EvalFormat {
    Text,
    Json,
    Md,
    Html,
}

impl From<EvalFormat> for Format {
    fn from(f: EvalFormat) -> Format {
        match f {
            EvalFormat::Text => Format::Text,
            EvalFormat::Json => Format::Json,
            EvalFormat::Md => Format::Markdown,
            EvalFormat::Html => Format::Html,
        }
    }
}

pub fn run(args: &EvaluateArgs, std_dir: Option<&Path>, color: bool) -> ExitStatus {
    let request = inputs::Request {
        paths: &args.paths,
        figures: &args.figures,
        exercice: args.exercice,
        std_dir,
        json: args.format == EvalFormat::Json,
        color,
        done: "évalué",
    };
    let inputs::Inputs {
        workspace: ws,
        mut program,
        figures,
    } = match inputs::load(&request) {
        Ok(inputs) => inputs,
        Err(status) => return status,
    };
    if let Err(status) = keep_covering(&mut program, args.exercice) {
        return status;
    }
    let evaluation = eval::evaluate(&program, &figures, args.exercice);
    // The HTML documents also chart each indicator over the years of the
    // figures and compare the aid with the délégations.
    let context = (args.format == EvalFormat::Html)
        .then(|| report::html::Context::new(&program, &figures, &evaluation));
    let options = Options {
        explain: args.explain,
        context: context.as_ref(),
    };
    publish(args, &evaluation, &ws.map, options)
}

/// Leaves out, with a note, the contracts whose period does not cover the
/// exercice: their objectives have no target that year and their aid no
/// line the year after, so a review would only show empty verdicts. When
/// no contract covers it (`--exercice 2062`), nothing is evaluated (exit 2).
fn keep_covering(program: &mut crate::model::Program, exercice: i32) -> Result<(), ExitStatus> {
    let total = program.contrats.len();
    program.contrats.retain(|c| {
        let Some(p) = &c.periode else { return true };
        let covers = (p.debut.value..=p.fin.value).contains(&exercice);
        if !covers {
            eprintln!(
                "note : la période du contrat « {} » ({} à {}) ne comprend pas l'exercice {exercice} : il n'est pas évalué",
                c.id.name, p.debut.value, p.fin.value
            );
        }
        covers
    });
    if total > 0 && program.contrats.is_empty() {
        return Err(fail(&format!(
            "aucun contrat ne couvre l'exercice {exercice} : rien n'a été évalué"
        )));
    }
    Ok(())
}

/// Prints the report, or writes the files of `--out`: one review per
/// contract in the chosen format (`contrat-synthese` for a contract named
/// `synthese`), `synthese.md` and `synthese.json`, and
/// with HTML the dashboard `synthese.html`.
fn publish(args: &EvaluateArgs, e: &Evaluation, map: &SourceMap, options: Options) -> ExitStatus {
    let format = Format::from(args.format);
    let Some(dir) = &args.out else {
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        // A closed pipe (`pacte evaluate … | head`) is not an error.
        let _ = report::write(format, e, map, options, &mut out);
        let _ = std::io::Write::flush(&mut out);
        return ExitStatus::Success;
    };
    let mut files: Vec<(PathBuf, String)> = e
        .contracts
        .par_iter()
        .map(|c| {
            let name = format!("{}.{}", report_stem(&c.contrat), format.extension());
            (dir.join(name), report::contract(format, e, c, map, options))
        })
        .collect();
    if format == Format::Html {
        files.push((
            dir.join("synthese.html"),
            report::summary(Format::Html, e, map, options),
        ));
    }
    files.push((
        dir.join("synthese.md"),
        report::summary(Format::Markdown, e, map, options),
    ));
    files.push((
        dir.join("synthese.json"),
        report::summary(Format::Json, e, map, options),
    ));
    let mut listing = String::new();
    for (path, content) in &files {
        if let Err(err) = output::write_atomic(path, content) {
            return fail(&format!(
                "impossible d'écrire « {} » : {}",
                path.display(),
                load::io_reason(&err)
            ));
        }
        listing.push_str(&format!("écrit : {}\n", path.display()));
    }
    output::print(&listing);
    ExitStatus::Success
}

/// The file name (without extension) of a contract's review: its name,
/// except that a contract named like the regional summary (`synthese`, in
/// any case) gets `contrat-synthese`, which no contract name can be (an
/// identifier has no `-`).
fn report_stem(contrat: &str) -> String {
    if contrat.eq_ignore_ascii_case("synthese") {
        format!("contrat-{contrat}")
    } else {
        contrat.to_string()
    }
}
