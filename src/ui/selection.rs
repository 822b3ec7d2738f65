//! What the user has selected: view state, never saved in the document.

use std::collections::BTreeSet;

use crate::model::{Document, RelationshipId, StakeholderId};

/// Selected people and lines.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Selected people.
    pub people: BTreeSet<StakeholderId>,
    /// Selected lines.
    pub lines: BTreeSet<RelationshipId>,
}

impl Selection {
    /// Only this person.
    pub fn person(id: StakeholderId) -> Self {
        Self {
            people: BTreeSet::from([id]),
            lines: BTreeSet::new(),
        }
    }

    /// Only this line.
    pub fn line(id: RelationshipId) -> Self {
        Self {
            people: BTreeSet::new(),
            lines: BTreeSet::from([id]),
        }
    }

    /// Whether nothing is selected.
    pub fn is_empty(&self) -> bool {
        self.people.is_empty() && self.lines.is_empty()
    }

    /// The person, when exactly one person and nothing else is selected.
    pub fn single_person(&self) -> Option<&StakeholderId> {
        match (self.people.len(), self.lines.len()) {
            (1, 0) => self.people.first(),
            _ => None,
        }
    }

    /// The line, when exactly one line and nothing else is selected.
    pub fn single_line(&self) -> Option<&RelationshipId> {
        match (self.people.len(), self.lines.len()) {
            (0, 1) => self.lines.first(),
            _ => None,
        }
    }

    /// Adds or removes a person.
    pub fn toggle_person(&mut self, id: StakeholderId) {
        if !self.people.remove(&id) {
            self.people.insert(id);
        }
    }

    /// Adds or removes a line.
    pub fn toggle_line(&mut self, id: RelationshipId) {
        if !self.lines.remove(&id) {
            self.lines.insert(id);
        }
    }

    /// Drops what no longer exists (after undo, delete, or opening another map).
    pub fn retain_existing(&mut self, doc: &Document) {
        // Linear in the map whatever the selection's size (a box over everyone).
        if !self.people.is_empty() {
            let people: std::collections::HashSet<_> =
                doc.stakeholders.iter().map(|s| &s.id).collect();
            self.people.retain(|id| people.contains(id));
        }
        if !self.lines.is_empty() {
            let lines: std::collections::HashSet<_> =
                doc.relationships.iter().map(|l| &l.id).collect();
            self.lines.retain(|id| lines.contains(id));
        }
    }
}
