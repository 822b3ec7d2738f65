//! `powermap import`: contacts from CSV or Excel into a map.

use std::io::Write;
use std::path::Path;

use super::{EXIT_OK, EXIT_PROBLEMS};
use crate::edit::Editor;
use crate::format::{DEFAULT_LOCK_WAIT, Expect, LoadError, MapWriter, SaveError};
use crate::import::{
    ColumnMapping, ContactDetails, ImportError, ImportPlan, MatchChoices, MatchOutcome,
    MatchProposal, MatchSide, MatchTarget, plan_import_with, read_table,
};
use crate::lang::Language;
use crate::model::Document;
use crate::safe_text::{terminal, terminal_text};

/// The user's match decisions from the options; an error for `--copy-contacts`
/// values that are neither row numbers nor `all`.
pub fn match_choices(
    no_match_by_name: bool,
    separate: &[usize],
    same_person: &[usize],
    copy_contacts: &[String],
) -> Result<MatchChoices, String> {
    let mut choices = MatchChoices {
        match_by_name: !no_match_by_name,
        separate: separate.iter().copied().collect(),
        same: same_person.iter().copied().collect(),
        ..MatchChoices::default()
    };
    for value in copy_contacts {
        let value = value.trim();
        if value.eq_ignore_ascii_case("all") {
            choices.copy_all_contacts = true;
        } else {
            let row = value.parse::<usize>().map_err(|_| {
                format!(
                    "--copy-contacts: \"{}\" is not a row number or \"all\"",
                    terminal(value)
                )
            })?;
            choices.copy_contacts.insert(row);
        }
    }
    Ok(choices)
}

/// Writes one line for the terminal: control characters in it are made visible
/// and its bidi controls balanced (a closed pipe is not worth failing over).
fn say(out: &mut dyn Write, line: &str) {
    let _ = writeln!(out, "{}", terminal_text(line));
}

/// How to import, from the command line.
pub struct Options<'a> {
    /// `--map "Header=field"` overrides, in order.
    pub mappings: &'a [String],
    /// `--sheet NAME`.
    pub sheet: Option<&'a str>,
    /// `--force`: replace the file given with `-o`.
    pub force: bool,
    /// The match options.
    pub choices: MatchChoices,
}

/// Imports `contacts` into a new map at `output` or merges it into `into`.
pub fn run(
    contacts: &Path,
    output: Option<&Path>,
    into: Option<&Path>,
    options: &Options<'_>,
    out: &mut dyn Write,
) -> u8 {
    let Options {
        mappings,
        sheet,
        force,
        ref choices,
    } = *options;
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
    match import(contacts, target, mappings, sheet, force, choices, out) {
        Ok(()) => EXIT_OK,
        Err(message) => {
            eprintln!("powermap import: {}", terminal_text(&message));
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
    choices: &MatchChoices,
    out: &mut dyn Write,
) -> Result<(), String> {
    let table = read_table(contacts, sheet).map_err(|err| table_error(&err, contacts))?;
    // The sheet name comes from the file: isolated like any other file text.
    let mut source = table.source.clone();
    source.sheet = source.sheet.map(|sheet| terminal(&sheet).into_owned());
    say(
        out,
        &format!(
            "{}: {}",
            terminal(&contacts.display().to_string()),
            source.describe()
        ),
    );
    if sheet.is_some() && table.source.delimiter.is_some() {
        say(out, "note: --sheet only applies to .xlsx files; ignored");
    }
    let mut mapping = ColumnMapping::detect(&table.headers);
    mapping
        .apply_overrides(mappings)
        .map_err(|err| format!("--map: {err}"))?;
    say(out, "columns:");
    for column in 0..mapping.headers().len() {
        let field = mapping.field(column).map_or("ignored", |f| f.as_str());
        let header = crate::import::shorten(&mapping.label(column), 60);
        say(out, &format!("  {} → {field}", terminal(&header)));
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
    let plan = plan_import_with(&doc, &table, &mapping, choices, Language::English)
        .map_err(|err| table_error(&err, contacts))?;
    report(&plan, choices, out);
    if matches!(target, Target::Merge(_)) && plan.is_empty() {
        say(
            out,
            &format!("no changes; {} left as it was", map_path.display()),
        );
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
    let en = Language::English;
    say(
        out,
        &format!(
            "wrote {}: {}, {}",
            map_path.display(),
            en.count(doc.stakeholders.len(), "person", "people", ""),
            en.count(doc.relationships.len(), "relationship", "relationships", "")
        ),
    );
    Ok(())
}

/// The source line is printed already; then the matches, each issue, the counts
/// and the rest. Text from the file is made safe for the terminal.
fn report(plan: &ImportPlan, choices: &MatchChoices, out: &mut dyn Write) {
    matches_report(&plan.matches, choices, out);
    let summary = &plan.summary;
    let quote = |text: &str| terminal(text).into_owned();
    for issue in &summary.issues {
        let kind = issue.kind.map_text(quote);
        say(
            out,
            &format!("row {}: {}", issue.row, kind.message(Language::English)),
        );
    }
    say(out, &summary.counts_line());
    if summary.lines_added > 0 {
        say(
            out,
            &format!("reports-to lines added: {}", summary.lines_added),
        );
    }
    if !summary.members_added.is_empty() {
        let names: Vec<String> = summary.members_added.iter().map(|n| quote(n)).collect();
        say(out, &format!("added to our team: {}", names.join(", ")));
    }
    if let Some(account) = &summary.account_set {
        say(out, &format!("account: {}", quote(account)));
    }
}

/// Every match by name (both sides, so the user can check them), the number of
/// matches by e-mail, and rows named in the options that matched nobody.
fn matches_report(matches: &[MatchProposal], choices: &MatchChoices, out: &mut dyn Write) {
    let (by_name, by_email): (Vec<&MatchProposal>, Vec<&MatchProposal>) =
        matches.iter().partition(|m| m.is_by_name());
    if !by_name.is_empty() {
        say(
            out,
            "matches by name (check them; --separate, --same-person and --copy-contacts change them):",
        );
        for proposal in &by_name {
            say(out, &format!("  {}", describe_match(proposal)));
        }
    }
    let merged_by_email = by_email.iter().filter(|m| m.is_merged()).count();
    if merged_by_email > 0 {
        say(
            out,
            &format!(
                "matched by e-mail: {}",
                Language::English.count(merged_by_email, "row", "rows", "")
            ),
        );
    }
    let rows: std::collections::BTreeSet<usize> = matches.iter().map(|m| m.row).collect();
    let named = [
        ("--separate", &choices.separate),
        ("--same-person", &choices.same),
        ("--copy-contacts", &choices.copy_contacts),
    ];
    for (option, chosen) in named {
        for row in chosen.iter().filter(|row| !rows.contains(row)) {
            say(
                out,
                &format!("note: {option} {row}: row {row} matched nobody; ignored"),
            );
        }
    }
}

/// `row 9 "刘洋" (教务处处长, 教务处) ≠ "刘洋" on the map (信息中心主任): kept apart
/// (another title)`.
fn describe_match(proposal: &MatchProposal) -> String {
    let other = match &proposal.target {
        MatchTarget::Existing(_) => "on the map".to_owned(),
        MatchTarget::Row(row) => format!("(row {row})"),
    };
    let (sign, outcome) = match proposal.outcome {
        MatchOutcome::Merged(ContactDetails::HeldBack) => (
            "=",
            format!(
                "the same person; e-mail and phone not copied (--copy-contacts {} copies them)",
                proposal.row
            ),
        ),
        MatchOutcome::Merged(_) => ("=", "the same person".to_owned()),
        MatchOutcome::KeptApart(reason) => {
            let why = match reason {
                crate::import::ApartReason::OtherEmail => "another e-mail",
                crate::import::ApartReason::OtherTitle => "another title",
                crate::import::ApartReason::OtherDepartment => "another department",
                crate::import::ApartReason::NameMatchingOff => "matching by name is off",
                crate::import::ApartReason::Chosen => "as chosen",
            };
            (
                "≠",
                format!(
                    "kept apart ({why}; --same-person {} merges them)",
                    proposal.row
                ),
            )
        }
    };
    let others = match proposal.other_candidates {
        0 => String::new(),
        n => format!(
            "; {} with this name would fit too",
            Language::English.count(n, "other person", "other people", "")
        ),
    };
    format!(
        "row {} {} {sign} {} {other}: {outcome}{others}",
        proposal.row,
        side(&proposal.row_side),
        side(&proposal.other_side)
    )
}

/// `"Ann Lee" (Sales Director, Sales, ann@example.com)`, empty fields left out.
fn side(side: &MatchSide) -> String {
    let details: Vec<String> = [&side.title, &side.department, &side.email]
        .iter()
        .filter(|t| !t.is_empty())
        .map(|t| terminal(t).into_owned())
        .collect();
    let name = terminal(&side.name);
    if details.is_empty() {
        format!("\"{name}\"")
    } else {
        format!("\"{name}\" ({})", details.join(", "))
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
