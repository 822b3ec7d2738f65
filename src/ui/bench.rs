//! `powermap bench`: the real canvas code, headless — the UI pass and tessellation —
//! on generated maps or a real one, reported in milliseconds per frame (median and
//! 95th percentile after warm-up).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::{Pos2, Rect, Vec2};

use super::analysis_worker::{INLINE_LIMIT, snapshot_for_analysis};
use super::app_command::AppCommand;
use super::canvas::{Canvas, CanvasContext, Highlight};
use super::i18n::{Language, Tr};
use super::selection::Selection;
use crate::edit::{Command, Editor};
use crate::model::{Document, Position};
use crate::samples::synthetic_map;
use crate::views::{ViewKind, ViewLayout, view_layout};

/// A map to measure.
#[derive(Clone, Debug)]
pub enum BenchMap {
    /// `samples::synthetic_map`: an org-chart grid, mostly short lines.
    Synthetic(usize),
    /// The same people, but every informal line goes to a random person: long lines
    /// everywhere, as in an import before it is tidied.
    RandomLines(usize),
    /// A map file.
    File(PathBuf),
}

impl BenchMap {
    /// The name printed for this map.
    pub fn name(&self) -> String {
        match self {
            Self::Synthetic(n) => format!("synthetic-{n}"),
            Self::RandomLines(n) => format!("random-{n}"),
            Self::File(path) => path.display().to_string(),
        }
    }

    fn document(&self) -> anyhow::Result<Document> {
        Ok(match self {
            Self::Synthetic(n) => synthetic_map(*n, 7),
            Self::RandomLines(n) => random_lines_map(*n, 7),
            Self::File(path) => crate::format::load_file(path)
                .map_err(|err| anyhow::anyhow!("{}: invalid: {err}", path.display()))?,
        })
    }
}

/// What is measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Scenario {
    /// The whole map zoomed to fit the screen. Like every canvas scenario but
    /// `still` and `pan`, the view changes a little each frame (zoom ± 0.1 %, or a
    /// point of pan when zoomed in), so every frame draws the map.
    Fit,
    /// The fitted map while nothing on it moves (a menu, the side panel or the
    /// pointer over an empty spot repaint the window): large maps are painted from
    /// their last drawing.
    Still,
    /// The fitted map dragged by a point each frame: large maps move their last
    /// drawing.
    Pan,
    /// The same while the pointer moves over the canvas (hover hit tests).
    #[value(name = "fit+pointer")]
    FitPointer,
    /// The lowest zoom that shows names, on the middle of the map.
    Labels,
    /// 100 % zoom on the middle of the map.
    Zoom100,
    /// Moving one person (the map is zoomed to fit): the edit, the copy handed to the
    /// analysis thread and the next frame. Reported twice: `edit`, the whole frame,
    /// and `edit-cost`, its difference from the same frame without an edit.
    Edit,
    /// Loading the file and drawing until the first fitted frame; reported twice:
    /// `open`, all of it, and `open-frames`, the two frames alone (the UI thread's
    /// part when the app reads a large file in the background).
    Open,
    /// The side panel's Analysis tab (its long lists as first shown), alone.
    Panel,
    /// The same with every long list opened ("Show all").
    #[value(name = "panel-all")]
    PanelAll,
    /// The org chart view zoomed to fit (its layout computed before measuring).
    Org,
    /// The fishbone view zoomed to fit.
    Fishbone,
    /// The power × stance grid zoomed to fit.
    Grid,
}

impl Scenario {
    /// Every scenario, in the order they are printed.
    pub const ALL: [Scenario; 13] = [
        Self::Fit,
        Self::Still,
        Self::Pan,
        Self::FitPointer,
        Self::Labels,
        Self::Zoom100,
        Self::Edit,
        Self::Open,
        Self::Panel,
        Self::PanelAll,
        Self::Org,
        Self::Fishbone,
        Self::Grid,
    ];

    /// The name printed for this scenario.
    pub fn name(self) -> &'static str {
        match self {
            Self::Fit => "fit",
            Self::Still => "still",
            Self::Pan => "pan",
            Self::FitPointer => "fit+pointer",
            Self::Labels => "labels",
            Self::Zoom100 => "zoom100",
            Self::Edit => "edit",
            Self::Open => "open",
            Self::Panel => "panel",
            Self::PanelAll => "panel-all",
            Self::Org => "org",
            Self::Fishbone => "fishbone",
            Self::Grid => "grid",
        }
    }

    /// The workshop view the scenario draws.
    fn view(self) -> ViewKind {
        match self {
            Self::Org => ViewKind::OrgChart,
            Self::Fishbone => ViewKind::Fishbone,
            Self::Grid => ViewKind::Grid,
            _ => ViewKind::Map,
        }
    }
}

/// Cost of one scenario.
#[derive(Clone, Debug, serde::Serialize)]
pub struct BenchResult {
    /// What was measured.
    pub name: &'static str,
    /// Median time on the UI thread before tessellation (the UI pass, plus the edit
    /// and the analysis copy, or the load, where the scenario has them).
    pub ui_ms: f64,
    /// Median time of tessellation.
    pub tessellate_ms: f64,
    /// Median of the two together.
    pub median_ms: f64,
    /// 95th percentile of the two together.
    pub p95_ms: f64,
    /// Triangles' vertices produced by the last frame.
    pub vertices: usize,
}

/// The results on one map.
#[derive(Clone, Debug, serde::Serialize)]
pub struct MapResults {
    /// Which map.
    pub map: String,
    /// Stakeholders in it.
    pub people: usize,
    /// Relationships in it.
    pub lines: usize,
    /// One result per scenario.
    pub scenarios: Vec<BenchResult>,
}

const SCREEN: Vec2 = Vec2::new(1280.0, 800.0);

/// Measures `frames` frames of each scenario on `map`.
pub fn run_canvas_bench(
    map: &BenchMap,
    scenarios: &[Scenario],
    frames: usize,
) -> anyhow::Result<MapResults> {
    let doc = map.document()?;
    let mut results = MapResults {
        map: map.name(),
        people: doc.stakeholders.len(),
        lines: doc.relationships.len(),
        scenarios: Vec::new(),
    };
    // Warm the allocator: a fresh process pays page faults while its heap grows to
    // the size of a frame's shapes and meshes, which a running app paid long ago.
    std::hint::black_box(measure(&doc, Scenario::Fit, 3));
    // `open` reads a file: a generated map is written to a temporary one first.
    let mut temp_file = None;
    for &scenario in scenarios {
        let samples = match scenario {
            Scenario::Open => {
                let path = match map {
                    BenchMap::File(path) => path.clone(),
                    _ => {
                        let path = std::env::temp_dir().join(format!(
                            "powermap-bench-{}-{}.json",
                            std::process::id(),
                            map.name()
                        ));
                        crate::format::save_file(&path, &doc)?;
                        temp_file = Some(path.clone());
                        path
                    }
                };
                let (samples, frames_only) = measure_open(&path, (frames / 5).max(3))?;
                results.scenarios.push(summarise(scenario, &samples));
                let mut first = summarise(scenario, &frames_only);
                first.name = "open-frames";
                results.scenarios.push(first);
                continue;
            }
            Scenario::Panel | Scenario::PanelAll => {
                measure_panel(&doc, scenario == Scenario::PanelAll, frames.max(3))
            }
            _ => {
                let (samples, baseline) = measure(&doc, scenario, frames.max(3));
                if !baseline.is_empty() {
                    results.scenarios.push(summarise(scenario, &samples));
                    let cost: Vec<Sample> = samples
                        .iter()
                        .zip(&baseline)
                        .map(|(e, p)| (e.0.saturating_sub(p.0), e.1.saturating_sub(p.1), e.2))
                        .collect();
                    let mut cost = summarise(scenario, &cost);
                    cost.name = "edit-cost";
                    results.scenarios.push(cost);
                    continue;
                }
                samples
            }
        };
        results.scenarios.push(summarise(scenario, &samples));
    }
    if let Some(path) = temp_file {
        let _ = std::fs::remove_file(path);
    }
    Ok(results)
}

/// One measured frame: time before tessellation, tessellation, vertices.
type Sample = (Duration, Duration, usize);

fn summarise(scenario: Scenario, samples: &[Sample]) -> BenchResult {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let sorted = |mut values: Vec<f64>| {
        values.sort_by(f64::total_cmp);
        values
    };
    let at = |values: &[f64], q: f64| {
        let index = ((values.len() as f64 - 1.0) * q).round() as usize;
        values.get(index).copied().unwrap_or(0.0)
    };
    let ui = sorted(samples.iter().map(|s| ms(s.0)).collect());
    let tessellate = sorted(samples.iter().map(|s| ms(s.1)).collect());
    let total = sorted(samples.iter().map(|s| ms(s.0 + s.1)).collect());
    BenchResult {
        name: scenario.name(),
        ui_ms: at(&ui, 0.5),
        tessellate_ms: at(&tessellate, 0.5),
        median_ms: at(&total, 0.5),
        p95_ms: at(&total, 0.95),
        vertices: samples.last().map_or(0, |s| s.2),
    }
}

/// Tessellates a frame's output as eframe would: the time it took and the vertices.
fn tessellate(ctx: &egui::Context, mut output: egui::FullOutput) -> (Duration, usize) {
    // No renderer takes the font atlas here.
    output.textures_delta.clear();
    let started = Instant::now();
    let meshes = ctx.tessellate(output.shapes, output.pixels_per_point);
    let tessellate_time = started.elapsed();
    let vertices = meshes
        .iter()
        .map(|m| match &m.primitive {
            egui::epaint::Primitive::Mesh(mesh) => mesh.vertices.len(),
            egui::epaint::Primitive::Callback(_) => 0,
        })
        .sum();
    (tessellate_time, vertices)
}

/// A headless egui context with the app's fonts, drawing one canvas.
struct Screen {
    ctx: egui::Context,
    canvas: Canvas,
    selection: Selection,
    highlight: Highlight,
    edit_counter: u64,
    /// The workshop view drawn and its layout (`None`: the map).
    view: Option<(ViewKind, ViewLayout)>,
}

impl Screen {
    fn new() -> Self {
        let ctx = egui::Context::default();
        super::fonts::install_cjk_font(&ctx, false);
        ctx.set_theme(egui::Theme::Light);
        Self {
            ctx,
            canvas: Canvas::new(),
            selection: Selection::default(),
            highlight: Highlight::default(),
            edit_counter: 1,
            view: None,
        }
    }

    /// Draws one frame of `doc`; `before` is time already spent on the UI thread for
    /// this frame (an edit, a load).
    fn frame(&mut self, doc: &Document, pointer: Option<Pos2>, before: Duration) -> Sample {
        let (ui_time, output) = self.run(doc, pointer);
        let (tessellate_time, vertices) = tessellate(&self.ctx, output);
        (ui_time + before, tessellate_time, vertices)
    }

    /// The UI pass of one frame of `doc` and how long it took.
    fn run(&mut self, doc: &Document, pointer: Option<Pos2>) -> (Duration, egui::FullOutput) {
        let mut input = egui::RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, SCREEN)),
            ..Default::default()
        };
        if let Some(pos) = pointer {
            input.events.push(egui::Event::PointerMoved(pos));
        }
        let mut commands: Vec<AppCommand> = Vec::new();
        let started = Instant::now();
        let (canvas, selection, highlight) =
            (&mut self.canvas, &mut self.selection, &self.highlight);
        let edit_counter = self.edit_counter;
        let view = match &self.view {
            Some((kind, layout)) => super::canvas::CanvasView {
                kind: *kind,
                positions: Some(&layout.positions),
                backdrop: &layout.backdrop,
                grid: layout.grid.as_ref(),
                drawn_lines: &layout.drawn_lines,
                serial: 1,
            },
            None => super::canvas::CanvasView::default(),
        };
        let output = self.ctx.run_ui(input, |ui| {
            egui::CentralPanel::default().show(ui, |ui| {
                canvas.canvas_ui(
                    ui,
                    CanvasContext {
                        doc,
                        edit_counter,
                        tr: Tr(Language::English),
                        highlight: (highlight, 0),
                        selection,
                        commands: &mut commands,
                        reserved_bottom: 0.0,
                        view,
                        marks: None,
                    },
                );
            });
        });
        (started.elapsed(), output)
    }
}

/// The middle of the map's drawing, in canvas coordinates.
fn middle_of(doc: &Document) -> Pos2 {
    let positions = super::canvas::canvas_positions(doc);
    let bounds = positions.iter().fold(Rect::NOTHING, |r, p| {
        r.union(Rect::from_center_size(*p, Vec2::ZERO))
    });
    if bounds.is_finite() {
        bounds.center()
    } else {
        Pos2::ZERO
    }
}

/// The frames of a scenario, and for `edit` the same frames without the edit.
fn measure(doc: &Document, scenario: Scenario, frames: usize) -> (Vec<Sample>, Vec<Sample>) {
    let mut screen = Screen::new();
    if scenario.view() != ViewKind::Map {
        // As the app does: the layout is computed once per map state (and for large
        // maps off the UI thread), then every frame draws it.
        screen.view = Some((
            scenario.view(),
            view_layout(doc, scenario.view(), Language::English),
        ));
    }
    let mut editor = Editor::new(doc.clone());
    // Warm up: the first frames fit the view and fill the font caches.
    for _ in 0..4 {
        screen.frame(editor.document(), None, Duration::ZERO);
    }
    let zoom = match scenario {
        Scenario::Labels => Some(crate::theme::MIN_LABEL_ZOOM),
        Scenario::Zoom100 => Some(1.0),
        _ => None,
    };
    if let Some(zoom) = zoom {
        screen.canvas.reveal(middle_of(doc), Some(zoom));
        for _ in 0..3 {
            screen.frame(editor.document(), None, Duration::ZERO);
        }
    }
    let mover = doc
        .stakeholders
        .get(doc.stakeholders.len() / 2)
        .map(|p| p.id.clone());
    let home = super::canvas::canvas_positions(doc)
        .get(doc.stakeholders.len() / 2)
        .copied()
        .unwrap_or_default();
    // What the analysis holds of the map between edits: small maps keep the shared
    // snapshot with their result (the next edit copies it); the thread of a large map
    // copies it and lets go at once.
    let mut held = None;
    let mut samples = Vec::with_capacity(frames);
    let mut baseline = Vec::new();
    for i in 0..frames + 2 {
        // Every frame draws the map: zoomed in and out a little (moving a fitted
        // map only moves its last drawing), or moved a point back and forth when
        // zoomed in (where a tiny zoom could cross the zoom that shows names).
        let nudge = |screen: &Screen| match scenario {
            Scenario::Still => {}
            Scenario::Pan | Scenario::Labels | Scenario::Zoom100 => {
                let dx = if i % 2 == 0 { 1.0 } else { -1.0 };
                screen.canvas.pan_by(&screen.ctx, Vec2::new(dx, 0.0));
            }
            _ => {
                let factor = if i % 2 == 0 { 1.001 } else { 1.0 / 1.001 };
                screen.canvas.zoom_by(&screen.ctx, factor);
            }
        };
        nudge(&screen);
        let sample = match (scenario, &mover) {
            (Scenario::Edit, Some(id)) => {
                // Back and forth, so the map does not drift.
                let dx = if i % 2 == 0 { 40.0 } else { 0.0 };
                let to = Position::new(f64::from(home.x) + dx, f64::from(home.y));
                let started = Instant::now();
                // As the app does: the canvas is told what the edit changed.
                let command = Command::MoveStakeholders(vec![(id.clone(), Some(to))]);
                let hint = super::canvas::EditHint::of(&command);
                let applied = editor.apply(command);
                let snapshot = snapshot_for_analysis(&editor);
                if doc.stakeholders.len() <= INLINE_LIMIT {
                    held = Some(snapshot);
                } else {
                    std::hint::black_box(snapshot);
                }
                let edit_time = started.elapsed();
                debug_assert!(applied.is_ok());
                screen.edit_counter += 1;
                screen.canvas.expect_edit(screen.edit_counter, hint);
                let edited = screen.frame(editor.document(), None, edit_time);
                // The same frame without an edit, right after: the difference is
                // what the edit cost (paired, so the machine's load cancels out).
                nudge(&screen);
                let plain = screen.frame(editor.document(), None, Duration::ZERO);
                if i >= 2 {
                    baseline.push(plain);
                }
                edited
            }
            (Scenario::FitPointer, _) => {
                let t = i as f32 / frames as f32;
                let pointer = Pos2::new(200.0 + 800.0 * t, 200.0 + 300.0 * t);
                screen.frame(editor.document(), Some(pointer), Duration::ZERO)
            }
            _ => screen.frame(editor.document(), None, Duration::ZERO),
        };
        std::hint::black_box(&held);
        // The first two edits warm the caches of the edit path.
        if i >= 2 {
            samples.push(sample);
        }
    }
    (samples, baseline)
}

/// The Analysis tab of the side panel, drawn on its own at the app's default width.
fn measure_panel(doc: &Document, open_lists: bool, frames: usize) -> Vec<Sample> {
    use super::side_panel::{HighlightRequest, SidePanel, SidePanelContext, Tab};
    let screen = Screen::new();
    let options = crate::analysis::AnalysisOptions::new(
        crate::model::Date::today_local(),
        crate::lang::Language::English,
    );
    let analysed = super::analysis_worker::AnalysedMap {
        doc: std::sync::Arc::new(doc.clone()),
        analysis: crate::analysis::analyze(doc, &options),
    };
    if open_lists {
        for key in super::analysis_view::LONG_LISTS {
            super::analysis_view::set_show_all(&screen.ctx, key, true);
        }
    }
    let mut panel = SidePanel {
        tab: Tab::Analysis,
        ..SidePanel::default()
    };
    let selection = Selection::default();
    let mut samples = Vec::with_capacity(frames);
    for i in 0..frames + 3 {
        let input = egui::RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, SCREEN)),
            ..Default::default()
        };
        let mut commands = Vec::new();
        let started = Instant::now();
        let output = screen.ctx.run_ui(input, |ui| {
            egui::Panel::right("bench-side-panel")
                .default_size(340.0)
                .show(ui, |ui| {
                    panel.side_panel_ui(
                        ui,
                        SidePanelContext {
                            doc,
                            analysed: Some(&analysed),
                            analysing: false,
                            selection: &selection,
                            highlight: &HighlightRequest::Nothing,
                            stale_after_days: crate::analysis::DEFAULT_STALE_DAYS,
                            tr: Tr(Language::English),
                            commands: &mut commands,
                        },
                    );
                });
        });
        let ui_time = started.elapsed();
        let (tessellate_time, vertices) = tessellate(&screen.ctx, output);
        // The first frames lay out the panel and fill the font caches.
        if i >= 3 {
            samples.push((ui_time, tessellate_time, vertices));
        }
    }
    samples
}

/// Loading the file as the app does and drawing until the view is fitted (two
/// frames: the first fits — and builds the graph of a small map —, the second draws
/// the fitted view). Also returns the two frames alone: what stays on the UI thread
/// when the app reads a large file (and builds its graph) in the background.
fn measure_open(path: &Path, runs: usize) -> anyhow::Result<(Vec<Sample>, Vec<Sample>)> {
    let mut screen = Screen::new();
    let mut samples = Vec::with_capacity(runs);
    let mut frames_only = Vec::with_capacity(runs);
    for run in 0..runs + 1 {
        let started = Instant::now();
        let (doc, _version) = crate::format::load_file_versioned(path)
            .map_err(|err| anyhow::anyhow!("{}: invalid: {err}", path.display()))?;
        // As the app's open job: a large map's graph is built on its thread.
        let graph = (doc.stakeholders.len() >= super::canvas::PrebuiltGraph::MIN_PEOPLE)
            .then(|| super::canvas::PrebuiltGraph::build(&doc, Tr(Language::English)));
        let editor = Editor::new(doc);
        screen.canvas = Canvas::new();
        screen.edit_counter += 1;
        if let Some(graph) = graph {
            screen.canvas.use_prebuilt(screen.edit_counter, graph);
        }
        let load_time = started.elapsed();
        let first = screen.frame(editor.document(), None, load_time);
        let second = screen.frame(editor.document(), None, Duration::ZERO);
        // The first run fills the font caches.
        if run > 0 {
            samples.push((first.0 + second.0, first.1 + second.1, second.2));
            let first_ui = first.0.saturating_sub(load_time);
            frames_only.push((first_ui + second.0, first.1 + second.1, second.2));
        }
    }
    Ok((samples, frames_only))
}

/// The synthetic map of `people` people with every informal line (all but reporting
/// lines) going to a person picked at random: most lines cross the whole map.
pub fn random_lines_map(people: usize, seed: u64) -> Document {
    let mut doc = synthetic_map(people, seed);
    let mut state = seed.wrapping_mul(2_862_933_555_777_941_757).wrapping_add(3);
    let mut next = move |bound: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(state >> 33).unwrap_or(0) % bound.max(1)
    };
    let ids: Vec<_> = doc.stakeholders.iter().map(|p| p.id.clone()).collect();
    for line in &mut doc.relationships {
        if line.kind == crate::model::RelationshipKind::ReportsTo {
            continue;
        }
        if let Some(to) = ids.get(next(ids.len()))
            && *to != line.from
        {
            line.to = to.clone();
        }
    }
    doc
}

/// Runs `powermap bench` as planned on the command line and prints the results.
pub fn run_plan(plan: &crate::cli::BenchPlan) -> std::process::ExitCode {
    let json = plan.format == crate::cli::BenchFormat::Json;
    if !json {
        print_header();
    }
    for map in &plan.maps {
        match run_canvas_bench(map, &plan.scenarios, plan.frames) {
            Ok(results) if json => match serde_json::to_string(&results) {
                Ok(line) => println!("{line}"),
                Err(err) => eprintln!("powermap bench: {err}"),
            },
            Ok(results) => print_results(&results),
            Err(err) => {
                let message = format!("powermap bench: {err:#}");
                eprintln!("{}", crate::safe_text::terminal_text(&message));
                return std::process::ExitCode::from(crate::cli::EXIT_PROBLEMS);
            }
        }
    }
    if !plan.extra_sizes.is_empty() {
        println!();
        println!("people  analysis ms");
        for (people, ms) in run_analysis_bench(&plan.extra_sizes, 5) {
            println!("{people:>6}  {ms:>11.2}");
        }
        println!();
        println!("people  export ms: png, svg, html, md, csv");
        for (people, times) in run_export_bench(&plan.extra_sizes) {
            let cells: Vec<String> = times.iter().map(|(_, ms)| format!("{ms:.1}")).collect();
            println!("{people:>6}  {}", cells.join(", "));
        }
    }
    std::process::ExitCode::SUCCESS
}

/// Milliseconds to analyse generated maps (median of `runs`), per size.
pub fn run_analysis_bench(sizes: &[usize], runs: usize) -> Vec<(usize, f64)> {
    let options = crate::analysis::AnalysisOptions::new(
        crate::model::Date::today_utc(),
        crate::lang::Language::English,
    );
    sizes
        .iter()
        .map(|&people| {
            let doc = synthetic_map(people, 7);
            let mut times: Vec<f64> = (0..runs.max(1))
                .map(|_| {
                    let started = Instant::now();
                    let analysis = crate::analysis::analyze(&doc, &options);
                    std::hint::black_box(analysis);
                    started.elapsed().as_secs_f64() * 1000.0
                })
                .collect();
            times.sort_by(f64::total_cmp);
            (people, times.get(times.len() / 2).copied().unwrap_or(0.0))
        })
        .collect()
}

/// Milliseconds to export generated maps to each format, per size.
pub fn run_export_bench(sizes: &[usize]) -> Vec<(usize, Vec<(crate::export::ExportFormat, f64)>)> {
    use crate::export::{ExportFormat, ExportOptions, export};
    let options = ExportOptions {
        redact: false,
        language: crate::lang::Language::English,
        today: crate::model::Date::today_utc(),
        view: None,
    };
    sizes
        .iter()
        .map(|&people| {
            let doc = synthetic_map(people, 7);
            let times = ExportFormat::ALL
                .iter()
                .map(|&format| {
                    let started = Instant::now();
                    let bytes = export(&doc, format, &options);
                    std::hint::black_box(bytes.map(|b| b.len()).unwrap_or(0));
                    (format, started.elapsed().as_secs_f64() * 1000.0)
                })
                .collect();
            (people, times)
        })
        .collect()
}

/// The header of the table `print_results` prints.
pub fn print_header() {
    println!(
        "map                people   lines  scenario      ui ms  tessellate ms  frame ms  p95 ms  vertices"
    );
}

/// Prints one map's results as table rows.
pub fn print_results(results: &MapResults) {
    for r in &results.scenarios {
        println!(
            "{:<17}  {:>6}  {:>6}  {:<12}  {:>5.2}  {:>13.2}  {:>8.2}  {:>6.2}  {:>8}",
            results.map,
            results.people,
            results.lines,
            r.name,
            r.ui_ms,
            r.tessellate_ms,
            r.median_ms,
            r.p95_ms,
            r.vertices
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_lines_keep_people_and_reporting_lines_and_spread_the_rest() {
        let tidy = synthetic_map(400, 7);
        let random = random_lines_map(400, 7);
        assert_eq!(tidy.stakeholders, random.stakeholders);
        assert_eq!(tidy.relationships.len(), random.relationships.len());
        let mut moved = 0;
        for (a, b) in tidy.relationships.iter().zip(&random.relationships) {
            assert_eq!(a.from, b.from);
            assert_ne!(b.from, b.to);
            if a.kind == crate::model::RelationshipKind::ReportsTo {
                assert_eq!(a.to, b.to);
            } else if a.to != b.to {
                moved += 1;
            }
        }
        assert!(moved > 150, "only {moved} informal lines moved");
    }

    /// The triangles of one frame of `doc`.
    fn painted(
        screen: &mut Screen,
        doc: &Document,
    ) -> Vec<(Rect, Vec<u32>, Vec<egui::epaint::Vertex>)> {
        let (_, output) = screen.run(doc, None);
        screen
            .ctx
            .tessellate(output.shapes, output.pixels_per_point)
            .into_iter()
            .filter_map(|p| match p.primitive {
                egui::epaint::Primitive::Mesh(mesh) => {
                    Some((p.clip_rect, mesh.indices, mesh.vertices))
                }
                egui::epaint::Primitive::Callback(_) => None,
            })
            .collect()
    }

    /// The same triangles, vertices within a hundredth of a point.
    type Painted = Vec<(Rect, Vec<u32>, Vec<egui::epaint::Vertex>)>;
    fn same_to_rounding(a: &Painted, b: &Painted) -> bool {
        a.len() == b.len()
            && a.iter().zip(b).all(|(x, y)| {
                x.0 == y.0
                    && x.1 == y.1
                    && x.2.len() == y.2.len()
                    && x.2.iter().zip(&y.2).all(|(v, w)| {
                        (v.pos - w.pos).length() < 0.01 && v.uv == w.uv && v.color == w.color
                    })
            })
    }

    #[test]
    fn a_still_large_map_is_painted_from_its_last_drawing_until_something_changes() {
        let mut doc = synthetic_map(super::super::canvas::CACHED_DRAWING_PEOPLE, 3);
        let mut screen = Screen::new();
        for _ in 0..3 {
            screen.frame(&doc, None, Duration::ZERO);
        }
        let hits = screen.canvas.redrawn_from_cache();
        let still = painted(&mut screen, &doc);
        assert_eq!(
            screen.canvas.redrawn_from_cache(),
            hits + 1,
            "a still frame is repainted"
        );
        // Drawn again from scratch: exactly what was repainted.
        screen.canvas.forget_drawing();
        let drawn = painted(&mut screen, &doc);
        assert_eq!(screen.canvas.redrawn_from_cache(), hits + 1);
        assert!(still == drawn, "the repainted frame is the drawn one");
        // Panned: the drawing is moved (the fitted map was drawn whole), and what
        // is painted is what drawing there paints, to rounding.
        screen.canvas.pan_by(&screen.ctx, Vec2::new(25.0, -10.0));
        let moved = painted(&mut screen, &doc);
        assert_eq!(
            screen.canvas.redrawn_from_cache(),
            hits + 2,
            "a pan moves the drawing"
        );
        screen.canvas.forget_drawing();
        let drawn = painted(&mut screen, &doc);
        assert!(
            same_to_rounding(&moved, &drawn),
            "the moved drawing is the drawn one"
        );
        assert!(moved != still);
        // Zoomed: drawn again.
        let view = screen
            .canvas
            .transform(&screen.ctx, Rect::from_min_size(Pos2::ZERO, SCREEN));
        screen.canvas.reveal(middle_of(&doc), Some(view.zoom * 1.5));
        screen.frame(&doc, None, Duration::ZERO);
        let hits = screen.canvas.redrawn_from_cache();
        let zoomed = painted(&mut screen, &doc);
        assert_eq!(
            screen.canvas.redrawn_from_cache(),
            hits,
            "a zoom draws again"
        );
        assert!(zoomed != drawn);
        let drawn = zoomed;

        // An edit that moves nobody (a stance): drawn again, then repainted.
        // The person nearest the middle (on screen after the zoom).
        let middle = middle_of(&doc);
        let positions = super::super::canvas::canvas_positions(&doc);
        let nearest = (0..positions.len())
            .min_by(|&a, &b| {
                let d = |i: usize| (positions[i] - middle).length();
                d(a).total_cmp(&d(b))
            })
            .unwrap();
        let person = doc.stakeholders[nearest].clone();
        doc.stakeholders[nearest].stance = if person.stance == crate::model::Stance::Opponent {
            crate::model::Stance::Supporter
        } else {
            crate::model::Stance::Opponent
        };
        screen.edit_counter += 1;
        let edited = painted(&mut screen, &doc);
        assert_eq!(screen.canvas.redrawn_from_cache(), hits, "an edit is drawn");
        assert!(edited != drawn, "the new stance shows");
        painted(&mut screen, &doc);
        assert_eq!(screen.canvas.redrawn_from_cache(), hits + 1);

        // Selecting someone draws again.
        screen.selection = Selection::person(person.id.clone());
        let selected = painted(&mut screen, &doc);
        assert_eq!(
            screen.canvas.redrawn_from_cache(),
            hits + 1,
            "a selection is drawn"
        );
        assert!(selected != edited);
    }

    /// Zoomed in far enough for dashes and routes (and not yet names), a still
    /// frame after the zoom paints what drawing paints.
    #[test]
    fn after_a_zoom_a_kept_drawing_is_what_drawing_paints() {
        let mut doc = random_lines_map(super::super::canvas::CACHED_DRAWING_PEOPLE, 5);
        // Everyone small enough to be a dot (no role mark: text is never kept).
        for person in &mut doc.stakeholders {
            person.power = crate::model::Power::MIN;
        }
        let mut screen = Screen::new();
        for _ in 0..3 {
            screen.frame(&doc, None, Duration::ZERO);
        }
        let zoom = (super::super::canvas::LINE_DETAIL_ZOOM + crate::theme::MIN_LABEL_ZOOM) / 2.0;
        screen.canvas.reveal(middle_of(&doc), Some(zoom));
        for _ in 0..4 {
            screen.frame(&doc, None, Duration::ZERO);
        }
        let hits = screen.canvas.redrawn_from_cache();
        let repainted = painted(&mut screen, &doc);
        assert_eq!(screen.canvas.redrawn_from_cache(), hits + 1);
        screen.canvas.forget_drawing();
        assert!(repainted == painted(&mut screen, &doc));
    }

    #[test]
    fn every_scenario_reports_a_frame() {
        let results =
            run_canvas_bench(&BenchMap::RandomLines(60), &Scenario::ALL, 3).expect("bench");
        // `edit` and `open` are reported twice (what the edit added, the frames alone).
        assert_eq!(results.scenarios.len(), Scenario::ALL.len() + 2);
        for r in &results.scenarios {
            assert!(r.p95_ms >= r.median_ms, "{r:?}");
            assert!(r.median_ms > 0.0 || r.name == "edit-cost", "{r:?}");
            assert!(r.vertices > 0, "{r:?}");
        }
        let panel = results.scenarios.iter().find(|r| r.name == "panel-all");
        assert!(panel.is_some_and(|r| r.vertices > 0));
        let json = serde_json::to_value(&results).expect("json");
        assert_eq!(json["people"], 60);
        assert_eq!(json["scenarios"][4]["name"], "labels");
    }
}
