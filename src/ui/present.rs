//! Presentation mode (F11, View → Present): full screen, the canvas only, everything
//! larger; private fields never shown (the canvas, its hover cards and the search
//! bar see only [`crate::present::presented`]); optionally anonymous; ←/→ (and
//! PageUp/PageDown) step through the story of decision makers, champion and top
//! risks, each with its one-line approach as a caption. Esc leaves and puts the
//! window and zoom back as they were.

use std::sync::Arc;

use egui::{Key, RichText, Ui};

use super::background::Background;
use super::i18n::{T, Tr};
use crate::analysis::{AnalysisOptions, analyze};
use crate::edit::Editor;
use crate::model::{Date, Document, StakeholderId};
use crate::present::{StepKind, StoryStep, presented, story};

/// Caption text size while presenting, in points (before the presentation zoom).
const CAPTION_SIZE: f32 = 18.0;
/// Maps up to this size are prepared for presenting on the UI thread; larger ones
/// (copying and analysing 100,000 people takes seconds) on a background thread.
const INLINE_LIMIT: usize = 2_000;

/// What the presented copy is made from: map version, anonymous, language.
type ShownKey = (u64, bool, Tr);
/// A presented copy and its story.
type Prepared = (Document, Vec<StoryStep>);

/// What presenting changed, to put back on leaving.
#[derive(Clone, Copy, Debug)]
struct Before {
    fullscreen: bool,
    zoom_factor: f32,
}

/// The presentation in progress (view state, never saved).
pub struct Presentation {
    before: Before,
    /// Titles (or roles) instead of names.
    pub anonymous: bool,
    /// The map as shown, and what it was made from: (map version, anonymous, language).
    shown: Arc<Document>,
    shown_key: ShownKey,
    steps: Vec<StoryStep>,
    /// A copy and story being prepared in the background, and what for.
    preparing: Option<(ShownKey, Background<Prepared>)>,
    step: Option<usize>,
    /// Changes whenever the map as shown does.
    generation: u64,
}

/// What the presenter asked for this frame.
#[derive(Debug, Default)]
pub struct PresentOutput {
    /// Select and centre on these people.
    pub reveal: Option<Vec<StakeholderId>>,
    /// Leave presentation mode.
    pub leave: bool,
}

impl Presentation {
    /// Starts presenting `doc`: full screen and larger.
    pub fn start(
        ctx: &egui::Context,
        editor: &Editor,
        version: u64,
        tr: Tr,
        stale_days: i64,
    ) -> Self {
        let before = Before {
            fullscreen: ctx.input(|i| i.viewport().fullscreen.unwrap_or(false)),
            zoom_factor: ctx.zoom_factor(),
        };
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
        ctx.set_zoom_factor(before.zoom_factor * crate::theme::PRESENT_ZOOM);
        let mut presentation = Self {
            before,
            anonymous: false,
            shown: Arc::new(Document::default()),
            shown_key: (u64::MAX, false, tr),
            steps: Vec::new(),
            preparing: None,
            step: None,
            generation: 0,
        };
        presentation.update(ctx, editor, version, tr, stale_days);
        presentation
    }

    /// Puts the window and zoom back as they were before presenting.
    pub fn finish(self, ctx: &egui::Context) {
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(self.before.fullscreen));
        ctx.set_zoom_factor(self.before.zoom_factor);
    }

    /// Rebuilds the map as shown, and its story, when the map, the language or the
    /// anonymous option changed: at once for a small map, in the background for a
    /// large one (the previous copy stays shown meanwhile; nothing at first).
    pub fn update(
        &mut self,
        ctx: &egui::Context,
        editor: &Editor,
        version: u64,
        tr: Tr,
        stale_days: i64,
    ) {
        if let Some((key, job)) = &self.preparing
            && let Some(prepared) = job.finished()
        {
            let key = *key;
            self.preparing = None;
            match prepared {
                Some((shown, steps)) => self.show(key, shown, steps),
                // The thread died: keep what is shown and do not retry this version.
                None => self.shown_key = key,
            }
        }
        let key = (version, self.anonymous, tr);
        if key == self.shown_key || self.preparing.is_some() {
            // (A newer version waits for the one being prepared.)
            return;
        }
        let anonymous = self.anonymous;
        if editor.document().stakeholders.len() <= INLINE_LIMIT {
            let shown = presented(editor.document(), anonymous, tr.0);
            let steps = story_of(&shown, tr, stale_days);
            self.show(key, shown, steps);
        } else {
            let shared = editor.snapshot();
            let job = Background::start(ctx, move || {
                let shown = presented(&shared, anonymous, tr.0);
                // Let go of the map at once, so the next edit does not copy it.
                drop(shared);
                let steps = story_of(&shown, tr, stale_days);
                (shown, steps)
            });
            self.preparing = Some((key, job));
        }
    }

    /// Whether the presented copy is being prepared in the background.
    pub fn is_preparing(&self) -> bool {
        self.preparing.is_some()
    }

    fn show(&mut self, key: ShownKey, shown: Document, steps: Vec<StoryStep>) {
        self.steps = steps;
        if self.step.is_some_and(|s| s >= self.steps.len()) {
            self.step = None;
        }
        self.shown = Arc::new(shown);
        self.shown_key = key;
        self.generation += 1;
    }

    /// The map as shown.
    pub fn shown(&self) -> &Document {
        &self.shown
    }

    /// The map as shown, shared (for work off the UI thread).
    pub fn shown_shared(&self) -> Arc<Document> {
        Arc::clone(&self.shown)
    }

    /// Changes whenever the map as shown does.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The step shown, if any (0-based), and how many there are.
    pub fn step(&self) -> (Option<usize>, usize) {
        (self.step, self.steps.len())
    }

    /// The caption of the step shown.
    pub fn caption(&self) -> Option<&str> {
        self.step
            .and_then(|s| self.steps.get(s))
            .map(|s| s.caption.as_str())
    }

    /// ←/→ and PageUp/PageDown step through the story; Esc leaves. Keys are taken
    /// only when no text field has the keyboard.
    pub fn keys(&mut self, ctx: &egui::Context, output: &mut PresentOutput) {
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        let popup_open = egui::Popup::is_any_open(ctx);
        let (back, forward, escape) = ctx.input_mut(|i| {
            let none = egui::Modifiers::NONE;
            (
                i.consume_key(none, Key::ArrowLeft) || i.consume_key(none, Key::PageUp),
                i.consume_key(none, Key::ArrowRight) || i.consume_key(none, Key::PageDown),
                !popup_open && i.consume_key(none, Key::Escape),
            )
        });
        if forward {
            self.go(true, output);
        }
        if back {
            self.go(false, output);
        }
        output.leave |= escape;
    }

    fn go(&mut self, forward: bool, output: &mut PresentOutput) {
        if self.steps.is_empty() {
            return;
        }
        let last = self.steps.len() - 1;
        let next = match (self.step, forward) {
            (None, true) => 0,
            (None, false) => last,
            (Some(s), true) => (s + 1).min(last),
            (Some(s), false) => s.saturating_sub(1),
        };
        self.step = Some(next);
        if let Some(step) = self.steps.get(next) {
            let ids = step
                .people
                .iter()
                .filter_map(|&i| self.shown.stakeholders.get(i))
                .map(|p| p.id.clone())
                .collect();
            output.reveal = Some(ids);
        }
    }

    /// The presenter's strip under the canvas: the caption, the step, the
    /// anonymous option and Leave.
    pub fn presenter_ui(&mut self, ui: &mut Ui, tr: Tr, output: &mut PresentOutput) {
        if self.is_preparing() {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(RichText::new(tr.t(T::PresentPreparing)).size(CAPTION_SIZE));
            });
        } else if let Some(step) = self.step.and_then(|s| self.steps.get(s)) {
            let kind = match step.kind {
                StepKind::DecisionMaker => T::StoryDecisionMaker,
                StepKind::Champion => T::StoryChampion,
                StepKind::Risk => T::StoryRisk,
            };
            ui.label(
                RichText::new(format!("{} · {}", tr.t(kind), step.caption)).size(CAPTION_SIZE),
            );
        } else if self.steps.is_empty() {
            ui.label(RichText::new(tr.t(T::PresentNoStory)).size(CAPTION_SIZE));
        }
        ui.horizontal(|ui| {
            let (step, count) = self.step();
            if ui.button("‹").clicked() {
                self.go(false, output);
            }
            if ui.button("›").clicked() {
                self.go(true, output);
            }
            if let Some(step) = step {
                ui.label(tr.f(T::PresentStep, &[&(step + 1), &count]));
            }
            ui.weak(tr.t(T::PresentKeys));
            ui.separator();
            ui.checkbox(&mut self.anonymous, tr.t(T::PresentAnonymous));
            if ui.button(tr.t(T::PresentLeave)).clicked() {
                output.leave = true;
            }
        });
    }
}

/// The story told from the map as shown, so its captions never quote a private
/// field, nor a name when anonymous.
fn story_of(shown: &Document, tr: Tr, stale_days: i64) -> Vec<StoryStep> {
    let options = AnalysisOptions {
        stale_after_days: stale_days,
        ..AnalysisOptions::new(Date::today_local(), tr.0)
    };
    let analysis = analyze(shown, &options);
    story(shown, &analysis, tr.0)
}
