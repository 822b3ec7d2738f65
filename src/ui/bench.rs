//! `powermap bench`: the real canvas code, headless — the UI pass and tessellation —
//! on generated maps, reported in milliseconds per frame.

use std::time::{Duration, Instant};

use egui::{Pos2, Rect, Vec2};

use super::app_command::AppCommand;
use super::canvas::{Canvas, CanvasContext, Highlight};
use super::i18n::{Language, Tr};
use super::selection::Selection;
use crate::edit::Editor;
use crate::samples::synthetic_map;

/// Frame cost of one scenario.
#[derive(Clone, Debug)]
pub struct BenchResult {
    /// Stakeholders in the map.
    pub people: usize,
    /// Relationships in the map.
    pub lines: usize,
    /// What was measured.
    pub scenario: &'static str,
    /// Median time of the UI pass.
    pub ui_ms: f64,
    /// Median time of tessellation.
    pub tessellate_ms: f64,
    /// Median of the two together, per frame.
    pub frame_ms: f64,
    /// Triangles' vertices produced per frame.
    pub vertices: usize,
}

const SCREEN: Vec2 = Vec2::new(1280.0, 800.0);

/// Measures `frames` frames per scenario for each map size.
pub fn run_canvas_bench(sizes: &[usize], frames: usize) -> Vec<BenchResult> {
    let mut results = Vec::new();
    for &people in sizes {
        let editor = Editor::new(synthetic_map(people, 7));
        for scenario in ["fit", "fit+pointer", "zoom100"] {
            results.push(measure(&editor, people, scenario, frames.max(3)));
        }
    }
    results
}

fn measure(editor: &Editor, people: usize, scenario: &'static str, frames: usize) -> BenchResult {
    let ctx = egui::Context::default();
    super::fonts::install_cjk_font(&ctx, false);
    ctx.set_theme(egui::Theme::Light);
    let mut canvas = Canvas::new();
    let mut selection = Selection::default();
    let highlight = Highlight::default();
    let doc = editor.document();
    let tr = Tr(Language::English);
    let mut frame = |pointer: Option<Pos2>, canvas: &mut Canvas| -> (Duration, Duration, usize) {
        let mut input = egui::RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, SCREEN)),
            ..Default::default()
        };
        if let Some(pos) = pointer {
            input.events.push(egui::Event::PointerMoved(pos));
        }
        let mut commands: Vec<AppCommand> = Vec::new();
        let started = Instant::now();
        let output = ctx.run_ui(input, |ui| {
            egui::CentralPanel::default().show(ui, |ui| {
                canvas.canvas_ui(
                    ui,
                    CanvasContext {
                        doc,
                        edit_counter: 1,
                        tr,
                        highlight: (&highlight, 0),
                        selection: &mut selection,
                        commands: &mut commands,
                        reserved_bottom: 0.0,
                    },
                );
            });
        });
        let ui_time = started.elapsed();
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
        (ui_time, tessellate_time, vertices)
    };

    // Warm up: the first frames fit the view and fill the font caches.
    for _ in 0..4 {
        frame(None, &mut canvas);
    }
    if scenario == "zoom100" {
        let center = canvas
            .graph()
            .position_of(&crate::model::StakeholderId::new(format!(
                "p{}",
                people / 2
            )))
            .unwrap_or_default();
        canvas.reveal(center, Some(1.0));
        for _ in 0..3 {
            frame(None, &mut canvas);
        }
    }
    let mut samples = Vec::with_capacity(frames);
    for i in 0..frames {
        let pointer = (scenario == "fit+pointer").then(|| {
            let t = i as f32 / frames as f32;
            Pos2::new(200.0 + 800.0 * t, 200.0 + 300.0 * t)
        });
        samples.push(frame(pointer, &mut canvas));
    }
    let median = |mut values: Vec<f64>| {
        values.sort_by(f64::total_cmp);
        values.get(values.len() / 2).copied().unwrap_or(0.0)
    };
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    BenchResult {
        people,
        lines: doc.relationships.len(),
        scenario,
        ui_ms: median(samples.iter().map(|s| ms(s.0)).collect()),
        tessellate_ms: median(samples.iter().map(|s| ms(s.1)).collect()),
        frame_ms: median(samples.iter().map(|s| ms(s.0 + s.1)).collect()),
        vertices: samples.last().map_or(0, |s| s.2),
    }
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

/// Prints the results as a table.
pub fn print_results(results: &[BenchResult]) {
    println!("people  lines   scenario      ui ms  tessellate ms  frame ms  vertices");
    for r in results {
        println!(
            "{:>6}  {:>6}  {:<12}  {:>5.2}  {:>13.2}  {:>8.2}  {:>8}",
            r.people, r.lines, r.scenario, r.ui_ms, r.tessellate_ms, r.frame_ms, r.vertices
        );
    }
}
