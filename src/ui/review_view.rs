//! Deal reviews in the app: "Mark as reviewed…" (today, who, a note) records a
//! review in the map in one undoable step; "Compare with review…" lists the
//! reviews, and choosing one marks on the canvas what changed since (see
//! [`super::comparison`]), as "Compare with file" does.

use egui::{RichText, Ui};

use super::app_command::AppCommand;
use super::i18n::{T, Tr};
use super::widgets::{Form, labelled};
use crate::model::{Date, Document};
use crate::sync::review::{Review, mark_reviewed, reviews_in};

/// Which review window to open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewRequest {
    /// "Mark as reviewed…".
    Mark,
    /// "Compare with review…".
    Compare,
}

/// The review windows' state.
#[derive(Default)]
pub struct ReviewView {
    marking: Option<MarkForm>,
    comparing: Option<Comparing>,
}

/// The list of reviews, read once when the window opens (the window is modal, so
/// the map does not change under it).
#[derive(Default)]
struct Comparing {
    /// Date, who and note of each review, oldest first; `None` until read.
    reviews: Option<Vec<(Date, String, String)>>,
}

#[derive(Default)]
struct MarkForm {
    by: String,
    note: String,
}

impl ReviewView {
    /// Opens a window.
    pub fn open(&mut self, request: ReviewRequest) {
        match request {
            ReviewRequest::Mark => self.marking = Some(MarkForm::default()),
            ReviewRequest::Compare => self.comparing = Some(Comparing::default()),
        }
    }

    /// Closes the open window.
    pub fn close(&mut self) {
        *self = Self::default();
    }

    /// Whether a review window is open (the app then leaves its shortcuts alone).
    pub fn is_open(&self) -> bool {
        self.marking.is_some() || self.comparing.is_some()
    }

    /// Draws the open window, if any.
    pub fn review_ui(
        &mut self,
        ctx: &egui::Context,
        doc: &Document,
        tr: Tr,
        commands: &mut Vec<AppCommand>,
    ) {
        if let Some(form) = &mut self.marking {
            let mut form_out = Form { tr, commands };
            if !mark_ui(ctx, doc, form, &mut form_out) {
                self.marking = None;
            }
        }
        if let Some(comparing) = &mut self.comparing
            && !compare_ui(ctx, doc, comparing, tr, commands)
        {
            self.comparing = None;
        }
    }
}

/// The account panel's "Mark as reviewed…" button, with the date of the last
/// review beside it.
pub fn review_button_ui(ui: &mut Ui, doc: &Document, tr: Tr, commands: &mut Vec<AppCommand>) {
    ui.horizontal_wrapped(|ui| {
        if ui.button(tr.t(T::MarkReviewed)).clicked() {
            commands.push(AppCommand::Review(ReviewRequest::Mark));
        }
        if let Some(last) = crate::sync::review::latest_review_date(doc) {
            ui.label(RichText::new(tr.f(T::LastReviewed, &[&last])).weak());
        }
    });
}

/// The "Mark as reviewed" window; returns whether it stays open.
fn mark_ui(ctx: &egui::Context, doc: &Document, state: &mut MarkForm, form: &mut Form<'_>) -> bool {
    let tr = form.tr;
    let today = Date::today_local();
    let mut open = true;
    egui::Modal::new(egui::Id::new("powermap-review-modal")).show(ctx, |ui| {
        ui.set_max_width(420.0);
        ui.heading(tr.t(T::MarkReviewedTitle));
        ui.label(tr.f(T::ReviewDate, &[&today]));
        labelled(ui, tr.t(T::ReviewBy), |ui| {
            ui.add(egui::TextEdit::singleline(&mut state.by).desired_width(180.0))
        });
        if !doc.team.is_empty() {
            ui.horizontal_wrapped(|ui| {
                for member in doc.team.iter().filter(|m| !m.name.is_empty()) {
                    if ui.small_button(&member.name).clicked() {
                        state.by = member.name.clone();
                    }
                }
            });
        }
        labelled(ui, tr.t(T::ReviewNote), |ui| {
            ui.add(
                egui::TextEdit::multiline(&mut state.note)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
        });
        ui.horizontal(|ui| {
            if ui.button(tr.t(T::MarkReviewedSave)).clicked() {
                let review = Review::of(doc, today, state.by.trim(), state.note.trim());
                form.edit(mark_reviewed(doc, &review));
                open = false;
            }
            if ui.button(tr.t(T::Cancel)).clicked() {
                open = false;
            }
        });
    });
    open
}

/// The list of reviews; a click on one compares the map with it on the canvas.
/// Returns whether it stays open.
fn compare_ui(
    ctx: &egui::Context,
    doc: &Document,
    state: &mut Comparing,
    tr: Tr,
    commands: &mut Vec<AppCommand>,
) -> bool {
    let mut open = true;
    let reviews = state.reviews.get_or_insert_with(|| {
        reviews_in(doc)
            .into_iter()
            .map(|r| (r.date, r.by, r.note))
            .collect()
    });
    egui::Modal::new(egui::Id::new("powermap-review-modal")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading(tr.t(T::CompareReviewTitle));
        if reviews.is_empty() {
            ui.label(tr.t(T::NoReviews));
        } else {
            ui.label(tr.t(T::CompareReviewHint));
        }
        // Newest first.
        egui::ScrollArea::vertical()
            .max_height(360.0)
            .show(ui, |ui| {
                for (index, (date, by, note)) in reviews.iter().enumerate().rev() {
                    let mut text = date.to_string();
                    if !by.is_empty() {
                        text = format!("{text} · {by}");
                    }
                    if ui.selectable_label(false, text).clicked() {
                        commands.push(AppCommand::CompareReview(index));
                    }
                    if !note.is_empty() {
                        ui.label(RichText::new(note.as_str()).weak());
                    }
                }
            });
        if ui.button(tr.t(T::Close)).clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            open = false;
        }
    });
    open
}
