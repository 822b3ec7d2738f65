//! A comparison's marks on the canvas: someone gone is a dashed, faded ghost where
//! they were (or beside someone they were linked to), with their gone lines dashed
//! in grey; new and changed people carry small chips above their circle — "new",
//! the stance with ↑ or ↓, power, role, owner, "edited". Only what is in view is
//! drawn; far zoomed out a chip becomes a dot.

use egui::{Align2, FontId, Painter, Pos2, Rect, Shape, Stroke, Vec2};

use super::ViewTransform;
use super::graph_sync::SyncedGraph;
use super::person_node::MIN_SCREEN_RADIUS;
use crate::sync::marks::{ChangeMarks, Direction, GhostEnd, PersonMarks};
use crate::theme::{self, Rgb, power_radius};
use crate::ui::i18n::{T, Tr};
use crate::ui::theme::{LABEL_HALO, color};

/// Chip text size on screen, in points.
const CHIP_SIZE: f32 = 11.0;
/// Below this screen radius a person's chips are one dot.
const CHIP_MIN_RADIUS: f32 = 6.0;
/// How far from the person they were linked to a ghost stands, in canvas units.
const GHOST_DISTANCE: f32 = 110.0;
/// Ghosts without anyone to stand beside: this many per row, this far apart.
const GHOST_ROW: usize = 12;
const GHOST_SPACING: f32 = 120.0;

/// Where each ghost is drawn, in canvas coordinates: where they were, on the map
/// when the older version says; else beside the person they were linked to, each
/// further one around them; else in rows below `content`.
pub fn ghost_positions(
    marks: &ChangeMarks,
    synced: &SyncedGraph,
    on_map: bool,
    content: Rect,
) -> Vec<Pos2> {
    let below = if content.is_positive() {
        Pos2::new(content.min.x, content.max.y + GHOST_SPACING)
    } else {
        Pos2::ZERO
    };
    marks
        .ghosts
        .iter()
        .map(|ghost| {
            let place = &ghost.place;
            if on_map && let Some(at) = place.was_at {
                return Pos2::new(at.x as f32, at.y as f32);
            }
            if let Some(anchor) = place.near.as_ref().and_then(|id| synced.position_of(id)) {
                // Around the anchor, starting below it, a golden angle apart.
                let slot = place.slot as f32;
                let angle = std::f32::consts::FRAC_PI_2 + slot * 2.399_963;
                let distance = GHOST_DISTANCE * (1.0 + 0.35 * slot.sqrt());
                return anchor + Vec2::angled(angle) * distance;
            }
            let (column, row) = (place.slot % GHOST_ROW, place.slot / GHOST_ROW);
            below + Vec2::new(column as f32, row as f32) * GHOST_SPACING
        })
        .collect()
}

/// The ghosts and the gone lines, drawn under the people.
pub fn ghost_shapes(
    painter: &Painter,
    marks: &ChangeMarks,
    ghosts: &[Pos2],
    synced: &SyncedGraph,
    view: ViewTransform,
    clip: Rect,
    tr: Tr,
) -> Vec<Shape> {
    let gone = color(theme::CHANGE_GONE);
    let mut shapes = Vec::new();
    let end_at = |end: &GhostEnd| match end {
        GhostEnd::Person(id) => synced.position_of(id),
        GhostEnd::Ghost(index) => ghosts.get(*index).copied(),
    };
    let stroke = Stroke::new(1.5, gone.gamma_multiply(0.8));
    for line in &marks.ghost_lines {
        let (Some(a), Some(b)) = (end_at(&line.from), end_at(&line.to)) else {
            continue;
        };
        let (a, b) = (view.screen_from_canvas(a), view.screen_from_canvas(b));
        let Some((t0, t1)) = crate::routing::clip_params(
            (f64::from(a.x), f64::from(a.y)),
            (f64::from(b.x), f64::from(b.y)),
            (f64::from(clip.min.x), f64::from(clip.min.y)),
            (f64::from(clip.max.x), f64::from(clip.max.y)),
        ) else {
            continue;
        };
        let (from, to) = (a.lerp(b, t0 as f32), a.lerp(b, t1 as f32));
        shapes.extend(Shape::dashed_line(&[from, to], stroke, 4.0, 5.0));
    }
    for (ghost, at) in marks.ghosts.iter().zip(ghosts) {
        let center = view.screen_from_canvas(*at);
        let radius = (power_radius(ghost.power) * view.zoom).max(MIN_SCREEN_RADIUS);
        if !clip.expand(radius + 120.0).contains(center) {
            continue;
        }
        let fill = color(theme::stance_color(ghost.stance)).gamma_multiply(0.25);
        shapes.push(Shape::circle_filled(center, radius, fill));
        if radius >= CHIP_MIN_RADIUS {
            shapes.extend(dashed_circle(center, radius, Stroke::new(1.5, gone)));
        }
        if view.zoom >= theme::MIN_LABEL_ZOOM {
            let text = format!("{} · {}", ghost.name, tr.t(T::ComparingGone));
            let galley =
                painter.layout_no_wrap(text, FontId::proportional(theme::LABEL_SIZE), gone);
            let rect = Align2::CENTER_TOP
                .anchor_size(center + Vec2::new(0.0, radius + 3.0), galley.size());
            shapes.push(Shape::rect_filled(rect.expand(1.5), 3.0, LABEL_HALO));
            shapes.push(Shape::galley(rect.min, galley, gone));
        }
    }
    shapes
}

/// The chips of new and changed people, drawn over them.
pub fn chip_shapes(
    painter: &Painter,
    marks: &ChangeMarks,
    synced: &SyncedGraph,
    view: ViewTransform,
    clip: Rect,
    tr: Tr,
) -> Vec<Shape> {
    let mut shapes = Vec::new();
    for id in &marks.order {
        let (Some(person), Some(at)) = (marks.people.get(id), synced.position_of(id)) else {
            continue;
        };
        let Some(power) = synced.power_of(id) else {
            continue;
        };
        let center = view.screen_from_canvas(at);
        let radius = (power_radius(power) * view.zoom).max(MIN_SCREEN_RADIUS);
        if !clip.expand(radius + 160.0).contains(center) {
            continue;
        }
        let chips = chips(person, tr);
        let Some((_, first)) = chips.first() else {
            continue;
        };
        if radius < CHIP_MIN_RADIUS {
            let dot = center + Vec2::new(radius, -radius);
            shapes.push(Shape::circle_filled(dot, 2.5, color(*first)));
            continue;
        }
        if person.added {
            shapes.extend(dashed_circle(
                center,
                radius + 4.0,
                Stroke::new(2.0, color(theme::CHANGE_NEW)),
            ));
        }
        let galleys: Vec<_> = chips
            .into_iter()
            .map(|(text, rgb)| {
                (
                    painter.layout_no_wrap(
                        text,
                        FontId::proportional(CHIP_SIZE),
                        egui::Color32::WHITE,
                    ),
                    rgb,
                )
            })
            .collect();
        let gap = 3.0;
        let width: f32 = galleys.iter().map(|(g, _)| g.size().x + 8.0).sum::<f32>()
            + gap * galleys.len().saturating_sub(1) as f32;
        let mut left = center.x - width / 2.0;
        let bottom = center.y - radius - 4.0;
        for (galley, rgb) in galleys {
            let size = galley.size() + Vec2::new(8.0, 2.0);
            let rect = Rect::from_min_size(Pos2::new(left, bottom - size.y), size);
            shapes.push(Shape::rect_filled(rect, 4.0, color(rgb)));
            shapes.push(Shape::galley(
                rect.min + Vec2::new(4.0, 1.0),
                galley,
                egui::Color32::WHITE,
            ));
            left += size.x + gap;
        }
    }
    shapes
}

/// The chips of one person: text and colour, the most telling first.
fn chips(person: &PersonMarks, tr: Tr) -> Vec<(String, Rgb)> {
    let mut chips = Vec::new();
    if person.added {
        chips.push((tr.t(T::ChipNew).to_owned(), theme::CHANGE_NEW));
    }
    if let Some((_, now)) = person.stance {
        let (arrow, rgb) = match person.stance_direction() {
            Some(Direction::Up) => ("↑", theme::CHANGE_BETTER),
            Some(Direction::Down) => ("↓", theme::CHANGE_WORSE),
            _ => ("→", theme::CHANGE_OTHER),
        };
        chips.push((format!("{arrow} {}", tr.stance(now)), rgb));
    }
    if let Some((before, now)) = person.power {
        let arrow = if now > before { "↑" } else { "↓" };
        chips.push((
            format!("{} {arrow}", tr.t(T::ChipPower)),
            theme::CHANGE_OTHER,
        ));
    }
    if person.role.is_some() {
        chips.push((tr.t(T::ChipRole).to_owned(), theme::CHANGE_OTHER));
    }
    if person.owner.is_some() {
        chips.push((tr.t(T::ChipOwner).to_owned(), theme::CHANGE_OTHER));
    }
    if !person.added && (person.coverage.is_some() || !person.other.is_empty()) {
        chips.push((tr.t(T::ChipEdited).to_owned(), theme::CHANGE_OTHER));
    }
    chips
}

/// A circle of short dashes.
fn dashed_circle(center: Pos2, radius: f32, stroke: Stroke) -> Vec<Shape> {
    let steps = ((radius * std::f32::consts::TAU / 6.0).ceil() as usize).clamp(8, 96);
    let point =
        |i: usize| center + Vec2::angled(i as f32 / steps as f32 * std::f32::consts::TAU) * radius;
    (0..steps)
        .step_by(2)
        .map(|i| Shape::line_segment([point(i), point(i + 1)], stroke))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Language;
    use crate::model::{Power, Stance};

    #[test]
    fn chips_put_the_stance_first_and_colour_it_by_direction() {
        let tr = Tr(Language::English);
        let worse = PersonMarks {
            stance: Some((Stance::Supporter, Stance::Opponent)),
            power: Some((Power::MIN, Power::MAX)),
            ..PersonMarks::default()
        };
        let chips = chips(&worse, tr);
        assert_eq!(chips.len(), 2);
        assert!(chips[0].0.starts_with('↓'));
        assert_eq!(chips[0].1, theme::CHANGE_WORSE);
        assert_eq!(chips[1].0, "power ↑");
        let new = PersonMarks {
            added: true,
            ..PersonMarks::default()
        };
        assert_eq!(super::chips(&new, Tr(Language::Chinese))[0].0, "新");
    }
}
