//! `powermap diff OLD NEW`: what changed between two versions of a map.

use std::io::Write;
use std::path::Path;

use super::{EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, ReportFormat, load_map};
use crate::sync::diff::{semantic_diff, to_json, to_text};

/// Prints the differences; exit 0 when the maps hold the same content, 1 when they
/// differ, 2 when one cannot be read.
pub fn run(old: &Path, new: &Path, format: ReportFormat, out: &mut dyn Write) -> u8 {
    let maps = load_map(old).and_then(|a| Ok((a, load_map(new)?)));
    let (old_doc, new_doc) = match maps {
        Ok(maps) => maps,
        Err(message) => {
            eprintln!("{}", crate::safe_text::terminal_text(&message));
            return EXIT_USAGE;
        }
    };
    let diff = semantic_diff(&old_doc, &new_doc);
    let text = match format {
        ReportFormat::Json => {
            let json = serde_json::to_string_pretty(&to_json(&diff)).unwrap_or_default();
            crate::safe_text::json_invisible_escaped(&json).into_owned() + "\n"
        }
        ReportFormat::Markdown => to_text(&diff, true),
        ReportFormat::Text => to_text(&diff, false),
    };
    let _ = out.write_all(text.as_bytes());
    if diff.is_empty() {
        EXIT_OK
    } else {
        EXIT_PROBLEMS
    }
}
