//! Costs of the new-user editing helpers on large maps, for docs/PERFORMANCE.md:
//! finding a free spot for *Add person*, one stance change for everyone selected
//! (apply and undo), and one frame of the multi-selection editor.
//!
//! `cargo run --release --example ui_costs` (prints medians of 7 runs).

use std::time::Instant;

use powermap::edit::{Command, Editor};
use powermap::lang::Language;
use powermap::model::{Position, Stakeholder, Stance};
use powermap::ui::bulk_edit::BulkEditor;
use powermap::ui::i18n::Tr;
use powermap::ui::selection::Selection;
use powermap::ui::widgets::Form;

/// Median milliseconds of `runs` calls.
fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times.get(runs / 2).copied().unwrap_or_default()
}

fn main() {
    for people in [10_000usize, 100_000] {
        let doc = powermap::samples::synthetic_map(people, 7);
        // The middle of the map, where it is most crowded.
        let placed: Vec<Position> = doc.stakeholders.iter().filter_map(|s| s.position).collect();
        let mean =
            |f: fn(&Position) -> f64| placed.iter().map(f).sum::<f64>() / placed.len() as f64;
        let centre = Position::new(mean(|p| p.x), mean(|p| p.y));
        let spot = median_ms(7, || {
            std::hint::black_box(powermap::placement::free_spot_near(&doc, centre));
        });

        let mut editor = Editor::new(doc.clone());
        let start = Instant::now();
        let updates: Vec<Command> = doc
            .stakeholders
            .iter()
            .map(|p| {
                Command::update_stakeholder(Stakeholder {
                    stance: Stance::Opponent,
                    ..p.clone()
                })
            })
            .collect();
        editor
            .apply(Command::Batch(updates))
            .expect("a valid change");
        let apply = start.elapsed().as_secs_f64() * 1000.0;
        let start = Instant::now();
        editor.undo().expect("undo");
        let undo = start.elapsed().as_secs_f64() * 1000.0;

        let ctx = egui::Context::default();
        let selection = Selection {
            people: doc.stakeholders.iter().map(|s| s.id.clone()).collect(),
            lines: Default::default(),
        };
        let mut bulk = BulkEditor::default();
        let frame = median_ms(7, || {
            let mut commands = Vec::new();
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                let mut form = Form {
                    tr: Tr(Language::English),
                    commands: &mut commands,
                };
                bulk.bulk_ui(ui, &doc, &selection, &mut form);
            });
            output.textures_delta.clear();
        });
        println!(
            "{people} people, {} lines: free spot {spot:.1} ms; stance for everyone: \
             apply {apply:.0} ms, undo {undo:.0} ms; multi-selection editor frame {frame:.1} ms",
            doc.relationships.len()
        );
    }
}
