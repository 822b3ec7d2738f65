//! Level of detail: what the canvas leaves out so a frame costs what is readable on
//! screen, whatever the zoom and however many lines cross the view.
//!
//! - Dashes (and arrowheads) cost in proportion to a line's length on screen. Each
//!   frame, the shortest visible lines keep their pattern until a budget of dashes is
//!   spent; longer ones are drawn plain and lighter — when thousands of lines cross the
//!   view, their dash patterns could not be told apart anyway.
//! - Names are admitted through a grid of label-sized cells anchored on the canvas:
//!   one name per cell, most powerful person first, so names never pile up and
//!   panning never changes which are shown.

use std::collections::HashSet;

use egui::{Pos2, Rect, Vec2};

use super::ViewTransform;
use super::graph_sync::MapGraph;

/// Dashes drawn per frame at most (a few vertices each).
pub const DASH_BUDGET: f32 = 6_000.0;

/// Screen size of the cell that admits one name.
pub const LABEL_CELL: Vec2 = Vec2::new(130.0, 34.0);

/// The longest on-screen length of a dashed line that keeps its pattern: lines are
/// admitted shortest first while the dashes they need fit in `budget`. `lengths` holds,
/// for each visible patterned line, its on-screen length divided by its dash period
/// (the dashes it needs); it is sorted in place. Infinite when everything fits.
pub fn dash_cutoff(dashes_needed: &mut [f32], budget: f32) -> f32 {
    dashes_needed.sort_by(f32::total_cmp);
    let mut spent = 0.0;
    for &needed in dashes_needed.iter() {
        spent += needed;
        if spent > budget {
            return needed;
        }
    }
    f32::INFINITY
}

/// A person who may get a name on the canvas.
#[derive(Clone, Copy, Debug)]
pub struct LabelCandidate {
    /// Where the person is, in canvas units.
    pub at: Pos2,
    /// Power level (1–5): the most powerful are named first.
    pub power: u8,
}

/// Which candidates get a name at `zoom`: one per grid cell of `cell` screen points
/// (anchored on the canvas origin), most powerful first, then in order. Linear after
/// sorting: O(n log n).
pub fn admit_labels(candidates: &[LabelCandidate], zoom: f32, cell: Vec2) -> Vec<bool> {
    let mut admitted = vec![false; candidates.len()];
    let zoom = zoom.max(f32::EPSILON);
    let cell = Vec2::new(cell.x.max(1.0), cell.y.max(1.0)) / zoom;
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by_key(|&i| {
        std::cmp::Reverse(candidates.get(i).map_or(0, |c| c.power))
    });
    let mut taken: HashSet<(i64, i64)> = HashSet::with_capacity(candidates.len());
    for i in order {
        let Some(candidate) = candidates.get(i) else {
            continue;
        };
        let key = (
            (candidate.at.x / cell.x).floor() as i64,
            (candidate.at.y / cell.y).floor() as i64,
        );
        if taken.insert(key)
            && let Some(slot) = admitted.get_mut(i)
        {
            *slot = true;
        }
    }
    admitted
}

/// Decides, for this frame's view, which visible lines keep their dash pattern (see
/// [`dash_cutoff`]). Far zoomed out no line has one, and nothing is planned.
pub fn plan_lines(graph: &mut MapGraph, view: ViewTransform, clip: Rect) {
    if view.zoom < super::line_edge::DETAIL_ZOOM {
        return;
    }
    let g = graph.g();
    let needed: Vec<_> = g
        .edge_indices()
        .filter_map(|index| {
            let (a, b) = g.edge_endpoints(index)?;
            let (start, end) = (g.node_weight(a)?, g.node_weight(b)?);
            let line = g.edge_weight(index)?;
            let dashes = line.display().dashes_needed(start, end, view, clip)?;
            Some((index, dashes))
        })
        .collect();
    let mut counts: Vec<f32> = needed.iter().map(|(_, n)| *n).collect();
    let cutoff = dash_cutoff(&mut counts, DASH_BUDGET);
    let all: Vec<_> = graph.g().edge_indices().collect();
    for index in all {
        if let Some(line) = graph.edge_mut(index) {
            line.display_mut().patterned = true;
        }
    }
    if cutoff.is_finite() {
        for (index, dashes) in needed {
            if dashes >= cutoff
                && let Some(line) = graph.edge_mut(index)
            {
                line.display_mut().patterned = false;
            }
        }
    }
}

/// Decides which people have room for their name at `zoom` (see [`admit_labels`]).
pub fn plan_labels(graph: &mut MapGraph, zoom: f32) {
    let indices: Vec<_> = graph.g().node_indices().collect();
    let candidates: Vec<LabelCandidate> = indices
        .iter()
        .filter_map(|index| graph.node(*index))
        .map(|node| LabelCandidate {
            at: node.location(),
            power: node.payload().power.level(),
        })
        .collect();
    let admitted = admit_labels(&candidates, zoom, LABEL_CELL);
    for (index, named) in indices.into_iter().zip(admitted) {
        if let Some(node) = graph.node_mut(index) {
            node.display_mut().named = named;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn everything_fits_under_the_budget() {
        assert_eq!(dash_cutoff(&mut [3.0, 1.0, 2.0], 10.0), f32::INFINITY);
        assert_eq!(dash_cutoff(&mut [], 0.0), f32::INFINITY);
    }

    #[test]
    fn the_shortest_lines_keep_their_dashes() {
        // 1 + 2 + 3 = 6 fit in 7; the line needing 40 does not.
        assert_eq!(dash_cutoff(&mut [40.0, 3.0, 1.0, 2.0], 7.0), 40.0);
    }

    #[test]
    fn people_far_apart_are_all_named() {
        let people: Vec<_> = (0..20)
            .map(|i| LabelCandidate {
                at: Pos2::new(i as f32 * 200.0, (i % 3) as f32 * 100.0),
                power: 3,
            })
            .collect();
        assert!(admit_labels(&people, 1.0, LABEL_CELL).iter().all(|a| *a));
    }

    #[test]
    fn in_a_crowd_the_most_powerful_is_named() {
        let people = [
            LabelCandidate {
                at: Pos2::new(10.0, 10.0),
                power: 2,
            },
            LabelCandidate {
                at: Pos2::new(12.0, 11.0),
                power: 5,
            },
        ];
        assert_eq!(admit_labels(&people, 1.0, LABEL_CELL), vec![false, true]);
    }

    proptest! {
        #[test]
        fn admitted_names_never_share_a_cell_and_every_occupied_cell_has_one(
            points in proptest::collection::vec((-2_000.0f32..2_000.0, -2_000.0f32..2_000.0, 1u8..=5), 0..200),
            zoom in 0.05f32..3.0,
        ) {
            let people: Vec<_> = points
                .iter()
                .map(|&(x, y, power)| LabelCandidate { at: Pos2::new(x, y), power })
                .collect();
            let admitted = admit_labels(&people, zoom, LABEL_CELL);
            let cell = LABEL_CELL / zoom;
            let key = |p: &LabelCandidate| ((p.at.x / cell.x).floor() as i64, (p.at.y / cell.y).floor() as i64);
            let mut named = std::collections::HashMap::new();
            for (person, shown) in people.iter().zip(&admitted) {
                if *shown {
                    prop_assert!(named.insert(key(person), person.power).is_none());
                }
            }
            for person in &people {
                let best = named.get(&key(person));
                prop_assert!(best.is_some_and(|p| *p >= person.power));
            }
        }

        #[test]
        fn the_cutoff_spends_at_most_the_budget(
            mut needed in proptest::collection::vec(0.0f32..500.0, 0..300),
            budget in 0.0f32..20_000.0,
        ) {
            let cutoff = dash_cutoff(&mut needed, budget);
            let spent: f32 = needed.iter().filter(|n| **n < cutoff).sum();
            prop_assert!(spent <= budget + 1e-3);
        }
    }
}
