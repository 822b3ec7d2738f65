//! What an undo step is called, so menus can say "Undo: edit 张伟".

use super::Command;
use crate::model::{Document, StakeholderId};

/// The kind of change an undo step made; the UI turns it into words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditKind {
    /// A person was added.
    AddStakeholder,
    /// The fields of one person, or of `count` people at once, changed.
    EditStakeholder,
    /// People were removed (with their lines).
    RemoveStakeholders,
    /// People were moved on the canvas.
    MoveStakeholders,
    /// A line was added.
    AddRelationship,
    /// A line changed.
    EditRelationship,
    /// Lines were removed.
    RemoveRelationships,
    /// The account changed.
    EditAccount,
    /// A team member was added.
    AddTeamMember,
    /// A team member changed.
    EditTeamMember,
    /// A team member was removed.
    RemoveTeamMember,
    /// A communication plan changed.
    EditPlan,
    /// Contacts were imported from a file (the subject is its name).
    Import,
    /// A merge conflict was settled (the subject is where).
    ResolveConflict,
    /// Several changes made as one step.
    Batch,
}

/// A description of one undo step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditLabel {
    /// What kind of change.
    pub kind: EditKind,
    /// The name of the person, line or member concerned; empty when several.
    pub subject: String,
    /// How many things were concerned.
    pub count: usize,
}

impl EditLabel {
    /// Describes `command` as applied to `doc` (the document before or after it).
    pub fn describe(command: &Command, doc: &Document) -> Self {
        let person_name = |id: &StakeholderId| {
            doc.stakeholder(id)
                .map(|s| s.name.clone())
                .unwrap_or_default()
        };
        let line_name = |from: &StakeholderId, to: &StakeholderId| {
            format!("{} → {}", person_name(from), person_name(to))
        };
        let (kind, subject, count) = match command {
            Command::AddStakeholder { stakeholder, .. } => {
                (EditKind::AddStakeholder, stakeholder.name.clone(), 1)
            }
            Command::UpdateStakeholder(person) => {
                (EditKind::EditStakeholder, person.name.clone(), 1)
            }
            Command::RemoveStakeholders(ids) => (
                EditKind::RemoveStakeholders,
                single(ids, |id| person_name(id)),
                ids.len(),
            ),
            Command::MoveStakeholders(moves) => (
                EditKind::MoveStakeholders,
                single(moves, |(id, _)| person_name(id)),
                moves.len(),
            ),
            Command::AddRelationship { relationship, .. } => (
                EditKind::AddRelationship,
                line_name(&relationship.from, &relationship.to),
                1,
            ),
            Command::UpdateRelationship(line) => (
                EditKind::EditRelationship,
                line_name(&line.from, &line.to),
                1,
            ),
            Command::RemoveRelationships(ids) => (
                EditKind::RemoveRelationships,
                single(ids, |id| {
                    doc.relationship(id)
                        .map(|l| line_name(&l.from, &l.to))
                        .unwrap_or_default()
                }),
                ids.len(),
            ),
            Command::UpdateAccount(account) => (EditKind::EditAccount, account.name.clone(), 1),
            Command::AddTeamMember { member, .. } => {
                (EditKind::AddTeamMember, member.name.clone(), 1)
            }
            Command::UpdateTeamMember(member) => (EditKind::EditTeamMember, member.name.clone(), 1),
            Command::RemoveTeamMember(id) => (
                EditKind::RemoveTeamMember,
                doc.team_member(id)
                    .map(|m| m.name.clone())
                    .unwrap_or_default(),
                1,
            ),
            Command::SetPlan { role, .. } => (EditKind::EditPlan, role.as_str().to_owned(), 1),
            // The same change to several people at once (the multi-selection editor).
            Command::Batch(commands)
                if !commands.is_empty()
                    && commands
                        .iter()
                        .all(|c| matches!(c, Command::UpdateStakeholder(_))) =>
            {
                let subject = match commands.as_slice() {
                    [Command::UpdateStakeholder(person)] => person.name.clone(),
                    _ => String::new(),
                };
                (EditKind::EditStakeholder, subject, commands.len())
            }
            // A competitor renamed, with the people who favour it (the account panel).
            Command::Batch(commands)
                if matches!(commands.first(), Some(Command::UpdateAccount(_)))
                    && commands
                        .iter()
                        .skip(1)
                        .all(|c| matches!(c, Command::UpdateStakeholder(_))) =>
            {
                let name = match commands.first() {
                    Some(Command::UpdateAccount(account)) => account.name.clone(),
                    _ => String::new(),
                };
                (EditKind::EditAccount, name, 1)
            }
            Command::SetExtra { key, .. } if key == crate::sync::CONFLICTS_FIELD => {
                (EditKind::ResolveConflict, String::new(), 1)
            }
            Command::SetExtra { key, .. } => (EditKind::Batch, key.clone(), 1),
            // Settling a merge conflict: the change, then the shorter conflict list.
            Command::Batch(commands)
                if matches!(
                    commands.last(),
                    Some(Command::SetExtra { key, .. }) if key == crate::sync::CONFLICTS_FIELD
                ) =>
            {
                (EditKind::ResolveConflict, String::new(), 1)
            }
            Command::Batch(commands) => (EditKind::Batch, String::new(), commands.len()),
        };
        Self {
            kind,
            subject,
            count,
        }
    }
}

/// The name of the only item, or empty when there are several.
fn single<T>(items: &[T], name: impl Fn(&T) -> String) -> String {
    match items {
        [only] => name(only),
        _ => String::new(),
    }
}
