//! Influence exerted, not only received: how much each person moves the people who
//! decide. A low-ranked specialist whom the boss listens to ("陈总系统问题只听他的")
//! receives little influence and would look like a leaf in a ranking of received
//! influence; here they count for what they move. Linear in people and lines.

use super::structure::Structure;
use crate::model::RelationshipKind;

/// Someone who moves a decision maker through an `influences` line of strength 2
/// or more: the decision maker's adviser.
#[derive(Clone, Debug, PartialEq)]
pub struct Adviser {
    /// The adviser (index in the document).
    pub person: usize,
    /// The decision maker they move.
    pub target: usize,
    /// The line's strength (2 or 3).
    pub strength: u8,
    /// The line (index in the document's relationships).
    pub line: usize,
}

/// For each person, how much they move the decision makers: the strength of their
/// lines into a person (influences in full, alliances at 0.7, a reporting line at
/// half) times that person's weight in the decision (`weight`, 0–1).
pub fn exerted_influence(structure: &Structure<'_>, weight: &[f64]) -> Vec<f64> {
    let mut exerted = vec![0.0; structure.len()];
    let weight_of = |i: usize| weight.get(i).copied().unwrap_or(0.0);
    for (line, end) in structure.doc.relationships.iter().zip(&structure.ends) {
        let &(Some(a), Some(b)) = end else {
            continue;
        };
        if a == b {
            continue;
        }
        let strength = f64::from(line.strength.level());
        let mut add = |from: usize, to: usize, factor: f64| {
            if let Some(slot) = exerted.get_mut(from) {
                *slot += strength * factor * weight_of(to);
            }
        };
        match line.kind {
            RelationshipKind::Influences => add(a, b, 1.0),
            RelationshipKind::Ally => {
                add(a, b, 0.7);
                add(b, a, 0.7);
            }
            RelationshipKind::ReportsTo => add(a, b, 0.5),
            RelationshipKind::Conflict => {}
        }
    }
    exerted
}

/// The advisers of `decision_makers`: people with an `influences` line of strength
/// 2 or more into one of them (themselves not among them), strongest first, each
/// adviser–target pair once.
pub fn advisers(structure: &Structure<'_>, decision_makers: &[usize]) -> Vec<Adviser> {
    let mut found: Vec<Adviser> = Vec::new();
    let deciding = super::PeopleSet::of(structure.len(), decision_makers.iter().copied());
    for &target in decision_makers {
        for &(from, strength, line) in structure.influenced_by.get(target).unwrap_or_default() {
            if strength >= 2 && !deciding.contains(from) {
                found.push(Adviser {
                    person: from,
                    target,
                    strength,
                    line,
                });
            }
        }
    }
    found.sort_by(|a, b| {
        b.strength
            .cmp(&a.strength)
            .then(a.person.cmp(&b.person))
            .then(a.target.cmp(&b.target))
    });
    found.dedup_by(|a, b| a.person == b.person && a.target == b.target);
    found
}
