//! "Department groups" on the map: a soft labelled region behind each department's
//! people — the box around their circles and labels with some padding. Linear in the
//! number of people; departments in the order they first appear.

use std::collections::HashMap;

use super::{Backdrop, Tone, person_half_width};
use crate::export::svg::CanvasRect;
use crate::model::{Document, Position};
use crate::theme;

/// Room around the people inside a region.
const PAD: f64 = 24.0;
/// Room above the people for the region's label.
const LABEL_ROOM: f64 = 26.0;
/// How far a label reaches below a person's circle (name and title).
const LABEL_DEPTH: f64 = 34.0;

/// A region per department behind its people at `positions` (document order).
/// People in no department get none.
pub fn department_regions(doc: &Document, positions: &[Position]) -> Vec<Backdrop> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    // (label, left, top, right, bottom)
    let mut boxes: Vec<(&str, f64, f64, f64, f64)> = Vec::new();
    for (person, at) in doc.stakeholders.iter().zip(positions) {
        let department = person.department.trim();
        if department.is_empty() || !(at.x.is_finite() && at.y.is_finite()) {
            continue;
        }
        let half = person_half_width(person);
        let r = f64::from(theme::power_radius(person.power));
        let (left, top, right, bottom) =
            (at.x - half, at.y - r, at.x + half, at.y + r + LABEL_DEPTH);
        let slot = *index.entry(department).or_insert_with(|| {
            boxes.push((department, left, top, right, bottom));
            boxes.len() - 1
        });
        if let Some(b) = boxes.get_mut(slot) {
            *b = (
                b.0,
                b.1.min(left),
                b.2.min(top),
                b.3.max(right),
                b.4.max(bottom),
            );
        }
    }
    boxes
        .into_iter()
        .map(|(label, left, top, right, bottom)| Backdrop::Region {
            rect: CanvasRect {
                x: left - PAD,
                y: top - PAD - LABEL_ROOM,
                width: right - left + 2.0 * PAD,
                height: bottom - top + 2.0 * PAD + LABEL_ROOM,
            },
            label: label.to_owned(),
            tone: Tone::Group,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Stakeholder;

    #[test]
    fn each_department_gets_a_region_around_its_people() {
        let mut doc = Document::default();
        for (id, department) in [("a", "IT"), ("b", "财务"), ("c", "IT"), ("d", " ")] {
            let mut p = Stakeholder::new(id, id);
            p.department = department.to_owned();
            doc.stakeholders.push(p);
        }
        let positions = vec![
            Position::new(0.0, 0.0),
            Position::new(500.0, 0.0),
            Position::new(200.0, 300.0),
            Position::new(900.0, 900.0),
        ];
        let regions = department_regions(&doc, &positions);
        assert_eq!(regions.len(), 2);
        let Backdrop::Region { rect, label, .. } = &regions[0] else {
            panic!("a region");
        };
        assert_eq!(label, "IT");
        for at in [positions[0], positions[2]] {
            assert!(rect.x < at.x && at.x < rect.x + rect.width);
            assert!(rect.y < at.y && at.y < rect.y + rect.height);
        }
        assert!(rect.x + rect.width < 500.0, "b is outside IT's region");
        assert!(matches!(&regions[1], Backdrop::Region { label, .. } if label == "财务"));
    }
}
