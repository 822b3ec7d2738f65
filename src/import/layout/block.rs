//! Pieces and people without lines laid out in rows, as one block.

use std::collections::HashMap;

use super::forest::{Forest, Pieces};
use super::{LEVEL_HEIGHT_PX, MAX_BLOCK_SLOTS, MIN_LONE_PER_ROW, SLOT_WIDTH_PX};
use crate::model::Position;

/// Pieces and people without lines laid out in rows, relative to the block's
/// top-left corner: (person, slot x, level).
pub(super) struct Block {
    pub(super) places: Vec<(usize, f64, usize)>,
    /// Width in slots and height in levels.
    pub(super) slots: usize,
    pub(super) levels: usize,
}

impl Block {
    pub(super) fn new(forest: &Forest, pieces: &Pieces, roots: &[usize], lone: &[usize]) -> Self {
        let mut places = Vec::new();
        let (mut row_left, mut row_top, mut row_levels, mut slots) =
            (0usize, 0usize, 0usize, 0usize);
        for &root in roots {
            let width = pieces.width_of(root);
            if row_left > 0 && row_left + width > MAX_BLOCK_SLOTS {
                row_top += row_levels;
                row_left = 0;
                row_levels = 0;
            }
            let levels = place_piece(forest, pieces, root, row_left, row_top, &mut places);
            row_left += width;
            row_levels = row_levels.max(levels);
            slots = slots.max(row_left);
        }
        let mut levels = row_top + row_levels;
        if !lone.is_empty() {
            let per_row = lone_per_row(lone.len(), slots);
            for (i, person) in lone.iter().enumerate() {
                places.push((*person, (i % per_row) as f64 + 0.5, levels + i / per_row));
            }
            slots = slots.max(lone.len().min(per_row));
            levels += lone.len().div_ceil(per_row);
        }
        Self {
            places,
            slots,
            levels,
        }
    }

    pub(super) fn width_px(&self) -> f64 {
        self.slots as f64 * SLOT_WIDTH_PX
    }

    pub(super) fn height_px(&self) -> f64 {
        self.levels.saturating_sub(1) as f64 * LEVEL_HEIGHT_PX
    }

    /// Every person's position with the block's top-left corner at (`left`,
    /// `top`); slot x is the middle of the slot.
    pub(super) fn positions(
        &self,
        left: f64,
        top: f64,
    ) -> impl Iterator<Item = (usize, Position)> + '_ {
        self.places.iter().map(move |&(person, x, level)| {
            let position = Position::new(
                left + x * SLOT_WIDTH_PX,
                top + level as f64 * LEVEL_HEIGHT_PX,
            );
            (person, position)
        })
    }
}

/// Places the piece under `root` in a band starting at slot `left`, its root on
/// level `top`; returns its number of levels.
fn place_piece(
    forest: &Forest,
    pieces: &Pieces,
    root: usize,
    left: usize,
    top: usize,
    places: &mut Vec<(usize, f64, usize)>,
) -> usize {
    // Bands and levels, managers before reports, without recursion.
    let mut order = vec![(root, left, top)];
    let mut next = 0;
    while let Some(&(person, band_left, level)) = order.get(next) {
        next += 1;
        let mut child_left = band_left;
        for report in pieces.reports_in_piece(forest, person) {
            order.push((report, child_left, level + 1));
            child_left += pieces.width_of(report);
        }
    }
    // Reports before managers: leaves in the middle of their slot, managers
    // centred over their first and last report.
    let mut x_of: HashMap<usize, f64> = HashMap::with_capacity(order.len());
    let mut deepest = top;
    for &(person, band_left, level) in order.iter().rev() {
        let mut reports = pieces.reports_in_piece(forest, person);
        let first = reports.next().and_then(|r| x_of.get(&r).copied());
        let last = reports.last().and_then(|r| x_of.get(&r).copied()).or(first);
        let x = match (first, last) {
            (Some(first), Some(last)) => (first + last) / 2.0,
            _ => band_left as f64 + 0.5,
        };
        x_of.insert(person, x);
        deepest = deepest.max(level);
    }
    for &(person, _, level) in &order {
        places.push((person, x_of.get(&person).copied().unwrap_or(0.0), level));
    }
    deepest + 1 - top
}

/// People without lines per row: as wide as the trees, at least a dozen, and
/// roughly twice as wide as tall for large lists; never wider than a block.
fn lone_per_row(lone: usize, tree_slots: usize) -> usize {
    let square = (2.0 * lone as f64).sqrt().ceil() as usize;
    tree_slots
        .max(square)
        .clamp(MIN_LONE_PER_ROW, MAX_BLOCK_SLOTS)
}
