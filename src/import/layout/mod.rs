//! Org-chart positions for imported people. People already placed on the map are
//! never moved, and no new person is put on top of anyone.
//!
//! - A new person whose manager is already on the map goes below that manager,
//!   with the rest of their new team, in the nearest free space; only when there
//!   is none nearby does the team join the block below.
//! - The other new people form one block below everything: a tidy tree per top
//!   manager, trees side by side, people without reporting lines in rows below.
//!
//! In a tidy tree each subtree gets a band of whole slots ([`SLOT_WIDTH_PX`] wide)
//! next to its siblings' bands, and a manager is centred over their first and last
//! report, so people on one level are at least a slot apart and levels are
//! [`LEVEL_HEIGHT_PX`] apart. Trees deeper than [`MAX_PIECE_LEVELS`] or wider than
//! [`MAX_BLOCK_SLOTS`] are cut into pieces (the line to the manager stays), and
//! pieces are laid out in rows at most [`MAX_BLOCK_SLOTS`] wide: a chain of
//! 100,000 people or a manager of 100,000 stays well within the coordinate limits.
//! Linear time (the search for free space tries a bounded number of places),
//! deterministic.

use crate::model::Position;

mod block;
mod forest;
mod space;

use block::Block;
use forest::{Forest, anchored_groups};
use space::{Occupancy, place_free, place_near};

/// Horizontal distance between neighbours on one level, in canvas pixels.
pub const SLOT_WIDTH_PX: f64 = 170.0;
/// Vertical distance between levels, in canvas pixels.
pub const LEVEL_HEIGHT_PX: f64 = 160.0;
/// Gap between the people already on the map and the imported block.
pub const BLOCK_GAP_PX: f64 = 240.0;
/// Widest row of new people, in slots (3,400,000 px); wider teams continue in
/// the next row. Org charts are far narrower: only a manager of thousands is cut.
pub const MAX_BLOCK_SLOTS: usize = 20_000;
/// Deepest piece of a reporting tree, in levels (320,000 px); a deeper chain
/// continues at the top of the next column. Org charts are far shallower.
pub const MAX_PIECE_LEVELS: usize = 2_000;
/// People without lines are placed in rows of at least this many.
const MIN_LONE_PER_ROW: usize = 12;
/// How far a new team may be moved from below its manager to find free space:
/// slots sideways, levels down.
const NEAR_SLOTS: i64 = 16;
const NEAR_LEVELS: i64 = 4;

/// The manager of a new person, for placing them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Manager {
    /// Another new person (their index).
    New(usize),
    /// Someone already on the map, at this position.
    Placed(Position),
}

/// Positions for `manager.len()` new people, where `manager[i]` is the manager of
/// person `i` (new people form a forest: a cycle among them is placed as people
/// without lines). `existing` are the positions already on the map.
pub fn layout(manager: &[Option<Manager>], existing: &[Position]) -> Vec<Position> {
    let forest = Forest::new(manager);
    let pieces = forest.pieces();
    let mut occupied = Occupancy::new(existing);
    let mut positions: Vec<Option<Position>> = vec![None; manager.len()];
    let mut free_pieces = Vec::new();
    for (anchor, group) in anchored_groups(&forest, &pieces) {
        let block = Block::new(&forest, &pieces, &group, &[]);
        match place_near(&block, anchor, &occupied) {
            Some((left, top)) => {
                for (person, position) in block.positions(left, top) {
                    occupied.add(position);
                    if let Some(slot) = positions.get_mut(person) {
                        *slot = Some(position);
                    }
                }
            }
            None => free_pieces.extend(group),
        }
    }
    free_pieces.extend(
        pieces
            .roots
            .iter()
            .copied()
            .filter(|root| forest.anchor_of(pieces.tree_of(*root)).is_none()),
    );
    free_pieces.sort_unstable_by_key(|root| pieces.order_of(*root));
    let block = Block::new(&forest, &pieces, &free_pieces, &forest.lone);
    for (person, position) in place_free(&block, &occupied) {
        if let Some(slot) = positions.get_mut(person) {
            *slot = Some(position);
        }
    }
    positions
        .into_iter()
        .map(|p| p.unwrap_or(Position::new(0.0, 0.0)))
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use proptest::prelude::*;

    use super::space::within_limits;
    use super::*;
    use crate::model::limits::MAX_COORDINATE;

    fn new(boss: usize) -> Option<Manager> {
        Some(Manager::New(boss))
    }

    /// Whether two people are too close: less than a slot apart sideways and
    /// less than a level apart up or down.
    fn too_close(a: Position, b: Position) -> bool {
        (a.x - b.x).abs() < SLOT_WIDTH_PX - 1e-6 && (a.y - b.y).abs() < LEVEL_HEIGHT_PX - 1e-6
    }

    fn assert_sound(positions: &[Position], existing: &[Position]) {
        for (i, p) in positions.iter().enumerate() {
            assert!(within_limits(*p), "person {i} at {p:?}");
            for (j, q) in positions.iter().enumerate().skip(i + 1) {
                assert!(!too_close(*p, *q), "{i} at {p:?} and {j} at {q:?}");
            }
            for q in existing {
                assert!(!too_close(*p, *q), "{i} at {p:?} on someone at {q:?}");
            }
        }
    }

    /// [`assert_sound`] for many people: compares neighbours only.
    fn assert_sound_at_scale(positions: &[Position]) {
        let mut grid: HashMap<(i64, i64), Vec<Position>> = HashMap::new();
        for p in positions {
            assert!(within_limits(*p), "{p:?}");
            let cell = Occupancy::cell_of(*p);
            for x in cell.0 - 1..=cell.0 + 1 {
                for y in cell.1 - 1..=cell.1 + 1 {
                    for q in grid.get(&(x, y)).into_iter().flatten() {
                        assert!(!too_close(*p, *q), "{p:?} and {q:?}");
                    }
                }
            }
            grid.entry(cell).or_default().push(*p);
        }
    }

    #[test]
    fn managers_are_centred_over_their_reports() {
        // 0 manages 1 and 2; 2 manages 3 and 4; 5 has no lines.
        let manager = [None, new(0), new(0), new(2), new(2), None];
        let pos = layout(&manager, &[]);
        assert_eq!(pos[1].y - pos[0].y, LEVEL_HEIGHT_PX);
        assert_eq!(pos[3].y - pos[2].y, LEVEL_HEIGHT_PX);
        assert_eq!(pos[2].x, (pos[3].x + pos[4].x) / 2.0);
        assert_eq!(pos[0].x, (pos[1].x + pos[2].x) / 2.0);
        assert!(pos[4].x - pos[3].x >= SLOT_WIDTH_PX);
        assert!(pos[5].y > pos[4].y);
        assert_sound(&pos, &[]);
    }

    #[test]
    fn a_chain_of_100000_is_cut_into_pieces_within_the_limits() {
        let manager: Vec<Option<Manager>> = (0..100_000usize)
            .map(|i| i.checked_sub(1).map(Manager::New))
            .collect();
        let pos = layout(&manager, &[]);
        assert!(pos.iter().all(|p| within_limits(*p)));
        // Within a piece, each person is one level below their manager.
        let last_in_piece = (MAX_PIECE_LEVELS - 1) as f64;
        assert_eq!(
            pos[MAX_PIECE_LEVELS - 1].y - pos[0].y,
            last_in_piece * LEVEL_HEIGHT_PX
        );
        assert_eq!(pos[MAX_PIECE_LEVELS - 1].x, pos[0].x);
        // The next piece starts at the top again, beside the first.
        assert_eq!(pos[MAX_PIECE_LEVELS].y, pos[0].y);
        assert_eq!(pos[MAX_PIECE_LEVELS].x - pos[0].x, SLOT_WIDTH_PX);
        // 50 columns side by side.
        let bottom = pos.iter().map(|p| p.y).fold(f64::MIN, f64::max);
        assert_eq!(bottom, last_in_piece * LEVEL_HEIGHT_PX);
        let right = pos.iter().map(|p| p.x).fold(f64::MIN, f64::max);
        assert_eq!(right - pos[0].x, 49.0 * SLOT_WIDTH_PX);
        assert_sound_at_scale(&pos);
    }

    #[test]
    fn a_manager_of_100000_gets_rows_of_reports_within_the_limits() {
        let manager: Vec<Option<Manager>> = (0..100_001usize)
            .map(|i| if i == 0 { None } else { new(0) })
            .collect();
        let pos = layout(&manager, &[]);
        assert!(pos.iter().all(|p| within_limits(*p)));
        let left = pos.iter().map(|p| p.x).fold(f64::MAX, f64::min);
        let right = pos.iter().map(|p| p.x).fold(f64::MIN, f64::max);
        assert!(right - left < MAX_BLOCK_SLOTS as f64 * SLOT_WIDTH_PX);
        // The first reports are in the row right below their manager, the rest
        // in rows below them.
        assert_eq!(pos[1].y, pos[0].y + LEVEL_HEIGHT_PX);
        let rows: std::collections::BTreeSet<i64> = pos.iter().map(|p| p.y as i64).collect();
        assert_eq!(rows.len(), 1 + 100_000usize.div_ceil(MAX_BLOCK_SLOTS));
        assert_sound_at_scale(&pos);
    }

    #[test]
    fn wide_and_deep_trees_together_are_cut_without_overlap() {
        // A tree of 30,000 where each manages up to 7, a chain of 5,000 below its
        // last person, and a manager of 25,000 below its first.
        let mut manager: Vec<Option<Manager>> = vec![None];
        manager.extend((1..30_000usize).map(|i| new((i - 1) / 7)));
        manager.extend((0..5_000usize).map(|i| new(if i == 0 { 29_999 } else { 29_999 + i })));
        manager.extend((0..25_000usize).map(|_| new(0)));
        let pos = layout(&manager, &[Position::new(0.0, 0.0)]);
        assert_sound_at_scale(&pos);
    }

    #[test]
    fn the_block_goes_below_the_people_already_placed() {
        let existing = [Position::new(-300.0, -100.0), Position::new(400.0, 250.0)];
        let pos = layout(&[None], &existing);
        assert_eq!(pos[0].y, 250.0 + BLOCK_GAP_PX);
        assert_eq!(pos[0].x, -300.0);
    }

    #[test]
    fn a_block_that_would_leave_the_canvas_goes_above() {
        let bottom = MAX_COORDINATE - 100.0;
        let existing = [Position::new(0.0, 0.0), Position::new(0.0, bottom)];
        let manager: Vec<Option<Manager>> = (0..500usize)
            .map(|i| i.checked_sub(1).map(Manager::New))
            .collect();
        let pos = layout(&manager, &existing);
        assert_sound(&pos, &existing);
        assert!(pos.iter().all(|p| p.y < 0.0));
    }

    #[test]
    fn new_people_go_below_their_manager_on_the_map() {
        let boss = Position::new(1000.0, 500.0);
        let existing = [boss, Position::new(-5000.0, 9000.0)];
        // 0 reports to the boss on the map, 1 and 2 report to 0; 3 has no lines.
        let manager = [Some(Manager::Placed(boss)), new(0), new(0), None];
        let pos = layout(&manager, &existing);
        assert_eq!(pos[0], Position::new(1000.0, 500.0 + LEVEL_HEIGHT_PX));
        assert_eq!(pos[1].y, 500.0 + 2.0 * LEVEL_HEIGHT_PX);
        // The person without lines goes to the block below everyone.
        assert!(pos[3].y > 9000.0);
        assert_sound(&pos, &existing);
    }

    #[test]
    fn a_team_moves_aside_when_the_place_below_its_manager_is_taken() {
        let boss = Position::new(0.0, 0.0);
        // The boss's reports already on the map fill the row below.
        let mut existing = vec![boss];
        existing
            .extend((-2..=2).map(|i| Position::new(f64::from(i) * SLOT_WIDTH_PX, LEVEL_HEIGHT_PX)));
        let manager = [Some(Manager::Placed(boss)), Some(Manager::Placed(boss))];
        let pos = layout(&manager, &existing);
        assert_sound(&pos, &existing);
        for p in &pos {
            assert!(
                (p.x - boss.x).abs() <= (NEAR_SLOTS as f64 + 2.0) * SLOT_WIDTH_PX,
                "{p:?}"
            );
            assert!(
                p.y - boss.y <= (NEAR_LEVELS as f64 + 1.0) * LEVEL_HEIGHT_PX,
                "{p:?}"
            );
        }
    }

    #[test]
    fn people_in_a_cycle_are_placed_like_people_without_lines() {
        let manager = [new(1), new(0), None];
        let pos = layout(&manager, &[]);
        assert_sound(&pos, &[]);
        assert_eq!(pos[0].y, pos[1].y);
    }

    fn manager_strategy(count: usize) -> impl Strategy<Value = Vec<Option<(u8, usize)>>> {
        proptest::collection::vec(proptest::option::of((0u8..3, 0..count.max(1))), count)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        #[test]
        fn nobody_lands_on_anybody_and_everyone_stays_on_the_canvas(
            links in manager_strategy(40),
            existing in proptest::collection::vec((-6i32..6, -6i32..6, 0u8..4), 0..30),
        ) {
            // Existing people on a coarse grid, some near the edges of the canvas.
            let existing: Vec<Position> = existing
                .iter()
                .map(|&(x, y, far)| {
                    let shift = if far == 0 { MAX_COORDINATE - 2_000.0 } else { 0.0 };
                    Position::new(f64::from(x) * 150.0 + shift, f64::from(y) * 130.0 + shift)
                })
                .collect();
            let manager: Vec<Option<Manager>> = links
                .iter()
                .enumerate()
                .map(|(i, link)| match link {
                    // Mostly forests, sometimes a manager further down (cycles).
                    Some((0, j)) if *j != i => Some(Manager::New(*j)),
                    Some((1, j)) if i > 0 => Some(Manager::New(j % i)),
                    Some((2, j)) if !existing.is_empty() => Some(Manager::Placed(existing[j % existing.len()])),
                    _ => None,
                })
                .collect();
            let pos = layout(&manager, &existing);
            prop_assert_eq!(pos.len(), manager.len());
            assert_sound(&pos, &existing);
        }
    }
}
