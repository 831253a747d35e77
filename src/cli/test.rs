//! `pacte test PATHS… [--format text|json|junit] [--couverture]` (spec §11).
//!
//! Checks every file like `pacte check`, then runs every scenario found
//! (`scenario::run`). An error that keeps scenarios from being read or run
//! — a syntax error, or an error in a scenario itself — fails the run
//! (printed on stderr), unless a fixture annotation (`// erreur[E0101]`)
//! expects it there. Exit 0 when every scenario passes, 1 when one fails
//! or such an error is found, 2 when the command could not run.

use super::{fail, load, output, ExitStatus};
use crate::diagnostic::render::{self, Summary};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Program;
use crate::scenario::{self, coverage, report};
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct TestArgs {
    /// Fichiers ou dossiers de contrats et de scénarios (parcourus récursivement).
    #[arg(required = true, value_name = "CHEMINS")]
    pub paths: Vec<PathBuf>,
    /// Format du rapport.
    #[arg(long, value_enum, default_value_t = TestFormat::Text)]
    pub format: TestFormat,
    /// Ajoute la couverture : clauses, codes, objectifs, conditions et lignes de modulation exercés.
    #[arg(long)]
    pub couverture: bool,
}

/// `--format` of `pacte test`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum TestFormat {
    Text,
    Json,
    Junit,
}

impl From<TestFormat> for report::Format {
    fn from(f: TestFormat) -> report::Format {
        match f {
            TestFormat::Text => report::Format::Text,
            TestFormat::Json => report::Format::Json,
            TestFormat::Junit => report::Format::Junit,
        }
    }
}

pub fn run(args: &TestArgs, std_dir: Option<&Path>, color: bool) -> ExitStatus {
    let mut ws = match load::load(&args.paths, std_dir) {
        Ok(ws) => ws,
        Err(e) => return fail(&e.0),
    };
    let program = crate::pipeline::analyse(ws.files(), &mut ws.diagnostics);
    let diagnostics = std::mem::take(&mut ws.diagnostics).into_sorted(|s| ws.file_rank(s));
    let blocking = blocking(&program, &diagnostics, &ws.map);
    if !blocking.is_empty() {
        let summary = Summary {
            files: ws.user.len(),
            contracts: program.contrats.len(),
            errors: blocking.len(),
            warnings: 0,
        };
        eprint!(
            "{}",
            render::render(render::Format::Text, &blocking, &ws.map, &summary, color)
        );
        eprintln!(
            "erreur : {} erreur(s) empêchent de lire ou d'exécuter des scénarios",
            blocking.len()
        );
    }
    let outcomes = scenario::run(&program, &diagnostics);
    if outcomes.is_empty() {
        eprintln!("note : aucun scénario trouvé (un scénario s'écrit `scénario \"nom\" {{ … }}`, voir docs/scenarios.md)");
    }
    let cov = args
        .couverture
        .then(|| coverage::compute(&program, &diagnostics, &ws.map, &outcomes));
    output::print(&report::render(
        args.format.into(),
        &outcomes,
        cov.as_ref(),
        &ws.map,
    ));
    if blocking.is_empty() && outcomes.iter().all(scenario::Outcome::passed) {
        ExitStatus::Success
    } else {
        ExitStatus::Failure
    }
}

/// Errors that keep scenarios from being read or run, and that no fixture
/// annotation expects: syntax errors, and errors inside a scenario.
fn blocking(
    program: &Program,
    diagnostics: &[Diagnostic],
    map: &crate::source::SourceMap,
) -> Vec<Diagnostic> {
    let expected = coverage::annotations(map, diagnostics);
    diagnostics
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .filter(|d| {
            let span = d.primary.span;
            d.code.as_str().starts_with("E00")
                || program.scenarios.iter().any(|s| {
                    s.span.source == span.source
                        && s.span.start <= span.start
                        && span.end <= s.span.end
                })
        })
        .filter(|d| {
            let span = d.primary.span;
            !expected.iter().any(|a| {
                a.code == d.code
                    && a.at.source == span.source
                    && a.at.start <= span.start
                    && span.start < a.at.end.max(a.at.start + 1)
            })
        })
        .cloned()
        .collect()
}
