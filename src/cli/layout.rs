//! `powermap layout`: a copy of a map with every person placed by a layout.

use std::io::Write;
use std::path::Path;
use std::sync::atomic::AtomicBool;

use super::{EXIT_OK, EXIT_PROBLEMS, load_map};
use crate::lang::Language;
use crate::model::{Document, Position};
use crate::views::{ForceOptions, ViewKind, force_layout, view_layout};

/// The layouts `powermap layout` can write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LayoutStyle {
    /// The org chart: a tidy tree from the reporting lines.
    Org,
    /// A force-directed layout: related people near, departments apart.
    Force,
    /// The power × stance grid.
    Grid,
    /// The fishbone: departments or decision steps as bones.
    Fishbone,
}

impl LayoutStyle {
    fn name(self) -> &'static str {
        match self {
            Self::Org => "org",
            Self::Force => "force",
            Self::Grid => "grid",
            Self::Fishbone => "fishbone",
        }
    }
}

/// The positions of `doc` in `style`, document order.
pub fn layout_positions(doc: &Document, style: LayoutStyle) -> Vec<Position> {
    let view = |kind| view_layout(doc, kind, Language::English).positions;
    match style {
        LayoutStyle::Org => view(ViewKind::OrgChart),
        LayoutStyle::Grid => view(ViewKind::Grid),
        LayoutStyle::Fishbone => view(ViewKind::Fishbone),
        // Never cancelled: the command runs to the end.
        LayoutStyle::Force => force_layout(
            doc,
            &ForceOptions::default(),
            |_| {},
            &AtomicBool::new(false),
        )
        .unwrap_or_default(),
    }
}

/// Whether `a` and `b` name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Writes `file` laid out in `style` to `output`. `file` itself is only written
/// when `output` names it; another existing `output` only with `force`.
pub fn run(file: &Path, style: LayoutStyle, output: &Path, force: bool, out: &mut dyn Write) -> u8 {
    let fail = |message: String| {
        eprintln!("{}", crate::safe_text::terminal_text(&message));
        EXIT_PROBLEMS
    };
    let mut doc = match load_map(file) {
        Ok(doc) => doc,
        Err(message) => return fail(message),
    };
    let in_place = same_file(file, output);
    if !in_place && !force && std::fs::symlink_metadata(output).is_ok() {
        return fail(format!(
            "powermap layout: {} already exists; use --force to replace it (the old file is kept as NAME.bak)",
            output.display()
        ));
    }
    let positions = layout_positions(&doc, style);
    for (person, at) in doc.stakeholders.iter_mut().zip(positions) {
        person.position = Some(at);
    }
    if let Err(err) = crate::format::save_file(output, &doc) {
        return fail(format!("{}: cannot write: {err}", output.display()));
    }
    let line = format!(
        "{}: {} laid out as {} ({})",
        output.display(),
        file.display(),
        style.name(),
        Language::English.count(doc.stakeholders.len(), "person", "people", "人")
    );
    let _ = writeln!(out, "{}", crate::safe_text::terminal_text(&line));
    EXIT_OK
}
