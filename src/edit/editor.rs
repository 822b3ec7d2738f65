//! The one place where commands change a document: applies them, keeps a bounded
//! undo/redo history, and knows whether the document differs from the saved one.

use std::collections::VecDeque;
use std::sync::Arc;

use super::{Command, EditError, EditLabel, apply};
use crate::model::Document;

/// Undo steps kept by default.
pub const DEFAULT_HISTORY_LIMIT: usize = 200;

/// A document with its edit history.
#[derive(Clone, Debug)]
pub struct Editor {
    /// Shared with snapshots (the analysis thread); copied on write only while one is
    /// still held.
    doc: Arc<Document>,
    undo: VecDeque<Step>,
    redo: Vec<Step>,
    limit: usize,
    /// Revision of the document before the oldest kept undo step.
    base_revision: u64,
    next_revision: u64,
    saved_revision: Option<u64>,
}

/// One undoable change.
#[derive(Clone, Debug)]
struct Step {
    label: EditLabel,
    forward: Command,
    inverse: Command,
    /// Consecutive edits with the same key (typing in one field) merge into one step.
    merge_key: Option<String>,
    /// Revision of the document after this step.
    revision: u64,
}

impl Editor {
    /// An editor for a document that is already saved (or new and empty).
    pub fn new(doc: Document) -> Self {
        Self {
            doc: Arc::new(doc),
            undo: VecDeque::new(),
            redo: Vec::new(),
            limit: DEFAULT_HISTORY_LIMIT,
            base_revision: 0,
            next_revision: 1,
            saved_revision: Some(0),
        }
    }

    /// The same, keeping at most `limit` undo steps (at least one).
    pub fn with_history_limit(doc: Document, limit: usize) -> Self {
        Self {
            limit: limit.max(1),
            ..Self::new(doc)
        }
    }

    /// The current document.
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The current document, shared: no copy is made now; the next edit copies it
    /// only if the snapshot is still held by then.
    pub fn snapshot(&self) -> Arc<Document> {
        Arc::clone(&self.doc)
    }

    /// Applies a command as a new undo step; a new edit clears the redo list.
    pub fn apply(&mut self, command: Command) -> Result<(), EditError> {
        self.apply_merging(command, None)
    }

    /// Applies a command as a new undo step with its own label (an import, say).
    pub fn apply_labelled(&mut self, command: Command, label: EditLabel) -> Result<(), EditError> {
        self.apply(command)?;
        if let Some(last) = self.undo.back_mut() {
            last.label = label;
        }
        Ok(())
    }

    /// Applies a command; when the previous step has the same `merge_key`, both
    /// become one undo step (for typing into one field, or one gesture).
    pub fn apply_merging(
        &mut self,
        command: Command,
        merge_key: Option<String>,
    ) -> Result<(), EditError> {
        let label = EditLabel::describe(&command, &self.doc);
        let inverse = apply(Arc::make_mut(&mut self.doc), command.clone())?;
        let revision = self.take_revision();
        self.redo.clear();
        let mergeable = merge_key.is_some()
            && self
                .undo
                .back()
                .is_some_and(|last| last.merge_key == merge_key);
        if mergeable && let Some(last) = self.undo.back_mut() {
            // Keep the oldest inverse: it restores the state before the first edit.
            last.forward = command;
            last.label = label;
            last.revision = revision;
            return Ok(());
        }
        self.push_step(Step {
            label,
            forward: command,
            inverse,
            merge_key,
            revision,
        });
        Ok(())
    }

    /// Adds `step` to the undo history, forgetting the oldest beyond the limit.
    fn push_step(&mut self, step: Step) {
        self.undo.push_back(step);
        while self.undo.len() > self.limit {
            if let Some(dropped) = self.undo.pop_front() {
                self.base_revision = dropped.revision;
            }
        }
    }

    /// Ends merging: the next edit starts a new undo step even with the same key.
    pub fn seal(&mut self) {
        if let Some(last) = self.undo.back_mut() {
            last.merge_key = None;
        }
    }

    /// Undoes the last step and returns its label.
    pub fn undo(&mut self) -> Result<EditLabel, EditError> {
        let mut step = self.undo.pop_back().ok_or(EditError::NothingTo("undo"))?;
        match apply(Arc::make_mut(&mut self.doc), step.inverse.clone()) {
            Ok(redo) => {
                // Redo re-applies exactly what undo reverted.
                step.forward = redo;
                step.merge_key = None;
                let label = step.label.clone();
                self.redo.push(step);
                Ok(label)
            }
            Err(err) => {
                self.undo.push_back(step);
                Err(err)
            }
        }
    }

    /// Redoes the last undone step and returns its label.
    pub fn redo(&mut self) -> Result<EditLabel, EditError> {
        let mut step = self.redo.pop().ok_or(EditError::NothingTo("redo"))?;
        match apply(Arc::make_mut(&mut self.doc), step.forward.clone()) {
            Ok(inverse) => {
                step.inverse = inverse;
                let label = step.label.clone();
                self.undo.push_back(step);
                Ok(label)
            }
            Err(err) => {
                self.redo.push(step);
                Err(err)
            }
        }
    }

    /// What undo would revert.
    pub fn undo_label(&self) -> Option<&EditLabel> {
        self.undo.back().map(|s| &s.label)
    }

    /// What redo would re-apply.
    pub fn redo_label(&self) -> Option<&EditLabel> {
        self.redo.last().map(|s| &s.label)
    }

    /// How many steps can be undone.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// How many steps can be redone.
    pub fn redo_len(&self) -> usize {
        self.redo.len()
    }

    /// Records that the current document is what is on disk.
    pub fn mark_saved(&mut self) {
        self.saved_revision = Some(self.revision());
        self.seal();
    }

    /// Whether the document differs from the last saved one.
    pub fn is_modified(&self) -> bool {
        self.saved_revision != Some(self.revision())
    }

    /// Marks the document as never saved (for example a sample opened as a new map).
    pub fn mark_unsaved(&mut self) {
        self.saved_revision = None;
    }

    /// Identifies the current state of the document within this history: it changes
    /// with every edit, undo and redo.
    pub fn revision(&self) -> u64 {
        self.undo.back().map_or(self.base_revision, |s| s.revision)
    }

    /// Takes back every step made since the document was at `revision`, leaving no
    /// trace in undo or redo — as if they never happened (a person added and
    /// abandoned with Esc before they got a name). Returns whether it did: nothing
    /// changes when `revision` is not in the history.
    pub fn take_back_to(&mut self, revision: u64) -> Result<bool, EditError> {
        let known =
            self.base_revision == revision || self.undo.iter().any(|s| s.revision == revision);
        if !known {
            return Ok(false);
        }
        while self.revision() != revision {
            let Some(step) = self.undo.pop_back() else {
                break;
            };
            if let Err(err) = apply(Arc::make_mut(&mut self.doc), step.inverse.clone()) {
                self.undo.push_back(step);
                return Err(err);
            }
        }
        Ok(true)
    }

    // ----- Edits worked out off the UI thread -----
    //
    // An import of 100,000 people, or its undo, takes the better part of a second
    // to apply: the app prepares it on a background thread from a snapshot and
    // installs the result in one move. Meanwhile it accepts no other edit.

    /// Installs an edit prepared by [`prepare_edit`] as a new undo step. Refused
    /// (given back) when the document is no longer at the revision it was prepared
    /// from.
    pub fn install(&mut self, prepared: PreparedEdit) -> Result<(), Box<PreparedEdit>> {
        if prepared.revision != self.revision() {
            return Err(Box::new(prepared));
        }
        self.doc = Arc::new(prepared.doc);
        let revision = self.take_revision();
        self.redo.clear();
        self.push_step(Step {
            label: prepared.label,
            forward: prepared.forward,
            inverse: prepared.inverse,
            merge_key: None,
            revision,
        });
        Ok(())
    }

    /// Takes the step undo (`undo`) or redo would apply out of the history, with a
    /// snapshot of the document, to be worked out elsewhere ([`StepJob::run`]) and
    /// handed back with [`Self::finish_step`]. `None` when there is nothing to do.
    pub fn take_step(&mut self, undo: bool) -> Option<StepJob> {
        let step = if undo {
            self.undo.pop_back()?
        } else {
            self.redo.pop()?
        };
        Some(StepJob {
            step,
            undo,
            base: Arc::clone(&self.doc),
        })
    }

    /// Puts back a step taken with [`Self::take_step`]: worked out (the document
    /// after it), or not (it failed, or was abandoned) — then nothing changes.
    pub fn finish_step(&mut self, done: StepDone) -> Result<EditLabel, EditError> {
        let StepDone {
            mut step,
            undo,
            result,
        } = done;
        let label = step.label.clone();
        match result {
            Ok((doc, command)) => {
                self.doc = Arc::new(doc);
                if undo {
                    // Redo re-applies exactly what undo reverted.
                    step.forward = command;
                    step.merge_key = None;
                    self.redo.push(step);
                } else {
                    step.inverse = command;
                    self.undo.push_back(step);
                }
                Ok(label)
            }
            Err(err) => {
                if undo {
                    self.undo.push_back(step);
                } else {
                    self.redo.push(step);
                }
                Err(err)
            }
        }
    }

    /// How many commands the step undo (`undo`) or redo would apply holds: large
    /// ones are worth working out off the UI thread.
    pub fn step_size(&self, undo: bool) -> usize {
        let step = if undo {
            self.undo.back()
        } else {
            self.redo.last()
        };
        step.map_or(0, |s| {
            let command = if undo { &s.inverse } else { &s.forward };
            command.size()
        })
    }

    fn take_revision(&mut self) -> u64 {
        let revision = self.next_revision;
        self.next_revision += 1;
        revision
    }
}

/// An edit worked out on a copy of the document (see [`prepare_edit`]).
#[derive(Debug)]
pub struct PreparedEdit {
    /// The editor's revision the copy was taken at.
    revision: u64,
    doc: Document,
    forward: Command,
    inverse: Command,
    label: EditLabel,
}

impl PreparedEdit {
    /// The document after the edit.
    pub fn document(&self) -> &Document {
        &self.doc
    }
}

/// Applies `command` to a copy of `base`, the editor's document at `revision`
/// ([`Editor::snapshot`], [`Editor::revision`]); runs on any thread. The result is
/// installed with [`Editor::install`].
pub fn prepare_edit(
    base: Arc<Document>,
    revision: u64,
    command: Command,
    label: EditLabel,
) -> Result<PreparedEdit, EditError> {
    let mut doc = Document::clone(&base);
    // Let go of the editor's document at once, so it is not copied on its next edit.
    drop(base);
    let inverse = apply(&mut doc, command.clone())?;
    Ok(PreparedEdit {
        revision,
        doc,
        forward: command,
        inverse,
        label,
    })
}

/// An undo or redo step taken out of the history to be worked out elsewhere.
#[derive(Debug)]
pub struct StepJob {
    step: Step,
    undo: bool,
    base: Arc<Document>,
}

/// A step worked out: the document after it and the command that takes it back,
/// or why it could not be applied.
#[derive(Debug)]
pub struct StepDone {
    step: Step,
    undo: bool,
    result: Result<(Document, Command), EditError>,
}

impl StepDone {
    /// The document after the step, when it was worked out.
    pub fn document(&self) -> Option<&Document> {
        self.result.as_ref().ok().map(|(doc, _)| doc)
    }
}

impl StepJob {
    /// Applies the step to a copy of the document; runs on any thread.
    pub fn run(self) -> StepDone {
        let StepJob { step, undo, base } = self;
        let mut doc = Document::clone(&base);
        drop(base);
        let command = if undo { &step.inverse } else { &step.forward };
        let result = apply(&mut doc, command.clone()).map(|back| (doc, back));
        StepDone { step, undo, result }
    }

    /// Gives the step back unworked (the app was asked to stop).
    pub fn abandon(self) -> StepDone {
        StepDone {
            step: self.step,
            undo: self.undo,
            result: Err(EditError::NothingTo("finish")),
        }
    }
}
