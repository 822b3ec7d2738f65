//! How a person is drawn: a circle coloured by stance and sized by power, the role
//! mark inside, the name below at a fixed screen size, title and department when
//! zoomed in. Off-screen people cost no shapes; tiny ones lose their labels.

use egui::epaint::CircleShape;
use egui::{Align2, FontId, Pos2, Shape, Stroke, Vec2};
use egui_graphs::{DisplayNode, DrawContext, NodeProps};
use petgraph::EdgeType;
use petgraph::stable_graph::IndexType;

use super::look::{Emphasis, PersonPayload};
use crate::theme;
use crate::ui::theme::{LABEL_HALO, color, node_outline};

/// Smallest on-screen radius, so a person stays visible and clickable when zoomed out.
pub(super) const MIN_SCREEN_RADIUS: f32 = 3.0;

/// The display state of one person on the canvas.
#[derive(Clone, Debug)]
pub struct PersonNode {
    look: Option<PersonPayload>,
    pos: Pos2,
    radius: f32,
    selected: bool,
    hovered: bool,
    /// Zoom of the last frame drawn, for hit tests in canvas units.
    zoom: f32,
    /// Whether the name has room this frame (set by the level of detail plan).
    pub(super) named: bool,
    /// Estimated widths of the name and the title line at their sizes, kept with the
    /// look: every line ending at this person asks for its label's place each frame.
    name_width: f32,
    detail_width: f32,
}

impl From<NodeProps<PersonPayload>> for PersonNode {
    fn from(props: NodeProps<PersonPayload>) -> Self {
        let mut node = Self {
            look: None,
            pos: props.location(),
            radius: 0.0,
            selected: false,
            hovered: false,
            zoom: 1.0,
            named: true,
            name_width: 0.0,
            detail_width: 0.0,
        };
        node.sync(&props);
        node
    }
}

impl PersonNode {
    fn sync(&mut self, props: &NodeProps<PersonPayload>) {
        self.pos = props.location();
        self.selected = props.selected;
        self.hovered = props.hovered;
        self.radius = theme::power_radius(props.payload.power);
        // Called for every person every frame: only a new look costs anything.
        if !self
            .look
            .as_ref()
            .is_some_and(|look| std::sync::Arc::ptr_eq(look, &props.payload))
        {
            self.name_width = super::lod::estimated_width(&props.payload.name, theme::LABEL_SIZE);
            self.detail_width =
                super::lod::estimated_width(&props.payload.detail, theme::DETAIL_SIZE);
            self.look = Some(props.payload.clone());
        }
    }

    fn radius_in_canvas(&self) -> f32 {
        self.radius
            .max(MIN_SCREEN_RADIUS / self.zoom.max(f32::EPSILON))
    }

    /// Where the name (and the title line, zoomed in) was drawn in the last frame, in
    /// canvas units; `None` when no name was drawn. Arrowheads stop outside it.
    pub(super) fn label_rect(&self) -> Option<egui::Rect> {
        let look = self.look.as_ref()?;
        let zoom = self.zoom.max(f32::EPSILON);
        if !((zoom >= theme::MIN_LABEL_ZOOM && self.named) || self.selected || self.hovered) {
            return None;
        }
        let mut size = Vec2::new(self.name_width, theme::LABEL_SIZE + 4.0);
        if zoom >= theme::DETAIL_ZOOM && !look.detail.is_empty() {
            size.x = size.x.max(self.detail_width);
            size.y += theme::DETAIL_SIZE + 4.0;
        }
        let radius_on_screen = (self.radius * zoom).max(MIN_SCREEN_RADIUS);
        let top = self.pos.y + (radius_on_screen + 3.0) / zoom;
        Some(egui::Rect::from_min_size(
            Pos2::new(self.pos.x - size.x / 2.0 / zoom, top),
            size / zoom,
        ))
    }
}

impl<E: Clone, Ty: EdgeType, Ix: IndexType> DisplayNode<PersonPayload, E, Ty, Ix> for PersonNode {
    fn closest_boundary_point(&self, dir: Vec2) -> Pos2 {
        self.pos + dir.normalized() * self.radius_in_canvas()
    }

    fn shapes(&mut self, ctx: &DrawContext) -> Vec<Shape> {
        let mut shapes = Vec::new();
        DisplayNode::<PersonPayload, E, Ty, Ix>::shapes_into(self, ctx, &mut shapes);
        shapes
    }

    fn shapes_into(&mut self, ctx: &DrawContext, out: &mut Vec<Shape>) {
        self.zoom = ctx.meta.zoom;
        let Some(look) = &self.look else {
            return;
        };
        let center = ctx.meta.canvas_to_screen_pos(self.pos);
        let radius = ctx
            .meta
            .canvas_to_screen_size(self.radius)
            .max(MIN_SCREEN_RADIUS);
        let clip = ctx.painter.clip_rect();
        // Labels reach further than the circle; a generous margin keeps them whole.
        let reach = egui::Rect::from_center_size(
            center,
            Vec2::new(radius * 2.0 + 240.0, radius * 2.0 + 60.0),
        );
        if !clip.intersects(reach) || look.emphasis == Emphasis::Hidden {
            return;
        }
        let first = out.len();
        self.person_shapes(ctx, look, center, radius, out);
        if look.emphasis == Emphasis::Dimmed {
            out.iter_mut().skip(first).for_each(fade);
        }
    }

    fn update(&mut self, state: &NodeProps<PersonPayload>) {
        self.sync(state);
    }

    fn is_inside(&self, pos: Pos2) -> bool {
        let hidden = self
            .look
            .as_ref()
            .is_some_and(|look| look.emphasis == Emphasis::Hidden);
        !hidden && (pos - self.pos).length() <= self.radius_in_canvas()
    }
}

impl PersonNode {
    /// The circle, mark and labels of a person at `center` (screen).
    fn person_shapes(
        &self,
        ctx: &DrawContext,
        look: &super::look::PersonLook,
        center: Pos2,
        radius: f32,
        shapes: &mut Vec<Shape>,
    ) {
        let fill = color(theme::stance_color(look.stance));
        if look.emphasis == Emphasis::Highlighted {
            shapes.push(Shape::circle_stroke(
                center,
                radius + 5.0,
                Stroke::new(3.0, color(theme::HIGHLIGHT)),
            ));
        }
        if radius <= MIN_SCREEN_RADIUS * 1.5 {
            // Far zoomed out: a dot is all that can be read.
            shapes.push(Shape::circle_filled(center, radius, fill));
            return;
        }
        shapes.push(
            CircleShape {
                center,
                radius,
                fill,
                stroke: node_outline(self.selected, self.hovered),
            }
            .into(),
        );
        let zoom = ctx.meta.zoom;
        if radius >= 9.0 {
            let mark_size = (radius * 0.9).clamp(9.0, 22.0);
            let galley = ctx.painter.layout_no_wrap(
                look.mark.to_owned(),
                FontId::proportional(mark_size),
                color(theme::on_stance_color(look.stance)),
            );
            let rect = Align2::CENTER_CENTER.anchor_size(center, galley.size());
            shapes.push(Shape::galley(rect.min, galley, egui::Color32::PLACEHOLDER));
        } else if look.mark != theme::role_mark(crate::model::Role::Unknown, false) {
            // Too small for the mark inside: a badge beside the circle keeps the role
            // readable at fit-to-view (an unknown role stays unmarked, as a dot).
            role_badge(ctx, shapes, center, radius, look.mark);
        }
        if (zoom >= theme::MIN_LABEL_ZOOM && self.named) || self.selected || self.hovered {
            let name_at = center + Vec2::new(0.0, radius + 3.0);
            label(
                ctx,
                shapes,
                name_at,
                &look.name,
                theme::LABEL_SIZE,
                theme::LABEL_TEXT,
            );
            if zoom >= theme::DETAIL_ZOOM && !look.detail.is_empty() {
                let detail_at = name_at + Vec2::new(0.0, theme::LABEL_SIZE + 4.0);
                label(
                    ctx,
                    shapes,
                    detail_at,
                    &look.detail,
                    theme::DETAIL_SIZE,
                    theme::DETAIL_TEXT,
                );
            }
        }
    }
}

/// Makes a shape faint: for people and lines a filter leaves out.
pub(super) fn fade(shape: &mut Shape) {
    let faint = |c: egui::Color32| c.gamma_multiply(theme::DIMMED_OPACITY);
    match shape {
        Shape::Circle(circle) => {
            circle.fill = faint(circle.fill);
            circle.stroke.color = faint(circle.stroke.color);
        }
        Shape::LineSegment { stroke, .. } => stroke.color = faint(stroke.color),
        Shape::Path(path) => {
            path.fill = faint(path.fill);
            if let egui::epaint::ColorMode::Solid(color) = &mut path.stroke.color {
                *color = faint(*color);
            }
        }
        Shape::Rect(rect) => rect.fill = faint(rect.fill),
        Shape::Text(text) => text.opacity_factor *= theme::DIMMED_OPACITY,
        Shape::Vec(shapes) => shapes.iter_mut().for_each(fade),
        _ => {}
    }
}

/// The role mark in a small badge at the upper right of a circle too small to hold it:
/// a plain square behind the letter (a handful of vertices, as there may be
/// thousands of them at fit-to-view).
fn role_badge(ctx: &DrawContext, shapes: &mut Vec<Shape>, center: Pos2, radius: f32, mark: &str) {
    const BADGE_SIZE: f32 = 10.0;
    let galley = ctx.painter.layout_no_wrap(
        mark.to_owned(),
        FontId::proportional(BADGE_SIZE),
        color(theme::OUTLINE),
    );
    let at = center + Vec2::new(radius + 1.0, -radius - 1.0);
    let rect = Align2::LEFT_BOTTOM.anchor_size(at, galley.size());
    shapes.push(Shape::rect_filled(rect.expand(1.0), 0.0, LABEL_HALO));
    shapes.push(Shape::galley(rect.min, galley, color(theme::OUTLINE)));
}

/// A centred text line at a fixed screen size with a halo behind it.
fn label(
    ctx: &DrawContext,
    shapes: &mut Vec<Shape>,
    top_center: Pos2,
    text: &str,
    size: f32,
    rgb: theme::Rgb,
) {
    let galley =
        ctx.painter
            .layout_no_wrap(text.to_owned(), FontId::proportional(size), color(rgb));
    let top_left = top_center - Vec2::new(galley.size().x / 2.0, 0.0);
    let rect = egui::Rect::from_min_size(top_left, galley.size()).expand(1.5);
    shapes.push(Shape::rect_filled(rect, 3.0, LABEL_HALO));
    shapes.push(Shape::galley(top_left, galley, color(rgb)));
}
