//! The workshop views of a map — org chart, fishbone (鱼骨图), power × stance grid —
//! and the layouts that tidy the free map. Plain Rust: the canvas (`ui`) and the
//! exports (`export`) draw what these functions compute, so every view looks the
//! same on screen and on paper.
//!
//! A view is a [`ViewLayout`]: a drawing position per person (document order) and a
//! backdrop of regions, strokes and texts drawn behind the people.

mod fishbone;
mod force;
mod forest;
mod grid;
mod org;
mod regions;
#[cfg(test)]
mod testing;

pub use fishbone::{Bone, fishbone_bones, fishbone_view};
pub use force::{ForceOptions, THETA, force_layout, iterations_for, spread_apart};
pub use forest::ReportingForest;
pub use grid::{GridGeometry, grid_view};
pub use org::{org_chart_tree_lines, org_chart_view};
pub use regions::department_regions;

use crate::export::svg::CanvasRect;
use crate::lang::Language;
use crate::model::{Document, Position, Stakeholder};
use crate::placement::drawing_positions;
use crate::theme;

/// No two people end closer than this, centre to centre, in any computed layout.
pub const MIN_SPACING: f64 = 80.0;

/// Labels wider than this (absurdly long names) are given no more room by the
/// layouts, so one name cannot stretch a whole chart.
pub const MAX_LABEL_WIDTH: f64 = 360.0;

/// Half the room a person takes across: their circle, or half their widest label
/// (name or title, CJK counted wider, at most [`MAX_LABEL_WIDTH`]).
pub fn person_half_width(person: &Stakeholder) -> f64 {
    let radius = f64::from(theme::power_radius(person.power));
    // An unnamed person is drawn as "(unnamed)" / "（未命名）".
    let name = if person.name.trim().is_empty() {
        theme::text_width("（未命名）", f64::from(theme::LABEL_SIZE))
    } else {
        theme::text_width(&person.name, f64::from(theme::LABEL_SIZE))
    };
    let title = theme::text_width(&person.title, f64::from(theme::DETAIL_SIZE));
    radius.max(name.max(title).min(MAX_LABEL_WIDTH) / 2.0)
}

/// The views the app and the exports offer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ViewKind {
    /// The free canvas, with the positions the user gave.
    #[default]
    Map,
    /// A top-down tree from `reports_to`.
    OrgChart,
    /// The decision chain as a fishbone: departments or decision steps as bones.
    Fishbone,
    /// Stance (x) against power (y).
    Grid,
}

impl ViewKind {
    /// Every view, in menu order.
    pub const ALL: [Self; 4] = [Self::Map, Self::OrgChart, Self::Fishbone, Self::Grid];

    /// The name used on the command line (`--view`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Map => "map",
            Self::OrgChart => "org",
            Self::Fishbone => "fishbone",
            Self::Grid => "grid",
        }
    }

    /// Parses a command-line name.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == text)
    }
}

/// What a backdrop item is drawn in; the colours live in the theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tone {
    /// Plain structure: the fishbone spine, grid lines.
    Structure,
    /// A soft group region (department, cell) or its label.
    Group,
    /// Favourable to us (the supportive half of the grid).
    Favourable,
    /// Against us (the opposing half of the grid).
    Against,
    /// Not known yet.
    Unknown,
    /// A heading or caption that must stand out (the fishbone head).
    Emphasis,
}

/// Where a text sits relative to its point.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Anchor {
    /// The point is the text's left end.
    Start,
    /// The point is the text's centre.
    Middle,
    /// The point is the text's right end.
    End,
}

/// One item drawn behind the people, in canvas units.
#[derive(Clone, Debug, PartialEq)]
pub enum Backdrop {
    /// A soft filled region with a label at its top-left corner.
    Region {
        /// The area.
        rect: CanvasRect,
        /// The label (may be empty).
        label: String,
        /// The colour family.
        tone: Tone,
    },
    /// A straight stroke.
    Stroke {
        /// One end.
        from: Position,
        /// The other end.
        to: Position,
        /// Width in canvas units.
        width: f64,
        /// The colour family.
        tone: Tone,
    },
    /// A text.
    Text {
        /// The baseline point.
        at: Position,
        /// The words.
        text: String,
        /// Font size in canvas units.
        size: f64,
        /// How the text sits on `at`.
        anchor: Anchor,
        /// The colour family.
        tone: Tone,
    },
}

/// A computed view of a map.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ViewLayout {
    /// Where each person is drawn, in document order.
    pub positions: Vec<Position>,
    /// Drawn behind the people, in order.
    pub backdrop: Vec<Backdrop>,
    /// The cells of the grid view, for dropping people on them.
    pub grid: Option<GridGeometry>,
    /// For each relationship (document order), whether the backdrop already draws it
    /// (the org chart's connectors): the canvas leaves those lines out, as pictures
    /// do. Empty when the view draws none.
    pub drawn_lines: Vec<bool>,
}

/// The layout of `doc` in `kind`, with backdrop texts in `language`.
pub fn view_layout(doc: &Document, kind: ViewKind, language: Language) -> ViewLayout {
    match kind {
        ViewKind::Map => ViewLayout {
            positions: drawing_positions(doc),
            ..ViewLayout::default()
        },
        ViewKind::OrgChart => ViewLayout {
            drawn_lines: org_chart_tree_lines(doc),
            ..org_chart_view(doc, language)
        },
        ViewKind::Fishbone => fishbone_view(doc, language),
        ViewKind::Grid => grid_view(doc, language),
    }
}
