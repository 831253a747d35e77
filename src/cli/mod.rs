//! The command line: the one place that touches the file system and the
//! terminal. Exit codes (spec §9): 0 success, 1 the inputs have errors,
//! 2 the command could not run.

// The IO wing: `clippy.toml` bans `std::fs` and `std::env::current_dir`
// everywhere else (the stages are pure; the editor server reads through
// `cli::load::FsLoader`).
#![allow(clippy::disallowed_methods)]

mod avenant;
mod bibliotheque;
pub mod check;
mod completions;
mod diagnose;
mod diff;
mod evaluate;
mod explain;
pub mod files;
mod fmt;
mod french;
mod impact;
mod inputs;
pub mod load;
mod nouveau;
pub mod output;
pub mod render;
mod suivi;
mod test;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// Pacte : vérifier, évaluer et mettre en forme les contrats de redressement ARS–établissement.
#[derive(Parser, Debug)]
#[command(name = "pacte", version, about, disable_help_subcommand = true)]
pub struct Cli {
    /// Couleurs : auto (terminal, sans NO_COLOR), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Dossier remplaçant la bibliothèque standard intégrée.
    #[arg(long = "std", global = true, value_name = "DOSSIER")]
    pub std_dir: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Vérifie des contrats : syntaxe, noms, dimensions, règles du cadre.
    Check(check::CheckArgs),
    /// Évalue des contrats sur des chiffres réels : verdicts, réalisation, aide due.
    Evaluate(evaluate::EvaluateArgs),
    /// Diagnostic régional : classe les établissements des chiffres par criticité (annexe I).
    Diagnose(diagnose::DiagnoseArgs),
    /// Explique un code de diagnostic (ex. pacte explain E0101).
    Explain(explain::ExplainArgs),
    /// Formate les contrats : écriture canonique (ordre des champs, indentation, nombres).
    Fmt(fmt::FmtArgs),
    /// Différences de fond entre deux versions de contrats (ou avec une révision git).
    Diff(diff::DiffArgs),
    /// Rédige l'avenant qui fait passer un contrat de l'ancienne à la nouvelle version.
    Avenant(avenant::AvenantArgs),
    /// Serveur de langage (LSP) sur l'entrée et la sortie standard, pour les éditeurs.
    Lsp,
    /// Met un contrat en forme : document Markdown ou HTML (à imprimer, à signer).
    Render(render::RenderArgs),
    /// Tableau de bord de suivi des contrats : actions, économies, réalisation, tableau régional.
    Suivi(suivi::SuiviArgs),
    /// Écrit un modèle de contrat commenté, conforme à son cadre, à compléter.
    Nouveau(nouveau::NouveauArgs),
    /// Liste et explique la bibliothèque standard : indicateurs, thèmes, cadres, enveloppes.
    Std(bibliotheque::StdArgs),
    /// Script de complétion pour l'interpréteur de commandes (bash, zsh, fish, powershell).
    Completions(completions::CompletionsArgs),
    /// Exécute les scénarios (`scénario`) : résultats attendus des contrats pour des chiffres donnés.
    Test(test::TestArgs),
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// The outcome of a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    Success,
    Failure,
    Error,
}

impl From<ExitStatus> for ExitCode {
    fn from(s: ExitStatus) -> ExitCode {
        match s {
            ExitStatus::Success => ExitCode::from(0),
            ExitStatus::Failure => ExitCode::from(1),
            ExitStatus::Error => ExitCode::from(2),
        }
    }
}

/// Runs the command line and returns the exit code.
pub fn run() -> ExitCode {
    let cli = match parse_args() {
        Ok(cli) => cli,
        Err(e)
            if matches!(
                e.kind(),
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion
            ) =>
        {
            let _ = e.print();
            return ExitStatus::Success.into();
        }
        Err(e) => {
            eprintln!(
                "erreur : {}\n\nPour l'aide : pacte --help",
                french::error_message(&e)
            );
            return ExitStatus::Error.into();
        }
    };
    let color = use_color(cli.color);
    let status = match &cli.command {
        Command::Check(args) => check::run(args, cli.std_dir.as_deref(), color),
        Command::Evaluate(args) => evaluate::run(args, cli.std_dir.as_deref(), color),
        Command::Diagnose(args) => diagnose::run(args, cli.std_dir.as_deref(), color),
        Command::Suivi(args) => suivi::run(args, cli.std_dir.as_deref(), color),
        Command::Explain(args) => explain::run(args),
        Command::Fmt(args) => fmt::run(args, color),
        Command::Diff(args) => diff::run(args, cli.std_dir.as_deref(), color),
        Command::Avenant(args) => avenant::run(args, cli.std_dir.as_deref(), color),
        Command::Lsp => match crate::lsp::run() {
            Ok(()) => ExitStatus::Success,
            Err(e) => fail(&format!("serveur de langage : {e}")),
        },
        Command::Render(args) => render::run(args, cli.std_dir.as_deref(), color_stderr(cli.color)),
        Command::Nouveau(args) => nouveau::run(args, cli.std_dir.as_deref()),
        Command::Std(args) => bibliotheque::run(args, cli.std_dir.as_deref()),
        Command::Completions(args) => completions::run(args),
        Command::Test(args) => test::run(args, cli.std_dir.as_deref(), color_stderr(cli.color)),
    };
    status.into()
}

/// Parses the process arguments with the French help.
fn parse_args() -> Result<Cli, clap::Error> {
    let matches = french::command(Cli::command()).try_get_matches()?;
    Cli::from_arg_matches(&matches)
}

/// Colour only on a terminal and never when NO_COLOR is set.
fn use_color(choice: ColorChoice) -> bool {
    use std::io::IsTerminal;
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// Colour for what goes to stderr: on a terminal, never with NO_COLOR.
fn color_stderr(choice: ColorChoice) -> bool {
    use std::io::IsTerminal;
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stderr().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// Prints a tool failure (exit 2) on stderr, in French.
pub fn fail(message: &str) -> ExitStatus {
    eprintln!("erreur : {message}");
    ExitStatus::Error
}
