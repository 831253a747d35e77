//! `pacte fmt PATHS… [--check] [--stdout]`: the canonical layout, written
//! in place atomically and only when it changes; `--check` writes nothing,
//! lists the files that would change and exits 1; `--stdout` prints the
//! formatted text. A file that cannot be formatted (syntax errors, a field
//! written twice…) is reported and left untouched (exit 1).

use super::{fail, load, output, ExitStatus};
use crate::fmt::FmtError;
use crate::source::{Origin, SourceMap};
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct FmtArgs {
    /// Fichiers ou dossiers à formater (`.pacte`, `.pacte.md`).
    #[arg(required = true, value_name = "CHEMINS")]
    pub paths: Vec<PathBuf>,
    /// N'écrit rien : liste les fichiers à reformater (code de sortie 1 s'il y en a).
    #[arg(long)]
    pub check: bool,
    /// Écrit le texte formaté sur la sortie standard au lieu du fichier.
    #[arg(long, conflicts_with = "check")]
    pub stdout: bool,
}

/// What happened to one file.
enum Outcome {
    Unchanged,
    Changed,
    Failed,
    Bug,
}

pub fn run(args: &FmtArgs, color: bool) -> ExitStatus {
    let files = match load::discover(&args.paths) {
        Ok(files) => files,
        Err(e) => return fail(&e.0),
    };
    let mut counts = [0usize; 4];
    for path in &files {
        let outcome = match super::files::read_regular(path, super::files::MAX_SOURCE) {
            Ok(bytes) => one(args, path, bytes, color),
            Err(e) => {
                return fail(&format!(
                    "impossible de lire « {} » : {}",
                    path.display(),
                    e.0
                ))
            }
        };
        let slot = match outcome {
            Outcome::Unchanged => 0,
            Outcome::Changed => 1,
            Outcome::Failed => 2,
            Outcome::Bug => 3,
        };
        if let Some(c) = counts.get_mut(slot) {
            *c += 1;
        }
    }
    let [unchanged, changed, failed, bugs] = counts;
    if !args.stdout {
        output::print(&summary(args.check, unchanged, changed, failed + bugs));
    }
    if bugs > 0 {
        ExitStatus::Error
    } else if failed > 0 || (args.check && changed > 0) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    }
}

fn one(args: &FmtArgs, path: &Path, bytes: Vec<u8>, color: bool) -> Outcome {
    let shown = path.to_string_lossy().replace('\\', "/");
    let Ok(text) = String::from_utf8(bytes) else {
        let mut map = SourceMap::new();
        let mut diagnostics = crate::diagnostic::Diagnostics::new();
        let _ = load::read_source(&mut map, path, Origin::User, &mut diagnostics);
        report(args, &map, &diagnostics.into_vec(), color);
        return Outcome::Failed;
    };
    match crate::fmt::format(&shown, &text) {
        Ok(formatted) => write(args, path, &shown, &text, &formatted),
        Err(FmtError::Invalid {
            diagnostics,
            source,
        }) => {
            let mut map = SourceMap::new();
            map.add(source.path.clone(), source.text.clone(), Origin::User);
            report(args, &map, &diagnostics, color);
            Outcome::Failed
        }
        Err(FmtError::Internal(message)) => {
            eprintln!("erreur : {shown} : {message}");
            Outcome::Bug
        }
    }
}

/// Prints, checks or writes the formatted text.
fn write(args: &FmtArgs, path: &Path, shown: &str, old: &str, new: &str) -> Outcome {
    let changed = old != new;
    if args.stdout {
        output::print(new);
    } else if args.check {
        if changed {
            output::print(&format!("à reformater : {shown}\n"));
        }
    } else if changed {
        if let Err(e) = output::write_atomic(path, new) {
            eprintln!(
                "erreur : impossible d'écrire « {shown} » : {}",
                load::io_reason(&e)
            );
            return Outcome::Bug;
        }
        output::print(&format!("reformaté : {shown}\n"));
    }
    if changed {
        Outcome::Changed
    } else {
        Outcome::Unchanged
    }
}

/// Diagnostics of a file left untouched: on stdout, or on stderr when
/// stdout carries the formatted text.
fn report(
    args: &FmtArgs,
    map: &SourceMap,
    diagnostics: &[crate::diagnostic::Diagnostic],
    color: bool,
) {
    let mut text = String::new();
    for d in diagnostics {
        text.push_str(&crate::diagnostic::render::text_one(d, map, color));
    }
    if args.stdout {
        eprint!("{text}");
    } else {
        output::print(&text);
    }
}

fn summary(check: bool, unchanged: usize, changed: usize, failed: usize) -> String {
    let mut parts = Vec::new();
    if check {
        if changed > 0 {
            parts.push(plural(
                changed,
                "fichier à reformater",
                "fichiers à reformater",
            ));
        }
    } else if changed > 0 {
        parts.push(plural(changed, "fichier reformaté", "fichiers reformatés"));
    }
    if unchanged > 0 {
        parts.push(plural(
            unchanged,
            "fichier déjà conforme",
            "fichiers déjà conformes",
        ));
    }
    if failed > 0 {
        parts.push(plural(
            failed,
            "fichier non formaté",
            "fichiers non formatés",
        ));
    }
    if parts.is_empty() {
        return "aucun fichier Pacte trouvé\n".into();
    }
    format!("{}\n", parts.join(", "))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    crate::display::count(n, one, many)
}
