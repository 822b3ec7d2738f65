//! The whole map: account, team, stakeholders and relationships.

use std::collections::{BTreeMap, HashSet};

use super::{
    Account, Extra, Plan, Relationship, RelationshipId, Role, Stakeholder, StakeholderId,
    TeamMember, TeamMemberId,
};

/// A power map document: what the user saves and shares.
///
/// Order matters: people, relationships and team members keep the order of the file
/// so that saved files diff cleanly.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Document {
    /// The customer and the deal.
    pub account: Account,
    /// Our own people.
    pub team: Vec<TeamMember>,
    /// People in the customer organisation.
    pub stakeholders: Vec<Stakeholder>,
    /// Lines between stakeholders.
    pub relationships: Vec<Relationship>,
    /// Communication plans the team wrote, per role; roles without one use the
    /// built-in playbook.
    pub plans: BTreeMap<Role, Plan>,
    /// Unknown top-level fields, kept for newer versions.
    pub extra: Extra,
}

impl Document {
    /// The stakeholder with this id.
    pub fn stakeholder(&self, id: &StakeholderId) -> Option<&Stakeholder> {
        self.stakeholders.iter().find(|s| &s.id == id)
    }

    /// Position of the stakeholder with this id in `stakeholders`.
    pub fn stakeholder_index(&self, id: &StakeholderId) -> Option<usize> {
        self.stakeholders.iter().position(|s| &s.id == id)
    }

    /// The relationship with this id.
    pub fn relationship(&self, id: &RelationshipId) -> Option<&Relationship> {
        self.relationships.iter().find(|r| &r.id == id)
    }

    /// Position of the relationship with this id in `relationships`.
    pub fn relationship_index(&self, id: &RelationshipId) -> Option<usize> {
        self.relationships.iter().position(|r| &r.id == id)
    }

    /// The team member with this id.
    pub fn team_member(&self, id: &TeamMemberId) -> Option<&TeamMember> {
        self.team.iter().find(|m| &m.id == id)
    }

    /// Position of the team member with this id in `team`.
    pub fn team_member_index(&self, id: &TeamMemberId) -> Option<usize> {
        self.team.iter().position(|m| &m.id == id)
    }

    /// How many stakeholders have each role, in `Role::ALL` order, zero counts included.
    pub fn role_counts(&self) -> Vec<(Role, usize)> {
        Role::ALL
            .iter()
            .map(|role| {
                let count = self.stakeholders.iter().filter(|s| s.role == *role).count();
                (*role, count)
            })
            .collect()
    }

    /// A stakeholder id not used yet, of the form `{prefix}{n}`.
    pub fn fresh_stakeholder_id(&self, prefix: &str) -> StakeholderId {
        let ids = self.stakeholders.iter().map(|s| s.id.as_str());
        StakeholderId::new(fresh_id(prefix, self.stakeholders.len() + 1, ids))
    }

    /// A relationship id not used yet, of the form `{prefix}{n}`.
    pub fn fresh_relationship_id(&self, prefix: &str) -> RelationshipId {
        let ids = self.relationships.iter().map(|r| r.id.as_str());
        RelationshipId::new(fresh_id(prefix, self.relationships.len() + 1, ids))
    }

    /// A team member id not used yet, of the form `{prefix}{n}`.
    pub fn fresh_team_member_id(&self, prefix: &str) -> TeamMemberId {
        let ids = self.team.iter().map(|m| m.id.as_str());
        TeamMemberId::new(fresh_id(prefix, self.team.len() + 1, ids))
    }
}

/// The first `{prefix}{n}` with n ≥ `start` that none of `ids` is. The ids are
/// put in a set once, so the search costs linear time however many of the
/// candidates are taken (at most all of them: one of the first `ids.len() + 1`
/// is free).
fn fresh_id<'a>(prefix: &str, start: usize, ids: impl Iterator<Item = &'a str>) -> String {
    let taken: HashSet<&str> = ids.collect();
    (start..)
        .map(|n| format!("{prefix}{n}"))
        .find(|candidate| !taken.contains(candidate.as_str()))
        .unwrap_or_else(|| prefix.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Stakeholder;

    #[test]
    fn fresh_ids_skip_every_id_in_use() {
        let mut doc = Document::default();
        // Ids p3, p4, p5 are taken; numbering starts after the count (3).
        for n in [3, 5, 4] {
            let id = StakeholderId::new(format!("p{n}"));
            doc.stakeholders.push(Stakeholder::new(id, "x".to_owned()));
        }
        assert_eq!(doc.fresh_stakeholder_id("p").as_str(), "p6");
        assert_eq!(doc.fresh_stakeholder_id("q").as_str(), "q4");
        assert_eq!(doc.fresh_relationship_id("r").as_str(), "r1");
        assert_eq!(doc.fresh_team_member_id("t").as_str(), "t1");
    }
}
