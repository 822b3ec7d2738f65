//! Applies one command to a document and returns the command that undoes it. A
//! refused command leaves the document exactly as it was.

use std::collections::{HashMap, HashSet};

use super::{Command, EditError};
use crate::model::limits::MAX_STAKEHOLDERS;
use crate::model::{
    Account, Document, Plan, Position, Relationship, RelationshipId, RelationshipKind, Role,
    Stakeholder, StakeholderId, TeamMember, TeamMemberId, account_problems, plan_problems,
    relationship_problems, stakeholder_problems, team_member_problems,
};

/// Applies `command` to `doc`. On success returns the inverse command: applying it
/// restores the document exactly, order of lists included.
pub fn apply(doc: &mut Document, command: Command) -> Result<Command, EditError> {
    match command {
        Command::AddStakeholder { stakeholder, index } => add_stakeholder(doc, *stakeholder, index),
        Command::UpdateStakeholder(stakeholder) => update_stakeholder(doc, *stakeholder),
        Command::RemoveStakeholders(ids) => remove_stakeholders(doc, &ids),
        Command::MoveStakeholders(moves) => move_stakeholders(doc, moves),
        Command::AddRelationship {
            relationship,
            index,
        } => add_relationship(doc, relationship, index),
        Command::UpdateRelationship(relationship) => update_relationship(doc, relationship),
        Command::RemoveRelationships(ids) => remove_relationships(doc, &ids),
        Command::UpdateAccount(account) => update_account(doc, *account),
        Command::AddTeamMember { member, index } => add_team_member(doc, member, index),
        Command::UpdateTeamMember(member) => update_team_member(doc, member),
        Command::RemoveTeamMember(id) => remove_team_member(doc, &id),
        Command::SetPlan { role, plan } => set_plan(doc, role, plan),
        Command::SetExtra { key, value } => set_extra(doc, key, value),
        Command::Batch(commands) => apply_batch(doc, commands),
    }
}

fn set_extra(
    doc: &mut Document,
    key: String,
    value: Option<serde_json::Value>,
) -> Result<Command, EditError> {
    // Fields the model reads itself are never set this way.
    if crate::format::fields::TOP.contains(&key.as_str()) {
        return Err(EditError::Invalid(vec![crate::model::Problem::new(
            crate::model::Subject::File,
            key,
            "this field is part of the map, not an extra field",
        )]));
    }
    let previous = match value {
        Some(value) => doc.extra.insert(key.clone(), value),
        None => doc.extra.shift_remove(&key),
    };
    Ok(Command::SetExtra {
        key,
        value: previous,
    })
}

fn invalid_if_any(problems: Vec<crate::model::Problem>) -> Result<(), EditError> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(EditError::Invalid(problems))
    }
}

fn check_owner(doc: &Document, person: &Stakeholder) -> Result<(), EditError> {
    match &person.owner {
        Some(owner) if doc.team_member(owner).is_none() => {
            Err(EditError::NoSuchTeamMember(owner.to_string()))
        }
        _ => Ok(()),
    }
}

fn add_stakeholder(
    doc: &mut Document,
    person: Stakeholder,
    index: Option<usize>,
) -> Result<Command, EditError> {
    if doc.stakeholders.len() >= MAX_STAKEHOLDERS {
        return Err(EditError::TooManyStakeholders(MAX_STAKEHOLDERS));
    }
    let index = index.unwrap_or(doc.stakeholders.len());
    invalid_if_any(stakeholder_problems(&person, index))?;
    if doc.stakeholder(&person.id).is_some() {
        return Err(EditError::DuplicateId(person.id.to_string()));
    }
    check_owner(doc, &person)?;
    let id = person.id.clone();
    doc.stakeholders
        .insert(index.min(doc.stakeholders.len()), person);
    Ok(Command::RemoveStakeholders(vec![id]))
}

fn update_stakeholder(doc: &mut Document, person: Stakeholder) -> Result<Command, EditError> {
    let index = doc
        .stakeholder_index(&person.id)
        .ok_or_else(|| EditError::NoSuchStakeholder(person.id.to_string()))?;
    invalid_if_any(stakeholder_problems(&person, index))?;
    check_owner(doc, &person)?;
    let slot = doc
        .stakeholders
        .get_mut(index)
        .ok_or_else(|| EditError::NoSuchStakeholder(person.id.to_string()))?;
    let previous = std::mem::replace(slot, person);
    Ok(Command::update_stakeholder(previous))
}

fn remove_stakeholders(doc: &mut Document, ids: &[StakeholderId]) -> Result<Command, EditError> {
    let wanted: HashSet<&StakeholderId> = ids.iter().collect();
    let found = doc
        .stakeholders
        .iter()
        .filter(|s| wanted.contains(&s.id))
        .count();
    if found != wanted.len() {
        let missing = ids
            .iter()
            .find(|id| doc.stakeholder(id).is_none())
            .map(ToString::to_string)
            .unwrap_or_default();
        return Err(EditError::NoSuchStakeholder(missing));
    }
    // Undo re-inserts at the original indices in ascending order, people first so
    // that the lines find their ends.
    let mut restore = Vec::new();
    let mut kept = Vec::with_capacity(doc.stakeholders.len());
    for (index, person) in std::mem::take(&mut doc.stakeholders)
        .into_iter()
        .enumerate()
    {
        if wanted.contains(&person.id) {
            restore.push(Command::AddStakeholder {
                stakeholder: Box::new(person),
                index: Some(index),
            });
        } else {
            kept.push(person);
        }
    }
    doc.stakeholders = kept;
    let mut kept_lines = Vec::with_capacity(doc.relationships.len());
    for (index, line) in std::mem::take(&mut doc.relationships)
        .into_iter()
        .enumerate()
    {
        if wanted.contains(&line.from) || wanted.contains(&line.to) {
            restore.push(Command::AddRelationship {
                relationship: line,
                index: Some(index),
            });
        } else {
            kept_lines.push(line);
        }
    }
    doc.relationships = kept_lines;
    // Removed people no longer approve steps of the decision process; undo puts
    // the account back after the people it names.
    if doc
        .account
        .decision_process
        .iter()
        .any(|step| step.approvers.iter().any(|id| wanted.contains(id)))
    {
        let previous = doc.account.clone();
        for step in &mut doc.account.decision_process {
            step.approvers.retain(|id| !wanted.contains(id));
        }
        restore.push(Command::update_account(previous));
    }
    Ok(Command::Batch(restore))
}

fn move_stakeholders(
    doc: &mut Document,
    moves: Vec<(StakeholderId, Option<Position>)>,
) -> Result<Command, EditError> {
    // Moving a few people (a drag) looks them up one by one: hashing every id of a
    // large map on each move would cost more than the move. Many go through a map.
    const FEW: usize = 8;
    let index_of: Option<HashMap<&StakeholderId, usize>> = (moves.len() > FEW).then(|| {
        doc.stakeholders
            .iter()
            .enumerate()
            .map(|(i, s)| (&s.id, i))
            .collect()
    });
    let mut targets = Vec::with_capacity(moves.len());
    for (id, position) in &moves {
        let found = match &index_of {
            Some(index_of) => index_of.get(id).copied(),
            None => doc.stakeholder_index(id),
        };
        let index = found.ok_or_else(|| EditError::NoSuchStakeholder(id.to_string()))?;
        if position.is_some_and(|p| !crate::model::position_in_range(p)) {
            return Err(EditError::Invalid(vec![crate::model::Problem::new(
                crate::model::Subject::Stakeholder {
                    index,
                    id: id.to_string(),
                },
                "position",
                format!(
                    "coordinates must be numbers between -{0} and {0}",
                    crate::model::limits::MAX_COORDINATE
                ),
            )]));
        }
        targets.push(index);
    }
    let mut previous = Vec::with_capacity(moves.len());
    for ((id, position), index) in moves.into_iter().zip(targets) {
        if let Some(person) = doc.stakeholders.get_mut(index) {
            previous.push((id, std::mem::replace(&mut person.position, position)));
        }
    }
    // Undone last to first, so a person moved twice ends where they started.
    previous.reverse();
    Ok(Command::MoveStakeholders(previous))
}

/// Refuses a line whose ends are missing or equal, or a reporting line that would
/// close a cycle. `replacing` is the id of the line being updated, ignored in the
/// cycle check.
fn check_line(
    doc: &Document,
    line: &Relationship,
    index: usize,
    replacing: Option<&RelationshipId>,
) -> Result<(), EditError> {
    if line.from == line.to {
        return Err(EditError::SelfLoop);
    }
    invalid_if_any(relationship_problems(line, index))?;
    for end in [&line.from, &line.to] {
        if doc.stakeholder(end).is_none() {
            return Err(EditError::NoSuchStakeholder(end.to_string()));
        }
    }
    if line.kind == RelationshipKind::ReportsTo
        && reaches_by_reporting(doc, &line.to, &line.from, replacing)
    {
        return Err(EditError::ReportingCycle {
            from: line.from.to_string(),
            to: line.to.to_string(),
        });
    }
    Ok(())
}

/// Whether `target` is reached from `start` by following `reports_to` lines upward.
fn reaches_by_reporting(
    doc: &Document,
    start: &StakeholderId,
    target: &StakeholderId,
    ignoring: Option<&RelationshipId>,
) -> bool {
    let mut managers: HashMap<&str, Vec<&str>> = HashMap::new();
    for line in &doc.relationships {
        if line.kind == RelationshipKind::ReportsTo && Some(&line.id) != ignoring {
            managers
                .entry(line.from.as_str())
                .or_default()
                .push(line.to.as_str());
        }
    }
    reaches(&managers, start.as_str(), target.as_str())
}

fn add_relationship(
    doc: &mut Document,
    line: Relationship,
    index: Option<usize>,
) -> Result<Command, EditError> {
    let index = index.unwrap_or(doc.relationships.len());
    check_line(doc, &line, index, None)?;
    if doc.relationship(&line.id).is_some() {
        return Err(EditError::DuplicateId(line.id.to_string()));
    }
    let id = line.id.clone();
    doc.relationships
        .insert(index.min(doc.relationships.len()), line);
    Ok(Command::RemoveRelationships(vec![id]))
}

fn update_relationship(doc: &mut Document, line: Relationship) -> Result<Command, EditError> {
    let index = doc
        .relationship_index(&line.id)
        .ok_or_else(|| EditError::NoSuchRelationship(line.id.to_string()))?;
    check_line(doc, &line, index, Some(&line.id))?;
    let slot = doc
        .relationships
        .get_mut(index)
        .ok_or_else(|| EditError::NoSuchRelationship(line.id.to_string()))?;
    let previous = std::mem::replace(slot, line);
    Ok(Command::UpdateRelationship(previous))
}

fn remove_relationships(doc: &mut Document, ids: &[RelationshipId]) -> Result<Command, EditError> {
    let wanted: HashSet<&RelationshipId> = ids.iter().collect();
    let existing: HashSet<&RelationshipId> = doc.relationships.iter().map(|r| &r.id).collect();
    if let Some(missing) = ids.iter().find(|id| !existing.contains(id)) {
        return Err(EditError::NoSuchRelationship(missing.to_string()));
    }
    let mut restore = Vec::new();
    let mut kept = Vec::with_capacity(doc.relationships.len());
    for (index, line) in std::mem::take(&mut doc.relationships)
        .into_iter()
        .enumerate()
    {
        if wanted.contains(&line.id) {
            restore.push(Command::AddRelationship {
                relationship: line,
                index: Some(index),
            });
        } else {
            kept.push(line);
        }
    }
    doc.relationships = kept;
    Ok(Command::Batch(restore))
}

fn update_account(doc: &mut Document, account: Account) -> Result<Command, EditError> {
    invalid_if_any(account_problems(&account))?;
    let people: HashSet<&StakeholderId> = doc.stakeholders.iter().map(|s| &s.id).collect();
    if let Some(missing) = account
        .decision_process
        .iter()
        .flat_map(|step| &step.approvers)
        .find(|id| !people.contains(id))
    {
        return Err(EditError::NoSuchStakeholder(missing.to_string()));
    }
    let previous = std::mem::replace(&mut doc.account, account);
    Ok(Command::update_account(previous))
}

fn add_team_member(
    doc: &mut Document,
    member: TeamMember,
    index: Option<usize>,
) -> Result<Command, EditError> {
    let index = index.unwrap_or(doc.team.len());
    invalid_if_any(team_member_problems(&member, index))?;
    if doc.team_member(&member.id).is_some() {
        return Err(EditError::DuplicateId(member.id.to_string()));
    }
    let id = member.id.clone();
    doc.team.insert(index.min(doc.team.len()), member);
    Ok(Command::RemoveTeamMember(id))
}

fn update_team_member(doc: &mut Document, member: TeamMember) -> Result<Command, EditError> {
    let index = doc
        .team_member_index(&member.id)
        .ok_or_else(|| EditError::NoSuchTeamMember(member.id.to_string()))?;
    invalid_if_any(team_member_problems(&member, index))?;
    let slot = doc
        .team
        .get_mut(index)
        .ok_or_else(|| EditError::NoSuchTeamMember(member.id.to_string()))?;
    let previous = std::mem::replace(slot, member);
    Ok(Command::UpdateTeamMember(previous))
}

fn remove_team_member(doc: &mut Document, id: &TeamMemberId) -> Result<Command, EditError> {
    let index = doc
        .team_member_index(id)
        .ok_or_else(|| EditError::NoSuchTeamMember(id.to_string()))?;
    let member = doc.team.remove(index);
    // Undo brings the member back first, then their ownerships.
    let mut restore = vec![Command::AddTeamMember {
        member,
        index: Some(index),
    }];
    for person in &mut doc.stakeholders {
        if person.owner.as_ref() == Some(id) {
            restore.push(Command::update_stakeholder(person.clone()));
            person.owner = None;
        }
    }
    for (role, plan) in &mut doc.plans {
        if plan.lead.as_ref() == Some(id) {
            restore.push(Command::SetPlan {
                role: *role,
                plan: Some(Box::new(plan.clone())),
            });
            plan.lead = None;
        }
    }
    Ok(Command::Batch(restore))
}

fn set_plan(doc: &mut Document, role: Role, plan: Option<Box<Plan>>) -> Result<Command, EditError> {
    if role == Role::Unknown {
        return Err(EditError::Invalid(vec![crate::model::Problem::new(
            crate::model::Subject::Plan {
                role: role.as_str().to_owned(),
            },
            "",
            "there is no plan for the unknown role",
        )]));
    }
    let previous = match plan {
        Some(plan) => {
            invalid_if_any(plan_problems(role, &plan))?;
            if let Some(lead) = &plan.lead
                && doc.team_member(lead).is_none()
            {
                return Err(EditError::NoSuchTeamMember(lead.to_string()));
            }
            doc.plans.insert(role, *plan)
        }
        None => doc.plans.remove(&role),
    };
    Ok(Command::SetPlan {
        role,
        plan: previous.map(Box::new),
    })
}

fn apply_batch(doc: &mut Document, commands: Vec<Command>) -> Result<Command, EditError> {
    let mut inverses = Vec::with_capacity(commands.len());
    let mut commands = commands.into_iter().peekable();
    while let Some(command) = commands.next() {
        // Long runs of the same kind (an import, the undo of one) are applied in bulk:
        // one index for the whole run instead of a scan of the map per command.
        let result = match command {
            Command::AddStakeholder { stakeholder, index }
                if matches!(commands.peek(), Some(Command::AddStakeholder { .. })) =>
            {
                let mut run = vec![(*stakeholder, index)];
                while let Some(Command::AddStakeholder { .. }) = commands.peek() {
                    if let Some(Command::AddStakeholder { stakeholder, index }) = commands.next() {
                        run.push((*stakeholder, index));
                    }
                }
                add_stakeholders_run(doc, run)
            }
            Command::AddRelationship {
                relationship,
                index,
            } if matches!(commands.peek(), Some(Command::AddRelationship { .. })) => {
                let mut run = vec![(relationship, index)];
                while let Some(Command::AddRelationship { .. }) = commands.peek() {
                    if let Some(Command::AddRelationship {
                        relationship,
                        index,
                    }) = commands.next()
                    {
                        run.push((relationship, index));
                    }
                }
                add_relationships_run(doc, run)
            }
            Command::UpdateStakeholder(person)
                if matches!(commands.peek(), Some(Command::UpdateStakeholder(_))) =>
            {
                let mut run = vec![*person];
                while let Some(Command::UpdateStakeholder(_)) = commands.peek() {
                    if let Some(Command::UpdateStakeholder(person)) = commands.next() {
                        run.push(*person);
                    }
                }
                update_stakeholders_run(doc, run)
            }
            other => apply(doc, other),
        };
        match result {
            Ok(inverse) => inverses.push(inverse),
            Err(err) => {
                // Roll back what was applied so the batch is all or nothing.
                for inverse in inverses.into_iter().rev() {
                    let _ = apply(doc, inverse);
                }
                return Err(err);
            }
        }
    }
    inverses.reverse();
    Ok(Command::Batch(inverses))
}

/// Adds several people, checked against one index of ids; all or nothing.
fn add_stakeholders_run(
    doc: &mut Document,
    run: Vec<(Stakeholder, Option<usize>)>,
) -> Result<Command, EditError> {
    if doc.stakeholders.len() + run.len() > MAX_STAKEHOLDERS {
        return Err(EditError::TooManyStakeholders(MAX_STAKEHOLDERS));
    }
    let team: HashSet<&str> = doc.team.iter().map(|m| m.id.as_str()).collect();
    let mut ids: HashSet<String> = doc.stakeholders.iter().map(|s| s.id.to_string()).collect();
    for (offset, (person, index)) in run.iter().enumerate() {
        let at = index.unwrap_or(doc.stakeholders.len() + offset);
        invalid_if_any(stakeholder_problems(person, at))?;
        if !ids.insert(person.id.to_string()) {
            return Err(EditError::DuplicateId(person.id.to_string()));
        }
        if let Some(owner) = &person.owner
            && !team.contains(owner.as_str())
        {
            return Err(EditError::NoSuchTeamMember(owner.to_string()));
        }
    }
    let mut added = Vec::with_capacity(run.len());
    for (person, index) in run {
        added.push(person.id.clone());
        let at = index
            .unwrap_or(doc.stakeholders.len())
            .min(doc.stakeholders.len());
        doc.stakeholders.insert(at, person);
    }
    Ok(Command::RemoveStakeholders(added))
}

/// Adds several lines, checked against one index of people, ids and reporting lines;
/// all or nothing.
fn add_relationships_run(
    doc: &mut Document,
    run: Vec<(Relationship, Option<usize>)>,
) -> Result<Command, EditError> {
    let people: HashMap<&str, usize> = doc
        .stakeholders
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let mut ids: HashSet<&str> = doc.relationships.iter().map(|r| r.id.as_str()).collect();
    let first_cycle = first_reporting_cycle(doc, &people, &run);
    for (offset, (line, index)) in run.iter().enumerate() {
        if line.from == line.to {
            return Err(EditError::SelfLoop);
        }
        invalid_if_any(relationship_problems(
            line,
            index.unwrap_or(doc.relationships.len() + offset),
        ))?;
        for end in [&line.from, &line.to] {
            if !people.contains_key(end.as_str()) {
                return Err(EditError::NoSuchStakeholder(end.to_string()));
            }
        }
        if !ids.insert(line.id.as_str()) {
            return Err(EditError::DuplicateId(line.id.to_string()));
        }
        if first_cycle == Some(offset) {
            return Err(EditError::ReportingCycle {
                from: line.from.to_string(),
                to: line.to.to_string(),
            });
        }
    }
    let mut added = Vec::with_capacity(run.len());
    for (line, index) in run {
        added.push(line.id.clone());
        let at = index
            .unwrap_or(doc.relationships.len())
            .min(doc.relationships.len());
        doc.relationships.insert(at, line);
    }
    Ok(Command::RemoveRelationships(added))
}

/// The place in `run` of the first reporting line that would close a cycle with
/// the map's reporting lines and those before it in `run`. Linear time however
/// long the chains (a quadratic search here made importing a 10,000-level chain
/// take seconds).
fn first_reporting_cycle(
    doc: &Document,
    people: &HashMap<&str, usize>,
    run: &[(Relationship, Option<usize>)],
) -> Option<usize> {
    let ends = |line: &Relationship| {
        let from = people.get(line.from.as_str())?;
        let to = people.get(line.to.as_str())?;
        Some((*from, *to))
    };
    let fixed: Vec<(usize, usize)> = doc
        .relationships
        .iter()
        .filter(|l| l.kind == RelationshipKind::ReportsTo)
        .filter_map(ends)
        .collect();
    let (places, added): (Vec<usize>, Vec<(usize, usize)>) = run
        .iter()
        .enumerate()
        .filter(|(_, (line, _))| line.kind == RelationshipKind::ReportsTo)
        .filter_map(|(place, (line, _))| Some((place, ends(line)?)))
        .unzip();
    let keep = crate::model::reporting::acyclic_additions(doc.stakeholders.len(), &fixed, &added);
    keep.iter()
        .position(|kept| !kept)
        .and_then(|i| places.get(i).copied())
}

/// Whether `target` is reached from `start` by following `managers` upward.
fn reaches(managers: &HashMap<&str, Vec<&str>>, start: &str, target: &str) -> bool {
    let mut seen = HashSet::from([start]);
    let mut queue = vec![start];
    while let Some(person) = queue.pop() {
        if person == target {
            return true;
        }
        for manager in managers.get(person).into_iter().flatten() {
            if seen.insert(manager) {
                queue.push(manager);
            }
        }
    }
    false
}

/// Replaces several people, found through one index; all or nothing.
fn update_stakeholders_run(
    doc: &mut Document,
    run: Vec<Stakeholder>,
) -> Result<Command, EditError> {
    let index: HashMap<String, usize> = doc
        .stakeholders
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.to_string(), i))
        .collect();
    let team: HashSet<&str> = doc.team.iter().map(|m| m.id.as_str()).collect();
    let mut slots = Vec::with_capacity(run.len());
    for person in &run {
        let at = *index
            .get(person.id.as_str())
            .ok_or_else(|| EditError::NoSuchStakeholder(person.id.to_string()))?;
        invalid_if_any(stakeholder_problems(person, at))?;
        if let Some(owner) = &person.owner
            && !team.contains(owner.as_str())
        {
            return Err(EditError::NoSuchTeamMember(owner.to_string()));
        }
        slots.push(at);
    }
    let mut previous = Vec::with_capacity(run.len());
    for (person, at) in run.into_iter().zip(slots) {
        if let Some(slot) = doc.stakeholders.get_mut(at) {
            previous.push(Command::update_stakeholder(std::mem::replace(slot, person)));
        }
    }
    // Undone last to first, so a person updated twice ends as they started.
    previous.reverse();
    Ok(Command::Batch(previous))
}
