//! Scanning a workspace: the map files are read on every core, each row is sent as
//! soon as it is ready (so a window can show rows while the rest are read), and the
//! result is sorted by path. Rows come from the cache when the file is unchanged.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::Sender;

use super::cache::{Cache, Stamp, cache_file};
use super::row::{MapRow, Read, read_row};
use super::walk::{ScanNote, json_files};
use crate::analysis::AnalysisOptions;

/// How to scan.
#[derive(Clone, Debug)]
pub struct ScanOptions {
    /// What the analysis of each map depends on.
    pub analysis: AnalysisOptions,
    /// The user's cache folder (`None`: no cache).
    pub cache_dir: Option<PathBuf>,
}

/// What a scan reports while it runs.
#[derive(Clone, Debug, PartialEq)]
pub enum ScanEvent {
    /// The files were found: this many will be read.
    Started {
        /// Files to read.
        files: usize,
    },
    /// One map's row (in no particular order).
    Row(Box<MapRow>),
    /// A file skipped or a folder not searched.
    Note(ScanNote),
}

/// A scanned workspace.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Workspace {
    /// The folder.
    pub root: PathBuf,
    /// One row per map file, sorted by path.
    pub rows: Vec<MapRow>,
    /// Files skipped and folders not searched, sorted (by their English words).
    pub notes: Vec<ScanNote>,
    /// Rows taken from the cache.
    pub from_cache: usize,
}

/// Scans `root`, sending events to `events` as it goes (a closed receiver stops
/// the scan early), and returns the whole workspace.
pub fn scan(root: &Path, options: &ScanOptions, events: Option<&Sender<ScanEvent>>) -> Workspace {
    let found = json_files(root);
    let stop = AtomicBool::new(false);
    let send = |event: ScanEvent| {
        if let Some(events) = events
            && events.send(event).is_err()
        {
            stop.store(true, Ordering::Relaxed);
        }
    };
    send(ScanEvent::Started {
        files: found.files.len(),
    });
    for note in &found.notes {
        send(ScanEvent::Note(note.clone()));
    }
    let today = options.analysis.today;
    let stale_days = options.analysis.stale_after_days;
    let cache_path = options.cache_dir.as_ref().map(|d| cache_file(d, root));
    let cache = cache_path
        .as_ref()
        .map(|file| Cache::load(file, today, stale_days))
        .unwrap_or_default();
    let next = AtomicUsize::new(0);
    let from_cache = AtomicUsize::new(0);
    let results: Mutex<Vec<(Option<Stamp>, Read)>> = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(found.files.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                let mut mine = Vec::new();
                while !stop.load(Ordering::Relaxed) {
                    let Some(path) = found.files.get(next.fetch_add(1, Ordering::Relaxed)) else {
                        break;
                    };
                    // The stamp is taken before reading: a file changed meanwhile
                    // has a newer stamp next time and is read again.
                    let stamp = Stamp::of(path);
                    let cached = stamp.and_then(|s| cache.row(path, s)).cloned();
                    let read = match cached {
                        Some(row) => {
                            from_cache.fetch_add(1, Ordering::Relaxed);
                            Read::Row(Box::new(row))
                        }
                        None => read_row(path, &options.analysis),
                    };
                    match &read {
                        Read::Row(row) => send(ScanEvent::Row(row.clone())),
                        Read::Skipped(note) => send(ScanEvent::Note(note.clone())),
                    }
                    mine.push((stamp, read));
                }
                if let Ok(mut all) = results.lock() {
                    all.extend(mine);
                }
            });
        }
    });
    let results = results.into_inner().unwrap_or_default();
    let mut rows = Vec::new();
    let mut stamped = Vec::new();
    let mut notes = found.notes;
    for (stamp, read) in results {
        match read {
            Read::Row(row) => {
                if let Some(stamp) = stamp {
                    stamped.push((stamp, (*row).clone()));
                }
                rows.push(*row);
            }
            Read::Skipped(note) => notes.push(note),
        }
    }
    rows.sort_by(|a, b| a.path.cmp(&b.path));
    notes.sort_by_cached_key(ToString::to_string);
    let complete = !stop.load(Ordering::Relaxed);
    if let Some(file) = cache_path.filter(|_| complete) {
        stamped.sort_by(|a, b| a.1.path.cmp(&b.1.path));
        Cache::save(&file, today, stale_days, &stamped);
    }
    Workspace {
        root: root.to_owned(),
        rows,
        notes,
        from_cache: from_cache.into_inner(),
    }
}
