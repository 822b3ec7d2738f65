//! What an edit changed on the canvas, told by the app so the canvas updates just
//! those people and lines instead of comparing the whole map (an edit on a
//! 100,000-person map then costs what it touches).

use crate::edit::Command;
use crate::model::{RelationshipId, StakeholderId};

/// The people and lines one edit changed in place (none added, removed or
/// reordered). Commands that add or remove have no hint: the canvas compares all.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EditHint {
    /// People whose fields or position changed.
    pub people: Vec<StakeholderId>,
    /// Lines whose fields changed.
    pub lines: Vec<RelationshipId>,
}

impl EditHint {
    /// The hint for `command`, or `None` when it adds, removes or reorders.
    pub fn of(command: &Command) -> Option<Self> {
        let mut hint = Self::default();
        hint.add(command).then_some(hint)
    }

    fn add(&mut self, command: &Command) -> bool {
        match command {
            Command::UpdateStakeholder(person) => self.people.push(person.id.clone()),
            Command::MoveStakeholders(moves) => {
                self.people.extend(moves.iter().map(|(id, _)| id.clone()));
            }
            Command::UpdateRelationship(line) => self.lines.push(line.id.clone()),
            // Nothing the canvas draws.
            Command::UpdateAccount(_)
            | Command::AddTeamMember { .. }
            | Command::UpdateTeamMember(_)
            | Command::RemoveTeamMember(_)
            | Command::SetPlan { .. }
            | Command::SetExtra { .. } => {}
            Command::Batch(commands) => return commands.iter().all(|c| self.add(c)),
            Command::AddStakeholder { .. }
            | Command::RemoveStakeholders(_)
            | Command::AddRelationship { .. }
            | Command::RemoveRelationships(_) => return false,
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Position, Relationship, RelationshipKind, Stakeholder};

    #[test]
    fn moves_and_updates_name_what_they_touch_and_additions_have_no_hint() {
        let person = Stakeholder::new("p1", "Ann");
        let line = Relationship::new("r1", "p1", "p2", RelationshipKind::Ally);
        let batch = Command::Batch(vec![
            Command::update_stakeholder(person.clone()),
            Command::MoveStakeholders(vec![("p2".into(), Some(Position::new(1.0, 2.0)))]),
            Command::UpdateRelationship(line.clone()),
        ]);
        assert_eq!(
            EditHint::of(&batch),
            Some(EditHint {
                people: vec!["p1".into(), "p2".into()],
                lines: vec!["r1".into()],
            })
        );
        assert_eq!(EditHint::of(&Command::add_stakeholder(person)), None);
        let mixed = Command::Batch(vec![
            Command::UpdateRelationship(line.clone()),
            Command::RemoveRelationships(vec![line.id]),
        ]);
        assert_eq!(EditHint::of(&mixed), None);
    }
}
