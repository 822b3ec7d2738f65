//! `powermap export`: a map as PNG, SVG, HTML, Markdown or CSV.

use std::io::Write;
use std::path::Path;

use super::{EXIT_OK, EXIT_PROBLEMS, language_date_and_map};
use crate::export::{ExportOptions, export_to_file};

/// Exports `file` to `output`, the format taken from its extension.
pub fn run(
    file: &Path,
    output: &Path,
    redact: bool,
    lang: &str,
    today: Option<&str>,
    out: &mut dyn Write,
) -> u8 {
    let Some((language, today, doc)) = language_date_and_map("export", lang, today, file) else {
        return EXIT_PROBLEMS;
    };
    let options = ExportOptions {
        redact,
        language,
        today,
        view: None,
    };
    match export_to_file(&doc, output, &options) {
        Ok(format) => {
            let redacted = if redact { " (redacted)" } else { "" };
            let line = format!(
                "{}: exported {} as {}{redacted}",
                output.display(),
                file.display(),
                format.extension()
            );
            let _ = writeln!(out, "{}", crate::safe_text::terminal_text(&line));
            EXIT_OK
        }
        Err(err) => {
            let line = format!("{}: {err}", output.display());
            eprintln!("{}", crate::safe_text::terminal_text(&line));
            EXIT_PROBLEMS
        }
    }
}
