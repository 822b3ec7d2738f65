//! Hidden influencers: people whose place in the relationship graph carries far more
//! weight than the power the team recorded for them.

use super::influence::ranked;

/// Levels above the recorded power that make someone a hidden influencer.
const MIN_GAP: u8 = 2;

/// A person who matters more than their recorded power says.
#[derive(Clone, Debug, PartialEq)]
pub struct HiddenInfluencer {
    /// Index of the person in the document.
    pub person: usize,
    /// The power level their influence rank corresponds to (1–5).
    pub structural_level: u8,
    /// The power recorded for them.
    pub recorded_power: u8,
}

/// The power level (1–5) that a place in the influence ranking corresponds to: the
/// top tenth is 5, the next fifth 4, the next 30 % 3, the next fifth 2, the rest 1.
pub fn structural_levels(influence: &[f64]) -> Vec<u8> {
    let n = influence.len();
    let mut levels = vec![1; n];
    let order = ranked(influence);
    let score = |i: usize| influence.get(i).copied().unwrap_or(0.0);
    let mut start = 0;
    while start < order.len() {
        // People with equal scores share the level of the last place among them, so
        // a tie never lifts anyone by the accident of document order.
        let first = order.get(start).map_or(0.0, |&i| score(i));
        let mut end = start;
        while order
            .get(end + 1)
            .is_some_and(|&i| (score(i) - first).abs() <= 1e-12)
        {
            end += 1;
        }
        let share = (end as f64 + 0.5) / n as f64;
        let level = match share {
            s if s <= 0.1 => 5,
            s if s <= 0.3 => 4,
            s if s <= 0.6 => 3,
            s if s <= 0.8 => 2,
            _ => 1,
        };
        for &person in order.get(start..=end).unwrap_or(&[]) {
            if let Some(slot) = levels.get_mut(person) {
                *slot = level;
            }
        }
        start = end + 1;
    }
    levels
}

/// Hidden influencers, largest gap first. Maps of fewer than five people have none:
/// a ranking of so few says little.
pub fn hidden_influencers(influence: &[f64], powers: &[u8]) -> Vec<HiddenInfluencer> {
    if influence.len() < 5 {
        return Vec::new();
    }
    let levels = structural_levels(influence);
    let mut hidden: Vec<HiddenInfluencer> = levels
        .iter()
        .zip(powers)
        .enumerate()
        .filter(|(_, (level, power))| **level >= **power + MIN_GAP)
        .map(|(person, (level, power))| HiddenInfluencer {
            person,
            structural_level: *level,
            recorded_power: *power,
        })
        .collect();
    hidden.sort_by_key(|h| {
        (
            std::cmp::Reverse(h.structural_level - h.recorded_power),
            h.person,
        )
    });
    hidden
}
