//! `powermap merge BASE OURS THEIRS -o OUT`: three-way merge of two edited copies
//! of a map; also git's merge driver (`--driver`, registered by `git-setup`).

use std::io::Write;
use std::path::Path;
use std::process::Command;

use super::{EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE};
use crate::format::{LoadError, atomic_replace, atomic_write, checked_bytes, read_file};
use crate::sync::{MergeError, merge_files};

/// The three inputs of a merge.
pub struct Inputs<'a> {
    /// The common ancestor.
    pub base: &'a Path,
    /// Our version.
    pub ours: &'a Path,
    /// Their version.
    pub theirs: &'a Path,
}

/// Merges; exit 0 when clean, 1 when conflicts were recorded in OUT, 2 when an
/// input cannot be read or OUT cannot be written.
pub fn run(inputs: &Inputs<'_>, output: &Path, driver: bool, out: &mut dyn Write) -> u8 {
    let read = |path: &Path| read_file(path).map_err(|err| (path.to_owned(), err));
    let bytes = read(inputs.base).and_then(|b| Ok((b, read(inputs.ours)?, read(inputs.theirs)?)));
    let (base, ours, theirs) = match bytes {
        Ok(bytes) => bytes,
        Err((path, err)) => {
            eprintln!(
                "{}",
                safe(&format!("powermap merge: {}: {err}", path.display()))
            );
            return EXIT_USAGE;
        }
    };
    let merged = match merge_files(&base, &ours, &theirs) {
        Ok(merged) => merged,
        Err(err) if driver && !all_maps(&err) => return line_merge(inputs, output),
        Err(err) => {
            eprintln!("{}", safe(&format!("powermap merge: {err}")));
            return EXIT_USAGE;
        }
    };
    let bytes = match checked_bytes(&merged.doc) {
        Ok(bytes) => bytes,
        Err(err) => {
            eprintln!("{}", safe(&format!("powermap merge: {err}")));
            return EXIT_USAGE;
        }
    };
    // Git's temporary copy needs no backup; a file the user named keeps one.
    let written = if output == inputs.ours || driver {
        atomic_replace(output, &bytes)
    } else {
        atomic_write(output, &bytes)
    };
    if let Err(err) = written {
        eprintln!(
            "{}",
            safe(&format!("powermap merge: {}: {err}", output.display()))
        );
        return EXIT_USAGE;
    }
    if merged.conflicts.is_empty() {
        let _ = writeln!(
            out,
            "{}: merged without conflicts",
            safe(&output.display().to_string())
        );
        return EXIT_OK;
    }
    let count =
        crate::lang::Language::English.count(merged.conflicts.len(), "conflict", "conflicts", "");
    let _ = writeln!(
        out,
        "{}: merged with {count}, our value kept and theirs recorded in the file (open it in Powermap to choose):",
        safe(&output.display().to_string())
    );
    for conflict in &merged.conflicts {
        let _ = writeln!(out, "  {}", safe(&crate::sync::describe_conflict(conflict)));
    }
    EXIT_PROBLEMS
}

fn safe(text: &str) -> String {
    crate::safe_text::terminal_text(text).into_owned()
}

/// Whether every input was at least a Powermap file (a broken map is an error to
/// report, not something to merge line by line).
fn all_maps(err: &MergeError) -> bool {
    let load = match err {
        MergeError::Base(e) | MergeError::Ours(e) | MergeError::Theirs(e) => e,
        MergeError::Result(_) => return true,
    };
    !matches!(load, LoadError::NotPowermap { .. } | LoadError::Json { .. })
}

/// For JSON files that are not maps: git's own line merge (conflict markers and
/// all), written to OUT; exit 1 when it left conflicts.
fn line_merge(inputs: &Inputs<'_>, output: &Path) -> u8 {
    let merged = Command::new("git")
        .args([
            "merge-file",
            "-p",
            "-L",
            "ours",
            "-L",
            "base",
            "-L",
            "theirs",
        ])
        .arg(inputs.ours)
        .arg(inputs.base)
        .arg(inputs.theirs)
        .output();
    let merged = match merged {
        // Exit status: the number of conflicts, or negative (here: > 127) on error.
        Ok(merged) if merged.status.code().is_some_and(|c| (0..128).contains(&c)) => merged,
        Ok(merged) => {
            eprintln!(
                "powermap merge: not a map, and `git merge-file` failed: {}",
                safe(String::from_utf8_lossy(&merged.stderr).trim())
            );
            return EXIT_USAGE;
        }
        Err(err) => {
            eprintln!("powermap merge: not a map, and `git merge-file` could not run: {err}");
            return EXIT_USAGE;
        }
    };
    if let Err(err) = atomic_replace(output, &merged.stdout) {
        eprintln!(
            "{}",
            safe(&format!("powermap merge: {}: {err}", output.display()))
        );
        return EXIT_USAGE;
    }
    if merged.status.success() {
        EXIT_OK
    } else {
        EXIT_PROBLEMS
    }
}
