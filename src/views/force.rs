//! "Tidy up" for the free map: a force-directed layout of the ForceAtlas2 family
//! with a Barnes–Hut quadtree, then a pass that moves people apart until no two are
//! closer than [`MIN_SPACING`].
//!
//! Why our own: the `forceatlas2` crate is AGPL-3.0 (this project is MIT) and `fa2`
//! (MIT, young) cannot hold people still or add forces of our own; both are small
//! next to what we need from them.
//!
//! The algorithm (Jacomy et al., "ForceAtlas2", PLoS ONE 2014):
//! - Every person has a mass of 1 + their number of lines. Any two people repel
//!   with `K_REPULSION · m₁ · m₂ / d`; far groups are taken as one body at their
//!   centre of mass when the group's cell is small seen from the person (Barnes–Hut,
//!   θ = [`THETA`]): O(n log n) per iteration.
//! - Lines attract their two people linearly with distance, weighted by kind
//!   (reporting and ally lines most, conflict lines least), so related people end
//!   near each other.
//! - Each person is pulled linearly towards the centre of their department, so
//!   departments gather and, with the repulsion between everyone, stand apart.
//! - A gravity of `K_GRAVITY · m` towards the middle, growing linearly beyond the
//!   radius the map should take (75 · √n + 150), keeps loners and separate groups
//!   from drifting away.
//! - Steps follow ForceAtlas2's adaptive speed: the global speed rises while people
//!   move steadily (traction) and falls when they oscillate (swing); each person's
//!   step shrinks with their own swing.
//! - A fixed number of iterations that depends only on the size of the map.
//!
//! Deterministic: the start is the map's drawing positions (rescaled to a square of
//! a size fitting the number of people, or a sunflower spiral when they all sit on
//! one line or point), with a tiny offset per person from a hash of their id; no
//! random numbers, no hash-map iteration. Pinned people never move: they push and
//! pull the others but keep their place exactly (and when any are pinned, the
//! start is not rescaled, so the others stay in the frame the user sees).
//!
//! The final pass takes people in document order; each keeps their place if it is
//! at least [`MIN_SPACING`] from everyone placed before (pinned people are placed
//! first), else takes the nearest free place on rings around it, checked on a grid
//! of cells [`MIN_SPACING`] wide (a bounded number of rings; failing that, a free
//! row below the map). So every two people are at least [`MIN_SPACING`] apart,
//! except two pinned people the user put closer.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};

use super::MIN_SPACING;
use crate::model::{Document, Position, RelationshipKind, StakeholderId};
use crate::placement::drawing_positions;

/// Strength of the repulsion between any two people.
const K_REPULSION: f64 = 500.0;
/// Strength of the gravity towards the middle.
const K_GRAVITY: f64 = 4.0;
/// Strength of each person's pull towards their department's centre.
const K_DEPARTMENT: f64 = 0.1;
/// Barnes–Hut accuracy: groups whose cell is smaller than θ · distance are one body.
pub const THETA: f64 = 1.2;
/// Room per person in the starting square.
const START_SPACING: f64 = 150.0;
/// The largest step a person may take in one iteration.
const MAX_STEP: f64 = 400.0;
/// Rings of places tried around a person who is too close to someone.
const RINGS: usize = 24;
/// Deepest quadtree level; people closer than the cell size there are one body.
const MAX_DEPTH: usize = 40;

/// What to keep while tidying.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ForceOptions {
    /// People who keep their place.
    pub pinned: HashSet<StakeholderId>,
}

/// Iterations for a map of `people`: fewer on large maps, where each costs more.
pub fn iterations_for(people: usize) -> usize {
    let scale = (1_000.0 / people.max(1) as f64).sqrt();
    ((200.0 * scale) as usize).clamp(50, 300)
}

/// The force layout of `doc`: a position for every person in document order, or
/// `None` when `cancel` was set. `progress` hears the fraction done (0 to 1).
pub fn force_layout(
    doc: &Document,
    options: &ForceOptions,
    mut progress: impl FnMut(f32),
    cancel: &AtomicBool,
) -> Option<Vec<Position>> {
    let count = doc.stakeholders.len();
    let pinned: Vec<bool> = doc
        .stakeholders
        .iter()
        .map(|s| options.pinned.contains(&s.id))
        .collect();
    let mut system = System::new(doc, &pinned);
    let iterations = iterations_for(count);
    for iteration in 0..iterations {
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        system.step(&pinned);
        progress((iteration + 1) as f32 / (iterations + 1) as f32);
    }
    if cancel.load(Ordering::Relaxed) {
        return None;
    }
    let positions = spread_apart(&system.positions, &pinned);
    progress(1.0);
    Some(positions)
}

/// The people as bodies: positions, masses, lines, departments, speeds.
struct System {
    positions: Vec<Position>,
    mass: Vec<f64>,
    /// (a, b, weight)
    lines: Vec<(usize, usize, f64)>,
    department: Vec<Option<usize>>,
    departments: usize,
    centre: Position,
    /// The radius the map should take.
    radius: f64,
    previous: Vec<(f64, f64)>,
    speed: f64,
    efficiency: f64,
    tree: QuadTree,
}

impl System {
    fn new(doc: &Document, pinned: &[bool]) -> Self {
        let count = doc.stakeholders.len();
        let mut index: HashMap<&str, usize> = HashMap::with_capacity(count);
        for (i, s) in doc.stakeholders.iter().enumerate() {
            index.entry(s.id.as_str()).or_insert(i);
        }
        let mut mass = vec![1.0; count];
        let mut lines = Vec::with_capacity(doc.relationships.len());
        for line in &doc.relationships {
            let (Some(&a), Some(&b)) = (index.get(line.from.as_str()), index.get(line.to.as_str()))
            else {
                continue;
            };
            if a == b {
                continue;
            }
            let weight = match line.kind {
                RelationshipKind::ReportsTo | RelationshipKind::Ally => 1.0,
                RelationshipKind::Conflict => 0.4,
                _ => 0.7,
            };
            lines.push((a, b, weight));
            for end in [a, b] {
                if let Some(m) = mass.get_mut(end) {
                    *m += 1.0;
                }
            }
        }
        let mut names: HashMap<&str, usize> = HashMap::new();
        let department = doc
            .stakeholders
            .iter()
            .map(|s| {
                let name = s.department.trim();
                (!name.is_empty()).then(|| {
                    let next = names.len();
                    *names.entry(name).or_insert(next)
                })
            })
            .collect();
        let positions = start_positions(doc, pinned);
        let centre = centroid(&positions);
        Self {
            positions,
            mass,
            lines,
            department,
            departments: names.len(),
            centre,
            radius: (count as f64).sqrt() * START_SPACING / 2.0 + START_SPACING,
            previous: vec![(0.0, 0.0); count],
            speed: 1.0,
            efficiency: 1.0,
            tree: QuadTree::default(),
        }
    }

    /// One ForceAtlas2 iteration.
    fn step(&mut self, pinned: &[bool]) {
        let count = self.positions.len();
        let mut force = vec![(0.0, 0.0); count];
        self.tree.build(&self.positions, &self.mass);
        let mut stack = Vec::new();
        for (i, f) in force.iter_mut().enumerate() {
            let (Some(p), Some(m)) = (self.positions.get(i), self.mass.get(i)) else {
                continue;
            };
            let (rx, ry) = self.tree.repulsion(i, *p, *m, &mut stack);
            // Gravity: constant towards the middle, growing beyond the radius the
            // map should take, so that loners do not drift off.
            let (gx, gy) = (self.centre.x - p.x, self.centre.y - p.y);
            let distance = gx.hypot(gy);
            let (gx, gy) = if distance > 1e-9 {
                let k = K_GRAVITY * m * (distance / self.radius).max(1.0) / distance;
                (gx * k, gy * k)
            } else {
                (0.0, 0.0)
            };
            *f = (rx + gx, ry + gy);
        }
        for &(a, b, weight) in &self.lines {
            let (Some(pa), Some(pb)) = (self.positions.get(a), self.positions.get(b)) else {
                continue;
            };
            let (dx, dy) = ((pb.x - pa.x) * weight, (pb.y - pa.y) * weight);
            if let Some(f) = force.get_mut(a) {
                f.0 += dx;
                f.1 += dy;
            }
            if let Some(f) = force.get_mut(b) {
                f.0 -= dx;
                f.1 -= dy;
            }
        }
        self.pull_to_departments(&mut force);
        self.move_people(&force, pinned);
    }

    fn pull_to_departments(&self, force: &mut [(f64, f64)]) {
        if self.departments == 0 {
            return;
        }
        let mut sums = vec![(0.0, 0.0, 0.0); self.departments];
        for (p, d) in self.positions.iter().zip(&self.department) {
            if let Some(sum) = d.and_then(|d| sums.get_mut(d)) {
                sum.0 += p.x;
                sum.1 += p.y;
                sum.2 += 1.0;
            }
        }
        for ((f, p), d) in force.iter_mut().zip(&self.positions).zip(&self.department) {
            if let Some(&(sx, sy, n)) = d.and_then(|d| sums.get(d))
                && n > 1.0
            {
                f.0 += K_DEPARTMENT * (sx / n - p.x);
                f.1 += K_DEPARTMENT * (sy / n - p.y);
            }
        }
    }

    /// ForceAtlas2's adaptive speed, as in Gephi.
    fn move_people(&mut self, force: &[(f64, f64)], pinned: &[bool]) {
        let count = self.positions.len().max(1) as f64;
        let (mut swing, mut traction) = (0.0, 0.0);
        for ((f, prev), m) in force.iter().zip(&self.previous).zip(&self.mass) {
            swing += m * (f.0 - prev.0).hypot(f.1 - prev.1);
            traction += m * (f.0 + prev.0).hypot(f.1 + prev.1) / 2.0;
        }
        let estimated = 0.05 * count.sqrt();
        let mut jitter = estimated
            .sqrt()
            .max(estimated * traction / (count * count))
            .min(10.0);
        if traction > 0.0 && swing / traction > 2.0 {
            if self.efficiency > 0.05 {
                self.efficiency *= 0.5;
            }
            jitter = jitter.max(1.0);
        }
        let target = if swing > 0.0 {
            jitter * self.efficiency * traction / swing
        } else {
            self.speed
        };
        if swing > jitter * traction {
            if self.efficiency > 0.05 {
                self.efficiency *= 0.7;
            }
        } else if self.speed < 1000.0 {
            self.efficiency *= 1.3;
        }
        self.speed += (target - self.speed).min(0.5 * self.speed);
        for (i, p) in self.positions.iter_mut().enumerate() {
            let (Some(f), Some(prev)) = (force.get(i), self.previous.get(i)) else {
                continue;
            };
            if pinned.get(i).copied().unwrap_or(false) {
                continue;
            }
            let own_swing = (f.0 - prev.0).hypot(f.1 - prev.1);
            let factor = self.speed / (1.0 + (self.speed * own_swing).sqrt());
            let (mut dx, mut dy) = (f.0 * factor, f.1 * factor);
            let step = dx.hypot(dy);
            if step > MAX_STEP {
                (dx, dy) = (dx / step * MAX_STEP, dy / step * MAX_STEP);
            }
            if dx.is_finite() && dy.is_finite() {
                p.x += dx;
                p.y += dy;
            }
        }
        self.previous.copy_from_slice(force);
    }
}

fn centroid(positions: &[Position]) -> Position {
    let n = positions.len().max(1) as f64;
    let (x, y) = positions
        .iter()
        .fold((0.0, 0.0), |(x, y), p| (x + p.x, y + p.y));
    Position::new(x / n, y / n)
}

/// A number in [-0.5, 0.5) from an id and a salt (FNV-1a), for tiny offsets.
fn id_noise(id: &str, salt: u8) -> f64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in id.bytes().chain(std::iter::once(salt)) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    (hash >> 11) as f64 / (1u64 << 53) as f64 - 0.5
}

/// Where the simulation starts (see the module documentation).
fn start_positions(doc: &Document, pinned: &[bool]) -> Vec<Position> {
    let drawn = drawing_positions(doc);
    let count = drawn.len();
    let any_pinned = pinned.iter().any(|p| *p);
    let (mut x0, mut y0, mut x1, mut y1) = (
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    );
    for p in &drawn {
        (x0, y0, x1, y1) = (x0.min(p.x), y0.min(p.y), x1.max(p.x), y1.max(p.y));
    }
    let side = (count as f64).sqrt() * START_SPACING;
    let flat = !(x1 - x0 > 1.0 && y1 - y0 > 1.0);
    doc.stakeholders
        .iter()
        .zip(&drawn)
        .enumerate()
        .map(|(i, (person, at))| {
            if pinned.get(i).copied().unwrap_or(false) {
                return *at;
            }
            let jitter = (
                id_noise(person.id.as_str(), 1) * 4.0,
                id_noise(person.id.as_str(), 2) * 4.0,
            );
            let base = if flat {
                // A sunflower: even density, no two people on one spot.
                let radius = START_SPACING * 0.5 * (i as f64 + 0.5).sqrt();
                let angle = i as f64 * 2.399_963_229_728_653;
                let origin = if any_pinned {
                    Position::new((x0 + x1) / 2.0, (y0 + y1) / 2.0)
                } else {
                    Position::new(0.0, 0.0)
                };
                Position::new(
                    origin.x + radius * angle.cos(),
                    origin.y + radius * angle.sin(),
                )
            } else if any_pinned {
                *at
            } else {
                Position::new(
                    (at.x - x0) / (x1 - x0) * side - side / 2.0,
                    (at.y - y0) / (y1 - y0) * side - side / 2.0,
                )
            };
            Position::new(base.x + jitter.0, base.y + jitter.1)
        })
        .collect()
}

/// A Barnes–Hut quadtree in one arena, rebuilt every iteration.
#[derive(Default)]
struct QuadTree {
    nodes: Vec<Cell>,
}

#[derive(Clone, Copy)]
struct Cell {
    /// Centre and half the side of the square.
    cx: f64,
    cy: f64,
    half: f64,
    mass: f64,
    /// Mass-weighted sums of positions.
    mx: f64,
    my: f64,
    /// First of four children, or 0 for a leaf.
    children: u32,
    /// The one body of a leaf (`u32::MAX` when empty or several at the deepest level).
    body: u32,
}

const NO_BODY: u32 = u32::MAX;

impl Cell {
    fn new(cx: f64, cy: f64, half: f64) -> Self {
        Self {
            cx,
            cy,
            half,
            mass: 0.0,
            mx: 0.0,
            my: 0.0,
            children: 0,
            body: NO_BODY,
        }
    }

    fn quadrant(&self, p: Position) -> u32 {
        u32::from(p.x >= self.cx) + 2 * u32::from(p.y >= self.cy)
    }
}

impl QuadTree {
    fn build(&mut self, positions: &[Position], mass: &[f64]) {
        self.nodes.clear();
        let (mut x0, mut y0, mut x1, mut y1) = (
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        );
        for p in positions {
            (x0, y0, x1, y1) = (x0.min(p.x), y0.min(p.y), x1.max(p.x), y1.max(p.y));
        }
        if !x0.is_finite() {
            return;
        }
        let half = ((x1 - x0).max(y1 - y0) / 2.0).max(1.0) * 1.01;
        self.nodes
            .push(Cell::new((x0 + x1) / 2.0, (y0 + y1) / 2.0, half));
        for (i, (p, m)) in positions.iter().zip(mass).enumerate() {
            self.insert(i as u32, *p, *m);
        }
    }

    fn insert(&mut self, body: u32, p: Position, m: f64) {
        let mut at = 0usize;
        let mut depth = 0;
        loop {
            let next = self.nodes.len() as u32;
            let Some(cell) = self.nodes.get_mut(at) else {
                return;
            };
            if cell.children != 0 {
                cell.mass += m;
                cell.mx += m * p.x;
                cell.my += m * p.y;
                at = (cell.children + cell.quadrant(p)) as usize;
                depth += 1;
                continue;
            }
            if cell.mass == 0.0 || depth >= MAX_DEPTH {
                // An empty leaf takes the body; at the deepest level, bodies on
                // (nearly) one spot merge into one.
                cell.body = if cell.mass == 0.0 { body } else { NO_BODY };
                cell.mass += m;
                cell.mx += m * p.x;
                cell.my += m * p.y;
                return;
            }
            // A leaf with one body: split it, move that body down, and go on.
            let old = *cell;
            let first = next;
            cell.children = first;
            cell.body = NO_BODY;
            let quarter = old.half / 2.0;
            for q in 0..4 {
                let dx = if q & 1 == 1 { quarter } else { -quarter };
                let dy = if q & 2 == 2 { quarter } else { -quarter };
                self.nodes
                    .push(Cell::new(old.cx + dx, old.cy + dy, quarter));
            }
            let old_at = Position::new(old.mx / old.mass, old.my / old.mass);
            if let Some(child) = self.nodes.get_mut((first + old.quadrant(old_at)) as usize) {
                child.mass = old.mass;
                child.mx = old.mx;
                child.my = old.my;
                child.body = old.body;
            }
        }
    }

    /// The repulsion on body `i` at `p` with mass `m`.
    fn repulsion(&self, i: usize, p: Position, m: f64, stack: &mut Vec<usize>) -> (f64, f64) {
        let (mut fx, mut fy) = (0.0, 0.0);
        stack.clear();
        stack.push(0);
        let theta_sq = THETA * THETA;
        while let Some(at) = stack.pop() {
            let Some(cell) = self.nodes.get(at) else {
                continue;
            };
            if cell.mass <= 0.0 {
                continue;
            }
            if cell.children == 0 && cell.body == i as u32 {
                continue;
            }
            let (mut mass, mut mx, mut my) = (cell.mass, cell.mx, cell.my);
            let inside = (p.x - cell.cx).abs() <= cell.half && (p.y - cell.cy).abs() <= cell.half;
            if cell.children == 0 && inside && cell.body == NO_BODY {
                // A merged leaf holding this body: take it out.
                (mass, mx, my) = (mass - m, mx - m * p.x, my - m * p.y);
                if mass <= 1e-9 {
                    continue;
                }
            }
            let (cx, cy) = (mx / mass, my / mass);
            let (dx, dy) = (p.x - cx, p.y - cy);
            let d_sq = dx * dx + dy * dy;
            let far = 4.0 * cell.half * cell.half < theta_sq * d_sq;
            if cell.children == 0 || (far && !inside) {
                if d_sq > 1e-12 {
                    let k = K_REPULSION * m * mass / d_sq;
                    fx += dx * k;
                    fy += dy * k;
                }
            } else {
                stack.extend((0..4).map(|q| (cell.children + q) as usize));
            }
        }
        (fx, fy)
    }
}

/// Moves people apart until every two are at least [`MIN_SPACING`] apart (see the
/// module documentation); pinned people stay.
pub fn spread_apart(positions: &[Position], pinned: &[bool]) -> Vec<Position> {
    let mut grid = SpacingGrid::default();
    let mut out = positions.to_vec();
    for (i, p) in positions.iter().enumerate() {
        if pinned.get(i).copied().unwrap_or(false) {
            grid.add(*p);
        }
    }
    let lowest = positions
        .iter()
        .map(|p| p.y)
        .fold(f64::NEG_INFINITY, f64::max);
    let leftmost = positions.iter().map(|p| p.x).fold(f64::INFINITY, f64::min);
    let mut overflow = 0usize;
    for (i, p) in positions.iter().enumerate() {
        if pinned.get(i).copied().unwrap_or(false) {
            continue;
        }
        let start = Position::new(p.x.round(), p.y.round());
        let spot = ring_spots(start)
            .find(|s| grid.is_free(*s))
            .unwrap_or_else(|| {
                loop {
                    let s = Position::new(
                        (leftmost + overflow as f64 * MIN_SPACING).round(),
                        (lowest + 2.0 * MIN_SPACING).round(),
                    );
                    overflow += 1;
                    if grid.is_free(s) {
                        break s;
                    }
                }
            });
        grid.add(spot);
        if let Some(slot) = out.get_mut(i) {
            *slot = spot;
        }
    }
    out
}

/// `start`, then rings around it, nearest first; whole units.
fn ring_spots(start: Position) -> impl Iterator<Item = Position> {
    std::iter::once(start).chain((1..=RINGS).flat_map(move |ring| {
        let count = 6 * ring;
        let radius = ring as f64 * MIN_SPACING / 2.0;
        (0..count).map(move |k| {
            let angle = k as f64 * std::f64::consts::TAU / count as f64;
            Position::new(
                (start.x + radius * angle.cos()).round(),
                (start.y + radius * angle.sin()).round(),
            )
        })
    }))
}

/// Placed positions on a grid of cells [`MIN_SPACING`] wide.
#[derive(Default)]
struct SpacingGrid {
    cells: HashMap<(i64, i64), Vec<Position>>,
}

impl SpacingGrid {
    fn cell(p: Position) -> (i64, i64) {
        (
            (p.x / MIN_SPACING).floor() as i64,
            (p.y / MIN_SPACING).floor() as i64,
        )
    }

    fn add(&mut self, p: Position) {
        self.cells.entry(Self::cell(p)).or_default().push(p);
    }

    fn is_free(&self, p: Position) -> bool {
        if !(p.x.is_finite() && p.y.is_finite()) {
            return false;
        }
        let (cx, cy) = Self::cell(p);
        (-1..=1).all(|dx| {
            (-1..=1).all(|dy| {
                self.cells.get(&(cx + dx, cy + dy)).is_none_or(|list| {
                    list.iter()
                        .all(|q| (q.x - p.x).hypot(q.y - p.y) >= MIN_SPACING)
                })
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::model::{Relationship, Stakeholder};
    use crate::views::testing::{map_of, recipes};

    fn run(doc: &Document, pinned: HashSet<StakeholderId>) -> Vec<Position> {
        force_layout(
            doc,
            &ForceOptions { pinned },
            |_| {},
            &AtomicBool::new(false),
        )
        .expect("not cancelled")
    }

    /// The closest two people of whom at least one is not pinned.
    fn closest_unpinned(positions: &[Position], pinned: &[bool]) -> f64 {
        let mut closest = f64::INFINITY;
        for i in 0..positions.len() {
            for j in i + 1..positions.len() {
                if pinned[i] && pinned[j] {
                    continue;
                }
                let (a, b) = (positions[i], positions[j]);
                closest = closest.min((a.x - b.x).hypot(a.y - b.y));
            }
        }
        closest
    }

    /// Two departments of eight, each a chain of allies inside.
    fn two_teams() -> Document {
        let mut doc = Document::default();
        for team in ["Sales", "采购"] {
            for k in 0..8 {
                let mut p = Stakeholder::new(format!("{team}{k}"), format!("{team} {k}"));
                p.department = team.to_owned();
                doc.stakeholders.push(p);
                if k > 0 {
                    doc.relationships.push(Relationship::new(
                        format!("r{team}{k}").as_str(),
                        format!("{team}{k}").as_str(),
                        format!("{team}{}", k - 1).as_str(),
                        RelationshipKind::Ally,
                    ));
                }
            }
        }
        doc
    }

    #[test]
    fn related_people_end_closer_than_other_departments() {
        let doc = two_teams();
        let at = run(&doc, HashSet::new());
        let distance = |a: usize, b: usize| (at[a].x - at[b].x).hypot(at[a].y - at[b].y);
        let (mut inside, mut across) = (Vec::new(), Vec::new());
        for a in 0..16 {
            for b in a + 1..16 {
                if (a < 8) == (b < 8) {
                    inside.push(distance(a, b));
                } else {
                    across.push(distance(a, b));
                }
            }
        }
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
        assert!(
            mean(&inside) < 0.8 * mean(&across),
            "{} vs {}",
            mean(&inside),
            mean(&across)
        );
        // Linked people are nearer than the average pair of their department.
        let linked = (1..8).map(|k| distance(k, k - 1)).sum::<f64>() / 7.0;
        assert!(linked < mean(&inside), "{linked} vs {}", mean(&inside));
    }

    #[test]
    fn cancelling_stops_and_progress_rises_to_the_end() {
        let doc = two_teams();
        let cancel = AtomicBool::new(false);
        let mut seen = Vec::new();
        let result = force_layout(
            &doc,
            &ForceOptions::default(),
            |f| {
                seen.push(f);
                if seen.len() == 5 {
                    cancel.store(true, Ordering::Relaxed);
                }
            },
            &cancel,
        );
        assert!(result.is_none());
        assert_eq!(seen.len(), 5);
        let mut seen = Vec::new();
        let done = force_layout(
            &doc,
            &ForceOptions::default(),
            |f| seen.push(f),
            &AtomicBool::new(false),
        );
        assert!(done.is_some());
        assert!(seen.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(seen.last(), Some(&1.0));
    }

    #[test]
    fn everyone_on_one_spot_is_spread_apart() {
        let positions = vec![Position::new(5.0, 5.0); 500];
        let spread = spread_apart(&positions, &[false; 500]);
        assert!(crate::views::testing::closest_pair(&spread) >= MIN_SPACING);
        let mut doc = Document::default();
        for i in 0..300 {
            let mut p = Stakeholder::new(format!("p{i}"), "x");
            p.position = Some(Position::new(0.0, 0.0));
            doc.stakeholders.push(p);
        }
        let at = run(&doc, HashSet::new());
        assert!(crate::views::testing::closest_pair(&at) >= MIN_SPACING);
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn force_layouts_are_spaced_deterministic_and_keep_pinned_people(recipe in recipes(40)) {
            let mut doc = map_of(&recipe);
            for (i, p) in doc.stakeholders.iter_mut().enumerate() {
                if i % 5 == 2 {
                    p.position = Some(Position::new(i as f64 * 13.0, -(i as f64) * 7.0));
                }
            }
            let pinned: HashSet<StakeholderId> = doc
                .stakeholders
                .iter()
                .enumerate()
                .filter(|(i, _)| i % 5 == 2)
                .map(|(_, p)| p.id.clone())
                .collect();
            let flags: Vec<bool> = doc.stakeholders.iter().map(|p| pinned.contains(&p.id)).collect();
            let first = run(&doc, pinned.clone());
            prop_assert_eq!(first.len(), doc.stakeholders.len());
            prop_assert!(first.iter().all(|p| p.x.is_finite() && p.y.is_finite()));
            prop_assert!(closest_unpinned(&first, &flags) >= MIN_SPACING);
            for (p, at) in doc.stakeholders.iter().zip(&first) {
                if pinned.contains(&p.id) {
                    prop_assert_eq!(Some(*at), p.position);
                }
            }
            // Same map, same layout; notes do not matter.
            let mut edited = doc.clone();
            for p in &mut edited.stakeholders {
                p.notes = "other notes".to_owned();
            }
            prop_assert_eq!(&first, &run(&edited, pinned));
            let unpinned = run(&doc, HashSet::new());
            prop_assert!(crate::views::testing::closest_pair(&unpinned) >= MIN_SPACING);
        }
    }
}
