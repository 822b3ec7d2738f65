//! Costs of the deal editing on large maps, for docs/PERFORMANCE.md: one frame of
//! the account panel with a ten-step decision process, a search in the approver
//! picker that matches nobody (a full pass, made once per change of the typed
//! text; frames in between reuse it), one frame of the inspector with the
//! favours row, and renaming a competitor that a tenth of the people favour.
//!
//! `cargo run --release --example deal_costs` (prints medians of 7 runs).

use std::time::Instant;

use powermap::edit::Editor;
use powermap::lang::Language;
use powermap::model::{DecisionStep, Document};
use powermap::ui::account_panel::AccountPanel;
use powermap::ui::deal_edits::{followers, rename_competitor};
use powermap::ui::i18n::Tr;
use powermap::ui::inspector::Inspector;
use powermap::ui::person_picker::{MAX_LISTED, matching_people};
use powermap::ui::selection::Selection;

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

/// Ten steps of five approvers each, taken from the end of the list (the lookup
/// stops once it found everyone, so this is its longest pass), five competitors,
/// and a tenth of the people favouring the first.
fn with_deal(mut doc: Document) -> Document {
    let count = doc.stakeholders.len();
    let ids: Vec<_> = doc.stakeholders.iter().map(|s| s.id.clone()).collect();
    doc.account.decision_process = (0..10)
        .map(|step| {
            let approvers = (0..5)
                .filter_map(|k| ids.get(count - 1 - step * 5 - k).cloned())
                .collect();
            DecisionStep::new(format!("环节 {step}"), approvers)
        })
        .collect();
    doc.account.competitors = ["华锐智能", "Siemens", "ABB", "KUKA", "埃斯顿"]
        .map(String::from)
        .to_vec();
    for person in doc.stakeholders.iter_mut().step_by(10) {
        person.favours = "华锐智能".into();
    }
    doc
}

fn main() {
    let tr = Tr(Language::English);
    for people in [10_000usize, 100_000] {
        let doc = with_deal(powermap::samples::synthetic_map(people, 7));
        let ctx = egui::Context::default();

        let mut panel = AccountPanel::default();
        let account_frame = median_ms(7, || {
            let mut commands = Vec::new();
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                panel.account_ui(ui, &doc, tr, &mut commands);
            });
            output.textures_delta.clear();
        });

        let mut plain = doc.clone();
        plain.account = powermap::model::Account::default();
        let mut panel = AccountPanel::default();
        let plain_frame = median_ms(7, || {
            let mut commands = Vec::new();
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                panel.account_ui(ui, &plain, tr, &mut commands);
            });
            output.textures_delta.clear();
        });

        let search = median_ms(7, || {
            let found = matching_people(&doc.stakeholders, "nobody here", &[], MAX_LISTED);
            std::hint::black_box(found.people.len());
        });

        let last = doc.stakeholders.last().map(|s| s.id.clone());
        let selection = last.map(Selection::person).unwrap_or_default();
        let mut inspector = Inspector::default();
        let inspector_frame = median_ms(7, || {
            let mut commands = Vec::new();
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                inspector.inspector_ui(ui, &doc, &selection, tr, &mut commands);
            });
            output.textures_delta.clear();
        });

        let who = followers(&doc, "华锐智能");
        let mut editor = Editor::new(doc.clone());
        let start = Instant::now();
        let command = rename_competitor(&doc, 0, "华锐智能科技", &who);
        editor.apply(command).expect("a valid change");
        let rename = start.elapsed().as_secs_f64() * 1000.0;
        println!(
            "{people} people: account panel frame {account_frame:.1} ms (without deal facts \
             {plain_frame:.1} ms); picker search \
             when the text changes (no match: a full pass) {search:.1} ms; inspector frame {inspector_frame:.1} ms; rename a \
             competitor {} people favour {rename:.0} ms",
            who.len()
        );
    }
}
