//! `pacte diff OLD NEW [--format text|md|json] [--exit-code]` and
//! `pacte diff --git REV [PATHS…]`: the semantic changes between two
//! versions of contracts (files or folders, contracts paired by ID), or
//! between a git revision (read with `git show`) and the working tree.
//! Exit 0 whether or not there are changes; with `--exit-code`, 1 when
//! there are. Files with syntax errors stop the comparison (exit 1).

use super::{fail, load, output, ExitStatus};
use crate::ast::{Contrat, Item, Revue};
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::diff::render::{render, DiffFormat};
use crate::source::{Origin, SourceId, SourceMap};
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(clap::Args, Debug)]
pub struct DiffArgs {
    /// ANCIEN NOUVEAU (fichiers ou dossiers) ; avec --git, les chemins à comparer (défaut : .).
    #[arg(value_name = "CHEMINS")]
    pub paths: Vec<PathBuf>,
    /// Compare l'arbre de travail à une révision git (ex. origin/main).
    #[arg(long, value_name = "RÉVISION")]
    pub git: Option<String>,
    /// Format de sortie.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// Code de sortie 1 lorsqu'il y a des différences.
    #[arg(long)]
    pub exit_code: bool,
}

/// The contracts of one side of a comparison, or the diagnostics that
/// prevent reading them.
pub(super) enum Side {
    Contrats(Vec<Contrat>, Vec<Revue>, Vec<crate::ast::Suivi>),
    Errors(SourceMap, Vec<Diagnostic>),
}

pub fn run(args: &DiffArgs, color: bool) -> ExitStatus {
    let sides = match &args.git {
        Some(rev) => git_sides(rev, &args.paths),
        None => match args.paths.as_slice() {
            [old, new] => read_paths(std::slice::from_ref(old))
                .and_then(|o| Ok((o, read_paths(std::slice::from_ref(new))?))),
            _ => Err(
                "indiquez deux chemins : l'ancienne et la nouvelle version (ou --git RÉVISION)"
                    .into(),
            ),
        },
    };
    let (old, new) = match sides {
        Ok(sides) => sides,
        Err(message) => return fail(&message),
    };
    let (old, new) = match (old, new) {
        (Side::Contrats(o, ro, so), Side::Contrats(n, rn, sn)) => ((o, ro, so), (n, rn, sn)),
        (a, b) => {
            for side in [a, b] {
                report(side, color);
            }
            eprintln!("erreur : des fichiers ont des erreurs de syntaxe : les versions ne sont pas comparées");
            return ExitStatus::Failure;
        }
    };
    let mut changes = crate::diff::diff(&old.0, &new.0);
    changes.extend(crate::diff::revue::diff(&old.1, &new.1));
    changes.extend(crate::diff::suivi::derniers_suivis(&old.2, &new.2));
    output::print(&render(args.format, &changes));
    if args.exit_code && !changes.is_empty() {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    }
}

/// Prints a side's syntax errors on stderr (stdout carries the diff).
pub(super) fn report(side: Side, color: bool) {
    if let Side::Errors(map, diagnostics) = side {
        for d in &diagnostics {
            eprint!("{}", crate::diagnostic::render::text_one(d, &map, color));
        }
    }
}

/// Reads and parses the contracts under some paths.
pub(super) fn read_paths(paths: &[PathBuf]) -> Result<Side, String> {
    let files = load::discover(paths).map_err(|e| e.0)?;
    let mut map = SourceMap::new();
    let mut diagnostics = Diagnostics::new();
    let mut ids = Vec::new();
    for path in files {
        let (id, ok) =
            load::read_source(&mut map, &path, Origin::User, &mut diagnostics).map_err(|e| e.0)?;
        if ok {
            ids.push(id);
        }
    }
    Ok(parse_side(map, &ids, diagnostics))
}

/// Parses the sources of one side; only syntax errors matter to a diff.
fn parse_side(map: SourceMap, ids: &[SourceId], mut diagnostics: Diagnostics) -> Side {
    let mut contrats = Vec::new();
    let mut revues = Vec::new();
    let mut suivis = Vec::new();
    for (_, parsed, d) in crate::pipeline::parse_all(&map, ids) {
        diagnostics.extend(d);
        for item in parsed.file.map(|f| f.items).unwrap_or_default() {
            match item {
                Item::Contrat(c) => contrats.push(c),
                Item::Revue(r) => revues.push(r),
                Item::Suivi(s) => suivis.push(s),
                _ => {}
            }
        }
    }
    if diagnostics.has_errors() {
        let errors = diagnostics
            .into_vec()
            .into_iter()
            .filter(|d| d.severity() == Severity::Error)
            .collect();
        return Side::Errors(map, errors);
    }
    Side::Contrats(contrats, revues, suivis)
}

/// The revision's files (`git ls-tree`, `git show`) and the working tree's.
fn git_sides(rev: &str, paths: &[PathBuf]) -> Result<(Side, Side), String> {
    let paths: Vec<PathBuf> = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    let mut map = SourceMap::new();
    for file in git(&["ls-tree", "-r", "--name-only", rev, "--"], &paths)?.lines() {
        let path = Path::new(file);
        if !load::is_pacte_file(path) || load::is_ignored(path, &paths) {
            continue;
        }
        let text = git(&["show", &format!("{rev}:./{file}")], &[])?;
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text).to_string();
        let code = if file.ends_with(".pacte.md") {
            crate::literate::extract_code(&text)
        } else {
            text
        };
        map.add(format!("{rev}:{file}"), code, Origin::User);
    }
    let ids: Vec<SourceId> = map.iter().map(|s| s.id).collect();
    let old = parse_side(map, &ids, Diagnostics::new());
    let existing: Vec<PathBuf> = paths.iter().filter(|p| p.exists()).cloned().collect();
    let new = if existing.is_empty() {
        Side::Contrats(Vec::new(), Vec::new(), Vec::new())
    } else {
        read_paths(&existing)?
    };
    Ok((old, new))
}

/// Runs git and returns its standard output.
fn git(args: &[&str], paths: &[PathBuf]) -> Result<String, String> {
    let out = Command::new("git")
        .args(args)
        .args(paths)
        .output()
        .map_err(|e| format!("impossible de lancer git : {}", load::io_reason(&e)))?;
    if !out.status.success() {
        let message = String::from_utf8_lossy(&out.stderr);
        return Err(format!(
            "git {} a échoué : {}",
            args.join(" "),
            message.trim()
        ));
    }
    String::from_utf8(out.stdout)
        .map_err(|_| "git a renvoyé un texte qui n'est pas en UTF-8".into())
}
