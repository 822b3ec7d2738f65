//! The app's finding and presenting tools together: the search bar, the filter and
//! presentation mode, and the canvas highlight they add to the analysis' own. The
//! app keeps one of these and calls it at fixed points of its frame.

use super::app_command::{Action, AppCommand};
use super::canvas::Highlight;
use super::filter_bar::FilterBar;
use super::i18n::{T, Tr};
use super::present::{PresentOutput, Presentation};
use super::search_bar::SearchBar;
use crate::model::Document;

/// What the highlight shown was built from: the analysis highlight counter, the
/// search, filter and presentation generations.
type ShownKey = (u64, u64, u64, u64);

/// Search, filter and presentation state (view state, never saved).
#[derive(Default)]
pub struct FindTools {
    /// The search bar.
    pub search: SearchBar,
    /// The filter.
    pub filter: FilterBar,
    /// The presentation in progress.
    pub present: Option<Presentation>,
    shown: Highlight,
    shown_key: Option<ShownKey>,
    shown_counter: u64,
}

impl FindTools {
    /// Whether presentation mode is on.
    pub fn is_presenting(&self) -> bool {
        self.present.is_some()
    }

    /// The map as the canvas shows it: `doc`, or while presenting, the copy without
    /// private fields (and names, when anonymous).
    pub fn shown_doc<'a>(&'a self, doc: &'a Document) -> &'a Document {
        self.present.as_ref().map_or(doc, Presentation::shown)
    }

    /// The map version the search works on: the edit counter and the presented copy.
    fn search_version(&self, edit_counter: u64) -> (u64, u64) {
        (
            edit_counter,
            self.present.as_ref().map_or(0, |p| p.generation() + 1),
        )
    }

    /// Starts or ends presentation mode.
    pub fn toggle_presenting(
        &mut self,
        ctx: &egui::Context,
        editor: &crate::edit::Editor,
        edit_counter: u64,
        tr: Tr,
        stale_days: i64,
    ) {
        match self.present.take() {
            Some(presentation) => presentation.finish(ctx),
            None => {
                self.present = Some(Presentation::start(
                    ctx,
                    editor,
                    edit_counter,
                    tr,
                    stale_days,
                ));
            }
        }
    }

    /// Leaves presentation mode, if on.
    pub fn stop_presenting(&mut self, ctx: &egui::Context) {
        if let Some(presentation) = self.present.take() {
            presentation.finish(ctx);
        }
    }

    /// Brings the presented copy and the filter up to date with the map; call once a
    /// frame before drawing.
    pub fn update(
        &mut self,
        ctx: &egui::Context,
        editor: &crate::edit::Editor,
        edit_counter: u64,
        tr: Tr,
        stale_days: i64,
    ) {
        if let Some(presentation) = &mut self.present {
            presentation.update(ctx, editor, edit_counter, tr, stale_days);
        }
        self.filter
            .update(editor.document(), (edit_counter, 0), stale_days);
    }

    /// Presentation keys (←/→, PageUp/PageDown, Esc), before the frame's UI.
    pub fn keys(&mut self, ctx: &egui::Context, commands: &mut Vec<AppCommand>) {
        let Some(presentation) = &mut self.present else {
            return;
        };
        let mut output = PresentOutput::default();
        presentation.keys(ctx, &mut output);
        push_output(output, commands);
    }

    /// Find, Filter and Present in the toolbar.
    pub fn toolbar_ui(
        &mut self,
        ui: &mut egui::Ui,
        doc: &Document,
        edit_counter: u64,
        stale_days: i64,
        tr: Tr,
        commands: &mut Vec<AppCommand>,
    ) {
        if ui
            .selectable_label(self.search.is_open(), tr.t(T::FindButton))
            .on_hover_text("Ctrl+F")
            .clicked()
        {
            if self.search.is_open() {
                self.search.close();
            } else {
                self.search.open();
            }
        }
        self.filter
            .filter_button_ui(ui, doc, (edit_counter, 0), stale_days, tr);
        if ui
            .button(format!("⏵ {}", tr.t(T::Present)))
            .on_hover_text("F11")
            .clicked()
        {
            commands.push(AppCommand::Action(Action::Present));
        }
    }

    /// The search bar and the filter bar above the canvas, the presenter's strip
    /// below it. Call before the canvas's central panel.
    pub fn panels_ui(
        &mut self,
        ui: &mut egui::Ui,
        doc: &Document,
        snapshot: std::sync::Arc<Document>,
        edit_counter: u64,
        tr: Tr,
        commands: &mut Vec<AppCommand>,
    ) {
        if let Some(presentation) = &mut self.present {
            let mut output = PresentOutput::default();
            egui::Panel::bottom("present").show(ui, |ui| {
                presentation.presenter_ui(ui, tr, &mut output);
            });
            push_output(output, commands);
        }
        if self.search.is_open() {
            let version = self.search_version(edit_counter);
            let shown = self.present.as_ref().map_or(doc, Presentation::shown);
            let shared = self
                .present
                .as_ref()
                .map_or(snapshot, Presentation::shown_shared);
            let mut go = None;
            egui::Panel::top("search").show(ui, |ui| {
                go = self.search.search_bar_ui(ui, shown, &shared, version, tr);
            });
            if let Some(id) = go {
                commands.push(AppCommand::Reveal(vec![id]));
            }
        }
        if self.filter.filter.is_active() && self.present.is_none() {
            egui::Panel::top("filter-bar").show(ui, |ui| {
                self.filter.filter_bar_ui(ui, doc, tr);
            });
        }
    }

    /// The highlight the canvas shows: the analysis' (`base`), every search match,
    /// and the people the filter leaves out; with a counter that changes with it
    /// (and with the presented copy, so the canvas redraws names).
    pub fn update_shown_highlight(&mut self, base: &Highlight, base_counter: u64, doc: &Document) {
        let key = (
            base_counter,
            self.search.generation(),
            self.filter.generation(),
            self.present.as_ref().map_or(0, |p| p.generation() + 1),
        );
        if self.shown_key != Some(key) {
            let mut shown = base.clone();
            if self.present.is_some() {
                // Presenting shows the map, not a comparison.
                shown.changed_lines.clear();
            }
            let searched = self.present.as_ref().map_or(doc, Presentation::shown);
            shown.people.extend(self.search.matched_ids(searched));
            shown.dimmed = self.filter.left_out().clone();
            shown.hide_dimmed = self.filter.hide;
            self.shown = shown;
            self.shown_key = Some(key);
            self.shown_counter += 1;
        }
    }

    /// The highlight as last built by [`Self::update_shown_highlight`], and its counter.
    pub fn shown_highlight(&self) -> (&Highlight, u64) {
        (&self.shown, self.shown_counter)
    }
}

fn push_output(output: PresentOutput, commands: &mut Vec<AppCommand>) {
    if let Some(people) = output.reveal {
        commands.push(AppCommand::Reveal(people));
    }
    if output.leave {
        commands.push(AppCommand::Action(Action::Present));
    }
}
