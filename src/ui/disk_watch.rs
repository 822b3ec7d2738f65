//! Notices when the open map's file changes on disk — another program, a `git
//! pull`, a colleague on a shared drive — so the app can offer to reload, compare or
//! keep its own version instead of overwriting the other change on the next save.
//! The file is looked at on a background thread (a network drive can be slow to
//! answer); only a change of size or time leads to reading it.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use crate::format::DiskVersion;

/// How often the file is looked at.
const POLL_EVERY: Duration = Duration::from_millis(1500);

#[derive(Default)]
struct Watched {
    /// The file and the version the app has (loaded, saved or accepted).
    file: Option<(PathBuf, DiskVersion)>,
    /// The file no longer holds that version.
    changed: bool,
    /// Bumped whenever `file` is replaced, so a slow look at an old file is ignored.
    generation: u64,
}

/// Watches one file at a time.
pub struct DiskWatch {
    shared: Arc<Mutex<Watched>>,
}

impl DiskWatch {
    /// Starts watching on a background thread; `repaint` wakes the UI on a change.
    pub fn start(repaint: impl Fn() + Send + 'static) -> Self {
        let shared = Arc::new(Mutex::new(Watched::default()));
        let weak = Arc::downgrade(&shared);
        let _ = std::thread::Builder::new()
            .name("powermap-disk-watch".into())
            .spawn(move || {
                // Ends when the app drops the watch.
                while let Some(shared) = weak.upgrade() {
                    if look(&shared) {
                        repaint();
                    }
                    drop(shared);
                    std::thread::sleep(POLL_EVERY);
                }
            });
        Self { shared }
    }

    /// Watches `path`, which holds `version` now (after opening or saving it); `None`
    /// stops watching.
    pub fn watch(&self, file: Option<(PathBuf, DiskVersion)>) {
        let mut watched = self.shared.lock().unwrap_or_else(PoisonError::into_inner);
        watched.file = file;
        watched.changed = false;
        watched.generation += 1;
    }

    /// Whether the watched file changed since it was last set.
    pub fn changed(&self) -> bool {
        self.shared
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .changed
    }

    /// Looks at the file now, on this thread (tests).
    pub fn look_now(&self) -> bool {
        look(&self.shared)
    }
}

/// Looks at the watched file once; returns whether a change was newly found.
fn look(shared: &Mutex<Watched>) -> bool {
    let (file, generation) = {
        let watched = shared.lock().unwrap_or_else(PoisonError::into_inner);
        if watched.changed {
            return false;
        }
        (watched.file.clone(), watched.generation)
    };
    let Some((path, version)) = file else {
        return false;
    };
    let changed = match std::fs::metadata(&path) {
        Ok(meta) if !version.looks_changed(&meta) => false,
        // Size or time differ, or the file is gone: the content decides.
        _ => !version.still_on_disk(&path).unwrap_or(true),
    };
    if !changed {
        return false;
    }
    let mut watched = shared.lock().unwrap_or_else(PoisonError::into_inner);
    if watched.generation != generation {
        return false;
    }
    watched.changed = true;
    true
}
