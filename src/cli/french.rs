//! The command line in French: help headings and argument errors (clap's
//! own are English).

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

const ROOT_TEMPLATE: &str = "{about-with-newline}\nUtilisation : {usage}\n\nCommandes :\n{subcommands}\n\nOptions :\n{options}{after-help}";
const SUB_TEMPLATE: &str = "{about-with-newline}\nUtilisation : {usage}\n\nArguments :\n{positionals}\n\nOptions :\n{options}{after-help}";
const SUB_TEMPLATE_NO_ARGS: &str =
    "{about-with-newline}\nUtilisation : {usage}\n\nOptions :\n{options}{after-help}";

/// The clap command with French help.
pub fn command(root: Command) -> Command {
    root.help_template(ROOT_TEMPLATE)
        .disable_help_flag(true)
        .disable_version_flag(true)
        .arg(help_arg())
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("Affiche la version"),
        )
        .mut_subcommands(|s| {
            let template = if s.get_positionals().next().is_some() {
                SUB_TEMPLATE
            } else {
                SUB_TEMPLATE_NO_ARGS
            };
            s.help_template(template)
                .disable_help_flag(true)
                .arg(help_arg())
        })
}

fn help_arg() -> Arg {
    Arg::new("aide")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .help("Affiche l'aide")
}

/// A French one-line message for an argument error.
pub fn error_message(e: &clap::Error) -> String {
    let detail = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        _ => String::new(),
    };
    let suggestion = match e
        .get(ContextKind::SuggestedSubcommand)
        .or(e.get(ContextKind::SuggestedArg))
    {
        Some(ContextValue::String(s)) => format!(" ; vouliez-vous dire « {s} » ?"),
        Some(ContextValue::Strings(v)) if !v.is_empty() => {
            format!(" ; vouliez-vous dire « {} » ?", v.join(" », « "))
        }
        _ => String::new(),
    };
    let text = match e.kind() {
        ErrorKind::MissingRequiredArgument => format!(
            "argument obligatoire manquant : {}",
            detail(ContextKind::InvalidArg)
        ),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => format!(
            "valeur invalide « {} » pour {}{}",
            detail(ContextKind::InvalidValue),
            detail(ContextKind::InvalidArg),
            match detail(ContextKind::ValidValue) {
                v if v.is_empty() => String::new(),
                v => format!(" (valeurs possibles : {v})"),
            }
        ),
        ErrorKind::UnknownArgument => {
            format!("argument inconnu « {} »", detail(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidSubcommand => format!(
            "commande inconnue « {} »",
            detail(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "commande manquante (check, evaluate, fmt, diff, avenant, render, nouveau, std, explain, lsp…)"
                .to_string()
        }
        ErrorKind::ArgumentConflict => format!(
            "arguments incompatibles : {}",
            detail(ContextKind::InvalidArg)
        ),
        ErrorKind::TooManyValues => format!(
            "argument donné trop de fois : {}",
            detail(ContextKind::InvalidArg)
        ),
        _ => "arguments invalides".to_string(),
    };
    format!("{text}{suggestion}")
}
