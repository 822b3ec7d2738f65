//! Checks that a document is consistent: unique ids, references that resolve, no
//! self-loops, no cycle of `reports_to`, values in range.

use std::collections::{HashMap, HashSet};

use super::limits::{MAX_COORDINATE, MAX_INTERACTIONS, MAX_STAKEHOLDERS, MAX_STRING_BYTES};
use super::{
    Account, Document, Problem, Relationship, RelationshipKind, Role, Stakeholder, Subject,
    TeamMember,
};

/// Every problem in the document, in document order. Empty when the map is valid.
pub fn validate(doc: &Document) -> Vec<Problem> {
    let mut problems = account_problems(&doc.account);

    let mut team_ids = HashSet::new();
    for (index, member) in doc.team.iter().enumerate() {
        problems.extend(team_member_problems(member, index));
        if !member.id.as_str().is_empty() && !team_ids.insert(member.id.as_str()) {
            problems.push(duplicate(team_subject(member, index)));
        }
    }

    if doc.stakeholders.len() > MAX_STAKEHOLDERS {
        problems.push(Problem::new(
            Subject::File,
            "stakeholders",
            format!("more than the limit of {MAX_STAKEHOLDERS} stakeholders"),
        ));
    }
    let mut stakeholder_ids = HashSet::new();
    for (index, person) in doc.stakeholders.iter().enumerate() {
        problems.extend(stakeholder_problems(person, index));
        if !person.id.as_str().is_empty() && !stakeholder_ids.insert(person.id.as_str()) {
            problems.push(duplicate(stakeholder_subject(person, index)));
        }
        for (i, entry) in person.interactions.iter().enumerate() {
            if let Some(by) = &entry.by
                && !team_ids.contains(by.as_str())
            {
                problems.push(Problem::new(
                    stakeholder_subject(person, index),
                    format!("interactions[{i}].by"),
                    format!(
                        "no team member has the id \"{}\"",
                        by.as_str().escape_debug()
                    ),
                ));
            }
        }
        if let Some(owner) = &person.owner
            && !team_ids.contains(owner.as_str())
        {
            problems.push(Problem::new(
                stakeholder_subject(person, index),
                "owner",
                format!(
                    "no team member has the id \"{}\"",
                    owner.as_str().escape_debug()
                ),
            ));
        }
    }

    for (step_index, step) in doc.account.decision_process.iter().enumerate() {
        for (i, approver) in step.approvers.iter().enumerate() {
            if !stakeholder_ids.contains(approver.as_str()) {
                problems.push(Problem::new(
                    Subject::Account,
                    format!("decision_process[{step_index}].approvers[{i}]"),
                    format!(
                        "no stakeholder has the id \"{}\"",
                        approver.as_str().escape_debug()
                    ),
                ));
            }
        }
    }

    for (role, plan) in &doc.plans {
        let subject = Subject::Plan {
            role: role.as_str().to_owned(),
        };
        if *role == Role::Unknown {
            problems.push(Problem::new(
                subject.clone(),
                "",
                "there is no plan for the unknown role",
            ));
        }
        problems.extend(plan_problems(*role, plan));
        if let Some(lead) = &plan.lead
            && !team_ids.contains(lead.as_str())
        {
            problems.push(Problem::new(
                subject,
                "lead",
                format!(
                    "no team member has the id \"{}\"",
                    lead.as_str().escape_debug()
                ),
            ));
        }
    }

    let mut relationship_ids = HashSet::new();
    for (index, line) in doc.relationships.iter().enumerate() {
        problems.extend(relationship_problems(line, index));
        // Named only for a problem: most lines have none.
        let subject = || relationship_subject(line, index);
        if !line.id.as_str().is_empty() && !relationship_ids.insert(line.id.as_str()) {
            problems.push(duplicate(subject()));
        }
        for (field, end) in [("from", &line.from), ("to", &line.to)] {
            if !stakeholder_ids.contains(end.as_str()) {
                problems.push(Problem::new(
                    subject(),
                    field,
                    format!(
                        "no stakeholder has the id \"{}\"",
                        end.as_str().escape_debug()
                    ),
                ));
            }
        }
    }
    problems.extend(reports_to_cycles(doc));
    problems
}

/// Problems of a plan on its own (lengths; not whether its lead exists).
pub fn plan_problems(role: Role, plan: &super::Plan) -> Vec<Problem> {
    let subject = Subject::Plan {
        role: role.as_str().to_owned(),
    };
    let mut problems = Vec::new();
    let fields = super::PlanPart::ALL
        .iter()
        .filter_map(|part| Some((part.as_str(), &plan.part(*part)?.text)));
    long_strings(&mut problems, &subject, fields);
    problems
}

/// Problems of the account on its own (ranges, lengths).
pub fn account_problems(account: &Account) -> Vec<Problem> {
    let mut problems = Vec::new();
    let strings = [
        ("name", &account.name),
        ("industry", &account.industry),
        ("opportunity", &account.opportunity),
        ("currency", &account.currency),
        ("notes", &account.notes),
    ];
    long_strings(&mut problems, &Subject::Account, strings);
    for (i, competitor) in account.competitors.iter().enumerate() {
        let field = format!("competitors[{i}]");
        long_strings(
            &mut problems,
            &Subject::Account,
            [(field.as_str(), competitor)],
        );
    }
    for (i, step) in account.decision_process.iter().enumerate() {
        let field = format!("decision_process[{i}].name");
        long_strings(
            &mut problems,
            &Subject::Account,
            [(field.as_str(), &step.name)],
        );
    }
    if let Some(value) = account.deal_value
        && !(value.is_finite() && value >= 0.0)
    {
        problems.push(Problem::new(
            Subject::Account,
            "deal_value",
            "must be zero or more",
        ));
    }
    problems
}

/// Problems of one team member on its own.
pub fn team_member_problems(member: &TeamMember, index: usize) -> Vec<Problem> {
    let subject = team_subject(member, index);
    let mut problems = Vec::new();
    if member.id.as_str().is_empty() {
        problems.push(empty_id(subject.clone()));
    }
    long_strings(
        &mut problems,
        &subject,
        [
            ("id", &member.id.as_str().to_owned()),
            ("name", &member.name),
        ],
    );
    problems
}

/// Problems of one stakeholder on its own (not its references).
pub fn stakeholder_problems(person: &Stakeholder, index: usize) -> Vec<Problem> {
    let fields = [
        ("id", person.id.as_str()),
        ("name", person.name.as_str()),
        ("title", person.title.as_str()),
        ("department", person.department.as_str()),
        ("interests.business", person.interests.business.as_str()),
        ("interests.personal", person.interests.personal.as_str()),
        ("concerns", person.concerns.as_str()),
        ("decision_criteria", person.decision_criteria.as_str()),
        ("notes", person.notes.as_str()),
        ("contact.email", person.contact.email.as_str()),
        ("contact.phone", person.contact.phone.as_str()),
        ("contact.other", person.contact.other.as_str()),
        ("source", person.source.as_str()),
        ("favours", person.favours.as_str()),
    ];
    // Nearly everyone is fine: say so without naming them (loading 100,000 people
    // would otherwise copy every id twice).
    let long = |text: &str| text.len() > MAX_STRING_BYTES;
    if !person.id.as_str().is_empty()
        && !fields.iter().any(|(_, text)| long(text))
        && !person.tags.iter().any(|tag| long(tag))
        && !person.next_actions.iter().any(|action| long(&action.text))
        && !person.interactions.iter().any(|entry| long(&entry.summary))
        && person.interactions.len() <= MAX_INTERACTIONS
        && person.position.is_none_or(position_in_range)
    {
        return Vec::new();
    }
    let subject = stakeholder_subject(person, index);
    let mut problems = Vec::new();
    if person.id.as_str().is_empty() {
        problems.push(empty_id(subject.clone()));
    }
    long_strings(&mut problems, &subject, fields);
    for (i, tag) in person.tags.iter().enumerate() {
        long_strings(
            &mut problems,
            &subject,
            [(format!("tags[{i}]").as_str(), tag)],
        );
    }
    for (i, action) in person.next_actions.iter().enumerate() {
        let field = format!("next_actions[{i}].text");
        long_strings(&mut problems, &subject, [(field.as_str(), &action.text)]);
    }
    for (i, entry) in person.interactions.iter().enumerate() {
        let field = format!("interactions[{i}].summary");
        long_strings(&mut problems, &subject, [(field.as_str(), &entry.summary)]);
    }
    if person.interactions.len() > MAX_INTERACTIONS {
        problems.push(Problem::new(
            subject.clone(),
            "interactions",
            format!("more than the limit of {MAX_INTERACTIONS} entries"),
        ));
    }
    if let Some(pos) = person.position
        && !position_in_range(pos)
    {
        problems.push(Problem::new(
            subject,
            "position",
            format!("coordinates must be numbers between -{MAX_COORDINATE} and {MAX_COORDINATE}"),
        ));
    }
    problems
}

/// Problems of one relationship on its own (not whether its ends exist).
pub fn relationship_problems(line: &Relationship, index: usize) -> Vec<Problem> {
    let long = |text: &str| text.len() > MAX_STRING_BYTES;
    if !line.id.as_str().is_empty()
        && line.from != line.to
        && !long(line.id.as_str())
        && !long(&line.note)
    {
        return Vec::new();
    }
    let subject = relationship_subject(line, index);
    let mut problems = Vec::new();
    if line.id.as_str().is_empty() {
        problems.push(empty_id(subject.clone()));
    }
    if line.from == line.to {
        problems.push(Problem::new(
            subject.clone(),
            "to",
            "a relationship must join two different people",
        ));
    }
    long_strings(
        &mut problems,
        &subject,
        [("id", line.id.as_str()), ("note", line.note.as_str())],
    );
    problems
}

/// Whether a canvas position is usable: finite and within the coordinate limit.
pub fn position_in_range(pos: super::Position) -> bool {
    pos.x.is_finite()
        && pos.y.is_finite()
        && pos.x.abs() <= MAX_COORDINATE
        && pos.y.abs() <= MAX_COORDINATE
}

/// The subject naming a stakeholder in problems.
pub fn stakeholder_subject(person: &Stakeholder, index: usize) -> Subject {
    Subject::Stakeholder {
        index,
        id: person.id.as_str().to_owned(),
    }
}

/// The subject naming a relationship in problems.
pub fn relationship_subject(line: &Relationship, index: usize) -> Subject {
    Subject::Relationship {
        index,
        id: line.id.as_str().to_owned(),
    }
}

/// The subject naming a team member in problems.
pub fn team_subject(member: &TeamMember, index: usize) -> Subject {
    Subject::TeamMember {
        index,
        id: member.id.as_str().to_owned(),
    }
}

fn duplicate(subject: Subject) -> Problem {
    Problem::new(subject, "id", "this id is used more than once")
}

fn empty_id(subject: Subject) -> Problem {
    Problem::new(subject, "id", "the id must not be empty")
}

fn long_strings<F: AsRef<str>, T: AsRef<str>>(
    problems: &mut Vec<Problem>,
    subject: &Subject,
    fields: impl IntoIterator<Item = (F, T)>,
) {
    for (field, text) in fields {
        let text = text.as_ref();
        if text.len() > MAX_STRING_BYTES {
            problems.push(Problem::new(
                subject.clone(),
                field.as_ref(),
                format!(
                    "text of {} bytes is longer than the limit of {MAX_STRING_BYTES} bytes",
                    text.len()
                ),
            ));
        }
    }
}

/// One problem for each cycle of `reports_to` lines, naming the people in it.
fn reports_to_cycles(doc: &Document) -> Vec<Problem> {
    // Everyone named (people first, in document order, then the other ends of
    // reporting lines) gets a number, so that the search below walks arrays instead
    // of hashing a name at every step; equal names get the same number.
    let mut numbers: HashMap<&str, usize> = HashMap::new();
    let mut person_nodes = Vec::with_capacity(doc.stakeholders.len());
    for person in &doc.stakeholders {
        let next = numbers.len();
        person_nodes.push(*numbers.entry(person.id.as_str()).or_insert(next));
    }
    let mut reporting: Vec<(usize, usize, usize, &Relationship)> = Vec::new();
    for (index, line) in doc.relationships.iter().enumerate() {
        if line.kind == RelationshipKind::ReportsTo && line.from != line.to {
            let next = numbers.len();
            let from = *numbers.entry(line.from.as_str()).or_insert(next);
            let next = numbers.len();
            let to = *numbers.entry(line.to.as_str()).or_insert(next);
            reporting.push((from, to, index, line));
        }
    }
    let nodes = numbers.len();
    let mut managers: Vec<Vec<(usize, usize, &Relationship)>> = vec![Vec::new(); nodes];
    for &(from, to, index, line) in &reporting {
        if let Some(list) = managers.get_mut(from) {
            list.push((to, index, line));
        }
    }

    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    let mut marks: Vec<Option<Mark>> = vec![None; nodes];
    // Where each person's line leaves the current path, while they are on it.
    let mut on_path: Vec<Option<usize>> = vec![None; nodes];
    let mut problems = Vec::new();
    for &start in &person_nodes {
        if marks.get(start).copied().flatten().is_some() {
            continue;
        }
        // Iterative depth-first search; `path` holds the lines followed so far
        // (with the number of the person each leaves).
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        let mut path: Vec<(usize, usize, &Relationship)> = Vec::new();
        if let Some(mark) = marks.get_mut(start) {
            *mark = Some(Mark::Open);
        }
        while let Some((node, next)) = stack.pop() {
            let edges = managers.get(node).map_or(&[][..], Vec::as_slice);
            let Some(&(target, index, line)) = edges.get(next) else {
                if let Some(mark) = marks.get_mut(node) {
                    *mark = Some(Mark::Done);
                }
                if let Some((left, _, _)) = path.pop()
                    && let Some(slot) = on_path.get_mut(left)
                {
                    *slot = None;
                }
                continue;
            };
            stack.push((node, next + 1));
            match marks.get(target).copied().flatten() {
                Some(Mark::Done) => {}
                Some(Mark::Open) => {
                    let first = on_path.get(target).copied().flatten().unwrap_or(path.len());
                    let cycle: Vec<(usize, &Relationship)> = path
                        .get(first..)
                        .unwrap_or(&[])
                        .iter()
                        .map(|&(_, index, line)| (index, line))
                        .collect();
                    problems.push(cycle_problem(&cycle, index, line));
                }
                None => {
                    if let Some(mark) = marks.get_mut(target) {
                        *mark = Some(Mark::Open);
                    }
                    if let Some(slot) = on_path.get_mut(node) {
                        *slot = Some(path.len());
                    }
                    path.push((node, index, line));
                    stack.push((target, 0));
                }
            }
        }
    }
    problems
}

/// Most people named in a cycle's message: a cycle of thousands is named by its
/// first people and its size, so that a hostile map cannot make the messages
/// (one per cycle) grow with the square of its size.
const CYCLE_NAMES_SHOWN: usize = 10;

/// The problem of a cycle: the lines of `path` and the line `last` (at `index`)
/// that closes it.
fn cycle_problem(path: &[(usize, &Relationship)], index: usize, last: &Relationship) -> Problem {
    let people = path.len() + 1;
    let mut names: Vec<String> = path
        .iter()
        .map(|(_, line)| line)
        .chain(std::iter::once(&last))
        .take(CYCLE_NAMES_SHOWN)
        .map(|line| format!("\"{}\"", line.from.as_str().escape_debug()))
        .collect();
    if people > CYCLE_NAMES_SHOWN {
        names.push("…".to_owned());
    }
    names.push(format!("\"{}\"", last.to.as_str().escape_debug()));
    let size = if people > CYCLE_NAMES_SHOWN {
        format!(" ({people} people)")
    } else {
        String::new()
    };
    Problem::new(
        relationship_subject(last, index),
        "to",
        format!("reports_to lines form a cycle: {}{size}", names.join(" → ")),
    )
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::model::Stakeholder;

    /// The search as it was before people were numbered: every step hashed a name.
    fn reference_cycles(doc: &Document) -> Vec<Problem> {
        let mut managers: HashMap<&str, Vec<(usize, &Relationship)>> = HashMap::new();
        for (index, line) in doc.relationships.iter().enumerate() {
            if line.kind == RelationshipKind::ReportsTo && line.from != line.to {
                managers
                    .entry(line.from.as_str())
                    .or_default()
                    .push((index, line));
            }
        }

        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            Open,
            Done,
        }
        let mut marks: HashMap<&str, Mark> = HashMap::new();
        let mut problems = Vec::new();
        for person in &doc.stakeholders {
            let start = person.id.as_str();
            if marks.contains_key(start) {
                continue;
            }
            // Iterative depth-first search; `path` holds the lines followed so far,
            // `on_path` where each person's line leaves it.
            let mut stack: Vec<(&str, usize)> = vec![(start, 0)];
            let mut path: Vec<(usize, &Relationship)> = Vec::new();
            let mut on_path: HashMap<&str, usize> = HashMap::new();
            marks.insert(start, Mark::Open);
            while let Some((node, next)) = stack.pop() {
                let edges = managers.get(node).map_or(&[][..], Vec::as_slice);
                let Some(&(index, line)) = edges.get(next) else {
                    marks.insert(node, Mark::Done);
                    if let Some((_, left)) = path.pop() {
                        on_path.remove(left.from.as_str());
                    }
                    continue;
                };
                stack.push((node, next + 1));
                let target = line.to.as_str();
                match marks.get(target) {
                    Some(Mark::Done) => {}
                    Some(Mark::Open) => {
                        let first = on_path.get(target).copied().unwrap_or(path.len());
                        let cycle = path.get(first..).unwrap_or(&[]);
                        problems.push(cycle_problem(cycle, index, line));
                    }
                    None => {
                        marks.insert(target, Mark::Open);
                        on_path.insert(line.from.as_str(), path.len());
                        path.push((index, line));
                        stack.push((target, 0));
                    }
                }
            }
        }
        problems
    }

    proptest! {
        #[test]
        fn numbered_search_finds_the_cycles_of_the_named_one(
            people in proptest::collection::vec(0..7usize, 0..7),
            lines in proptest::collection::vec((0..9usize, 0..9usize, any::<bool>()), 0..20),
        ) {
            // Ids 7 and 8 belong to nobody; people may share an id.
            let mut doc = Document::default();
            for (i, id) in people.iter().enumerate() {
                doc.stakeholders.push(Stakeholder::new(format!("p{id}"), format!("P{i}")));
            }
            for (n, (from, to, reports)) in lines.into_iter().enumerate() {
                let kind = if reports { RelationshipKind::ReportsTo } else { RelationshipKind::Ally };
                doc.relationships.push(Relationship::new(
                    format!("r{n}"), format!("p{from}"), format!("p{to}"), kind,
                ));
            }
            prop_assert_eq!(reports_to_cycles(&doc), reference_cycles(&doc));
        }
    }
}
