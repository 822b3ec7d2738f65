//! Org-chart positions for imported people: a tidy tree per top manager, trees side
//! by side, people without reporting lines in rows below. People already placed on
//! the map are never moved; the new block goes below them.
//!
//! Each subtree gets a band of whole slots ([`SLOT_WIDTH_PX`] wide) next to its
//! siblings' bands, and a manager is centred over their first and last report.
//! Every person then sits at least half a slot inside their band, so people on one
//! level are at least a slot apart and levels are [`LEVEL_HEIGHT_PX`] apart. Linear
//! time, deterministic.

use crate::model::Position;

/// Horizontal distance between neighbours on one level, in canvas pixels.
pub const SLOT_WIDTH_PX: f64 = 170.0;
/// Vertical distance between levels, in canvas pixels.
pub const LEVEL_HEIGHT_PX: f64 = 160.0;
/// Gap between the people already on the map and the imported block.
pub const BLOCK_GAP_PX: f64 = 240.0;
/// People without lines are placed in rows of at least this many.
const MIN_LONE_PER_ROW: usize = 12;

/// Positions for `count` people, where `manager[i]` is the manager of person `i`
/// among them (a forest: no cycles). `existing` are the positions already on the
/// map; the block is placed below them, or centred on x = 0 at y = 0 on an empty
/// map.
pub fn layout(manager: &[Option<usize>], existing: &[Position]) -> Vec<Position> {
    let count = manager.len();
    let mut reports: Vec<Vec<usize>> = vec![Vec::new(); count];
    let mut roots = Vec::new();
    for (person, boss) in manager.iter().enumerate() {
        match boss.filter(|b| *b < count && *b != person) {
            Some(boss) => {
                if let Some(list) = reports.get_mut(boss) {
                    list.push(person);
                }
            }
            None => roots.push(person),
        }
    }
    let (trees, lone): (Vec<usize>, Vec<usize>) = roots
        .into_iter()
        .partition(|r| reports.get(*r).is_some_and(|list| !list.is_empty()));

    // Slots and levels, relative to the block's top-left corner.
    let mut slot_x = vec![0.0f64; count];
    let mut level = vec![0usize; count];
    let widths = subtree_widths(&reports, &trees);
    let (tree_slots, deepest) = place_trees(&trees, &reports, &widths, &mut slot_x, &mut level);
    let lone_top = if trees.is_empty() { 0 } else { deepest + 1 };
    let per_row = lone_per_row(lone.len(), tree_slots);
    for (i, person) in lone.iter().enumerate() {
        if let (Some(x), Some(l)) = (slot_x.get_mut(*person), level.get_mut(*person)) {
            *x = (i % per_row) as f64 + 0.5;
            *l = lone_top + i / per_row;
        }
    }
    let block_slots = tree_slots.max(lone.len().min(per_row));
    let (left, top) = origin(existing, block_slots);
    slot_x
        .iter()
        .zip(&level)
        .map(|(x, l)| Position::new(left + x * SLOT_WIDTH_PX, top + *l as f64 * LEVEL_HEIGHT_PX))
        .collect()
}

/// The number of slots of each subtree (at least one), computed without recursion
/// so that a chain of thousands of people cannot overflow the stack.
fn subtree_widths(reports: &[Vec<usize>], roots: &[usize]) -> Vec<usize> {
    let mut widths = vec![1usize; reports.len()];
    for node in pre_order(reports, roots).into_iter().rev() {
        let sum: usize = reports
            .get(node)
            .map_or(0, |list| list.iter().filter_map(|c| widths.get(*c)).sum());
        if let Some(w) = widths.get_mut(node) {
            *w = sum.max(1);
        }
    }
    widths
}

/// Nodes of the trees under `roots`, each before its reports.
fn pre_order(reports: &[Vec<usize>], roots: &[usize]) -> Vec<usize> {
    let mut order = Vec::with_capacity(reports.len());
    let mut stack: Vec<usize> = roots.iter().rev().copied().collect();
    while let Some(node) = stack.pop() {
        order.push(node);
        if let Some(list) = reports.get(node) {
            stack.extend(list.iter().rev());
        }
    }
    order
}

/// Places the trees under `roots` side by side, each in a band as wide as its
/// slots; returns the slots used and the deepest level reached.
fn place_trees(
    roots: &[usize],
    reports: &[Vec<usize>],
    widths: &[usize],
    slot_x: &mut [f64],
    level: &mut [usize],
) -> (usize, usize) {
    let mut band_left = vec![0usize; reports.len()];
    let mut cursor = 0usize;
    for root in roots {
        if let Some(b) = band_left.get_mut(*root) {
            *b = cursor;
        }
        cursor += widths.get(*root).copied().unwrap_or(1);
    }
    let order = pre_order(reports, roots);
    let mut deepest = 0;
    for node in &order {
        let (node_left, node_level) = (
            band_left.get(*node).copied().unwrap_or(0),
            level.get(*node).copied().unwrap_or(0),
        );
        deepest = deepest.max(node_level);
        let mut child_left = node_left;
        for child in reports.get(*node).map_or(&[][..], Vec::as_slice) {
            if let (Some(b), Some(l)) = (band_left.get_mut(*child), level.get_mut(*child)) {
                *b = child_left;
                *l = node_level + 1;
            }
            child_left += widths.get(*child).copied().unwrap_or(1);
        }
    }
    // Reports before managers: leaves in the middle of their slot, managers
    // centred over their first and last report.
    for node in order.iter().rev() {
        let list = reports.get(*node).map_or(&[][..], Vec::as_slice);
        let ends = (
            list.first().and_then(|c| slot_x.get(*c)).copied(),
            list.last().and_then(|c| slot_x.get(*c)).copied(),
        );
        let x = match ends {
            (Some(first), Some(last)) => (first + last) / 2.0,
            _ => band_left.get(*node).copied().unwrap_or(0) as f64 + 0.5,
        };
        if let Some(slot) = slot_x.get_mut(*node) {
            *slot = x;
        }
    }
    (cursor, deepest)
}

/// People without lines per row: as wide as the trees, at least a dozen, and
/// roughly twice as wide as tall for large lists.
fn lone_per_row(lone: usize, tree_slots: usize) -> usize {
    let square = (2.0 * lone as f64).sqrt().ceil() as usize;
    tree_slots.max(MIN_LONE_PER_ROW).max(square).max(1)
}

/// The block's top-left corner: below the placed people, aligned with their left
/// edge; or, on an empty map, centred on x = 0 at y = 0.
fn origin(existing: &[Position], block_slots: usize) -> (f64, f64) {
    let placed = existing
        .iter()
        .filter(|p| p.x.is_finite() && p.y.is_finite());
    let bounds = placed.fold(None, |acc: Option<(f64, f64)>, p| match acc {
        None => Some((p.x, p.y)),
        Some((min_x, max_y)) => Some((min_x.min(p.x), max_y.max(p.y))),
    });
    match bounds {
        Some((min_x, max_y)) => (min_x - SLOT_WIDTH_PX / 2.0, max_y + BLOCK_GAP_PX),
        None => (-(block_slots as f64) * SLOT_WIDTH_PX / 2.0, 0.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn managers_are_centred_over_their_reports() {
        // 0 manages 1 and 2; 2 manages 3 and 4; 5 has no lines.
        let manager = [None, Some(0), Some(0), Some(2), Some(2), None];
        let pos = layout(&manager, &[]);
        assert_eq!(pos[1].y - pos[0].y, LEVEL_HEIGHT_PX);
        assert_eq!(pos[3].y - pos[2].y, LEVEL_HEIGHT_PX);
        assert_eq!(pos[2].x, (pos[3].x + pos[4].x) / 2.0);
        assert_eq!(pos[0].x, (pos[1].x + pos[2].x) / 2.0);
        assert!(pos[4].x - pos[3].x >= SLOT_WIDTH_PX);
        assert!(pos[5].y > pos[4].y);
    }

    #[test]
    fn a_deep_chain_does_not_overflow_the_stack() {
        let manager: Vec<Option<usize>> = (0..50_000usize).map(|i| i.checked_sub(1)).collect();
        let pos = layout(&manager, &[]);
        assert_eq!(pos[49_999].y, 49_999.0 * LEVEL_HEIGHT_PX);
    }

    #[test]
    fn the_block_goes_below_the_people_already_placed() {
        let existing = [Position::new(-300.0, -100.0), Position::new(400.0, 250.0)];
        let pos = layout(&[None], &existing);
        assert_eq!(pos[0].y, 250.0 + BLOCK_GAP_PX);
        assert_eq!(pos[0].x, -300.0);
    }
}
