//! The org chart: a tidy top-down tree from `reports_to`, compact as real org charts
//! are.
//!
//! The layout is a bottom-up box layout in linear time (the Reingold–Tilford family,
//! with subtree boxes instead of contours):
//! - Each subtree is a box. A manager's reports who have no reports of their own are
//!   stacked in columns (a *leaf block*, near square when large) hanging from a
//!   vertical line, as real org charts draw them; reports with teams are boxes of
//!   their own. The leaf block and the team boxes sit side by side under the
//!   manager, wrapped into rows (shelves) when they would be very wide, so that a
//!   manager of many managers keeps a near-square shape. The manager is centred over
//!   the box.
//! - A subtree taller than the height cap (from the area of the whole chart, so a
//!   long chain cannot make a thin tower) leaves its manager's box and becomes a
//!   *piece* of its own, marked with "↑ manager" above its top person.
//! - The pieces (one per top manager, plus the cut ones) and the group of people
//!   with no reporting line are packed into rows; the row width is chosen among a
//!   fixed number of candidates for the shape closest to 4:3, so the chart is never
//!   more than 3:1 either way.
//!
//! Widths come from the people's labels (names and titles, CJK counted wider), so
//! no label overlaps another and people are at least [`MIN_SPACING`] apart.

use super::forest::ReportingForest;
use super::{Anchor, Backdrop, MIN_SPACING, Tone, ViewLayout, person_half_width};
use crate::export::svg::CanvasRect;
use crate::lang::Language;
use crate::model::{Document, Position};
use crate::theme;

/// Vertical distance from a manager to their reports' row.
const LEVEL: f64 = 160.0;
/// Vertical distance between people stacked in a column.
const LEAF_STEP: f64 = 120.0;
/// Empty room beside each label.
const LABEL_GAP: f64 = 28.0;
/// Room between boxes side by side.
const ITEM_GAP: f64 = 16.0;
/// Room between pieces of the chart.
const PIECE_GAP: f64 = 60.0;
/// Offset of a stacked person from the left of their column (the line hangs there).
const LEAF_INDENT: f64 = 30.0;
/// Where a column's line hangs, from the column's left.
const TRUNK_INSET: f64 = 12.0;
/// Room at the left of a wrapped box for the line that reaches its lower rows.
const TRUNK_MARGIN: f64 = 36.0;
/// How far above a row its connecting line runs.
const BUS_ABOVE: f64 = 55.0;
/// Boxes side by side wider than this are wrapped into rows.
const WRAP_WIDTH: f64 = 2400.0;
/// Stacked reports up to this many make one column.
const LEAF_COLUMN_ROWS: usize = 8;
/// Padding inside the group of people with no reporting line.
const GROUP_PAD: f64 = 40.0;
/// From the group's top to its first row (room for its label).
const GROUP_TOP: f64 = 90.0;
/// The shape the packing aims at (width / height).
const TARGET_ASPECT: f64 = 4.0 / 3.0;
/// Row widths tried by the packing.
const PACKING_TRIES: usize = 32;
/// Width of connector lines.
const CONNECTOR_WIDTH: f64 = 2.0;

/// Reports without reports of their own, stacked in columns under their manager.
#[derive(Debug)]
struct LeafBlock {
    people: Vec<usize>,
    rows: usize,
    /// Each column's width and the half-width of its widest person.
    columns: Vec<(f64, f64)>,
    width: f64,
    height: f64,
}

#[derive(Debug)]
enum Item {
    Team(usize),
    Leaves(LeafBlock),
}

/// A subtree's box: people occupy `0..width` across; the top person is at the top,
/// `height` is the depth of its lowest person plus one level.
#[derive(Debug, Default)]
struct Shape {
    width: f64,
    height: f64,
    /// The top person's x in the box.
    own_x: f64,
    /// Items with their box's top-left relative to this box's top-left.
    items: Vec<(Item, f64, f64)>,
    /// The x of the line that reaches wrapped rows.
    trunk_x: Option<f64>,
}

/// The org chart of `doc`.
pub fn org_chart_view(doc: &Document, language: Language) -> ViewLayout {
    OrgChart::new(doc).view(language)
}

/// For each relationship of `doc`, whether the org chart's connectors already draw
/// it: a `reports_to` line from a person to their manager in the chart (not to a
/// manager whose team was cut into a piece of its own). Pictures of the org chart
/// leave these lines out, so each reporting line is drawn once.
pub fn org_chart_tree_lines(doc: &Document) -> Vec<bool> {
    let chart = OrgChart::new(doc);
    let mut index = std::collections::HashMap::with_capacity(doc.stakeholders.len());
    for (i, person) in doc.stakeholders.iter().enumerate() {
        index.entry(person.id.as_str()).or_insert(i);
    }
    doc.relationships
        .iter()
        .map(|line| {
            line.kind == crate::model::RelationshipKind::ReportsTo
                && match (index.get(line.from.as_str()), index.get(line.to.as_str())) {
                    (Some(&from), Some(&to)) => {
                        chart.forest.manager.get(from) == Some(&Some(to))
                            && chart.cut_from.get(from) == Some(&None)
                    }
                    _ => false,
                }
        })
        .collect()
}

/// The computed chart, before drawing.
pub(crate) struct OrgChart<'a> {
    doc: &'a Document,
    forest: ReportingForest,
    half: Vec<f64>,
    shapes: Vec<Option<Shape>>,
    /// Pieces in order: a subtree's top person (`Some`) or the group (`None`).
    pieces: Vec<Option<usize>>,
    /// For the top person of a cut piece, their manager.
    pub(crate) cut_from: Vec<Option<usize>>,
}

impl<'a> OrgChart<'a> {
    /// Lays out the boxes of `doc`'s forest.
    pub(crate) fn new(doc: &'a Document) -> Self {
        let mut forest = ReportingForest::new(doc);
        let half: Vec<f64> = doc.stakeholders.iter().map(person_half_width).collect();
        let area: f64 = half.iter().map(|h| slot(*h) * LEVEL).sum();
        // The loosest height cap that keeps the chart within 2.5:1 (3:1 with the
        // labels around it): deep trees stay whole unless they would make a tower.
        let cap = |factor: f64| (3.0 * LEVEL).max(factor * area.sqrt());
        let [tries @ .., last] = CAP_FACTORS;
        let mut half = half;
        for factor in tries {
            let chart = Self::with_cap(doc, forest, half, cap(factor));
            let (width, height) = chart.packed_size();
            if width <= SHAPE_LIMIT * height && height <= SHAPE_LIMIT * width {
                return chart;
            }
            forest = chart.forest;
            half = chart.half;
        }
        Self::with_cap(doc, forest, half, cap(last))
    }

    fn with_cap(doc: &'a Document, forest: ReportingForest, half: Vec<f64>, cap: f64) -> Self {
        let count = half.len();
        let mut chart = Self {
            doc,
            forest,
            half,
            shapes: (0..count).map(|_| None).collect(),
            pieces: Vec::new(),
            cut_from: vec![None; count],
        };
        let tops = chart.forest.tops.clone();
        for top in tops {
            chart.shape_tree(top, cap);
        }
        if !chart.forest.alone.is_empty() {
            chart.pieces.push(None);
        }
        chart
    }

    /// Width and height of the packed pieces.
    fn packed_size(&self) -> (f64, f64) {
        let sizes: Vec<(f64, f64)> = self.pieces.iter().map(|p| self.piece_size(*p)).collect();
        let offsets = pack(&sizes);
        let (mut width, mut height) = (1.0_f64, 1.0_f64);
        for ((x, y), (w, h)) in offsets.iter().zip(&sizes) {
            width = width.max(x + w);
            height = height.max(y + h);
        }
        (width, height)
    }

    fn half_of(&self, person: usize) -> f64 {
        self.half.get(person).copied().unwrap_or(MIN_SPACING / 2.0)
    }

    /// Shapes every subtree of the tree under `top`, children first (no recursion:
    /// a chain of 100,000 people must not overflow the stack).
    fn shape_tree(&mut self, top: usize, height_cap: f64) {
        let mut order = Vec::new();
        let mut stack = vec![top];
        while let Some(person) = stack.pop() {
            order.push(person);
            for &report in self.forest.reports_of(person) {
                if self.forest.has_reports(report) {
                    stack.push(report);
                }
            }
        }
        let mut cut = Vec::new();
        for &person in order.iter().rev() {
            let shape = self.shape_of(person, height_cap, &mut cut);
            if let Some(slot) = self.shapes.get_mut(person) {
                *slot = Some(shape);
            }
        }
        self.pieces.push(Some(top));
        // Cut pieces follow their tree, upper ones first.
        cut.reverse();
        self.pieces.extend(cut.into_iter().map(Some));
    }

    fn box_size(&self, person: usize) -> (f64, f64) {
        self.shapes
            .get(person)
            .and_then(Option::as_ref)
            .map_or((slot(self.half_of(person)), LEVEL), |s| (s.width, s.height))
    }

    /// The box of `person`, whose teams are shaped; cuts teams that make it taller
    /// than `height_cap`.
    fn shape_of(&mut self, person: usize, height_cap: f64, cut: &mut Vec<usize>) -> Shape {
        let reports = self.forest.reports_of(person).to_vec();
        let leaves: Vec<usize> = reports
            .iter()
            .copied()
            .filter(|r| !self.forest.has_reports(*r))
            .collect();
        let mut teams: Vec<usize> = reports
            .iter()
            .copied()
            .filter(|r| self.forest.has_reports(*r))
            .collect();
        let mut shape = self.arrange(person, &leaves, &teams);
        if shape.height > height_cap && !teams.is_empty() {
            let (tall, short): (Vec<usize>, Vec<usize>) = teams
                .iter()
                .partition(|t| self.box_size(**t).1 + LEVEL > height_cap);
            let mut detached = tall;
            teams = short;
            shape = self.arrange(person, &leaves, &teams);
            if shape.height > height_cap && !teams.is_empty() {
                detached.append(&mut teams);
                shape = self.arrange(person, &leaves, &teams);
            }
            for team in detached {
                if let Some(slot) = self.cut_from.get_mut(team) {
                    *slot = Some(person);
                }
                cut.push(team);
            }
        }
        shape
    }

    /// The box of `person` over a leaf block of `leaves` and the boxes of `teams`.
    fn arrange(&self, person: usize, leaves: &[usize], teams: &[usize]) -> Shape {
        let own = slot(self.half_of(person));
        let mut items = Vec::new();
        if !leaves.is_empty() {
            items.push(Item::Leaves(self.leaf_block(leaves)));
        }
        items.extend(teams.iter().map(|t| Item::Team(*t)));
        if items.is_empty() {
            return Shape {
                width: own,
                height: LEVEL,
                own_x: own / 2.0,
                ..Shape::default()
            };
        }
        let sizes: Vec<(f64, f64)> = items
            .iter()
            .map(|item| match item {
                Item::Team(t) => self.box_size(*t),
                Item::Leaves(block) => (block.width, block.height),
            })
            .collect();
        let shelves = shelve(&sizes, wrap_target(&sizes));
        let wrapped = shelves.rows > 1;
        let content = shelves.width + if wrapped { TRUNK_MARGIN } else { 0.0 };
        let width = own.max(content);
        let left = if wrapped {
            TRUNK_MARGIN
        } else {
            (width - content) / 2.0
        };
        Shape {
            width,
            height: LEVEL + shelves.height,
            own_x: width / 2.0,
            items: items
                .into_iter()
                .zip(shelves.offsets)
                .map(|(item, (dx, dy))| (item, left + dx, LEVEL + dy))
                .collect(),
            trunk_x: wrapped.then_some(TRUNK_MARGIN / 2.0),
        }
    }

    fn leaf_block(&self, leaves: &[usize]) -> LeafBlock {
        let count = leaves.len();
        let rows_wanted = if count <= LEAF_COLUMN_ROWS {
            count
        } else {
            LEAF_COLUMN_ROWS.max((count as f64 * TARGET_ASPECT).sqrt().ceil() as usize)
        }
        .max(1);
        let column_count = count.div_ceil(rows_wanted).max(1);
        let rows = count.div_ceil(column_count).max(1);
        let columns: Vec<(f64, f64)> = leaves
            .chunks(rows)
            .map(|column| {
                let half = column
                    .iter()
                    .map(|p| self.half_of(*p))
                    .fold(0.0_f64, f64::max);
                (
                    (LEAF_INDENT + 2.0 * half + LABEL_GAP).max(MIN_SPACING + 10.0),
                    half,
                )
            })
            .collect();
        let width = columns.iter().map(|c| c.0).sum();
        LeafBlock {
            people: leaves.to_vec(),
            rows,
            columns,
            width,
            height: (rows - 1) as f64 * LEAF_STEP + LEVEL,
        }
    }

    /// The group of people with no reporting line: columns and its box size.
    fn group_grid(&self) -> (usize, f64, f64, f64) {
        let alone = &self.forest.alone;
        let column = alone
            .iter()
            .map(|p| slot(self.half_of(*p)))
            .fold(MIN_SPACING + 10.0, f64::max);
        let count = alone.len().max(1);
        let columns = ((count as f64 * LEAF_STEP * TARGET_ASPECT / column)
            .sqrt()
            .ceil() as usize)
            .clamp(1, count);
        let rows = count.div_ceil(columns);
        let width = columns as f64 * column + 2.0 * GROUP_PAD;
        let height = GROUP_TOP + (rows - 1) as f64 * LEAF_STEP + LEVEL;
        (columns, column, width, height)
    }

    fn piece_size(&self, piece: Option<usize>) -> (f64, f64) {
        match piece {
            Some(top) => self.box_size(top),
            None => {
                let (_, _, width, height) = self.group_grid();
                // Room for the label in either language: the same chart in both.
                let label = GROUP_LABELS
                    .iter()
                    .map(|l| theme::text_width(l, GROUP_LABEL_SIZE))
                    .fold(0.0, f64::max)
                    + 2.0 * GROUP_PAD;
                (width.max(label), height)
            }
        }
    }

    /// Positions and backdrop.
    pub(crate) fn view(&self, language: Language) -> ViewLayout {
        let [english, chinese] = GROUP_LABELS;
        let group_label = match language {
            Language::English => english,
            Language::Chinese => chinese,
        };
        let sizes: Vec<(f64, f64)> = self.pieces.iter().map(|p| self.piece_size(*p)).collect();
        let offsets = pack(&sizes);
        let mut positions = vec![Position::default(); self.doc.stakeholders.len()];
        let mut backdrop = Vec::new();
        for ((piece, (x, y)), size) in self.pieces.iter().zip(offsets).zip(&sizes) {
            match piece {
                Some(top) => self.place_tree(*top, x, y, &mut positions, &mut backdrop),
                None => self.place_group(x, y, *size, group_label, &mut positions, &mut backdrop),
            }
        }
        self.mark_cuts(&positions, &mut backdrop);
        ViewLayout {
            positions,
            backdrop,
            grid: None,
            drawn_lines: Vec::new(),
        }
    }

    fn place_tree(
        &self,
        top: usize,
        left: f64,
        top_y: f64,
        positions: &mut [Position],
        backdrop: &mut Vec<Backdrop>,
    ) {
        let mut stack = vec![(top, left, top_y)];
        while let Some((person, left, y)) = stack.pop() {
            let Some(shape) = self.shapes.get(person).and_then(Option::as_ref) else {
                set(
                    positions,
                    person,
                    Position::new(left + self.half_of(person) + LABEL_GAP / 2.0, y),
                );
                continue;
            };
            let at = Position::new(left + shape.own_x, y);
            set(positions, person, at);
            let mut shelves: Vec<Shelf> = Vec::new();
            for (item, dx, dy) in &shape.items {
                let (item_left, item_top) = (left + dx, y + dy);
                if shelves.last().is_none_or(|s| s.top != item_top) {
                    shelves.push(Shelf {
                        top: item_top,
                        drops: Vec::new(),
                    });
                }
                let Some(shelf) = shelves.last_mut() else {
                    continue;
                };
                match item {
                    Item::Team(team) => {
                        let (team_x, r) = self
                            .shapes
                            .get(*team)
                            .and_then(Option::as_ref)
                            .map_or((item_left, 0.0), |s| {
                                (item_left + s.own_x, self.radius(*team))
                            });
                        shelf.drops.push((team_x, item_top - r));
                        stack.push((*team, item_left, item_top));
                    }
                    Item::Leaves(block) => {
                        self.place_leaves(block, item_left, item_top, positions, backdrop, shelf);
                    }
                }
            }
            self.connect(
                person,
                at,
                shape.trunk_x.map(|t| left + t),
                &shelves,
                backdrop,
            );
        }
    }

    fn radius(&self, person: usize) -> f64 {
        self.doc
            .stakeholders
            .get(person)
            .map_or(0.0, |p| f64::from(theme::power_radius(p.power)))
    }

    fn place_leaves(
        &self,
        block: &LeafBlock,
        left: f64,
        top: f64,
        positions: &mut [Position],
        backdrop: &mut Vec<Backdrop>,
        shelf: &mut Shelf,
    ) {
        let mut column_left = left;
        for (column, &(width, half)) in block.people.chunks(block.rows).zip(&block.columns) {
            let trunk = column_left + TRUNK_INSET;
            let x = column_left + LEAF_INDENT + half;
            let mut bottom = top;
            for (row, &person) in column.iter().enumerate() {
                let y = top + row as f64 * LEAF_STEP;
                set(positions, person, Position::new(x, y));
                backdrop.push(stroke((trunk, y), (x - self.radius(person), y)));
                bottom = y;
            }
            // The column's line hangs from the row's connector to its last person.
            shelf.drops.push((trunk, bottom));
            column_left += width;
        }
    }

    /// The elbow connectors from `person` at `at` to the rows of their reports.
    fn connect(
        &self,
        person: usize,
        at: Position,
        trunk_x: Option<f64>,
        shelves: &[Shelf],
        backdrop: &mut Vec<Backdrop>,
    ) {
        let Some(first) = shelves.first() else {
            return;
        };
        let first_bus = first.top - BUS_ABOVE;
        backdrop.push(stroke(
            (at.x, at.y + self.radius(person)),
            (at.x, first_bus),
        ));
        if let (Some(trunk), Some(last)) = (trunk_x, shelves.last()) {
            backdrop.push(stroke((trunk, first_bus), (trunk, last.top - BUS_ABOVE)));
        }
        for (index, shelf) in shelves.iter().enumerate() {
            let bus = shelf.top - BUS_ABOVE;
            let (mut from, mut to) = (f64::INFINITY, f64::NEG_INFINITY);
            let mut reach = |x: f64| {
                from = from.min(x);
                to = to.max(x);
            };
            if index == 0 {
                reach(at.x);
            }
            if let Some(trunk) = trunk_x {
                reach(trunk);
            }
            for &(x, end) in &shelf.drops {
                reach(x);
                backdrop.push(stroke((x, bus), (x, end)));
            }
            if to > from {
                backdrop.push(stroke((from, bus), (to, bus)));
            }
        }
    }

    fn place_group(
        &self,
        left: f64,
        top: f64,
        size: (f64, f64),
        label: &str,
        positions: &mut [Position],
        backdrop: &mut Vec<Backdrop>,
    ) {
        let (columns, column, _, _) = self.group_grid();
        let mut bottom = top + GROUP_TOP;
        for (slot_index, &person) in self.forest.alone.iter().enumerate() {
            let (col, row) = (slot_index % columns, slot_index / columns);
            let y = top + GROUP_TOP + row as f64 * LEAF_STEP;
            set(
                positions,
                person,
                Position::new(left + GROUP_PAD + (col as f64 + 0.5) * column, y),
            );
            bottom = bottom.max(y);
        }
        backdrop.push(Backdrop::Region {
            rect: CanvasRect {
                x: left,
                y: top,
                width: size.0,
                height: bottom - top + GROUP_TOP,
            },
            label: label.to_owned(),
            tone: Tone::Group,
        });
    }

    /// "↑ manager" above the top person of each cut piece.
    fn mark_cuts(&self, positions: &[Position], backdrop: &mut Vec<Backdrop>) {
        for (person, manager) in self.cut_from.iter().enumerate() {
            let (Some(manager), Some(at)) = (manager, positions.get(person)) else {
                continue;
            };
            let Some(boss) = self.doc.stakeholders.get(*manager) else {
                continue;
            };
            backdrop.push(Backdrop::Text {
                at: Position::new(at.x, at.y - self.radius(person) - 12.0),
                text: format!("↑ {}", boss.name),
                size: f64::from(theme::LABEL_SIZE),
                anchor: Anchor::Middle,
                tone: Tone::Group,
            });
        }
    }
}

/// The label of the group of people with no reporting line, English and Chinese.
const GROUP_LABELS: [&str; 2] = ["No reporting line", "无汇报关系"];
/// Height caps tried, in units of the square root of the chart's area.
const CAP_FACTORS: [f64; 5] = [3.0, 2.0, 1.4, 1.0, 0.7];
/// The most a packed chart may be wider than tall, or taller than wide.
const SHAPE_LIMIT: f64 = 2.5;

/// Font size of the group's label.
const GROUP_LABEL_SIZE: f64 = 18.0;

/// One row of a manager's reports: its top and where each connector drops to.
struct Shelf {
    top: f64,
    /// (x, lowest y) of each line down from the row's connector.
    drops: Vec<(f64, f64)>,
}

/// The room one person takes across: their label or circle and a gap.
fn slot(half: f64) -> f64 {
    (2.0 * half + LABEL_GAP).max(MIN_SPACING + 20.0)
}

fn set(positions: &mut [Position], person: usize, at: Position) {
    if let Some(slot) = positions.get_mut(person) {
        *slot = at;
    }
}

fn stroke(from: (f64, f64), to: (f64, f64)) -> Backdrop {
    Backdrop::Stroke {
        from: Position::new(from.0, from.1),
        to: Position::new(to.0, to.1),
        width: CONNECTOR_WIDTH,
        tone: Tone::Structure,
    }
}

/// Boxes laid out in rows.
struct Shelves {
    offsets: Vec<(f64, f64)>,
    width: f64,
    height: f64,
    rows: usize,
}

/// The row width for boxes under one manager: no wrapping when they fit in
/// [`WRAP_WIDTH`], else about square.
fn wrap_target(sizes: &[(f64, f64)]) -> f64 {
    let total: f64 = sizes.iter().map(|s| s.0 + ITEM_GAP).sum();
    if total <= WRAP_WIDTH {
        return f64::INFINITY;
    }
    let widest = sizes.iter().map(|s| s.0).fold(0.0, f64::max);
    let area: f64 = sizes.iter().map(|(w, h)| w * h).sum();
    widest.max(area.sqrt() * 1.3)
}

/// Boxes in order, left to right, a new row when the next would pass `target`.
fn shelve(sizes: &[(f64, f64)], target: f64) -> Shelves {
    shelve_with_gap(sizes, target, ITEM_GAP)
}

fn shelve_with_gap(sizes: &[(f64, f64)], target: f64, gap: f64) -> Shelves {
    let (mut x, mut y, mut row_height, mut width, mut rows) = (0.0, 0.0, 0.0_f64, 0.0_f64, 1);
    let mut offsets = Vec::with_capacity(sizes.len());
    for &(w, h) in sizes {
        if x > 0.0 && x + w > target {
            y += row_height;
            x = 0.0;
            row_height = 0.0;
            rows += 1;
        }
        offsets.push((x, y));
        width = width.max(x + w);
        x += w + gap;
        row_height = row_height.max(h);
    }
    Shelves {
        offsets,
        width,
        height: y + row_height,
        rows,
    }
}

/// The pieces packed in rows, the row width picked for a shape closest to
/// [`TARGET_ASPECT`]; a fixed number of tries, each linear.
fn pack(sizes: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let widest = sizes.iter().map(|s| s.0).fold(1.0, f64::max);
    let total: f64 = sizes
        .iter()
        .map(|s| s.0 + PIECE_GAP)
        .sum::<f64>()
        .max(widest);
    let mut best = (f64::INFINITY, widest);
    for k in 0..=PACKING_TRIES {
        let target = widest * (total / widest).powf(k as f64 / PACKING_TRIES as f64);
        let shelves = shelve_with_gap(sizes, target, PIECE_GAP);
        let aspect = shelves.width.max(1.0) / shelves.height.max(1.0);
        let score = (aspect / TARGET_ASPECT).ln().abs();
        if score < best.0 {
            best = (score, target);
        }
    }
    shelve_with_gap(sizes, best.1, PIECE_GAP).offsets
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::model::{Power, Relationship, RelationshipKind, Stakeholder};
    use crate::views::testing::{closest_pair, map_of, recipes};

    /// The area each person's circle and label cover.
    fn label_box(doc: &Document, person: usize, at: Position) -> (f64, f64, f64, f64) {
        let p = &doc.stakeholders[person];
        let half = person_half_width(p);
        let r = f64::from(theme::power_radius(p.power));
        (at.x - half, at.y - r, at.x + half, at.y + r + 34.0)
    }

    fn overlapping_labels(doc: &Document, positions: &[Position]) -> Option<(usize, usize)> {
        for i in 0..positions.len() {
            for j in i + 1..positions.len() {
                let a = label_box(doc, i, positions[i]);
                let b = label_box(doc, j, positions[j]);
                if a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3 {
                    return Some((i, j));
                }
            }
        }
        None
    }

    /// Width over height of the chart, with room for one person around it.
    fn aspect(positions: &[Position]) -> f64 {
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for p in positions {
            (x0, y0, x1, y1) = (x0.min(p.x), y0.min(p.y), x1.max(p.x), y1.max(p.y));
        }
        (x1 - x0 + 200.0) / (y1 - y0 + 200.0)
    }

    fn chain(people: usize) -> Document {
        let mut doc = Document::default();
        for i in 0..people {
            doc.stakeholders
                .push(Stakeholder::new(format!("p{i}"), format!("Person {i}")));
            if i > 0 {
                doc.relationships.push(Relationship::new(
                    format!("r{i}").as_str(),
                    format!("p{i}").as_str(),
                    format!("p{}", i - 1).as_str(),
                    RelationshipKind::ReportsTo,
                ));
            }
        }
        doc
    }

    fn star(reports: usize) -> Document {
        let mut doc = chain(1);
        for i in 1..=reports {
            doc.stakeholders
                .push(Stakeholder::new(format!("p{i}"), format!("Person {i}")));
            doc.relationships.push(Relationship::new(
                format!("r{i}").as_str(),
                format!("p{i}").as_str(),
                "p0",
                RelationshipKind::ReportsTo,
            ));
        }
        doc
    }

    #[test]
    fn reports_without_teams_are_stacked_under_their_manager() {
        let doc = star(6);
        let view = org_chart_view(&doc, Language::English);
        let boss = view.positions[0];
        let xs: Vec<f64> = view.positions[1..].iter().map(|p| p.x).collect();
        assert!(
            xs.iter().all(|x| (x - xs[0]).abs() < 1e-9),
            "one column: {xs:?}"
        );
        for pair in view.positions[1..].windows(2) {
            assert!(pair[1].y > pair[0].y, "in document order, top to bottom");
        }
        assert!(view.positions[1].y > boss.y);
        // A connector from the manager and a tick to each report.
        let strokes = view
            .backdrop
            .iter()
            .filter(|b| matches!(b, Backdrop::Stroke { .. }))
            .count();
        assert!(strokes >= 6 + 2, "{strokes} strokes");
    }

    #[test]
    fn the_tree_draws_each_first_reporting_line_once() {
        let mut doc = star(2);
        // A second manager and an ally line stay lines of their own.
        doc.relationships.push(Relationship::new(
            "second",
            "p1",
            "p2",
            RelationshipKind::ReportsTo,
        ));
        doc.relationships.push(Relationship::new(
            "ally",
            "p1",
            "p0",
            RelationshipKind::Ally,
        ));
        assert_eq!(org_chart_tree_lines(&doc), [true, true, false, false]);
    }

    #[test]
    fn the_group_without_reporting_lines_is_labelled() {
        let mut doc = star(2);
        doc.stakeholders.push(Stakeholder::new("loner", "孤独"));
        let view = org_chart_view(&doc, Language::Chinese);
        let region = view.backdrop.iter().find_map(|b| match b {
            Backdrop::Region { rect, label, .. } => Some((*rect, label.clone())),
            _ => None,
        });
        let (rect, label) = region.expect("a group region");
        assert_eq!(label, "无汇报关系");
        let at = view.positions[3];
        assert!(rect.x < at.x && at.x < rect.x + rect.width);
        assert!(rect.y < at.y && at.y < rect.y + rect.height);
    }

    #[test]
    fn long_chains_and_huge_teams_keep_a_sensible_shape() {
        for doc in [chain(4), chain(30), chain(2_000), star(3_000)] {
            let view = org_chart_view(&doc, Language::English);
            let ratio = aspect(&view.positions);
            assert!(
                (1.0 / 3.0..=3.0).contains(&ratio),
                "{} people: aspect {ratio}",
                doc.stakeholders.len()
            );
            assert!(
                view.positions
                    .iter()
                    .all(|p| p.x.is_finite() && p.y.is_finite())
            );
        }
    }

    #[test]
    fn generated_organisations_fit_a_screen() {
        // The import layout of 10,000 people was 178:1 (issue #12).
        for (people, check_spacing) in [(2_000, true), (10_000, false)] {
            let doc = crate::samples::synthetic_map(people, 7);
            let view = org_chart_view(&doc, Language::English);
            let ratio = aspect(&view.positions);
            assert!(
                (1.0 / 3.0..=3.0).contains(&ratio),
                "{people}: aspect {ratio}"
            );
            if check_spacing {
                assert!(closest_pair(&view.positions) >= MIN_SPACING);
            }
        }
    }

    #[test]
    fn a_cut_piece_names_its_manager() {
        let doc = chain(40);
        let chart = OrgChart::new(&doc);
        let cut: Vec<usize> = (0..40).filter(|p| chart.cut_from[*p].is_some()).collect();
        assert!(!cut.is_empty(), "a 40-long chain is cut into pieces");
        let view = chart.view(Language::English);
        let manager = chart.cut_from[cut[0]].unwrap();
        let expected = format!("↑ Person {manager}");
        assert!(
            view.backdrop
                .iter()
                .any(|b| matches!(b, Backdrop::Text { text, .. } if *text == expected))
        );
    }

    #[test]
    fn wide_cjk_names_get_the_room_they_need() {
        let mut doc = Document::default();
        doc.stakeholders.push(Stakeholder::new("boss", "总经理"));
        for i in 0..5 {
            let mut p = Stakeholder::new(format!("m{i}"), "欧阳".repeat(5));
            p.power = Power::new(5).unwrap();
            doc.stakeholders.push(p);
            doc.relationships.push(Relationship::new(
                format!("r{i}").as_str(),
                format!("m{i}").as_str(),
                "boss",
                RelationshipKind::ReportsTo,
            ));
            doc.stakeholders
                .push(Stakeholder::new(format!("l{i}"), "职员"));
            doc.relationships.push(Relationship::new(
                format!("s{i}").as_str(),
                format!("l{i}").as_str(),
                format!("m{i}").as_str(),
                RelationshipKind::ReportsTo,
            ));
        }
        let view = org_chart_view(&doc, Language::Chinese);
        assert_eq!(overlapping_labels(&doc, &view.positions), None);
    }

    /// Each person's manager in the chart's trees (cut lines left out).
    fn tree_manager(doc: &Document) -> Vec<Option<usize>> {
        let chart = OrgChart::new(doc);
        let forest = ReportingForest::new(doc);
        forest
            .manager
            .iter()
            .enumerate()
            .map(|(p, m)| m.filter(|_| chart.cut_from[p].is_none()))
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        #[test]
        fn org_charts_are_spaced_ordered_and_compact(recipe in recipes(40)) {
            let doc = map_of(&recipe);
            let view = org_chart_view(&doc, Language::English);
            prop_assert_eq!(view.positions.len(), doc.stakeholders.len());
            prop_assert!(closest_pair(&view.positions) >= MIN_SPACING);
            prop_assert_eq!(overlapping_labels(&doc, &view.positions), None);
            if !view.positions.is_empty() {
                let ratio = aspect(&view.positions);
                prop_assert!((1.0 / 3.0..=3.0).contains(&ratio), "aspect {}", ratio);
            }
            // Every manager above their reports; a subtree's people together: the
            // box around a team holds nobody from outside it.
            let manager = tree_manager(&doc);
            let mut members: Vec<Vec<usize>> = (0..doc.stakeholders.len()).map(|p| vec![p]).collect();
            for person in 0..doc.stakeholders.len() {
                let mut up = manager[person];
                let mut steps = 0;
                while let Some(boss) = up {
                    members[boss].push(person);
                    up = manager[boss];
                    steps += 1;
                    prop_assert!(steps <= doc.stakeholders.len(), "no cycle");
                }
                if let Some(boss) = manager[person] {
                    prop_assert!(view.positions[boss].y < view.positions[person].y);
                }
            }
            for team in members.iter().filter(|m| m.len() > 1) {
                let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
                for &p in team {
                    let at = view.positions[p];
                    (x0, y0, x1, y1) = (x0.min(at.x), y0.min(at.y), x1.max(at.x), y1.max(at.y));
                }
                for (p, at) in view.positions.iter().enumerate() {
                    let inside = x0 <= at.x && at.x <= x1 && y0 <= at.y && at.y <= y1;
                    prop_assert!(!inside || team.contains(&p), "{} inside the team of {}", p, team[0]);
                }
            }
        }

        #[test]
        fn org_charts_are_deterministic(recipe in recipes(25)) {
            let doc = map_of(&recipe);
            let first = org_chart_view(&doc, Language::English);
            let mut edited = doc.clone();
            for person in &mut edited.stakeholders {
                person.notes = "changed".to_owned();
                person.position = None;
            }
            prop_assert_eq!(&first, &org_chart_view(&doc, Language::English));
            prop_assert_eq!(first.positions, org_chart_view(&edited, Language::English).positions);
        }
    }
}
