//! Lines that go around people: a relationship line that would pass through a third
//! person's circle is drawn as a gentle curve bending away from them, so nobody looks
//! part of a conflict or an alliance they are not in. Shared by the canvas and the
//! exported pictures, so both bend the same lines the same way.
//!
//! A line from `a` to `b` with bend `h` is the quadratic Bézier curve whose control
//! point is the midpoint moved `2h` along the left normal of `a→b`: it leaves the
//! straight line by `4h·t(1−t)` at parameter `t`, so by `h` in the middle. For each
//! person near the straight line the bend that clears them follows from that formula;
//! the line bends to the side that needs less.

use std::collections::HashMap;

/// Extra room kept between a bent line and a circle it goes around, in canvas units.
pub const CLEARANCE: f64 = 10.0;
/// A line bends at most this share of its length, so a blocked line stays a line.
const MAX_BEND_SHARE: f64 = 0.35;
/// People this close to either end (as a share of the line) are not routed around:
/// no gentle curve could avoid them.
const END_SHARE: f64 = 0.08;
/// Cells visited per line at most; longer lines are routed around what lies within
/// this many cells (about 400 × 100 canvas units) and stay straight beyond.
const MAX_CELLS_PER_LINE: usize = 400;

/// A circle lines go around: centre and radius in canvas units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Circle {
    /// Centre, x.
    pub x: f64,
    /// Centre, y (downwards).
    pub y: f64,
    /// Radius.
    pub r: f64,
}

/// The people's circles (and the names under them), bucketed on a grid so a line
/// finds the ones it passes near in time proportional to its length.
#[derive(Clone, Debug, Default)]
pub struct ObstacleIndex {
    /// Each person's circle, by person index.
    people: Vec<Circle>,
    /// Everything lines go around, with the index of the person it belongs to.
    obstacles: Vec<(u32, Circle)>,
    cell: f64,
    cells: Buckets,
}

/// The obstacles of each grid cell. A flat grid over the occupied cells when it is
/// not much larger than the obstacles (the canvas indexes a few screens around the
/// view: always), a hash map otherwise (a sparse map exported whole).
#[derive(Clone, Debug)]
enum Buckets {
    Flat {
        /// The first cell (column, row) of the grid.
        origin: (i64, i64),
        columns: usize,
        rows: usize,
        /// Where each cell's slots start in `slots` (one more entry than cells).
        starts: Vec<u32>,
        slots: Vec<u32>,
    },
    Sparse(HashMap<(i64, i64), Vec<u32>>),
}

impl Default for Buckets {
    fn default() -> Self {
        Self::Sparse(HashMap::new())
    }
}

/// A flat grid is used when it has at most this many cells per obstacle (or a few
/// thousand cells in all).
const FLAT_CELLS_PER_OBSTACLE: usize = 8;
const FLAT_CELLS_MIN: usize = 4_096;

impl Buckets {
    /// Buckets the obstacles whose cells are `cells` (by slot); `allow_flat` false
    /// forces the hash map (tests compare both).
    fn new(cells: &[(i64, i64)], allow_flat: bool) -> Self {
        if allow_flat && let Some(flat) = Self::flat(cells) {
            return flat;
        }
        let mut map: HashMap<(i64, i64), Vec<u32>> = HashMap::with_capacity(cells.len());
        for (slot, cell) in cells.iter().enumerate() {
            if let Ok(slot) = u32::try_from(slot) {
                map.entry(*cell).or_default().push(slot);
            }
        }
        Self::Sparse(map)
    }

    fn flat(cells: &[(i64, i64)]) -> Option<Self> {
        let (first, rest) = cells.split_first()?;
        let (mut min, mut max) = (*first, *first);
        for &(x, y) in rest {
            min = (min.0.min(x), min.1.min(y));
            max = (max.0.max(x), max.1.max(y));
        }
        let columns = usize::try_from(max.0.checked_sub(min.0)?.checked_add(1)?).ok()?;
        let rows = usize::try_from(max.1.checked_sub(min.1)?.checked_add(1)?).ok()?;
        let count = columns.checked_mul(rows)?;
        let limit = cells
            .len()
            .saturating_mul(FLAT_CELLS_PER_OBSTACLE)
            .max(FLAT_CELLS_MIN);
        if count > limit || u32::try_from(cells.len()).is_err() {
            return None;
        }
        let at = |(x, y): (i64, i64)| (y - min.1) as usize * columns + (x - min.0) as usize;
        let mut starts = vec![0_u32; count + 1];
        for &cell in cells {
            if let Some(next) = starts.get_mut(at(cell) + 1) {
                *next += 1;
            }
        }
        for i in 1..starts.len() {
            let before = starts.get(i - 1).copied().unwrap_or(0);
            if let Some(start) = starts.get_mut(i) {
                *start += before;
            }
        }
        let mut filled = starts.clone();
        let mut slots = vec![0_u32; cells.len()];
        for (slot, &cell) in cells.iter().enumerate() {
            if let Some(next) = filled.get_mut(at(cell))
                && let Some(place) = slots.get_mut(*next as usize)
            {
                *place = slot as u32;
                *next += 1;
            }
        }
        Some(Self::Flat {
            origin: min,
            columns,
            rows,
            starts,
            slots,
        })
    }

    /// The slots of the obstacles in cell (column, row).
    fn get(&self, (x, y): (i64, i64)) -> &[u32] {
        match self {
            Self::Flat {
                origin,
                columns,
                rows,
                starts,
                slots,
            } => {
                let (Some(column), Some(row)) = (x.checked_sub(origin.0), y.checked_sub(origin.1))
                else {
                    return &[];
                };
                let (Ok(column), Ok(row)) = (usize::try_from(column), usize::try_from(row)) else {
                    return &[];
                };
                if column >= *columns || row >= *rows {
                    return &[];
                }
                let cell = row * columns + column;
                match (starts.get(cell), starts.get(cell + 1)) {
                    (Some(&from), Some(&to)) => {
                        slots.get(from as usize..to as usize).unwrap_or(&[])
                    }
                    _ => &[],
                }
            }
            Self::Sparse(map) => map.get(&(x, y)).map_or(&[], Vec::as_slice),
        }
    }
}

/// Height of one line of text under a circle, in canvas units at 100 %.
const LABEL_ROW: f64 = 17.0;
/// Gap between a circle and the name under it.
const LABEL_GAP: f64 = 3.0;

impl ObstacleIndex {
    /// An index of the people's `circles` (their order gives each an index).
    /// Non-finite circles are left out.
    pub fn new(circles: Vec<Circle>) -> Self {
        Self::with_labels(circles, &[])
    }

    /// An index of the people's circles and of the names under them, `labels` =
    /// (width, height) in canvas units at 100 % ((0, 0) for none): a name is rows of
    /// small circles, so lines go around it as around a person.
    pub fn with_labels(circles: Vec<Circle>, labels: &[(f64, f64)]) -> Self {
        Self::with_labels_where(circles, labels, |_| true)
    }

    /// As [`Self::with_labels`], with only the people for whom `near` holds as
    /// obstacles (all of them can still be the ends of a line): the canvas indexes
    /// the people around the view only.
    pub fn with_labels_where(
        circles: Vec<Circle>,
        labels: &[(f64, f64)],
        near: impl Fn(&Circle) -> bool,
    ) -> Self {
        Self::build(circles, labels, near, true)
    }

    fn build(
        circles: Vec<Circle>,
        labels: &[(f64, f64)],
        near: impl Fn(&Circle) -> bool,
        allow_flat: bool,
    ) -> Self {
        let mut obstacles = Vec::with_capacity(circles.len() * 3);
        for (index, c) in circles.iter().enumerate() {
            let Ok(owner) = u32::try_from(index) else {
                break;
            };
            if !(c.x.is_finite() && c.y.is_finite() && c.r.is_finite() && near(c)) {
                continue;
            }
            obstacles.push((owner, *c));
            let (width, height) = labels.get(index).copied().unwrap_or((0.0, 0.0));
            if !(width.is_finite() && height.is_finite() && width > 0.0 && height > 0.0) {
                continue;
            }
            let radius = LABEL_ROW / 2.0;
            let across = (width / LABEL_ROW).ceil().clamp(1.0, 16.0) as usize;
            let down = (height / LABEL_ROW).ceil().clamp(1.0, 4.0) as usize;
            for row in 0..down {
                let y = c.y + c.r + LABEL_GAP + radius + row as f64 * LABEL_ROW;
                for k in 0..across {
                    let share = if across > 1 {
                        k as f64 / (across - 1) as f64
                    } else {
                        0.5
                    };
                    let x = c.x - width / 2.0 + radius + (width - 2.0 * radius).max(0.0) * share;
                    obstacles.push((owner, Circle { x, y, r: radius }));
                }
            }
        }
        let largest = obstacles.iter().map(|(_, c)| c.r).fold(1.0_f64, f64::max);
        let cell = 2.0 * (largest + CLEARANCE);
        let of_slots: Vec<(i64, i64)> = obstacles
            .iter()
            .map(|(_, c)| cell_of(c.x, c.y, cell))
            .collect();
        let cells = Buckets::new(&of_slots, allow_flat);
        Self {
            people: circles,
            obstacles,
            cell,
            cells,
        }
    }

    /// The circle of person `index`.
    pub fn circle(&self, index: usize) -> Option<Circle> {
        self.people.get(index).copied()
    }

    /// The bend of the line from person `from` to person `to` that clears everyone
    /// else (and their names) near it; 0 when nothing is in the way.
    pub fn bend(&self, from: usize, to: usize) -> f64 {
        let (Some(a), Some(b)) = (self.circle(from), self.circle(to)) else {
            return 0.0;
        };
        let near = self.near_segment((a.x, a.y), (b.x, b.y), [from, to]);
        bend_around(
            (a.x, a.y),
            (b.x, b.y),
            near.iter()
                .filter_map(|&slot| self.obstacles.get(slot).map(|(_, c)| *c)),
        )
    }

    /// Slots of the obstacles whose cell lies within one cell of the segment, except
    /// those of the people in `skip`; each once.
    fn near_segment(&self, a: (f64, f64), b: (f64, f64), skip: [usize; 2]) -> Vec<usize> {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let length = dx.hypot(dy);
        if !length.is_finite() || self.cell <= 0.0 {
            return Vec::new();
        }
        let steps = ((length / (self.cell * 0.5)).ceil() as usize).min(MAX_CELLS_PER_LINE);
        let mut found = Vec::new();
        let mut last = None;
        for step in 0..=steps {
            let t = if steps == 0 {
                0.0
            } else {
                step as f64 / steps as f64
            };
            let (cx, cy) = cell_of(a.0 + dx * t, a.1 + dy * t, self.cell);
            if last == Some((cx, cy)) {
                continue;
            }
            last = Some((cx, cy));
            for ox in -1..=1 {
                for oy in -1..=1 {
                    let members = self.cells.get((cx + ox, cy + oy));
                    found.extend(members.iter().map(|&slot| slot as usize).filter(|slot| {
                        self.obstacles
                            .get(*slot)
                            .is_some_and(|(owner, _)| !skip.contains(&(*owner as usize)))
                    }));
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }
}

fn cell_of(x: f64, y: f64, cell: f64) -> (i64, i64) {
    ((x / cell).floor() as i64, (y / cell).floor() as i64)
}

/// The bend of the line from `a` to `b` that clears `obstacles` by [`CLEARANCE`]
/// (positive: towards the left normal `(-dy, dx)`); 0 when none is in the way.
/// Obstacles at the very ends are ignored, and the bend is capped at a share of the
/// length (the line then still bends visibly away from them).
pub fn bend_around(
    a: (f64, f64),
    b: (f64, f64),
    obstacles: impl IntoIterator<Item = Circle>,
) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length = dx.hypot(dy);
    if !(length.is_finite() && length > 1.0) {
        return 0.0;
    }
    let (ux, uy) = (dx / length, dy / length);
    let (nx, ny) = (-uy, ux);
    // For each side, the bends that would run into an obstacle: from where the curve
    // reaches it to where it has passed it. A bend of 0 is the straight line.
    let (mut left, mut right, mut blocked) = (Vec::new(), Vec::new(), false);
    for c in obstacles {
        let (px, py) = (c.x - a.0, c.y - a.1);
        let t = (px * ux + py * uy) / length;
        if !(END_SHARE..=1.0 - END_SHARE).contains(&t) {
            continue;
        }
        let d = px * nx + py * ny;
        let reach = c.r + CLEARANCE;
        if !(reach.is_finite() && d.is_finite()) {
            continue;
        }
        blocked |= d.abs() < reach;
        // The curve must keep its distance over the obstacle's whole width along the
        // line, where it leaves the straight line least (or most).
        let half = reach / length;
        let (t0, t1) = ((t - half).max(0.0), (t + half).min(1.0));
        let (s0, s1) = (4.0 * t0 * (1.0 - t0), 4.0 * t1 * (1.0 - t1));
        let (least, most) = (s0.min(s1).max(1e-6), s0.max(s1).max(1e-6));
        for (side, intervals) in [(1.0, &mut left), (-1.0, &mut right)] {
            let along = side * d;
            intervals.push(((along - reach) / most, (along + reach) / least));
        }
    }
    if !blocked {
        return 0.0;
    }
    let cap = MAX_BEND_SHARE * length;
    let (up, down) = (smallest_clear_bend(left), smallest_clear_bend(right));
    if up <= down {
        up.min(cap)
    } else {
        -down.min(cap)
    }
}

/// The smallest bend ≥ 0 outside every forbidden interval (lo, hi).
fn smallest_clear_bend(mut intervals: Vec<(f64, f64)>) -> f64 {
    intervals.sort_by(|x, y| x.0.total_cmp(&y.0));
    let mut bend = 0.0_f64;
    // Intervals merged as they come, so raising the bend past one never lands it in
    // an earlier one.
    let mut merged: Option<(f64, f64)> = None;
    for (lo, hi) in intervals {
        merged = match merged {
            Some((mlo, mhi)) if lo < mhi => Some((mlo, mhi.max(hi))),
            Some((mlo, mhi)) => {
                if bend > mlo && bend < mhi {
                    bend = mhi;
                }
                Some((lo, hi))
            }
            None => Some((lo, hi)),
        };
    }
    if let Some((mlo, mhi)) = merged
        && bend > mlo
        && bend < mhi
    {
        bend = mhi;
    }
    bend
}

/// The point at `t` (0–1) of the line from `a` to `b` with `bend`.
pub fn point_at(a: (f64, f64), b: (f64, f64), bend: f64, t: f64) -> (f64, f64) {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length = dx.hypot(dy).max(f64::EPSILON);
    let (nx, ny) = (-dy / length, dx / length);
    let off = 4.0 * bend * t * (1.0 - t);
    (a.0 + dx * t + nx * off, a.1 + dy * t + ny * off)
}

/// The control point of the quadratic Bézier curve of the line (for SVG `Q`), and
/// the direction the curve leaves `a` towards.
pub fn control_point(a: (f64, f64), b: (f64, f64), bend: f64) -> (f64, f64) {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length = dx.hypot(dy).max(f64::EPSILON);
    let (nx, ny) = (-dy / length, dx / length);
    (
        a.0 + dx * 0.5 + nx * 2.0 * bend,
        a.1 + dy * 0.5 + ny * 2.0 * bend,
    )
}

/// The part of the segment from `a` to `b` inside the rectangle from `min` to `max`,
/// as the parameters (t0, t1) along it (Liang–Barsky); `None` when it misses.
pub fn clip_params(
    a: (f64, f64),
    b: (f64, f64),
    min: (f64, f64),
    max: (f64, f64),
) -> Option<(f64, f64)> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
    for (p, q) in [
        (-dx, a.0 - min.0),
        (dx, max.0 - a.0),
        (-dy, a.1 - min.1),
        (dy, max.1 - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    (t0 <= t1).then_some((t0, t1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn distance_from_curve(a: (f64, f64), b: (f64, f64), bend: f64, c: Circle) -> f64 {
        (0..=400)
            .map(|i| {
                let (x, y) = point_at(a, b, bend, f64::from(i) / 400.0);
                (x - c.x).hypot(y - c.y)
            })
            .fold(f64::INFINITY, f64::min)
    }

    #[test]
    fn a_line_through_a_third_person_bends_around_them() {
        let person = Circle {
            x: 200.0,
            y: 5.0,
            r: 20.0,
        };
        let (a, b) = ((0.0, 0.0), (400.0, 0.0));
        let bend = bend_around(a, b, [person]);
        assert!(bend != 0.0);
        // The person sits slightly to the left (+y is the left normal of +x here), so
        // the line goes right, the shorter way round.
        assert!(bend < 0.0, "{bend}");
        assert!(distance_from_curve(a, b, bend, person) >= person.r + CLEARANCE - 0.5);
    }

    #[test]
    fn nothing_in_the_way_means_a_straight_line() {
        let aside = Circle {
            x: 200.0,
            y: 80.0,
            r: 20.0,
        };
        assert_eq!(bend_around((0.0, 0.0), (400.0, 0.0), [aside]), 0.0);
        let index = ObstacleIndex::new(vec![
            Circle {
                x: 0.0,
                y: 0.0,
                r: 20.0,
            },
            Circle {
                x: 400.0,
                y: 0.0,
                r: 20.0,
            },
            aside,
        ]);
        assert_eq!(index.bend(0, 1), 0.0);
    }

    #[test]
    fn the_index_finds_the_person_in_the_way() {
        let index = ObstacleIndex::new(vec![
            Circle {
                x: 0.0,
                y: 0.0,
                r: 20.0,
            },
            Circle {
                x: 3_000.0,
                y: 0.0,
                r: 20.0,
            },
            Circle {
                x: 1_500.0,
                y: -3.0,
                r: 30.0,
            },
        ]);
        assert!(index.bend(0, 1) > 0.0);
        assert!(
            index.bend(1, 0) < 0.0,
            "the same curve seen from the other end"
        );
        assert_eq!(index.bend(0, 7), 0.0, "an unknown end is no line");
    }

    #[test]
    fn a_line_goes_around_the_person_on_the_side_away_from_their_name() {
        let circles = vec![
            Circle {
                x: 0.0,
                y: 0.0,
                r: 22.0,
            },
            Circle {
                x: 300.0,
                y: 0.0,
                r: 22.0,
            },
            Circle {
                x: 600.0,
                y: 0.0,
                r: 22.0,
            },
        ];
        let index =
            ObstacleIndex::with_labels(circles, &[(40.0, 17.0), (40.0, 17.0), (40.0, 17.0)]);
        let bend = index.bend(0, 2);
        // The name hangs below (+y, the left normal of a line to +x): go above.
        assert!(bend < 0.0, "{bend}");
        assert!(
            index.bend(2, 0) > 0.0,
            "the same side seen from the other end"
        );
    }

    #[test]
    fn a_line_goes_around_a_name_too() {
        // The line passes under the middle person's circle, through the name.
        let circles = vec![
            Circle {
                x: 0.0,
                y: 40.0,
                r: 20.0,
            },
            Circle {
                x: 300.0,
                y: 0.0,
                r: 20.0,
            },
            Circle {
                x: 600.0,
                y: 40.0,
                r: 20.0,
            },
        ];
        assert_eq!(ObstacleIndex::new(circles.clone()).bend(0, 2), 0.0);
        let labelled =
            ObstacleIndex::with_labels(circles, &[(40.0, 17.0), (60.0, 17.0), (40.0, 17.0)]);
        assert!(labelled.bend(0, 2) != 0.0);
        // The line's own ends' names are no obstacle.
        let own = ObstacleIndex::with_labels(
            vec![
                Circle {
                    x: 0.0,
                    y: 0.0,
                    r: 20.0,
                },
                Circle {
                    x: 0.0,
                    y: 300.0,
                    r: 20.0,
                },
            ],
            &[(80.0, 17.0), (80.0, 17.0)],
        );
        assert_eq!(own.bend(0, 1), 0.0);
    }

    proptest! {
        /// The flat grid finds exactly what the hash map finds, for any people and
        /// any line between two of them.
        #[test]
        fn the_flat_grid_and_the_hash_map_find_the_same_obstacles(
            people in proptest::collection::vec(
                (-1_000.0f64..1_000.0, -1_000.0f64..1_000.0, 5.0f64..38.0, 0.0f64..200.0), 2..60),
            ends in (0usize..60, 0usize..60),
        ) {
            let circles: Vec<Circle> = people.iter().map(|&(x, y, r, _)| Circle { x, y, r }).collect();
            let labels: Vec<(f64, f64)> = people.iter().map(|&(_, _, _, w)| (w, 17.0)).collect();
            let flat = ObstacleIndex::build(circles.clone(), &labels, |c| c.x < 500.0, true);
            let sparse = ObstacleIndex::build(circles, &labels, |c| c.x < 500.0, false);
            let is_flat =
                matches!(flat.cells, Buckets::Flat { .. }) || flat.obstacles.is_empty();
            let is_sparse = matches!(sparse.cells, Buckets::Sparse(_));
            prop_assert!(is_flat && is_sparse);
            let (from, to) = (ends.0 % people.len(), ends.1 % people.len());
            let (a, b) = (flat.people[from], flat.people[to]);
            prop_assert_eq!(
                flat.near_segment((a.x, a.y), (b.x, b.y), [from, to]),
                sparse.near_segment((a.x, a.y), (b.x, b.y), [from, to])
            );
            prop_assert_eq!(flat.bend(from, to).to_bits(), sparse.bend(from, to).to_bits());
        }

        #[test]
        fn every_person_in_the_middle_of_the_line_is_cleared_unless_capped(
            obstacles in proptest::collection::vec(
                (0.15f64..0.85, -40.0f64..40.0, 5.0f64..38.0), 0..6),
            length in 200.0f64..3_000.0,
        ) {
            let (a, b) = ((0.0, 0.0), (length, 0.0));
            let circles: Vec<Circle> = obstacles
                .iter()
                .map(|&(t, d, r)| Circle { x: t * length, y: d, r })
                .collect();
            let bend = bend_around(a, b, circles.iter().copied());
            if bend.abs() < MAX_BEND_SHARE * length - 1e-9 {
                // Every circle is cleared: those the straight line crossed and those
                // beside it.
                for c in &circles {
                    prop_assert!(distance_from_curve(a, b, bend, *c) >= c.r + CLEARANCE - 1.0);
                }
            }
            prop_assert!(bend.abs() <= MAX_BEND_SHARE * length + 1e-9);
        }
    }
}
