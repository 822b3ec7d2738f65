//! The legend over the canvas: what colours, sizes, marks and lines mean. It draws
//! with the same theme and line code as the canvas, so the two cannot disagree.
//! Text is large and dark enough to read on a projector; each section is one
//! wrapped row, so the legend stays low and never wider than the canvas.

use egui::{FontId, Rect, RichText, Stroke, Ui, Vec2};

use super::canvas::line_shapes;
use super::i18n::{T, Tr};
use super::theme::{LEGEND_CAPTION_SIZE, LEGEND_TEXT, LEGEND_TEXT_SIZE, color};
use crate::model::{Power, RelationshipKind, Role, Stance, Strength};
use crate::theme;

/// The legend never gets wider than this, in points.
const LEGEND_MAX_WIDTH: f32 = 760.0;
/// Power circles in the legend, as a share of their size on the canvas at 100 %.
const POWER_SCALE: f32 = 0.3;

/// Draws the legend in the bottom-left corner of `canvas_rect`. Returns whether it
/// stays shown (the user can hide it) and the screen rectangle it took.
pub fn legend_ui(ctx: &egui::Context, canvas_rect: Rect, tr: Tr) -> (bool, Rect) {
    let mut keep = true;
    let width = LEGEND_MAX_WIDTH.min(canvas_rect.width() - 36.0).max(120.0);
    let response = egui::Area::new(egui::Id::new("legend"))
        .order(egui::Order::Middle)
        .pivot(egui::Align2::LEFT_BOTTOM)
        .fixed_pos(canvas_rect.left_bottom() + Vec2::new(10.0, -10.0))
        .constrain_to(canvas_rect)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_max_width(width);
                ui.horizontal(|ui| {
                    caption_ui(ui, tr.t(T::Legend));
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        if ui.small_button(tr.t(T::Hide)).clicked() {
                            keep = false;
                        }
                    });
                });
                sections_ui(ui, tr);
            });
        })
        .response;
    (keep, response.rect)
}

fn sections_ui(ui: &mut Ui, tr: Tr) {
    section_ui(ui, tr.t(T::LegendStance), |ui| {
        for stance in Stance::ALL {
            swatch_ui(ui, tr.stance(*stance), 14.0, |painter, rect| {
                painter.circle(
                    rect.center(),
                    6.0,
                    color(theme::stance_color(*stance)),
                    Stroke::new(1.0, color(theme::OUTLINE)),
                );
            });
        }
    });
    section_ui(ui, tr.t(T::LegendPower), |ui| {
        for level in 1..=5 {
            let Some(power) = Power::new(level) else {
                continue;
            };
            let radius = theme::power_radius(power) * POWER_SCALE;
            swatch_ui(
                ui,
                &level.to_string(),
                radius * 2.0 + 2.0,
                |painter, rect| {
                    painter.circle(
                        rect.center(),
                        radius,
                        color(theme::stance_color(Stance::Unknown)),
                        Stroke::new(1.0, color(theme::OUTLINE)),
                    );
                },
            );
        }
    });
    section_ui(ui, tr.t(T::LegendRole), |ui| {
        for role in Role::ALL {
            let mark = theme::role_mark(*role, tr.chinese());
            swatch_ui(ui, tr.role(*role), 14.0, |painter, rect| {
                painter.text(
                    rect.center(),
                    egui::Align2::CENTER_CENTER,
                    mark,
                    FontId::proportional(LEGEND_TEXT_SIZE),
                    LEGEND_TEXT,
                );
            });
        }
    });
    section_ui(ui, tr.t(T::LegendLines), |ui| {
        for kind in RelationshipKind::ALL {
            swatch_ui(ui, tr.kind(*kind), 40.0, |painter, rect| {
                let (a, b) = (rect.left_center(), rect.right_center());
                painter.extend(line_shapes(
                    a,
                    b,
                    (*kind, Strength::default()),
                    1.0,
                    true,
                    rect,
                ));
            });
        }
    });
}

fn caption_ui(ui: &mut Ui, text: &str) {
    ui.label(
        RichText::new(text)
            .size(LEGEND_CAPTION_SIZE)
            .color(LEGEND_TEXT)
            .strong(),
    );
}

/// A caption and its entries on one row, wrapped when the legend is narrow.
fn section_ui(ui: &mut Ui, caption: &str, entries: impl FnOnce(&mut Ui)) {
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing = Vec2::new(12.0, 4.0);
        caption_ui(ui, caption);
        entries(ui);
    });
}

/// A small drawing followed by its meaning, placed as one piece so that the row
/// wraps between entries, never inside one.
fn swatch_ui(ui: &mut Ui, text: &str, width: f32, draw: impl FnOnce(&egui::Painter, Rect)) {
    let galley = ui.painter().layout_no_wrap(
        text.to_owned(),
        FontId::proportional(LEGEND_TEXT_SIZE),
        LEGEND_TEXT,
    );
    let gap = 4.0;
    let height = galley.size().y.max(18.0);
    let size = Vec2::new(width + gap + galley.size().x, height);
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Label, true, text));
    if ui.is_rect_visible(rect) {
        let swatch = Rect::from_min_size(rect.min, Vec2::new(width, height));
        draw(ui.painter(), swatch);
        let text_at = egui::pos2(
            swatch.right() + gap,
            rect.center().y - galley.size().y / 2.0,
        );
        ui.painter().galley(text_at, galley, LEGEND_TEXT);
    }
}
