//! Path to power: the strongest chain of relationships from our champion or
//! supporters to each decision maker. Lines count both ways except conflicts; a
//! strong line (3) costs 1, a weak one (1) costs 3, and the cheapest chain wins.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::structure::Structure;
use crate::model::{RelationshipId, Role};

/// A chain of people from one of our supporters to a decision maker.
#[derive(Clone, Debug, PartialEq)]
pub struct PowerPath {
    /// The decision maker (index in the document).
    pub to: usize,
    /// People from our supporter to the decision maker, both included.
    pub people: Vec<usize>,
    /// The lines followed, in order.
    pub lines: Vec<RelationshipId>,
}

/// Whether a person is on our side: a champion, an advocate or a supporter.
pub fn is_our_side(structure: &Structure<'_>, person: usize) -> bool {
    structure
        .doc
        .stakeholders
        .get(person)
        .is_some_and(|p| p.role == Role::Champion || p.stance.is_supportive())
}

/// Most chains spelled out: a map where thousands are tagged as decision makers
/// along a long chain would otherwise hold millions of steps.
pub const MAX_PATHS: usize = 25;

/// The chains to decision makers, and who cannot be reached.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Paths {
    /// The strongest chain to each target that can be reached, in the order of the
    /// targets, at most [`MAX_PATHS`].
    pub found: Vec<PowerPath>,
    /// The targets no supporter can reach, in their order.
    pub unreachable: Vec<usize>,
}

/// The strongest chain to each of `targets` from anyone on our side whom we have
/// met; `None` for a target no supporter can reach. Chains pass only through people
/// in `passable` (met, stance known), and the last person before the target — who
/// would introduce us — is never in conflict with the target or with one of the
/// target's advisers.
pub fn paths_to(
    structure: &Structure<'_>,
    targets: &[usize],
    passable: &[bool],
    advisers: &[super::exerted::Adviser],
) -> Paths {
    let n = structure.len();
    let can_pass = |i: usize| passable.get(i).copied().unwrap_or(false);
    // Multi-source Dijkstra from everyone on our side; ties go to lower indices, so
    // the result does not depend on hash order.
    let mut cost = vec![u64::MAX; n];
    let mut previous: Vec<Option<(usize, &RelationshipId)>> = vec![None; n];
    let mut queue = BinaryHeap::new();
    for person in 0..n {
        if is_our_side(structure, person)
            && can_pass(person)
            && let Some(c) = cost.get_mut(person)
        {
            *c = 0;
            queue.push(Reverse((0_u64, person)));
        }
    }
    let step_cost = |strength: u8| u64::from(4 - strength.min(3));
    while let Some(Reverse((c, person))) = queue.pop() {
        if cost.get(person).is_some_and(|&best| c > best) {
            continue;
        }
        for &(other, strength, line) in structure.links.get(person).unwrap_or_default() {
            if !can_pass(other) {
                continue;
            }
            let next = c + step_cost(strength);
            let better = cost.get(other).is_some_and(|&best| next < best);
            if better {
                if let Some(slot) = cost.get_mut(other) {
                    *slot = next;
                }
                if let Some(slot) = previous.get_mut(other) {
                    *slot = Some((person, line));
                }
                queue.push(Reverse((next, other)));
            }
        }
    }
    let chain_to = |end: usize| {
        let mut people = vec![end];
        let mut lines = Vec::new();
        let mut at = end;
        while let Some(Some((before, line))) = previous.get(at) {
            people.push(*before);
            lines.push((*line).clone());
            at = *before;
            if people.len() > n {
                break;
            }
        }
        people.reverse();
        lines.reverse();
        (people, lines)
    };
    let mut advisers_of: std::collections::HashMap<usize, Vec<usize>> =
        std::collections::HashMap::new();
    for adviser in advisers {
        advisers_of
            .entry(adviser.target)
            .or_default()
            .push(adviser.person);
    }
    let mut result = Paths::default();
    for &target in targets {
        let path = if cost.get(target) == Some(&0) {
            Some(PowerPath {
                to: target,
                people: vec![target],
                lines: Vec::new(),
            })
        } else {
            let target_advisers = advisers_of.get(&target).map_or(&[][..], Vec::as_slice);
            let introducer = structure
                .links
                .get(target)
                .into_iter()
                .flatten()
                .filter(|(u, _, _)| {
                    *u != target
                        && cost.get(*u).is_some_and(|&c| c != u64::MAX)
                        && !structure.in_conflict(*u, target)
                        && !target_advisers
                            .iter()
                            .any(|&a| structure.in_conflict(*u, a))
                })
                .map(|&(u, strength, line)| {
                    (
                        cost.get(u)
                            .copied()
                            .unwrap_or(u64::MAX)
                            .saturating_add(step_cost(strength)),
                        u,
                        line,
                    )
                })
                .min_by_key(|(c, u, _)| (*c, *u));
            // Chains are spelled out only for the first few targets reached.
            match introducer {
                Some(_) if result.found.len() >= MAX_PATHS => None,
                Some((_, u, line)) => {
                    let (mut people, mut lines) = chain_to(u);
                    people.push(target);
                    lines.push(line.clone());
                    Some(PowerPath {
                        to: target,
                        people,
                        lines,
                    })
                }
                None => {
                    result.unreachable.push(target);
                    None
                }
            }
        };
        if let Some(path) = path
            && result.found.len() < MAX_PATHS
        {
            result.found.push(path);
        }
    }
    result
}
