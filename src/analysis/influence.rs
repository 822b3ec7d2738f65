//! Influence ranking: a weighted PageRank. Reporting and influence lines carry
//! influence toward their target, alliances both ways, strength is the weight and
//! recorded power is the prior (where a random walk restarts).

use super::structure::Structure;

const DAMPING: f64 = 0.85;
const MAX_ITERATIONS: usize = 200;
const TOLERANCE: f64 = 1e-12;

/// Influence score of each person, in document order; the scores sum to 1.
pub fn influence_scores(structure: &Structure<'_>) -> Vec<f64> {
    let n = structure.len();
    if n == 0 {
        return Vec::new();
    }
    let powers: Vec<f64> = structure
        .doc
        .stakeholders
        .iter()
        .map(|s| f64::from(s.power.level()))
        .collect();
    let total_power: f64 = powers.iter().sum();
    let prior: Vec<f64> = powers.iter().map(|p| p / total_power).collect();
    let out_weight: Vec<f64> = structure
        .flow
        .iter()
        .map(|edges| edges.iter().map(|(_, w)| w).sum())
        .collect();

    let mut rank = prior.clone();
    let mut next = vec![0.0; n];
    // People with no outgoing line hand their influence back by the prior.
    let dangling_of = |rank: &[f64]| -> f64 {
        rank.iter()
            .zip(&out_weight)
            .filter(|(_, w)| **w == 0.0)
            .map(|(r, _)| r)
            .sum()
    };
    let mut dangling = dangling_of(&rank);
    for _ in 0..MAX_ITERATIONS {
        for (slot, p) in next.iter_mut().zip(&prior) {
            *slot = (1.0 - DAMPING) * p + DAMPING * dangling * p;
        }
        // The lines are walked as flat lists (`Adjacency`), in the order of the
        // map: the same sums in the same order as a list per person.
        for ((&r, &w), edges) in rank.iter().zip(&out_weight).zip(structure.flow.iter()) {
            if w == 0.0 {
                continue;
            }
            let share = DAMPING * r;
            for &(to, weight) in edges {
                if let Some(slot) = next.get_mut(to) {
                    *slot += share * weight / w;
                }
            }
        }
        // The change of this round and the dangling share of the next, in one
        // pass (each sum in document order, as in two).
        let mut change = 0.0;
        dangling = 0.0;
        for ((a, b), w) in next.iter().zip(&rank).zip(&out_weight) {
            change += (a - b).abs();
            if *w == 0.0 {
                dangling += a;
            }
        }
        std::mem::swap(&mut rank, &mut next);
        if change < TOLERANCE {
            break;
        }
    }
    let sum: f64 = rank.iter().sum();
    rank.iter().map(|r| r / sum).collect()
}

/// People by descending score, ties in document order.
pub fn ranked(scores: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| {
        let (sa, sb) = (
            scores.get(a).copied().unwrap_or(0.0),
            scores.get(b).copied().unwrap_or(0.0),
        );
        sb.total_cmp(&sa).then(a.cmp(&b))
    });
    order
}
