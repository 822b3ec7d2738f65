//! The legend over the canvas: what colours, sizes, marks and lines mean. It draws
//! with the same theme and line code as the canvas, so the two cannot disagree.

use egui::{Color32, FontId, Pos2, Rect, Shape, Stroke, Ui, Vec2};

use super::canvas::line_shapes;
use super::i18n::{T, Tr};
use super::theme::{LEGEND_CAPTION_SIZE, LEGEND_TEXT, LEGEND_TEXT_SIZE, color};
use crate::model::{Power, RelationshipKind, Role, Stance, Strength};
use crate::theme;

/// The legend never gets wider than this, in points.
const LEGEND_MAX_WIDTH: f32 = 520.0;

/// Draws the legend in the bottom-left corner of `canvas_rect`; returns false when
/// the user hid it.
pub fn legend_ui(ctx: &egui::Context, canvas_rect: Rect, tr: Tr) -> bool {
    let mut keep = true;
    egui::Area::new(egui::Id::new("legend"))
        .order(egui::Order::Middle)
        .pivot(egui::Align2::LEFT_BOTTOM)
        .fixed_pos(canvas_rect.left_bottom() + Vec2::new(10.0, -10.0))
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_max_width(LEGEND_MAX_WIDTH.min(canvas_rect.width() - 20.0));
                ui.horizontal(|ui| {
                    ui.label(
                        egui::RichText::new(tr.t(T::Legend))
                            .size(LEGEND_CAPTION_SIZE)
                            .color(LEGEND_TEXT)
                            .strong(),
                    );
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        if ui.small_button(tr.t(T::Hide)).clicked() {
                            keep = false;
                        }
                    });
                });
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
                section_ui(ui, tr.t(T::LegendPower), power_row_ui);
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
                                *kind,
                                Strength::default(),
                                1.0,
                                rect,
                            ));
                        });
                    }
                });
            });
        });
    keep
}

/// A caption above a wrapped row of entries.
fn section_ui(ui: &mut Ui, caption: &str, entries: impl FnOnce(&mut Ui)) {
    ui.label(
        egui::RichText::new(caption)
            .size(LEGEND_CAPTION_SIZE)
            .color(LEGEND_TEXT)
            .strong(),
    );
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 10.0;
        entries(ui);
    });
}

/// A small drawing followed by its meaning.
fn swatch_ui(ui: &mut Ui, text: &str, width: f32, draw: impl FnOnce(&egui::Painter, Rect)) {
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 3.0;
        let (rect, _) = ui.allocate_exact_size(Vec2::new(width, 18.0), egui::Sense::hover());
        draw(ui.painter(), rect);
        ui.label(
            egui::RichText::new(text)
                .size(LEGEND_TEXT_SIZE)
                .color(LEGEND_TEXT),
        );
    });
}

/// Five circles at half their canvas size, labelled 1–5.
fn power_row_ui(ui: &mut Ui) {
    let height = theme::power_radius(Power::MAX) + LEGEND_TEXT_SIZE + 4.0;
    let (rect, _) = ui.allocate_exact_size(Vec2::new(150.0, height), egui::Sense::hover());
    let mut x = rect.left() + 6.0;
    let mut shapes = Vec::new();
    for level in 1..=5 {
        let Some(power) = Power::new(level) else {
            continue;
        };
        let radius = theme::power_radius(power) * 0.4;
        let center = Pos2::new(x + radius, rect.top() + height / 2.0 - 6.0);
        shapes.push(Shape::circle_filled(
            center,
            radius,
            Color32::from_gray(200),
        ));
        shapes.push(Shape::circle_stroke(
            center,
            radius,
            Stroke::new(1.0, color(theme::OUTLINE)),
        ));
        ui.painter().text(
            Pos2::new(center.x, rect.bottom() - 2.0),
            egui::Align2::CENTER_BOTTOM,
            level.to_string(),
            FontId::proportional(LEGEND_TEXT_SIZE),
            LEGEND_TEXT,
        );
        x += radius * 2.0 + 10.0;
    }
    ui.painter().extend(shapes);
}
