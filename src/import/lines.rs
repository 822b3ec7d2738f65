//! The `reports_to` lines an import adds: each person's manager named in the file,
//! found among the map's and the file's people, without duplicates, self-loops or
//! cycles.

use std::collections::{HashMap, HashSet};

use super::issue::RowIssueKind;
use super::people::{IdAllocator, People, for_message};
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
    let mut managers: Vec<Vec<usize>> = vec![Vec::new(); count];
    let mut existing: HashSet<(usize, usize)> = HashSet::new();
    for line in &doc.relationships {
        if line.kind != RelationshipKind::ReportsTo {
            continue;
        }
        let ends = (
            index_of.get(line.from.as_str()),
            index_of.get(line.to.as_str()),
        );
        if let (Some(&from), Some(&to)) = ends
            && let Some(list) = managers.get_mut(from)
        {
            list.push(to);
            existing.insert((from, to));
        }
    }

    let candidates = candidates(people, &existing, issues);
    let in_cycle_core = cyclic_core(count, &managers, &candidates);
    let mut ids = IdAllocator::new(
        "r",
        doc.relationships.iter().map(|r| r.id.as_str().to_owned()),
    );
    let mut lines = Vec::new();
    for (from, to, row) in candidates {
        let both_in_core = in_cycle_core.get(from).copied().unwrap_or(false)
            && in_cycle_core.get(to).copied().unwrap_or(false);
        if both_in_core && reaches(&managers, &in_cycle_core, to, from) {
            issues.push((
                row,
                RowIssueKind::Cycle {
                    name: name(people, from),
                    manager: name(people, to),
                },
            ));
            continue;
        }
        if let Some(list) = managers.get_mut(from) {
            list.push(to);
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

/// Nodes that may lie on a cycle once every candidate line is added: what is left
/// after repeatedly removing nodes without incoming, then without outgoing lines.
/// A line can only close a cycle between two such nodes, so the search for one
/// (in [`reaches`]) is skipped for all others: a long chain costs linear time.
fn cyclic_core(
    count: usize,
    managers: &[Vec<usize>],
    candidates: &[(usize, usize, usize)],
) -> Vec<bool> {
    let mut up: Vec<Vec<usize>> = managers.to_vec();
    for (from, to, _) in candidates {
        if let Some(list) = up.get_mut(*from) {
            list.push(*to);
        }
    }
    let mut down: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (from, list) in up.iter().enumerate() {
        for to in list {
            if let Some(reports) = down.get_mut(*to) {
                reports.push(from);
            }
        }
    }
    let mut alive = vec![true; count];
    peel(&mut alive, &down, &up);
    peel(&mut alive, &up, &down);
    alive
}

/// Removes, repeatedly, alive nodes with no alive neighbour in `toward` (their
/// in-edges are listed in `toward`, their out-edges in `away`).
fn peel(alive: &mut [bool], toward: &[Vec<usize>], away: &[Vec<usize>]) {
    let is_alive = |alive: &[bool], n: usize| alive.get(n).copied().unwrap_or(false);
    let mut degree: Vec<usize> = toward
        .iter()
        .map(|list| list.iter().filter(|n| is_alive(alive, **n)).count())
        .collect();
    let mut queue: Vec<usize> = (0..alive.len())
        .filter(|n| is_alive(alive, *n) && degree.get(*n) == Some(&0))
        .collect();
    while let Some(node) = queue.pop() {
        if let Some(flag) = alive.get_mut(node) {
            *flag = false;
        }
        for next in away.get(node).map_or(&[][..], Vec::as_slice) {
            if !is_alive(alive, *next) {
                continue;
            }
            if let Some(d) = degree.get_mut(*next) {
                *d = d.saturating_sub(1);
                if *d == 0 {
                    queue.push(*next);
                }
            }
        }
    }
}

/// Whether `target` is reached from `start` by following manager lines upward
/// through nodes of the cyclic core.
fn reaches(managers: &[Vec<usize>], core: &[bool], start: usize, target: usize) -> bool {
    let mut seen = HashSet::from([start]);
    let mut stack = vec![start];
    while let Some(node) = stack.pop() {
        if node == target {
            return true;
        }
        for next in managers.get(node).map_or(&[][..], Vec::as_slice) {
            if core.get(*next).copied().unwrap_or(false) && seen.insert(*next) {
                stack.push(*next);
            }
        }
    }
    false
}

/// The name of the person at `index`, for messages.
fn name(people: &People, index: usize) -> String {
    people
        .list
        .get(index)
        .map_or_else(String::new, |p| for_message(&p.stakeholder.name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_core_keeps_cycles_and_drops_chains() {
        // 0 → 1 → 2 → 0 is a cycle; 3 → 0 and 2 → 4 hang off it.
        let managers = vec![vec![1], vec![2], vec![], vec![0], vec![]];
        let candidates = [(2, 0, 5), (2, 4, 6)];
        let core = cyclic_core(5, &managers, &candidates);
        assert_eq!(core, vec![true, true, true, false, false]);
        let chain = vec![vec![1], vec![2], vec![3], vec![]];
        assert_eq!(cyclic_core(4, &chain, &[]), vec![false; 4]);
    }
}
