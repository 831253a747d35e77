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
            let hint = padded(&args.code)
                .or_else(|| crate::resolve::suggest::closest(&args.code, known.iter().copied()))
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

/// `R104` → `R0104`, `e1` → `E0001`: a code written without its zeros.
fn padded(text: &str) -> Option<&'static str> {
    let text = text.trim();
    let mut chars = text.chars();
    let letter = chars.next()?.to_ascii_uppercase();
    let digits = chars.as_str();
    if digits.is_empty() || digits.len() >= 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Code::parse(&format!("{letter}{digits:0>4}")).map(Code::as_str)
}
