//! A small file browser inside the window, for machines without a native file
//! dialog (Linux without a desktop portal): one path field that can be typed in
//! directly (with `~` and names relative to the folder shown), the folders and
//! matching files of that folder to click through, and recent folders.

use std::path::{Path, PathBuf};

use super::app_command::AppCommand;
use super::i18n::{T, Tr};
use super::modals::{PathPurpose, Pending};
use crate::user_paths::{display_short, existing_folder, resolve_typed};

/// Most entries listed from one folder.
const MAX_ENTRIES: usize = 500;

/// The browser's state, kept in the modal between frames.
#[derive(Clone, Debug, PartialEq)]
pub struct FileBrowser {
    /// What the chosen path is for.
    pub purpose: PathPurpose,
    /// The path as typed or picked.
    pub text: String,
    /// What runs after a successful save.
    pub then: Option<Pending>,
    /// Where relative paths start.
    base: PathBuf,
    /// Folders to offer as shortcuts.
    recent_folders: Vec<PathBuf>,
    listing: Listing,
    focused_once: bool,
}

/// The entries of one folder.
#[derive(Clone, Debug, Default, PartialEq)]
struct Listing {
    folder: PathBuf,
    folders: Vec<String>,
    files: Vec<String>,
    more: usize,
    error: Option<String>,
}

/// What the person decided in the browser this frame.
enum Outcome {
    Confirm(PathBuf),
    Cancel,
}

impl FileBrowser {
    /// A browser for `purpose` starting at `start` (a file path or a folder). The
    /// field holds a name in the folder shown (the suggested file name when saving),
    /// or any path typed over it.
    pub fn new(
        purpose: PathPurpose,
        start: &Path,
        then: Option<Pending>,
        recent_folders: Vec<PathBuf>,
    ) -> Self {
        let (folder, name) = if start.is_dir() {
            (start.to_owned(), None)
        } else {
            (
                start
                    .parent()
                    .map_or_else(|| start.to_owned(), Path::to_owned),
                start.file_name().map(|n| n.to_string_lossy().into_owned()),
            )
        };
        let base = existing_folder(&folder).unwrap_or_else(|| PathBuf::from("/"));
        // A file name suggested for the wrong folder would mislead: only saving and
        // exporting start with a name.
        let text = match purpose {
            PathPurpose::Save | PathPurpose::Export(_) if base == folder => {
                name.unwrap_or_default()
            }
            PathPurpose::Save | PathPurpose::Export(_) => display_short(start),
            PathPurpose::Open
            | PathPurpose::Import
            | PathPurpose::Compare
            | PathPurpose::Workspace => String::new(),
        };
        Self {
            purpose,
            text,
            then,
            base,
            recent_folders,
            listing: Listing::default(),
            focused_once: false,
        }
    }

    /// The path the field names now.
    pub fn chosen_path(&self) -> PathBuf {
        resolve_typed(&self.text, &self.base)
    }

    /// The folder whose entries are listed: the typed path when it is a folder (or
    /// ends in a separator), else its parent.
    fn shown_folder(&self) -> PathBuf {
        let path = self.chosen_path();
        let names_folder = self.text.trim_end().ends_with(['/', '\\']) || path.is_dir();
        if names_folder {
            path
        } else {
            path.parent()
                .map_or_else(|| self.base.clone(), Path::to_owned)
        }
    }

    /// The file name part of the typed path (kept when moving between folders).
    fn file_name_part(&self) -> Option<String> {
        let path = self.chosen_path();
        if self.text.trim_end().ends_with(['/', '\\']) || path.is_dir() {
            return None;
        }
        path.file_name().map(|n| n.to_string_lossy().into_owned())
    }

    fn accepts(&self, name: &str) -> bool {
        let lower = name.to_lowercase();
        let extensions: &[&str] = match self.purpose {
            PathPurpose::Open | PathPurpose::Save | PathPurpose::Compare => &[".json", ".bak"],
            PathPurpose::Import => &[".csv", ".tsv", ".txt", ".xlsx"],
            // Only folders are chosen.
            PathPurpose::Workspace => &[],
            PathPurpose::Export(format) => {
                return lower.ends_with(&format!(".{}", format.extension()));
            }
        };
        extensions.iter().any(|e| lower.ends_with(e))
    }

    fn refresh_listing(&mut self) {
        let wanted = self.shown_folder();
        let folder = existing_folder(&wanted).unwrap_or_else(|| wanted.clone());
        if self.listing.folder == folder && self.listing.error.is_none() {
            return;
        }
        let mut listing = Listing {
            folder: folder.clone(),
            ..Listing::default()
        };
        match std::fs::read_dir(&folder) {
            Ok(entries) => {
                for entry in entries.flatten() {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    if name.starts_with('.') {
                        continue;
                    }
                    // Follows links, so a linked folder is a folder.
                    let is_dir = entry.path().is_dir();
                    if !is_dir && !self.accepts(&name) {
                        continue;
                    }
                    if listing.folders.len() + listing.files.len() >= MAX_ENTRIES {
                        listing.more += 1;
                    } else if is_dir {
                        listing.folders.push(name);
                    } else {
                        listing.files.push(name);
                    }
                }
                listing.folders.sort_by_key(|n| n.to_lowercase());
                listing.files.sort_by_key(|n| n.to_lowercase());
            }
            Err(err) => listing.error = Some(err.to_string()),
        }
        self.listing = listing;
    }

    /// Points the field at `folder`, keeping the file name being saved.
    fn go_to(&mut self, folder: &Path) {
        // A bare name typed next goes into the folder the person moved to, and the
        // path field takes the keyboard again.
        self.focused_once = false;
        self.text = match (self.purpose, self.file_name_part()) {
            (PathPurpose::Save | PathPurpose::Export(_), Some(name)) => name,
            _ => String::new(),
        };
        self.base = folder.to_owned();
    }

    fn browser_ui(&mut self, ui: &mut egui::Ui, tr: Tr) -> Option<Outcome> {
        let mut outcome = None;
        ui.set_width(560.0);
        ui.heading(tr.t(match self.purpose {
            PathPurpose::Open => T::PathTitleOpen,
            PathPurpose::Save => T::PathTitleSave,
            PathPurpose::Export(_) => T::PathTitleExport,
            PathPurpose::Import => T::PathTitleImport,
            PathPurpose::Compare => T::PathTitleCompare,
            PathPurpose::Workspace => T::WsPathTitle,
        }));
        ui.label(tr.t(T::BrowserHint));
        let response = ui.add(
            egui::TextEdit::singleline(&mut self.text)
                .desired_width(f32::INFINITY)
                .hint_text(tr.t(T::BrowserPathLabel)),
        );
        if !self.focused_once {
            response.request_focus();
            self.focused_once = true;
        }
        let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        self.refresh_listing();
        let shown = self.shown_folder();
        ui.horizontal_wrapped(|ui| {
            if let Some(parent) = self.listing.folder.parent().map(Path::to_owned)
                && ui.button(tr.t(T::BrowserUp)).clicked()
            {
                self.go_to(&parent);
            }
            ui.label(tr.f(T::BrowserFolder, &[&display_short(&self.listing.folder)]));
        });
        if !self.recent_folders.is_empty() {
            ui.horizontal_wrapped(|ui| {
                ui.label(tr.t(T::BrowserRecent));
                for folder in self.recent_folders.clone() {
                    let label = folder.file_name().map_or_else(
                        || display_short(&folder),
                        |n| n.to_string_lossy().into_owned(),
                    );
                    if ui
                        .small_button(label)
                        .on_hover_text(display_short(&folder))
                        .clicked()
                    {
                        self.go_to(&folder);
                    }
                }
            });
        }
        self.entries_ui(ui, tr, &mut outcome);
        // One line, always there, so the dialog does not change size.
        let note = if let Some(error) = &self.listing.error {
            tr.f(T::BrowserUnreadable, &[error])
        } else if !shown.exists() {
            tr.f(T::BrowserWillCreate, &[&display_short(&shown)])
        } else {
            String::new()
        };
        ui.add(
            egui::Label::new(egui::RichText::new(note).color(super::theme::WARNING_TEXT))
                .truncate(),
        );
        ui.horizontal(|ui| {
            let confirm = tr.t(match self.purpose {
                PathPurpose::Open | PathPurpose::Import => T::OpenButton,
                PathPurpose::Compare => T::CompareButton,
                PathPurpose::Save => T::Save,
                PathPurpose::Export(_) => T::ExportButton,
                PathPurpose::Workspace => T::WsOpenFolder,
            });
            // A workspace is the folder shown; anything else needs a file name.
            let ready = if self.purpose == PathPurpose::Workspace {
                self.chosen_path().is_dir()
            } else {
                self.file_name_part().is_some()
            };
            if (ui.add_enabled(ready, egui::Button::new(confirm)).clicked() || (entered && ready))
                && outcome.is_none()
            {
                outcome = Some(Outcome::Confirm(self.chosen_path()));
            }
            if ui.button(tr.t(T::Cancel)).clicked()
                || ui.input(|i| i.key_pressed(egui::Key::Escape))
            {
                outcome = Some(Outcome::Cancel);
            }
        });
        outcome
    }

    fn entries_ui(&mut self, ui: &mut egui::Ui, tr: Tr, outcome: &mut Option<Outcome>) {
        let folder = self.listing.folder.clone();
        let folders = self.listing.folders.clone();
        let files = self.listing.files.clone();
        egui::Frame::group(ui.style()).show(ui, |ui| {
            egui::ScrollArea::vertical()
                .max_height(240.0)
                .min_scrolled_height(240.0)
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    for name in &folders {
                        let label =
                            egui::RichText::new(format!("{name}{}", std::path::MAIN_SEPARATOR))
                                .strong();
                        if ui.selectable_label(false, label).clicked() {
                            self.go_to(&folder.join(name));
                        }
                    }
                    for name in &files {
                        let response = ui.selectable_label(false, name);
                        if response.clicked() {
                            self.base = folder.clone();
                            self.text = name.clone();
                            self.focused_once = false;
                        }
                        if response.double_clicked() {
                            *outcome = Some(Outcome::Confirm(folder.join(name)));
                        }
                    }
                    if folders.is_empty() && files.is_empty() && self.listing.error.is_none() {
                        ui.weak(tr.t(T::BrowserEmpty));
                    }
                    if self.listing.more > 0 {
                        ui.weak(tr.f(T::BrowserMore, &[&self.listing.more]));
                    }
                });
        });
    }
}

/// Shows the browser; returns it to keep it open, or `None` once answered.
pub fn file_browser_ui(
    ctx: &egui::Context,
    mut browser: Box<FileBrowser>,
    tr: Tr,
    commands: &mut Vec<AppCommand>,
) -> Option<Box<FileBrowser>> {
    let mut outcome = None;
    egui::Modal::new(egui::Id::new("powermap-modal")).show(ctx, |ui| {
        outcome = browser.browser_ui(ui, tr);
    });
    match outcome {
        Some(Outcome::Confirm(path)) => {
            commands.push(AppCommand::PathEntered {
                purpose: browser.purpose,
                path,
                then: browser.then.clone(),
            });
            None
        }
        Some(Outcome::Cancel) => None,
        None => Some(browser),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_names_land_in_the_shown_folder_and_folders_keep_the_file_name() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("maps")).unwrap();
        let start = dir.path().join("acme.json");
        let mut browser = FileBrowser::new(PathPurpose::Save, &start, None, Vec::new());
        assert_eq!(browser.chosen_path(), start);
        browser.go_to(&dir.path().join("maps"));
        assert_eq!(
            browser.chosen_path(),
            dir.path().join("maps").join("acme.json")
        );
        browser.text = "other.json".into();
        assert_eq!(
            browser.chosen_path(),
            dir.path().join("maps").join("other.json")
        );
        browser.text = "/elsewhere/x.json".into();
        assert_eq!(browser.chosen_path(), Path::new("/elsewhere/x.json"));
        assert!(browser.accepts("X.JSON") && !browser.accepts("x.csv"));
    }

    #[test]
    fn lists_folders_and_matching_files_only() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        for name in ["a.json", "b.csv", ".hidden.json", "c.xlsx"] {
            std::fs::write(dir.path().join(name), b"x").unwrap();
        }
        let mut browser = FileBrowser::new(PathPurpose::Import, dir.path(), None, Vec::new());
        browser.refresh_listing();
        assert_eq!(browser.listing.folders, vec!["sub"]);
        assert_eq!(browser.listing.files, vec!["b.csv", "c.xlsx"]);
        assert_eq!(
            browser.file_name_part(),
            None,
            "a folder is not a file to open"
        );
    }
}
