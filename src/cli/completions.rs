//! `pacte completions bash|zsh|fish|powershell|elvish`: the shell completion
//! script, printed on standard output (`pacte completions bash >
//! ~/.local/share/bash-completion/completions/pacte`).

use super::{output, Cli, ExitStatus};
use clap::CommandFactory;

#[derive(clap::Args, Debug)]
pub struct CompletionsArgs {
    /// L'interpréteur de commandes.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

pub fn run(args: &CompletionsArgs) -> ExitStatus {
    let mut command = super::french::command(Cli::command());
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "pacte", &mut script);
    output::print(&String::from_utf8_lossy(&script));
    ExitStatus::Success
}
