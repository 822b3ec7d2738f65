//! Recovery copies of maps with unsaved changes, so a crash, a kill or a power cut
//! loses at most a few seconds of work.
//!
//! The app writes a copy of each open map with unsaved changes into a folder of its
//! own (never over the map itself): `<key>.json` is the map as it would be saved (a
//! valid map file that can also be opened by hand) and `<key>.meta.json` says which
//! file it belongs to and when it was written. Each running app holds a lock on its
//! session file `session-<id>.lock`; copies whose session is no longer locked belong
//! to an app that ended without cleaning up (a crash), and are offered at the next
//! start. Saving or discarding the changes, or a clean exit, removes the copy.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

use crate::format::{DiskVersion, LoadError, SaveError, atomic_replace, content_hash, to_bytes};
use crate::model::Document;

/// Most bytes read from a recovery description.
const MAX_META_BYTES: u64 = 64 * 1024;
/// Version of the description format.
const META_VERSION: u32 = 1;

/// The folder of recovery copies.
#[derive(Clone, Debug)]
pub struct RecoveryStore {
    dir: PathBuf,
}

/// This run of the app: its id, and the lock that tells other runs it is alive.
#[derive(Debug)]
pub struct Session {
    id: String,
    lock: File,
    lock_path: PathBuf,
}

impl Session {
    /// The session's id.
    pub fn id(&self) -> &str {
        &self.id
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.lock_path);
        let _ = self.lock.unlock();
    }
}

/// What a recovery copy is a copy of.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Meta {
    version: u32,
    session: String,
    /// The map's file; `None` for a map never saved.
    map_path: Option<PathBuf>,
    /// Local date and time of the copy, `YYYY-MM-DD HH:MM:SS`.
    saved_at: String,
    /// The account's name, to recognise an untitled map.
    account: String,
    /// People in the copy.
    people: usize,
    /// The file version the changes were made on (size and content hash).
    base: Option<(u64, u64)>,
}

/// A recovery copy left by an app that did not end cleanly.
#[derive(Clone, Debug, PartialEq)]
pub struct RecoveredMap {
    /// The map's file; `None` for a map never saved.
    pub map_path: Option<PathBuf>,
    /// Local date and time of the copy.
    pub saved_at: String,
    /// The account's name.
    pub account: String,
    /// People in the copy.
    pub people: usize,
    base: Option<(u64, u64)>,
    copy: PathBuf,
    meta: PathBuf,
}

impl RecoveredMap {
    /// The recovered map.
    pub fn load(&self) -> Result<Document, LoadError> {
        crate::format::load_file(&self.copy)
    }

    /// The version of the map's file the changes were made on, to detect that the
    /// file changed since (size and content; no time).
    pub fn base_version(&self) -> Option<DiskVersion> {
        self.base.map(|(len, hash)| DiskVersion {
            len,
            modified: None,
            hash,
        })
    }

    /// The recovery copy's own path (a valid map file).
    pub fn copy_path(&self) -> &Path {
        &self.copy
    }
}

impl RecoveryStore {
    /// The store in `dir` (created when missing, readable by the user only).
    pub fn new(dir: impl Into<PathBuf>) -> std::io::Result<Self> {
        let dir = dir.into();
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        builder.create(&dir)?;
        Ok(Self { dir })
    }

    /// The store's folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Starts a session: a fresh id and its lock, held until the session is dropped.
    pub fn start_session(&self) -> std::io::Result<Session> {
        for _ in 0..16 {
            let id = format!("{:016x}", random_u64());
            let lock_path = self.dir.join(format!("session-{id}.lock"));
            let lock = match OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&lock_path)
            {
                Ok(file) => file,
                Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(err) => return Err(err),
            };
            lock.try_lock().map_err(std::io::Error::from)?;
            return Ok(Session {
                id,
                lock,
                lock_path,
            });
        }
        Err(std::io::Error::other("no free session id"))
    }

    /// The key of a map in a session: its file's path, or "untitled".
    fn key(session: &str, map_path: Option<&Path>) -> String {
        match map_path {
            Some(path) => format!(
                "{session}-{:016x}",
                content_hash(path.as_os_str().as_encoded_bytes())
            ),
            None => format!("{session}-untitled"),
        }
    }

    fn paths(&self, key: &str) -> (PathBuf, PathBuf) {
        (
            self.dir.join(format!("{key}.json")),
            self.dir.join(format!("{key}.meta.json")),
        )
    }

    /// Writes (or replaces) the recovery copy of the map at `map_path` (`None`:
    /// untitled) for `session`. `base` is the file version the changes started from.
    pub fn write(
        &self,
        session: &str,
        map_path: Option<&Path>,
        doc: &Document,
        base: Option<&DiskVersion>,
    ) -> Result<(), SaveError> {
        let (copy, meta_path) = self.paths(&Self::key(session, map_path));
        atomic_replace(&copy, &to_bytes(doc))?;
        let meta = Meta {
            version: META_VERSION,
            session: session.to_owned(),
            map_path: map_path.map(Path::to_owned),
            saved_at: chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string(),
            account: doc.account.name.clone(),
            people: doc.stakeholders.len(),
            base: base.map(|v| (v.len, v.hash)),
        };
        let bytes = serde_json::to_vec_pretty(&meta).unwrap_or_default();
        atomic_replace(&meta_path, &bytes)
    }

    /// Removes the recovery copy of the map at `map_path` for `session`, if any.
    pub fn remove(&self, session: &str, map_path: Option<&Path>) {
        let (copy, meta) = self.paths(&Self::key(session, map_path));
        let _ = std::fs::remove_file(meta);
        let _ = std::fs::remove_file(copy);
    }

    /// Copies left by sessions that ended without cleaning up, newest first.
    /// Copies of running sessions (another window) are not listed. Lock files of
    /// ended sessions that left no copies are removed on the way.
    pub fn orphans(&self) -> Vec<RecoveredMap> {
        self.remove_dead_session_files();
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut found = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            let Some(key) = name.strip_suffix(".meta.json") else {
                continue;
            };
            let Some(meta) = read_meta(&path) else {
                continue;
            };
            if self.session_alive(&meta.session) {
                continue;
            }
            let (copy, meta_path) = self.paths(key);
            if !copy.is_file() {
                continue;
            }
            found.push(RecoveredMap {
                map_path: meta.map_path,
                saved_at: meta.saved_at,
                account: meta.account,
                people: meta.people,
                base: meta.base,
                copy,
                meta: meta_path,
            });
        }
        found.sort_by(|a, b| {
            b.saved_at
                .cmp(&a.saved_at)
                .then_with(|| a.map_path.cmp(&b.map_path))
        });
        found
    }

    /// Deletes a recovered copy (restored elsewhere, or not wanted).
    pub fn discard(&self, recovered: &RecoveredMap) {
        let _ = std::fs::remove_file(&recovered.meta);
        let _ = std::fs::remove_file(&recovered.copy);
        self.remove_dead_session_files();
    }

    /// Whether the session holding `id` is still running.
    fn session_alive(&self, id: &str) -> bool {
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return false;
        }
        let path = self.dir.join(format!("session-{id}.lock"));
        let Ok(file) = OpenOptions::new().write(true).open(&path) else {
            return false;
        };
        match file.try_lock() {
            Ok(()) => {
                let _ = file.unlock();
                false
            }
            Err(_) => true,
        }
    }

    /// Removes lock files of sessions that ended and left no copies.
    fn remove_dead_session_files(&self) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        let names: Vec<String> = entries
            .flatten()
            .filter_map(|e| e.file_name().to_str().map(str::to_owned))
            .collect();
        for name in &names {
            let Some(id) = name
                .strip_prefix("session-")
                .and_then(|n| n.strip_suffix(".lock"))
            else {
                continue;
            };
            let has_copies = names
                .iter()
                .any(|other| other.starts_with(id) && other.ends_with(".json"));
            // A session file a few seconds old may belong to an app that is just
            // starting and has not locked it yet.
            let path = self.dir.join(name);
            let settled = std::fs::metadata(&path)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > std::time::Duration::from_secs(10));
            if !has_copies && settled && !self.session_alive(id) {
                let _ = std::fs::remove_file(path);
            }
        }
    }
}

fn read_meta(path: &Path) -> Option<Meta> {
    let bytes = crate::files::read_limited(path, MAX_META_BYTES).ok()?;
    let meta: Meta = serde_json::from_slice(&bytes).ok()?;
    (meta.version == META_VERSION).then_some(meta)
}

fn random_u64() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::hash::RandomState::new().build_hasher();
    hasher.write_u32(std::process::id());
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Stakeholder, StakeholderId};

    fn doc(people: usize) -> Document {
        let mut doc = Document::default();
        doc.account.name = "Acme 集团".into();
        for i in 0..people {
            doc.stakeholders
                .push(Stakeholder::new(StakeholderId::new(format!("p{i}")), "x"));
        }
        doc
    }

    #[test]
    fn copies_of_a_live_session_are_not_offered_and_of_an_ended_one_are() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(dir.path().join("recovery")).unwrap();
        let session = store.start_session().unwrap();
        let map = dir.path().join("map.json");
        store
            .write(session.id(), Some(&map), &doc(3), None)
            .unwrap();
        store.write(session.id(), None, &doc(1), None).unwrap();
        assert!(store.orphans().is_empty(), "the session is running");

        // A crash: the lock goes away with the process, the copies stay.
        let id = session.id().to_owned();
        let _ = session.lock.unlock();
        std::mem::forget(session);
        let found = store.orphans();
        assert_eq!(found.len(), 2);
        let of_map = found
            .iter()
            .find(|r| r.map_path.as_deref() == Some(map.as_path()))
            .unwrap();
        assert_eq!(of_map.people, 3);
        assert_eq!(of_map.account, "Acme 集团");
        assert_eq!(of_map.load().unwrap().stakeholders.len(), 3);
        // The ended session's file is old enough to be cleaned up.
        let lock_file = dir
            .path()
            .join("recovery")
            .join(format!("session-{id}.lock"));
        std::fs::File::options()
            .write(true)
            .open(&lock_file)
            .unwrap()
            .set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(60))
            .unwrap();
        for recovered in &found {
            store.discard(recovered);
        }
        assert!(store.orphans().is_empty());
        assert!(
            !dir.path()
                .join("recovery")
                .join(format!("session-{id}.lock"))
                .exists()
        );
    }

    #[test]
    fn removing_and_a_clean_end_leave_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(dir.path()).unwrap();
        let session = store.start_session().unwrap();
        let map = dir.path().join("m.json");
        store
            .write(session.id(), Some(&map), &doc(2), None)
            .unwrap();
        store
            .write(session.id(), Some(&map), &doc(4), None)
            .unwrap();
        store.remove(session.id(), Some(&map));
        drop(session);
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert!(left.is_empty(), "{left:?}");
    }

    #[test]
    fn a_broken_description_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(dir.path()).unwrap();
        std::fs::write(dir.path().join("x.meta.json"), b"{not json").unwrap();
        std::fs::write(dir.path().join("x.json"), b"{}").unwrap();
        assert!(store.orphans().is_empty());
    }
}
