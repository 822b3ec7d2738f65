//! Preferences remembered between runs (eframe storage): language, recent files,
//! panels. Never part of a map document.

use std::path::{Path, PathBuf};

use super::i18n::Language;
use crate::views::ViewKind;

/// Most recent files remembered.
const MAX_RECENT: usize = 10;
/// Key of the preferences in eframe's storage.
pub const STORAGE_KEY: &str = "powermap.prefs";

/// What the user chose, kept between runs.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// UI language; `None` until the user picks one (the system locale decides).
    pub language: Option<Language>,
    /// Recently opened or saved maps, newest first.
    pub recent_files: Vec<PathBuf>,
    /// Whether the legend is shown over the canvas.
    pub show_legend: bool,
    /// Whether the account panel is shown.
    pub show_account: bool,
    /// Whether the side panel (details, analysis…) is shown.
    pub show_side: bool,
    /// Information verified longer ago than this many days counts as stale.
    pub stale_after_days: i64,
    /// Exports leave out private fields.
    pub export_redacted: bool,
    /// Picture exports show only the current view.
    pub export_current_view: bool,
    /// The folder last used to open, save, import or export.
    pub last_folder: Option<PathBuf>,
    /// The workshop view shown (`views::ViewKind::as_str`); UI state, never part
    /// of a map. Read it with [`Prefs::view`].
    pub view: String,
    /// Whether the map view draws a region behind each department's people.
    pub show_departments: bool,
    /// Whether "Tidy up" leaves the selected people where they are.
    pub tidy_keep_selected: bool,
    /// The view a picture export shows (`views::ViewKind::as_str`); `None`: the
    /// view on screen.
    pub export_view: Option<String>,
    /// The workspace (folder of maps) last opened.
    pub last_workspace: Option<PathBuf>,
}

impl Default for Prefs {
    fn default() -> Self {
        Self {
            language: None,
            recent_files: Vec::new(),
            show_legend: true,
            show_account: true,
            show_side: true,
            stale_after_days: crate::analysis::DEFAULT_STALE_DAYS,
            export_redacted: false,
            export_current_view: false,
            last_folder: None,
            view: ViewKind::Map.as_str().to_owned(),
            show_departments: false,
            tidy_keep_selected: false,
            export_view: None,
            last_workspace: None,
        }
    }
}

impl Prefs {
    /// The workshop view to show (the map when the stored name is unknown).
    pub fn view(&self) -> ViewKind {
        ViewKind::parse(&self.view).unwrap_or_default()
    }

    /// The view picture exports show: the chosen one, else the one on screen.
    pub fn export_view(&self) -> ViewKind {
        self.export_view
            .as_deref()
            .and_then(ViewKind::parse)
            .unwrap_or_else(|| self.view())
    }

    /// The language to use: the chosen one, else the system's.
    pub fn language(&self) -> Language {
        self.language.unwrap_or_else(Language::from_system)
    }

    /// Puts `path` first in the recent list.
    pub fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.recent_files.retain(|p| p != &path);
        self.remember_folder_of(&path);
        self.recent_files.insert(0, path);
        self.recent_files.truncate(MAX_RECENT);
    }

    /// Remembers the folder of a file the user just used.
    pub fn remember_folder_of(&mut self, path: &Path) {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        if let Some(folder) = path.parent().filter(|f| f.is_dir()) {
            self.last_folder = Some(folder.to_owned());
        }
    }

    /// Where a file dialog starts: the last folder used, else the documents folder.
    pub fn start_folder(&self) -> PathBuf {
        self.last_folder
            .clone()
            .filter(|f| f.is_dir())
            .or_else(crate::user_paths::documents_dir)
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("/"))
    }

    /// Folders of recent maps and the last folder used, newest first, without
    /// repeats, only those that still exist.
    pub fn recent_folders(&self) -> Vec<PathBuf> {
        let mut folders: Vec<PathBuf> = Vec::new();
        let candidates = self.last_folder.iter().cloned().chain(
            self.recent_files
                .iter()
                .filter_map(|f| f.parent().map(Path::to_owned)),
        );
        for folder in candidates {
            if folder.is_dir() && !folders.contains(&folder) {
                folders.push(folder);
            }
            if folders.len() >= 6 {
                break;
            }
        }
        folders
    }

    /// The map the user had open last, if it still exists.
    pub fn last_file(&self) -> Option<&Path> {
        self.recent_files
            .first()
            .map(PathBuf::as_path)
            .filter(|p| p.exists())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_stored_view_shows_the_map_and_exports_follow_the_screen() {
        let mut prefs = Prefs {
            view: "no-such-view".into(),
            ..Prefs::default()
        };
        assert_eq!(prefs.view(), ViewKind::Map);
        prefs.view = ViewKind::Grid.as_str().into();
        assert_eq!(prefs.view(), ViewKind::Grid);
        assert_eq!(prefs.export_view(), ViewKind::Grid);
        prefs.export_view = Some(ViewKind::Fishbone.as_str().into());
        assert_eq!(prefs.export_view(), ViewKind::Fishbone);
        // Preferences stored before the views existed still load.
        let old: Prefs = serde_json::from_str(r#"{"show_legend": false}"#).unwrap();
        assert_eq!(old.view(), ViewKind::Map);
        assert!(!old.show_legend);
    }

    #[test]
    fn recent_files_are_unique_newest_first_and_bounded() {
        let mut prefs = Prefs::default();
        for n in 0..15 {
            prefs.remember(Path::new(&format!("/nowhere/{n}.json")));
        }
        prefs.remember(Path::new("/nowhere/3.json"));
        assert_eq!(prefs.recent_files.len(), MAX_RECENT);
        assert_eq!(prefs.recent_files[0], Path::new("/nowhere/3.json"));
        assert_eq!(
            prefs
                .recent_files
                .iter()
                .filter(|p| p.ends_with("3.json"))
                .count(),
            1
        );
    }
}
