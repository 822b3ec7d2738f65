//! Dialogs inside the window: unsaved changes, typing a path when no native file
//! dialog exists, and error reports. They only emit commands; the app acts on them.

use std::path::PathBuf;

use super::app_command::AppCommand;
use super::i18n::{T, Tr};
use super::theme::ERROR_TEXT;

/// What waits for the answer to "save the changes first?".
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    /// Start a new map.
    New,
    /// Show the open dialog.
    OpenDialog,
    /// Ask for a path to open.
    OpenPathEntry,
    /// Open this file.
    OpenFile(PathBuf),
    /// Open a bundled sample.
    OpenSample(usize),
    /// Close the window.
    Quit,
    /// Open a recovered copy of unsaved work.
    Restore(Box<crate::recovery::RecoveredMap>),
}

/// The answers to "save the changes first?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnsavedChoice {
    /// Save, then go on.
    Save,
    /// Go on without saving.
    Discard,
    /// Stay.
    Cancel,
}

/// What a typed path is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPurpose {
    /// Open the file.
    Open,
    /// Save the map there.
    Save,
    /// Export the map there.
    Export(crate::export::ExportFormat),
    /// Import contacts from there.
    Import,
    /// Compare the map in the window with that map file.
    Compare,
    /// Open that folder as the workspace.
    Workspace,
}

/// Something that went wrong, shown until dismissed.
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorReport {
    /// What failed.
    pub title: T,
    /// Why, in full.
    pub message: String,
    /// The file concerned.
    pub path: Option<PathBuf>,
}

/// A dialog over the window.
#[derive(Clone, Debug, PartialEq)]
pub enum Modal {
    /// "Save the changes first?" before `then`.
    Unsaved {
        /// What runs after the answer.
        then: Pending,
    },
    /// Choose or type a path (no native file dialog).
    PathEntry(Box<super::file_browser::FileBrowser>),
    /// "Replace the existing file?" for a typed path.
    ConfirmReplace {
        /// Save or export.
        purpose: PathPurpose,
        /// The existing file.
        path: PathBuf,
        /// What runs after a successful save.
        then: Option<Pending>,
    },
    /// An error report.
    Error(ErrorReport),
    /// A contact file read, waiting for the mapping to be confirmed.
    ImportPreview(Box<super::import_dialog::ImportPreview>),
    /// What an import did.
    ImportReport(Box<crate::import::ImportSummary>),
    /// "The folder does not exist. Create it?" before saving or exporting there.
    CreateFolder {
        /// Save or export.
        purpose: PathPurpose,
        /// The file to write, in the missing folder.
        path: PathBuf,
        /// What runs after a successful save.
        then: Option<Pending>,
    },
    /// Copies of maps with unsaved changes, left by a run that did not end cleanly.
    Recover(Vec<crate::recovery::RecoveredMap>),
    /// Saving would overwrite a version someone else saved.
    SaveConflict,
    /// What differs between two versions of the map.
    Compare(Box<super::versions::CompareView>),
    /// The commits that changed the map.
    History(Box<super::history_view::HistoryView>),
}

/// Shows `modal`; returns it to keep it open, or `None` once answered.
pub fn modal_ui(
    ctx: &egui::Context,
    modal: Modal,
    file_label: &str,
    modified: bool,
    tr: Tr,
    commands: &mut Vec<AppCommand>,
) -> Option<Modal> {
    let id = egui::Id::new("powermap-modal");
    match modal {
        Modal::Unsaved { then } => {
            let mut choice = None;
            egui::Modal::new(id).show(ctx, |ui| {
                ui.heading(tr.t(T::UnsavedTitle));
                ui.label(tr.f(T::UnsavedQuestion, &[&file_label]));
                ui.horizontal(|ui| {
                    if ui.button(tr.t(T::Save)).clicked() {
                        choice = Some(UnsavedChoice::Save);
                    }
                    if ui.button(tr.t(T::DontSave)).clicked() {
                        choice = Some(UnsavedChoice::Discard);
                    }
                    if ui.button(tr.t(T::Cancel)).clicked()
                        || ui.input(|i| i.key_pressed(egui::Key::Escape))
                    {
                        choice = Some(UnsavedChoice::Cancel);
                    }
                });
            });
            match choice {
                Some(choice) => {
                    commands.push(AppCommand::Unsaved { choice, then });
                    None
                }
                None => Some(Modal::Unsaved { then }),
            }
        }
        Modal::PathEntry(browser) => {
            super::file_browser::file_browser_ui(ctx, browser, tr, commands).map(Modal::PathEntry)
        }
        Modal::ConfirmReplace {
            purpose,
            path,
            then,
        } => {
            let mut answer = None;
            egui::Modal::new(id).show(ctx, |ui| {
                ui.heading(tr.t(T::ReplaceTitle));
                ui.label(tr.f(T::ReplaceQuestion, &[&path.display()]));
                ui.horizontal(|ui| {
                    if ui.button(tr.t(T::Replace)).clicked() {
                        answer = Some(true);
                    }
                    if ui.button(tr.t(T::Cancel)).clicked()
                        || ui.input(|i| i.key_pressed(egui::Key::Escape))
                    {
                        answer = Some(false);
                    }
                });
            });
            match answer {
                Some(true) => {
                    commands.push(AppCommand::ReplaceConfirmed {
                        purpose,
                        path,
                        then,
                    });
                    None
                }
                Some(false) => None,
                None => Some(Modal::ConfirmReplace {
                    purpose,
                    path,
                    then,
                }),
            }
        }
        Modal::ImportPreview(preview) => {
            match super::import_dialog::import_preview_ui(ctx, preview, tr) {
                super::import_dialog::PreviewOutcome::Open(preview) => {
                    Some(Modal::ImportPreview(preview))
                }
                super::import_dialog::PreviewOutcome::Import(preview) => {
                    commands.push(super::import_dialog::import_command(*preview));
                    None
                }
                super::import_dialog::PreviewOutcome::Cancelled => None,
            }
        }
        Modal::ImportReport(summary) => super::import_dialog::import_report_ui(ctx, &summary, tr)
            .then_some(Modal::ImportReport(summary)),
        Modal::CreateFolder {
            purpose,
            path,
            then,
        } => {
            let mut answer = None;
            let folder = crate::user_paths::display_short(path.parent().unwrap_or(&path));
            egui::Modal::new(id).show(ctx, |ui| {
                ui.set_max_width(560.0);
                ui.heading(tr.t(T::CreateFolderTitle));
                ui.label(tr.f(T::CreateFolderQuestion, &[&folder]));
                ui.horizontal(|ui| {
                    if ui.button(tr.t(T::CreateFolder)).clicked() {
                        answer = Some(true);
                    }
                    if ui.button(tr.t(T::Cancel)).clicked()
                        || ui.input(|i| i.key_pressed(egui::Key::Escape))
                    {
                        answer = Some(false);
                    }
                });
            });
            match answer {
                Some(true) => {
                    commands.push(AppCommand::CreateFolderConfirmed {
                        purpose,
                        path,
                        then,
                    });
                    None
                }
                Some(false) => None,
                None => Some(Modal::CreateFolder {
                    purpose,
                    path,
                    then,
                }),
            }
        }
        Modal::Recover(copies) => super::versions::recover_ui(ctx, &copies, tr, commands)
            .then_some(Modal::Recover(copies)),
        Modal::SaveConflict => {
            super::versions::conflict_ui(ctx, file_label, modified, tr, commands)
                .then_some(Modal::SaveConflict)
        }
        Modal::Compare(view) => {
            super::versions::compare_ui(ctx, &view, tr).then_some(Modal::Compare(view))
        }
        Modal::History(view) => super::history_view::history_ui(ctx, &view, tr, commands)
            .then_some(Modal::History(view)),
        Modal::Error(report) => {
            let mut dismissed = false;
            egui::Modal::new(id).show(ctx, |ui| {
                ui.set_max_width(560.0);
                ui.heading(egui::RichText::new(tr.t(report.title)).color(ERROR_TEXT));
                if let Some(path) = &report.path {
                    ui.monospace(path.display().to_string());
                }
                egui::ScrollArea::vertical()
                    .max_height(320.0)
                    .show(ui, |ui| {
                        ui.label(&report.message);
                    });
                if ui.button(tr.t(T::Dismiss)).clicked()
                    || ui.input(|i| i.key_pressed(egui::Key::Escape))
                {
                    dismissed = true;
                }
            });
            (!dismissed).then_some(Modal::Error(report))
        }
    }
}
