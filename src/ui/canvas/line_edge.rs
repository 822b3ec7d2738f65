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
pub(crate) const DETAIL_ZOOM: f32 = 0.3;
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
    /// How far the line bends around people in its way, in canvas units (see
    /// [`crate::routing`]; set by the route plan, 0 for a straight line).
    pub(super) bend: f32,
}

impl From<EdgeProps<LinePayload>> for LineEdge {
    fn from(props: EdgeProps<LinePayload>) -> Self {
        Self {
            look: Some(props.payload.clone()),
            order: props.order,
            selected: props.selected,
            zoom: 1.0,
            patterned: true,
            bend: 0.0,
        }
    }
}

/// A line's course in canvas units: from the start circle's edge, through the
/// control point of its curve when it bends, to the end circle's edge — or to the
/// edge of the end person's name, so an arrowhead never hides under it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Course {
    from: Pos2,
    control: Option<Pos2>,
    to: Pos2,
}

impl Course {
    /// Points along the course on screen: the two ends for a straight line, enough
    /// points for a smooth curve otherwise.
    fn screen_points(&self, view: super::ViewTransform) -> Vec<Pos2> {
        let (a, b) = (
            view.screen_from_canvas(self.from),
            view.screen_from_canvas(self.to),
        );
        let Some(control) = self.control else {
            return vec![a, b];
        };
        let c = view.screen_from_canvas(control);
        // A gentle curve (its bend is capped): a point every 30 points on screen is smooth.
        let steps = (((c - a).length() + (b - c).length()) / 30.0).clamp(6.0, 20.0) as usize;
        (0..=steps)
            .map(|i| {
                let t = i as f32 / steps as f32;
                let u = 1.0 - t;
                (a.to_vec2() * (u * u) + c.to_vec2() * (2.0 * u * t) + b.to_vec2() * (t * t))
                    .to_pos2()
            })
            .collect()
    }
}

impl LineEdge {
    /// The line's course this frame. `None` when the people overlap.
    fn course<Ty: EdgeType, Ix: IndexType>(
        &self,
        start: &Node<PersonPayload, LinePayload, Ty, Ix, PersonNode>,
        end: &Node<PersonPayload, LinePayload, Ty, Ix, PersonNode>,
    ) -> Option<Course> {
        let (a, b) = (start.location(), end.location());
        let along = b - a;
        if along.length() < 1.0 {
            return None;
        }
        let dir = along.normalized();
        // The left normal, as in `crate::routing`.
        let normal = Vec2::new(-dir.y, dir.x);
        let control = (self.bend != 0.0).then(|| a + along * 0.5 + normal * (2.0 * self.bend));
        // Each end leaves its circle towards the control point (the curve's tangent).
        let (toward_end, toward_start) = match control {
            Some(c) => (c - a, c - b),
            None => (dir, -dir),
        };
        let boundary = |node: &Node<PersonPayload, LinePayload, Ty, Ix, PersonNode>, d: Vec2| {
            DisplayNode::<PersonPayload, LinePayload, Ty, Ix>::closest_boundary_point(
                node.display(),
                d,
            )
        };
        let from = boundary(start, toward_end);
        let mut to = boundary(end, toward_start);
        // People overlapping on screen (far zoomed out) hide the line between them.
        if control.is_none() && (to - from).dot(dir) <= 0.0 {
            return None;
        }
        // An arrowhead stops outside the name under the person it points at.
        if let Some(label) = end.display().label_rect() {
            let approach = control.unwrap_or(from);
            if let Some((entry, _)) = clip_segment(approach, to, label)
                && entry != approach
            {
                to = entry;
            }
        }
        let side = dir.rot90() * PARALLEL_OFFSET * self.order as f32;
        Some(Course {
            from: from + side,
            control: control.map(|c| c + side),
            to: to + side,
        })
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
        let points = self.course(start, end)?.screen_points(view);
        let clip = clip.expand(24.0);
        let visible: f32 = points
            .windows(2)
            .filter_map(|pair| match pair {
                [a, b] => clip_segment(*a, *b, clip).map(|(a, b)| (b - a).length()),
                _ => None,
            })
            .sum();
        Some(visible / (dash + gap))
    }

    /// Whether the line may touch `clip` (screen) at all: a cheap test on the
    /// people's centres before any geometry, so lines far off screen cost little.
    pub(super) fn may_touch(
        &self,
        start: Pos2,
        end: Pos2,
        view: super::ViewTransform,
        clip: Rect,
    ) -> bool {
        let margin =
            (theme::MAX_NODE_RADIUS + PARALLEL_OFFSET * self.order as f32 + self.bend.abs() * 1.2)
                * view.zoom
                + super::person_node::MIN_SCREEN_RADIUS
                + 30.0;
        let (a, b) = (view.screen_from_canvas(start), view.screen_from_canvas(end));
        // The box around the line first (cheap), then the line itself: a long
        // diagonal line's box covers the view far more often than the line does.
        clip.intersects(Rect::from_two_pos(a, b).expand(margin))
            && segment_touches(a, b, clip.expand(margin))
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
        let mut shapes = Vec::new();
        self.shapes_into(start, end, ctx, &mut shapes);
        shapes
    }

    fn shapes_into(
        &mut self,
        start: &Node<PersonPayload, LinePayload, Ty, Ix, PersonNode>,
        end: &Node<PersonPayload, LinePayload, Ty, Ix, PersonNode>,
        ctx: &DrawContext,
        out: &mut Vec<Shape>,
    ) {
        self.zoom = ctx.meta.zoom;
        let view = super::ViewTransform {
            zoom: ctx.meta.zoom,
            origin: Pos2::ZERO + ctx.meta.pan,
        };
        let clip = ctx.painter.clip_rect();
        if !self.may_touch(start.location(), end.location(), view, clip) {
            return;
        }
        let (Some(look), Some(course)) = (&self.look, self.course(start, end)) else {
            return;
        };
        if look.emphasis == Emphasis::Hidden {
            return;
        }
        let plain = ctx.meta.zoom < DETAIL_ZOOM || !self.patterned;
        let decorated =
            self.selected || matches!(look.emphasis, Emphasis::Highlighted | Emphasis::Changed);
        if plain && course.control.is_none() && !decorated {
            // Far zoomed out most lines are one plain segment: made without the
            // general path's buffers (at 50,000 people, 100,000 lines a frame).
            let (a, b) = (
                view.screen_from_canvas(course.from),
                view.screen_from_canvas(course.to),
            );
            if !Rect::from_two_pos(a, b).expand(12.0).intersects(clip) {
                return;
            }
            let Some(mut shape) =
                plain_segment(a, b, (look.kind, look.strength), ctx.meta.zoom, clip)
            else {
                return;
            };
            if look.emphasis == Emphasis::Dimmed {
                super::person_node::fade(&mut shape);
            }
            out.push(shape);
            return;
        }
        let points = course.screen_points(view);
        if !points
            .iter()
            .fold(Rect::NOTHING, |r, p| r.union(Rect::from_pos(*p)))
            .expand(12.0)
            .intersects(clip)
        {
            return;
        }
        let first = out.len();
        let shapes = out;
        let underlay = match look.emphasis {
            Emphasis::Highlighted => Some(theme::HIGHLIGHT),
            Emphasis::Changed => Some(theme::CHANGE_NEW),
            _ => None,
        };
        if let Some(rgb) = underlay {
            shapes.push(Shape::line(
                points.clone(),
                Stroke::new(10.0, color(rgb).gamma_multiply(0.45)),
            ));
        }
        if self.selected {
            shapes.push(Shape::line(
                points.clone(),
                Stroke::new(8.0, SELECTION_STROKE.gamma_multiply(0.35)),
            ));
        }
        shapes.extend(path_shapes(
            &points,
            (look.kind, look.strength),
            ctx.meta.zoom,
            self.patterned,
            clip,
        ));
        if look.emphasis == Emphasis::Dimmed {
            shapes
                .iter_mut()
                .skip(first)
                .for_each(super::person_node::fade);
        }
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
        let Some(course) = self.course(start, end) else {
            return false;
        };
        if self
            .look
            .as_ref()
            .is_some_and(|l| l.emphasis == Emphasis::Hidden)
        {
            return false;
        }
        // Hit-test in canvas units: the identity view keeps the points there.
        let points = course.screen_points(super::ViewTransform {
            zoom: 1.0,
            origin: Pos2::ZERO,
        });
        let tolerance = HIT_TOLERANCE / self.zoom.max(f32::EPSILON);
        points.windows(2).any(|pair| match pair {
            [a, b] => distance_to_segment(pos, *a, *b) <= tolerance,
            _ => false,
        })
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
    look: (RelationshipKind, crate::model::Strength),
    zoom: f32,
    patterned: bool,
    clip: Rect,
) -> Vec<Shape> {
    path_shapes(&[a, b], look, zoom, patterned, clip)
}

/// The shapes of a line along `points` (screen: two for a straight line, more for a
/// curve), as [`line_shapes`].
pub fn path_shapes(
    points: &[Pos2],
    (kind, strength): (RelationshipKind, crate::model::Strength),
    zoom: f32,
    patterned: bool,
    clip: Rect,
) -> Vec<Shape> {
    let style = theme::line_style(kind);
    let width = theme::strength_width(strength) * zoom.clamp(0.5, 1.4);
    let stroke = Stroke::new(width, color(style.color));
    let clip = clip.expand(24.0);
    let (Some(&last), Some(&before_last)) = (points.last(), points.iter().rev().nth(1)) else {
        return Vec::new();
    };
    let plain = zoom < DETAIL_ZOOM || !patterned;
    let length: f32 = points
        .windows(2)
        .map(|pair| match pair {
            [a, b] => (*b - *a).length(),
            _ => 0.0,
        })
        .sum();
    let dir = (last - before_last).normalized();
    let tip = 7.0 + width * 2.0;
    let has_tip = !plain && style.arrow && length > tip * 1.5 && clip.contains(last);
    let mut body = points.to_vec();
    if has_tip && let Some(end) = body.last_mut() {
        *end = last - dir * tip;
    }
    // Only the visible part is drawn: a long dashed line far off-screen would
    // otherwise cost thousands of dashes.
    let mut shapes = Vec::new();
    for (run, offset) in visible_runs(&body, clip) {
        if plain {
            shapes.push(straight_or_path(
                run,
                Stroke::new(width.min(1.0), color(style.color)),
            ));
            continue;
        }
        match style.dash {
            // Keep the dash pattern anchored at the start, so dashes do not crawl
            // while panning.
            Some((dash, gap)) => shapes.extend(Shape::dashed_line_with_offset(
                &run,
                stroke,
                &[dash],
                &[gap],
                offset % (dash + gap),
            )),
            None => shapes.push(straight_or_path(run, stroke)),
        }
    }
    if shapes.is_empty() {
        return shapes;
    }
    if has_tip {
        let normal = dir.rot90() * tip * 0.5;
        shapes.push(Shape::convex_polygon(
            vec![last, last - dir * tip + normal, last - dir * tip - normal],
            color(style.color),
            Stroke::NONE,
        ));
    }
    if kind == RelationshipKind::Conflict && !plain {
        // A cross in the middle: conflict does not rely on red alone.
        if let Some(mid) = point_along(points, length / 2.0)
            && clip.contains(mid)
        {
            let arm = 5.0 + width;
            let (u, v) = (Vec2::new(arm, arm), Vec2::new(arm, -arm));
            let cross = Stroke::new(width.max(1.5), color(style.color));
            shapes.push(Shape::line_segment([mid - u, mid + u], cross));
            shapes.push(Shape::line_segment([mid - v, mid + v], cross));
        }
    }
    shapes
}

/// A straight line from `a` to `b` drawn plain (no dashes, no arrowhead), as
/// [`path_shapes`] draws it: the same shape, without its buffers.
fn plain_segment(
    a: Pos2,
    b: Pos2,
    (kind, strength): (RelationshipKind, crate::model::Strength),
    zoom: f32,
    clip: Rect,
) -> Option<Shape> {
    let (from, to) = clip_segment(a, b, clip.expand(24.0))?;
    let width = theme::strength_width(strength) * zoom.clamp(0.5, 1.4);
    let stroke = Stroke::new(width.min(1.0), color(theme::line_style(kind).color));
    Some(Shape::line_segment([from, to], stroke))
}

fn straight_or_path(run: Vec<Pos2>, stroke: Stroke) -> Shape {
    match run.as_slice() {
        [a, b] => Shape::line_segment([*a, *b], stroke),
        _ => Shape::line(run, stroke),
    }
}

/// The parts of the path along `points` inside `clip`, each with its distance from
/// the path's start (to keep dash patterns in place).
fn visible_runs(points: &[Pos2], clip: Rect) -> Vec<(Vec<Pos2>, f32)> {
    let mut runs: Vec<(Vec<Pos2>, f32)> = Vec::new();
    let mut travelled = 0.0;
    for pair in points.windows(2) {
        let [a, b] = pair else { continue };
        if let Some((from, to)) = clip_segment(*a, *b, clip) {
            match runs.last_mut() {
                Some((run, _)) if run.last() == Some(&from) => run.push(to),
                _ => runs.push((vec![from, to], travelled + (from - *a).length())),
            }
        }
        travelled += (*b - *a).length();
    }
    runs
}

/// The point `distance` along the path through `points`.
fn point_along(points: &[Pos2], distance: f32) -> Option<Pos2> {
    let mut left = distance;
    for pair in points.windows(2) {
        let [a, b] = pair else { continue };
        let step = (*b - *a).length();
        if left <= step {
            return Some(*a + (*b - *a) * (left / step.max(f32::EPSILON)));
        }
        left -= step;
    }
    points.last().copied()
}

/// The part of the segment from `a` to `b` inside `rect` (Liang–Barsky).
pub fn clip_segment(a: Pos2, b: Pos2, rect: Rect) -> Option<(Pos2, Pos2)> {
    let f = |p: Pos2| (f64::from(p.x), f64::from(p.y));
    let (t0, t1) = crate::routing::clip_params(f(a), f(b), f(rect.min), f(rect.max))?;
    // Whole ends stay exactly as given, so consecutive pieces of a path still meet.
    let at = |t: f64| {
        if t <= 0.0 {
            a
        } else if t >= 1.0 {
            b
        } else {
            a + (b - a) * t as f32
        }
    };
    Some((at(t0), at(t1)))
}

/// Whether the segment from `a` to `b` has a point inside `rect`.
fn segment_touches(a: Pos2, b: Pos2, rect: Rect) -> bool {
    let f = |p: Pos2| (f64::from(p.x), f64::from(p.y));
    crate::routing::clip_params(f(a), f(b), f(rect.min), f(rect.max)).is_some()
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

    proptest::proptest! {
        #[test]
        fn a_plain_segment_is_what_the_general_path_draws(
            ax in -500.0f32..1500.0, ay in -500.0f32..1500.0,
            bx in -500.0f32..1500.0, by in -500.0f32..1500.0,
            zoom in 0.01f32..1.2, kind in 0usize..4, strength in 0usize..3,
        ) {
            let clip = Rect::from_min_max(Pos2::new(0.0, 0.0), Pos2::new(1000.0, 700.0));
            let kind = RelationshipKind::ALL[kind % RelationshipKind::ALL.len()];
            let strength = crate::model::Strength::new(strength as i64 + 1)
                .unwrap_or(crate::model::Strength::MIN);
            let (a, b) = (Pos2::new(ax, ay), Pos2::new(bx, by));
            let general = path_shapes(&[a, b], (kind, strength), zoom, false, clip);
            let fast: Vec<Shape> =
                plain_segment(a, b, (kind, strength), zoom, clip).into_iter().collect();
            proptest::prop_assert_eq!(fast, general);
        }
    }

    fn straight_line() -> LineEdge {
        LineEdge {
            look: None,
            order: 0,
            selected: false,
            zoom: 1.0,
            patterned: true,
            bend: 0.0,
        }
    }

    #[test]
    fn a_long_line_whose_box_covers_the_view_but_which_passes_by_is_culled() {
        let view = super::super::ViewTransform {
            zoom: 1.0,
            origin: Pos2::ZERO,
        };
        let clip = Rect::from_min_max(Pos2::new(0.0, 0.0), Pos2::new(800.0, 600.0));
        let line = straight_line();
        // From far upper right to far lower left, passing well above and left of the view.
        let (a, b) = (
            Pos2::new(20_000.0, -20_000.0),
            Pos2::new(-20_000.0, 15_000.0),
        );
        assert!(clip.intersects(Rect::from_two_pos(a, b)));
        assert!(!line.may_touch(a, b, view, clip));
        // Through the middle of the view.
        let (a, b) = (
            Pos2::new(20_000.0, -20_000.0),
            Pos2::new(-19_000.0, 20_600.0),
        );
        assert!(line.may_touch(a, b, view, clip));
    }

    proptest::proptest! {
        /// Culling never drops a line that has a point on screen.
        #[test]
        fn a_line_with_a_point_on_screen_may_touch_it(
            ax in -5_000.0f32..5_000.0, ay in -5_000.0f32..5_000.0,
            bx in -5_000.0f32..5_000.0, by in -5_000.0f32..5_000.0,
            zoom in 0.05f32..3.0, t in 0.0f32..1.0,
        ) {
            let view = super::super::ViewTransform { zoom, origin: Pos2::new(400.0, 300.0) };
            let clip = Rect::from_min_max(Pos2::new(0.0, 0.0), Pos2::new(800.0, 600.0));
            let (a, b) = (Pos2::new(ax, ay), Pos2::new(bx, by));
            let on_screen = view.screen_from_canvas(a + (b - a) * t);
            if clip.contains(on_screen) {
                proptest::prop_assert!(straight_line().may_touch(a, b, view, clip));
            }
        }
    }

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
