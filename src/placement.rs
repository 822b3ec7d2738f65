//! Where each person is drawn — on the canvas and in exported pictures alike.
//! People without a position are put on a grid below the others (for drawing only:
//! the document keeps them unplaced until the user moves them).

use crate::model::{Document, Position};

/// Spacing of the grid that holds people who have no position yet.
const GRID_STEP: (f64, f64) = (170.0, 140.0);
const GRID_COLUMNS: usize = 8;

/// The drawing position of each person, in document order.
pub fn drawing_positions(doc: &Document) -> Vec<Position> {
    let (mut min_x, mut max_y) = (f64::INFINITY, f64::NEG_INFINITY);
    for Position { x, y } in doc.stakeholders.iter().filter_map(|s| s.position) {
        min_x = min_x.min(x);
        max_y = max_y.max(y);
    }
    let (origin_x, origin_y) = if min_x.is_finite() {
        (min_x, max_y + GRID_STEP.1 * 1.5)
    } else {
        (0.0, 0.0)
    };
    let mut unplaced = 0;
    doc.stakeholders
        .iter()
        .map(|person| match person.position {
            Some(position) => position,
            None => {
                let (col, row) = (unplaced % GRID_COLUMNS, unplaced / GRID_COLUMNS);
                unplaced += 1;
                Position::new(
                    origin_x + col as f64 * GRID_STEP.0,
                    origin_y + row as f64 * GRID_STEP.1,
                )
            }
        })
        .collect()
}
