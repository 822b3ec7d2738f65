//! The application shell: owns the document, its history and the view state; lays out
//! menu, toolbar, panels and canvas; and runs the commands the UI collected, after the
//! UI pass, in one place.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::Ui;

use super::account_panel::AccountPanel;
use super::analysis_worker::AnalysisWorker;
use super::app_command::{Action, AppCommand};
use super::canvas::{Canvas, CanvasContext, CanvasView, Highlight};
use super::dialogs::{DialogOutcome, FileDialogs, NativeDialogs};
use super::i18n::{Language, T, Tr};
use super::legend::legend_ui;
use super::modals::{ErrorReport, Modal, PathPurpose, Pending, UnsavedChoice};
use super::prefs::{Prefs, STORAGE_KEY};
use super::selection::Selection;
use super::side_panel::{HighlightRequest, SidePanel, SidePanelContext, Tab};
use crate::edit::{Command, Editor};
use crate::format::{DiskVersion, Expect, MapWriter, SaveError, load_file_versioned};
use crate::model::{Document, Position, Stakeholder};
use crate::samples::SAMPLES;
use crate::views::ViewKind;

/// How long a save waits for another program that is writing the same map (the
/// window does not answer meanwhile, so less than the command line waits).
const APP_LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

/// The id of the side panel (its width is kept in egui memory under it).
pub const SIDE_PANEL_ID: &str = "side";
/// The side panel is never narrower than this, in points.
const SIDE_PANEL_MIN_WIDTH: f32 = 250.0;

/// Room the legend takes at the bottom of the canvas before it was first drawn (then
/// its measured height is kept free when fitting).
const LEGEND_HEIGHT: f32 = 160.0;

/// How the app starts; tests replace the dialogs and the preferences.
pub struct AppOptions {
    /// A map to open (from the command line).
    pub file: Option<PathBuf>,
    /// File dialogs.
    pub dialogs: Box<dyn FileDialogs>,
    /// Whether to look for a system CJK font before the bundled one.
    pub look_for_system_font: bool,
    /// Preferences to start with instead of the stored ones.
    pub prefs: Option<Prefs>,
    /// Where recovery copies of unsaved work go; `None` turns autosave off.
    pub recovery_dir: Option<PathBuf>,
}

impl Default for AppOptions {
    fn default() -> Self {
        Self {
            file: None,
            dialogs: Box::new(NativeDialogs),
            look_for_system_font: true,
            prefs: None,
            recovery_dir: None,
        }
    }
}

/// The open map.
struct OpenMap {
    editor: Editor,
    /// Where it is saved; `None` for a new map or a sample.
    path: Option<PathBuf>,
    /// Which bundled sample it came from, if any.
    sample: Option<usize>,
    /// The version of the file the map was loaded from or last saved to; saving
    /// checks the file is still that version.
    disk: Option<DiskVersion>,
}

/// The Powermap desktop app.
pub struct PowermapApp {
    map: OpenMap,
    /// Counts edits, undos and redos; the canvas resyncs when it changes.
    edit_counter: u64,
    prefs: Prefs,
    selection: Selection,
    canvas: Canvas,
    side: SidePanel,
    account: AccountPanel,
    worker: AnalysisWorker,
    highlight_request: HighlightRequest,
    highlight: Highlight,
    /// The request and analysis `highlight` was computed from.
    highlight_basis: Option<HighlightBasis>,
    /// Changes whenever `highlight` does (the canvas resyncs).
    highlight_counter: u64,
    dialogs: Box<dyn FileDialogs>,
    modal: Option<Modal>,
    /// A status message: its catalogue key and argument, translated when shown.
    notice: Option<(T, String)>,
    allow_close: bool,
    /// The window's close button was pressed with unsaved changes.
    close_asked: bool,
    shown_title: String,
    commands: Vec<AppCommand>,
    export_job: Option<super::export_job::ExportJob>,
    /// "Tidy up" or "Arrange as org chart" in progress.
    tidy_job: Option<super::tidy_job::TidyJob>,
    /// The layout of the workshop view shown.
    views: super::view_layouts::ViewLayouts,
    /// The department regions of the map view.
    departments: super::departments::DepartmentRegions,
    /// A large map being read in the background.
    open_job: Option<super::open_job::OpenJob>,
    /// A large edit (an import, its undo or redo) being worked out off the UI thread.
    edit_job: Option<super::edit_job::EditJob>,
    /// A large contact file being read for the import preview.
    read_job: Option<super::edit_job::ReadJob>,
    /// An older version of the map being read for a comparison.
    reading_older: Option<super::comparison::ReadOlder>,
    /// The app's egui context, for threads to wake the window when done.
    ctx_for_jobs: egui::Context,
    /// Recovery copies of unsaved work; `None` when turned off or unavailable.
    autosave: Option<super::autosave::Autosave>,
    /// Watches the map's file for changes by others.
    watch: super::disk_watch::DiskWatch,
    /// The dialog to show again when the current one closes (the recovery list
    /// behind a comparison).
    return_to: Option<Modal>,
    /// A person just added and not named yet: Esc takes the add back.
    fresh_person: Option<FreshPerson>,
    /// Height of the legend and its margin in the last frame, in points.
    legend_height: f32,
    /// Search, filter and presentation mode.
    find: super::find_tools::FindTools,
    /// "Mark as reviewed…" and "Compare with review…".
    reviews: super::review_view::ReviewView,
    /// The map compared with an older version, marked on the canvas.
    comparison: Option<super::comparison::Comparison>,
    /// The comparison's latest marks and list.
    compared: Option<Arc<super::comparison::Compared>>,
    /// File → Sync.
    sync: super::sync_job::SyncView,
    /// Whether the open map (by path) lies in a git work tree, for File → Sync.
    git_tree: Option<(Option<PathBuf>, bool)>,
    /// The open workspace and its start page.
    workspace: super::workspace_job::WorkspaceState,
}

/// A person added by the user a moment ago, and the document revision before it.
struct FreshPerson {
    id: crate::model::StakeholderId,
    before: u64,
}

impl PowermapApp {
    /// Creates the app: fonts, preferences, and the first map.
    pub fn new(cc: &eframe::CreationContext<'_>, options: AppOptions) -> Self {
        super::fonts::install_cjk_font(&cc.egui_ctx, options.look_for_system_font);
        // A light theme matches the light canvas, printed maps and exports.
        cc.egui_ctx.set_theme(egui::Theme::Light);
        let prefs = options
            .prefs
            .or_else(|| cc.storage.and_then(|s| eframe::get_value(s, STORAGE_KEY)))
            .unwrap_or_default();
        let mut app = Self {
            map: OpenMap {
                editor: Editor::new(Document::default()),
                path: None,
                sample: None,
                disk: None,
            },
            edit_counter: 0,
            prefs,
            selection: Selection::default(),
            canvas: Canvas::new(),
            side: SidePanel::default(),
            account: AccountPanel::default(),
            worker: AnalysisWorker::default(),
            highlight_request: HighlightRequest::Nothing,
            highlight: Highlight::default(),
            highlight_basis: None,
            highlight_counter: 0,
            dialogs: options.dialogs,
            modal: None,
            notice: None,
            allow_close: false,
            close_asked: false,
            shown_title: String::new(),
            commands: Vec::new(),
            export_job: None,
            tidy_job: None,
            views: super::view_layouts::ViewLayouts::default(),
            departments: super::departments::DepartmentRegions::default(),
            open_job: None,
            edit_job: None,
            read_job: None,
            reading_older: None,
            ctx_for_jobs: cc.egui_ctx.clone(),
            autosave: options
                .recovery_dir
                .as_deref()
                .and_then(super::autosave::Autosave::start),
            watch: {
                let ctx = cc.egui_ctx.clone();
                super::disk_watch::DiskWatch::start(move || ctx.request_repaint())
            },
            return_to: None,
            fresh_person: None,
            legend_height: LEGEND_HEIGHT,
            find: super::find_tools::FindTools::default(),
            reviews: Default::default(),
            comparison: None,
            compared: None,
            sync: Default::default(),
            git_tree: None,
            workspace: super::workspace_job::WorkspaceState::default(),
        };
        let start_file = options
            .file
            .or_else(|| app.prefs.last_file().map(Path::to_owned));
        match start_file {
            Some(path) => {
                if !app.open_file_then(&path, true) {
                    app.open_sample(0);
                }
            }
            None => app.open_sample(0),
        }
        app.offer_recovery();
        app
    }

    /// After a crash, offers the copies of unsaved work that were left behind.
    fn offer_recovery(&mut self) {
        let Some(autosave) = &self.autosave else {
            return;
        };
        let copies = autosave.store().orphans();
        if copies.is_empty() {
            return;
        }
        // An error about the start file comes first; the offer waits behind it.
        if self.modal.is_some() {
            self.return_to = Some(Modal::Recover(copies));
        } else {
            self.modal = Some(Modal::Recover(copies));
        }
    }

    /// The open document.
    pub fn document(&self) -> &Document {
        self.map.editor.document()
    }

    /// The editor (document and history).
    pub fn editor(&self) -> &Editor {
        &self.map.editor
    }

    /// Where the map is saved.
    pub fn path(&self) -> Option<&Path> {
        self.map.path.as_deref()
    }

    /// The current selection.
    pub fn selection(&self) -> &Selection {
        &self.selection
    }

    /// Replaces the selection (tests, side panels).
    pub fn set_selection(&mut self, selection: Selection) {
        self.selection = selection;
    }

    /// The preferences.
    pub fn prefs(&self) -> &Prefs {
        &self.prefs
    }

    /// The dialog currently shown, if any.
    pub fn modal(&self) -> Option<&Modal> {
        self.modal.as_ref()
    }

    /// Replaces the file dialogs (tests).
    pub fn set_dialogs(&mut self, dialogs: Box<dyn FileDialogs>) {
        self.dialogs = dialogs;
    }

    /// The canvas (tests, benchmarks).
    pub fn canvas(&self) -> &Canvas {
        &self.canvas
    }

    /// The canvas, to steer its view (tests and benchmarks).
    pub fn canvas_mut(&mut self) -> &mut Canvas {
        &mut self.canvas
    }

    /// Queues a command as if the UI had issued it.
    pub fn queue(&mut self, command: AppCommand) {
        self.commands.push(command);
    }

    fn tr(&self) -> Tr {
        Tr(self.prefs.language())
    }

    fn file_label(&self) -> String {
        let tr = self.tr();
        if let Some(path) = &self.map.path {
            return path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
        }
        match self.map.sample.and_then(|i| SAMPLES.get(i)) {
            Some(sample) => tr.sample_title(sample.file_name),
            None => tr.t(T::Untitled).to_owned(),
        }
    }

    // ----- files -----

    fn replace_map(
        &mut self,
        doc: Document,
        path: Option<PathBuf>,
        sample: Option<usize>,
        disk: Option<DiskVersion>,
    ) {
        self.watch.watch(path.clone().zip(disk.clone()));
        self.map = OpenMap {
            editor: Editor::new(doc),
            path,
            sample,
            disk,
        };
        self.edit_counter += 1;
        self.selection = Selection::default();
        self.canvas = Canvas::new();
        self.worker.reset();
        self.comparison = None;
        self.compared = None;
        self.highlight_request = HighlightRequest::Nothing;
        self.fresh_person = None;
    }

    /// Opens a map; on failure shows why and keeps the current one.
    fn open_file(&mut self, path: &Path) -> bool {
        self.open_file_then(path, false)
    }

    /// Opens a map: a large file on a background thread (the window shows progress
    /// and takes no input meanwhile), a small one at once. Returns false when it
    /// failed at once; a background read reports its own failure, opening a sample
    /// then if `sample_on_failure`.
    fn open_file_then(&mut self, path: &Path, sample_on_failure: bool) -> bool {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        let bytes = std::fs::metadata(&path).map_or(0, |m| m.len());
        if bytes >= super::open_job::BACKGROUND_BYTES && self.open_job.is_none() {
            self.open_job = Some(super::open_job::OpenJob::start(
                &self.ctx_for_jobs,
                path,
                bytes,
                sample_on_failure,
                self.tr(),
            ));
            return true;
        }
        let loaded = load_file_versioned(&path).map(|(doc, version)| (doc, version, None));
        self.opened(&path, Some(loaded))
    }

    /// Shows a map that was read, or why it could not be; returns whether it opened.
    fn opened(&mut self, path: &Path, loaded: super::open_job::Loaded) -> bool {
        let message = match loaded {
            Some(Ok((doc, version, graph))) => {
                self.replace_map(doc, Some(path.to_owned()), None, Some(version));
                if let Some(graph) = graph {
                    self.canvas.use_prebuilt(self.edit_counter, graph);
                }
                self.prefs.remember(path);
                self.notice = Some((T::Opened, path.display().to_string()));
                self.workspace.showing = false;
                return true;
            }
            Some(Err(err)) => super::error_text::load_error(&err, self.tr()),
            None => self.tr().t(T::OpenStopped).to_owned(),
        };
        self.modal = Some(Modal::Error(ErrorReport {
            title: T::CannotOpen,
            message,
            path: Some(path.to_owned()),
        }));
        false
    }

    /// The progress window of a background open, and the map once it is read.
    fn open_progress_ui(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.open_job else { return };
        if let Some(loaded) = job.finished() {
            self.finish_open(loaded);
            return;
        }
        let tr = self.tr();
        let name = super::background::file_name(&job.path);
        let megabytes = format!("{:.1}", job.bytes as f64 / (1024.0 * 1024.0));
        egui::Modal::new(egui::Id::new("open-progress")).show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(tr.f(T::Opening, &[&name]));
            });
            ui.label(egui::RichText::new(tr.f(T::OpeningSize, &[&megabytes])).weak());
        });
    }

    fn finish_open(&mut self, loaded: super::open_job::Loaded) {
        let Some(job) = self.open_job.take() else {
            return;
        };
        if !self.opened(&job.path, loaded) && job.sample_on_failure {
            // Keep the error in view over the sample.
            let error = self.modal.take();
            self.open_sample(0);
            self.modal = error;
        }
    }

    /// The progress window of a large edit worked out in the background, and the
    /// edit installed once it is.
    fn edit_progress_ui(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.edit_job else { return };
        if let Some(outcome) = job.finished() {
            self.edit_job = None;
            self.finish_edit(outcome);
            return;
        }
        let text = match job.kind {
            super::edit_job::EditJobKind::Import => T::EditJobImport,
            super::edit_job::EditJobKind::Undo => T::EditJobUndo,
            super::edit_job::EditJobKind::Redo => T::EditJobRedo,
        };
        super::background::progress_ui(ctx, "edit-progress", self.tr().t(text));
    }

    /// Installs what a background edit worked out, or says why it could not.
    fn finish_edit(&mut self, done: Option<super::edit_job::EditDone>) {
        use super::edit_job::{EditOutcome, ImportFailure};
        let tr = self.tr();
        let (outcome, graph) = match done {
            Some((outcome, graph)) => (Some(outcome), graph),
            None => (None, None),
        };
        let counter = self.edit_counter;
        match outcome {
            Some(EditOutcome::Import(Ok((edit, summary)))) => {
                if self.map.editor.install(edit).is_ok() {
                    self.after_change();
                    self.canvas.request_fit();
                    self.modal = Some(Modal::ImportReport(Box::new(summary)));
                } else {
                    self.notice = Some((T::EditJobStopped, String::new()));
                }
            }
            Some(EditOutcome::Import(Err(ImportFailure::Rows(message)))) => {
                self.modal = Some(Modal::Error(ErrorReport {
                    title: T::CannotImport,
                    message,
                    path: None,
                }));
            }
            Some(EditOutcome::Import(Err(ImportFailure::Refused(err)))) => {
                self.notice = Some((T::EditRefused, super::error_text::edit_error(&err, tr)));
            }
            Some(EditOutcome::Step(done)) => match self.map.editor.finish_step(done) {
                Ok(_) => self.after_change(),
                Err(err) => {
                    self.notice = Some((T::EditRefused, super::error_text::edit_error(&err, tr)));
                }
            },
            None => self.notice = Some((T::EditJobStopped, String::new())),
        }
        // The canvas graph of the result was built on the thread too.
        if let Some(graph) = graph
            && self.edit_counter != counter
        {
            self.canvas.use_prebuilt(self.edit_counter, graph);
        }
    }

    /// Waits for a large edit worked out in the background and installs it (tests).
    pub fn wait_for_edit(&mut self) {
        if let Some(job) = self.edit_job.take() {
            let outcome = job.wait();
            self.finish_edit(outcome);
        }
    }

    /// Whether a large edit is being worked out in the background.
    pub fn is_editing_in_background(&self) -> bool {
        self.edit_job.is_some()
    }

    /// Waits for a map being read in the background and shows it (tests).
    pub fn wait_for_open(&mut self) {
        if let Some(job) = &self.open_job {
            let loaded = job.wait();
            self.finish_open(loaded);
        }
    }

    /// Whether a map is being read in the background.
    pub fn is_opening(&self) -> bool {
        self.open_job.is_some()
    }

    fn open_sample(&mut self, index: usize) {
        let Some(sample) = SAMPLES.get(index) else {
            return;
        };
        match sample.document() {
            Ok(doc) => {
                self.replace_map(doc, None, Some(index), None);
                self.notice = Some((T::SampleNotice, String::new()));
            }
            Err(err) => {
                self.modal = Some(Modal::Error(ErrorReport {
                    title: T::CannotOpen,
                    message: super::error_text::load_error(&err, self.tr()),
                    path: None,
                }));
            }
        }
    }

    /// Saves to `path`; returns whether it worked. Saving over the map's own file
    /// checks that nobody changed it since it was loaded or saved.
    fn save_to(&mut self, path: &Path) -> bool {
        let path = if path.extension().is_none() {
            path.with_extension("json")
        } else {
            path.to_owned()
        };
        let path = std::path::absolute(&path).unwrap_or(path);
        let own_file = self
            .map
            .path
            .as_deref()
            .is_some_and(|p| same_file(p, &path));
        let expect = match (&self.map.disk, own_file) {
            (Some(version), true) => Expect::Version(version.clone()),
            _ => Expect::Anything,
        };
        self.save_with(&path, &expect)
    }

    /// Saves to `path` if the file there is what `expect` says.
    fn save_with(&mut self, path: &Path, expect: &Expect) -> bool {
        if let Some(folder) = path.parent()
            && !folder.as_os_str().is_empty()
            && !folder.exists()
        {
            self.modal = Some(Modal::CreateFolder {
                purpose: PathPurpose::Save,
                path: path.to_owned(),
                then: None,
            });
            return false;
        }
        let result = MapWriter::lock(path, APP_LOCK_WAIT)
            .and_then(|writer| writer.save(self.map.editor.document(), expect));
        match result {
            Ok(version) => {
                self.map.editor.mark_saved();
                self.map.path = Some(path.to_owned());
                self.map.sample = None;
                self.watch.watch(Some((path.to_owned(), version.clone())));
                self.map.disk = Some(version);
                self.prefs.remember(path);
                self.notice = Some((T::SavedTo, path.display().to_string()));
                true
            }
            Err(SaveError::ChangedOnDisk { .. }) => {
                self.modal = Some(Modal::SaveConflict);
                false
            }
            Err(err) => {
                self.modal = Some(Modal::Error(ErrorReport {
                    title: T::CannotSave,
                    message: super::error_text::save_error(&err, self.tr()),
                    path: Some(path.to_owned()),
                }));
                false
            }
        }
    }

    /// The in-app file browser, starting at `start`.
    fn browse(&mut self, purpose: PathPurpose, start: PathBuf, then: Option<Pending>) {
        self.modal = Some(Modal::PathEntry(Box::new(
            super::file_browser::FileBrowser::new(
                purpose,
                &start,
                then,
                self.prefs.recent_folders(),
            ),
        )));
    }

    /// Save: to the current file, or ask where. Returns whether the map is now saved;
    /// when the path has to be typed in, `then` runs after that save instead.
    fn save_then(&mut self, then: Option<Pending>) -> bool {
        match self.map.path.clone() {
            Some(path) => self.save_to(&path),
            None => self.save_as(then),
        }
    }

    fn save_as(&mut self, then: Option<Pending>) -> bool {
        let suggested = match &self.map.path {
            Some(path) => path.file_name().map(|n| n.to_string_lossy().into_owned()),
            None => None,
        }
        .unwrap_or_else(|| suggested_file_name(self.document()));
        let folder = match &self.map.path {
            Some(path) => path
                .parent()
                .map_or_else(|| self.prefs.start_folder(), Path::to_owned),
            None => self.prefs.start_folder(),
        };
        match self.dialogs.save_map(&folder, &suggested) {
            DialogOutcome::Picked(path) => self.save_to(&path),
            DialogOutcome::Cancelled => false,
            DialogOutcome::Unavailable => {
                self.browse(PathPurpose::Save, folder.join(suggested), then);
                false
            }
        }
    }

    /// Runs `then` now, or after asking what to do with unsaved changes.
    fn guard_unsaved(&mut self, then: Pending) {
        if self.map.editor.is_modified() {
            self.modal = Some(Modal::Unsaved { then });
        } else {
            self.run_pending(then);
        }
    }

    fn run_pending(&mut self, pending: Pending) {
        match pending {
            Pending::New => {
                self.replace_map(Document::default(), None, None, None);
                self.notice = None;
            }
            Pending::OpenDialog => {
                let folder = self.prefs.start_folder();
                match self.dialogs.open_map(&folder) {
                    DialogOutcome::Picked(path) => {
                        self.open_file(&path);
                    }
                    DialogOutcome::Cancelled => {}
                    DialogOutcome::Unavailable => self.browse(PathPurpose::Open, folder, None),
                }
            }
            Pending::OpenPathEntry => {
                let folder = self.prefs.start_folder();
                self.browse(PathPurpose::Open, folder, None);
            }
            Pending::Restore(copy) => self.restore(&copy),
            Pending::OpenFile(path) => {
                self.open_file(&path);
            }
            Pending::OpenSample(index) => self.open_sample(index),
            Pending::Quit => self.allow_close = true,
        }
    }

    // ----- other versions of the map -----

    /// Opens a recovered copy with its changes unsaved, and lets go of the copy
    /// once this session has its own.
    fn restore(&mut self, copy: &crate::recovery::RecoveredMap) {
        let doc = match copy.load() {
            Ok(doc) => doc,
            Err(err) => {
                self.modal = Some(Modal::Error(ErrorReport {
                    title: T::CannotOpen,
                    message: super::error_text::load_error(&err, self.tr()),
                    path: Some(copy.copy_path().to_owned()),
                }));
                return;
            }
        };
        // The file's version the changes were made on: if the file still holds it,
        // watch it as usual; if not, the change shows at once and a save asks.
        let base = copy.base_version();
        let now = copy
            .map_path
            .as_deref()
            .and_then(|p| DiskVersion::of_file(p).ok().flatten());
        let disk = match (base, now) {
            (Some(base), Some(now)) if base.len == now.len && base.hash == now.hash => Some(now),
            (base, _) => base,
        };
        self.replace_map(doc, copy.map_path.clone(), None, disk);
        self.map.editor.mark_unsaved();
        if let Some(autosave) = &mut self.autosave
            && autosave.write_now(
                self.map.editor.document(),
                copy.map_path.as_deref(),
                self.map.disk.as_ref(),
            )
        {
            autosave.store().discard(copy);
        }
        self.notice = Some((T::Restored, self.file_label()));
        if let Some(Modal::Recover(copies)) = &mut self.return_to {
            copies.retain(|c| c != copy);
            if copies.is_empty() {
                self.return_to = None;
            }
        }
    }

    /// Runs the answer for one recovered copy in the list shown.
    fn recovery_choice(&mut self, index: usize, choice: super::versions::RecoveryChoice) {
        use super::versions::{CompareView, RecoveryChoice};
        let Some(Modal::Recover(copies)) = self.modal.take() else {
            return;
        };
        let Some(copy) = copies.get(index).cloned() else {
            self.modal = Some(Modal::Recover(copies));
            return;
        };
        let mut rest = copies;
        rest.retain(|c| c != &copy);
        match choice {
            RecoveryChoice::Restore => {
                self.return_to = (!rest.is_empty()).then_some(Modal::Recover(rest));
                self.guard_unsaved(Pending::Restore(Box::new(copy)));
            }
            RecoveryChoice::Discard => {
                if let Some(autosave) = &self.autosave {
                    autosave.store().discard(&copy);
                }
                self.modal = (!rest.is_empty()).then_some(Modal::Recover(rest));
            }
            RecoveryChoice::Compare => {
                let recovered = match copy.load() {
                    Ok(doc) => doc,
                    Err(err) => {
                        self.return_to = Some(Modal::Recover(rest_with(rest, copy.clone(), index)));
                        self.modal = Some(Modal::Error(ErrorReport {
                            title: T::CannotOpen,
                            message: super::error_text::load_error(&err, self.tr()),
                            path: Some(copy.copy_path().to_owned()),
                        }));
                        return;
                    }
                };
                let on_disk = copy
                    .map_path
                    .as_deref()
                    .and_then(|p| crate::format::load_file(p).ok());
                let from = if on_disk.is_some() {
                    T::SideDisk
                } else {
                    T::SideNothing
                };
                let diff = crate::model::diff::diff(&on_disk.unwrap_or_default(), &recovered);
                self.return_to = Some(Modal::Recover(rest_with(rest, copy, index)));
                self.modal = Some(Modal::Compare(Box::new(CompareView {
                    from,
                    from_detail: String::new(),
                    to: T::SideRecovered,
                    diff,
                })));
            }
        }
    }

    /// Runs the answer to "the file changed on disk".
    fn disk_choice(&mut self, choice: super::versions::DiskChoice) {
        use super::versions::DiskChoice;
        let Some(path) = self.map.path.clone() else {
            return;
        };
        match choice {
            DiskChoice::Reload => match load_file_versioned(&path) {
                Ok((doc, version)) => {
                    self.replace_map(doc, Some(path.clone()), None, Some(version));
                    self.notice = Some((T::Reloaded, path.display().to_string()));
                }
                Err(err) => {
                    self.modal = Some(Modal::Error(ErrorReport {
                        title: T::CannotOpen,
                        message: super::error_text::load_error(&err, self.tr()),
                        path: Some(path),
                    }));
                }
            },
            DiskChoice::Compare => self.compare_with(&path, T::SideDisk),
            DiskChoice::KeepMine => {
                // The version there now is the one the next save may replace.
                // (If the file is gone, nothing is watched and the next save writes
                // it anew.)
                let now = DiskVersion::of_file(&path).ok().flatten();
                self.watch.watch(Some(path).zip(now.clone()));
                self.map.disk = now;
            }
            DiskChoice::SaveMineAs => {
                self.save_as(None);
            }
            DiskChoice::Overwrite => {
                self.save_with(&path, &Expect::Anything);
            }
        }
    }

    /// Whether the map's file changed on disk since it was loaded or saved (after
    /// looking at it now; tests).
    pub fn look_at_disk_now(&self) -> bool {
        self.watch.look_now();
        self.watch.changed()
    }

    /// Waits until the recovery copy of the current state is written (tests).
    pub fn flush_autosave(&self) {
        if let Some(autosave) = &self.autosave {
            autosave.flush();
        }
    }

    // ----- edits -----

    fn apply_edit(&mut self, command: Command, merge_key: Option<String>) -> bool {
        if self.edit_job.is_some() {
            // A large edit is being worked out from the map as it is: nothing else
            // may change it meanwhile (its window takes the input).
            return false;
        }
        // Only typing the new person's name keeps them "just added".
        if let Some(fresh) = &self.fresh_person
            && merge_key.as_deref() != Some(super::inspector::name_merge_key(&fresh.id).as_str())
        {
            self.fresh_person = None;
        }
        let hint = super::canvas::EditHint::of(&command);
        match self.map.editor.apply_merging(command, merge_key) {
            Ok(()) => {
                self.after_change();
                self.canvas.expect_edit(self.edit_counter, hint);
                true
            }
            Err(err) => {
                self.notice = Some((
                    T::EditRefused,
                    super::error_text::edit_error(&err, self.tr()),
                ));
                false
            }
        }
    }

    fn after_change(&mut self) {
        self.edit_counter += 1;
        self.selection.retain_existing(self.map.editor.document());
    }

    fn delete_selection(&mut self) {
        let doc = self.map.editor.document();
        let lines: Vec<_> = self
            .selection
            .lines
            .iter()
            .filter(|id| {
                doc.relationship(id).is_some_and(|l| {
                    !self.selection.people.contains(&l.from)
                        && !self.selection.people.contains(&l.to)
                })
            })
            .cloned()
            .collect();
        let people: Vec<_> = self.selection.people.iter().cloned().collect();
        let mut steps = Vec::new();
        if !lines.is_empty() {
            steps.push(Command::RemoveRelationships(lines));
        }
        if !people.is_empty() {
            steps.push(Command::RemoveStakeholders(people));
        }
        let command = match steps.len() {
            0 => return,
            1 => steps.remove(0),
            _ => Command::Batch(steps),
        };
        if self.apply_edit(command, None) {
            self.selection = Selection::default();
        }
    }

    fn add_person_at(&mut self, position: Position) {
        let doc = self.map.editor.document();
        let id = doc.fresh_stakeholder_id("p");
        let person = Stakeholder {
            position: Some(position),
            ..Stakeholder::new(id.clone(), "")
        };
        let before = self.map.editor.revision();
        if self.apply_edit(Command::add_stakeholder(person), None) {
            self.selection = Selection::person(id.clone());
            self.show_details(true);
            self.fresh_person = Some(FreshPerson { id, before });
        }
    }

    /// Esc right after adding a person who still has no name: the add is taken
    /// back with the name typed and erased, leaving no undo step and no
    /// "(unnamed)" person behind. Returns whether it did.
    fn abandon_fresh_person(&mut self) -> bool {
        let Some(fresh) = self.fresh_person.take() else {
            return false;
        };
        let unnamed = self
            .document()
            .stakeholder(&fresh.id)
            .is_some_and(|p| p.name.trim().is_empty());
        if !unnamed || self.selection != Selection::person(fresh.id.clone()) {
            return false;
        }
        match self.map.editor.take_back_to(fresh.before) {
            Ok(true) => {
                self.after_change();
                true
            }
            Ok(false) => false,
            Err(err) => {
                self.notice = Some((
                    T::EditRefused,
                    super::error_text::edit_error(&err, self.tr()),
                ));
                false
            }
        }
    }

    /// Shows the side panel on the details tab, with the keyboard in the name field
    /// when `focus_name`.
    fn show_details(&mut self, focus_name: bool) {
        self.prefs.show_side = true;
        self.side.tab = Tab::Details;
        self.side.inspector.focus_name |= focus_name;
    }

    /// Saves or exports to a path the user typed (and confirmed when it existed).
    fn write_to_typed_path(
        &mut self,
        purpose: PathPurpose,
        path: PathBuf,
        then: Option<Pending>,
        ctx: &egui::Context,
    ) {
        match purpose {
            PathPurpose::Save => {
                if self.save_to(&path)
                    && let Some(then) = then
                {
                    self.run_pending(then);
                }
            }
            PathPurpose::Export(format) => self.start_export(format, path, ctx),
            PathPurpose::Open => self.run_pending(Pending::OpenFile(path)),
            PathPurpose::Import => self.preview_import(&path),
            PathPurpose::Compare => self.compare_with(&path, T::SideOtherFile),
            PathPurpose::Workspace => self.open_workspace(&path),
        }
    }

    /// Shows what differs between the map in the window and its version in a
    /// commit.
    fn compare_with_revision(&mut self, revision: &crate::sync::history::Revision) {
        let Some(path) = self.map.path.clone() else {
            return;
        };
        let tr = self.tr();
        let detail = match tr.0 {
            Language::Chinese => format!("{}（{}）", revision.date(), revision.short_id()),
            Language::English => format!("{} ({})", revision.date(), revision.short_id()),
        };
        let against = tr.f(T::SideRevision, &[&detail]);
        let (file, id) = (path.clone(), revision.id.clone());
        let read = move || {
            crate::sync::history::file_at(&file, &id)
                .map_err(|err| err.to_string())
                .and_then(|bytes| {
                    crate::format::from_bytes(&bytes)
                        .map_err(|err| super::error_text::load_error(&err, tr))
                })
        };
        // The version in the commit is about as large as the file is now.
        self.read_older(against, T::HistoryTitle, path, read);
    }

    /// Shows what differs between another version of the map (a colleague's copy,
    /// the backup) and the map in the window.
    fn compare_with(&mut self, path: &Path, from: T) {
        let tr = self.tr();
        let against = if from == T::SideOtherFile {
            crate::user_paths::display_short(path)
        } else {
            tr.t(from).to_owned()
        };
        let file = path.to_owned();
        let read = move || {
            crate::format::load_file(&file).map_err(|err| super::error_text::load_error(&err, tr))
        };
        self.read_older(against, T::CannotOpen, path.to_owned(), read);
    }

    /// Reads the older version of a comparison — on a background thread when
    /// `path` is large (as opening does) — then starts the comparison or says why
    /// it cannot.
    fn read_older(
        &mut self,
        against: String,
        title: T,
        path: PathBuf,
        read: impl FnOnce() -> Result<Document, String> + Send + 'static,
    ) {
        let bytes = std::fs::metadata(&path).map_or(0, |m| m.len());
        if bytes >= super::open_job::BACKGROUND_BYTES {
            self.reading_older = Some(super::comparison::ReadOlder {
                against,
                title,
                path,
                read: super::background::Background::start(&self.ctx_for_jobs, read),
            });
            return;
        }
        let result = read();
        self.older_read(against, title, path, Some(result));
    }

    /// Starts the comparison with the older version read, or says why it cannot.
    fn older_read(
        &mut self,
        against: String,
        title: T,
        path: PathBuf,
        result: Option<Result<Document, String>>,
    ) {
        match result {
            Some(Ok(other)) => self.start_comparison(against, other, false),
            Some(Err(message)) => {
                self.modal = Some(Modal::Error(ErrorReport {
                    title,
                    message,
                    path: Some(path),
                }));
            }
            None => {
                self.modal = Some(Modal::Error(ErrorReport {
                    title,
                    message: self.tr().t(T::OpenStopped).to_owned(),
                    path: Some(path),
                }));
            }
        }
    }

    /// The progress window while an older version is read, then the comparison.
    fn older_progress_ui(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.reading_older else {
            return;
        };
        if let Some(result) = job.read.finished() {
            if let Some(job) = self.reading_older.take() {
                self.older_read(job.against, job.title, job.path, result);
            }
            return;
        }
        self.reading_file_ui(ctx, "older-progress", &job.path);
    }

    /// The progress window of a file read in the background.
    fn reading_file_ui(&self, ctx: &egui::Context, id: &str, path: &std::path::Path) {
        let text = self
            .tr()
            .f(T::ReadingFile, &[&super::background::file_name(path)]);
        super::background::progress_ui(ctx, id, &text);
    }

    /// Whether an older version of the map is being read for a comparison.
    pub fn is_reading_older(&self) -> bool {
        self.reading_older.is_some()
    }

    /// Waits for an older version read in the background and compares (tests).
    pub fn wait_for_older(&mut self) {
        if let Some(job) = self.reading_older.take() {
            let result = job.read.wait();
            self.older_read(job.against, job.title, job.path, result);
        }
    }

    /// Marks on the canvas what changed since `old`, and lists it over the canvas.
    fn start_comparison(&mut self, against: String, old: Document, review: bool) {
        self.comparison = Some(super::comparison::Comparison::new(against, old, review));
        self.compared = None;
    }

    /// Compares the map with its review at `index` (oldest first).
    fn compare_with_review(&mut self, index: usize) {
        let doc = self.map.editor.document();
        let Some(review) = crate::sync::review::reviews_in(doc).into_iter().nth(index) else {
            return;
        };
        let mut against = self.tr().f(T::ComparingReview, &[&review.date]);
        if !review.by.is_empty() {
            against = format!("{against} · {}", review.by);
        }
        self.reviews.close();
        self.start_comparison(against, review.snapshot, true);
    }

    /// Shows someone gone since the compared version on the canvas.
    fn reveal_ghost(&mut self, index: usize) {
        if let Some(at) = self.canvas.ghost_position(index) {
            self.canvas.reveal(at, None);
        }
    }

    /// Asks for a contact file, then shows its preview.
    fn ask_import(&mut self) {
        let folder = self.prefs.start_folder();
        match self.dialogs.open_contacts(&folder) {
            DialogOutcome::Picked(path) => self.preview_import(&path),
            DialogOutcome::Cancelled => {}
            DialogOutcome::Unavailable => self.browse(PathPurpose::Import, folder, None),
        }
    }

    /// Reads a contact file and shows the mapping preview; nothing changes yet. A
    /// large file is read on a background thread behind a progress window.
    fn preview_import(&mut self, path: &Path) {
        let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
        if bytes >= super::edit_job::READ_BYTES {
            if self.read_job.is_none() {
                self.read_job = Some(super::edit_job::ReadJob::start(
                    &self.ctx_for_jobs,
                    path.to_owned(),
                ));
            }
            return;
        }
        let read = crate::import::read_table(path, None);
        self.show_import_preview(path, Some(read));
    }

    /// The preview of a contact file read, or why it could not be read.
    fn show_import_preview(
        &mut self,
        path: &Path,
        read: Option<Result<crate::import::Table, crate::import::ImportError>>,
    ) {
        match read {
            Some(Ok(table)) => {
                self.prefs.remember_folder_of(path);
                self.modal = Some(Modal::ImportPreview(Box::new(
                    super::import_dialog::ImportPreview::new(
                        path.to_owned(),
                        table,
                        self.map.editor.snapshot(),
                    ),
                )));
            }
            Some(Err(err)) => {
                self.modal = Some(Modal::Error(ErrorReport {
                    title: T::CannotImport,
                    message: err.message(self.prefs.language()),
                    path: Some(path.to_owned()),
                }));
            }
            None => {
                self.modal = Some(Modal::Error(ErrorReport {
                    title: T::CannotImport,
                    message: self.tr().t(T::OpenStopped).to_owned(),
                    path: Some(path.to_owned()),
                }));
            }
        }
    }

    /// The progress window while a contact file is read, then its preview.
    fn read_progress_ui(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.read_job else { return };
        if let Some(read) = job.read.finished() {
            let path = job.path.clone();
            self.read_job = None;
            self.show_import_preview(&path, read);
            return;
        }
        self.reading_file_ui(ctx, "read-progress", &job.path);
    }

    /// Whether a contact file is being read in the background.
    pub fn is_reading_contacts(&self) -> bool {
        self.read_job.is_some()
    }

    /// Waits for a contact file read in the background and shows its preview
    /// (tests).
    pub fn wait_for_read(&mut self) {
        if let Some(job) = self.read_job.take() {
            let read = job.read.wait();
            let path = job.path.clone();
            self.show_import_preview(&path, read);
        }
    }

    /// Imports the previewed contacts as one undo step and shows what happened.
    fn apply_import(&mut self, preview: super::import_dialog::ImportPreview) {
        let language = self.prefs.language();
        if self.edit_job.is_some() {
            return;
        }
        if preview.table.rows.len() >= super::edit_job::IMPORT_ROWS {
            self.edit_job = Some(super::edit_job::EditJob::import(
                &self.ctx_for_jobs,
                preview,
                self.map.editor.snapshot(),
                self.map.editor.revision(),
                self.tr(),
            ));
            return;
        }
        match preview.plan(self.document(), language) {
            Ok(plan) => {
                let label = preview.label(&plan);
                // The preview shares the map: let go of it, or the edit copies it.
                drop(preview);
                match self.map.editor.apply_labelled(plan.command, label) {
                    Ok(()) => {
                        self.after_change();
                        self.canvas.request_fit();
                        self.modal = Some(Modal::ImportReport(Box::new(plan.summary)));
                    }
                    Err(err) => {
                        self.notice = Some((
                            T::EditRefused,
                            super::error_text::edit_error(&err, self.tr()),
                        ))
                    }
                }
            }
            Err(err) => {
                self.modal = Some(Modal::Error(ErrorReport {
                    title: T::CannotImport,
                    message: err.message(language),
                    path: Some(preview.path),
                }));
            }
        }
    }

    /// Asks where to export, then starts the export.
    fn ask_export(&mut self, format: crate::export::ExportFormat) {
        let base = suggested_file_name(self.document());
        let suggested = format!("{}.{}", base.trim_end_matches(".json"), format.extension());
        let folder = match &self.map.path {
            Some(path) => path
                .parent()
                .map_or_else(|| self.prefs.start_folder(), Path::to_owned),
            None => self.prefs.start_folder(),
        };
        match self
            .dialogs
            .save_export(&folder, format.extension(), &suggested)
        {
            DialogOutcome::Picked(path) => self.queue(AppCommand::ExportTo(format, path)),
            DialogOutcome::Cancelled => {}
            DialogOutcome::Unavailable => {
                self.browse(PathPurpose::Export(format), folder.join(suggested), None);
            }
        }
    }

    /// Starts exporting in the background; the progress shows until it is done.
    fn start_export(
        &mut self,
        format: crate::export::ExportFormat,
        path: PathBuf,
        ctx: &egui::Context,
    ) {
        use crate::export::ExportFormat;
        // An export always carries its format's extension, so typing or picking the
        // map's own name cannot write a picture over the map.
        let path = if ExportFormat::from_path(&path).ok() == Some(format) {
            path
        } else {
            path.with_extension(format.extension())
        };
        let path = std::path::absolute(&path).unwrap_or(path);
        if let Some(folder) = path.parent()
            && !folder.exists()
        {
            self.modal = Some(Modal::CreateFolder {
                purpose: PathPurpose::Export(format),
                path,
                then: None,
            });
            return;
        }
        self.prefs.remember_folder_of(&path);
        if self
            .map
            .path
            .as_deref()
            .is_some_and(|map| same_file(map, &path))
        {
            self.modal = Some(Modal::Error(ErrorReport {
                title: T::CannotExport,
                message: self.tr().t(T::ExportOverMap).to_owned(),
                path: Some(path),
            }));
            return;
        }
        let picture = matches!(format, ExportFormat::Png | ExportFormat::Svg);
        let export_view = self.prefs.export_view();
        // The part on screen is in the screen view's coordinates: it crops only a
        // picture of that same view.
        let same_view = export_view == self.prefs.view();
        let view = (picture && self.prefs.export_current_view && same_view)
            .then(|| self.canvas.visible_canvas_rect(ctx))
            .flatten();
        let options = crate::export::ExportOptions {
            redact: self.prefs.export_redacted,
            language: self.prefs.language(),
            today: crate::model::Date::today_local(),
            view,
        };
        let doc = self.document().clone();
        self.export_job = Some(super::export_job::ExportJob::start(
            ctx,
            doc,
            path,
            format,
            options,
            export_view,
        ));
    }

    /// Shows the export progress, and its result when it is done.
    fn export_progress_ui(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.export_job else { return };
        if let Some(result) = job.finished() {
            let path = job.path.clone();
            self.export_job = None;
            match result {
                Ok(()) => self.notice = Some((T::Exported, path.display().to_string())),
                Err(message) => {
                    let message = if message == super::export_job::STOPPED {
                        self.tr().t(T::ExportStopped).to_owned()
                    } else {
                        message
                    };
                    self.modal = Some(Modal::Error(ErrorReport {
                        title: T::CannotExport,
                        message,
                        path: Some(path),
                    }));
                }
            }
            return;
        }
        let tr = self.tr();
        let name = super::background::file_name(&job.path);
        egui::Modal::new(egui::Id::new("export-progress")).show(ctx, |ui| {
            ui.label(tr.f(T::Exporting, &[&name]));
            ui.add(
                egui::ProgressBar::new(job.progress())
                    .show_percentage()
                    .animate(true),
            );
            ui.label(egui::RichText::new(tr.f(T::ExportStep, &[&job.people])).weak());
        });
    }

    /// Waits for a running export (tests).
    pub fn wait_for_export(&mut self) -> Option<Result<(), String>> {
        let job = self.export_job.take()?;
        let path = job.path.clone();
        let result = job.wait();
        match &result {
            Ok(()) => self.notice = Some((T::Exported, path.display().to_string())),
            Err(message) => {
                self.modal = Some(Modal::Error(ErrorReport {
                    title: T::CannotExport,
                    message: message.clone(),
                    path: Some(path),
                }));
            }
        }
        Some(result)
    }

    /// Shows the map in a workshop view (the canvas fits it on its next frame).
    fn set_view(&mut self, kind: ViewKind) {
        self.canvas.cancel_gesture();
        self.prefs.view = kind.as_str().to_owned();
    }

    /// Starts rearranging the map in the background (map view only).
    fn start_arrange(&mut self, arrangement: super::tidy_job::Arrangement, ctx: &egui::Context) {
        use super::tidy_job::{Arrangement, TidyJob};
        if self.prefs.view() != ViewKind::Map || self.tidy_job.is_some() {
            return;
        }
        let pinned = if arrangement == Arrangement::Tidy && self.prefs.tidy_keep_selected {
            self.selection.people.iter().cloned().collect()
        } else {
            Default::default()
        };
        self.canvas.cancel_gesture();
        self.tidy_job = Some(TidyJob::start(
            ctx,
            self.map.editor.snapshot(),
            arrangement,
            pinned,
            self.prefs.language(),
        ));
    }

    /// Shows the progress of an arrangement with Cancel, and applies its result.
    fn arrange_progress_ui(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.tidy_job else { return };
        if let Some(arranged) = job.finished() {
            self.tidy_job = None;
            self.arranged(arranged);
            return;
        }
        let tr = self.tr();
        let (progress, people) = (job.progress(), job.people);
        egui::Modal::new(egui::Id::new("arrange-progress")).show(ctx, |ui| {
            ui.label(tr.f(T::Arranging, &[&people]));
            ui.add(
                egui::ProgressBar::new(progress)
                    .show_percentage()
                    .animate(true),
            );
            if ui.button(tr.t(T::Cancel)).clicked() {
                self.commands.push(AppCommand::CancelArrange);
            }
        });
    }

    /// Applies a finished arrangement as one undoable move.
    fn arranged(&mut self, arranged: super::tidy_job::Arranged) {
        use super::tidy_job::Arranged;
        match arranged {
            Arranged::Done(Some(command)) => {
                if self.apply_edit(command, None) {
                    self.canvas.request_fit();
                }
            }
            Arranged::Done(None) => self.notice = Some((T::ArrangeNothing, String::new())),
            Arranged::Stopped => self.notice = Some((T::ArrangeStopped, String::new())),
        }
    }

    /// Waits for a running arrangement and applies it (tests).
    pub fn wait_for_arrange(&mut self) {
        if let Some(job) = self.tidy_job.take() {
            let arranged = job.wait();
            self.arranged(arranged);
        }
    }

    /// Whether an arrangement is running.
    pub fn is_arranging(&self) -> bool {
        self.tidy_job.is_some()
    }

    /// The workshop view shown.
    pub fn view(&self) -> ViewKind {
        self.prefs.view()
    }

    /// Waits for a large map's view layout computed in the background (tests).
    pub fn wait_for_view_layout(&mut self) {
        self.views.wait();
    }

    /// Selects people and centres the canvas on them.
    fn reveal(&mut self, people: Vec<crate::model::StakeholderId>) {
        let positions: Vec<egui::Pos2> = people
            .iter()
            .filter_map(|id| self.canvas.graph().position_of(id))
            .collect();
        if let Some(first) = positions.first() {
            let sum = positions
                .iter()
                .fold(egui::Vec2::ZERO, |acc, p| acc + p.to_vec2());
            let center = (sum / positions.len() as f32).to_pos2();
            self.canvas
                .reveal(if positions.len() == 1 { *first } else { center }, None);
        }
        self.selection = Selection {
            people: people.into_iter().collect(),
            lines: Default::default(),
        };
        // The analysis may describe a slightly older map.
        self.selection.retain_existing(self.map.editor.document());
    }

    /// Brings the canvas highlight in line with the request and the latest analysis.
    fn update_highlight(&mut self, analysed: Option<&Arc<super::analysis_worker::AnalysedMap>>) {
        // Only when the request or the analysis changed: this runs every frame.
        let same_basis = self
            .highlight_basis
            .as_ref()
            .is_some_and(|(request, basis, compared)| {
                *request == self.highlight_request
                    && same_arc(basis.as_ref(), analysed)
                    && same_arc(compared.as_ref(), self.compared.as_ref())
            });
        if same_basis {
            return;
        }
        self.highlight_basis = Some((
            self.highlight_request.clone(),
            analysed.cloned(),
            self.compared.clone(),
        ));
        let analysed = analysed.map(Arc::as_ref);
        let mut next = Highlight::default();
        if let Some(compared) = &self.compared {
            let marks = &compared.marks;
            next.changed_lines = marks
                .lines_added
                .iter()
                .chain(&marks.lines_changed)
                .cloned()
                .collect();
        }
        if let Some(analysed) = analysed {
            let (doc, analysis) = (&analysed.doc, &analysed.analysis);
            let id_of = |i: usize| doc.stakeholders.get(i).map(|p| p.id.clone());
            match &self.highlight_request {
                HighlightRequest::Nothing => {}
                HighlightRequest::StageFocus => {
                    next.people = analysis
                        .focus
                        .people
                        .iter()
                        .filter_map(|&i| id_of(i))
                        .collect();
                }
                HighlightRequest::PathTo(target) => {
                    if let Some(path) = analysis
                        .paths
                        .iter()
                        .find(|p| id_of(p.to).as_ref() == Some(target))
                    {
                        next.people = path.people.iter().filter_map(|&i| id_of(i)).collect();
                        next.lines = path.lines.iter().cloned().collect();
                    }
                }
            }
        }
        if next != self.highlight {
            self.highlight = next;
            self.highlight_counter += 1;
        }
    }

    /// The highlight shown on the canvas.
    pub fn highlight(&self) -> &Highlight {
        &self.highlight
    }

    /// Search, filter and presentation mode.
    pub fn find_tools(&self) -> &super::find_tools::FindTools {
        &self.find
    }

    /// Search, filter and presentation mode, to change (tests).
    pub fn find_tools_mut(&mut self) -> &mut super::find_tools::FindTools {
        &mut self.find
    }

    // ----- commands -----

    fn run_commands(&mut self, ctx: &egui::Context) {
        for command in std::mem::take(&mut self.commands) {
            match command {
                AppCommand::Action(action) => self.run_action(action, ctx),
                AppCommand::Edit { command, merge_key } => {
                    self.apply_edit(command, merge_key);
                }
                AppCommand::SealEdits => self.map.editor.seal(),
                AppCommand::AddPersonAt(position) => self.add_person_at(position),
                AppCommand::OpenFile(path) => self.guard_unsaved(Pending::OpenFile(path)),
                AppCommand::OpenSample(index) => self.guard_unsaved(Pending::OpenSample(index)),
                AppCommand::Unsaved { choice, then } => match choice {
                    UnsavedChoice::Save => {
                        if self.save_then(Some(then.clone())) {
                            self.run_pending(then);
                        }
                    }
                    UnsavedChoice::Discard => self.run_pending(then),
                    UnsavedChoice::Cancel => {}
                },
                AppCommand::PathEntered {
                    purpose,
                    path,
                    then,
                } => match purpose {
                    // The unsaved-changes question came before the path was asked.
                    PathPurpose::Open => self.run_pending(Pending::OpenFile(path)),
                    PathPurpose::Import => self.preview_import(&path),
                    PathPurpose::Compare => self.compare_with(&path, T::SideOtherFile),
                    PathPurpose::Export(_) | PathPurpose::Save
                        if replaces_another_file(&path, purpose, self.map.path.as_deref()) =>
                    {
                        self.modal = Some(Modal::ConfirmReplace {
                            purpose,
                            path,
                            then,
                        });
                    }
                    _ => self.write_to_typed_path(purpose, path, then, ctx),
                },
                AppCommand::ReplaceConfirmed {
                    purpose,
                    path,
                    then,
                } => {
                    self.write_to_typed_path(purpose, path, then, ctx);
                }
                AppCommand::CreateFolderConfirmed {
                    purpose,
                    path,
                    then,
                } => {
                    let folder = path.parent().map(Path::to_owned).unwrap_or_default();
                    match std::fs::create_dir_all(&folder) {
                        Ok(()) => self.write_to_typed_path(purpose, path, then, ctx),
                        Err(err) => {
                            let folder = crate::user_paths::display_short(&folder);
                            self.modal = Some(Modal::Error(ErrorReport {
                                title: if purpose == PathPurpose::Save {
                                    T::CannotSave
                                } else {
                                    T::CannotExport
                                },
                                message: self.tr().f(
                                    T::CannotCreateFolder,
                                    &[&folder, &super::error_text::io_reason(&err, self.tr())],
                                ),
                                path: Some(path),
                            }));
                        }
                    }
                }
                AppCommand::Recovery(index, choice) => self.recovery_choice(index, choice),
                AppCommand::Disk(choice) => self.disk_choice(choice),
                AppCommand::SetLanguage(language) => self.prefs.language = Some(language),
                AppCommand::ClearRecent => self.prefs.recent_files.clear(),
                AppCommand::SetStaleDays(days) => self.prefs.stale_after_days = days.clamp(1, 3650),
                AppCommand::Export(format) => self.ask_export(format),
                AppCommand::ExportTo(format, path) => self.start_export(format, path, ctx),
                AppCommand::ImportContacts => self.ask_import(),
                AppCommand::ImportApply(preview) => self.apply_import(*preview),
                AppCommand::SetExportRedacted(on) => self.prefs.export_redacted = on,
                AppCommand::SetExportCurrentView(on) => self.prefs.export_current_view = on,
                AppCommand::FocusName => self.show_details(true),
                AppCommand::ShowDetails => self.show_details(false),
                AppCommand::Reveal(people) => self.reveal(people),
                AppCommand::RevealGhost(index) => self.reveal_ghost(index),
                AppCommand::CompareReview(index) => self.compare_with_review(index),
                AppCommand::CloseComparison => {
                    self.comparison = None;
                    self.compared = None;
                }
                AppCommand::CompareRevision(revision) => self.compare_with_revision(&revision),
                AppCommand::Highlight(request) => self.highlight_request = request,
                AppCommand::SetView(kind) => self.set_view(kind),
                AppCommand::SetShowDepartments(on) => self.prefs.show_departments = on,
                AppCommand::SetTidyKeepSelected(on) => self.prefs.tidy_keep_selected = on,
                AppCommand::Arrange(arrangement) => self.start_arrange(arrangement, ctx),
                AppCommand::CancelArrange => {
                    if let Some(job) = &self.tidy_job {
                        job.cancel();
                    }
                }
                AppCommand::SetExportView(view) => {
                    self.prefs.export_view = view.map(|v| v.as_str().to_owned());
                }
                AppCommand::Review(request) => self.reviews.open(request),
                AppCommand::Sync(request) => self.sync_request(request, ctx),
            }
        }
    }

    /// File → Sync: opens the window, or saves (when needed) and starts.
    fn sync_request(&mut self, request: super::sync_job::SyncRequest, ctx: &egui::Context) {
        let Some(path) = self.map.path.clone() else {
            return;
        };
        match request {
            super::sync_job::SyncRequest::Open => {
                let doc = self.map.editor.document();
                let modified = self.map.editor.is_modified();
                self.sync.open(&path, &doc.account.name, modified);
            }
            super::sync_job::SyncRequest::Start(message) => {
                // Only a saved map is committed; a failed save says why and stops.
                if self.map.editor.is_modified() && !self.save_to(&path) {
                    return;
                }
                self.sync.start(message, ctx);
            }
        }
    }

    fn run_action(&mut self, action: Action, ctx: &egui::Context) {
        match action {
            Action::New => self.guard_unsaved(Pending::New),
            Action::Open => self.guard_unsaved(Pending::OpenDialog),
            Action::OpenPath => self.guard_unsaved(Pending::OpenPathEntry),
            Action::OpenWorkspace => self.ask_workspace(),
            Action::ShowWorkspace => self.show_workspace(),
            Action::History => match self.map.path.clone() {
                Some(path) => {
                    // One person selected: their stance in each commit too.
                    let doc = self.map.editor.document();
                    let person = match self.selection.people.iter().collect::<Vec<_>>()[..] {
                        [id] => doc.stakeholder(id).map(|p| (p.id.clone(), p.name.clone())),
                        _ => None,
                    };
                    self.modal = Some(Modal::History(Box::new(
                        super::history_view::HistoryView::start(path, person, ctx),
                    )));
                }
                None => {
                    self.modal = Some(Modal::Error(ErrorReport {
                        title: T::HistoryTitle,
                        message: self.tr().t(T::HistorySaveFirst).to_owned(),
                        path: None,
                    }));
                }
            },
            Action::CompareWith => {
                let folder = self
                    .map
                    .path
                    .as_deref()
                    .and_then(Path::parent)
                    .map_or_else(|| self.prefs.start_folder(), Path::to_owned);
                match self.dialogs.open_map(&folder) {
                    DialogOutcome::Picked(path) => self.compare_with(&path, T::SideOtherFile),
                    DialogOutcome::Cancelled => {}
                    DialogOutcome::Unavailable => self.browse(PathPurpose::Compare, folder, None),
                }
            }
            Action::Save => {
                self.save_then(None);
            }
            Action::SaveAs => {
                self.save_as(None);
            }
            Action::SavePath => {
                let start = self.map.path.clone().unwrap_or_else(|| {
                    self.prefs
                        .start_folder()
                        .join(suggested_file_name(self.document()))
                });
                self.browse(PathPurpose::Save, start, None);
            }
            Action::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Action::Undo | Action::Redo if self.edit_job.is_some() => {}
            Action::Undo | Action::Redo
                if self.map.editor.step_size(action == Action::Undo)
                    >= super::edit_job::STEP_SIZE =>
            {
                self.fresh_person = None;
                let undo = action == Action::Undo;
                if let Some(job) = self.map.editor.take_step(undo) {
                    let tr = self.tr();
                    self.edit_job = Some(super::edit_job::EditJob::step(ctx, job, undo, tr));
                }
            }
            Action::Undo => {
                self.fresh_person = None;
                if self.map.editor.undo().is_ok() {
                    self.after_change();
                }
            }
            Action::Redo => {
                self.fresh_person = None;
                if self.map.editor.redo().is_ok() {
                    self.after_change();
                }
            }
            Action::DeleteSelection => self.delete_selection(),
            Action::SelectAll => {
                self.selection.people = self
                    .document()
                    .stakeholders
                    .iter()
                    .map(|s| s.id.clone())
                    .collect();
            }
            Action::FitView => self.canvas.request_fit(),
            Action::AddPerson => {
                // Near the middle of the view, but never on top of someone or a line.
                // A computed view's middle is no place on the map: there, near the
                // middle of the map.
                let on_map = self.prefs.view() == ViewKind::Map;
                let center = if on_map {
                    self.canvas.visible_center(ctx)
                } else {
                    map_middle(self.document())
                };
                let spot = crate::placement::free_spot_near(self.document(), center);
                self.add_person_at(spot);
                if on_map {
                    self.canvas.show_if_hidden(ctx, spot);
                }
            }
            Action::ShowView(kind) => self.set_view(kind),
            Action::ToggleConnect => self.canvas.connect_tool = !self.canvas.connect_tool,
            Action::ToggleLegend => self.prefs.show_legend = !self.prefs.show_legend,
            Action::ToggleAccount => self.prefs.show_account = !self.prefs.show_account,
            Action::ToggleSide => self.prefs.show_side = !self.prefs.show_side,
            Action::Find => self.find.search.open(),
            Action::Present => {
                let (counter, tr, stale) =
                    (self.edit_counter, self.tr(), self.prefs.stale_after_days);
                self.find
                    .toggle_presenting(ctx, &self.map.editor, counter, tr, stale);
            }
            Action::Escape if self.find.search.is_open() => self.find.search.close(),
            Action::Escape if self.find.is_presenting() => {
                self.find.stop_presenting(ctx);
            }
            Action::Escape => {
                self.abandon_fresh_person();
                if self.canvas.connect_tool {
                    self.canvas.connect_tool = false;
                }
                self.canvas.cancel_gesture();
                self.selection = Selection::default();
            }
        }
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        let typing = ctx.egui_wants_keyboard_input();
        // Esc closes an open menu or picker first (egui does that), and only then
        // drops the selection.
        let popup_open = egui::Popup::is_any_open(ctx);
        let mut triggered = Vec::new();
        // While presenting, keys that edit the map do nothing.
        let presenting = self.find.is_presenting();
        ctx.input_mut(|input| {
            for action in Action::WITH_SHORTCUTS {
                if (typing && !action.works_while_typing())
                    || (popup_open && *action == Action::Escape)
                    || (presenting
                        && !matches!(
                            action,
                            Action::Escape | Action::Present | Action::Find | Action::FitView
                        ))
                {
                    continue;
                }
                if action.shortcuts().iter().any(|s| input.consume_shortcut(s)) {
                    triggered.push(*action);
                }
            }
        });
        self.commands
            .extend(triggered.into_iter().map(AppCommand::Action));
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if self.allow_close {
            // The user saved or chose to discard: no copy to recover.
            if let Some(autosave) = &mut self.autosave {
                autosave.clear();
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        if ctx.input(|i| i.viewport().close_requested()) && self.map.editor.is_modified() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.close_asked = true;
        }
        // Asked while another dialog was open: the question comes once it is closed.
        if self.close_asked && !self.busy() {
            self.close_asked = false;
            self.modal = Some(Modal::Unsaved {
                then: Pending::Quit,
            });
        }
    }

    /// Writes a recovery copy when one is due, and wakes up when the next is.
    fn autosave_tick(&mut self, ctx: &egui::Context) {
        let Some(autosave) = &mut self.autosave else {
            return;
        };
        let due_in = autosave.tick(
            self.map.editor.document(),
            self.map.editor.is_modified(),
            self.edit_counter,
            self.map.path.as_deref(),
            self.map.disk.as_ref(),
        );
        if let Some(wait) = due_in {
            ctx.request_repaint_after(wait);
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let marker = if self.map.editor.is_modified() {
            " ●"
        } else {
            ""
        };
        let title = format!(
            "{}{marker} — {}",
            self.file_label(),
            self.tr().t(T::AppName)
        );
        if title != self.shown_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
    }

    /// The window title as last set.
    pub fn title(&self) -> &str {
        &self.shown_title
    }

    // ----- workspace -----

    /// Asks for a workspace folder: the native dialog, else the in-app browser.
    fn ask_workspace(&mut self) {
        let folder = self
            .prefs
            .last_workspace
            .clone()
            .filter(|f| f.is_dir())
            .unwrap_or_else(|| self.prefs.start_folder());
        match self.dialogs.open_folder(&folder) {
            DialogOutcome::Picked(path) => self.open_workspace(&path),
            DialogOutcome::Cancelled => {}
            DialogOutcome::Unavailable => self.browse(PathPurpose::Workspace, folder, None),
        }
    }

    /// Opens `folder` as the workspace: starts its scan and shows its start page.
    pub fn open_workspace(&mut self, folder: &Path) {
        if !folder.is_dir() {
            self.modal = Some(Modal::Error(ErrorReport {
                title: T::WsCannotOpen,
                message: self.tr().f(T::WsNotFolder, &[&folder.display()]),
                path: Some(folder.to_owned()),
            }));
            return;
        }
        let job = super::workspace_job::WorkspaceJob::start(
            &self.ctx_for_jobs,
            folder,
            self.tr().0,
            self.prefs.stale_after_days,
            self.workspace.cache_dir.clone(),
        );
        self.prefs.last_workspace = Some(job.root().to_owned());
        self.workspace.job = Some(job);
        self.workspace.page.reset();
        self.workspace.showing = true;
    }

    /// Back to the start page as it was; with none open, the remembered workspace.
    fn show_workspace(&mut self) {
        if self.workspace.job.is_some() {
            self.workspace.page.returning();
            self.workspace.showing = true;
        } else if let Some(folder) = self.prefs.last_workspace.clone() {
            self.open_workspace(&folder);
        }
    }

    /// Where scans keep their cache (`None`: read every map each time).
    pub fn set_workspace_cache(&mut self, dir: Option<PathBuf>) {
        self.workspace.cache_dir = dir;
    }

    /// The open workspace.
    pub fn workspace(&self) -> Option<&super::workspace_job::WorkspaceJob> {
        self.workspace.job.as_ref()
    }

    /// Whether the start page is shown in place of the map.
    pub fn is_showing_workspace(&self) -> bool {
        self.workspace.showing && self.workspace.job.is_some()
    }

    /// The start page's state.
    pub fn start_page(&self) -> &super::start_page::StartPage {
        &self.workspace.page
    }

    /// The workspace start page, to drive it (for tests).
    pub fn start_page_mut(&mut self) -> &mut super::start_page::StartPage {
        &mut self.workspace.page
    }

    /// Waits until the workspace scan has ended.
    pub fn wait_for_workspace(&mut self) {
        if let Some(job) = &mut self.workspace.job {
            job.wait();
        }
    }

    /// The menu bar and the start page in place of everything else.
    fn start_page_ui(&mut self, ui: &mut Ui, tr: Tr, menus_enabled: bool) {
        egui::Panel::top("menu").show(ui, |ui| {
            ui.add_enabled_ui(menus_enabled, |ui| {
                // Sync works on the open map, not on the page of maps.
                super::menu::menu_bar_ui(
                    ui,
                    tr,
                    &self.prefs,
                    &self.map.editor,
                    false,
                    &mut self.commands,
                );
            });
        });
        egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui, tr));
        egui::CentralPanel::default().show(ui, |ui| {
            if let Some(job) = &mut self.workspace.job {
                job.poll();
                if !menus_enabled {
                    ui.disable();
                }
                self.workspace
                    .page
                    .start_page_ui(ui, job, tr, &mut self.commands);
            }
        });
    }

    // ----- layout -----

    /// Whether a dialog is open or work runs that other commands must wait for
    /// (an export, a tidy, reading a file, an edit worked out in the background).
    fn busy(&self) -> bool {
        self.modal.is_some()
            || self.export_job.is_some()
            || self.tidy_job.is_some()
            || self.open_job.is_some()
            || self.edit_job.is_some()
            || self.read_job.is_some()
            || self.reading_older.is_some()
    }

    fn layout_ui(&mut self, ui: &mut Ui) {
        let tr = self.tr();
        // While a dialog or an export is open, the menus wait: opening another map
        // then would throw the dialog away.
        let menus_enabled = !self.busy();
        if self.is_showing_workspace() {
            self.start_page_ui(ui, tr, menus_enabled);
            return;
        }
        if let Some(job) = &mut self.workspace.job {
            // The scan goes on while a map is open (its lessons are wanted).
            if !job.is_finished() {
                job.poll();
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_millis(100));
            }
        }
        self.find.update(
            ui.ctx(),
            &self.map.editor,
            self.edit_counter,
            tr,
            self.prefs.stale_after_days,
        );
        let presenting = self.find.is_presenting();
        if !presenting {
            self.bars_ui(ui, tr, menus_enabled);
        }
        self.find.panels_ui(
            ui,
            self.map.editor.document(),
            self.map.editor.snapshot(),
            self.edit_counter,
            tr,
            &mut self.commands,
        );
        let analysed = self.worker.update(
            ui.ctx(),
            &self.map.editor,
            self.edit_counter,
            tr.0,
            self.prefs.stale_after_days,
            self.workspace.lessons_for(self.map.path.as_deref()),
        );
        self.update_highlight(analysed.as_ref());
        if self.prefs.show_side && !presenting {
            self.side_panel_ui(ui, tr, analysed.as_ref());
        }
        self.canvas_panel_ui(ui, tr, menus_enabled && !presenting);
    }

    /// The menus, the toolbar, the banners, the status bar and the account panel:
    /// everything but the canvas and the side panel (hidden while presenting).
    fn bars_ui(&mut self, ui: &mut Ui, tr: Tr, menus_enabled: bool) {
        egui::Panel::top("menu").show(ui, |ui| {
            ui.add_enabled_ui(menus_enabled, |ui| {
                // Looked up once per map path, not every frame (it stats every
                // folder up to the root).
                let path = self.map.path.as_deref();
                if self.git_tree.as_ref().map(|(p, _)| p.as_deref()) != Some(path) {
                    let inside = path.is_some_and(crate::sync::git_sync::in_work_tree);
                    self.git_tree = Some((path.map(Path::to_path_buf), inside));
                }
                let sync_enabled = self.git_tree.as_ref().is_some_and(|(_, inside)| *inside);
                super::menu::menu_bar_ui(
                    ui,
                    tr,
                    &self.prefs,
                    &self.map.editor,
                    sync_enabled,
                    &mut self.commands,
                );
            });
        });
        egui::Panel::top("toolbar").show(ui, |ui| {
            if !menus_enabled {
                ui.disable();
            }
            ui.horizontal(|ui| {
                super::menu::toolbar_ui(
                    ui,
                    tr,
                    &self.map.editor,
                    self.canvas.connect_tool,
                    &self.prefs,
                    &mut self.commands,
                );
                ui.separator();
                self.find.toolbar_ui(
                    ui,
                    self.map.editor.document(),
                    self.edit_counter,
                    self.prefs.stale_after_days,
                    tr,
                    &mut self.commands,
                );
            });
        });
        if self.map.path.is_some() && self.watch.changed() {
            egui::Panel::top("disk-changed").show(ui, |ui| {
                ui.add_enabled_ui(menus_enabled, |ui| {
                    super::versions::disk_changed_bar_ui(
                        ui,
                        self.map.editor.is_modified(),
                        tr,
                        &mut self.commands,
                    );
                });
            });
        }
        if crate::sync::conflict_count(self.map.editor.document()) > 0 {
            let mut error = None;
            egui::Panel::top("merge-conflicts").show(ui, |ui| {
                ui.add_enabled_ui(menus_enabled, |ui| {
                    super::conflicts_view::conflicts_bar_ui(
                        ui,
                        self.map.editor.document(),
                        tr,
                        &mut self.commands,
                        &mut error,
                    );
                });
            });
            if let Some(message) = error {
                self.modal = Some(Modal::Error(ErrorReport {
                    title: T::ConflictsShow,
                    message,
                    path: None,
                }));
            }
        }
        if let Some(comparison) = &mut self.comparison {
            self.compared = comparison.update(ui.ctx(), &self.map.editor, self.edit_counter, tr);
            egui::Panel::top("comparison").show(ui, |ui| {
                ui.add_enabled_ui(menus_enabled, |ui| {
                    super::comparison::comparison_bar_ui(
                        ui,
                        comparison,
                        self.compared.as_deref(),
                        tr,
                        &mut self.commands,
                    );
                });
            });
        }
        if let Some(job) = &self.workspace.job {
            let root = crate::user_paths::display_short(job.root());
            egui::Panel::top("workspace-back").show(ui, |ui| {
                ui.add_enabled_ui(menus_enabled, |ui| {
                    ui.horizontal(|ui| {
                        if ui.button(tr.t(T::WsBack)).clicked() {
                            self.commands.push(AppCommand::Action(
                                super::app_command::Action::ShowWorkspace,
                            ));
                        }
                        ui.weak(root);
                    });
                });
            });
        }
        egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui, tr));
        if self.prefs.show_account {
            egui::Panel::left("account")
                .resizable(true)
                .default_size(260.0)
                .min_size(180.0)
                .show(ui, |ui| {
                    // The scroll bar beside the form, not over the buttons at the
                    // right end of its rows.
                    ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
                    egui::ScrollArea::vertical().show(ui, |ui| {
                        self.account.account_ui(
                            ui,
                            self.map.editor.document(),
                            tr,
                            &mut self.commands,
                        );
                    });
                });
        }
    }

    /// The canvas and the legend over it. While presenting, the canvas shows the
    /// map without private fields (see [`super::present`]).
    /// `switcher` says whether the view switcher is shown and usable (not while
    /// presenting or while a dialog is open).
    fn canvas_panel_ui(&mut self, ui: &mut Ui, tr: Tr, switcher: bool) {
        let kind = self.prefs.view();
        let shown = {
            let editor = &self.map.editor;
            let wake = ui.ctx().clone();
            self.views.layout(
                editor.document(),
                || editor.snapshot(),
                self.edit_counter,
                kind,
                tr.0,
                move || wake.request_repaint(),
            )
        };
        let computing = (shown.is_none() && self.views.is_computing())
            .then_some(self.document().stakeholders.len());
        let presenting = self.find.is_presenting();
        if !presenting {
            egui::Panel::top("view-switcher").show(ui, |ui| {
                ui.add_enabled_ui(switcher, |ui| {
                    super::view_switcher::view_switcher_ui(
                        ui,
                        tr,
                        kind,
                        computing,
                        &mut self.commands,
                    );
                });
            });
        }
        let departments = (kind == ViewKind::Map && self.prefs.show_departments).then(|| {
            self.departments
                .regions(self.map.editor.document(), self.edit_counter)
        });
        let view = match (&shown, &departments) {
            (Some(shown), _) => CanvasView {
                kind,
                positions: Some(&shown.layout.positions),
                backdrop: &shown.layout.backdrop,
                grid: shown.layout.grid.as_ref(),
                drawn_lines: &shown.layout.drawn_lines,
                serial: shown.serial,
            },
            (None, Some((regions, serial))) => CanvasView {
                kind,
                backdrop: regions,
                serial: *serial,
                ..CanvasView::default()
            },
            (None, None) => CanvasView {
                kind,
                ..CanvasView::default()
            },
        };
        egui::CentralPanel::default()
            .frame(egui::Frame::new().fill(super::theme::color(crate::theme::CANVAS_BACKGROUND)))
            .show(ui, |ui| {
                let rect = ui.available_rect_before_wrap();
                self.find.update_shown_highlight(
                    &self.highlight,
                    self.highlight_counter,
                    self.map.editor.document(),
                );
                let (highlight, highlight_counter) = self.find.shown_highlight();
                let presented = self.find.present.as_ref();
                self.canvas.canvas_ui(
                    ui,
                    CanvasContext {
                        doc: presented.map_or(self.map.editor.document(), |p| p.shown()),
                        edit_counter: self.edit_counter,
                        tr,
                        highlight: (highlight, highlight_counter),
                        selection: &mut self.selection,
                        commands: &mut self.commands,
                        reserved_bottom: if self.prefs.show_legend {
                            self.legend_height
                        } else {
                            0.0
                        },
                        view,
                        // Presenting shows the map, not a comparison.
                        marks: self
                            .compared
                            .as_deref()
                            .filter(|_| presented.is_none())
                            .map(|c| &c.marks),
                    },
                );
                if self.prefs.show_legend {
                    let (keep, legend) = legend_ui(ui.ctx(), rect, tr);
                    self.prefs.show_legend = keep;
                    self.legend_height = legend.height() + 10.0;
                }
            });
    }

    /// The side panel on the right. It never takes more than half the window:
    /// whatever its content does, the map stays in view.
    fn side_panel_ui(
        &mut self,
        ui: &mut Ui,
        tr: Tr,
        analysed: Option<&Arc<super::analysis_worker::AnalysedMap>>,
    ) {
        let max_width = (ui.available_width() * 0.5).max(SIDE_PANEL_MIN_WIDTH);
        egui::Panel::right(SIDE_PANEL_ID)
            .resizable(true)
            .default_size(340.0)
            .min_size(SIDE_PANEL_MIN_WIDTH)
            .max_size(max_width)
            .show(ui, |ui| {
                self.side.side_panel_ui(
                    ui,
                    SidePanelContext {
                        doc: self.map.editor.document(),
                        analysed: analysed.map(Arc::as_ref),
                        analysing: self.worker.is_running(),
                        selection: &self.selection,
                        highlight: &self.highlight_request,
                        stale_after_days: self.prefs.stale_after_days,
                        tr,
                        commands: &mut self.commands,
                    },
                );
            });
    }

    fn status_ui(&mut self, ui: &mut Ui, tr: Tr) {
        ui.horizontal(|ui| {
            ui.label(self.file_label());
            if self.map.editor.is_modified() {
                ui.colored_label(super::theme::WARNING_TEXT, tr.t(T::Modified));
            }
            ui.separator();
            let doc = self.document();
            ui.label(tr.f(
                T::People,
                &[&doc.stakeholders.len(), &doc.relationships.len()],
            ));
            if let Some((key, arg)) = &self.notice {
                ui.separator();
                let text = tr.f(*key, &[arg]);
                if *key == T::EditRefused {
                    ui.colored_label(super::theme::ERROR_TEXT, text);
                } else {
                    ui.label(text);
                }
            }
        });
    }
}

/// The middle of the people's map positions (the origin for an empty map).
fn map_middle(doc: &Document) -> Position {
    let positions = crate::placement::drawing_positions(doc);
    let count = positions.len().max(1) as f64;
    let (x, y) = positions
        .iter()
        .fold((0.0, 0.0), |(x, y), p| (x + p.x, y + p.y));
    Position::new((x / count).round(), (y / count).round())
}

/// Whether both paths name the same file (when both exist).
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Whether writing a typed path would replace an existing file other than the
/// map being saved (which is expected to be replaced).
fn replaces_another_file(path: &Path, purpose: PathPurpose, map: Option<&Path>) -> bool {
    let target = match purpose {
        PathPurpose::Export(format)
            if crate::export::ExportFormat::from_path(path).ok() != Some(format) =>
        {
            path.with_extension(format.extension())
        }
        PathPurpose::Save if path.extension().is_none() => path.with_extension("json"),
        _ => path.to_owned(),
    };
    let own_map = purpose == PathPurpose::Save && map.is_some_and(|m| same_file(m, &target));
    target.exists() && !own_map
}

/// A file name from the account name, safe on every platform.
fn suggested_file_name(doc: &Document) -> String {
    let base: String = doc
        .account
        .name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect::<String>()
        .trim_matches('-')
        .chars()
        .take(60)
        .collect();
    if base.is_empty() {
        "powermap.json".to_owned()
    } else {
        format!("{base}.json")
    }
}

impl eframe::App for PowermapApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.handle_close_request(&ctx);
        if !self.busy()
            && !self.reviews.is_open()
            && !self.sync.is_open()
            && !self.is_showing_workspace()
        {
            self.find.keys(&ctx, &mut self.commands);
            self.shortcuts(&ctx);
        }
        self.layout_ui(ui);
        self.export_progress_ui(&ctx);
        self.arrange_progress_ui(&ctx);
        self.open_progress_ui(&ctx);
        self.edit_progress_ui(&ctx);
        self.read_progress_ui(&ctx);
        self.older_progress_ui(&ctx);
        self.reviews.review_ui(
            &ctx,
            self.map.editor.document(),
            self.tr(),
            &mut self.commands,
        );
        self.sync.sync_ui(&ctx, self.tr(), &mut self.commands);
        if let Some(modal) = self.modal.take() {
            let label = self.file_label();
            let modified = self.map.editor.is_modified();
            self.modal = super::modals::modal_ui(
                &ctx,
                modal,
                &label,
                modified,
                self.tr(),
                &mut self.commands,
            );
        }
        self.run_commands(&ctx);
        if self.modal.is_none() {
            self.modal = self.return_to.take();
        }
        self.autosave_tick(&ctx);
        self.update_title(&ctx);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // A clean end with nothing unsaved leaves no copy; with unsaved changes
        // (the system ended the app) the copy stays, up to date, for next time.
        let modified = self.map.editor.is_modified();
        if let Some(autosave) = &mut self.autosave {
            if modified {
                autosave.write_now(
                    self.map.editor.document(),
                    self.map.path.as_deref(),
                    self.map.disk.as_ref(),
                );
            } else {
                autosave.clear();
            }
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, STORAGE_KEY, &self.prefs);
    }

    fn persist_egui_memory(&self) -> bool {
        // Zoom and pan are per opened map; restoring them into another run would
        // show a map at a stale view.
        false
    }
}

/// Starts the desktop app.
pub fn run(file: Option<PathBuf>) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Powermap")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([720.0, 480.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Powermap",
        options,
        Box::new(move |cc| {
            Ok(Box::new(PowermapApp::new(
                cc,
                AppOptions {
                    file,
                    recovery_dir: eframe::storage_dir("Powermap").map(|d| d.join("recovery")),
                    ..AppOptions::default()
                },
            )))
        }),
    )
}

/// The recovery list with `copy` put back at `index` (after a comparison).
fn rest_with(
    mut rest: Vec<crate::recovery::RecoveredMap>,
    copy: crate::recovery::RecoveredMap,
    index: usize,
) -> Vec<crate::recovery::RecoveredMap> {
    rest.insert(index.min(rest.len()), copy);
    rest
}

/// Whether both are the same shared value, or both absent.
fn same_arc<T>(a: Option<&Arc<T>>, b: Option<&Arc<T>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => Arc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    }
}

/// What the canvas highlight was computed from: the request, the analysis and the
/// comparison.
type HighlightBasis = (
    HighlightRequest,
    Option<Arc<super::analysis_worker::AnalysedMap>>,
    Option<Arc<super::comparison::Compared>>,
);
