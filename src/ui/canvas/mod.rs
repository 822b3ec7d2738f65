//! The map canvas: egui_graphs draws people and lines with our own shapes; this module
//! adds what a map editor needs on top — selection with Ctrl/Shift, box selection,
//! wheel zoom, double-click to add a person, the connect tool, context menus, and
//! turning a whole drag into one move command.

mod backdrop;
pub mod change_marks;
mod edit_hint;
mod graph_sync;
mod grid_drop;
mod line_edge;
#[cfg(test)]
pub(crate) use line_edge::DETAIL_ZOOM as LINE_DETAIL_ZOOM;
mod lod;
mod look;
mod person_node;
mod static_layout;

use egui::{Pos2, Rect, Ui, Vec2};
use egui_graphs::{GraphChange, GraphView, MetadataFrame, SettingsInteraction, SettingsNavigation};

pub use backdrop::{backdrop_bounds, cell_rect, screen_text_size};
pub use edit_hint::EditHint;
pub use graph_sync::{Highlight, MapGraph, SyncedGraph, canvas_positions};
pub use grid_drop::grid_drop_command;
pub use line_edge::{distance_to_segment, line_shapes};
pub use look::Emphasis;
use static_layout::{StaticLayout, StaticState};

use super::app_command::{Action, AppCommand};
use super::i18n::{T, Tr};
use super::selection::Selection;
use super::theme::{SELECTION_FILL, SELECTION_STROKE};
use crate::edit::Command;
use crate::model::{
    Document, Position, Power, Relationship, RelationshipKind, Role, StakeholderId, Stance,
};
use crate::views::{Backdrop, GridGeometry, ViewKind};

/// Zoom limits: from a whole group account to reading one name comfortably. Maps
/// too large for `MIN_ZOOM` to show whole may zoom out further (see [`min_zoom_for`]).
const MIN_ZOOM: f32 = 0.02;
const MAX_ZOOM: f32 = 6.0;
/// Room kept around the content when fitting, in points.
const FIT_MARGIN: f32 = 36.0;

/// What [`Canvas::canvas_ui`] last synced the graph to: edit counter, language,
/// highlight counter, view and its layout serial.
type SyncKey = (u64, Tr, u64, ViewKind, u64);

/// The canvas and its view state (never saved in the document).
pub struct Canvas {
    synced: SyncedGraph,
    /// What the graph reflects.
    synced_key: Option<SyncKey>,
    /// The canvas area the people and the view's backdrop cover (for fitting and
    /// the smallest zoom).
    content_bounds: Rect,
    /// The canvas area the view's backdrop covers.
    backdrop_area: Rect,
    /// The view shown last frame and whether it had its layout (a new one fits).
    shown_view: Option<(ViewKind, bool)>,
    /// The person pressed on in a view where people cannot be moved.
    refused_drag: bool,
    /// Backdrop shapes drawn in the last frame (tests).
    backdrop_drawn: usize,
    shown_selection: Option<Selection>,
    /// egui_graphs keeps zoom and pan under this id; a new one per opened map.
    view_id: String,
    fit_requested: bool,
    /// The zoom and pan of the last fit, while the user has not moved the view since.
    fitted_view: Option<(f32, Vec2)>,
    /// The canvas size in the last frame, to follow window and panel resizes.
    last_size: Option<Vec2>,
    /// Zoom and canvas point to centre on the next frame.
    pending_view: Option<(f32, Pos2)>,
    /// What the edit that brings the edit counter to this value changed.
    expected_edit: Option<(u64, EditHint)>,
    /// The zoom and graph (sync key) names were last planned for.
    labels_planned: Option<LabelsKey>,
    /// Which lines bend around people in their way.
    routes: lod::RoutePlan,
    /// Counts the syncs of the graph (lines may have been added or replaced).
    graph_version: u64,
    /// The last drawing of a large map, painted again while nothing moves.
    draw_cache: egui_graphs::DrawCache,
    /// The view, graph and routes the lines' patterns were last planned for.
    lines_planned: Option<LinesKey>,
    drag: Option<Drag>,
    box_start: Option<Pos2>,
    connect: Connect,
    menu_target: MenuTarget,
    /// Whether the connect tool is on.
    pub connect_tool: bool,
    /// Where the compared version's ghosts were drawn last frame (canvas).
    ghosts: Vec<Pos2>,
    /// A graph built off the UI thread for a large map just opened, and the edit
    /// counter it is for.
    prebuilt: Option<(u64, PrebuiltGraph)>,
    /// Whether the first sync was the prebuilt graph as it was (tests).
    prebuilt_used: bool,
}

/// The canvas graph of a map, built on a background thread (the open job's) so
/// the first frame of a large map does not build it on the UI thread.
pub struct PrebuiltGraph {
    synced: SyncedGraph,
    tr: Tr,
}

impl PrebuiltGraph {
    /// Maps with at least this many people get their graph built in the
    /// background when opened (at 100,000 people building it takes about 0.6 s).
    pub const MIN_PEOPLE: usize = 5_000;

    /// The graph of `doc` as the map view draws it, nothing highlighted.
    pub fn build(doc: &Document, tr: Tr) -> Self {
        let mut synced = SyncedGraph::default();
        synced.sync(doc, tr, &Highlight::default());
        Self { synced, tr }
    }
}

/// What the names were planned for: zoom, graph (sync key), and the view's place in
/// steps of half a screen.
type LabelsKey = (u32, Option<SyncKey>, (i64, i64));
type LinesKey = ([u32; 7], u64, (Option<u64>, u64));

/// From this many people on, the drawing is kept and painted again while the map
/// and the view are still (smaller maps draw in a few milliseconds).
pub(crate) const CACHED_DRAWING_PEOPLE: usize = 10_000;

/// How far (screen points) a person's drawing and the lines ending at them reach
/// around their centre at `zoom`, when a kept drawing may be moved: far zoomed out
/// only, where people are dots (radius at most 4.5, a highlight ring 6.5 more) and
/// lines are straight and plain. Closer, lines bend around people: 0, never moved.
fn drawing_reach(zoom: f32) -> f32 {
    if zoom < line_edge::DETAIL_ZOOM {
        16.0
    } else {
        0.0
    }
}

/// People being dragged together and where they started.
struct Drag {
    leader: StakeholderId,
    start: Vec<(StakeholderId, Pos2)>,
}

/// The connect gesture.
#[derive(Clone, Debug, Default)]
enum Connect {
    #[default]
    Idle,
    /// Dragging a line out of a person.
    Dragging { from: StakeholderId },
    /// Dropped on another person: the user picks the kind at `at` (screen).
    ChoosingKind {
        from: StakeholderId,
        to: StakeholderId,
        at: Pos2,
    },
}

/// What a right-click hit.
#[derive(Clone, Debug, Default)]
enum MenuTarget {
    #[default]
    Nothing,
    Person(StakeholderId),
    Line(crate::model::RelationshipId),
    Empty(Position),
}

/// How the canvas lays out the people: the map (their own positions) or a computed
/// workshop view. `CanvasView::default()` is the map.
#[derive(Clone, Copy, Debug, Default)]
pub struct CanvasView<'a> {
    /// Which view.
    pub kind: ViewKind,
    /// Where each person is drawn, in document order; `None`: their map positions
    /// (the map view, or a large map's view still being laid out).
    pub positions: Option<&'a [Position]>,
    /// Drawn behind the people (view backdrop, department regions).
    pub backdrop: &'a [Backdrop],
    /// The cells of the grid view, for dropping people on them.
    pub grid: Option<&'a GridGeometry>,
    /// For each relationship, whether the backdrop draws it already (see
    /// [`crate::views::ViewLayout::drawn_lines`]); empty for none.
    pub drawn_lines: &'a [bool],
    /// Changes whenever `positions`, `backdrop` or `grid` do.
    pub serial: u64,
}

impl CanvasView<'_> {
    /// Whether people can be dragged: on the map (to move them) and on the grid (to
    /// change their stance and power). The other views are computed from the map.
    pub fn people_movable(&self) -> bool {
        match self.kind {
            ViewKind::Map => true,
            ViewKind::Grid => self.grid.is_some() && self.positions.is_some(),
            ViewKind::OrgChart | ViewKind::Fishbone => false,
        }
    }
}

/// What the canvas needs from the app for one frame.
pub struct CanvasContext<'a> {
    /// The map.
    pub doc: &'a Document,
    /// Changes whenever the map does (for syncing).
    pub edit_counter: u64,
    /// UI language.
    pub tr: Tr,
    /// People and lines to emphasise, and a counter that changes with them.
    pub highlight: (&'a Highlight, u64),
    /// The selection, changed by clicks.
    pub selection: &'a mut Selection,
    /// Requests for the app.
    pub commands: &'a mut Vec<AppCommand>,
    /// Height at the bottom covered by the legend, left free when fitting.
    pub reserved_bottom: f32,
    /// The view shown.
    pub view: CanvasView<'a>,
    /// What changed since the version the map is compared with, if it is.
    pub marks: Option<&'a crate::sync::marks::ChangeMarks>,
}

/// Maps canvas coordinates to the screen for one frame.
#[derive(Clone, Copy, Debug)]
pub struct ViewTransform {
    /// Screen points per canvas unit.
    pub zoom: f32,
    /// Screen position of the canvas origin.
    pub origin: Pos2,
}

impl ViewTransform {
    /// Screen position of a canvas point.
    pub fn screen_from_canvas(self, pos: Pos2) -> Pos2 {
        self.origin + pos.to_vec2() * self.zoom
    }

    /// Canvas position of a screen point.
    pub fn canvas_from_screen(self, pos: Pos2) -> Pos2 {
        ((pos - self.origin) / self.zoom).to_pos2()
    }
}

impl Default for Canvas {
    fn default() -> Self {
        Self::new()
    }
}

impl Canvas {
    /// A canvas for a newly opened map: it fits the map on first show.
    pub fn new() -> Self {
        use std::sync::atomic::{AtomicU64, Ordering};
        static NEXT_VIEW: AtomicU64 = AtomicU64::new(1);
        Self {
            synced: SyncedGraph::default(),
            synced_key: None,
            content_bounds: Rect::NOTHING,
            backdrop_area: Rect::NOTHING,
            shown_view: None,
            refused_drag: false,
            backdrop_drawn: 0,
            shown_selection: None,
            view_id: format!(
                "powermap-view-{}",
                NEXT_VIEW.fetch_add(1, Ordering::Relaxed)
            ),
            fit_requested: true,
            fitted_view: None,
            last_size: None,
            pending_view: None,
            labels_planned: None,
            graph_version: 0,
            draw_cache: egui_graphs::DrawCache::with_reach(drawing_reach),
            lines_planned: None,
            routes: lod::RoutePlan::default(),
            expected_edit: None,
            drag: None,
            box_start: None,
            connect: Connect::Idle,
            menu_target: MenuTarget::Nothing,
            connect_tool: false,
            ghosts: Vec::new(),
            prebuilt: None,
            prebuilt_used: false,
        }
    }

    /// Hands the canvas a graph built in the background for the map at edit
    /// counter `edit_counter` (a large map opened, imported into, or an import
    /// undone); the next frame uses it instead of building or syncing one.
    pub fn use_prebuilt(&mut self, edit_counter: u64, graph: PrebuiltGraph) {
        self.prebuilt = Some((edit_counter, graph));
    }

    /// Whether the first frame took the graph built in the background as it was.
    pub fn prebuilt_used(&self) -> bool {
        self.prebuilt_used
    }

    /// Takes the prebuilt graph, if any, as the graph to sync; returns whether it
    /// already shows the map as this frame wants it (no sync needed).
    fn install_prebuilt(&mut self, cx: &CanvasContext<'_>) -> bool {
        let Some((counter, prebuilt)) = self.prebuilt.take() else {
            return false;
        };
        if counter != cx.edit_counter {
            // Built for a map that changed since: the graph there is synced as usual.
            return false;
        }
        self.synced = prebuilt.synced;
        prebuilt.tr == cx.tr
            && cx.view.positions.is_none()
            && !cx.view.drawn_lines.iter().any(|drawn| *drawn)
            && *cx.highlight.0 == Highlight::default()
    }

    /// Tells the canvas what the edit that set the edit counter to `edit_counter`
    /// changed (`None`: unknown), so the next frame updates only that.
    pub fn expect_edit(&mut self, edit_counter: u64, hint: Option<EditHint>) {
        self.expected_edit = hint.map(|hint| (edit_counter, hint));
    }

    /// Fits the whole map into view on the next frame.
    pub fn request_fit(&mut self) {
        self.fit_requested = true;
    }

    /// Centres the view on a canvas point on the next frame, at `zoom` or the
    /// current zoom.
    pub fn reveal(&mut self, center_in_canvas: Pos2, zoom: Option<f32>) {
        self.fit_requested = false;
        self.pending_view = Some((zoom.unwrap_or(f32::NAN), center_in_canvas));
    }

    /// Ends any gesture in progress (Escape).
    pub fn cancel_gesture(&mut self) {
        self.connect = Connect::Idle;
        self.box_start = None;
        if self.drag.take().is_some() {
            // Put dragged people back where the document has them.
            self.synced_key = None;
        }
    }

    /// How many shapes the backdrop (view structure, department regions, drop
    /// target) made in the last frame, for tests.
    pub fn backdrop_drawn(&self) -> usize {
        self.backdrop_drawn
    }

    /// The graph as drawn, for tests and benchmarks.
    pub fn graph(&self) -> &SyncedGraph {
        &self.synced
    }

    /// The zoom and origin of the last frame drawn in `ui`'s context.
    pub fn transform(&self, ctx: &egui::Context, canvas_rect: Rect) -> ViewTransform {
        // The same key egui_graphs' `MetadataFrame::load` reads.
        let key = egui::Id::new(MetadataFrame::new(Some(self.view_id.clone())).get_id());
        let meta = ctx.data_mut(|d| d.get_persisted::<MetadataFrame>(key));
        let meta = meta.unwrap_or_else(|| MetadataFrame::new(Some(self.view_id.clone())));
        ViewTransform {
            zoom: meta.zoom,
            origin: canvas_rect.min + meta.pan,
        }
    }

    /// Changes the view egui_graphs keeps for this canvas (zoom and pan) in place.
    fn change_view(&self, ctx: &egui::Context, change: impl FnOnce(&mut MetadataFrame)) {
        let fresh = MetadataFrame::new(Some(self.view_id.clone()));
        let key = egui::Id::new(fresh.get_id());
        ctx.data_mut(|d| change(d.get_persisted_mut_or_insert_with(key, || fresh)));
    }

    /// Moves the view by `delta` screen points (the benchmark's way of making every
    /// frame a moving one).
    pub fn pan_by(&self, ctx: &egui::Context, delta: Vec2) {
        self.change_view(ctx, |meta| meta.pan += delta);
    }

    /// Multiplies the zoom by `factor`, keeping the canvas origin in place (the
    /// benchmark's way of making a fitted map draw again on every frame).
    pub fn zoom_by(&self, ctx: &egui::Context, factor: f32) {
        self.change_view(ctx, |meta| meta.zoom *= factor);
    }

    /// Frames whose map drawing was painted again from the last one (see
    /// [`egui_graphs::DrawCache`]).
    pub fn redrawn_from_cache(&self) -> u64 {
        self.draw_cache.hits
    }

    /// Forgets the last drawing (tests compare a repainted frame with a drawn one).
    #[cfg(test)]
    pub(crate) fn forget_drawing(&mut self) {
        self.draw_cache.clear();
    }

    /// The screen rectangle the canvas used in its last frame.
    pub fn last_rect(&self, ctx: &egui::Context) -> Option<Rect> {
        ctx.data(|d| d.get_temp::<Rect>(egui::Id::new(&self.view_id).with("rect")))
    }

    /// The part of the canvas on screen, for exporting the current view.
    pub fn visible_canvas_rect(&self, ctx: &egui::Context) -> Option<crate::export::CanvasRect> {
        let rect = self.last_rect(ctx)?;
        let view = self.transform(ctx, rect);
        let (min, max) = (
            view.canvas_from_screen(rect.min),
            view.canvas_from_screen(rect.max),
        );
        Some(crate::export::CanvasRect {
            x: f64::from(min.x),
            y: f64::from(min.y),
            width: f64::from(max.x - min.x),
            height: f64::from(max.y - min.y),
        })
    }

    /// Centres the view on a canvas point when it is outside the visible canvas.
    pub fn show_if_hidden(&mut self, ctx: &egui::Context, at: Position) {
        let Some(rect) = self.last_rect(ctx) else {
            return;
        };
        let point = Pos2::new(at.x as f32, at.y as f32);
        let on_screen = self.transform(ctx, rect).screen_from_canvas(point);
        if !rect.shrink(40.0).contains(on_screen) {
            self.reveal(point, None);
        }
    }

    /// Centre of the visible canvas, in canvas coordinates.
    pub fn visible_center(&self, ctx: &egui::Context) -> Position {
        let Some(rect) = self.last_rect(ctx) else {
            return Position::default();
        };
        let center = self.transform(ctx, rect).canvas_from_screen(rect.center());
        Position::new(f64::from(center.x).round(), f64::from(center.y).round())
    }

    /// Draws the map and handles the pointer.
    pub fn canvas_ui(&mut self, ui: &mut Ui, cx: CanvasContext<'_>) {
        let key = (
            cx.edit_counter,
            cx.tr,
            cx.highlight.1,
            cx.view.kind,
            cx.view.serial,
        );
        let mut resynced = false;
        if self.prebuilt.is_some() && self.drag.is_none() && self.install_prebuilt(&cx) {
            self.synced_key = Some(key);
            self.backdrop_area = backdrop_bounds(cx.view.backdrop);
            self.content_bounds = self.people_bounds().union(self.backdrop_area);
            self.prebuilt_used = true;
            resynced = true;
        }
        if self.synced_key != Some(key) && self.drag.is_none() {
            // One known edit since the last sync, on the map: update what it touched.
            // (In a computed view an edit may move anyone.)
            let hinted = match (self.synced_key, self.expected_edit.take()) {
                (Some((counter, tr, highlight, kind, serial)), Some((target, hint)))
                    if (tr, highlight, kind, serial)
                        == (cx.tr, cx.highlight.1, cx.view.kind, cx.view.serial)
                        && cx.view.positions.is_none()
                        && counter + 1 == key.0
                        && target == key.0 =>
                {
                    self.synced.sync_some(cx.doc, cx.tr, cx.highlight.0, &hint)
                }
                _ => false,
            };
            // Lines the view's backdrop draws are left out (the org chart's connectors).
            let with_drawn;
            let highlight = if cx.view.drawn_lines.iter().any(|drawn| *drawn) {
                let mut copy = cx.highlight.0.clone();
                copy.drawn_by_view = cx
                    .doc
                    .relationships
                    .iter()
                    .zip(cx.view.drawn_lines)
                    .filter(|(_, drawn)| **drawn)
                    .map(|(line, _)| line.id.clone())
                    .collect();
                with_drawn = copy;
                &with_drawn
            } else {
                cx.highlight.0
            };
            if !hinted {
                match cx.view.positions {
                    Some(positions) if positions.len() == cx.doc.stakeholders.len() => {
                        let positions: Vec<Pos2> = positions
                            .iter()
                            .map(|p| Pos2::new(p.x as f32, p.y as f32))
                            .collect();
                        self.synced.sync_at(cx.doc, &positions, cx.tr, highlight);
                    }
                    _ => self.synced.sync(cx.doc, cx.tr, highlight),
                }
            }
            self.synced_key = Some(key);
            self.backdrop_area = backdrop_bounds(cx.view.backdrop);
            self.content_bounds = self.people_bounds().union(self.backdrop_area);
            resynced = true;
        }
        // A new view, or its layout arriving, shows it whole.
        let shown_view = (cx.view.kind, cx.view.positions.is_some());
        if self.shown_view.is_some_and(|shown| shown != shown_view) {
            self.fit_requested = true;
        }
        self.shown_view = Some(shown_view);
        if resynced {
            self.graph_version += 1;
        }
        // After a sync, people and lines added back (undo) need their flag again.
        if resynced || self.shown_selection.as_ref() != Some(cx.selection) {
            self.synced
                .show_selection(self.shown_selection.as_ref(), cx.selection);
            self.shown_selection = Some(cx.selection.clone());
        }

        let rect = ui.available_rect_before_wrap();
        ui.ctx()
            .data_mut(|d| d.insert_temp(egui::Id::new(&self.view_id).with("rect"), rect));
        let (pointer, modifiers, primary_pressed, primary_down) = ui.input(|i| {
            (
                i.pointer.hover_pos(),
                i.modifiers,
                i.pointer.primary_pressed(),
                i.pointer.primary_down(),
            )
        });
        let pointer_in_canvas = pointer.filter(|p| rect.contains(*p) && ui.ui_contains_pointer());
        let before = self.transform(ui.ctx(), rect);

        self.zoom_with_wheel(ui, rect, pointer_in_canvas);
        self.start_gestures(
            cx.doc,
            before,
            pointer_in_canvas,
            modifiers,
            primary_pressed,
        );

        if primary_pressed && !cx.view.people_movable() && !self.connect_tool {
            self.refused_drag = pointer_in_canvas.is_some_and(|p| {
                self.synced
                    .person_at(before.canvas_from_screen(p))
                    .is_some()
            });
        }
        if !primary_down {
            self.refused_drag = false;
        }

        let gesture = self.box_start.is_some() || matches!(self.connect, Connect::Dragging { .. });
        let interactions = SettingsInteraction::new()
            .with_dragging_enabled(
                !gesture && !self.connect_tool && !modifiers.shift && cx.view.people_movable(),
            )
            .with_hover_enabled(true);
        let navigation = SettingsNavigation::new()
            .with_fit_to_screen_enabled(false)
            .with_zoom_and_pan_enabled(!gesture && !self.refused_drag);
        self.plan_detail(ui.ctx(), rect);
        // The backdrop goes under the people; its shapes are made once this frame's
        // zoom and pan are known, after the graph is drawn.
        let backdrop_slot = ui.painter().add(egui::Shape::Noop);
        let graph_view = GraphView::<StaticState, StaticLayout>::new()
            .with_id(Some(self.view_id.clone()))
            .with_interactions(&interactions)
            .with_navigations(&navigation);
        let output = if self.synced.nodes.len() >= CACHED_DRAWING_PEOPLE {
            // Menus, the side panel or the pointer over an empty spot repaint a still
            // map: a large one is then painted from its last drawing.
            let key = self.drawing_key();
            graph_view.show_cached(ui, &mut self.synced.graph, &mut self.draw_cache, key)
        } else {
            self.draw_cache.clear();
            graph_view.show(ui, &mut self.synced.graph)
        };
        let min_zoom = min_zoom_for(
            self.content_bounds,
            fit_area(rect, cx.reserved_bottom).size(),
        );
        if let Some((zoom, center)) = self.pending_view.take() {
            let mut meta = MetadataFrame::new(Some(self.view_id.clone())).load(ui);
            if zoom.is_finite() {
                meta.zoom = zoom.clamp(min_zoom, MAX_ZOOM);
            }
            meta.pan = rect.size() / 2.0 - center.to_vec2() * meta.zoom;
            meta.save(ui);
            ui.ctx().request_repaint();
        }
        self.follow_resize(ui, rect);
        if std::mem::take(&mut self.fit_requested) {
            // After `show`: egui_graphs fits on its own first frame, with bounds it has
            // not measured yet; ours replaces that and is drawn on the next frame.
            self.fit_view(ui, rect, cx.reserved_bottom);
            ui.ctx().request_repaint();
        }
        let response = output.response;
        let view = self.transform(ui.ctx(), rect);

        self.follow_drags(&output.changes, cx.selection, cx.commands, cx.view, cx.doc);
        // egui_graphs stops reporting a drag when dragging is switched off midway
        // (Shift, the connect tool): end it when the button is up all the same.
        if self.drag.is_some() && !primary_down {
            self.end_drag(cx.selection, cx.commands, cx.view, cx.doc);
        }
        let mut under = backdrop::backdrop_shapes(ui.painter(), cx.view.backdrop, view, rect);
        if let Some(cell) = self.drop_target(cx.view) {
            under.extend(backdrop::drop_target_shapes(cell, view));
        }
        self.ghosts.clear();
        if let Some(marks) = cx.marks {
            self.ghosts = change_marks::ghost_positions(
                marks,
                &self.synced,
                self.on_map(),
                self.content_bounds,
            );
            under.extend(change_marks::ghost_shapes(
                ui.painter(),
                marks,
                &self.ghosts,
                &self.synced,
                view,
                rect,
                cx.tr,
            ));
            ui.painter().extend(change_marks::chip_shapes(
                ui.painter(),
                marks,
                &self.synced,
                view,
                rect,
                cx.tr,
            ));
        }
        self.backdrop_drawn = under.len();
        ui.painter().set(backdrop_slot, egui::Shape::Vec(under));
        self.handle_clicks(&response, view, modifiers, cx.selection, cx.commands);
        self.finish_gestures(ui, view, pointer, primary_down, cx.selection);
        self.hover_ui(&response, cx.doc, cx.marks, cx.tr);
        self.context_menu_ui(&response, view, cx.doc, cx.tr, cx.selection, cx.commands);
        self.kind_chooser_ui(ui, cx.tr, cx.doc, cx.commands);
        let hint = if self.connect_tool {
            Some(T::ConnectHint)
        } else if self.refused_drag {
            ui.ctx().set_cursor_icon(egui::CursorIcon::NotAllowed);
            Some(T::ViewComputedHint)
        } else {
            None
        };
        if let Some(hint) = hint {
            let hint_at = rect.left_top() + Vec2::new(12.0, 10.0);
            ui.painter().text(
                hint_at,
                egui::Align2::LEFT_TOP,
                cx.tr.t(hint),
                egui::FontId::proportional(13.0),
                SELECTION_STROKE,
            );
        }
    }

    /// Where the compared version's ghost `index` is drawn (canvas), as of the
    /// last frame.
    pub fn ghost_position(&self, index: usize) -> Option<Pos2> {
        self.ghosts.get(index).copied()
    }

    /// Whether the map view is shown (people at their own positions).
    fn on_map(&self) -> bool {
        self.shown_view
            .is_none_or(|(kind, _)| kind == ViewKind::Map)
    }

    /// The grid cell under the person being dragged in the grid view.
    fn drop_target(&self, view: CanvasView<'_>) -> Option<Rect> {
        let (drag, grid) = (self.drag.as_ref()?, view.grid?);
        if view.kind != ViewKind::Grid {
            return None;
        }
        let at = self.synced.position_of(&drag.leader)?;
        let (stance, power) = grid.cell_at(Position::new(f64::from(at.x), f64::from(at.y)))?;
        cell_rect(grid, stance, power)
    }

    /// The canvas area of the people as drawn.
    fn people_bounds(&self) -> Rect {
        self.synced
            .graph
            .nodes_iter()
            .fold(Rect::NOTHING, |bounds, (_, node)| {
                let radius = crate::theme::power_radius(node.payload().power);
                bounds.union(Rect::from_center_size(
                    node.location(),
                    Vec2::splat(radius * 2.0),
                ))
            })
    }

    /// What, besides positions, the view and selection, changes the drawing of the
    /// people and lines: the graph's syncs and this frame's plans of routes, patterns
    /// and names (made for the view before this frame's navigation, so a still
    /// frame after a zoom may plan anew).
    fn drawing_key(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        let names = self.labels_planned.map(|(zoom, _, place)| (zoom, place));
        (
            self.graph_version,
            self.routes.state(),
            self.lines_planned,
            names,
        )
            .hash(&mut hasher);
        hasher.finish()
    }

    /// Level of detail for this frame: which lines keep their pattern, who is named.
    fn plan_detail(&mut self, ctx: &egui::Context, rect: Rect) {
        let view = self.transform(ctx, rect);
        if lod::plan_routes(
            &mut self.synced.graph,
            &mut self.routes,
            self.graph_version,
            view,
            rect,
        ) {
            ctx.request_repaint();
        }
        // The patterns depend on the view, the lines and their courses only: a still
        // frame keeps the last plan (a pass over every line).
        let lines_key = (
            lod::view_key(view, rect),
            self.graph_version,
            self.routes.state(),
        );
        if view.zoom < line_edge::DETAIL_ZOOM {
            // No line has a pattern (and a kept drawing may move with the view).
            self.lines_planned = None;
        } else if self.lines_planned != Some(lines_key) || self.drag.is_some() {
            lod::plan_lines(&mut self.synced.graph, view, rect);
            self.lines_planned = Some(lines_key);
        }
        // Names are planned for the people within a screen of the view, again after
        // the view moved half a screen, the zoom changed or the map did.
        let step = rect.size() / 2.0;
        let at = view.canvas_from_screen(rect.min).to_vec2() * view.zoom;
        let place = (
            (at.x / step.x.max(1.0)).floor() as i64,
            (at.y / step.y.max(1.0)).floor() as i64,
        );
        let key = (view.zoom.to_bits(), self.synced_key, place);
        if view.zoom >= crate::theme::MIN_LABEL_ZOOM
            && (self.labels_planned != Some(key) || self.drag.is_some())
        {
            let visible = Rect::from_two_pos(
                view.canvas_from_screen(rect.min),
                view.canvas_from_screen(rect.max),
            );
            let around = visible.expand2(visible.size());
            lod::plan_labels(&mut self.synced.graph, view.zoom, around);
            self.labels_planned = Some(key);
        }
    }

    /// Zooms and pans so every person is visible inside `rect` (minus `reserved_bottom`
    /// points taken by the legend), never closer than 150 %. An empty map is shown at
    /// 100 % around the origin.
    fn fit_view(&mut self, ui: &mut Ui, rect: Rect, reserved_bottom: f32) {
        let mut meta = MetadataFrame::new(Some(self.view_id.clone())).load(ui);
        let area = fit_area(rect, reserved_bottom);
        // Fresh: people may have been dragged since the last sync.
        self.content_bounds = self.people_bounds().union(self.backdrop_area);
        let bounds = self.content_bounds;
        if self.synced.nodes.is_empty() && !bounds.is_positive() {
            meta.zoom = 1.0;
            meta.pan = rect.size() / 2.0;
        } else {
            let zoom = fit_zoom(bounds, area.size());
            meta.zoom = zoom;
            let label_room = label_room();
            let center = area.center() - Vec2::new(0.0, label_room / 2.0);
            meta.pan = center.to_vec2() - bounds.center().to_vec2() * zoom;
        }
        self.fitted_view = Some((meta.zoom, meta.pan));
        meta.save(ui);
    }

    /// When the canvas changes size (window resized or maximised, a panel shown or
    /// hidden): a view still as fitted is fitted again; otherwise the point in the
    /// middle stays in the middle.
    fn follow_resize(&mut self, ui: &mut Ui, rect: Rect) {
        let previous = self.last_size.replace(rect.size());
        let Some(previous) = previous.filter(|p| *p != rect.size()) else {
            return;
        };
        let mut meta = MetadataFrame::new(Some(self.view_id.clone())).load(ui);
        let untouched = self
            .fitted_view
            .is_some_and(|(zoom, pan)| zoom == meta.zoom && pan == meta.pan);
        if untouched {
            self.fit_requested = true;
        } else {
            meta.pan += (rect.size() - previous) / 2.0;
            meta.save(ui);
        }
        ui.ctx().request_repaint();
    }

    /// The mouse wheel zooms around the pointer (egui_graphs only zooms with Ctrl).
    fn zoom_with_wheel(&mut self, ui: &mut Ui, rect: Rect, pointer: Option<Pos2>) {
        let Some(pointer) = pointer else { return };
        let scroll = ui.input(|i| {
            if i.modifiers.command {
                0.0
            } else {
                i.smooth_scroll_delta.y
            }
        });
        if scroll == 0.0 {
            return;
        }
        let mut meta = MetadataFrame::new(Some(self.view_id.clone())).load(ui);
        let local = pointer - rect.min;
        let anchor = (local - meta.pan) / meta.zoom;
        let min_zoom = min_zoom_for(self.content_bounds, rect.size());
        // Never below where the view already is (a fit of a huge map), so the wheel
        // cannot jump.
        let min_zoom = min_zoom.min(meta.zoom);
        let zoom = (meta.zoom * (scroll * 0.0025).exp()).clamp(min_zoom, MAX_ZOOM);
        meta.zoom = zoom;
        meta.pan = local - anchor * zoom;
        meta.save(ui);
        ui.input_mut(|i| i.smooth_scroll_delta = Vec2::ZERO);
    }

    /// Box selection (Shift-drag on empty canvas) and the connect drag start on press.
    fn start_gestures(
        &mut self,
        doc: &Document,
        view: ViewTransform,
        pointer: Option<Pos2>,
        modifiers: egui::Modifiers,
        pressed: bool,
    ) {
        let (Some(pointer), true) = (pointer, pressed) else {
            return;
        };
        let hit = self.synced.person_at(view.canvas_from_screen(pointer));
        if self.connect_tool {
            if let Some(from) = hit.filter(|id| doc.stakeholder(id).is_some()) {
                self.connect = Connect::Dragging { from };
            }
        } else if modifiers.shift && hit.is_none() {
            self.box_start = Some(pointer);
        }
    }

    /// Moves the other selected people with the dragged one; one command at the end.
    fn follow_drags(
        &mut self,
        changes: &[GraphChange],
        selection: &mut Selection,
        commands: &mut Vec<AppCommand>,
        view: CanvasView<'_>,
        doc: &Document,
    ) {
        for change in changes {
            match change {
                GraphChange::NodeDragStarted { node } => {
                    let Some(leader) = self.synced.person_of(*node) else {
                        continue;
                    };
                    // Dragging a selected person moves the whole selection.
                    let group: Vec<StakeholderId> = if selection.people.contains(&leader) {
                        selection.people.iter().cloned().collect()
                    } else {
                        vec![leader.clone()]
                    };
                    let start = group
                        .into_iter()
                        .filter_map(|id| {
                            let at = self.synced.position_of(&id)?;
                            Some((id, at))
                        })
                        .collect();
                    self.drag = Some(Drag { leader, start });
                }
                GraphChange::NodeMoved { node, .. } => {
                    let (Some(drag), Some(moved)) = (&self.drag, self.synced.person_of(*node))
                    else {
                        continue;
                    };
                    let (Some(now), Some(was)) = (
                        self.synced.position_of(&moved),
                        drag.start
                            .iter()
                            .find(|(id, _)| *id == moved)
                            .map(|(_, p)| *p),
                    ) else {
                        continue;
                    };
                    let offset = now - was;
                    let followers: Vec<(StakeholderId, Pos2)> = drag
                        .start
                        .iter()
                        .filter(|(id, _)| *id != drag.leader)
                        .cloned()
                        .collect();
                    for (id, start) in followers {
                        self.synced.set_position(&id, start + offset);
                    }
                }
                GraphChange::NodeDragEnded { .. } => self.end_drag(selection, commands, view, doc),
                _ => {}
            }
        }
    }

    /// Ends a drag: one move command for everyone who moved, or nothing for a click.
    /// On the grid: the cell dropped on gives its stance and power instead, and
    /// everyone goes back to their place in the view (the new layout moves them).
    fn end_drag(
        &mut self,
        selection: &mut Selection,
        commands: &mut Vec<AppCommand>,
        view: CanvasView<'_>,
        doc: &Document,
    ) {
        let Some(drag) = self.drag.take() else {
            return;
        };
        if view.kind != ViewKind::Map {
            self.synced_key = None;
            let (Some(grid), Some(now), Some(was)) = (
                view.grid.filter(|_| view.kind == ViewKind::Grid),
                self.synced.position_of(&drag.leader),
                drag.start
                    .iter()
                    .find(|(id, _)| *id == drag.leader)
                    .map(|(_, p)| *p),
            ) else {
                return;
            };
            let at = |p: Pos2| Position::new(f64::from(p.x), f64::from(p.y));
            let people: Vec<StakeholderId> = drag.start.iter().map(|(id, _)| id.clone()).collect();
            if let Some(command) = grid_drop_command(doc, grid, &people, at(was), at(now)) {
                if !selection.people.contains(&drag.leader) {
                    *selection = Selection::person(drag.leader.clone());
                }
                edit(commands, command);
            }
            return;
        }
        let moves: Vec<(StakeholderId, Option<Position>)> = drag
            .start
            .iter()
            .filter_map(|(id, start)| {
                let now = self.synced.position_of(id)?;
                // Whole canvas units keep saved files tidy.
                let pos = Position::new(f64::from(now.x).round(), f64::from(now.y).round());
                let moved = (now - *start).length() >= 0.5;
                moved.then(|| (id.clone(), Some(pos)))
            })
            .collect();
        if moves.is_empty() {
            // A click, not a drag: put back any sub-pixel movement.
            self.synced_key = None;
        } else {
            if !selection.people.contains(&drag.leader) {
                *selection = Selection::person(drag.leader.clone());
            }
            commands.push(AppCommand::Edit {
                command: Command::MoveStakeholders(moves),
                merge_key: None,
            });
        }
    }

    /// Click selects (Ctrl/Shift-click toggles), double-click on empty canvas adds a
    /// person, double-click on a person focuses their name.
    fn handle_clicks(
        &mut self,
        response: &egui::Response,
        view: ViewTransform,
        modifiers: egui::Modifiers,
        selection: &mut Selection,
        commands: &mut Vec<AppCommand>,
    ) {
        if !(response.clicked() || response.double_clicked()) || self.connect_tool {
            return;
        }
        let on_map = self.on_map();
        let Some(pointer) = response.interact_pointer_pos() else {
            return;
        };
        let at = view.canvas_from_screen(pointer);
        let person = self.synced.person_at(at);
        let line = if person.is_none() {
            self.synced.line_at(at)
        } else {
            None
        };
        let adding = modifiers.command || modifiers.shift;
        if response.double_clicked() {
            match person {
                Some(id) => {
                    *selection = Selection::person(id);
                    commands.push(AppCommand::FocusName);
                }
                // A place in a computed view is no place on the map.
                None if line.is_none() && on_map => {
                    let pos = Position::new(f64::from(at.x).round(), f64::from(at.y).round());
                    commands.push(AppCommand::AddPersonAt(pos));
                }
                None => {}
            }
            return;
        }
        match (person, line) {
            (Some(id), _) if adding => selection.toggle_person(id),
            (Some(id), _) => *selection = Selection::person(id),
            (None, Some(id)) if adding => selection.toggle_line(id),
            (None, Some(id)) => *selection = Selection::line(id),
            (None, None) if !adding => *selection = Selection::default(),
            (None, None) => {}
        }
    }

    /// Draws and ends box selection and connect drags.
    fn finish_gestures(
        &mut self,
        ui: &mut Ui,
        view: ViewTransform,
        pointer: Option<Pos2>,
        primary_down: bool,
        selection: &mut Selection,
    ) {
        if let Some(start) = self.box_start {
            let end = pointer.unwrap_or(start);
            let rect = Rect::from_two_pos(start, end);
            if primary_down {
                ui.painter().rect(
                    rect,
                    0.0,
                    SELECTION_FILL,
                    egui::Stroke::new(1.0, SELECTION_STROKE),
                    egui::StrokeKind::Inside,
                );
            } else {
                self.box_start = None;
                let in_canvas = Rect::from_two_pos(
                    view.canvas_from_screen(rect.min),
                    view.canvas_from_screen(rect.max),
                );
                selection.people.extend(self.synced.people_in(in_canvas));
            }
        }
        if let Connect::Dragging { from } = &self.connect {
            let from = from.clone();
            let Some(start) = self
                .synced
                .position_of(&from)
                .map(|p| view.screen_from_canvas(p))
            else {
                self.connect = Connect::Idle;
                return;
            };
            let end = pointer.unwrap_or(start);
            if primary_down {
                ui.painter()
                    .line_segment([start, end], egui::Stroke::new(2.0, SELECTION_STROKE));
            } else {
                let target = self.synced.person_at(view.canvas_from_screen(end));
                self.connect = match target {
                    Some(to) if to != from => Connect::ChoosingKind { from, to, at: end },
                    _ => Connect::Idle,
                };
            }
        }
    }

    /// Whether the kind of a new line is being chosen (the chooser is open).
    pub fn choosing_kind(&self) -> bool {
        matches!(self.connect, Connect::ChoosingKind { .. })
    }

    /// Title and department of the person under the pointer.
    fn hover_ui(
        &self,
        response: &egui::Response,
        doc: &Document,
        marks: Option<&crate::sync::marks::ChangeMarks>,
        tr: Tr,
    ) {
        let Some(index) = self.synced.graph.hovered_node() else {
            return;
        };
        let Some(person) = self
            .synced
            .person_of(index)
            .and_then(|id| doc.stakeholder(&id))
        else {
            return;
        };
        // While connecting, the target's card would cover the kind chooser.
        if self.drag.is_some() || !matches!(self.connect, Connect::Idle) {
            return;
        }
        response.clone().on_hover_ui_at_pointer(|ui| {
            ui.strong(if person.name.is_empty() {
                tr.t(T::Unnamed)
            } else {
                &person.name
            });
            for line in [&person.title, &person.department] {
                if !line.is_empty() {
                    ui.label(line);
                }
            }
            ui.label(format!(
                "{} · {} · {} {}",
                tr.role(person.role),
                tr.stance(person.stance),
                tr.t(T::Power),
                person.power.level()
            ));
            if let Some(changed) = marks.and_then(|m| m.people.get(&person.id)) {
                ui.colored_label(
                    super::theme::SELECTION_STROKE,
                    crate::ui::comparison::hover_text(changed, doc, tr),
                );
            }
        });
    }

    /// Right-click menus on people, lines and empty canvas.
    fn context_menu_ui(
        &mut self,
        response: &egui::Response,
        view: ViewTransform,
        doc: &Document,
        tr: Tr,
        selection: &mut Selection,
        commands: &mut Vec<AppCommand>,
    ) {
        let on_map = self.on_map();
        if response.secondary_clicked()
            && let Some(pointer) = response.interact_pointer_pos()
        {
            let at = view.canvas_from_screen(pointer);
            self.menu_target = match (self.synced.person_at(at), self.synced.line_at(at)) {
                (Some(id), _) => {
                    if !selection.people.contains(&id) {
                        *selection = Selection::person(id.clone());
                    }
                    MenuTarget::Person(id)
                }
                (None, Some(id)) => {
                    *selection = Selection::line(id.clone());
                    MenuTarget::Line(id)
                }
                (None, None) => MenuTarget::Empty(Position::new(
                    f64::from(at.x).round(),
                    f64::from(at.y).round(),
                )),
            };
        }
        let target = self.menu_target.clone();
        response.context_menu(|ui| match &target {
            MenuTarget::Person(id) => {
                if let Some(person) = doc.stakeholder(id) {
                    person_menu_ui(
                        ui,
                        person,
                        tr,
                        commands,
                        &mut self.connect,
                        &mut self.connect_tool,
                    );
                }
            }
            MenuTarget::Line(id) => {
                if let Some(line) = doc.relationship(id) {
                    line_menu_ui(ui, line, tr, commands);
                }
            }
            MenuTarget::Empty(pos) => {
                if on_map && ui.button(tr.t(T::AddPersonHere)).clicked() {
                    commands.push(AppCommand::AddPersonAt(*pos));
                    ui.close();
                }
                if ui.button(tr.t(T::FitView)).clicked() {
                    commands.push(AppCommand::Action(Action::FitView));
                    ui.close();
                }
            }
            MenuTarget::Nothing => {
                ui.close();
            }
        });
    }

    /// After a connect drag: pick the kind of relationship.
    fn kind_chooser_ui(
        &mut self,
        ui: &mut Ui,
        tr: Tr,
        doc: &Document,
        commands: &mut Vec<AppCommand>,
    ) {
        let Connect::ChoosingKind { from, to, at } = self.connect.clone() else {
            return;
        };
        let mut close = false;
        egui::Area::new(egui::Id::new(&self.view_id).with("kind-chooser"))
            .order(egui::Order::Foreground)
            .fixed_pos(at)
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.label(tr.t(T::ChooseKind));
                    for kind in RelationshipKind::ALL {
                        if ui.button(tr.kind(*kind)).clicked() {
                            let id = doc.fresh_relationship_id("r");
                            commands.push(AppCommand::Edit {
                                command: Command::add_relationship(Relationship::new(
                                    id,
                                    from.clone(),
                                    to.clone(),
                                    *kind,
                                )),
                                merge_key: None,
                            });
                            close = true;
                        }
                    }
                    if ui.button(tr.t(T::Cancel)).clicked() {
                        close = true;
                    }
                });
            });
        if close {
            self.connect = Connect::Idle;
        }
    }
}

/// Room for the names that hang below the circles at a fixed screen size, in points.
fn label_room() -> f32 {
    2.0 * (crate::theme::LABEL_SIZE + 6.0)
}

/// The part of the canvas `rect` a fit fills: all but the legend and a margin, in
/// points from the canvas corner.
fn fit_area(rect: Rect, reserved_bottom: f32) -> Rect {
    Rect::from_min_max(
        Pos2::ZERO,
        Pos2::new(
            rect.width(),
            (rect.height() - reserved_bottom).max(rect.height() * 0.5),
        ),
    )
    .shrink(FIT_MARGIN)
}

/// The zoom that shows all of `bounds` (canvas) in `area` (points), with room for
/// the names, never closer than 150 %. Any map fits, however wide.
pub fn fit_zoom(bounds: Rect, area: Vec2) -> f32 {
    let zoom_x = area.x.max(10.0) / bounds.width().max(1.0);
    let zoom_y = (area.y - label_room()).max(10.0) / bounds.height().max(1.0);
    let zoom = zoom_x.min(zoom_y).min(1.5);
    if zoom.is_finite() && zoom > 0.0 {
        zoom
    } else {
        1.0
    }
}

/// The smallest zoom for content in `bounds` on a canvas of `area`: `MIN_ZOOM`,
/// or less where the content needs it to be seen whole, with room to spare.
pub fn min_zoom_for(bounds: Rect, area: Vec2) -> f32 {
    if !bounds.is_finite() {
        return MIN_ZOOM;
    }
    MIN_ZOOM.min(fit_zoom(bounds, area) * 0.5)
}

fn edit(commands: &mut Vec<AppCommand>, command: Command) {
    commands.push(AppCommand::Edit {
        command,
        merge_key: None,
    });
}

fn person_menu_ui(
    ui: &mut Ui,
    person: &crate::model::Stakeholder,
    tr: Tr,
    commands: &mut Vec<AppCommand>,
    connect: &mut Connect,
    connect_tool: &mut bool,
) {
    if ui.button(tr.t(T::Edit)).clicked() {
        commands.push(AppCommand::FocusName);
        ui.close();
    }
    ui.menu_button(tr.t(T::SetStance), |ui| {
        for stance in Stance::ALL {
            if ui
                .radio(person.stance == *stance, tr.stance(*stance))
                .clicked()
            {
                edit(
                    commands,
                    Command::update_stakeholder(crate::model::Stakeholder {
                        stance: *stance,
                        ..person.clone()
                    }),
                );
                ui.close();
            }
        }
    });
    ui.menu_button(tr.t(T::SetRole), |ui| {
        for role in Role::ALL {
            if ui.radio(person.role == *role, tr.role(*role)).clicked() {
                edit(
                    commands,
                    Command::update_stakeholder(crate::model::Stakeholder {
                        role: *role,
                        ..person.clone()
                    }),
                );
                ui.close();
            }
        }
    });
    ui.menu_button(tr.t(T::SetPower), |ui| {
        for level in 1..=5 {
            let Some(power) = Power::new(level) else {
                continue;
            };
            if ui
                .radio(person.power == power, tr.power(power.level()))
                .clicked()
            {
                edit(
                    commands,
                    Command::update_stakeholder(crate::model::Stakeholder {
                        power,
                        ..person.clone()
                    }),
                );
                ui.close();
            }
        }
    });
    if ui.button(tr.t(T::ConnectFromHere)).clicked() {
        *connect_tool = true;
        *connect = Connect::Idle;
        ui.close();
    }
    ui.separator();
    if ui.button(tr.t(T::Delete)).clicked() {
        commands.push(AppCommand::Action(Action::DeleteSelection));
        ui.close();
    }
}

fn line_menu_ui(ui: &mut Ui, line: &Relationship, tr: Tr, commands: &mut Vec<AppCommand>) {
    if ui.button(tr.t(T::Edit)).clicked() {
        commands.push(AppCommand::ShowDetails);
        ui.close();
    }
    ui.separator();
    for kind in RelationshipKind::ALL {
        if ui.radio(line.kind == *kind, tr.kind(*kind)).clicked() {
            edit(
                commands,
                Command::UpdateRelationship(Relationship {
                    kind: *kind,
                    ..line.clone()
                }),
            );
            ui.close();
        }
    }
    ui.separator();
    if ui.button(tr.t(T::SwapDirection)).clicked() {
        edit(
            commands,
            Command::UpdateRelationship(Relationship {
                from: line.to.clone(),
                to: line.from.clone(),
                ..line.clone()
            }),
        );
        ui.close();
    }
    if ui.button(tr.t(T::Delete)).clicked() {
        commands.push(AppCommand::Action(Action::DeleteSelection));
        ui.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_shows_any_map_however_wide_and_the_smallest_zoom_allows_it() {
        let area = Vec2::new(1200.0, 700.0);
        // The import layout of 10,000 people the issue measured: 771,120 × 4,320.
        for size in [
            Vec2::new(771_120.0, 4_320.0),
            Vec2::new(4_320.0, 771_120.0),
            Vec2::new(1.0e7, 10.0),
            Vec2::new(300.0, 200.0),
        ] {
            let bounds = Rect::from_min_size(Pos2::new(-5.0, 7.0), size);
            let zoom = fit_zoom(bounds, area);
            assert!(bounds.width() * zoom <= area.x + 0.5, "{size:?}");
            assert!(bounds.height() * zoom <= area.y, "{size:?}");
            assert!(min_zoom_for(bounds, area) <= zoom, "{size:?}");
            assert!(min_zoom_for(bounds, area) <= MIN_ZOOM);
        }
        // Small maps keep the usual limits.
        let small = Rect::from_min_size(Pos2::ZERO, Vec2::new(300.0, 200.0));
        assert_eq!(fit_zoom(small, area), 1.5);
        assert_eq!(min_zoom_for(small, area), MIN_ZOOM);
        assert_eq!(min_zoom_for(Rect::NOTHING, area), MIN_ZOOM);
    }
}
