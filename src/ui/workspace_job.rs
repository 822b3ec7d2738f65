//! A workspace open in the app: its scan runs on a background thread (the
//! portfolio's own parallel `scan`), rows are taken from the channel a bounded
//! number per frame, and once the scan ends the sorted rows, totals and lessons
//! are kept for the start page and the analysis.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::analysis::{AnalysisOptions, HealthLevel};
use crate::lang::Language;
use crate::model::Date;
use crate::portfolio::{Lessons, MapRow, ScanEvent, ScanOptions, Totals, Workspace, scan, totals};
use crate::search::TextKey;

/// Most scan events taken in one frame, so a burst of cached rows never stalls it.
const EVENTS_PER_FRAME: usize = 5_000;

/// A workspace being scanned or scanned.
pub struct WorkspaceJob {
    root: PathBuf,
    /// The folder with links resolved, to tell whether a map lies inside.
    canonical_root: PathBuf,
    events: Option<Receiver<ScanEvent>>,
    done: Option<Receiver<Workspace>>,
    /// Files the scan will read (known once it has listed them).
    files: Option<usize>,
    /// Rows so far (in arrival order while scanning, by path once done).
    rows: Vec<MapRow>,
    /// What search compares, one per row.
    keys: Vec<TextKey>,
    notes: Vec<crate::portfolio::walk::ScanNote>,
    totals: Totals,
    /// Changes whenever `rows` does (the start page re-sorts then).
    generation: u64,
    lessons: Arc<Lessons>,
    finished: bool,
}

impl WorkspaceJob {
    /// Starts scanning `root`; the window is woken while rows arrive.
    pub fn start(
        ctx: &egui::Context,
        root: &Path,
        language: Language,
        stale_after_days: i64,
        cache_dir: Option<PathBuf>,
    ) -> Self {
        let root = std::path::absolute(root).unwrap_or_else(|_| root.to_owned());
        let options = ScanOptions {
            analysis: AnalysisOptions {
                stale_after_days,
                ..AnalysisOptions::new(Date::today_local(), language)
            },
            cache_dir,
        };
        let (event_sender, events) = channel();
        let (done_sender, done) = channel();
        let ctx = ctx.clone();
        let scan_root = root.clone();
        std::thread::spawn(move || {
            let workspace = scan(&scan_root, &options, Some(&event_sender));
            let _ = done_sender.send(workspace);
            ctx.request_repaint();
        });
        Self {
            canonical_root: std::fs::canonicalize(&root).unwrap_or_else(|_| root.clone()),
            root,
            events: Some(events),
            done: Some(done),
            files: None,
            rows: Vec::new(),
            keys: Vec::new(),
            notes: Vec::new(),
            totals: Totals::default(),
            generation: 0,
            lessons: Arc::default(),
            finished: false,
        }
    }

    /// Takes what the scan sent since the last frame; returns whether anything changed.
    pub fn poll(&mut self) -> bool {
        let mut changed = false;
        if let Some(events) = &self.events {
            for _ in 0..EVENTS_PER_FRAME {
                match events.try_recv() {
                    Ok(ScanEvent::Started { files }) => self.files = Some(files),
                    Ok(ScanEvent::Row(row)) => {
                        self.keys.push(search_key(&row));
                        self.rows.push(*row);
                        changed = true;
                    }
                    Ok(ScanEvent::Note(note)) => self.notes.push(note),
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => {
                        self.events = None;
                        break;
                    }
                }
            }
        }
        // The whole result only after every streamed row was taken, so the count
        // shown never goes back.
        if self.events.is_none()
            && let Some(done) = &self.done
        {
            match done.try_recv() {
                Ok(workspace) => {
                    self.keys = workspace.rows.iter().map(search_key).collect();
                    self.lessons = Arc::new(Lessons::from_rows(&workspace.rows));
                    self.rows = workspace.rows;
                    self.notes = workspace.notes;
                    self.finished = true;
                    self.done = None;
                    changed = true;
                }
                Err(TryRecvError::Empty) => {}
                // The scan thread died: keep what came and stop waiting.
                Err(TryRecvError::Disconnected) => {
                    self.finished = true;
                    self.done = None;
                    changed = true;
                }
            }
        }
        if changed {
            self.generation += 1;
            self.totals = totals(&self.rows);
        }
        changed
    }

    /// Waits for the scan to end (tests and the command line).
    pub fn wait(&mut self) {
        while !self.finished {
            if !self.poll() {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
        }
    }

    /// The folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The rows so far.
    pub fn rows(&self) -> &[MapRow] {
        &self.rows
    }

    /// The search key of each row.
    pub fn keys(&self) -> &[TextKey] {
        &self.keys
    }

    /// Files skipped and folders not searched.
    pub fn notes(&self) -> &[crate::portfolio::walk::ScanNote] {
        &self.notes
    }

    /// The totals of the rows so far.
    pub fn totals(&self) -> &Totals {
        &self.totals
    }

    /// Changes whenever the rows do.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Files to read, once known.
    pub fn files(&self) -> Option<usize> {
        self.files
    }

    /// Whether the scan has ended.
    pub fn is_finished(&self) -> bool {
        self.finished
    }

    /// What the closed deals teach (empty until the scan has ended).
    pub fn lessons(&self) -> &Arc<Lessons> {
        &self.lessons
    }

    /// Whether `path` is a file inside this workspace.
    pub fn contains(&self, path: &Path) -> bool {
        std::fs::canonicalize(path)
            .unwrap_or_else(|_| path.to_owned())
            .starts_with(&self.canonical_root)
    }

    /// The path of a row relative to the folder, with `/`.
    pub fn shown_path(&self, row: &MapRow) -> String {
        let relative = row.path.strip_prefix(&self.root).unwrap_or(&row.path);
        relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    }

    /// The rows whose health is worse than at their last review.
    pub fn worsened(&self) -> Vec<&MapRow> {
        crate::portfolio::worsened(&self.rows)
    }
}

/// What the search box compares for a row: the account (with its pinyin), then
/// the opportunity, the owners and the file's path.
fn search_key(row: &MapRow) -> TextKey {
    let path = row.path.to_string_lossy();
    match &row.summary {
        Ok(s) => {
            let mut details: Vec<&str> = vec![&s.opportunity];
            details.extend(s.owners.iter().map(String::as_str));
            details.push(&path);
            TextKey::new(&s.account, &details)
        }
        Err(_) => TextKey::new("", &[&path]),
    }
}

/// The order of health levels on the page: red first.
pub const HEALTH_LEVELS: [HealthLevel; 3] =
    [HealthLevel::Red, HealthLevel::Amber, HealthLevel::Green];

/// The app's workspace: the scan, the start page's state, and whether the page is
/// shown in place of the canvas.
pub struct WorkspaceState {
    /// The open workspace.
    pub job: Option<WorkspaceJob>,
    /// Sort, filters and scroll of the start page, kept while a map is open.
    pub page: super::start_page::StartPage,
    /// Whether the start page is shown instead of the map.
    pub showing: bool,
    /// Where scans keep their cache (`None`: no cache).
    pub cache_dir: Option<PathBuf>,
}

impl Default for WorkspaceState {
    fn default() -> Self {
        Self {
            job: None,
            page: super::start_page::StartPage::default(),
            showing: false,
            cache_dir: crate::user_paths::cache_dir(),
        }
    }
}

impl WorkspaceState {
    /// The lessons to use for the map at `path`: the workspace's, once scanned,
    /// when the map lies inside it.
    pub fn lessons_for(&self, path: Option<&Path>) -> Option<Arc<Lessons>> {
        let job = self.job.as_ref().filter(|j| j.is_finished())?;
        let path = path?;
        (job.contains(path) && job.lessons().is_learning()).then(|| Arc::clone(job.lessons()))
    }
}
