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
        // A few ids are looked up one by one (no hashing of the whole map on every
        // edit); a large selection (a box over everyone) through a set, so this stays
        // linear in the map either way.
        const FEW: usize = 16;
        if self.people.len() <= FEW {
            self.people.retain(|id| doc.stakeholder(id).is_some());
        } else {
            let people: std::collections::HashSet<_> =
                doc.stakeholders.iter().map(|s| &s.id).collect();
            self.people.retain(|id| people.contains(id));
        }
        if self.lines.len() <= FEW {
            self.lines.retain(|id| doc.relationship(id).is_some());
        } else {
            let lines: std::collections::HashSet<_> =
                doc.relationships.iter().map(|l| &l.id).collect();
            self.lines.retain(|id| lines.contains(id));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retain_existing_drops_the_missing_from_small_and_large_selections() {
        let mut doc = crate::samples::synthetic_map(60, 3);
        for size in [3, 40] {
            let mut selection = Selection::default();
            selection
                .people
                .extend(doc.stakeholders.iter().take(size).map(|p| p.id.clone()));
            selection
                .lines
                .extend(doc.relationships.iter().take(size).map(|l| l.id.clone()));
            let gone_person = doc.stakeholders.remove(1).id;
            let gone_line = doc.relationships.remove(1).id;
            selection.retain_existing(&doc);
            assert_eq!(selection.people.len(), size - 1);
            assert_eq!(selection.lines.len(), size - 1);
            assert!(!selection.people.contains(&gone_person));
            assert!(!selection.lines.contains(&gone_line));
        }
    }
}
