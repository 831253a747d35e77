//! `pacte avenant OLD NEW --numéro N [--date AAAA-MM-JJ] [--format md]`:
//! the amendment document that turns OLD into NEW. Refused (exit 1) when
//! OLD and NEW are not the same contract, when NEW has errors (checked
//! with the std and its framework's rules: an amendment may not break
//! them), when NEW has no `avenant N signé le …` line (or one whose date
//! differs from `--date`), when OLD already has it, or when nothing changes.

use super::diff::{read_paths, report, Side};
use super::{fail, load, output, ExitStatus};
use crate::ast::Contrat;
use crate::date::Date;
use crate::diagnostic::{render, Severity};
use crate::diff::avenant::{build, render as render_avenant, Contexte};
use crate::model::Program;
use crate::render::Format;
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct AvenantArgs {
    /// Le contrat avant l'avenant.
    #[arg(value_name = "ANCIEN")]
    pub old: PathBuf,
    /// Le contrat consolidé après l'avenant, avec sa ligne `avenant N signé le …`.
    #[arg(value_name = "NOUVEAU")]
    pub new: PathBuf,
    /// Le numéro de l'avenant.
    #[arg(long = "numéro", visible_alias = "numero", value_name = "N")]
    pub numero: u32,
    /// La date de signature de l'avenant, qui doit être celle de sa ligne dans NOUVEAU.
    #[arg(long, value_name = "AAAA-MM-JJ")]
    pub date: Option<String>,
    /// Format du document.
    #[arg(long, value_enum, default_value_t = Format::Md)]
    pub format: Format,
}

/// A refusal: the message, printed on stderr.
struct Refus(String);

pub fn run(args: &AvenantArgs, std_dir: Option<&Path>, color: bool) -> ExitStatus {
    let date = match args.date.as_deref().map(|d| (d, Date::parse_iso(d))) {
        Some((text, None)) => return fail(&format!("« {text} » n'est pas une date AAAA-MM-JJ")),
        Some((_, date)) => date,
        None => None,
    };
    let old = match read_paths(std::slice::from_ref(&args.old)) {
        Ok(Side::Contrats(c, _, _)) => c,
        Ok(errors) => {
            report(errors, color);
            eprintln!("erreur : {} a des erreurs de syntaxe", args.old.display());
            return ExitStatus::Failure;
        }
        Err(message) => return fail(&message),
    };
    let result = checked_new(args, std_dir, color).and_then(|program| {
        let old = single(&old, &args.old)?;
        let new = single(&program.contrats, &args.new)?;
        document(args, date, old, new, &program)
    });
    match result {
        Ok(text) => {
            output::print(&text);
            ExitStatus::Success
        }
        Err(Refus(message)) => {
            eprintln!("erreur : {message}");
            ExitStatus::Failure
        }
    }
}

/// NEW, checked like `pacte check` does.
fn checked_new(args: &AvenantArgs, std_dir: Option<&Path>, color: bool) -> Result<Program, Refus> {
    let mut ws = load::load(std::slice::from_ref(&args.new), std_dir).map_err(|e| Refus(e.0))?;
    let program = crate::pipeline::analyse(ws.files(), &mut ws.diagnostics);
    let diagnostics = std::mem::take(&mut ws.diagnostics).into_sorted(|s| ws.file_rank(s));
    let errors: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .collect();
    if !errors.is_empty() {
        for d in &errors {
            eprint!("{}", render::text_one(d, &ws.map, color));
        }
        return Err(Refus(format!(
            "{} a des erreurs : l'avenant n'est pas produit (un avenant ne peut pas enfreindre les règles du cadre)",
            args.new.display()
        )));
    }
    Ok(program)
}

fn single<'a>(contrats: &'a [Contrat], path: &Path) -> Result<&'a Contrat, Refus> {
    match contrats {
        [one] => Ok(one),
        _ => Err(Refus(format!(
            "{} doit contenir un seul contrat (il en contient {})",
            path.display(),
            contrats.len()
        ))),
    }
}

fn document(
    args: &AvenantArgs,
    date: Option<Date>,
    old: &Contrat,
    new: &Contrat,
    program: &Program,
) -> Result<String, Refus> {
    if old.id.name != new.id.name {
        return Err(Refus(format!(
            "ANCIEN ({}) et NOUVEAU ({}) ne sont pas le même contrat",
            old.id.name, new.id.name
        )));
    }
    let n = Decimal::from(args.numero);
    let Some(line) = new.avenants.iter().find(|a| a.numero.value == n) else {
        return Err(Refus(format!(
            "{} n'a pas de ligne « avenant {} signé le AAAA-MM-JJ \"objet\" » : ajoutez-la à l'historique du contrat consolidé",
            args.new.display(),
            args.numero
        )));
    };
    if let Some(d) = date.filter(|d| *d != line.signe) {
        return Err(Refus(format!(
            "la ligne « avenant {} » de {} est datée du {}, et non du {} (--date)",
            args.numero,
            args.new.display(),
            line.signe,
            d
        )));
    }
    if old.avenants.iter().any(|a| a.numero.value == n) {
        return Err(Refus(format!(
            "{} contient déjà l'avenant {} : ANCIEN doit être la version d'avant l'avenant",
            args.old.display(),
            args.numero
        )));
    }
    let own = format!("avenant.{}", args.numero);
    let changes: Vec<_> = crate::diff::diff_contrat(old, new)
        .into_iter()
        .filter(|c| c.chemin != own)
        .collect();
    if changes.is_empty() {
        return Err(Refus(
            "ANCIEN et NOUVEAU ne diffèrent que par la ligne de l'avenant : il n'y a rien à modifier".into(),
        ));
    }
    let ctx = Contexte {
        numero: args.numero.to_string(),
        date: line.signe,
        objet: line.objet.value.clone(),
    };
    let mut avenant = build(old, new, &changes, ctx);
    avenant.nommer(program);
    let base = crate::render::contrat::document(program, new);
    Ok(render_avenant(&avenant, base, args.format))
}
