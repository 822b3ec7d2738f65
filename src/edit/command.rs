//! Every change to a document is one of these commands. The UI builds them; they are
//! applied in one place ([`super::Editor`]), which records how to undo each.

use crate::model::{
    Account, Plan, Position, Relationship, RelationshipId, Role, Stakeholder, StakeholderId,
    TeamMember, TeamMemberId,
};

/// One change to a document.
#[derive(Clone, Debug, PartialEq)]
#[must_use = "a command does nothing until it is applied"]
pub enum Command {
    /// Adds a person at `index` in the list (`None` appends).
    AddStakeholder {
        /// The new person; the id must be unused.
        stakeholder: Box<Stakeholder>,
        /// Where in the list; `None` appends.
        index: Option<usize>,
    },
    /// Replaces the person with the same id.
    UpdateStakeholder(Box<Stakeholder>),
    /// Removes people and every relationship that touches them.
    RemoveStakeholders(Vec<StakeholderId>),
    /// Sets the canvas positions of people (`None` un-places them).
    MoveStakeholders(Vec<(StakeholderId, Option<Position>)>),
    /// Adds a relationship at `index` (`None` appends).
    AddRelationship {
        /// The new line; the id must be unused and both ends must exist.
        relationship: Relationship,
        /// Where in the list; `None` appends.
        index: Option<usize>,
    },
    /// Replaces the relationship with the same id.
    UpdateRelationship(Relationship),
    /// Removes relationships.
    RemoveRelationships(Vec<RelationshipId>),
    /// Replaces the account fields.
    UpdateAccount(Box<Account>),
    /// Adds a member of our team at `index` (`None` appends).
    AddTeamMember {
        /// The new member; the id must be unused.
        member: TeamMember,
        /// Where in the list; `None` appends.
        index: Option<usize>,
    },
    /// Replaces the team member with the same id.
    UpdateTeamMember(TeamMember),
    /// Removes a team member; people they owned get no owner.
    RemoveTeamMember(TeamMemberId),
    /// Sets the team's plan for a role; `None` goes back to the built-in playbook.
    SetPlan {
        /// Whose plan (not `Role::Unknown`).
        role: Role,
        /// The plan, or `None` for the playbook's.
        plan: Option<Box<Plan>>,
    },
    /// Sets (or with `None` removes) a top-level field the model keeps as it is
    /// written, such as the `conflicts` a merge left.
    SetExtra {
        /// The field's name; not one of the fields the model knows.
        key: String,
        /// The new value, or `None` to remove the field.
        value: Option<serde_json::Value>,
    },
    /// Several commands as one undo step, applied in order.
    Batch(Vec<Command>),
}

impl Command {
    /// How many people and lines this touches (a batch counts its parts, nested
    /// ones included): a measure of how long applying it takes.
    pub fn size(&self) -> usize {
        match self {
            Self::Batch(commands) => commands.iter().map(Self::size).sum::<usize>().max(1),
            Self::RemoveStakeholders(ids) => ids.len().max(1),
            Self::MoveStakeholders(moves) => moves.len().max(1),
            Self::RemoveRelationships(ids) => ids.len().max(1),
            _ => 1,
        }
    }

    /// Adds a person at the end of the list.
    pub fn add_stakeholder(stakeholder: Stakeholder) -> Self {
        Self::AddStakeholder {
            stakeholder: Box::new(stakeholder),
            index: None,
        }
    }

    /// Replaces a person.
    pub fn update_stakeholder(stakeholder: Stakeholder) -> Self {
        Self::UpdateStakeholder(Box::new(stakeholder))
    }

    /// Adds a relationship at the end of the list.
    pub fn add_relationship(relationship: Relationship) -> Self {
        Self::AddRelationship {
            relationship,
            index: None,
        }
    }

    /// Replaces the account fields.
    pub fn update_account(account: Account) -> Self {
        Self::UpdateAccount(Box::new(account))
    }

    /// Adds a team member at the end of the list.
    pub fn add_team_member(member: TeamMember) -> Self {
        Self::AddTeamMember {
            member,
            index: None,
        }
    }
}
