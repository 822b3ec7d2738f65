//! `powermap find`: the people a query finds in a map, best match first.

use std::io::Write;
use std::path::Path;

use super::{EXIT_OK, EXIT_PROBLEMS, load_map};
use crate::search::SearchIndex;

/// Output formats of `powermap find`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FindFormat {
    /// One person a line: name, title, department and id, tab-separated.
    Text,
    /// `[{"id", "name", "title", "department"}]`.
    Json,
}

/// Writes who `query` finds in `file`; exit status 0 when someone was found, 1 when
/// nobody was or the file is invalid.
pub fn run(file: &Path, query: &str, format: FindFormat, out: &mut dyn Write) -> u8 {
    let doc = match load_map(file) {
        Ok(doc) => doc,
        Err(message) => {
            eprintln!("{}", crate::safe_text::terminal_text(&message));
            return EXIT_PROBLEMS;
        }
    };
    let index = SearchIndex::new(&doc);
    let people: Vec<&crate::model::Stakeholder> = index
        .ranked(query)
        .iter()
        .filter_map(|hit| doc.stakeholders.get(hit.index))
        .collect();
    let text = match format {
        FindFormat::Json => {
            let rows: Vec<serde_json::Value> = people
                .iter()
                .map(|p| {
                    serde_json::json!({
                        "id": p.id.as_str(),
                        "name": p.name,
                        "title": p.title,
                        "department": p.department,
                    })
                })
                .collect();
            let json = serde_json::Value::Array(rows).to_string();
            // JSON escapes C0 only; C1 and bidi controls would reach the terminal.
            crate::safe_text::json_invisible_escaped(&json).into_owned() + "\n"
        }
        FindFormat::Text => people
            .iter()
            .map(|p| {
                // Each field made safe on its own, so a tab in a name cannot add a column.
                let fields = [p.name.as_str(), &p.title, &p.department, p.id.as_str()];
                let shown: Vec<String> = fields
                    .iter()
                    .map(|f| crate::safe_text::terminal(f).into_owned())
                    .collect();
                shown.join("\t") + "\n"
            })
            .collect(),
    };
    if out.write_all(text.as_bytes()).is_err() {
        return EXIT_PROBLEMS;
    }
    if people.is_empty() {
        EXIT_PROBLEMS
    } else {
        EXIT_OK
    }
}
