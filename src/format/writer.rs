//! A map opened for writing: the map's lock is held from before it is read until
//! after it is written, so two writers (two `import --into`, `fmt` and the app) never
//! interleave their reads and writes and lose each other's changes.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::disk::DiskVersion;
use super::lock::{LockError, MapLock};
use super::save::{Expect, resolve_link, write_atomically};
use super::{LoadError, SaveError, checked_bytes, from_bytes, read_error};
use crate::model::Document;
use crate::model::limits::MAX_FILE_BYTES;

/// How long a writer waits for another one to finish before giving up.
pub const DEFAULT_LOCK_WAIT: Duration = Duration::from_secs(10);

/// Exclusive access to one map file for reading and writing it.
#[derive(Debug)]
pub struct MapWriter {
    /// The map's path, through any symbolic link.
    path: PathBuf,
    /// `None` where the file system cannot lock (some network shares): saving
    /// still works, with the on-disk version check as the only guard.
    _lock: Option<MapLock>,
}

impl MapWriter {
    /// Takes the lock of the map at `path`, waiting up to `wait`.
    pub fn lock(path: &Path, wait: Duration) -> Result<Self, SaveError> {
        let path = resolve_link(path);
        let lock = match MapLock::acquire(&path, wait) {
            Ok(lock) => Some(lock),
            Err(LockError::Busy) => return Err(SaveError::Busy { path }),
            // No lock file possible here (read-only folder, a share without
            // locks): the save reports the real problem, if there is one.
            Err(LockError::Io(_)) => None,
        };
        Ok(Self { path, _lock: lock })
    }

    /// The map's path (through any symbolic link).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads and checks the map, with the version read; `Ok(None)` when there is no
    /// file yet.
    pub fn load(&self) -> Result<Option<(Document, DiskVersion)>, LoadError> {
        match self.read()? {
            Some((bytes, version)) => Ok(Some((from_bytes(&bytes)?, version))),
            None => Ok(None),
        }
    }

    /// The map's bytes and their version; `Ok(None)` when there is no file yet.
    pub fn read(&self) -> Result<Option<(Vec<u8>, DiskVersion)>, LoadError> {
        match crate::files::read_limited_with_metadata(&self.path, MAX_FILE_BYTES) {
            Ok((bytes, meta)) => {
                let version = DiskVersion::of(&bytes, &meta);
                Ok(Some((bytes, version)))
            }
            Err(crate::files::LimitedReadError::Io(err))
                if err.kind() == std::io::ErrorKind::NotFound =>
            {
                Ok(None)
            }
            Err(err) => Err(read_error(err, &self.path)),
        }
    }

    /// Saves `doc` if the file on disk is what `expect` says; returns the version
    /// written.
    pub fn save(&self, doc: &Document, expect: &Expect) -> Result<DiskVersion, SaveError> {
        let bytes = checked_bytes(doc)?;
        self.write(&bytes, expect)
    }

    /// Writes `bytes` (already canonical) if the file on disk is what `expect` says.
    pub fn write(&self, bytes: &[u8], expect: &Expect) -> Result<DiskVersion, SaveError> {
        write_atomically(&self.path, bytes, true, expect)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Stakeholder;

    fn doc_with(names: &[&str]) -> Document {
        let mut doc = Document::default();
        for (i, name) in names.iter().enumerate() {
            doc.stakeholders.push(Stakeholder::new(
                crate::model::StakeholderId::new(format!("p{i}")),
                *name,
            ));
        }
        doc
    }

    #[test]
    fn two_threads_adding_people_never_lose_each_others_change() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("map.json");
        super::super::save_file(&path, &doc_with(&[])).unwrap();
        let workers: Vec<_> = (0..4)
            .map(|w| {
                let path = path.clone();
                std::thread::spawn(move || {
                    for i in 0..10 {
                        let writer = MapWriter::lock(&path, Duration::from_secs(60)).unwrap();
                        let (mut doc, version) = writer.load().unwrap().unwrap();
                        doc.stakeholders.push(Stakeholder::new(
                            crate::model::StakeholderId::new(format!("w{w}-{i}")),
                            "x",
                        ));
                        writer.save(&doc, &Expect::Version(version)).unwrap();
                    }
                })
            })
            .collect();
        for w in workers {
            w.join().unwrap();
        }
        let doc = super::super::load_file(&path).unwrap();
        assert_eq!(doc.stakeholders.len(), 40);
    }
}
