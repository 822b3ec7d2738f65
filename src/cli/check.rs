//! `powermap check`: validates map files.

use std::io::Write;
use std::path::PathBuf;

use super::{EXIT_OK, EXIT_PROBLEMS};
use crate::format::load_file;
use crate::model::Document;

/// Checks each file; exit status 1 when any is invalid or unreadable.
pub fn run(files: &[PathBuf], out: &mut dyn Write) -> u8 {
    let mut status = EXIT_OK;
    for path in files {
        let line = match load_file(path) {
            Ok(doc) => {
                let conflicts = crate::sync::conflicts_in(&doc);
                if conflicts.is_empty() {
                    format!("{}: ok: {}", path.display(), summary(&doc))
                } else {
                    status = EXIT_PROBLEMS;
                    unresolved(path, &conflicts)
                }
            }
            Err(err) => {
                status = EXIT_PROBLEMS;
                format!("{}: invalid: {err}", path.display())
            }
        };
        // The problems quote the file: shown safely on the terminal. A closed pipe
        // is not worth a panic; the exit status still tells.
        let _ = writeln!(out, "{}", crate::safe_text::terminal_text(&line));
    }
    status
}

/// The lines for a map that still holds merge conflicts.
fn unresolved(path: &std::path::Path, conflicts: &[crate::sync::Conflict]) -> String {
    let count = crate::lang::Language::English.count(
        conflicts.len(),
        "unresolved merge conflict",
        "unresolved merge conflicts",
        "",
    );
    let mut text = format!(
        "{}: {count} (open the map in Powermap to choose):",
        path.display()
    );
    for conflict in conflicts {
        text.push_str("\n  ");
        text.push_str(&crate::sync::describe_conflict(conflict));
    }
    text
}

/// "20 people, 28 relationships (decision_maker 1, influencer 9, …)".
pub fn summary(doc: &Document) -> String {
    let roles: Vec<String> = doc
        .role_counts()
        .into_iter()
        .filter(|(_, count)| *count > 0)
        .map(|(role, count)| format!("{role} {count}"))
        .collect();
    let en = crate::lang::Language::English;
    let people = en.count(doc.stakeholders.len(), "person", "people", "");
    let lines = en.count(doc.relationships.len(), "relationship", "relationships", "");
    if roles.is_empty() {
        format!("{people}, {lines}")
    } else {
        format!("{people}, {lines} ({})", roles.join(", "))
    }
}
