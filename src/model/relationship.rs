//! A line between two stakeholders.

use super::{Extra, RelationshipId, RelationshipKind, StakeholderId, Strength};

/// A relationship between two stakeholders.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Relationship {
    /// Unique within the map.
    pub id: RelationshipId,
    /// Where the line starts (for `reports_to`, the subordinate).
    pub from: StakeholderId,
    /// Where the line ends (for `reports_to`, the manager).
    pub to: StakeholderId,
    /// What the line means.
    pub kind: RelationshipKind,
    /// How strong it is.
    pub strength: Strength,
    /// Free note.
    pub note: String,
    /// Unknown fields, kept for newer versions.
    pub extra: Extra,
}

impl Relationship {
    /// A relationship with default strength and no note.
    pub fn new(
        id: impl Into<RelationshipId>,
        from: impl Into<StakeholderId>,
        to: impl Into<StakeholderId>,
        kind: RelationshipKind,
    ) -> Self {
        Self {
            id: id.into(),
            from: from.into(),
            to: to.into(),
            kind,
            ..Self::default()
        }
    }

    /// Whether the line touches the stakeholder.
    pub fn touches(&self, id: &StakeholderId) -> bool {
        &self.from == id || &self.to == id
    }
}

impl From<String> for RelationshipId {
    fn from(id: String) -> Self {
        Self::new(id)
    }
}
