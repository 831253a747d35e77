//! `pacte explain CODE`: the long explanation of a diagnostic code.

use super::{fail, output, ExitStatus};
use crate::diagnostic::Code;

#[derive(clap::Args, Debug)]
pub struct ExplainArgs {
    /// Le code à expliquer (ex. E0101, R0104).
    pub code: String,
}

pub fn run(args: &ExplainArgs) -> ExitStatus {
    match Code::parse(&args.code) {
        Some(code) => {
            output::print(code.explanation());
            ExitStatus::Success
        }
        None => {
            let known: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
            let hint = crate::resolve::suggest::closest(&args.code, known.iter().copied())
                .map(|c| format!(" ; vouliez-vous dire {c} ?"))
                .unwrap_or_default();
            fail(&format!(
                "le code « {} » n'existe pas{hint} (codes connus : {})",
                args.code,
                known.join(", ")
            ))
        }
    }
}
