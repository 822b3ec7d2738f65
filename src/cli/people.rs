//! `powermap people DIR QUERY`: a person in every map of a workspace, and the
//! moves between customers that the maps show.

use std::io::Write;
use std::path::Path;

use serde_json::{Value, json};

use super::{EXIT_OK, EXIT_PROBLEMS};
use crate::lang::Language;
use crate::portfolio::{PersonHit, find_people, moves};

/// Output formats of `powermap people`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum PeopleFormat {
    /// Lines for the terminal.
    Text,
    /// `{"people": [...], "moves": [...]}`.
    Json,
}

/// Finds `query` in the maps of `dir`. Exit status 1 when `dir` is not a folder or
/// nobody matches.
pub fn run(dir: &Path, query: &str, format: PeopleFormat, lang: &str, out: &mut dyn Write) -> u8 {
    let language = match super::parse_language("people", lang) {
        Ok(language) => language,
        Err(message) => {
            eprintln!("{message}");
            return EXIT_PROBLEMS;
        }
    };
    if !dir.is_dir() {
        eprintln!("powermap people: {}: not a folder", dir.display());
        return EXIT_PROBLEMS;
    }
    let (hits, notes) = find_people(dir, query);
    for note in &notes {
        eprintln!("{}", crate::safe_text::terminal_text(&note.to_string()));
    }
    let moved = moves(&hits);
    let shown = |hit: &PersonHit| {
        hit.path
            .strip_prefix(dir)
            .unwrap_or(&hit.path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    };
    let text = match format {
        PeopleFormat::Json => {
            let hit_json = |hit: &PersonHit| {
                json!({"path": shown(hit), "account": hit.account, "id": hit.id,
                       "name": hit.name, "title": hit.title, "department": hit.department,
                       "email": hit.email, "seen_on": hit.seen_on.map(|d| d.to_string())})
            };
            let value = json!({
                "people": hits.iter().map(hit_json).collect::<Vec<Value>>(),
                "moves": moved.iter().map(|m| json!({
                    "from": hit_json(&m.from),
                    "to": hit_json(&m.to),
                    "same_email": m.same_email,
                    "text": m.sentence(language),
                })).collect::<Vec<Value>>(),
            });
            let json = serde_json::to_string_pretty(&value).unwrap_or_default();
            crate::safe_text::json_invisible_escaped(&json).into_owned() + "\n"
        }
        PeopleFormat::Text => {
            let mut text = String::new();
            for hit in &hits {
                let details: Vec<&str> =
                    [hit.title.trim(), hit.department.trim(), hit.email.trim()]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect();
                text.push_str(&format!(
                    "{}: {} ({}) at {}\n",
                    shown(hit),
                    hit.name.trim(),
                    details.join(", "),
                    hit.account.trim()
                ));
            }
            if !moved.is_empty() {
                text.push_str(match language {
                    Language::English => "\nMoves:\n",
                    Language::Chinese => "\n任职变动：\n",
                });
                for m in &moved {
                    text.push_str(&format!("  {}\n", m.sentence(language)));
                }
            }
            crate::safe_text::terminal_text(&text).into_owned()
        }
    };
    if out.write_all(text.as_bytes()).is_err() || hits.is_empty() {
        EXIT_PROBLEMS
    } else {
        EXIT_OK
    }
}
