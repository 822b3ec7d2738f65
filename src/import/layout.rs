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

use std::collections::HashMap;

use crate::model::Position;
use crate::model::limits::MAX_COORDINATE;

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

/// The new people as trees: reports of each, roots in order, people without
/// lines.
struct Forest {
    reports: Vec<Vec<usize>>,
    /// People with reports and no new manager, in order.
    roots: Vec<usize>,
    /// People with neither reports nor a new manager, and people in cycles.
    lone: Vec<usize>,
    /// The manager on the map of each root, if placed.
    anchors: Vec<Option<Position>>,
    /// Everyone reachable from the roots, each before their reports.
    order: Vec<usize>,
}

impl Forest {
    fn new(manager: &[Option<Manager>]) -> Self {
        let count = manager.len();
        let mut reports: Vec<Vec<usize>> = vec![Vec::new(); count];
        let mut anchors = vec![None; count];
        let mut tops = Vec::new();
        for (person, boss) in manager.iter().enumerate() {
            match boss {
                Some(Manager::New(boss)) if *boss < count && *boss != person => {
                    if let Some(list) = reports.get_mut(*boss) {
                        list.push(person);
                    }
                }
                Some(Manager::Placed(at)) if at.x.is_finite() && at.y.is_finite() => {
                    if let Some(slot) = anchors.get_mut(person) {
                        *slot = Some(*at);
                    }
                    tops.push(person);
                }
                _ => tops.push(person),
            }
        }
        // A person placed below a manager on the map is a tree even alone.
        let (roots, mut lone): (Vec<usize>, Vec<usize>) = tops.into_iter().partition(|p| {
            reports.get(*p).is_some_and(|list| !list.is_empty())
                || anchors.get(*p).is_some_and(Option::is_some)
        });
        let order = pre_order(&reports, &roots);
        // People in a cycle are reached from no root: placed as if alone.
        let mut placed = vec![false; count];
        for person in order.iter().chain(&lone) {
            if let Some(flag) = placed.get_mut(*person) {
                *flag = true;
            }
        }
        lone.extend((0..count).filter(|p| !placed.get(*p).copied().unwrap_or(true)));
        lone.sort_unstable();
        Self {
            reports,
            roots,
            lone,
            anchors,
            order,
        }
    }

    fn reports_of(&self, person: usize) -> &[usize] {
        self.reports.get(person).map_or(&[][..], Vec::as_slice)
    }

    fn anchor_of(&self, root: usize) -> Option<Position> {
        self.anchors.get(root).copied().flatten()
    }

    /// Cuts the trees into pieces no deeper than [`MAX_PIECE_LEVELS`] and no wider
    /// than [`MAX_BLOCK_SLOTS`]: a report that would go deeper or wider starts a
    /// piece of its own.
    fn pieces(&self) -> Pieces {
        let count = self.reports.len();
        let mut cut = vec![false; count];
        let mut depth = vec![0usize; count];
        for person in &self.order {
            let below = depth.get(*person).copied().unwrap_or(0) + 1;
            for report in self.reports_of(*person) {
                let starts_piece = below >= MAX_PIECE_LEVELS;
                if let (Some(d), Some(c)) = (depth.get_mut(*report), cut.get_mut(*report)) {
                    *d = if starts_piece { 0 } else { below };
                    *c = starts_piece;
                }
            }
        }
        let mut width = vec![1usize; count];
        for person in self.order.iter().rev() {
            let mut sum = 0usize;
            for report in self.reports_of(*person) {
                if cut.get(*report).copied().unwrap_or(true) {
                    continue;
                }
                let w = width.get(*report).copied().unwrap_or(1);
                if sum + w > MAX_BLOCK_SLOTS {
                    if let Some(c) = cut.get_mut(*report) {
                        *c = true;
                    }
                } else {
                    sum += w;
                }
            }
            if let Some(slot) = width.get_mut(*person) {
                *slot = sum.max(1);
            }
        }
        // Pieces in the order of their roots, each tree's pieces after it.
        let mut tree = vec![usize::MAX; count];
        let mut roots = Vec::new();
        let mut order_of = vec![usize::MAX; count];
        for &root in &self.roots {
            if let Some(t) = tree.get_mut(root) {
                *t = root;
            }
        }
        for person in &self.order {
            let is_root = tree.get(*person) == Some(person) || cut.get(*person) == Some(&true);
            if is_root {
                if let Some(o) = order_of.get_mut(*person) {
                    *o = roots.len();
                }
                roots.push(*person);
            }
            let own_tree = tree.get(*person).copied().unwrap_or(usize::MAX);
            for report in self.reports_of(*person) {
                if let Some(t) = tree.get_mut(*report) {
                    *t = own_tree;
                }
            }
        }
        Pieces {
            roots,
            cut,
            width,
            tree,
            order_of,
        }
    }
}

/// The trees cut into pieces.
struct Pieces {
    /// The root of every piece, in order.
    roots: Vec<usize>,
    /// Whether a person starts a piece (their manager is in another).
    cut: Vec<bool>,
    /// The slots of each person's subtree within their piece.
    width: Vec<usize>,
    /// The root of each person's whole tree.
    tree: Vec<usize>,
    /// The place of each piece root in `roots`.
    order_of: Vec<usize>,
}

impl Pieces {
    fn tree_of(&self, person: usize) -> usize {
        self.tree.get(person).copied().unwrap_or(person)
    }

    fn order_of(&self, root: usize) -> usize {
        self.order_of.get(root).copied().unwrap_or(usize::MAX)
    }

    fn width_of(&self, person: usize) -> usize {
        self.width.get(person).copied().unwrap_or(1)
    }

    /// The reports of `person` in the same piece.
    fn reports_in_piece<'a>(
        &'a self,
        forest: &'a Forest,
        person: usize,
    ) -> impl Iterator<Item = usize> + 'a {
        forest
            .reports_of(person)
            .iter()
            .copied()
            .filter(|r| !self.cut.get(*r).copied().unwrap_or(true))
    }
}

/// The pieces of each tree under a manager on the map, grouped by that manager
/// (by position), in the order the first of them appears.
fn anchored_groups(forest: &Forest, pieces: &Pieces) -> Vec<(Position, Vec<usize>)> {
    let mut groups: Vec<(Position, Vec<usize>)> = Vec::new();
    let mut by_anchor: HashMap<(u64, u64), usize> = HashMap::new();
    for &root in &pieces.roots {
        let Some(anchor) = forest.anchor_of(pieces.tree_of(root)) else {
            continue;
        };
        let key = (anchor.x.to_bits(), anchor.y.to_bits());
        let index = *by_anchor.entry(key).or_insert_with(|| {
            groups.push((anchor, Vec::new()));
            groups.len() - 1
        });
        if let Some((_, list)) = groups.get_mut(index) {
            list.push(root);
        }
    }
    groups
}

/// Pieces and people without lines laid out in rows, relative to the block's
/// top-left corner: (person, slot x, level).
struct Block {
    places: Vec<(usize, f64, usize)>,
    /// Width in slots and height in levels.
    slots: usize,
    levels: usize,
}

impl Block {
    fn new(forest: &Forest, pieces: &Pieces, roots: &[usize], lone: &[usize]) -> Self {
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

    fn width_px(&self) -> f64 {
        self.slots as f64 * SLOT_WIDTH_PX
    }

    fn height_px(&self) -> f64 {
        self.levels.saturating_sub(1) as f64 * LEVEL_HEIGHT_PX
    }

    /// Every person's position with the block's top-left corner at (`left`,
    /// `top`); slot x is the middle of the slot.
    fn positions(&self, left: f64, top: f64) -> impl Iterator<Item = (usize, Position)> + '_ {
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

/// Nodes of the trees under `roots`, each before their reports.
fn pre_order(reports: &[Vec<usize>], roots: &[usize]) -> Vec<usize> {
    let mut order = Vec::with_capacity(reports.len());
    let mut seen = vec![false; reports.len()];
    let mut stack: Vec<usize> = roots.iter().rev().copied().collect();
    while let Some(node) = stack.pop() {
        match seen.get_mut(node) {
            Some(flag) if !*flag => *flag = true,
            _ => continue,
        }
        order.push(node);
        if let Some(list) = reports.get(node) {
            stack.extend(list.iter().rev());
        }
    }
    order
}

/// People without lines per row: as wide as the trees, at least a dozen, and
/// roughly twice as wide as tall for large lists; never wider than a block.
fn lone_per_row(lone: usize, tree_slots: usize) -> usize {
    let square = (2.0 * lone as f64).sqrt().ceil() as usize;
    tree_slots
        .max(square)
        .clamp(MIN_LONE_PER_ROW, MAX_BLOCK_SLOTS)
}

/// Where people are, by cells one slot wide and one level high, to find whether
/// a place is free: a new person must be at least a slot or a level away from
/// everyone (the tidy trees keep that distance among themselves).
struct Occupancy {
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
    fn new(existing: &[Position]) -> Self {
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

    fn cell_of(position: Position) -> (i64, i64) {
        (
            (position.x / SLOT_WIDTH_PX).floor() as i64,
            (position.y / LEVEL_HEIGHT_PX).floor() as i64,
        )
    }

    fn add(&mut self, position: Position) {
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
fn within_limits(position: Position) -> bool {
    position.x.abs() <= MAX_COORDINATE && position.y.abs() <= MAX_COORDINATE
}

/// The top-left corner for `block` below the manager at `anchor`: centred under
/// them one level down, else the nearest free place a few slots aside or levels
/// down; `None` when there is none nearby.
fn place_near(block: &Block, anchor: Position, occupied: &Occupancy) -> Option<(f64, f64)> {
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
fn place_free(block: &Block, occupied: &Occupancy) -> Vec<(usize, Position)> {
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
    use proptest::prelude::*;

    use super::*;

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
        assert_sound(&positions, &existing);
        assert_eq!(placed.len(), 3);
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
