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
        self.undo.push_back(Step {
            label,
            forward: command,
            inverse,
            merge_key,
            revision,
        });
        while self.undo.len() > self.limit {
            if let Some(dropped) = self.undo.pop_front() {
                self.base_revision = dropped.revision;
            }
        }
        Ok(())
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

    fn take_revision(&mut self) -> u64 {
        let revision = self.next_revision;
        self.next_revision += 1;
        revision
    }
}
