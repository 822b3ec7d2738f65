//! The `reports_to` lines an import adds: each person's manager named in the file,
//! found among the map's and the file's people, without duplicates, self-loops or
//! cycles.

use std::collections::{HashMap, HashSet};

use super::issue::RowIssueKind;
use super::people::{IdAllocator, People, for_message};
use crate::model::reporting::acyclic_additions;
use crate::model::{Document, Relationship, RelationshipKind};

/// A new line: the indexes (in [`People::list`]) of the person and their manager.
#[derive(Clone, Debug, PartialEq)]
pub struct NewLine {
    /// The subordinate.
    pub from: usize,
    /// The manager.
    pub to: usize,
    /// The relationship to add.
    pub relationship: Relationship,
}

/// The new lines, in the order of the rows that named the managers; every line
/// left out has an issue (row number, kind).
pub fn plan_lines(
    doc: &Document,
    people: &People,
    issues: &mut Vec<(usize, RowIssueKind)>,
) -> Vec<NewLine> {
    let count = people.list.len();
    let index_of: HashMap<&str, usize> = people
        .list
        .iter()
        .enumerate()
        .map(|(i, p)| (p.stakeholder.id.as_str(), i))
        .collect();
    let mut fixed: Vec<(usize, usize)> = Vec::new();
    let mut existing: HashSet<(usize, usize)> = HashSet::new();
    for line in &doc.relationships {
        if line.kind != RelationshipKind::ReportsTo {
            continue;
        }
        let ends = (
            index_of.get(line.from.as_str()),
            index_of.get(line.to.as_str()),
        );
        if let (Some(&from), Some(&to)) = ends {
            fixed.push((from, to));
            existing.insert((from, to));
        }
    }

    let candidates = candidates(people, &existing, issues);
    let added: Vec<(usize, usize)> = candidates.iter().map(|&(from, to, _)| (from, to)).collect();
    // In row order, each line is kept unless it closes a cycle with the map's
    // lines and the lines kept before it (linear time, see `reporting`).
    let keep = acyclic_additions(count, &fixed, &added);
    let mut ids = IdAllocator::new(
        "r",
        doc.relationships.iter().map(|r| r.id.as_str().to_owned()),
    );
    let mut lines = Vec::new();
    for ((from, to, row), keep) in candidates.into_iter().zip(keep) {
        if !keep {
            issues.push((
                row,
                RowIssueKind::Cycle {
                    name: name(people, from),
                    manager: name(people, to),
                },
            ));
            continue;
        }
        let (Some(from_id), Some(to_id)) = (people.id(from), people.id(to)) else {
            continue;
        };
        let relationship = Relationship::new(
            ids.next_id(),
            from_id.clone(),
            to_id.clone(),
            RelationshipKind::ReportsTo,
        );
        lines.push(NewLine {
            from,
            to,
            relationship,
        });
    }
    lines
}

/// (person, manager, row) for each manager named and found, in row order, leaving
/// out lines the map already has and people named as their own manager.
fn candidates(
    people: &People,
    existing: &HashSet<(usize, usize)>,
    issues: &mut Vec<(usize, RowIssueKind)>,
) -> Vec<(usize, usize, usize)> {
    let mut named: Vec<(usize, &str, usize)> = people
        .list
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            p.reports_to
                .as_ref()
                .map(|(value, row)| (i, value.as_str(), *row))
        })
        .collect();
    named.sort_by_key(|(_, _, row)| *row);
    let mut found = Vec::with_capacity(named.len());
    for (from, value, row) in named {
        match people.find_manager(value) {
            Err(kind) => issues.push((row, kind)),
            Ok(to) if to == from => issues.push((
                row,
                RowIssueKind::OwnManager {
                    name: name(people, from),
                },
            )),
            Ok(to) if existing.contains(&(from, to)) => {}
            Ok(to) => found.push((from, to, row)),
        }
    }
    found
}

/// The name of the person at `index`, for messages.
fn name(people: &People, index: usize) -> String {
    people
        .list
        .get(index)
        .map_or_else(String::new, |p| for_message(&p.stakeholder.name))
}
