//! The `powermap` binary: the command line, or the desktop app.

use std::process::ExitCode;

use powermap::cli::{Action, run_from_env};

fn main() -> ExitCode {
    match run_from_env() {
        Action::Exit(status) => ExitCode::from(status),
        Action::Bench { sizes, frames } => {
            let results = powermap::ui::bench::run_canvas_bench(&sizes, frames);
            powermap::ui::bench::print_results(&results);
            println!();
            println!("people  analysis ms");
            for (people, ms) in powermap::ui::bench::run_analysis_bench(&sizes, 5) {
                println!("{people:>6}  {ms:>11.2}");
            }
            println!();
            println!("people  export ms: png, svg, html, md, csv");
            for (people, times) in powermap::ui::bench::run_export_bench(&sizes) {
                let cells: Vec<String> = times.iter().map(|(_, ms)| format!("{ms:.1}")).collect();
                println!("{people:>6}  {}", cells.join(", "));
            }
            ExitCode::SUCCESS
        }
        Action::RunApp(file) => match powermap::ui::run(file) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("powermap: cannot start the window: {err:#}");
                ExitCode::FAILURE
            }
        },
    }
}
