//! Colours, sizes and line styles of the map, defined once for the canvas, the
//! legend and the exports (so this module does not use egui). The stance palette is
//! Okabe–Ito, safe for the common forms of colour blindness; every colour is paired
//! with a second cue (size, mark, dash pattern) so nothing depends on colour alone.

use crate::model::{Power, RelationshipKind, Role, Stance, Strength};

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`, for SVG and HTML.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// Fill colour of a node for a stance, from advocate (blue) to opponent (vermillion).
pub fn stance_color(stance: Stance) -> Rgb {
    match stance {
        Stance::Advocate => Rgb(0x00, 0x72, 0xB2),
        Stance::Supporter => Rgb(0x56, 0xB4, 0xE9),
        Stance::Neutral => Rgb(0xF0, 0xE4, 0x42),
        Stance::Skeptic => Rgb(0xE6, 0x9F, 0x00),
        Stance::Opponent => Rgb(0xD5, 0x5E, 0x00),
        Stance::Unknown => Rgb(0xA6, 0xA6, 0xA6),
    }
}

/// Text colour that reads on top of a stance fill.
pub fn on_stance_color(stance: Stance) -> Rgb {
    match stance {
        Stance::Advocate | Stance::Opponent => Rgb(0xFF, 0xFF, 0xFF),
        _ => Rgb(0x1A, 0x1A, 0x1A),
    }
}

/// Node radius in canvas units for a power level: five clearly different sizes.
pub fn power_radius(power: Power) -> f32 {
    match power.level() {
        1 => 12.0,
        2 => 17.0,
        3 => 23.0,
        4 => 30.0,
        _ => 38.0,
    }
}

/// Estimated width of a line of text in canvas units at font size `size`: CJK
/// characters are a full em, others a little over half. Shared by the exports (to
/// size pictures) and the views (to space people so their labels never overlap).
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| {
            if (c as u32) >= 0x2E80 {
                size
            } else {
                size * 0.56
            }
        })
        .sum()
}

/// The largest node radius, for hit tests and bounds.
pub const MAX_NODE_RADIUS: f32 = 38.0;

/// Size of name labels in screen points; it does not follow the node radius.
pub const LABEL_SIZE: f32 = 13.0;
/// Size of the second label line (title, department) in screen points.
pub const DETAIL_SIZE: f32 = 11.0;
/// Below this zoom labels are dropped: too small to read and costly to draw.
pub const MIN_LABEL_ZOOM: f32 = 0.35;
/// From this zoom on, title and department show under the name.
pub const DETAIL_ZOOM: f32 = 1.25;

/// Outline colour of nodes and colour of role marks on light fills.
pub const OUTLINE: Rgb = Rgb(0x55, 0x55, 0x55);
/// Opacity of people and lines a filter leaves out (0–1).
pub const DIMMED_OPACITY: f32 = 0.18;
/// How much larger the whole UI (labels, legend) is drawn while presenting.
pub const PRESENT_ZOOM: f32 = 1.4;
/// Ring drawn around nodes on a highlighted path and around search matches.
pub const HIGHLIGHT: Rgb = Rgb(0xCC, 0x00, 0x99);
/// Comparison marks: a stance that got better.
pub const CHANGE_BETTER: Rgb = Rgb(0x2E, 0x7D, 0x32);
/// Comparison marks: a stance that got worse.
pub const CHANGE_WORSE: Rgb = Rgb(0xC6, 0x28, 0x28);
/// Comparison marks: someone new.
pub const CHANGE_NEW: Rgb = Rgb(0x15, 0x65, 0xC0);
/// Comparison marks: any other change (power, role, owner, details).
pub const CHANGE_OTHER: Rgb = Rgb(0x5D, 0x40, 0x37);
/// Comparison marks: someone gone and their lines.
pub const CHANGE_GONE: Rgb = Rgb(0x8A, 0x8A, 0x8A);
/// Canvas background.
pub const CANVAS_BACKGROUND: Rgb = Rgb(0xFB, 0xFB, 0xF8);
/// Name label colour.
pub const LABEL_TEXT: Rgb = Rgb(0x14, 0x14, 0x14);
/// Second label line colour.
pub const DETAIL_TEXT: Rgb = Rgb(0x55, 0x55, 0x55);

/// How a relationship line is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LineStyle {
    /// Colour of the line.
    pub color: Rgb,
    /// Dash and gap length in screen points; `None` draws a solid line.
    pub dash: Option<(f32, f32)>,
    /// Whether an arrowhead marks the direction (at the `to` end).
    pub arrow: bool,
}

/// The style of a relationship kind: reports-to solid with an arrow toward the
/// manager, influence a dashed arrow, alliance dotted, conflict red.
pub fn line_style(kind: RelationshipKind) -> LineStyle {
    match kind {
        RelationshipKind::ReportsTo => LineStyle {
            color: Rgb(0x3C, 0x3C, 0x3C),
            dash: None,
            arrow: true,
        },
        RelationshipKind::Influences => LineStyle {
            color: Rgb(0x6A, 0x3D, 0x9A),
            dash: Some((9.0, 5.0)),
            arrow: true,
        },
        RelationshipKind::Ally => LineStyle {
            color: Rgb(0x00, 0x9E, 0x73),
            dash: Some((2.0, 4.0)),
            arrow: false,
        },
        RelationshipKind::Conflict => LineStyle {
            color: Rgb(0xD0, 0x1C, 0x1C),
            dash: None,
            arrow: false,
        },
    }
}

/// Line width in screen points for a strength (1 thin … 3 thick).
pub fn strength_width(strength: Strength) -> f32 {
    match strength.level() {
        1 => 1.0,
        2 => 2.0,
        _ => 3.5,
    }
}

/// The mark drawn on a node for its role, in the UI language.
pub fn role_mark(role: Role, chinese: bool) -> &'static str {
    match (role, chinese) {
        (Role::DecisionMaker, false) => "D",
        (Role::Influencer, false) => "I",
        (Role::EndUser, false) => "U",
        (Role::Gatekeeper, false) => "G",
        (Role::Blocker, false) => "B",
        (Role::Champion, false) => "C",
        (Role::DecisionMaker, true) => "决",
        (Role::Influencer, true) => "影",
        (Role::EndUser, true) => "用",
        (Role::Gatekeeper, true) => "门",
        (Role::Blocker, true) => "阻",
        (Role::Champion, true) => "内",
        (Role::Unknown, _) => "?",
    }
}

/// Colours of a workshop view's backdrop item (fishbone, grid cells, department
/// regions) in one colour family: (soft fill, stroke, text). Fills stay pale so the
/// stance colours of the people on top keep their meaning.
pub fn backdrop_colors(tone: crate::views::Tone) -> (Rgb, Rgb, Rgb) {
    use crate::views::Tone;
    match tone {
        Tone::Structure => (Rgb(0xEE, 0xEE, 0xEA), Rgb(0x8A, 0x8A, 0x84), DETAIL_TEXT),
        Tone::Group => (
            Rgb(0xF1, 0xF0, 0xEA),
            Rgb(0xCF, 0xCD, 0xC4),
            Rgb(0x5A, 0x58, 0x50),
        ),
        Tone::Favourable => (
            Rgb(0xEA, 0xF2, 0xF8),
            Rgb(0xB5, 0xCF, 0xE4),
            Rgb(0x1F, 0x5A, 0x85),
        ),
        Tone::Against => (
            Rgb(0xFB, 0xEE, 0xE8),
            Rgb(0xE8, 0xC0, 0xAE),
            Rgb(0x9A, 0x3B, 0x12),
        ),
        Tone::Unknown => (
            Rgb(0xF2, 0xF2, 0xF2),
            Rgb(0xD0, 0xD0, 0xD0),
            Rgb(0x60, 0x60, 0x60),
        ),
        Tone::Emphasis => (Rgb(0xFF, 0xF6, 0xD8), Rgb(0x55, 0x55, 0x55), LABEL_TEXT),
    }
}
