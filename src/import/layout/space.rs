//! Where there is room: who is where on the canvas, and free places for a
//! block of new people near their manager or beside the map.

use std::collections::HashMap;

use super::block::Block;
use super::{BLOCK_GAP_PX, LEVEL_HEIGHT_PX, NEAR_LEVELS, NEAR_SLOTS, SLOT_WIDTH_PX};
use crate::model::Position;
use crate::model::limits::MAX_COORDINATE;

/// Where people are, by cells one slot wide and one level high, to find whether
/// a place is free: a new person must be at least a slot or a level away from
/// everyone (the tidy trees keep that distance among themselves).
pub(super) struct Occupancy {
    cells: HashMap<(i64, i64), Cell>,
    /// Bounds of everyone: min x, min y, max x, max y.
    bounds: Option<(f64, f64, f64, f64)>,
}

/// The people in one cell: a few positions, or too many to compare one by one.
enum Cell {
    Few(Vec<Position>),
    Crowded,
}

/// Positions kept per cell before a cell counts as full.
const CELL_CAPACITY: usize = 4;

impl Occupancy {
    pub(super) fn new(existing: &[Position]) -> Self {
        let mut occupancy = Self {
            cells: HashMap::new(),
            bounds: None,
        };
        for position in existing {
            if position.x.is_finite() && position.y.is_finite() {
                occupancy.add(*position);
            }
        }
        occupancy
    }

    pub(super) fn cell_of(position: Position) -> (i64, i64) {
        (
            (position.x / SLOT_WIDTH_PX).floor() as i64,
            (position.y / LEVEL_HEIGHT_PX).floor() as i64,
        )
    }

    pub(super) fn add(&mut self, position: Position) {
        let cell = self
            .cells
            .entry(Self::cell_of(position))
            .or_insert(Cell::Few(Vec::new()));
        if let Cell::Few(list) = cell {
            if list.len() < CELL_CAPACITY {
                list.push(position);
            } else {
                *cell = Cell::Crowded;
            }
        }
        let (x, y) = (position.x, position.y);
        self.bounds = Some(match self.bounds {
            None => (x, y, x, y),
            Some((a, b, c, d)) => (a.min(x), b.min(y), c.max(x), d.max(y)),
        });
    }

    /// Whether a new person at `position` would be too close to someone.
    fn is_taken(&self, position: Position) -> bool {
        let (cx, cy) = Self::cell_of(position);
        (cx - 1..=cx + 1).any(|x| {
            (cy - 1..=cy + 1).any(|y| match self.cells.get(&(x, y)) {
                None => false,
                Some(Cell::Crowded) => true,
                Some(Cell::Few(list)) => list.iter().any(|other| {
                    (other.x - position.x).abs() < SLOT_WIDTH_PX
                        && (other.y - position.y).abs() < LEVEL_HEIGHT_PX
                }),
            })
        })
    }
}

/// Whether `position` lies within the coordinate limits.
pub(super) fn within_limits(position: Position) -> bool {
    position.x.abs() <= MAX_COORDINATE && position.y.abs() <= MAX_COORDINATE
}

/// The top-left corner for `block` below the manager at `anchor`: centred under
/// them one level down, else the nearest free place a few slots aside or levels
/// down; `None` when there is none nearby.
pub(super) fn place_near(
    block: &Block,
    anchor: Position,
    occupied: &Occupancy,
) -> Option<(f64, f64)> {
    let centred_left = anchor.x - block.width_px() / 2.0;
    let top = anchor.y + LEVEL_HEIGHT_PX;
    let sideways = std::iter::once(0).chain((1..=NEAR_SLOTS).flat_map(|s| [s, -s]));
    let tries = (0..=NEAR_LEVELS).flat_map(|down| sideways.clone().map(move |side| (side, down)));
    for (side, down) in tries {
        let left = centred_left + side as f64 * SLOT_WIDTH_PX;
        let top = top + down as f64 * LEVEL_HEIGHT_PX;
        let fits = block
            .positions(left, top)
            .all(|(_, p)| within_limits(p) && !occupied.is_taken(p));
        if fits {
            return Some((left, top));
        }
    }
    None
}

/// Positions for the block of new people: on an empty map centred on x = 0 at
/// y = 0; else below everyone, aligned with their left edge — or, when that
/// leaves the coordinate limits, above, right or left of everyone, or in the
/// first empty area large enough ([`empty_area`]), or, failing all, person by
/// person in the free places nearest the top-left corner of the canvas.
pub(super) fn place_free(block: &Block, occupied: &Occupancy) -> Vec<(usize, Position)> {
    let (width, height) = (block.width_px(), block.height_px());
    let Some((min_x, min_y, max_x, max_y)) = occupied.bounds else {
        return block.positions(-width / 2.0, 0.0).collect();
    };
    // Slot x is the middle of a slot: the block's edge is half a slot left of
    // its first person.
    let half = SLOT_WIDTH_PX / 2.0;
    let fits = |left: f64, top: f64| {
        left + half >= -MAX_COORDINATE
            && left + width - half <= MAX_COORDINATE
            && top >= -MAX_COORDINATE
            && top + height <= MAX_COORDINATE
    };
    let clamp_left = |left: f64| {
        left.min(MAX_COORDINATE - width + half)
            .max(-MAX_COORDINATE - half)
    };
    let clamp_top = |top: f64| top.min(MAX_COORDINATE - height).max(-MAX_COORDINATE);
    let candidates = [
        (clamp_left(min_x - half), max_y + BLOCK_GAP_PX),
        (clamp_left(min_x - half), min_y - BLOCK_GAP_PX - height),
        (max_x + BLOCK_GAP_PX - half, clamp_top(min_y)),
        (min_x - BLOCK_GAP_PX - width + half, clamp_top(min_y)),
    ];
    let corner = candidates
        .into_iter()
        .find(|(left, top)| fits(*left, *top))
        .or_else(|| empty_area(block, occupied));
    match corner {
        Some((left, top)) => block.positions(left, top).collect(),
        None => scatter(block, occupied),
    }
}

/// The corner of an empty area of the canvas large enough for `block`, if any:
/// the canvas is divided into at most 1,024 × 1,024 squares larger than the
/// block, and the first square with nobody in it or its neighbours is taken.
fn empty_area(block: &Block, occupied: &Occupancy) -> Option<(f64, f64)> {
    const SQUARES: f64 = 1024.0;
    let span = 2.0 * MAX_COORDINATE;
    let side = (span / SQUARES)
        .max(block.width_px() + SLOT_WIDTH_PX)
        .max(block.height_px() + LEVEL_HEIGHT_PX);
    let count = (span / side).floor() as i64;
    let square_of = |v: f64| ((v + MAX_COORDINATE) / side).floor() as i64;
    let mut taken = std::collections::HashSet::new();
    for cell in occupied.cells.keys() {
        let x = (cell.0 as f64 + 0.5) * SLOT_WIDTH_PX;
        let y = (cell.1 as f64 + 0.5) * LEVEL_HEIGHT_PX;
        taken.insert((square_of(x), square_of(y)));
    }
    let free = (0..count)
        .flat_map(|y| (0..count).map(move |x| (x, y)))
        .find(|&(x, y)| {
            !(x - 1..=x + 1).any(|nx| (y - 1..=y + 1).any(|ny| taken.contains(&(nx, ny))))
        })?;
    Some((
        -MAX_COORDINATE + free.0 as f64 * side,
        -MAX_COORDINATE + free.1 as f64 * side + LEVEL_HEIGHT_PX / 2.0,
    ))
}

/// The people of `block`, in its order, each in the next free place of a grid
/// of slots and levels read from the top-left corner of the canvas: only for a
/// canvas too full for the block as a whole. Linear: every place skipped is
/// next to someone.
fn scatter(block: &Block, occupied: &Occupancy) -> Vec<(usize, Position)> {
    let columns = ((2.0 * MAX_COORDINATE) / SLOT_WIDTH_PX).floor() as u64;
    let mut place = 0u64;
    let mut spot = move || loop {
        let (column, row) = (place % columns, place / columns);
        place += 1;
        let position = Position::new(
            -MAX_COORDINATE + (column as f64 + 0.5) * SLOT_WIDTH_PX,
            -MAX_COORDINATE + (row as f64 + 0.5) * LEVEL_HEIGHT_PX,
        );
        if !occupied.is_taken(position) {
            return position;
        }
    };
    block
        .places
        .iter()
        .map(|&(person, _, _)| (person, spot()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_canvas_still_gets_everyone_a_free_place() {
        let block = Block {
            places: vec![(0, 0.5, 0), (1, 1.5, 0), (2, 2.5, 0)],
            slots: 3,
            levels: 1,
        };
        let corner = Position::new(
            -MAX_COORDINATE + SLOT_WIDTH_PX / 2.0,
            -MAX_COORDINATE + LEVEL_HEIGHT_PX / 2.0,
        );
        let existing = [
            corner,
            Position::new(corner.x + 2.0 * SLOT_WIDTH_PX, corner.y),
        ];
        let placed = scatter(&block, &Occupancy::new(&existing));
        let positions: Vec<Position> = placed.iter().map(|(_, p)| *p).collect();
        for (i, p) in positions.iter().enumerate() {
            assert!(within_limits(*p));
            assert!(
                existing
                    .iter()
                    .chain(positions.iter().skip(i + 1))
                    .all(|q| (p.x - q.x).abs() >= SLOT_WIDTH_PX
                        || (p.y - q.y).abs() >= LEVEL_HEIGHT_PX)
            );
        }
        assert_eq!(placed.len(), 3);
    }
}
