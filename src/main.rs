//! The `powermap` binary: the command line, or the desktop app.

use std::process::ExitCode;

use powermap::cli::{Action, run_from_env};

fn main() -> ExitCode {
    match run_from_env() {
        Action::Exit(status) => ExitCode::from(status),
        Action::RunApp(file) => {
            eprintln!(
                "The desktop app is not built yet{}. Try `powermap --help`.",
                file.map(|f| format!(" (asked to open {})", f.display()))
                    .unwrap_or_default()
            );
            ExitCode::from(2)
        }
    }
}
