fn main() -> std::process::ExitCode {
    pacte::cli::run()
}
