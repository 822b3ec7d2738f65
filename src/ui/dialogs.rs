//! File dialogs behind a trait, so tests give paths instead of opening windows, and
//! so a machine without a native dialog falls back to typing a path in the app.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What a file dialog gave back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DialogOutcome {
    /// The user chose this path.
    Picked(PathBuf),
    /// The user closed the dialog.
    Cancelled,
    /// No dialog could be shown: ask for a path in the app instead.
    Unavailable,
}

/// Opens file dialogs. Called only from command handling, on the main thread.
pub trait FileDialogs {
    /// Asks for a map file to open, starting in `folder`.
    fn open_map(&mut self, folder: &Path) -> DialogOutcome;
    /// Asks where to save a map, suggesting `file_name` in `folder`.
    fn save_map(&mut self, folder: &Path, file_name: &str) -> DialogOutcome;
    /// Asks where to write an export with this extension, suggesting `file_name`
    /// in `folder`.
    fn save_export(&mut self, folder: &Path, extension: &str, file_name: &str) -> DialogOutcome;
    /// Asks for a contact list to import (.csv, .tsv, .txt, .xlsx), starting in
    /// `folder`.
    fn open_contacts(&mut self, folder: &Path) -> DialogOutcome;
    /// Asks for a workspace folder, starting in `folder`. Without an override, no
    /// dialog: the folder is picked in the app.
    fn open_folder(&mut self, _folder: &Path) -> DialogOutcome {
        DialogOutcome::Unavailable
    }
}

/// Native dialogs through rfd.
#[derive(Default)]
pub struct NativeDialogs;

/// rfd answers "no dialog" (Linux without a desktop portal or zenity) with the same
/// `None` as "cancelled", but at once; no person cancels a dialog this fast.
const TOO_FAST_FOR_A_PERSON: Duration = Duration::from_millis(150);

fn outcome(started: Instant, picked: Option<PathBuf>) -> DialogOutcome {
    match picked {
        Some(path) => DialogOutcome::Picked(path),
        None if started.elapsed() < TOO_FAST_FOR_A_PERSON => DialogOutcome::Unavailable,
        None => DialogOutcome::Cancelled,
    }
}

impl FileDialogs for NativeDialogs {
    fn open_map(&mut self, folder: &Path) -> DialogOutcome {
        let started = Instant::now();
        let picked = rfd::FileDialog::new()
            .set_directory(folder)
            .add_filter("Powermap", &["json"])
            .pick_file();
        outcome(started, picked)
    }

    fn save_map(&mut self, folder: &Path, file_name: &str) -> DialogOutcome {
        let started = Instant::now();
        let picked = rfd::FileDialog::new()
            .set_directory(folder)
            .add_filter("Powermap", &["json"])
            .set_file_name(file_name)
            .save_file();
        outcome(started, picked)
    }

    fn save_export(&mut self, folder: &Path, extension: &str, file_name: &str) -> DialogOutcome {
        let started = Instant::now();
        let picked = rfd::FileDialog::new()
            .set_directory(folder)
            .add_filter(extension.to_uppercase(), &[extension])
            .set_file_name(file_name)
            .save_file();
        outcome(started, picked)
    }

    fn open_contacts(&mut self, folder: &Path) -> DialogOutcome {
        let started = Instant::now();
        let picked = rfd::FileDialog::new()
            .set_directory(folder)
            .add_filter("Contacts", &["csv", "tsv", "txt", "xlsx"])
            .pick_file();
        outcome(started, picked)
    }

    fn open_folder(&mut self, folder: &Path) -> DialogOutcome {
        let started = Instant::now();
        let picked = rfd::FileDialog::new().set_directory(folder).pick_folder();
        outcome(started, picked)
    }
}

/// Dialogs that answer from a queue, for tests; an empty queue means "cancelled".
#[derive(Default)]
pub struct ScriptedDialogs {
    /// Answers given in order.
    pub answers: std::collections::VecDeque<DialogOutcome>,
}

impl ScriptedDialogs {
    fn next(&mut self) -> DialogOutcome {
        self.answers.pop_front().unwrap_or(DialogOutcome::Cancelled)
    }
}

impl FileDialogs for ScriptedDialogs {
    fn open_map(&mut self, _folder: &Path) -> DialogOutcome {
        self.next()
    }

    fn save_map(&mut self, _folder: &Path, _file_name: &str) -> DialogOutcome {
        self.next()
    }

    fn save_export(&mut self, _folder: &Path, _extension: &str, _file_name: &str) -> DialogOutcome {
        self.next()
    }

    fn open_contacts(&mut self, _folder: &Path) -> DialogOutcome {
        self.next()
    }

    fn open_folder(&mut self, _folder: &Path) -> DialogOutcome {
        self.next()
    }
}

/// Dialogs that are never available: every request falls back to the path entry.
#[derive(Default)]
pub struct NoDialogs;

impl FileDialogs for NoDialogs {
    fn open_map(&mut self, _folder: &Path) -> DialogOutcome {
        DialogOutcome::Unavailable
    }

    fn save_map(&mut self, _folder: &Path, _file_name: &str) -> DialogOutcome {
        DialogOutcome::Unavailable
    }

    fn save_export(&mut self, _folder: &Path, _extension: &str, _file_name: &str) -> DialogOutcome {
        DialogOutcome::Unavailable
    }

    fn open_contacts(&mut self, _folder: &Path) -> DialogOutcome {
        DialogOutcome::Unavailable
    }
}
