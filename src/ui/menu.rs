//! The menu bar and the toolbar. Items come from [`Action`], so labels and shortcuts
//! are the same everywhere.

use egui::Ui;

use super::app_command::{Action, AppCommand};
use super::i18n::{Language, T, Tr};
use super::prefs::Prefs;
use super::view_switcher::view_label;
use crate::edit::Editor;
use crate::samples::SAMPLES;
use crate::views::ViewKind;

/// Undo and redo icons from egui's own icon font, which comes before any CJK font
/// in the fallback chain (↶ ↷ are missing from Noto Sans CJK and showed as boxes).
const UNDO_ICON: &str = "⟲";
/// See [`UNDO_ICON`].
const REDO_ICON: &str = "⟳";

fn action_button(
    ui: &mut Ui,
    tr: Tr,
    action: Action,
    enabled: bool,
    commands: &mut Vec<AppCommand>,
) {
    let mut button = egui::Button::new(tr.t(action.label()));
    if let Some(shortcut) = action.shortcuts().first() {
        button = button.shortcut_text(ui.ctx().format_shortcut(shortcut));
    }
    if ui.add_enabled(enabled, button).clicked() {
        commands.push(AppCommand::Action(action));
        ui.close();
    }
}

/// The menu bar: File, Edit, View.
pub fn menu_bar_ui(
    ui: &mut Ui,
    tr: Tr,
    prefs: &Prefs,
    editor: &Editor,
    sync_enabled: bool,
    commands: &mut Vec<AppCommand>,
) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button(tr.t(T::MenuFile), |ui| {
            action_button(ui, tr, Action::New, true, commands);
            action_button(ui, tr, Action::Open, true, commands);
            action_button(ui, tr, Action::OpenPath, true, commands);
            action_button(ui, tr, Action::OpenWorkspace, true, commands);
            let workspace = prefs.last_workspace.as_ref().is_some_and(|w| w.is_dir());
            action_button(ui, tr, Action::ShowWorkspace, workspace, commands);
            action_button(ui, tr, Action::CompareWith, true, commands);
            action_button(ui, tr, Action::History, true, commands);
            for (key, request) in [
                (T::MarkReviewed, super::review_view::ReviewRequest::Mark),
                (
                    T::CompareWithReview,
                    super::review_view::ReviewRequest::Compare,
                ),
            ] {
                if ui.button(tr.t(key)).clicked() {
                    commands.push(AppCommand::Review(request));
                    ui.close();
                }
            }
            // Only for a map in a git work tree.
            if ui
                .add_enabled(sync_enabled, egui::Button::new(tr.t(T::SyncMenu)))
                .clicked()
            {
                commands.push(AppCommand::Sync(super::sync_job::SyncRequest::Open));
                ui.close();
            }
            ui.menu_button(tr.t(T::OpenRecent), |ui| {
                if prefs.recent_files.is_empty() {
                    ui.label(tr.t(T::NoRecent));
                }
                for path in &prefs.recent_files {
                    if ui.button(path.display().to_string()).clicked() {
                        commands.push(AppCommand::OpenFile(path.clone()));
                        ui.close();
                    }
                }
                if !prefs.recent_files.is_empty() {
                    ui.separator();
                    if ui.button(tr.t(T::ClearRecent)).clicked() {
                        commands.push(AppCommand::ClearRecent);
                        ui.close();
                    }
                }
            });
            ui.menu_button(tr.t(T::OpenSample), |ui| {
                for (index, sample) in SAMPLES.iter().enumerate() {
                    if ui.button(tr.sample_title(sample.file_name)).clicked() {
                        commands.push(AppCommand::OpenSample(index));
                        ui.close();
                    }
                }
            });
            ui.separator();
            action_button(ui, tr, Action::Save, true, commands);
            action_button(ui, tr, Action::SaveAs, true, commands);
            action_button(ui, tr, Action::SavePath, true, commands);
            ui.separator();
            // Ticking an export option keeps the menu open; the formats close it.
            egui::containers::menu::SubMenuButton::new(tr.t(T::ExportMenu))
                .config(stay_open_on_clicks())
                .ui(ui, |ui| export_menu_ui(ui, tr, prefs, commands));
            if ui.button(tr.t(T::ImportMenu)).clicked() {
                commands.push(AppCommand::ImportContacts);
                ui.close();
            }
            ui.separator();
            action_button(ui, tr, Action::Quit, true, commands);
        });
        ui.menu_button(tr.t(T::MenuEdit), |ui| {
            undo_redo_items_ui(ui, tr, editor, commands);
            ui.separator();
            action_button(ui, tr, Action::AddPerson, true, commands);
            action_button(ui, tr, Action::DeleteSelection, true, commands);
            action_button(ui, tr, Action::SelectAll, true, commands);
            action_button(ui, tr, Action::Find, true, commands);
        });
        // The panel checkboxes keep the View menu open, so several can be changed.
        egui::containers::menu::MenuButton::new(tr.t(T::MenuView))
            .config(stay_open_on_clicks())
            .ui(ui, |ui| {
                views_menu_items_ui(ui, tr, prefs, commands);
                ui.separator();
                action_button(ui, tr, Action::FitView, true, commands);
                action_button(ui, tr, Action::Present, true, commands);
                for (shown, action) in [
                    (prefs.show_legend, Action::ToggleLegend),
                    (prefs.show_account, Action::ToggleAccount),
                    (prefs.show_side, Action::ToggleSide),
                ] {
                    let mut checked = shown;
                    if ui.checkbox(&mut checked, tr.t(action.label())).clicked() {
                        commands.push(AppCommand::Action(action));
                    }
                }
                ui.menu_button(tr.t(T::Language), |ui| {
                    for language in Language::ALL {
                        if ui.radio(tr.0 == language, language.native_name()).clicked() {
                            commands.push(AppCommand::SetLanguage(language));
                            ui.close();
                        }
                    }
                });
            });
        egui::containers::menu::MenuButton::new(tr.t(T::MenuArrange))
            .config(stay_open_on_clicks())
            .ui(ui, |ui| arrange_menu_ui(ui, tr, prefs, commands));
    });
}

/// The views (radio items) and the department groups option of the View menu.
fn views_menu_items_ui(ui: &mut Ui, tr: Tr, prefs: &Prefs, commands: &mut Vec<AppCommand>) {
    let current = prefs.view();
    for kind in ViewKind::ALL {
        let shortcut = Action::ShowView(kind).shortcuts();
        let response = ui.radio(current == kind, tr.t(view_label(kind)));
        let response = match shortcut.first() {
            Some(shortcut) => response.on_hover_text(ui.ctx().format_shortcut(shortcut)),
            None => response,
        };
        if response.clicked() {
            commands.push(AppCommand::SetView(kind));
            ui.close();
        }
    }
    let mut departments = prefs.show_departments;
    let on_map = current == ViewKind::Map;
    let response = ui.add_enabled(
        on_map,
        egui::Checkbox::new(&mut departments, tr.t(T::ShowDepartments)),
    );
    if response.changed() {
        commands.push(AppCommand::SetShowDepartments(departments));
    }
}

/// Tidy up and arrange as org chart: they rewrite map positions, so only on the map.
fn arrange_menu_ui(ui: &mut Ui, tr: Tr, prefs: &Prefs, commands: &mut Vec<AppCommand>) {
    use super::tidy_job::Arrangement;
    let on_map = prefs.view() == ViewKind::Map;
    if !on_map {
        ui.label(egui::RichText::new(tr.t(T::ArrangeMapOnly)).weak());
    }
    for (arrangement, label) in [
        (Arrangement::Tidy, T::TidyUp),
        (Arrangement::OrgChart, T::ArrangeOrgChart),
    ] {
        if ui
            .add_enabled(on_map, egui::Button::new(tr.t(label)))
            .clicked()
        {
            commands.push(AppCommand::Arrange(arrangement));
            ui.close();
        }
        if arrangement == Arrangement::Tidy {
            let mut keep = prefs.tidy_keep_selected;
            if ui
                .add_enabled(
                    on_map,
                    egui::Checkbox::new(&mut keep, tr.t(T::TidyKeepSelected)),
                )
                .changed()
            {
                commands.push(AppCommand::SetTidyKeepSelected(keep));
            }
            ui.separator();
        }
    }
}

/// Menus whose items close them explicitly (`ui.close()`), so checkboxes can be
/// ticked without the menu going away.
fn stay_open_on_clicks() -> egui::containers::menu::MenuConfig {
    egui::containers::menu::MenuConfig::new()
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
}

/// The export menu: one item per format and the two export options.
fn export_menu_ui(ui: &mut Ui, tr: Tr, prefs: &Prefs, commands: &mut Vec<AppCommand>) {
    use crate::export::ExportFormat;
    for (format, label) in [
        (ExportFormat::Png, T::ExportPng),
        (ExportFormat::Svg, T::ExportSvg),
        (ExportFormat::Html, T::ExportHtml),
        (ExportFormat::Markdown, T::ExportMarkdown),
        (ExportFormat::Csv, T::ExportCsv),
    ] {
        if ui.button(tr.t(label)).clicked() {
            commands.push(AppCommand::Export(format));
            ui.close();
        }
    }
    ui.separator();
    let mut redacted = prefs.export_redacted;
    if ui
        .checkbox(&mut redacted, tr.t(T::ExportRedacted))
        .changed()
    {
        commands.push(AppCommand::SetExportRedacted(redacted));
    }
    let mut view = prefs.export_current_view;
    if ui.checkbox(&mut view, tr.t(T::ExportCurrentView)).changed() {
        commands.push(AppCommand::SetExportCurrentView(view));
    }
    ui.separator();
    ui.label(tr.t(T::ExportViewMenu));
    let current = tr.f(T::ExportViewCurrent, &[&tr.t(view_label(prefs.view()))]);
    let chosen = prefs.export_view.as_deref().and_then(ViewKind::parse);
    if ui.radio(chosen.is_none(), current).clicked() {
        commands.push(AppCommand::SetExportView(None));
    }
    for kind in ViewKind::ALL {
        if ui
            .radio(chosen == Some(kind), tr.t(view_label(kind)))
            .clicked()
        {
            commands.push(AppCommand::SetExportView(Some(kind)));
        }
    }
}

/// Undo and redo items that say what they will undo or redo.
fn undo_redo_items_ui(ui: &mut Ui, tr: Tr, editor: &Editor, commands: &mut Vec<AppCommand>) {
    for (action, label, template) in [
        (Action::Undo, editor.undo_label(), T::UndoWhat),
        (Action::Redo, editor.redo_label(), T::RedoWhat),
    ] {
        let text = match label {
            Some(label) => tr.f(template, &[&tr.edit_label(label)]),
            None => tr.t(action.label()).to_owned(),
        };
        let mut button = egui::Button::new(text);
        if let Some(shortcut) = action.shortcuts().first() {
            button = button.shortcut_text(ui.ctx().format_shortcut(shortcut));
        }
        if ui.add_enabled(label.is_some(), button).clicked() {
            commands.push(AppCommand::Action(action));
            ui.close();
        }
    }
}

/// The toolbar: the actions used while drawing a map.
pub fn toolbar_ui(
    ui: &mut Ui,
    tr: Tr,
    editor: &Editor,
    connect_tool: bool,
    prefs: &Prefs,
    commands: &mut Vec<AppCommand>,
) {
    ui.horizontal(|ui| {
        if ui.button(format!("+ {}", tr.t(T::AddPerson))).clicked() {
            commands.push(AppCommand::Action(Action::AddPerson));
        }
        if ui
            .selectable_label(connect_tool, format!("↔ {}", tr.t(T::ConnectTool)))
            .on_hover_text(tr.t(T::ConnectHint))
            .clicked()
        {
            commands.push(AppCommand::Action(Action::ToggleConnect));
        }
        ui.separator();
        let undo_hint = editor
            .undo_label()
            .map(|l| tr.f(T::UndoWhat, &[&tr.edit_label(l)]));
        let undo = ui.add_enabled(
            undo_hint.is_some(),
            egui::Button::new(format!("{UNDO_ICON} {}", tr.t(T::Undo))),
        );
        if undo.on_hover_text(undo_hint.unwrap_or_default()).clicked() {
            commands.push(AppCommand::Action(Action::Undo));
        }
        let redo_hint = editor
            .redo_label()
            .map(|l| tr.f(T::RedoWhat, &[&tr.edit_label(l)]));
        let redo = ui.add_enabled(
            redo_hint.is_some(),
            egui::Button::new(format!("{REDO_ICON} {}", tr.t(T::Redo))),
        );
        if redo.on_hover_text(redo_hint.unwrap_or_default()).clicked() {
            commands.push(AppCommand::Action(Action::Redo));
        }
        ui.separator();
        if ui.button(tr.t(T::FitView)).clicked() {
            commands.push(AppCommand::Action(Action::FitView));
        }
        if ui
            .selectable_label(prefs.show_legend, tr.t(T::Legend))
            .clicked()
        {
            commands.push(AppCommand::Action(Action::ToggleLegend));
        }
        if ui
            .selectable_label(prefs.show_account, tr.t(T::Account))
            .clicked()
        {
            commands.push(AppCommand::Action(Action::ToggleAccount));
        }
        if ui
            .selectable_label(prefs.show_side, tr.t(T::SidePanel))
            .clicked()
        {
            commands.push(AppCommand::Action(Action::ToggleSide));
        }
    });
}
