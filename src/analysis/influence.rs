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

    // The lines as flat lists (where each person's lines start, their targets and
    // weights): the same sums in the same order as walking `flow`, without
    // chasing a list per person in each of up to 200 rounds.
    let mut starts = Vec::with_capacity(n + 1);
    let mut targets = Vec::new();
    let mut weights = Vec::new();
    for edges in &structure.flow {
        starts.push(targets.len());
        for &(to, weight) in edges {
            if to < n {
                targets.push(to);
                weights.push(weight);
            }
        }
    }
    starts.push(targets.len());

    let mut rank = prior.clone();
    let mut next = vec![0.0; n];
    for _ in 0..MAX_ITERATIONS {
        // People with no outgoing line hand their influence back by the prior.
        let dangling: f64 = rank
            .iter()
            .zip(&out_weight)
            .filter(|(_, w)| **w == 0.0)
            .map(|(r, _)| r)
            .sum();
        for (slot, p) in next.iter_mut().zip(&prior) {
            *slot = (1.0 - DAMPING) * p + DAMPING * dangling * p;
        }
        for (from, (&r, &w)) in rank.iter().zip(&out_weight).enumerate() {
            if w == 0.0 {
                continue;
            }
            let (Some(&start), Some(&end)) = (starts.get(from), starts.get(from + 1)) else {
                continue;
            };
            let (Some(to), Some(weight)) = (targets.get(start..end), weights.get(start..end))
            else {
                continue;
            };
            for (&to, &weight) in to.iter().zip(weight) {
                if let Some(slot) = next.get_mut(to) {
                    *slot += DAMPING * r * weight / w;
                }
            }
        }
        let change: f64 = next.iter().zip(&rank).map(|(a, b)| (a - b).abs()).sum();
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
