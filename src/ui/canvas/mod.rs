//! The map canvas: egui_graphs draws people and lines with our own shapes; this module
//! adds what a map editor needs on top — selection with Ctrl/Shift, box selection,
//! wheel zoom, double-click to add a person, the connect tool, context menus, and
//! turning a whole drag into one move command.

mod edit_hint;
mod graph_sync;
mod line_edge;
mod lod;
mod look;
mod person_node;
mod static_layout;

use egui::{Pos2, Rect, Ui, Vec2};
use egui_graphs::{GraphChange, GraphView, MetadataFrame, SettingsInteraction, SettingsNavigation};

pub use edit_hint::EditHint;
pub use graph_sync::{Highlight, MapGraph, SyncedGraph, canvas_positions};
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

/// Zoom limits: from a whole group account to reading one name comfortably.
const MIN_ZOOM: f32 = 0.02;
const MAX_ZOOM: f32 = 6.0;

/// The canvas and its view state (never saved in the document).
pub struct Canvas {
    synced: SyncedGraph,
    /// What the graph reflects: (edit counter, language, highlight).
    synced_key: Option<(u64, Tr, u64)>,
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
    drag: Option<Drag>,
    box_start: Option<Pos2>,
    connect: Connect,
    menu_target: MenuTarget,
    /// Whether the connect tool is on.
    pub connect_tool: bool,
}

/// What the names were planned for: zoom, graph (sync key), and the view's place in
/// steps of half a screen.
type LabelsKey = (u32, Option<(u64, Tr, u64)>, (i64, i64));

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
            routes: lod::RoutePlan::default(),
            expected_edit: None,
            drag: None,
            box_start: None,
            connect: Connect::Idle,
            menu_target: MenuTarget::Nothing,
            connect_tool: false,
        }
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
        let key = (cx.edit_counter, cx.tr, cx.highlight.1);
        let mut resynced = false;
        if self.synced_key != Some(key) && self.drag.is_none() {
            // One known edit since the last sync: update what it touched.
            let hinted = match (self.synced_key, self.expected_edit.take()) {
                (Some((counter, tr, highlight)), Some((target, hint)))
                    if (tr, highlight) == (cx.tr, cx.highlight.1)
                        && counter + 1 == key.0
                        && target == key.0 =>
                {
                    self.synced.sync_some(cx.doc, cx.tr, cx.highlight.0, &hint)
                }
                _ => false,
            };
            if !hinted {
                self.synced.sync(cx.doc, cx.tr, cx.highlight.0);
            }
            self.synced_key = Some(key);
            resynced = true;
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

        let gesture = self.box_start.is_some() || matches!(self.connect, Connect::Dragging { .. });
        let interactions = SettingsInteraction::new()
            .with_dragging_enabled(!gesture && !self.connect_tool && !modifiers.shift)
            .with_hover_enabled(true);
        let navigation = SettingsNavigation::new()
            .with_fit_to_screen_enabled(false)
            .with_zoom_and_pan_enabled(!gesture);
        self.plan_detail(ui.ctx(), rect);
        let output = GraphView::<StaticState, StaticLayout>::new()
            .with_id(Some(self.view_id.clone()))
            .with_interactions(&interactions)
            .with_navigations(&navigation)
            .show(ui, &mut self.synced.graph);
        if let Some((zoom, center)) = self.pending_view.take() {
            let mut meta = MetadataFrame::new(Some(self.view_id.clone())).load(ui);
            if zoom.is_finite() {
                meta.zoom = zoom.clamp(MIN_ZOOM, MAX_ZOOM);
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

        self.follow_drags(&output.changes, cx.selection, cx.commands);
        // egui_graphs stops reporting a drag when dragging is switched off midway
        // (Shift, the connect tool): end it when the button is up all the same.
        if self.drag.is_some() && !primary_down {
            self.end_drag(cx.selection, cx.commands);
        }
        self.handle_clicks(&response, view, modifiers, cx.selection, cx.commands);
        self.finish_gestures(ui, view, pointer, primary_down, cx.selection);
        self.hover_ui(&response, cx.doc, cx.tr);
        self.context_menu_ui(&response, view, cx.doc, cx.tr, cx.selection, cx.commands);
        self.kind_chooser_ui(ui, cx.tr, cx.doc, cx.commands);
        if self.connect_tool {
            let hint_at = rect.left_top() + Vec2::new(12.0, 10.0);
            ui.painter().text(
                hint_at,
                egui::Align2::LEFT_TOP,
                cx.tr.t(T::ConnectHint),
                egui::FontId::proportional(13.0),
                SELECTION_STROKE,
            );
        }
    }

    /// Level of detail for this frame: which lines keep their pattern, who is named.
    fn plan_detail(&mut self, ctx: &egui::Context, rect: Rect) {
        let view = self.transform(ctx, rect);
        if lod::plan_routes(&mut self.synced.graph, &mut self.routes, view, rect) {
            ctx.request_repaint();
        }
        lod::plan_lines(&mut self.synced.graph, view, rect);
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
        let area = Rect::from_min_max(
            Pos2::ZERO,
            Pos2::new(
                rect.width(),
                (rect.height() - reserved_bottom).max(rect.height() * 0.5),
            ),
        )
        .shrink(36.0);
        let bounds = self
            .synced
            .graph
            .nodes_iter()
            .fold(Rect::NOTHING, |bounds, (_, node)| {
                let radius = crate::theme::power_radius(node.payload().power);
                bounds.union(Rect::from_center_size(
                    node.location(),
                    Vec2::splat(radius * 2.0),
                ))
            });
        if self.synced.nodes.is_empty() {
            meta.zoom = 1.0;
            meta.pan = rect.size() / 2.0;
        } else {
            // Names hang below the circles at a fixed screen size: keep room for them.
            let label_room = 2.0 * (crate::theme::LABEL_SIZE + 6.0);
            let zoom_x = area.width() / bounds.width().max(1.0);
            let zoom_y = (area.height() - label_room).max(10.0) / bounds.height().max(1.0);
            let zoom = zoom_x.min(zoom_y).clamp(MIN_ZOOM, 1.5);
            meta.zoom = zoom;
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
        let zoom = (meta.zoom * (scroll * 0.0025).exp()).clamp(MIN_ZOOM, MAX_ZOOM);
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
                GraphChange::NodeDragEnded { .. } => self.end_drag(selection, commands),
                _ => {}
            }
        }
    }

    /// Ends a drag: one move command for everyone who moved, or nothing for a click.
    fn end_drag(&mut self, selection: &mut Selection, commands: &mut Vec<AppCommand>) {
        let Some(drag) = self.drag.take() else {
            return;
        };
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
                None if line.is_none() => {
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
    fn hover_ui(&self, response: &egui::Response, doc: &Document, tr: Tr) {
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
                if ui.button(tr.t(T::AddPersonHere)).clicked() {
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
