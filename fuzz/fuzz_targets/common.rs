//! Shared by the figures targets: a program parsed once per process (the
//! std and an example contract), then one figures file read against it.

use pacte::diagnostic::Diagnostics;
use pacte::model::Program;
use pacte::source::SourceMap;
use std::sync::OnceLock;

const CONTRACT: &str = include_str!("../../examples/ch_valmont.pacte");

fn program() -> &'static Program {
    static PROGRAM: OnceLock<Program> = OnceLock::new();
    PROGRAM.get_or_init(|| pacte::pipeline::check_text("ch_valmont.pacte", CONTRACT).2)
}

pub fn read_figures(bytes: &[u8]) {
    let mut map = SourceMap::new();
    let mut diagnostics = Diagnostics::new();
    let figures =
        pacte::eval::figures::read(&mut map, "chiffres.csv", bytes, program(), &mut diagnostics);
    for d in diagnostics.into_vec() {
        let _ = pacte::diagnostic::render::text_one(&d, &map, false);
    }
    for (finess, _) in figures.establishments() {
        let _ = figures.years(finess);
    }
}
