//! egui colours and strokes of the map, taken from [`crate::theme`], plus colours
//! that exist only in the app (selection, banners).

use egui::{Color32, Stroke};

use crate::theme::{self, Rgb};

/// The egui colour of a theme colour.
pub fn color(rgb: Rgb) -> Color32 {
    Color32::from_rgb(rgb.0, rgb.1, rgb.2)
}

/// Outline of a node.
pub fn node_outline(selected: bool, hovered: bool) -> Stroke {
    if selected {
        Stroke::new(3.0, Color32::from_rgb(0x11, 0x11, 0x11))
    } else if hovered {
        Stroke::new(2.0, Color32::from_rgb(0x33, 0x33, 0x33))
    } else {
        Stroke::new(1.0, color(theme::OUTLINE))
    }
}

/// Rectangle of a box selection.
pub const SELECTION_FILL: Color32 = Color32::from_rgba_premultiplied(0x20, 0x60, 0xC0, 0x28);
/// Outline of a box selection and of a connection being drawn.
pub const SELECTION_STROKE: Color32 = Color32::from_rgb(0x20, 0x60, 0xC0);
/// Inside of the grid cell a dragged person would be dropped on.
pub const DROP_TARGET_FILL: Color32 = Color32::from_rgba_premultiplied(0x20, 0x60, 0xC0, 0x20);
/// Outline of the grid cell a dragged person would be dropped on.
pub const DROP_TARGET_STROKE: Color32 = Color32::from_rgb(0x20, 0x60, 0xC0);
/// Halo behind labels so they read over lines.
pub const LABEL_HALO: Color32 = Color32::from_rgba_premultiplied(0xFB, 0xFB, 0xF8, 0xD8);
/// Colour for error banners.
pub const ERROR_TEXT: Color32 = Color32::from_rgb(0xB0, 0x1C, 0x1C);
/// Colour for the "modified" marker and warnings.
pub const WARNING_TEXT: Color32 = Color32::from_rgb(0x9A, 0x5B, 0x00);

/// Outline of a field whose text was not saved (it does not parse).
pub fn stroke_invalid() -> Stroke {
    Stroke::new(1.5, ERROR_TEXT)
}

/// Width of the label column of form rows, in points (less in narrow panels).
pub const LABEL_WIDTH: f32 = 110.0;

/// Legend text: large and dark enough to read on a projector.
pub const LEGEND_TEXT_SIZE: f32 = 14.0;
/// Legend section captions.
pub const LEGEND_CAPTION_SIZE: f32 = 14.0;
/// Legend text colour: near black on the light legend frame.
pub const LEGEND_TEXT: Color32 = Color32::from_rgb(0x1A, 0x1A, 0x1A);

/// The badge colour of a map-health level.
pub fn health_color(level: crate::analysis::HealthLevel) -> Color32 {
    match level {
        crate::analysis::HealthLevel::Red => Color32::from_rgb(0xC6, 0x28, 0x28),
        crate::analysis::HealthLevel::Amber => Color32::from_rgb(0xE0, 0x8E, 0x00),
        crate::analysis::HealthLevel::Green => Color32::from_rgb(0x2E, 0x7D, 0x32),
    }
}
