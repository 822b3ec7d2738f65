//! `powermap export`: a map as PNG, SVG, HTML, Markdown or CSV.

use std::io::Write;
use std::path::Path;

use super::{EXIT_OK, EXIT_PROBLEMS};
use crate::export::{ExportOptions, export_to_file};
use crate::format::load_file;
use crate::lang::Language;
use crate::model::Date;

/// Exports `file` to `output`, the format taken from its extension.
pub fn run(
    file: &Path,
    output: &Path,
    redact: bool,
    lang: &str,
    today: Option<&str>,
    out: &mut dyn Write,
) -> u8 {
    let language = match lang {
        "en" => Language::English,
        "zh" => Language::Chinese,
        other => {
            eprintln!("powermap export: --lang must be en or zh, not \"{other}\"");
            return EXIT_PROBLEMS;
        }
    };
    let today = match today.map(str::parse::<Date>) {
        None => Date::today_utc(),
        Some(Ok(date)) => date,
        Some(Err(err)) => {
            eprintln!("powermap export: --today: {err}");
            return EXIT_PROBLEMS;
        }
    };
    let doc = match load_file(file) {
        Ok(doc) => doc,
        Err(err) => {
            eprintln!("{}: invalid: {err}", file.display());
            return EXIT_PROBLEMS;
        }
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
            let _ = writeln!(
                out,
                "{}: exported {} as {}{redacted}",
                output.display(),
                file.display(),
                format.extension()
            );
            EXIT_OK
        }
        Err(err) => {
            eprintln!("{}: {err}", output.display());
            EXIT_PROBLEMS
        }
    }
}
