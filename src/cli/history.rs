//! `powermap history FILE`: the commits that changed a map in a git work tree,
//! and with `--person ID` that person's stance in each.

use std::io::Write;
use std::path::Path;

use super::{EXIT_OK, EXIT_USAGE};
use crate::model::StakeholderId;
use crate::sync::history::{file_history, stance_history};

/// Prints the history; exit 2 when it cannot be read.
pub fn run(file: &Path, person: Option<&str>, out: &mut dyn Write) -> u8 {
    let revisions = match file_history(file) {
        Ok(revisions) => revisions,
        Err(err) => {
            eprintln!(
                "{}",
                crate::safe_text::terminal_text(&format!("powermap history: {err}"))
            );
            return EXIT_USAGE;
        }
    };
    let safe = |text: &str| crate::safe_text::terminal(text).into_owned();
    match person {
        None => {
            for r in &revisions {
                let _ = writeln!(
                    out,
                    "{}  {}  {}  {}",
                    r.short_id(),
                    r.date(),
                    safe(&r.author),
                    safe(&r.summary)
                );
            }
        }
        Some(id) => {
            for (r, stance) in stance_history(file, &revisions, &StakeholderId::from(id)) {
                let _ = writeln!(
                    out,
                    "{}  {}  {:<10}  {}",
                    r.short_id(),
                    r.date(),
                    stance.as_str(),
                    safe(&r.summary)
                );
            }
        }
    }
    EXIT_OK
}
