//! `powermap report`: the decision-chain analysis of a map.

use std::io::Write;
use std::path::Path;

use super::{EXIT_OK, EXIT_PROBLEMS, ReportFormat, language_date_and_map};
use crate::analysis::{AnalysisOptions, analyze_learned, report};
use crate::portfolio::{Lessons, ScanOptions, scan};

/// The options of `powermap report`.
pub struct Options<'a> {
    /// Language: `en` or `zh`.
    pub lang: &'a str,
    /// `--today`, when given.
    pub today: Option<&'a str>,
    /// `--stale-days`.
    pub stale_days: i64,
    /// `--workspace`: learn from its closed deals.
    pub workspace: Option<&'a Path>,
}

/// Writes the report of `file`; exit status 1 when the file or an option is invalid.
pub fn run(file: &Path, format: ReportFormat, opts: &Options<'_>, out: &mut dyn Write) -> u8 {
    let Some((language, today, doc)) = language_date_and_map("report", opts.lang, opts.today, file)
    else {
        return EXIT_PROBLEMS;
    };
    let options = AnalysisOptions {
        stale_after_days: opts.stale_days.max(0),
        ..AnalysisOptions::new(today, language)
    };
    let lessons = match opts.workspace {
        None => None,
        Some(dir) if !dir.is_dir() => {
            eprintln!(
                "powermap report: --workspace {}: not a folder",
                dir.display()
            );
            return EXIT_PROBLEMS;
        }
        Some(dir) => {
            let scan_options = ScanOptions {
                analysis: options,
                cache_dir: crate::user_paths::cache_dir(),
            };
            Some(Lessons::from_rows(&scan(dir, &scan_options, None).rows))
        }
    };
    let learned = lessons
        .as_ref()
        .map(|l| l as &dyn crate::analysis::learned::LearnedEvidence);
    let analysis = analyze_learned(&doc, &options, learned);
    let written = match format {
        ReportFormat::Json => {
            // JSON escapes C0 only; C1 and bidi controls would reach the terminal:
            // escaped while the text is written, not in a second pass over 26 MB.
            let pieces = report::to_safe_json_pieces(&doc, &analysis);
            pieces
                .iter()
                .try_for_each(|piece| out.write_all(piece.as_bytes()))
                .and_then(|()| out.write_all(b"\n"))
        }
        ReportFormat::Markdown => out.write_all(report::to_text(&doc, &analysis, true).as_bytes()),
        ReportFormat::Text => out.write_all(report::to_text(&doc, &analysis, false).as_bytes()),
    };
    // The process ends right after the report: the system takes back the map and
    // the analysis at once, faster than freeing 100,000 people piece by piece.
    std::mem::forget(analysis);
    std::mem::forget(lessons);
    std::mem::forget(doc);
    match written {
        Ok(()) => EXIT_OK,
        Err(_) => EXIT_PROBLEMS,
    }
}
