//! What a workshop view draws behind the people — fishbone bones, grid cells,
//! department regions, their labels — in screen shapes. Only what is in view is
//! drawn; texts follow the zoom and are left out when too small to read.

use egui::{Align2, FontId, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2};

use super::ViewTransform;
use crate::export::CanvasRect;
use crate::model::{Position, Power, Stance};
use crate::theme::backdrop_colors;
use crate::ui::theme::{DROP_TARGET_FILL, DROP_TARGET_STROKE, color};
use crate::views::{Anchor, Backdrop, GridGeometry};

/// Texts smaller than this on screen, in points, are not drawn.
pub const MIN_TEXT_SIZE: f32 = 7.0;
/// Headings (axis labels, the fishbone head) are drawn at least this large while
/// their own size is at least a quarter of it, so a grid fitted into a small window
/// keeps its axes readable.
pub const HEADING_FLOOR: f32 = 11.0;
/// Texts never grow beyond this on screen, in points.
const MAX_TEXT_SIZE: f32 = 96.0;
/// Size of a region's label in canvas units.
const REGION_LABEL_SIZE: f32 = 20.0;
/// Room between a region's corner and its label, in canvas units.
const REGION_LABEL_INSET: f32 = 10.0;

fn pos2(at: Position) -> Pos2 {
    Pos2::new(at.x as f32, at.y as f32)
}

fn rect_of(rect: &CanvasRect) -> Rect {
    Rect::from_min_size(
        Pos2::new(rect.x as f32, rect.y as f32),
        Vec2::new(rect.width as f32, rect.height as f32),
    )
}

/// The on-screen size of a text of `size` canvas units, or `None` when it is too
/// small to read. Whole points, so zooming does not fill the font atlas with sizes.
pub fn screen_text_size(size: f64, zoom: f32) -> Option<f32> {
    let on_screen = (size as f32 * zoom).round();
    (on_screen.is_finite() && on_screen >= MIN_TEXT_SIZE).then(|| on_screen.min(MAX_TEXT_SIZE))
}

/// [`screen_text_size`] for a heading: never below [`HEADING_FLOOR`] until it would
/// have to grow more than four times its size.
pub fn heading_text_size(size: f64, zoom: f32) -> Option<f32> {
    let on_screen = (size as f32 * zoom).round();
    if !on_screen.is_finite() || on_screen * 4.0 < HEADING_FLOOR {
        return None;
    }
    Some(on_screen.clamp(HEADING_FLOOR, MAX_TEXT_SIZE))
}

/// The canvas area the backdrop covers (texts by their anchor point), for fitting
/// the view; `Rect::NOTHING` when there is none.
pub fn backdrop_bounds(items: &[Backdrop]) -> Rect {
    items.iter().fold(Rect::NOTHING, |bounds, item| match item {
        Backdrop::Region { rect, .. } => bounds.union(rect_of(rect)),
        Backdrop::Stroke { from, to, .. } => bounds
            .union(Rect::from_center_size(pos2(*from), Vec2::ZERO))
            .union(Rect::from_center_size(pos2(*to), Vec2::ZERO)),
        Backdrop::Text {
            at,
            text,
            size,
            anchor,
            ..
        } => bounds.union(text_extent(pos2(*at), text, *size as f32, *anchor)),
    })
}

/// Where a backdrop text reaches in canvas units, estimated without laying it out
/// (a glyph is at most its size wide), so a fit keeps axis labels whole.
fn text_extent(at: Pos2, text: &str, size: f32, anchor: Anchor) -> Rect {
    if !size.is_finite() || size <= 0.0 {
        return Rect::from_center_size(at, Vec2::ZERO);
    }
    let width = size * text.chars().count() as f32 * 0.6;
    let left = match anchor {
        Anchor::Start => at.x,
        Anchor::Middle => at.x - width / 2.0,
        Anchor::End => at.x - width,
    };
    Rect::from_min_max(Pos2::new(left, at.y - size), Pos2::new(left + width, at.y))
}

/// The canvas rectangle of a grid cell.
pub fn cell_rect(grid: &GridGeometry, stance: Stance, power: Power) -> Option<Rect> {
    let (_, left, right) = grid.columns.iter().find(|(s, ..)| *s == stance)?;
    let (_, top, bottom) = grid.rows.iter().find(|(p, ..)| *p == power)?;
    Some(Rect::from_min_max(
        Pos2::new(*left as f32, *top as f32),
        Pos2::new(*right as f32, *bottom as f32),
    ))
}

/// Screen shapes of the backdrop items within `clip` (screen).
pub fn backdrop_shapes(
    fonts: &egui::Painter,
    items: &[Backdrop],
    view: ViewTransform,
    clip: Rect,
) -> Vec<Shape> {
    let mut shapes = Vec::new();
    let to_screen = |p: Pos2| view.screen_from_canvas(p);
    for item in items {
        match item {
            Backdrop::Region { rect, label, tone } => {
                let (fill, stroke, text) = backdrop_colors(*tone);
                let area = rect_of(rect);
                let screen = Rect::from_min_max(to_screen(area.min), to_screen(area.max));
                if !screen.is_finite() || !clip.intersects(screen) {
                    continue;
                }
                let rounding = (12.0 * view.zoom).clamp(0.0, 12.0);
                shapes.push(Shape::rect_filled(screen, rounding, color(fill)));
                shapes.push(Shape::rect_stroke(
                    screen,
                    rounding,
                    Stroke::new(1.0, color(stroke)),
                    StrokeKind::Inside,
                ));
                if label.is_empty() {
                    continue;
                }
                let Some(size) = screen_text_size(f64::from(REGION_LABEL_SIZE), view.zoom) else {
                    continue;
                };
                let at = screen.min + Vec2::splat(REGION_LABEL_INSET * view.zoom);
                let galley = fonts.layout(
                    label.clone(),
                    FontId::proportional(size),
                    color(text),
                    (screen.width() - 2.0 * REGION_LABEL_INSET * view.zoom).max(size),
                );
                shapes.push(Shape::galley(at, galley, color(text)));
            }
            Backdrop::Stroke {
                from,
                to,
                width,
                tone,
            } => {
                let (a, b) = (to_screen(pos2(*from)), to_screen(pos2(*to)));
                let width = (*width as f32 * view.zoom).max(1.0);
                if !Rect::from_two_pos(a, b).expand(width).intersects(clip) {
                    continue;
                }
                let (_, stroke, _) = backdrop_colors(*tone);
                shapes.push(Shape::line_segment(
                    [a, b],
                    Stroke::new(width, color(stroke)),
                ));
            }
            Backdrop::Text {
                at,
                text,
                size,
                anchor,
                tone,
            } => {
                let sized = if *tone == crate::views::Tone::Emphasis {
                    heading_text_size(*size, view.zoom)
                } else {
                    screen_text_size(*size, view.zoom)
                };
                let Some(size) = sized else {
                    continue;
                };
                let point = to_screen(pos2(*at));
                // A cheap bound before laying the text out: no glyph is wider than
                // its size.
                let reach = size * text.chars().count() as f32;
                if !Rect::from_center_size(point, Vec2::new(2.0 * reach, 3.0 * size))
                    .intersects(clip)
                {
                    continue;
                }
                let (_, _, ink) = backdrop_colors(*tone);
                let galley =
                    fonts.layout_no_wrap(text.clone(), FontId::proportional(size), color(ink));
                let align = match anchor {
                    Anchor::Start => Align2::LEFT_BOTTOM,
                    Anchor::Middle => Align2::CENTER_BOTTOM,
                    Anchor::End => Align2::RIGHT_BOTTOM,
                };
                let rect = align.anchor_size(point, galley.size());
                shapes.push(Shape::galley(rect.min, galley, color(ink)));
            }
        }
    }
    shapes
}

/// The highlight of the grid cell a drag would drop on, in screen shapes.
pub fn drop_target_shapes(cell_in_canvas: Rect, view: ViewTransform) -> Vec<Shape> {
    let screen = Rect::from_min_max(
        view.screen_from_canvas(cell_in_canvas.min),
        view.screen_from_canvas(cell_in_canvas.max),
    );
    vec![
        egui::epaint::RectShape::new(
            screen.shrink(2.0),
            6.0,
            DROP_TARGET_FILL,
            Stroke::new(3.0, DROP_TARGET_STROKE),
            StrokeKind::Inside,
        )
        .into(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::Tone;

    fn view(zoom: f32) -> ViewTransform {
        ViewTransform {
            zoom,
            origin: Pos2::ZERO,
        }
    }

    #[test]
    fn texts_scale_with_zoom_and_tiny_ones_are_left_out() {
        assert_eq!(screen_text_size(20.0, 1.0), Some(20.0));
        assert_eq!(screen_text_size(20.0, 0.5), Some(10.0));
        assert_eq!(screen_text_size(20.0, 0.2), None);
        assert_eq!(screen_text_size(20.0, 100.0), Some(MAX_TEXT_SIZE));
        assert_eq!(screen_text_size(f64::NAN, 1.0), None);
        // Headings keep a readable floor while they are at least half of it.
        assert_eq!(heading_text_size(22.0, 0.3), Some(HEADING_FLOOR));
        assert_eq!(heading_text_size(22.0, 1.0), Some(22.0));
        assert_eq!(heading_text_size(22.0, 0.15), Some(HEADING_FLOOR));
        assert_eq!(heading_text_size(22.0, 0.1), None);
    }

    #[test]
    fn only_items_in_view_become_shapes() {
        let ctx = egui::Context::default();
        let mut shapes = Vec::new();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let items = vec![
                Backdrop::Region {
                    rect: CanvasRect {
                        x: 0.0,
                        y: 0.0,
                        width: 100.0,
                        height: 100.0,
                    },
                    label: "Sales".into(),
                    tone: Tone::Group,
                },
                Backdrop::Region {
                    rect: CanvasRect {
                        x: 5000.0,
                        y: 0.0,
                        width: 100.0,
                        height: 100.0,
                    },
                    label: String::new(),
                    tone: Tone::Group,
                },
                Backdrop::Stroke {
                    from: Position::new(-9000.0, 0.0),
                    to: Position::new(-8000.0, 0.0),
                    width: 4.0,
                    tone: Tone::Structure,
                },
                Backdrop::Text {
                    at: Position::new(50.0, 50.0),
                    text: "Power 5".into(),
                    size: 18.0,
                    anchor: Anchor::Middle,
                    tone: Tone::Emphasis,
                },
            ];
            let clip = Rect::from_min_size(Pos2::ZERO, Vec2::splat(400.0));
            shapes = backdrop_shapes(ui.painter(), &items, view(1.0), clip);
            assert_eq!(
                backdrop_bounds(&items),
                Rect::from_min_max(Pos2::new(-9000.0, 0.0), Pos2::new(5100.0, 100.0))
            );
            // A right-aligned label reaches left of its point.
            let label = [Backdrop::Text {
                at: Position::new(90.0, 50.0),
                text: "Power 5".into(),
                size: 18.0,
                anchor: Anchor::End,
                tone: Tone::Emphasis,
            }];
            let bounds = backdrop_bounds(&label);
            assert!(bounds.min.x < 90.0 - 50.0 && bounds.max.x <= 90.0);
            assert!(bounds.min.y < 50.0);
            // Zoomed far out the same items lose their texts.
            let far = backdrop_shapes(ui.painter(), &items, view(0.1), clip);
            assert!(!far.iter().any(|s| matches!(s, Shape::Text(_))));
        });
        // No renderer takes the font atlas here.
        output.textures_delta.clear();
        // The first region (fill, outline, label) and the text; nothing else.
        assert_eq!(shapes.len(), 4);
        assert_eq!(
            shapes
                .iter()
                .filter(|s| matches!(s, Shape::Text(_)))
                .count(),
            2
        );
    }

    #[test]
    fn a_cell_rect_contains_the_cell_centre() {
        let doc = crate::samples::synthetic_map(12, 2);
        let layout = crate::views::grid_view(&doc, crate::lang::Language::English);
        let grid = layout.grid.unwrap();
        for stance in Stance::ALL {
            for level in 1..=5 {
                let power = Power::new(level).unwrap();
                let rect = cell_rect(&grid, *stance, power).unwrap();
                let centre = grid.cell_center(*stance, power).unwrap();
                assert!(rect.contains(pos2(centre)));
            }
        }
    }
}
