//! `pacte diff … --figures F --exercice Y` (and `--impact`, `--git REV`,
//! `--std-avant DIR`): the semantic diff followed by the impact of the
//! change on `check` and on the evaluation (spec §11, `impact/`).
//!
//! Each side is loaded as `pacte check` loads it (std, imports, every
//! stage), so a changed framework or std shows on every contract it
//! touches. With `--std-avant ANCIEN`, the same paths are checked with the
//! old std and with the current one (`--std NOUVEAU`, or the embedded std).
//! Contracts with errors on a side are not evaluated on that side, as
//! `pacte evaluate` would refuse them. Syntax errors stop the comparison
//! (exit 1); an unreadable figures file or bad arguments exit 2.

use super::diff::DiffArgs;
use super::{fail, load, output, ExitStatus};
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::diff::render::{render, DiffFormat};
use crate::eval::{self, Evaluation};
use crate::impact::{self, Version};
use crate::model::Program;
use crate::scenario::DiagnosticIndex;
use crate::source::{Origin, SourceId, SourceMap};
use std::path::{Path, PathBuf};

/// One side, loaded and checked.
struct Loaded {
    map: SourceMap,
    program: Program,
    diagnostics: Vec<Diagnostic>,
}

pub fn run(args: &DiffArgs, std_dir: Option<&Path>, color: bool) -> ExitStatus {
    if args.figures.is_some() != args.exercice.is_some() {
        return fail("--figures et --exercice vont ensemble : indiquez le fichier de chiffres et l'exercice évalué");
    }
    if let Some(y) = args.exercice.filter(|y| !(1900..=2200).contains(y)) {
        return fail(&format!(
            "exercice invalide : {y} (attendu : une année, ex. 2026)"
        ));
    }
    let sides = match (&args.std_avant, &args.git, args.paths.as_slice()) {
        (Some(old_std), _, paths) if !paths.is_empty() => {
            load_paths(paths, Some(old_std)).and_then(|o| Ok((o, load_paths(paths, std_dir)?)))
        }
        (Some(_), _, _) => Err("indiquez les contrats à vérifier avec l'ancienne et la nouvelle bibliothèque (ex. pacte diff --std-avant ancien-std/ contrats/)".into()),
        (None, Some(rev), paths) => {
            let paths = if paths.is_empty() { vec![PathBuf::from(".")] } else { paths.to_vec() };
            load_git(rev, &paths, std_dir).and_then(|o| Ok((o, load_paths(&paths, std_dir)?)))
        }
        (None, None, [old, new]) => load_paths(std::slice::from_ref(old), std_dir)
            .and_then(|o| Ok((o, load_paths(std::slice::from_ref(new), std_dir)?))),
        _ => Err("indiquez deux chemins : l'ancienne et la nouvelle version (ou --git RÉVISION)".into()),
    };
    let (mut old, mut new) = match sides {
        Ok(s) => s,
        Err(message) => return fail(&message),
    };
    if syntax_errors(&old, color) | syntax_errors(&new, color) {
        eprintln!(
            "erreur : des fichiers ont des erreurs de syntaxe : les versions ne sont pas comparées"
        );
        return ExitStatus::Failure;
    }
    let evaluations = match (&args.figures, args.exercice) {
        (Some(f), Some(y)) => match evaluate_both(&mut old, &mut new, f, y, color) {
            Ok(e) => Some(e),
            Err(status) => return status,
        },
        _ => None,
    };
    let (eval_old, eval_new) = match &evaluations {
        Some((a, b)) => (Some(a), Some(b)),
        None => (None, None),
    };
    let result = impact::compare(
        &Version {
            program: &old.program,
            diagnostics: &old.diagnostics,
            evaluation: eval_old,
        },
        &Version {
            program: &new.program,
            diagnostics: &new.diagnostics,
            evaluation: eval_new,
        },
    );
    let changes = if args.std_avant.is_some() {
        Vec::new()
    } else {
        crate::diff::diff(&old.program.contrats, &new.program.contrats)
    };
    output::print(&match args.format {
        DiffFormat::Json => {
            let mut root: serde_json::Value =
                serde_json::from_str(&render(DiffFormat::Json, &changes)).unwrap_or_default();
            if let Some(obj) = root.as_object_mut() {
                obj.insert("impact".into(), impact::render::json(&result));
            }
            let mut text = serde_json::to_string_pretty(&root).unwrap_or_default();
            text.push('\n');
            text
        }
        DiffFormat::Md if args.std_avant.is_some() => impact::render::markdown(&result),
        DiffFormat::Text if args.std_avant.is_some() => impact::render::text(&result),
        DiffFormat::Md => render(DiffFormat::Md, &changes) + &impact::render::markdown(&result),
        DiffFormat::Text => render(DiffFormat::Text, &changes) + &impact::render::text(&result),
    });
    if args.exit_code && !(changes.is_empty() && result.is_empty()) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    }
}

/// Loads and checks paths as `pacte check` does.
fn load_paths(paths: &[PathBuf], std_dir: Option<&Path>) -> Result<Loaded, String> {
    let ws = load::load(paths, std_dir).map_err(|e| e.0)?;
    Ok(analyse(ws))
}

fn analyse(mut ws: load::Workspace) -> Loaded {
    let program = crate::pipeline::analyse(ws.files(), &mut ws.diagnostics);
    let diagnostics = std::mem::take(&mut ws.diagnostics).into_sorted(|s| ws.file_rank(s));
    Loaded {
        map: ws.map,
        program,
        diagnostics,
    }
}

/// The revision's files (read with git) with the std in force.
fn load_git(rev: &str, paths: &[PathBuf], std_dir: Option<&Path>) -> Result<Loaded, String> {
    let mut ws = load::Workspace::new();
    match std_dir {
        None => {
            for (path, text) in crate::std_lib::embedded() {
                ws.std.push(ws.map.add(path, text, Origin::Std));
            }
        }
        Some(dir) => {
            for path in load::discover(&[dir.to_path_buf()]).map_err(|e| e.0)? {
                let (id, _) =
                    load::read_source(&mut ws.map, &path, Origin::Std, &mut ws.diagnostics)
                        .map_err(|e| e.0)?;
                ws.std.push(id);
            }
        }
    }
    for (name, text) in super::diff::git_files(rev, paths)? {
        ws.user.push(ws.map.add(name, text, Origin::User));
    }
    let ids: Vec<SourceId> = ws.std.iter().chain(&ws.user).copied().collect();
    ws.parse(&ids);
    Ok(analyse(ws))
}

/// Prints a side's syntax errors; whether there were any.
fn syntax_errors(side: &Loaded, color: bool) -> bool {
    let errors: Vec<&Diagnostic> = side
        .diagnostics
        .iter()
        .filter(|d| d.code.as_str().starts_with("E00"))
        .collect();
    for d in &errors {
        eprint!(
            "{}",
            crate::diagnostic::render::text_one(d, &side.map, color)
        );
    }
    !errors.is_empty()
}

fn evaluate_both(
    old: &mut Loaded,
    new: &mut Loaded,
    figures: &Path,
    exercice: i32,
    color: bool,
) -> Result<(Evaluation, Evaluation), ExitStatus> {
    let bytes = std::fs::read(figures).map_err(|e| {
        fail(&format!(
            "impossible de lire le fichier de chiffres « {} » : {}",
            figures.display(),
            load::io_reason(&e)
        ))
    })?;
    let path = figures.to_string_lossy().replace('\\', "/");
    let a = evaluate_side(old, &path, &bytes, exercice, color)?;
    let b = evaluate_side(new, &path, &bytes, exercice, color)?;
    Ok((a, b))
}

/// Evaluates the contracts of a side that have no error.
fn evaluate_side(
    side: &mut Loaded,
    path: &str,
    bytes: &[u8],
    exercice: i32,
    color: bool,
) -> Result<Evaluation, ExitStatus> {
    let mut diagnostics = Diagnostics::new();
    let figures = eval::figures::read(&mut side.map, path, bytes, &side.program, &mut diagnostics);
    if diagnostics.has_errors() {
        for d in diagnostics
            .into_vec()
            .iter()
            .filter(|d| d.severity() == Severity::Error)
        {
            eprint!(
                "{}",
                crate::diagnostic::render::text_one(d, &side.map, color)
            );
        }
        eprintln!("erreur : le fichier de chiffres « {path} » a des erreurs : rien n'a été évalué");
        return Err(ExitStatus::Error);
    }
    let index = DiagnosticIndex::new(&side.diagnostics);
    let clean: Vec<bool> = side
        .program
        .contrats
        .iter()
        .map(|c| {
            !index
                .inside(c.span)
                .any(|d| d.severity() == Severity::Error)
        })
        .collect();
    if clean.iter().all(|ok| *ok) {
        return Ok(eval::evaluate(&side.program, &figures, exercice));
    }
    let mut program = side.program.clone();
    let mut keep = clean.into_iter();
    program.contrats.retain(|_| keep.next().unwrap_or(false));
    Ok(eval::evaluate(&program, &figures, exercice))
}
