//! `pacte std [indicateurs|thèmes|cadres|enveloppes] [NOM]`: the standard
//! library, listed or explained (see `guide::bibliotheque`).

use super::{fail, output, ExitStatus};
use crate::guide::bibliotheque::{show, Kind};
use std::path::Path;

#[derive(clap::Args, Debug)]
pub struct StdArgs {
    /// Ce qu'il faut lister.
    #[arg(value_enum, value_name = "GENRE")]
    pub kind: Option<StdKind>,
    /// Un indicateur, un thème, un cadre ou une enveloppe à expliquer.
    #[arg(value_name = "NOM")]
    pub name: Option<String>,
}

/// The kinds of `pacte std`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum StdKind {
    Indicateurs,
    #[value(name = "thèmes", alias = "themes")]
    Themes,
    Cadres,
    Enveloppes,
}

pub fn run(args: &StdArgs, std_dir: Option<&Path>) -> ExitStatus {
    let program = match super::nouveau::std_program(std_dir) {
        Ok(p) => p,
        Err(status) => return status,
    };
    let kind = args.kind.map(|k| match k {
        StdKind::Indicateurs => Kind::Indicateurs,
        StdKind::Themes => Kind::Themes,
        StdKind::Cadres => Kind::Cadres,
        StdKind::Enveloppes => Kind::Enveloppes,
    });
    match show(&program, kind, args.name.as_deref()) {
        Ok(text) => {
            output::print(&text);
            ExitStatus::Success
        }
        Err(message) => fail(&message),
    }
}
