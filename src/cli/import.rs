//! `powermap import`: contacts from CSV or Excel into a map.

use std::io::Write;
use std::path::Path;

use super::{EXIT_OK, EXIT_PROBLEMS};
use crate::edit::Editor;
use crate::format::{DEFAULT_LOCK_WAIT, Expect, LoadError, MapWriter, SaveError};
use crate::import::{ColumnMapping, ImportError, ImportPlan, plan_import, read_table};
use crate::model::Document;

/// Imports `contacts` into a new map at `output` or merges it into `into`.
pub fn run(
    contacts: &Path,
    output: Option<&Path>,
    into: Option<&Path>,
    mappings: &[String],
    sheet: Option<&str>,
    force: bool,
    out: &mut dyn Write,
) -> u8 {
    let target = match (output, into) {
        (_, Some(map)) => Target::Merge(map),
        (Some(map), None) => Target::New(map),
        (None, None) => {
            eprintln!("powermap import: give -o NEW_MAP.json or --into MAP.json");
            return EXIT_PROBLEMS;
        }
    };
    if let Target::New(map) = target
        && same_file(map, contacts)
    {
        eprintln!(
            "powermap import: -o names the contact list itself; choose another file for the map: {}",
            map.display()
        );
        return EXIT_PROBLEMS;
    }
    // A typo of --into must not replace a map the team has filled.
    if let Target::New(map) = target
        && map.exists()
        && !force
    {
        eprintln!(
            "powermap import: the map already exists; use --into to merge into it, or --force to replace it: {}",
            map.display()
        );
        return EXIT_PROBLEMS;
    }
    match import(contacts, target, mappings, sheet, force, out) {
        Ok(()) => EXIT_OK,
        Err(message) => {
            eprintln!("powermap import: {message}");
            EXIT_PROBLEMS
        }
    }
}

/// Whether both paths name one existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Where the result goes.
#[derive(Clone, Copy)]
enum Target<'a> {
    /// A new map written to this path.
    New(&'a Path),
    /// An existing map, merged into and saved in place.
    Merge(&'a Path),
}

/// The whole import; the error is the message for stderr. Progress and the
/// summary go to `out` (a closed pipe is not worth failing over).
fn import(
    contacts: &Path,
    target: Target<'_>,
    mappings: &[String],
    sheet: Option<&str>,
    force: bool,
    out: &mut dyn Write,
) -> Result<(), String> {
    let table = read_table(contacts, sheet).map_err(|err| table_error(&err, contacts))?;
    let _ = writeln!(out, "{}: {}", contacts.display(), table.source.describe());
    if sheet.is_some() && table.source.delimiter.is_some() {
        let _ = writeln!(out, "note: --sheet only applies to .xlsx files; ignored");
    }
    let mut mapping = ColumnMapping::detect(&table.headers);
    mapping
        .apply_overrides(mappings)
        .map_err(|err| format!("--map: {err}"))?;
    let _ = writeln!(out, "columns:");
    for line in mapping.describe() {
        let _ = writeln!(out, "  {line}");
    }

    let map_path = match target {
        Target::New(path) | Target::Merge(path) => path,
    };
    // The map stays locked from the read to the write, so a second import (or the
    // app saving) cannot slip in between and lose one of the two.
    let writer =
        MapWriter::lock(map_path, DEFAULT_LOCK_WAIT).map_err(|err| save_error(&err, map_path))?;
    let (doc, expect) = match target {
        Target::New(_) if force => (Document::default(), Expect::Anything),
        Target::New(_) => (Document::default(), Expect::Nothing),
        Target::Merge(path) => match writer.load().map_err(|err| load_error(&err, path))? {
            Some((doc, version)) => (doc, Expect::Version(version)),
            None => {
                return Err(format!(
                    "cannot merge into this map: there is no such file: {}",
                    path.display()
                ));
            }
        },
    };
    let plan = plan_import(&doc, &table, &mapping).map_err(|err| table_error(&err, contacts))?;
    report(&plan, out);
    if matches!(target, Target::Merge(_)) && plan.is_empty() {
        let _ = writeln!(out, "no changes; {} left as it was", map_path.display());
        return Ok(());
    }
    let mut editor = Editor::new(doc);
    editor
        .apply(plan.command)
        .map_err(|err| format!("the import could not be applied to the map: {err}"))?;
    let doc = editor.document();
    writer
        .save(doc, &expect)
        .map_err(|err| save_error(&err, map_path))?;
    let _ = writeln!(
        out,
        "wrote {}: {} people, {} relationships",
        map_path.display(),
        doc.stakeholders.len(),
        doc.relationships.len()
    );
    Ok(())
}

/// The source line is printed already; then each issue, the counts and the rest.
fn report(plan: &ImportPlan, out: &mut dyn Write) {
    let summary = &plan.summary;
    for issue in &summary.issues {
        let _ = writeln!(out, "{issue}");
    }
    let _ = writeln!(out, "{}", summary.counts_line());
    if summary.lines_added > 0 {
        let _ = writeln!(out, "reports-to lines added: {}", summary.lines_added);
    }
    if let Some(account) = &summary.account_set {
        let _ = writeln!(out, "account: {account}");
    }
}

/// Errors that name their file already are shown as they are; the others get the
/// contact list's path at the end.
fn table_error(err: &ImportError, path: &Path) -> String {
    match err {
        ImportError::Read { .. } | ImportError::UnsupportedFormat { .. } => err.to_string(),
        ImportError::NoNameColumn { .. } => {
            format!("{err} with --map \"Header=name\": {}", path.display())
        }
        _ => format!("{err}: {}", path.display()),
    }
}

fn load_error(err: &LoadError, path: &Path) -> String {
    match err {
        LoadError::Read { .. } => err.to_string(),
        _ => format!("cannot merge into this map: {err}: {}", path.display()),
    }
}

fn save_error(err: &SaveError, path: &Path) -> String {
    match err {
        SaveError::Io { .. }
        | SaveError::ReadOnly { .. }
        | SaveError::ChangedOnDisk { .. }
        | SaveError::Busy { .. } => err.to_string(),
        _ => format!("{err}: {}", path.display()),
    }
}
