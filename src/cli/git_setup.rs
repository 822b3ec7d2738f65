//! `powermap git-setup [DIR]`: registers the map merge with git.

use std::io::Write;
use std::path::Path;

use super::{EXIT_OK, EXIT_USAGE};
use crate::sync::git_setup::git_setup;

/// Sets up the repository holding `dir`; says what it did.
pub fn run(dir: &Path, out: &mut dyn Write) -> u8 {
    let program = match std::env::current_exe() {
        Ok(program) => program,
        Err(err) => {
            eprintln!("powermap git-setup: cannot tell where powermap is installed: {err}");
            return EXIT_USAGE;
        }
    };
    match git_setup(dir, &program) {
        Ok(report) => {
            for line in &report.done {
                let _ = writeln!(
                    out,
                    "{}",
                    crate::safe_text::terminal_text(&line.to_string())
                );
            }
            EXIT_OK
        }
        Err(err) => {
            eprintln!(
                "{}",
                crate::safe_text::terminal_text(&format!("powermap git-setup: {err}"))
            );
            EXIT_USAGE
        }
    }
}
