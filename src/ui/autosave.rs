//! Writes a recovery copy of the open map while it has unsaved changes: after two
//! seconds without edits, and at least every five seconds while edits go on, on a
//! background thread (serialising and writing never run on the UI thread). The
//! copy goes to the recovery folder, never over the map. Saving, discarding the
//! changes or undoing back to the saved state removes it.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use crate::format::DiskVersion;
use crate::model::Document;
use crate::recovery::{RecoveryStore, Session};

/// Quiet time after the last edit before a copy is written.
const IDLE: Duration = Duration::from_secs(2);
/// Longest time edits stay without a copy while the user keeps editing.
const MAX_DELAY: Duration = Duration::from_secs(5);

/// Work for the writer thread.
enum Job {
    Write {
        map_path: Option<PathBuf>,
        doc: Box<Document>,
        base: Option<DiskVersion>,
    },
    Remove {
        map_path: Option<PathBuf>,
    },
    /// Reply once everything before it is done (tests, restoring).
    Flush(Sender<()>),
}

/// The autosave of one app window.
pub struct Autosave {
    store: RecoveryStore,
    session: Session,
    jobs: Sender<Job>,
    /// The edit counter last seen, and when it changed.
    seen: Option<(u64, Instant)>,
    /// Since when edits wait for a copy.
    waiting_since: Option<Instant>,
    /// The map a copy was written for (cleared when removed).
    written_for: Option<Option<PathBuf>>,
}

impl Autosave {
    /// Starts autosaving into `dir`; `None` when the folder cannot be used.
    pub fn start(dir: &Path) -> Option<Self> {
        let store = RecoveryStore::new(dir).ok()?;
        let session = store.start_session().ok()?;
        let (jobs, receiver) = channel();
        let thread_store = store.clone();
        let session_id = session.id().to_owned();
        std::thread::Builder::new()
            .name("powermap-autosave".into())
            .spawn(move || writer_loop(&thread_store, &session_id, &receiver))
            .ok()?;
        Some(Self {
            store,
            session,
            jobs,
            seen: None,
            waiting_since: None,
            written_for: None,
        })
    }

    /// The recovery store (to list and restore copies).
    pub fn store(&self) -> &RecoveryStore {
        &self.store
    }

    /// Called every frame with the map's state. Returns how long until a copy is due
    /// (the caller asks for a repaint then), or `None` when nothing waits.
    pub fn tick(
        &mut self,
        doc: &Document,
        modified: bool,
        edit_counter: u64,
        map_path: Option<&Path>,
        base: Option<&DiskVersion>,
    ) -> Option<Duration> {
        let now = Instant::now();
        let map_key = map_path.map(Path::to_owned);
        if let Some(written) = &self.written_for
            && (!modified || *written != map_key)
        {
            // Saved, discarded, or another map: the old copy has no use.
            let _ = self.jobs.send(Job::Remove {
                map_path: written.clone(),
            });
            self.written_for = None;
        }
        if !modified {
            self.waiting_since = None;
            self.seen = Some((edit_counter, now));
            return None;
        }
        match self.seen {
            Some((counter, _)) if counter == edit_counter => {}
            _ => {
                self.seen = Some((edit_counter, now));
                self.waiting_since.get_or_insert(now);
            }
        }
        if self.written_for.is_none() && self.waiting_since.is_none() {
            // Modified (restored, or opened with changes) but never written.
            self.waiting_since = Some(now);
        }
        let since = self.waiting_since?;
        let last_edit = self.seen.map_or(now, |(_, at)| at);
        let due = (last_edit + IDLE).min(since + MAX_DELAY);
        if now < due {
            return Some(due - now);
        }
        let _ = self.jobs.send(Job::Write {
            map_path: map_key.clone(),
            doc: Box::new(doc.clone()),
            base: base.cloned(),
        });
        self.written_for = Some(map_key);
        self.waiting_since = None;
        None
    }

    /// Writes a copy now, on this thread, after whatever is queued (restoring a
    /// copy, the system ending the app); returns whether it was written.
    pub fn write_now(
        &mut self,
        doc: &Document,
        map_path: Option<&Path>,
        base: Option<&DiskVersion>,
    ) -> bool {
        self.flush();
        let written = self
            .store
            .write(self.session.id(), map_path, doc, base)
            .is_ok();
        if written {
            self.written_for = Some(map_path.map(Path::to_owned));
            self.waiting_since = None;
        }
        written
    }

    /// Removes the copy of the current map now (a clean exit).
    pub fn clear(&mut self) {
        if let Some(written) = self.written_for.take() {
            let _ = self.jobs.send(Job::Remove { map_path: written });
        }
        self.flush();
    }

    /// Waits until every queued write and removal is done.
    pub fn flush(&self) {
        let (reply, done) = channel();
        if self.jobs.send(Job::Flush(reply)).is_ok() {
            let _ = done.recv_timeout(Duration::from_secs(30));
        }
    }

    /// The session's id (tests).
    pub fn session_id(&self) -> &str {
        self.session.id()
    }
}

/// Writes copies in order; of several queued writes only the newest is written.
fn writer_loop(store: &RecoveryStore, session: &str, jobs: &Receiver<Job>) {
    while let Ok(first) = jobs.recv() {
        let mut batch = vec![first];
        batch.extend(jobs.try_iter());
        let last_write = batch.iter().rposition(|j| matches!(j, Job::Write { .. }));
        for (index, job) in batch.into_iter().enumerate() {
            match job {
                Job::Write {
                    map_path,
                    doc,
                    base,
                } => {
                    if Some(index) == last_write {
                        // A failed copy is retried with the next edit; the map
                        // itself is untouched either way.
                        let _ = store.write(session, map_path.as_deref(), &doc, base.as_ref());
                    }
                }
                Job::Remove { map_path } => store.remove(session, map_path.as_deref()),
                Job::Flush(reply) => {
                    let _ = reply.send(());
                }
            }
        }
    }
}
