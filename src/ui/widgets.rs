//! Form widgets shared by the inspector and the account panel. Each returns the new
//! value when the user changed it; the caller turns that into a command.
//!
//! Layout rule: nothing here is wider than the space it is given. Rows put their
//! buttons on the right and give the text field what is left; messages go on their
//! own line below the field and wrap, so a message can never widen a panel.

use std::collections::HashMap;

use egui::{Align, Layout, Response, RichText, TextEdit, Ui};

use super::date_picker::{date_picker_ui, long_date};
use super::i18n::{T, Tr};
use super::theme::{ERROR_TEXT, LABEL_WIDTH, stroke_invalid};
use crate::model::{Date, DateInputError};

/// Text typed into fields whose value is parsed (dates, numbers, tags). It is kept
/// while the field has focus, so half-typed input is not thrown away, and after
/// that for as long as it does not parse, so what the user typed is never dropped
/// without saying so.
#[derive(Default)]
pub struct Drafts {
    texts: HashMap<egui::Id, String>,
}

impl Drafts {
    /// The text the field shows: the draft, else the stored value.
    fn text(&self, id: egui::Id, shown: &str) -> String {
        self.texts
            .get(&id)
            .cloned()
            .unwrap_or_else(|| shown.to_owned())
    }

    /// Keeps the text while it is being typed or does not parse.
    fn settle(&mut self, id: egui::Id, text: &str, focused: bool, valid: bool) {
        if focused || !valid {
            self.texts.insert(id, text.to_owned());
        } else {
            self.texts.remove(&id);
        }
    }

    /// Forgets the field's text: it shows the stored value again.
    fn discard(&mut self, id: egui::Id) {
        self.texts.remove(&id);
    }

    /// Whether the field holds text that was not saved.
    pub fn has_draft(&self, id: egui::Id) -> bool {
        self.texts.contains_key(&id)
    }
}

/// What happened to an edited field this frame.
pub struct FieldChange<V> {
    /// The new value, when the text parsed and differs.
    pub value: Option<V>,
    /// Whether the field lost focus (ends merging of typing into one undo step).
    pub lost_focus: bool,
}

/// Collects the commands of one frame of a form.
pub struct Form<'a> {
    /// UI language.
    pub tr: Tr,
    /// Where the commands go.
    pub commands: &'a mut Vec<super::app_command::AppCommand>,
}

impl Form<'_> {
    /// Emits an update when `change` carries a new value; typing merges per `key`, and
    /// leaving the field ends the merge.
    pub fn apply<V>(
        &mut self,
        change: FieldChange<V>,
        key: String,
        update: impl FnOnce(V) -> crate::edit::Command,
    ) {
        if let Some(value) = change.value {
            self.commands.push(super::app_command::AppCommand::Edit {
                command: update(value),
                merge_key: Some(key),
            });
        }
        if change.lost_focus {
            self.commands
                .push(super::app_command::AppCommand::SealEdits);
        }
    }

    /// Emits a one-step edit.
    pub fn edit(&mut self, command: crate::edit::Command) {
        self.commands.push(super::app_command::AppCommand::Edit {
            command,
            merge_key: None,
        });
    }
}

/// A labelled one-line text field whose long values wrap onto more lines instead
/// of being cut off. Returns the new text when it changed.
pub fn text_row_ui(ui: &mut Ui, label: &str, value: &str) -> FieldChange<String> {
    let mut text = value.to_owned();
    let response = labelled(ui, label, |ui| one_line_ui(ui, &mut text, None));
    change(&response, text, value)
}

/// A label above a one-line field, for narrow panels; long values wrap.
pub fn stacked_text_ui(ui: &mut Ui, label: &str, value: &str) -> FieldChange<String> {
    let mut text = value.to_owned();
    let response = labelled(ui, FieldLabel::above(label), |ui| {
        one_line_ui(ui, &mut text, Some(label))
    });
    change(&response, text, value)
}

/// A text field for a one-line value that shows all of it, wrapped. Enter ends the
/// edit; pasted line breaks become spaces.
fn one_line_ui(ui: &mut Ui, text: &mut String, id_salt: Option<&str>) -> Response {
    let mut edit = TextEdit::multiline(text)
        .desired_rows(1)
        .desired_width(ui.available_width())
        .return_key(None);
    if let Some(salt) = id_salt {
        edit = edit.id_salt(salt);
    }
    let response = ui.add(edit);
    end_line(ui, &response, text);
    response
}

/// [`one_line_ui`] with a fixed id and a hint shown while it is empty, for fields
/// in rows of a list (decision steps, competitors).
pub fn list_line_ui(ui: &mut Ui, text: &mut String, id: egui::Id, hint: &str) -> Response {
    let response = ui.add(
        TextEdit::multiline(text)
            .id(id)
            .hint_text(hint)
            .desired_rows(1)
            .desired_width(ui.available_width())
            .return_key(None),
    );
    end_line(ui, &response, text);
    response
}

/// Enter ends the edit of a one-line field; pasted line breaks become spaces.
fn end_line(ui: &Ui, response: &Response, text: &mut String) {
    if response.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
        response.surrender_focus();
    }
    if text.contains(['\n', '\r']) {
        *text = text.replace("\r\n", " ").replace(['\n', '\r'], " ");
    }
}

/// A labelled multi-line text field.
pub fn text_area_ui(ui: &mut Ui, label: &str, value: &str) -> FieldChange<String> {
    let mut text = value.to_owned();
    let label_id = ui.label(label).id;
    let response = ui
        .add(
            TextEdit::multiline(&mut text)
                .desired_rows(2)
                .desired_width(f32::INFINITY)
                .id_salt(label),
        )
        .labelled_by(label_id);
    change(&response, text, value)
}

fn change(response: &Response, text: String, before: &str) -> FieldChange<String> {
    FieldChange {
        value: (response.changed() && text != before).then_some(text),
        lost_focus: response.lost_focus(),
    }
}

/// A field's label and where it goes.
#[derive(Clone, Copy, Debug)]
pub struct FieldLabel<'a> {
    /// The words.
    pub text: &'a str,
    /// Above the field (narrow panels) instead of on its left.
    pub above: bool,
}

impl<'a> FieldLabel<'a> {
    /// A label above its field.
    pub fn above(text: &'a str) -> Self {
        Self { text, above: true }
    }
}

impl<'a> From<&'a str> for FieldLabel<'a> {
    fn from(text: &'a str) -> Self {
        Self { text, above: false }
    }
}

/// A label and the widget filling the rest of the row; the label names the widget
/// for screen readers (and tests). On the left, the label column shrinks first in
/// a narrow panel, and a label that still does not fit is cut with "…" and shown
/// whole on hover; above, it wraps.
pub fn labelled<'a>(
    ui: &mut Ui,
    label: impl Into<FieldLabel<'a>>,
    add: impl FnOnce(&mut Ui) -> Response,
) -> Response {
    let label = label.into();
    if label.above {
        let label_id = ui.add(egui::Label::new(label.text).wrap()).id;
        return ui.horizontal(|ui| add(ui).labelled_by(label_id)).inner;
    }
    ui.horizontal(|ui| {
        let width = LABEL_WIDTH.min(ui.available_width() * 0.4);
        let label_id = ui
            .allocate_ui_with_layout(
                egui::vec2(width, 18.0),
                Layout::left_to_right(Align::Center),
                |ui| {
                    ui.set_min_width(width);
                    ui.add(egui::Label::new(label.text).truncate()).id
                },
            )
            .inner;
        add(ui).labelled_by(label_id)
    })
    .inner
}

/// How a parsed field is labelled.
pub struct ParsedField<'a> {
    /// Identifies the field's draft text.
    pub id: egui::Id,
    /// The field's name.
    pub label: FieldLabel<'a>,
    /// Shown in the empty field.
    pub hint: &'a str,
}

/// A field whose text is parsed. Text that does not parse is not saved: it stays in
/// the field, outlined, with `parse`'s message below, until the user fixes it or
/// presses *Revert*.
pub fn parsed_row_ui<V: PartialEq>(
    ui: &mut Ui,
    drafts: &mut Drafts,
    field: &ParsedField<'_>,
    shown: String,
    parse: impl Fn(&str) -> Result<V, String>,
    current: &V,
    tr: Tr,
) -> FieldChange<V> {
    let id = field.id;
    let mut text = drafts.text(id, &shown);
    let response = labelled(ui, field.label, |ui| {
        ui.add(
            TextEdit::singleline(&mut text)
                .id(id)
                .hint_text(field.hint)
                .desired_width(f32::INFINITY),
        )
    });
    let parsed = parse(text.trim());
    settle_parsed(ui, drafts, id, &text, &response, parsed, current, tr)
}

/// After a parsed field was drawn: keeps or forgets the draft, marks text that does
/// not parse and explains it, and says whether there is a new value.
#[allow(clippy::too_many_arguments)]
fn settle_parsed<V: PartialEq>(
    ui: &mut Ui,
    drafts: &mut Drafts,
    id: egui::Id,
    text: &str,
    response: &Response,
    parsed: Result<V, String>,
    current: &V,
    tr: Tr,
) -> FieldChange<V> {
    drafts.settle(id, text, response.has_focus(), parsed.is_ok());
    let mut change = FieldChange {
        value: None,
        lost_focus: response.lost_focus(),
    };
    match parsed {
        Ok(value) => {
            if response.changed() && value != *current {
                change.value = Some(value);
            }
        }
        Err(message) => {
            ui.painter().rect_stroke(
                response.rect,
                2.0,
                stroke_invalid(),
                egui::StrokeKind::Outside,
            );
            if not_saved_ui(ui, &message, tr) {
                drafts.discard(id);
            }
        }
    }
    change
}

/// The message under a field whose text was not saved, and a *Revert* button.
/// Returns whether *Revert* was pressed.
fn not_saved_ui(ui: &mut Ui, message: &str, tr: Tr) -> bool {
    ui.add(egui::Label::new(RichText::new(message).color(ERROR_TEXT)).wrap());
    ui.small_button(tr.t(T::Revert))
        .on_hover_text(tr.t(T::RevertHint))
        .clicked()
}

/// A date field: type a date in any form [`Date::parse_typed`] reads, pick one from
/// the calendar, or press *Today*; empty for no date. A form other than
/// `YYYY-MM-DD` shows how it was read before the field is left.
pub fn date_row_ui<'a>(
    ui: &mut Ui,
    drafts: &mut Drafts,
    id: egui::Id,
    label: impl Into<FieldLabel<'a>>,
    date: Option<Date>,
    tr: Tr,
) -> FieldChange<Option<Date>> {
    let today = Date::today_local();
    let shown = date.map(|d| d.to_string()).unwrap_or_default();
    let mut text = drafts.text(id, &shown);
    let mut picked: Option<Option<Date>> = None;
    let response = labelled(ui, label, |ui| {
        // Buttons from the right; the field gets exactly what is left.
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if ui.small_button(tr.t(T::Today)).clicked() {
                picked = Some(Some(today));
            }
            if let Some(day) = date_picker_ui(ui, id.with("calendar"), date, today, tr) {
                picked = Some(day);
            }
            ui.add(
                TextEdit::singleline(&mut text)
                    .id(id)
                    .hint_text(tr.t(T::DateHint))
                    .desired_width(ui.available_width()),
            )
        })
        .inner
    });
    if let Some(day) = picked {
        // A day from the calendar or *Today* replaces whatever was typed.
        drafts.discard(id);
        return FieldChange {
            value: (day != date).then_some(day),
            lost_focus: true,
        };
    }
    let parsed = Date::parse_typed(&text, today);
    if let (Ok(Some(day)), true) = (&parsed, response.has_focus())
        && text.trim() != day.to_string()
    {
        let means = tr.f(T::DateMeans, &[&long_date(*day, tr)]);
        ui.add(egui::Label::new(RichText::new(means).weak()).wrap());
    }
    let parsed = parsed.map_err(|err| date_message(&err, tr));
    settle_parsed(ui, drafts, id, &text, &response, parsed, &date, tr)
}

/// What to tell the user about a typed date that was not taken.
pub fn date_message(err: &DateInputError, tr: Tr) -> String {
    match err {
        DateInputError::Unrecognised(text) => tr.f(T::DateNotSaved, &[text]),
        DateInputError::NoSuchDay(text) => tr.f(T::DateNoSuchDay, &[text]),
        DateInputError::Ambiguous {
            text,
            day_first,
            month_first,
        } => tr.f(
            T::DateAmbiguous,
            &[
                text,
                &long_date(*day_first, tr),
                &long_date(*month_first, tr),
                day_first,
                month_first,
            ],
        ),
    }
}

/// A labelled drop-down of values, returning the chosen one when it changed.
pub fn choice_row_ui<'a, V: PartialEq + Clone>(
    ui: &mut Ui,
    label: impl Into<FieldLabel<'a>>,
    current: &V,
    options: &[V],
    name: impl Fn(&V) -> String,
) -> Option<V> {
    choice_or_mixed_row_ui(ui, label, Some(current), options, name, "")
}

/// A drop-down for a value that may differ between the selected people: `current`
/// is `None` then, and `mixed` is shown instead of a value.
pub fn choice_or_mixed_row_ui<'a, V: PartialEq + Clone>(
    ui: &mut Ui,
    label: impl Into<FieldLabel<'a>>,
    current: Option<&V>,
    options: &[V],
    name: impl Fn(&V) -> String,
    mixed: &str,
) -> Option<V> {
    let label = label.into();
    let mut chosen = None;
    let shown = current.map_or_else(|| mixed.to_owned(), &name);
    labelled(ui, label, |ui| {
        let combo = egui::ComboBox::from_id_salt(label.text)
            .selected_text(shown.clone())
            .truncate()
            .width(ui.available_width())
            .show_ui(ui, |ui| {
                for option in options {
                    let selected = current == Some(option);
                    let picked = ui.selectable_label(selected, name(option)).clicked();
                    if picked && !selected {
                        chosen = Some(option.clone());
                    }
                }
            })
            .response;
        // A combo box is named after its value by default; name it after the field.
        ui.ctx().accesskit_node_builder(combo.id, |node| {
            node.set_label(label.text);
            node.set_value(shown.clone());
        });
        combo
    });
    chosen
}

/// A choice of team member, "nobody" first: the values for [`choice_row_ui`] and
/// their labels (`nobody` names the empty choice; an unnamed member reads as such).
pub fn team_member_choices(
    doc: &crate::model::Document,
    tr: Tr,
    nobody: T,
) -> (
    Vec<Option<crate::model::TeamMemberId>>,
    impl Fn(&Option<crate::model::TeamMemberId>) -> String + '_,
) {
    let mut members = vec![None];
    members.extend(doc.team.iter().map(|m| Some(m.id.clone())));
    let name = move |member: &Option<crate::model::TeamMemberId>| match member
        .as_ref()
        .and_then(|id| doc.team_member(id))
    {
        Some(m) if m.name.is_empty() => tr.t(T::Unnamed).to_owned(),
        Some(m) => m.name.clone(),
        None => tr.t(nobody).to_owned(),
    };
    (members, name)
}
