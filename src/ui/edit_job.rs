//! Edits too large for the UI thread — importing thousands of contacts, undoing or
//! redoing such an import — are worked out on a background thread from a snapshot
//! of the map (see [`crate::edit::prepare_edit`] and [`crate::edit::StepJob`]),
//! behind a progress window; the app accepts no other edit meanwhile and installs
//! the result in one move.

use std::sync::Arc;

use super::background::Background;

use super::canvas::PrebuiltGraph;
use super::i18n::Tr;
use super::import_dialog::ImportPreview;
use crate::edit::{EditError, PreparedEdit, StepDone, StepJob, prepare_edit};
use crate::import::ImportSummary;
use crate::lang::Language;
use crate::model::Document;

/// Imports of at least this many rows are worked out in the background.
pub const IMPORT_ROWS: usize = 2_000;
/// Undo and redo steps of at least this many changes are worked out in the
/// background (an import of 100,000 people takes about a second to undo).
pub const STEP_SIZE: usize = 5_000;

/// What is being worked out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditJobKind {
    /// Importing contacts.
    Import,
    /// Undoing the last step.
    Undo,
    /// Redoing the last undone step.
    Redo,
}

/// What came out of the thread.
pub enum EditOutcome {
    /// The import, ready to install with its summary; or why it cannot be done
    /// (the file's problem, in the user's language, or the edit refused).
    Import(Result<(PreparedEdit, ImportSummary), ImportFailure>),
    /// The undo or redo step, worked out or not.
    Step(StepDone),
}

/// Why an import was not prepared.
pub enum ImportFailure {
    /// The rows cannot be imported (the message says why).
    Rows(String),
    /// The map refused the edit.
    Refused(EditError),
}

/// An edit worked out, and for a large map the canvas graph of the result.
pub type EditDone = (EditOutcome, Option<PrebuiltGraph>);

/// An edit being worked out.
pub struct EditJob {
    /// What.
    pub kind: EditJobKind,
    done: Background<EditDone>,
}

/// The canvas graph of `doc` when it is large enough to be worth building here.
fn graph_of(doc: Option<&Document>, tr: Tr) -> Option<PrebuiltGraph> {
    doc.filter(|d| d.stakeholders.len() >= PrebuiltGraph::MIN_PEOPLE)
        .map(|d| PrebuiltGraph::build(d, tr))
}

impl EditJob {
    /// Plans the import of `preview` into `base` (the editor's document at
    /// `revision`) and applies it to a copy.
    pub fn import(
        ctx: &egui::Context,
        preview: ImportPreview,
        base: Arc<Document>,
        revision: u64,
        tr: Tr,
    ) -> Self {
        let language: Language = tr.0;
        let done = Background::start(ctx, move || {
            let outcome = match preview.plan(&base, language) {
                Err(err) => Err(ImportFailure::Rows(err.message(language))),
                Ok(plan) => {
                    let label = preview.label(&plan);
                    // Let go of the preview's copy of the map before copying it again.
                    drop(preview);
                    prepare_edit(base, revision, plan.command, label)
                        .map(|edit| (edit, plan.summary))
                        .map_err(ImportFailure::Refused)
                }
            };
            let graph = graph_of(outcome.as_ref().ok().map(|(edit, _)| edit.document()), tr);
            (EditOutcome::Import(outcome), graph)
        });
        Self {
            kind: EditJobKind::Import,
            done,
        }
    }

    /// Works out an undo or redo step taken out of the history.
    pub fn step(ctx: &egui::Context, job: StepJob, undo: bool, tr: Tr) -> Self {
        let done = Background::start(ctx, move || {
            let done = job.run();
            let graph = graph_of(done.document(), tr);
            (EditOutcome::Step(done), graph)
        });
        Self {
            kind: if undo {
                EditJobKind::Undo
            } else {
                EditJobKind::Redo
            },
            done,
        }
    }

    /// The outcome once the thread is done (`Some(None)`: it ended without one);
    /// `None` while it works.
    pub fn finished(&self) -> Option<Option<EditDone>> {
        self.done.finished()
    }

    /// Waits for the outcome (tests).
    pub fn wait(&self) -> Option<EditDone> {
        self.done.wait()
    }
}

/// Contact files at least this large (about 15,000 rows) are read on a
/// background thread.
pub const READ_BYTES: u64 = 1024 * 1024;

/// A contact file being read for the import preview.
pub struct ReadJob {
    /// The file.
    pub path: std::path::PathBuf,
    /// The table, or why it could not be read.
    pub read: Background<Result<crate::import::Table, crate::import::ImportError>>,
}

impl ReadJob {
    /// Starts reading `path`.
    pub fn start(ctx: &egui::Context, path: std::path::PathBuf) -> Self {
        let file = path.clone();
        Self {
            path,
            read: Background::start(ctx, move || crate::import::read_table(&file, None)),
        }
    }
}
