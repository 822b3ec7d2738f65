//! TEMPORARY STAND-INS (h-views) for two layouts that h-layout adds to
//! `crate::views`: the force layout behind "Tidy up" and the department regions
//! behind "Department groups". The UI calls them in one place each
//! (`arrange_job::arranged_positions`, `departments::DepartmentRegions`); when
//! merging, point those calls at `views::force_layout` and
//! `views::department_regions` and delete this file.
//!
//! They are simple but honest: the tidy arrangement puts each department in a
//! block, most powerful first, never closer than `views::MIN_SPACING` to anyone,
//! pinned people untouched; the regions are the padded bounding boxes of each
//! department's people.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use crate::export::CanvasRect;
use crate::model::{Document, Position, StakeholderId};
use crate::placement::drawing_positions;
use crate::views::{Backdrop, MIN_SPACING, Tone};

/// Distance between neighbours in a department's block.
const STEP_X: f64 = 160.0;
const STEP_Y: f64 = 130.0;
/// Gap between department blocks.
const BLOCK_GAP: f64 = 200.0;
/// Padding of a department region around its people (the top holds the label).
const REGION_PAD: f64 = 60.0;
const REGION_LABEL_ROOM: f64 = 30.0;

/// Progress is reported in thousandths.
pub const PROGRESS_FULL: u32 = 1000;

/// STAND-IN for `views::force_layout`: a tidy arrangement of everyone not
/// `pinned`, department by department; `None` when cancelled.
pub fn force_layout(
    doc: &Document,
    pinned: &HashSet<StakeholderId>,
    progress: &AtomicU32,
    cancel: &AtomicBool,
) -> Option<Vec<Position>> {
    let mut positions = drawing_positions(doc);
    let origin = positions.iter().fold(None, |min: Option<Position>, p| {
        Some(match min {
            Some(m) => Position::new(m.x.min(p.x), m.y.min(p.y)),
            None => *p,
        })
    });
    let origin = origin.unwrap_or_default();
    // Pinned people are obstacles, found through a grid of MIN_SPACING cells.
    let cell = |p: Position| {
        (
            (p.x / MIN_SPACING).floor() as i64,
            (p.y / MIN_SPACING).floor() as i64,
        )
    };
    let mut taken: HashMap<(i64, i64), Vec<Position>> = HashMap::new();
    let mut groups: BTreeMap<(bool, &str), Vec<usize>> = BTreeMap::new();
    for (index, person) in doc.stakeholders.iter().enumerate() {
        if pinned.contains(&person.id) {
            if let Some(at) = positions.get(index) {
                taken.entry(cell(*at)).or_default().push(*at);
            }
        } else {
            let department = person.department.trim();
            groups
                .entry((department.is_empty(), department))
                .or_default()
                .push(index);
        }
    }
    let free = |taken: &HashMap<(i64, i64), Vec<Position>>, at: Position| {
        let (cx, cy) = cell(at);
        (cx - 1..=cx + 1).all(|x| {
            (cy - 1..=cy + 1).all(|y| {
                taken.get(&(x, y)).is_none_or(|near| {
                    near.iter()
                        .all(|p| (p.x - at.x).hypot(p.y - at.y) >= MIN_SPACING)
                })
            })
        })
    };
    let people = doc.stakeholders.len().max(1);
    let row_width = ((people as f64).sqrt() * STEP_X * 1.6).max(STEP_X * 6.0);
    let (mut x, mut y, mut row_height) = (origin.x, origin.y, 0.0f64);
    let mut done = 0usize;
    for members in groups.values_mut() {
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        members.sort_by(|a, b| {
            let key = |i: &usize| {
                doc.stakeholders
                    .get(*i)
                    .map(|p| (std::cmp::Reverse(p.power), p.name.as_str(), p.id.as_str()))
            };
            key(a).cmp(&key(b))
        });
        let across = ((members.len() as f64).sqrt().ceil() as usize).max(1);
        let block_width = across as f64 * STEP_X;
        if x > origin.x && x + block_width > origin.x + row_width {
            x = origin.x;
            y += row_height + BLOCK_GAP;
            row_height = 0.0;
        }
        let mut slot = 0usize;
        for &index in members.iter() {
            // Skip places too near a pinned person.
            let at = loop {
                let at = Position::new(
                    x + (slot % across) as f64 * STEP_X,
                    y + (slot / across) as f64 * STEP_Y,
                );
                slot += 1;
                if free(&taken, at) {
                    break at;
                }
            };
            if let Some(place) = positions.get_mut(index) {
                *place = at;
            }
        }
        let lines = slot.div_ceil(across);
        row_height = row_height.max(lines as f64 * STEP_Y);
        x += block_width + BLOCK_GAP;
        done += members.len();
        let share = (done as u64 * u64::from(PROGRESS_FULL)) / people as u64;
        progress.store(share as u32, Ordering::Relaxed);
    }
    progress.store(PROGRESS_FULL, Ordering::Relaxed);
    Some(positions)
}

/// STAND-IN for `views::department_regions`: a labelled region behind the people of
/// each department at `positions` (document order), in department order.
pub fn department_regions(doc: &Document, positions: &[Position]) -> Vec<Backdrop> {
    let mut boxes: BTreeMap<&str, (f64, f64, f64, f64)> = BTreeMap::new();
    for (person, at) in doc.stakeholders.iter().zip(positions) {
        let department = person.department.trim();
        if department.is_empty() || !at.x.is_finite() || !at.y.is_finite() {
            continue;
        }
        let bounds = boxes.entry(department).or_insert((at.x, at.y, at.x, at.y));
        *bounds = (
            bounds.0.min(at.x),
            bounds.1.min(at.y),
            bounds.2.max(at.x),
            bounds.3.max(at.y),
        );
    }
    boxes
        .into_iter()
        .map(
            |(department, (left, top, right, bottom))| Backdrop::Region {
                rect: CanvasRect {
                    x: left - REGION_PAD,
                    y: top - REGION_PAD - REGION_LABEL_ROOM,
                    width: right - left + 2.0 * REGION_PAD,
                    height: bottom - top + 2.0 * REGION_PAD + REGION_LABEL_ROOM,
                },
                label: department.to_owned(),
                tone: Tone::Group,
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stand_in_tidy_keeps_pinned_people_and_leaves_room_between_everyone() {
        let doc = crate::samples::synthetic_map(120, 3);
        let pinned: HashSet<StakeholderId> = doc
            .stakeholders
            .iter()
            .step_by(7)
            .map(|p| p.id.clone())
            .collect();
        let progress = AtomicU32::new(0);
        let positions = force_layout(&doc, &pinned, &progress, &AtomicBool::new(false)).unwrap();
        assert_eq!(progress.load(Ordering::Relaxed), PROGRESS_FULL);
        let before = drawing_positions(&doc);
        for (i, person) in doc.stakeholders.iter().enumerate() {
            if pinned.contains(&person.id) {
                assert_eq!(positions[i], before[i]);
            }
        }
        for (i, a) in positions.iter().enumerate() {
            for (j, b) in positions.iter().enumerate().skip(i + 1) {
                let both_pinned = pinned.contains(&doc.stakeholders[i].id)
                    && pinned.contains(&doc.stakeholders[j].id);
                if !both_pinned {
                    assert!((a.x - b.x).hypot(a.y - b.y) >= MIN_SPACING, "{i} {j}");
                }
            }
        }
        // Deterministic, and a cancelled run gives nothing.
        let again = force_layout(&doc, &pinned, &AtomicU32::new(0), &AtomicBool::new(false));
        assert_eq!(again.as_ref(), Some(&positions));
        assert!(force_layout(&doc, &pinned, &progress, &AtomicBool::new(true)).is_none());
    }

    #[test]
    fn each_department_gets_one_region_around_its_people() {
        let doc = crate::samples::synthetic_map(60, 3);
        let positions = drawing_positions(&doc);
        let regions = department_regions(&doc, &positions);
        let departments: std::collections::BTreeSet<&str> = doc
            .stakeholders
            .iter()
            .map(|p| p.department.trim())
            .filter(|d| !d.is_empty())
            .collect();
        assert_eq!(regions.len(), departments.len());
        for (person, at) in doc.stakeholders.iter().zip(&positions) {
            let inside = regions.iter().any(|r| match r {
                Backdrop::Region { rect, label, .. } => {
                    label == person.department.trim()
                        && (rect.x..rect.x + rect.width).contains(&at.x)
                        && (rect.y..rect.y + rect.height).contains(&at.y)
                }
                _ => false,
            });
            assert!(
                person.department.trim().is_empty() || inside,
                "{}",
                person.id
            );
        }
    }
}
