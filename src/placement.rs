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

/// How far a new person stays from the centre of anyone else, in canvas units: two
/// of the largest circles and the name under them.
const PERSON_CLEARANCE: f64 = 2.0 * crate::theme::MAX_NODE_RADIUS as f64 + 40.0;
/// How far a new person stays from any line, in canvas units.
const LINE_CLEARANCE: f64 = crate::theme::MAX_NODE_RADIUS as f64 + 12.0;
/// Distance between the rings of places tried around the centre.
const RING_STEP: f64 = 60.0;
/// Rings tried; the farthest place is `RINGS * RING_STEP` from the centre.
const RINGS: usize = 12;

/// A place for a new person near `center`, away from everyone and from every line:
/// the nearest free place on rings around the centre, or the roomiest place tried
/// when none is free. Linear in the number of people and lines.
pub fn free_spot_near(doc: &Document, center: Position) -> Position {
    let reach = RINGS as f64 * RING_STEP;
    let positions = drawing_positions(doc);
    let near = |p: &Position| (p.x - center.x).hypot(p.y - center.y) <= reach + PERSON_CLEARANCE;
    let people: Vec<Position> = positions.iter().copied().filter(near).collect();
    let index: std::collections::HashMap<&str, usize> = doc
        .stakeholders
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let lines: Vec<(Position, Position)> = doc
        .relationships
        .iter()
        .filter_map(|line| {
            let a = *positions.get(*index.get(line.from.as_str())?)?;
            let b = *positions.get(*index.get(line.to.as_str())?)?;
            (distance_to_segment(center, a, b) <= reach + LINE_CLEARANCE).then_some((a, b))
        })
        .collect();
    let room = |spot: Position| {
        let to_people = people
            .iter()
            .map(|p| (p.x - spot.x).hypot(p.y - spot.y) - PERSON_CLEARANCE)
            .fold(f64::INFINITY, f64::min);
        let to_lines = lines
            .iter()
            .map(|(a, b)| distance_to_segment(spot, *a, *b) - LINE_CLEARANCE)
            .fold(f64::INFINITY, f64::min);
        to_people.min(to_lines)
    };
    let mut best = (f64::NEG_INFINITY, center);
    for spot in ring_spots(center) {
        let spare = room(spot);
        if spare >= 0.0 {
            return spot;
        }
        if spare > best.0 {
            best = (spare, spot);
        }
    }
    best.1
}

/// The centre, then rings of places around it, nearest first; whole units.
fn ring_spots(center: Position) -> impl Iterator<Item = Position> {
    std::iter::once(center).chain((1..=RINGS).flat_map(move |ring| {
        let count = 6 * ring;
        let radius = ring as f64 * RING_STEP;
        (0..count).map(move |k| {
            // Start straight below the centre, where an org chart has room to grow.
            let angle =
                std::f64::consts::FRAC_PI_2 + k as f64 * std::f64::consts::TAU / count as f64;
            Position::new(
                (center.x + radius * angle.cos()).round(),
                (center.y + radius * angle.sin()).round(),
            )
        })
    }))
}

/// Distance from `p` to the segment from `a` to `b`.
fn distance_to_segment(p: Position, a: Position, b: Position) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let length_sq = dx * dx + dy * dy;
    let t = if length_sq > 0.0 {
        (((p.x - a.x) * dx + (p.y - a.y) * dy) / length_sq).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (p.x - (a.x + t * dx)).hypot(p.y - (a.y + t * dy))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Relationship, RelationshipKind, Stakeholder};

    fn person(id: &str, x: f64, y: f64) -> Stakeholder {
        Stakeholder {
            position: Some(Position::new(x, y)),
            ..Stakeholder::new(id, id)
        }
    }

    fn clear_of_everything(doc: &Document, spot: Position) -> bool {
        let positions = drawing_positions(doc);
        let people = positions
            .iter()
            .all(|p| (p.x - spot.x).hypot(p.y - spot.y) >= PERSON_CLEARANCE);
        let lines = doc.relationships.iter().all(|line| {
            let at = |id: &crate::model::StakeholderId| {
                doc.stakeholder_index(id)
                    .and_then(|i| positions.get(i))
                    .copied()
            };
            let (Some(a), Some(b)) = (at(&line.from), at(&line.to)) else {
                return true;
            };
            distance_to_segment(spot, a, b) >= LINE_CLEARANCE
        });
        people && lines
    }

    #[test]
    fn an_empty_map_takes_the_centre() {
        let doc = Document::default();
        let center = Position::new(12.0, -40.0);
        assert_eq!(free_spot_near(&doc, center), center);
    }

    #[test]
    fn a_line_through_the_centre_pushes_the_new_person_off_it() {
        let mut doc = Document::default();
        doc.stakeholders.push(person("a", -300.0, 0.0));
        doc.stakeholders.push(person("b", 300.0, 0.0));
        doc.relationships.push(Relationship::new(
            "r1",
            "a",
            "b",
            RelationshipKind::ReportsTo,
        ));
        let spot = free_spot_near(&doc, Position::new(0.0, 0.0));
        assert!(clear_of_everything(&doc, spot), "{spot:?}");
        assert!(
            spot.x.hypot(spot.y) <= 2.0 * RING_STEP,
            "stays near: {spot:?}"
        );
    }

    #[test]
    fn a_crowded_centre_finds_the_nearest_free_place() {
        let mut doc = Document::default();
        // A 5 × 5 block of people around the centre, 100 apart, chained by lines.
        for row in 0..5 {
            for col in 0..5 {
                let id = format!("p{row}-{col}");
                doc.stakeholders.push(person(
                    &id,
                    f64::from(col - 2) * 100.0,
                    f64::from(row - 2) * 100.0,
                ));
                if col > 0 {
                    doc.relationships.push(Relationship::new(
                        format!("r{row}-{col}").as_str(),
                        format!("p{row}-{}", col - 1).as_str(),
                        id.as_str(),
                        RelationshipKind::Influences,
                    ));
                }
            }
        }
        let center = Position::new(0.0, 0.0);
        let spot = free_spot_near(&doc, center);
        assert!(clear_of_everything(&doc, spot), "{spot:?}");
        // Nothing nearer on the rings is free.
        let distance = spot.x.hypot(spot.y);
        for nearer in ring_spots(center).filter(|s| s.x.hypot(s.y) < distance - 1.0) {
            assert!(
                !clear_of_everything(&doc, nearer),
                "{nearer:?} was free too"
            );
        }
    }

    #[test]
    fn no_free_place_gives_the_roomiest_one_tried() {
        let mut doc = Document::default();
        // People everywhere within reach, 50 apart: nowhere is free.
        for row in -16..=16 {
            for col in -16..=16 {
                doc.stakeholders.push(person(
                    &format!("p{row}_{col}"),
                    f64::from(col) * 50.0,
                    f64::from(row) * 50.0,
                ));
            }
        }
        let spot = free_spot_near(&doc, Position::new(0.0, 0.0));
        assert!(spot.x.is_finite() && spot.y.is_finite());
        assert!(spot.x.hypot(spot.y) <= RINGS as f64 * RING_STEP + 1.0);
    }
}
