//! Form widgets shared by the inspector and the account panel. Each returns the new
//! value when the user changed it; the caller turns that into a command.

use std::collections::HashMap;

use egui::{Response, TextEdit, Ui};

use super::i18n::{T, Tr};
use super::theme::ERROR_TEXT;
use crate::model::Date;

/// Text being typed into fields whose value is parsed (dates, numbers, tags), kept
/// while the field has focus so half-typed input is not thrown away.
#[derive(Default)]
pub struct Drafts {
    texts: HashMap<egui::Id, String>,
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

/// A labelled single-line text field. Returns the new text when it changed.
pub fn text_row_ui(ui: &mut Ui, label: &str, value: &str) -> FieldChange<String> {
    let mut text = value.to_owned();
    let response = labelled(ui, label, |ui| {
        ui.add(TextEdit::singleline(&mut text).desired_width(f32::INFINITY))
    });
    change(&response, text, value)
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

/// A label on the left, the widget filling the rest of the row; the label names the
/// widget for screen readers (and tests).
pub fn labelled(ui: &mut Ui, label: &str, add: impl FnOnce(&mut Ui) -> Response) -> Response {
    ui.horizontal(|ui| {
        let label_id = ui
            .add_sized([110.0, 18.0], egui::Label::new(label).truncate())
            .id;
        add(ui).labelled_by(label_id)
    })
    .inner
}

/// How a parsed field is labelled.
pub struct ParsedField<'a> {
    /// Identifies the field's draft text.
    pub id: egui::Id,
    /// The field's name.
    pub label: &'a str,
    /// Shown while the text does not parse.
    pub invalid: &'a str,
    /// Shown in the empty field.
    pub hint: &'a str,
}

/// A field whose text is parsed; shows `field.invalid` while the text does not parse.
pub fn parsed_row_ui<V: PartialEq>(
    ui: &mut Ui,
    drafts: &mut Drafts,
    field: &ParsedField<'_>,
    shown: String,
    parse: impl Fn(&str) -> Option<V>,
    current: &V,
) -> FieldChange<V> {
    let id = field.id;
    let mut text = drafts
        .texts
        .get(&id)
        .cloned()
        .unwrap_or_else(|| shown.clone());
    let response = labelled(ui, field.label, |ui| {
        ui.add(
            TextEdit::singleline(&mut text)
                .id(id)
                .hint_text(field.hint)
                .desired_width(f32::INFINITY),
        )
    });
    let parsed = parse(text.trim());
    if response.has_focus() {
        drafts.texts.insert(id, text.clone());
    } else {
        drafts.texts.remove(&id);
    }
    if parsed.is_none() && response.has_focus() {
        ui.colored_label(ERROR_TEXT, field.invalid);
    }
    FieldChange {
        value: parsed.filter(|v| response.changed() && v != current),
        lost_focus: response.lost_focus(),
    }
}

/// A date field (`YYYY-MM-DD`, empty for none) with a "Today" button.
pub fn date_row_ui(
    ui: &mut Ui,
    drafts: &mut Drafts,
    id: egui::Id,
    label: &str,
    date: Option<Date>,
    tr: Tr,
) -> FieldChange<Option<Date>> {
    let shown = date.map(|d| d.to_string()).unwrap_or_default();
    ui.horizontal(|ui| {
        let width = (ui.available_width() - 64.0).max(120.0);
        let mut result = ui
            .allocate_ui(egui::vec2(width, 20.0), |ui| {
                let field = ParsedField {
                    id,
                    label,
                    invalid: tr.t(T::InvalidDate),
                    hint: tr.t(T::DateHint),
                };
                parsed_row_ui(ui, drafts, &field, shown, parse_optional_date, &date)
            })
            .inner;
        let today = Some(Date::today_local());
        if ui.small_button(tr.t(T::Today)).clicked() && today != date {
            result.value = Some(today);
            result.lost_focus = true;
        }
        result
    })
    .inner
}

/// Empty text is no date; otherwise a valid `YYYY-MM-DD`.
pub fn parse_optional_date(text: &str) -> Option<Option<Date>> {
    if text.is_empty() {
        Some(None)
    } else {
        text.parse::<Date>().ok().map(Some)
    }
}

/// A labelled drop-down of values, returning the chosen one when it changed.
pub fn choice_row_ui<V: PartialEq + Clone>(
    ui: &mut Ui,
    label: &str,
    current: &V,
    options: &[V],
    name: impl Fn(&V) -> String,
) -> Option<V> {
    let mut chosen = None;
    let shown = name(current);
    labelled(ui, label, |ui| {
        let combo = egui::ComboBox::from_id_salt(label)
            .selected_text(shown.clone())
            .width(ui.available_width())
            .show_ui(ui, |ui| {
                for option in options {
                    let picked = ui
                        .selectable_label(option == current, name(option))
                        .clicked();
                    if picked && option != current {
                        chosen = Some(option.clone());
                    }
                }
            })
            .response;
        // A combo box is named after its value by default; name it after the field.
        ui.ctx().accesskit_node_builder(combo.id, |node| {
            node.set_label(label);
            node.set_value(shown.clone());
        });
        combo
    });
    chosen
}
