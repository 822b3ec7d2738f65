//! What the UI asks the app to do. The UI pass only collects these; the app runs them
//! afterwards, in one place. Each action owns its label and shortcut, so menus and
//! keyboard share one source.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use super::i18n::{Language, T};
use crate::edit::Command;
use crate::model::Position;

/// A request from the UI, run after the UI pass.
#[derive(Clone, Debug)]
pub enum AppCommand {
    /// A menu or keyboard action.
    Action(Action),
    /// An edit of the map, merged with the previous edit when the key matches (typing).
    Edit {
        /// The change.
        command: Command,
        /// Edits with the same key in a row are one undo step.
        merge_key: Option<String>,
    },
    /// Ends merging of edits (a text field lost focus).
    SealEdits,
    /// Creates a person at a canvas position, selects them and focuses their name.
    AddPersonAt(Position),
    /// Opens this file (after asking about unsaved changes).
    OpenFile(PathBuf),
    /// Opens a bundled sample (after asking about unsaved changes).
    OpenSample(usize),
    /// The answer to "save the changes first?".
    Unsaved {
        /// What the user chose.
        choice: super::modals::UnsavedChoice,
        /// What was waiting for the answer.
        then: super::modals::Pending,
    },
    /// The user confirmed replacing an existing file with a typed path.
    ReplaceConfirmed {
        /// Save or export.
        purpose: super::modals::PathPurpose,
        /// The file.
        path: PathBuf,
        /// What runs after a successful save.
        then: Option<super::modals::Pending>,
    },
    /// A path typed into the path entry (no native dialog).
    PathEntered {
        /// Open or save.
        purpose: super::modals::PathPurpose,
        /// The path.
        path: PathBuf,
        /// What runs after a save that was part of "save the changes first?".
        then: Option<super::modals::Pending>,
    },
    /// The user agreed to create the missing folder of `path`, then write there.
    CreateFolderConfirmed {
        /// Save or export.
        purpose: super::modals::PathPurpose,
        /// The file to write.
        path: PathBuf,
        /// What runs after a successful save.
        then: Option<super::modals::Pending>,
    },
    /// The answer for one recovered copy (its index in the list shown).
    Recovery(usize, super::versions::RecoveryChoice),
    /// The answer to "the file changed on disk".
    Disk(super::versions::DiskChoice),
    /// Switches the UI language.
    SetLanguage(Language),
    /// Forgets the recent files.
    ClearRecent,
    /// Sets after how many days information counts as stale.
    SetStaleDays(i64),
    /// Exports the map in this format (asks where).
    Export(crate::export::ExportFormat),
    /// Exports the map to this file.
    ExportTo(crate::export::ExportFormat, PathBuf),
    /// Imports contacts (asks for the file, then shows a preview).
    ImportContacts,
    /// Imports the previewed file with the mapping the user confirmed.
    ImportApply(Box<super::import_dialog::ImportPreview>),
    /// Whether exports leave out private fields.
    SetExportRedacted(bool),
    /// Whether picture exports show only the current view.
    SetExportCurrentView(bool),
    /// Puts the keyboard focus on the selected person's name.
    FocusName,
    /// Shows the details of the selection in the side panel.
    ShowDetails,
    /// Compares the map in the window with its version in this commit.
    CompareRevision(crate::sync::history::Revision),
    /// Selects these people and shows them on the canvas.
    Reveal(Vec<crate::model::StakeholderId>),
    /// Shows someone gone since the compared version (an index into the
    /// comparison's ghosts) on the canvas.
    RevealGhost(usize),
    /// Compares the map with the review at this index (oldest first).
    CompareReview(usize),
    /// Ends the comparison: the canvas no longer marks changes.
    CloseComparison,
    /// Changes what the canvas highlights.
    Highlight(super::side_panel::HighlightRequest),
    /// Shows the map in this workshop view.
    SetView(crate::views::ViewKind),
    /// Whether the map view draws department regions.
    SetShowDepartments(bool),
    /// Whether "Tidy up" leaves the selected people in place.
    SetTidyKeepSelected(bool),
    /// Rearranges the map (map view only): one undoable move.
    Arrange(super::tidy_job::Arrangement),
    /// Stops the arrangement in progress.
    CancelArrange,
    /// The view picture exports show (`None`: the one on screen).
    SetExportView(Option<crate::views::ViewKind>),
    /// Opens "Mark as reviewed…" or "Compare with review…".
    Review(super::review_view::ReviewRequest),
    /// File → Sync: open the window, or start.
    Sync(super::sync_job::SyncRequest),
}

/// Menu and keyboard actions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Start a new, empty map.
    New,
    /// Open a map with the file dialog.
    Open,
    /// Open a map by typing its path.
    OpenPath,
    /// Compare the map with another version of it (a colleague's copy, a backup).
    CompareWith,
    /// The commits that changed the map in its git repository.
    History,
    /// Save to the current file (or ask where).
    Save,
    /// Save to a new file.
    SaveAs,
    /// Save by typing a path.
    SavePath,
    /// Close the app.
    Quit,
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Remove the selected people and lines.
    DeleteSelection,
    /// Select everyone.
    SelectAll,
    /// Zoom and pan so the whole map is visible.
    FitView,
    /// Add a person in the middle of the view.
    AddPerson,
    /// Turn the connect tool on or off.
    ToggleConnect,
    /// Show or hide the legend.
    ToggleLegend,
    /// Show or hide the account panel.
    ToggleAccount,
    /// Show or hide the side panel (details, approach, plans, analysis, actions).
    ToggleSide,
    /// Cancel the current gesture and clear the selection.
    Escape,
    /// Open the search bar (Ctrl+F).
    Find,
    /// Start or end presentation mode (F11).
    Present,
    /// Show the map in a workshop view.
    ShowView(crate::views::ViewKind),
    /// Open a folder of maps as the workspace (its start page).
    OpenWorkspace,
    /// Show the workspace's start page again (or rescan the remembered one).
    ShowWorkspace,
}

impl Action {
    /// Actions with shortcuts, most specific first (Ctrl+Shift+S before Ctrl+S).
    pub const WITH_SHORTCUTS: &'static [Self] = &[
        Self::Find,
        Self::Present,
        Self::SaveAs,
        Self::Redo,
        Self::New,
        Self::Open,
        Self::Save,
        Self::Undo,
        Self::DeleteSelection,
        Self::SelectAll,
        Self::FitView,
        Self::ToggleConnect,
        Self::Escape,
        Self::ShowView(crate::views::ViewKind::Map),
        Self::ShowView(crate::views::ViewKind::OrgChart),
        Self::ShowView(crate::views::ViewKind::Fishbone),
        Self::ShowView(crate::views::ViewKind::Grid),
    ];

    /// The menu label.
    pub fn label(self) -> T {
        match self {
            Self::New => T::New,
            Self::Open => T::Open,
            Self::OpenPath => T::OpenPath,
            Self::CompareWith => T::CompareWith,
            Self::History => T::History,
            Self::Save => T::Save,
            Self::SaveAs => T::SaveAs,
            Self::SavePath => T::SaveToPath,
            Self::Quit => T::Quit,
            Self::Undo => T::Undo,
            Self::Redo => T::Redo,
            Self::DeleteSelection => T::DeleteSelection,
            Self::SelectAll => T::SelectAll,
            Self::FitView => T::FitView,
            Self::AddPerson => T::AddPerson,
            Self::ToggleConnect => T::ConnectTool,
            Self::ToggleLegend => T::ShowLegend,
            Self::ToggleAccount => T::ShowAccount,
            Self::ToggleSide => T::ShowSidePanel,
            Self::Escape => T::Cancel,
            Self::Find => T::FindButton,
            Self::Present => T::Present,
            Self::ShowView(kind) => super::view_switcher::view_label(kind),
            Self::OpenWorkspace => T::WsOpen,
            Self::ShowWorkspace => T::WsShow,
        }
    }

    /// The keyboard shortcuts (the first is shown in menus).
    pub fn shortcuts(self) -> Vec<KeyboardShortcut> {
        const fn cmd(key: Key) -> KeyboardShortcut {
            KeyboardShortcut::new(Modifiers::COMMAND, key)
        }
        const fn cmd_shift(key: Key) -> KeyboardShortcut {
            KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), key)
        }
        const fn plain(key: Key) -> KeyboardShortcut {
            KeyboardShortcut::new(Modifiers::NONE, key)
        }
        match self {
            Self::New => vec![cmd(Key::N)],
            Self::Open => vec![cmd(Key::O)],
            Self::Save => vec![cmd(Key::S)],
            Self::SaveAs => vec![cmd_shift(Key::S)],
            Self::Undo => vec![cmd(Key::Z)],
            Self::Redo => vec![cmd_shift(Key::Z), cmd(Key::Y)],
            Self::DeleteSelection => vec![plain(Key::Delete), plain(Key::Backspace)],
            Self::SelectAll => vec![cmd(Key::A)],
            Self::FitView => vec![plain(Key::F)],
            Self::ToggleConnect => vec![plain(Key::C)],
            Self::Escape => vec![plain(Key::Escape)],
            Self::Find => vec![cmd(Key::F)],
            Self::Present => vec![plain(Key::F11)],
            Self::ShowView(kind) => vec![cmd(match kind {
                crate::views::ViewKind::Map => Key::Num1,
                crate::views::ViewKind::OrgChart => Key::Num2,
                crate::views::ViewKind::Fishbone => Key::Num3,
                crate::views::ViewKind::Grid => Key::Num4,
            })],
            Self::OpenPath
            | Self::CompareWith
            | Self::History
            | Self::SavePath
            | Self::Quit
            | Self::AddPerson
            | Self::ToggleLegend
            | Self::ToggleAccount
            | Self::ToggleSide
            | Self::OpenWorkspace
            | Self::ShowWorkspace => vec![],
        }
    }

    /// Whether the shortcut also works while a text field has the keyboard: file
    /// commands do; undo, delete and single keys belong to the text field then.
    pub fn works_while_typing(self) -> bool {
        matches!(
            self,
            Self::New | Self::Open | Self::Save | Self::SaveAs | Self::Find | Self::Present
        )
    }
}
