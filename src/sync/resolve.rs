//! Settling the merge conflicts a map holds: keep ours (the value already in the
//! map) or take theirs. Each choice is one edit command — the change and the
//! shorter conflict list together — so it is one undo step in the app.

use serde_json::Value;

use super::{CONFLICTS_FIELD, Conflict, conflicts_in};
use crate::edit::Command;
use crate::format::{from_value, to_value};
use crate::model::{Document, RelationshipId, StakeholderId, TeamMemberId};

/// What to keep for one conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// The value in the map (ours): only the conflict entry goes.
    Ours,
    /// Their value replaces ours.
    Theirs,
}

/// Why a conflict could not be settled that way.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ResolveError {
    /// No conflict with that number.
    #[error("there is no conflict number {0}")]
    NoSuchConflict(usize),
    /// The path does not name a place in this map.
    #[error("\"{0}\" does not name anything in this map")]
    BadPath(String),
    /// Their value would make the map invalid (for example a line to a person
    /// who is no longer there).
    #[error("{0}")]
    Invalid(String),
}

/// Where a conflict sits: the record it concerns, for showing it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// A person, by id.
    Person(StakeholderId),
    /// A line, by id.
    Line(RelationshipId),
    /// A team member, by id.
    Member(TeamMemberId),
    /// The account.
    Account,
    /// Anything else (plans, fields from newer builds, their whole map).
    Other,
}

/// One step of a conflict path.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Step {
    Field(String),
    Record(String),
}

/// `stakeholders[p-1].contact.email` → field, record, field, field. Ids may hold
/// dots; a record id ends at the `]` followed by a dot or by the end.
fn parse_path(path: &str) -> Option<Vec<Step>> {
    let mut steps = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('[') {
            let end = after.match_indices(']').map(|(i, _)| i).find(|&i| {
                after
                    .get(i + 1..)
                    .is_some_and(|r| r.is_empty() || r.starts_with('.') || r.starts_with('['))
            })?;
            steps.push(Step::Record(after.get(..end)?.to_owned()));
            rest = after.get(end + 1..)?;
        } else {
            let rest_field = rest.strip_prefix('.').unwrap_or(rest);
            let end = rest_field.find(['.', '[']).unwrap_or(rest_field.len());
            let field = rest_field.get(..end)?;
            if field.is_empty() {
                return None;
            }
            steps.push(Step::Field(field.to_owned()));
            rest = rest_field.get(end..)?;
        }
    }
    (!steps.is_empty()).then_some(steps)
}

/// The record a conflict concerns.
pub fn place_of(conflict: &Conflict) -> Place {
    match parse_path(&conflict.path).as_deref() {
        Some([Step::Field(list), Step::Record(id), ..]) => match list.as_str() {
            "stakeholders" => Place::Person(id.as_str().into()),
            "relationships" => Place::Line(id.as_str().into()),
            "team" => Place::Member(id.as_str().into()),
            _ => Place::Other,
        },
        Some([Step::Field(field), ..]) if field == "account" => Place::Account,
        _ => Place::Other,
    }
}

/// Sets (or removes, with `None`) the value at `steps` inside `value`.
fn set_at(value: &mut Value, steps: &[Step], new: Option<Value>) -> bool {
    let Some((last, parents)) = steps.split_last() else {
        return false;
    };
    let mut here = value;
    for step in parents {
        let next = match step {
            Step::Field(name) => here.get_mut(name.as_str()),
            Step::Record(id) => here.as_array_mut().and_then(|items| {
                items
                    .iter_mut()
                    .find(|r| r.get("id").and_then(Value::as_str) == Some(id.as_str()))
            }),
        };
        let Some(next) = next else {
            return false;
        };
        here = next;
    }
    match (last, new) {
        (Step::Field(name), Some(new)) => match here.as_object_mut() {
            Some(object) => {
                object.insert(name.clone(), new);
                true
            }
            None => false,
        },
        (Step::Field(name), None) => here
            .as_object_mut()
            .map(|o| o.shift_remove(name.as_str()))
            .is_some(),
        (Step::Record(id), new) => {
            let Some(items) = here.as_array_mut() else {
                return false;
            };
            let at = items
                .iter()
                .position(|r| r.get("id").and_then(Value::as_str) == Some(id.as_str()));
            match (at, new) {
                (Some(i), Some(new)) => items.get_mut(i).map(|slot| *slot = new).is_some(),
                (Some(i), None) => {
                    items.remove(i);
                    true
                }
                (None, Some(new)) => {
                    items.push(new);
                    true
                }
                (None, None) => true,
            }
        }
    }
}

/// The command that settles conflict number `index` of `doc` with `choice`.
pub fn resolve(doc: &Document, index: usize, choice: Choice) -> Result<Command, ResolveError> {
    let conflicts = conflicts_in(doc);
    let conflict = conflicts
        .get(index)
        .ok_or(ResolveError::NoSuchConflict(index))?;
    let remaining: Vec<Value> = conflicts
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != index)
        .map(|(_, c)| c.to_value())
        .collect();
    let shorter = Command::SetExtra {
        key: CONFLICTS_FIELD.to_owned(),
        value: (!remaining.is_empty()).then(|| Value::Array(remaining)),
    };
    if choice == Choice::Ours {
        return Ok(shorter);
    }
    let steps =
        parse_path(&conflict.path).ok_or_else(|| ResolveError::BadPath(conflict.path.clone()))?;
    // Taking their removal of a person or a team member removes what hangs on
    // them too (lines, approvals; ownerships), as removing them in the app does.
    if conflict.theirs.is_none()
        && let [Step::Field(list), Step::Record(id)] = steps.as_slice()
    {
        let removal = match list.as_str() {
            "stakeholders" => {
                let id = StakeholderId::from(id.as_str());
                doc.stakeholder(&id)
                    .is_some()
                    .then(|| Command::RemoveStakeholders(vec![id]))
            }
            "team" => {
                let id = TeamMemberId::from(id.as_str());
                doc.team_member(&id)
                    .is_some()
                    .then(|| Command::RemoveTeamMember(id))
            }
            _ => None,
        };
        if let Some(removal) = removal {
            return Ok(Command::Batch(vec![removal, shorter]));
        }
    }
    let mut value = to_value(doc);
    if !set_at(&mut value, &steps, conflict.theirs.clone()) {
        return Err(ResolveError::BadPath(conflict.path.clone()));
    }
    let taken = from_value(&value).map_err(|err| ResolveError::Invalid(err.to_string()))?;
    let mut commands = changes_between(doc, &taken, &steps);
    commands.push(shorter);
    Ok(Command::Batch(commands))
}

/// The edit commands that turn `doc` into `taken` where `steps` point.
fn changes_between(doc: &Document, taken: &Document, steps: &[Step]) -> Vec<Command> {
    let mut commands = Vec::new();
    match steps {
        [Step::Field(list), Step::Record(id), ..] if list == "stakeholders" => {
            let id = StakeholderId::from(id.as_str());
            match (doc.stakeholder(&id), taken.stakeholder(&id)) {
                (Some(_), Some(new)) => commands.push(Command::update_stakeholder(new.clone())),
                (None, Some(new)) => commands.push(Command::add_stakeholder(new.clone())),
                (Some(_), None) => commands.push(Command::RemoveStakeholders(vec![id])),
                (None, None) => {}
            }
        }
        [Step::Field(list), Step::Record(id), ..] if list == "relationships" => {
            let id = RelationshipId::from(id.as_str());
            match (doc.relationship(&id), taken.relationship(&id)) {
                (Some(_), Some(new)) => commands.push(Command::UpdateRelationship(new.clone())),
                (None, Some(new)) => commands.push(Command::AddRelationship {
                    relationship: new.clone(),
                    index: None,
                }),
                (Some(_), None) => commands.push(Command::RemoveRelationships(vec![id])),
                (None, None) => {}
            }
        }
        [Step::Field(list), Step::Record(id), ..] if list == "team" => {
            let id = TeamMemberId::from(id.as_str());
            match (doc.team_member(&id), taken.team_member(&id)) {
                (Some(_), Some(new)) => commands.push(Command::UpdateTeamMember(new.clone())),
                (None, Some(new)) => commands.push(Command::AddTeamMember {
                    member: new.clone(),
                    index: None,
                }),
                (Some(_), None) => commands.push(Command::RemoveTeamMember(id)),
                (None, None) => {}
            }
        }
        _ => {
            if doc.account != taken.account {
                commands.push(Command::update_account(taken.account.clone()));
            }
            let roles: std::collections::BTreeSet<_> =
                doc.plans.keys().chain(taken.plans.keys()).collect();
            for role in roles {
                let new = taken.plans.get(role);
                if doc.plans.get(role) != new {
                    commands.push(Command::SetPlan {
                        role: *role,
                        plan: new.cloned().map(Box::new),
                    });
                }
            }
            for (key, new) in &taken.extra {
                if key != CONFLICTS_FIELD && doc.extra.get(key) != Some(new) {
                    commands.push(Command::SetExtra {
                        key: key.clone(),
                        value: Some(new.clone()),
                    });
                }
            }
            for key in doc.extra.keys() {
                if key != CONFLICTS_FIELD && !taken.extra.contains_key(key) {
                    commands.push(Command::SetExtra {
                        key: key.clone(),
                        value: None,
                    });
                }
            }
        }
    }
    commands
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_split_into_fields_and_record_ids_even_with_dots_in_ids() {
        assert_eq!(
            parse_path("stakeholders[p.1].contact.email"),
            Some(vec![
                Step::Field("stakeholders".into()),
                Step::Record("p.1".into()),
                Step::Field("contact".into()),
                Step::Field("email".into()),
            ])
        );
        assert_eq!(
            parse_path("account.stage"),
            Some(vec![
                Step::Field("account".into()),
                Step::Field("stage".into())
            ])
        );
        assert_eq!(parse_path(""), None);
        assert_eq!(parse_path("stakeholders[p1"), None);
    }
}
