//! `powermap report`: the decision-chain analysis of a map.

use std::io::Write;
use std::path::Path;

use super::{EXIT_OK, EXIT_PROBLEMS, ReportFormat, language_date_and_map};
use crate::analysis::{AnalysisOptions, analyze, report};

/// Writes the report of `file`; exit status 1 when the file or an option is invalid.
pub fn run(
    file: &Path,
    format: ReportFormat,
    lang: &str,
    today: Option<&str>,
    stale_days: i64,
    out: &mut dyn Write,
) -> u8 {
    let Some((language, today, doc)) = language_date_and_map("report", lang, today, file) else {
        return EXIT_PROBLEMS;
    };
    let options = AnalysisOptions {
        stale_after_days: stale_days.max(0),
        ..AnalysisOptions::new(today, language)
    };
    let analysis = analyze(&doc, &options);
    let text = match format {
        ReportFormat::Json => {
            let json = report::to_json_text(&doc, &analysis);
            // JSON escapes C0 only; C1 and bidi controls would reach the terminal.
            crate::safe_text::json_invisible_escaped(&json).into_owned() + "\n"
        }
        ReportFormat::Markdown => report::to_text(&doc, &analysis, true),
        ReportFormat::Text => report::to_text(&doc, &analysis, false),
    };
    match out.write_all(text.as_bytes()) {
        Ok(()) => EXIT_OK,
        Err(_) => EXIT_PROBLEMS,
    }
}
