//! The `powermap` binary: the command line, or the desktop app.

use std::process::ExitCode;

use powermap::cli::{Action, run_from_env};

fn main() -> ExitCode {
    match run_from_env() {
        Action::Exit(status) => ExitCode::from(status),
        Action::Bench(plan) => {
            powermap::memory::keep_frame_buffers();
            powermap::ui::bench::run_plan(&plan)
        }
        Action::RunApp(file) => {
            powermap::memory::keep_frame_buffers();
            match powermap::ui::run(file) {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => {
                    eprintln!("powermap: cannot start the window: {err:#}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
