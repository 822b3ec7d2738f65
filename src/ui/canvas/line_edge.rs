//! How a relationship is drawn: reports-to solid with an arrow toward the manager,
//! influence a dashed arrow, alliance dotted, conflict red with a cross; strength as
//! width. Lines outside the view cost no shapes; far zoomed out they are plain.

use egui::{Pos2, Rect, Shape, Stroke, Vec2};
use egui_graphs::{DisplayEdge, DisplayNode, DrawContext, EdgeProps, Node};
use petgraph::EdgeType;
use petgraph::stable_graph::IndexType;

use super::look::{Emphasis, LinePayload, PersonPayload};
use super::person_node::PersonNode;
use crate::model::RelationshipKind;
use crate::theme;
use crate::ui::theme::{SELECTION_STROKE, color};

/// Below this zoom, dashes and arrowheads are dropped: unreadable and costly.
pub(super) const DETAIL_ZOOM: f32 = 0.3;
/// Distance in screen points within which a click hits a line.
const HIT_TOLERANCE: f32 = 6.0;
/// Sideways offset in canvas units between parallel lines.
const PARALLEL_OFFSET: f32 = 7.0;

/// The display state of one relationship line.
#[derive(Clone, Debug)]
pub struct LineEdge {
    look: Option<LinePayload>,
    order: usize,
    selected: bool,
    zoom: f32,
    /// Whether dashes, arrowhead and cross are drawn this frame (set by the level of
    /// detail plan; a plain thin line otherwise).
    pub(super) patterned: bool,
}

impl From<EdgeProps<LinePayload>> for LineEdge {
    fn from(props: EdgeProps<LinePayload>) -> Self {
        Self {
            look: Some(props.payload.clone()),
            order: props.order,
            selected: props.selected,
            zoom: 1.0,
            patterned: true,
        }
    }
}

impl LineEdge {
    /// End points in canvas coordinates, on the circles' boundaries, moved sideways
    /// for parallel lines. `None` when the people overlap.
    fn ends<Ty: EdgeType, Ix: IndexType>(
        &self,
        start: &Node<PersonPayload, LinePayload, Ty, Ix, PersonNode>,
        end: &Node<PersonPayload, LinePayload, Ty, Ix, PersonNode>,
    ) -> Option<(Pos2, Pos2)> {
        self.ends_at(
            start.location(),
            end.location(),
            |dir| {
                DisplayNode::<PersonPayload, LinePayload, Ty, Ix>::closest_boundary_point(
                    start.display(),
                    dir,
                )
            },
            |dir| {
                DisplayNode::<PersonPayload, LinePayload, Ty, Ix>::closest_boundary_point(
                    end.display(),
                    dir,
                )
            },
        )
    }

    /// The dashes this line needs on screen this frame: its visible length over its dash
    /// period. `None` when it has no pattern or is not visible.
    pub(super) fn dashes_needed<Ty: EdgeType, Ix: IndexType>(
        &self,
        start: &Node<PersonPayload, LinePayload, Ty, Ix, PersonNode>,
        end: &Node<PersonPayload, LinePayload, Ty, Ix, PersonNode>,
        view: super::ViewTransform,
        clip: Rect,
    ) -> Option<f32> {
        let (dash, gap) = theme::line_style(self.look.as_ref()?.kind).dash?;
        if !self.may_touch(start.location(), end.location(), view, clip) {
            return None;
        }
        let (from, to) = self.ends(start, end)?;
        let (a, b) = (view.screen_from_canvas(from), view.screen_from_canvas(to));
        let (a, b) = clip_segment(a, b, clip.expand(24.0))?;
        Some((b - a).length() / (dash + gap))
    }

    /// Whether the line may touch `clip` (screen) at all: a cheap test on the
    /// people's centres before any geometry, so lines far off screen cost little.
    fn may_touch(&self, start: Pos2, end: Pos2, view: super::ViewTransform, clip: Rect) -> bool {
        let margin = (theme::MAX_NODE_RADIUS + PARALLEL_OFFSET * self.order as f32) * view.zoom
            + super::person_node::MIN_SCREEN_RADIUS
            + 30.0;
        let (a, b) = (view.screen_from_canvas(start), view.screen_from_canvas(end));
        clip.intersects(Rect::from_two_pos(a, b).expand(margin))
    }

    fn ends_at(
        &self,
        start: Pos2,
        end: Pos2,
        start_boundary: impl Fn(Vec2) -> Pos2,
        end_boundary: impl Fn(Vec2) -> Pos2,
    ) -> Option<(Pos2, Pos2)> {
        let along = end - start;
        if along.length() < 1.0 {
            return None;
        }
        let dir = along.normalized();
        let side = dir.rot90() * PARALLEL_OFFSET * self.order as f32;
        let (from, to) = (start_boundary(dir), end_boundary(-dir));
        // People overlapping on screen (far zoomed out) hide the line between them.
        if (to - from).dot(dir) <= 0.0 {
            return None;
        }
        Some((from + side, to + side))
    }
}

impl<Ty: EdgeType, Ix: IndexType> DisplayEdge<PersonPayload, LinePayload, Ty, Ix, PersonNode>
    for LineEdge
{
    fn shapes(
        &mut self,
        start: &Node<PersonPayload, LinePayload, Ty, Ix, PersonNode>,
        end: &Node<PersonPayload, LinePayload, Ty, Ix, PersonNode>,
        ctx: &DrawContext,
    ) -> Vec<Shape> {
        self.zoom = ctx.meta.zoom;
        let view = super::ViewTransform {
            zoom: ctx.meta.zoom,
            origin: Pos2::ZERO + ctx.meta.pan,
        };
        if !self.may_touch(
            start.location(),
            end.location(),
            view,
            ctx.painter.clip_rect(),
        ) {
            return Vec::new();
        }
        let (Some(look), Some((from, to))) = (&self.look, self.ends(start, end)) else {
            return Vec::new();
        };
        if look.emphasis == Emphasis::Hidden {
            return Vec::new();
        }
        let a = ctx.meta.canvas_to_screen_pos(from);
        let b = ctx.meta.canvas_to_screen_pos(to);
        if !ctx
            .painter
            .clip_rect()
            .intersects(Rect::from_two_pos(a, b).expand(12.0))
        {
            return Vec::new();
        }
        let mut shapes = Vec::new();
        if look.emphasis == Emphasis::Highlighted {
            shapes.push(Shape::line_segment(
                [a, b],
                Stroke::new(10.0, color(theme::HIGHLIGHT).gamma_multiply(0.45)),
            ));
        }
        if self.selected {
            shapes.push(Shape::line_segment(
                [a, b],
                Stroke::new(8.0, SELECTION_STROKE.gamma_multiply(0.35)),
            ));
        }
        shapes.extend(line_shapes(
            a,
            b,
            (look.kind, look.strength),
            ctx.meta.zoom,
            self.patterned,
            ctx.painter.clip_rect(),
        ));
        if look.emphasis == Emphasis::Dimmed {
            shapes.iter_mut().for_each(super::person_node::fade);
        }
        shapes
    }

    fn update(&mut self, state: &EdgeProps<LinePayload>) {
        self.look = Some(state.payload.clone());
        self.order = state.order;
        self.selected = state.selected;
    }

    fn is_inside(
        &self,
        start: &Node<PersonPayload, LinePayload, Ty, Ix, PersonNode>,
        end: &Node<PersonPayload, LinePayload, Ty, Ix, PersonNode>,
        pos: Pos2,
    ) -> bool {
        let Some((from, to)) = self.ends(start, end) else {
            return false;
        };
        if self
            .look
            .as_ref()
            .is_some_and(|l| l.emphasis == Emphasis::Hidden)
        {
            return false;
        }
        distance_to_segment(pos, from, to) <= HIT_TOLERANCE / self.zoom.max(f32::EPSILON)
    }

    fn may_be_visible(
        &self,
        start: &Node<PersonPayload, LinePayload, Ty, Ix, PersonNode>,
        end: &Node<PersonPayload, LinePayload, Ty, Ix, PersonNode>,
        ctx: &DrawContext,
    ) -> bool {
        let view = super::ViewTransform {
            zoom: ctx.meta.zoom,
            origin: Pos2::ZERO + ctx.meta.pan,
        };
        self.may_touch(
            start.location(),
            end.location(),
            view,
            ctx.painter.clip_rect(),
        )
    }
}

/// The shapes of a line from `a` to `b` (screen) as drawn at `zoom`, limited to what
/// lies inside `clip`; also used by the legend so both always agree. Without
/// `patterned` (or far zoomed out) it is a plain thin line.
pub fn line_shapes(
    a: Pos2,
    b: Pos2,
    (kind, strength): (RelationshipKind, crate::model::Strength),
    zoom: f32,
    patterned: bool,
    clip: Rect,
) -> Vec<Shape> {
    let style = theme::line_style(kind);
    let width = theme::strength_width(strength) * zoom.clamp(0.5, 1.4);
    let stroke = Stroke::new(width, color(style.color));
    let clip = clip.expand(24.0);
    // Only the visible part is drawn: a long dashed line far off-screen would
    // otherwise cost thousands of dashes.
    let Some((from, to)) = clip_segment(a, b, clip) else {
        return Vec::new();
    };
    if zoom < DETAIL_ZOOM || !patterned {
        return vec![Shape::line_segment(
            [from, to],
            Stroke::new(width.min(1.0), color(style.color)),
        )];
    }
    let mut shapes = Vec::new();
    let dir = (b - a).normalized();
    let tip = 7.0 + width * 2.0;
    let has_tip = style.arrow && (b - a).length() > tip * 1.5 && clip.contains(b);
    let line_end = if has_tip && (to - b).length() < 0.5 {
        b - dir * tip
    } else {
        to
    };
    match style.dash {
        Some((dash, gap)) => {
            // Keep the dash pattern anchored at `a`, so dashes do not crawl while panning.
            let offset = (from - a).length() % (dash + gap);
            shapes.extend(Shape::dashed_line_with_offset(
                &[from, line_end],
                stroke,
                &[dash],
                &[gap],
                offset,
            ));
        }
        None => shapes.push(Shape::line_segment([from, line_end], stroke)),
    }
    if has_tip {
        let normal = dir.rot90() * tip * 0.5;
        shapes.push(Shape::convex_polygon(
            vec![b, b - dir * tip + normal, b - dir * tip - normal],
            color(style.color),
            Stroke::NONE,
        ));
    }
    let mid = a + (b - a) * 0.5;
    if kind == RelationshipKind::Conflict && clip.contains(mid) {
        // A cross in the middle: conflict does not rely on red alone.
        let arm = 5.0 + width;
        let (u, v) = (Vec2::new(arm, arm), Vec2::new(arm, -arm));
        let cross = Stroke::new(width.max(1.5), color(style.color));
        shapes.push(Shape::line_segment([mid - u, mid + u], cross));
        shapes.push(Shape::line_segment([mid - v, mid + v], cross));
    }
    shapes
}

/// The part of the segment from `a` to `b` inside `rect` (Liang–Barsky).
pub fn clip_segment(a: Pos2, b: Pos2, rect: Rect) -> Option<(Pos2, Pos2)> {
    let d = b - a;
    let (mut t0, mut t1) = (0.0_f32, 1.0_f32);
    for (p, q) in [
        (-d.x, a.x - rect.min.x),
        (d.x, rect.max.x - a.x),
        (-d.y, a.y - rect.min.y),
        (d.y, rect.max.y - a.y),
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
    (t0 <= t1).then(|| (a + d * t0, a + d * t1))
}

/// Distance from `p` to the segment from `a` to `b`.
pub fn distance_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let t = if ab.length_sq() > 0.0 {
        ((p - a).dot(ab) / ab.length_sq()).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (p - (a + ab * t)).length()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clipping_keeps_the_visible_part_only() {
        let rect = Rect::from_min_max(Pos2::new(0.0, 0.0), Pos2::new(100.0, 100.0));
        let (a, b) = clip_segment(Pos2::new(-100.0, 50.0), Pos2::new(200.0, 50.0), rect).unwrap();
        assert_eq!((a, b), (Pos2::new(0.0, 50.0), Pos2::new(100.0, 50.0)));
        assert!(clip_segment(Pos2::new(-10.0, -10.0), Pos2::new(-5.0, 200.0), rect).is_none());
        let inside = (Pos2::new(10.0, 10.0), Pos2::new(20.0, 30.0));
        assert_eq!(clip_segment(inside.0, inside.1, rect), Some(inside));
    }

    #[test]
    fn a_long_dashed_line_far_outside_the_view_costs_nothing() {
        let view = Rect::from_min_max(Pos2::new(0.0, 0.0), Pos2::new(800.0, 600.0));
        let far = line_shapes(
            Pos2::new(-50_000.0, -900.0),
            Pos2::new(50_000.0, -900.0),
            (
                RelationshipKind::Influences,
                crate::model::Strength::default(),
            ),
            1.0,
            true,
            view,
        );
        assert!(far.is_empty());
        let across = line_shapes(
            Pos2::new(-50_000.0, 300.0),
            Pos2::new(50_000.0, 300.0),
            (
                RelationshipKind::Influences,
                crate::model::Strength::default(),
            ),
            1.0,
            true,
            view,
        );
        // Only the dashes inside the view (plus a margin) are made.
        assert!(!across.is_empty() && across.len() < 80, "{}", across.len());
    }
}
