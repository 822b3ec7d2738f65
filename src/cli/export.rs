//! `powermap export`: a map as PNG, SVG, HTML, Markdown or CSV.

use std::io::Write;
use std::path::Path;

use super::{EXIT_OK, EXIT_PROBLEMS, language_date_and_map};
use crate::export::{ExportFormat, ExportOptions, export_view_to_file};
use crate::views::ViewKind;

/// What the command line asked of an export.
pub struct Choices<'a> {
    /// `--redact`.
    pub redact: bool,
    /// `--lang`.
    pub lang: &'a str,
    /// `--today`.
    pub today: Option<&'a str>,
    /// `--view`.
    pub view: &'a str,
}

/// Exports `file` to `output`, the format taken from its extension.
pub fn run(file: &Path, output: &Path, choices: &Choices, out: &mut dyn Write) -> u8 {
    let Some(view) = ViewKind::parse(choices.view) else {
        eprintln!(
            "{}",
            crate::safe_text::terminal_text(&format!(
                "powermap export: --view must be map, org, fishbone or grid, not \"{}\"",
                choices.view
            ))
        );
        return EXIT_PROBLEMS;
    };
    let redact = choices.redact;
    let Some((language, today, doc)) =
        language_date_and_map("export", choices.lang, choices.today, file)
    else {
        return EXIT_PROBLEMS;
    };
    let options = ExportOptions {
        redact,
        language,
        today,
        view: None,
    };
    match export_view_to_file(&doc, output, &options, view) {
        Ok(format) => {
            let redacted = if redact { " (redacted)" } else { "" };
            let shown = match (format, view) {
                (ExportFormat::Png | ExportFormat::Svg, ViewKind::OrgChart) => " (org chart)",
                (ExportFormat::Png | ExportFormat::Svg, ViewKind::Fishbone) => " (fishbone)",
                (ExportFormat::Png | ExportFormat::Svg, ViewKind::Grid) => " (grid)",
                _ => "",
            };
            let line = format!(
                "{}: exported {} as {}{shown}{redacted}",
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
