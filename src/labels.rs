//! Names that never overlap: the most powerful person is named first, and a name is
//! left out where it would cover one already placed. Shared by the canvas (per zoom)
//! and the exported pictures, so both keep the same names.

use std::collections::HashMap;

/// A name that may be drawn: its box (any units, y down) and who comes first.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelBox {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
    /// Higher is named first (the power level); ties keep the given order.
    pub priority: u8,
}

impl LabelBox {
    fn overlaps(&self, other: &Self) -> bool {
        // Touching counts: names need a hair of space between them.
        self.x <= other.x + other.width
            && other.x <= self.x + self.width
            && self.y <= other.y + other.height
            && other.y <= self.y + self.height
    }

    fn is_finite(&self) -> bool {
        [self.x, self.y, self.width, self.height]
            .iter()
            .all(|v| v.is_finite())
    }
}

/// Which boxes get drawn: highest priority first (then in order), a box is admitted
/// when it overlaps none admitted before. `cell` is the size of the grid that finds
/// neighbours (about one name), so this is O(n log n) for names of about that size.
pub fn admit(boxes: &[LabelBox], cell: (f64, f64)) -> Vec<bool> {
    let mut admitted = vec![false; boxes.len()];
    let (cw, ch) = (cell.0.max(1.0), cell.1.max(1.0));
    let mut order: Vec<usize> = (0..boxes.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(boxes.get(i).map_or(0, |b| b.priority)));
    let mut grid: HashMap<(i64, i64), Vec<LabelBox>> = HashMap::with_capacity(boxes.len());
    let cell_of = |x: f64, y: f64| ((x / cw).floor() as i64, (y / ch).floor() as i64);
    for i in order {
        let Some(candidate) = boxes.get(i) else {
            continue;
        };
        if !candidate.is_finite() {
            continue;
        }
        let min = cell_of(candidate.x, candidate.y);
        let max = cell_of(
            candidate.x + candidate.width,
            candidate.y + candidate.height,
        );
        let cells = || (min.0..=max.0).flat_map(move |x| (min.1..=max.1).map(move |y| (x, y)));
        let free = cells().all(|cell| {
            grid.get(&cell)
                .is_none_or(|taken| taken.iter().all(|other| !other.overlaps(candidate)))
        });
        if free {
            for cell in cells() {
                grid.entry(cell).or_default().push(*candidate);
            }
            if let Some(slot) = admitted.get_mut(i) {
                *slot = true;
            }
        }
    }
    admitted
}
