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

/// The strongest chains to `targets` from anyone on our side.
pub fn paths_to(structure: &Structure<'_>, targets: &[usize]) -> Paths {
    let n = structure.len();
    // Multi-source Dijkstra from everyone on our side; ties go to lower indices, so
    // the result does not depend on hash order.
    let mut cost = vec![u64::MAX; n];
    let mut previous: Vec<Option<(usize, &RelationshipId)>> = vec![None; n];
    let mut queue = BinaryHeap::new();
    for person in 0..n {
        if is_our_side(structure, person)
            && let Some(c) = cost.get_mut(person)
        {
            *c = 0;
            queue.push(Reverse((0_u64, person)));
        }
    }
    while let Some(Reverse((c, person))) = queue.pop() {
        if cost.get(person).is_some_and(|&best| c > best) {
            continue;
        }
        for &(other, strength, line) in structure.links.get(person).map_or(&[][..], Vec::as_slice) {
            let next = c + u64::from(4 - strength.min(3));
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
    let reachable = |target: usize| cost.get(target).is_some_and(|&c| c != u64::MAX);
    let unreachable = targets.iter().copied().filter(|&t| !reachable(t)).collect();
    let found = targets
        .iter()
        .copied()
        .filter(|&t| reachable(t))
        .take(MAX_PATHS)
        .map(|target| {
            let mut people = vec![target];
            let mut lines = Vec::new();
            let mut at = target;
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
            PowerPath {
                to: target,
                people,
                lines,
            }
        })
        .collect();
    Paths { found, unreachable }
}
