#![warn(clippy::too_many_lines)] // functions of at most 80 lines (clippy.toml); CI denies warnings
fn main() -> std::process::ExitCode {
    pacte::cli::run()
}
