//! Which version of a file is on disk: its size, modification time and a hash of
//! its bytes. A program remembers the version it loaded or saved, and before it
//! writes again it checks that the file is still that version, so a change made
//! meanwhile by someone else (a colleague on a shared drive, a `git pull`, another
//! program) is never silently overwritten.

use std::path::Path;
use std::time::SystemTime;

use crate::model::limits::MAX_FILE_BYTES;

/// A version of a file on disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiskVersion {
    /// Size in bytes.
    pub len: u64,
    /// Last modification, where the system records it.
    pub modified: Option<SystemTime>,
    /// Hash of the content ([`content_hash`]).
    pub hash: u64,
}

impl DiskVersion {
    /// The version of `bytes` read from (or written to) a file with `meta`.
    pub fn of(bytes: &[u8], meta: &std::fs::Metadata) -> Self {
        Self {
            len: u64::try_from(bytes.len()).unwrap_or(u64::MAX),
            modified: meta.modified().ok(),
            hash: content_hash(bytes),
        }
    }

    /// The version of the file at `path` now; `None` when there is no file.
    pub fn of_file(path: &Path) -> std::io::Result<Option<Self>> {
        match crate::files::read_limited_with_metadata(path, MAX_FILE_BYTES) {
            Ok((bytes, meta)) => Ok(Some(Self::of(&bytes, &meta))),
            Err(crate::files::LimitedReadError::Io(err))
                if err.kind() == std::io::ErrorKind::NotFound =>
            {
                Ok(None)
            }
            Err(crate::files::LimitedReadError::Io(err)) => Err(err),
            // Larger than any map: certainly not the version we wrote.
            Err(crate::files::LimitedReadError::TooLarge(len)) => Ok(Some(Self {
                len,
                modified: None,
                hash: 0,
            })),
        }
    }

    /// Whether the file at `path` still holds this version. Size and time are
    /// compared first; when they differ the content decides, so touching a file or
    /// checking out the same content again is not a change.
    pub fn still_on_disk(&self, path: &Path) -> std::io::Result<bool> {
        let meta = match std::fs::metadata(path) {
            Ok(meta) => meta,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(false),
            Err(err) => return Err(err),
        };
        if meta.len() != self.len {
            return Ok(false);
        }
        if self.modified.is_some() && meta.modified().ok() == self.modified {
            return Ok(true);
        }
        Ok(Self::of_file(path)?.is_some_and(|now| now.hash == self.hash))
    }

    /// Whether the file's size or time differ from this version (a cheap first look
    /// for polling; confirm with [`Self::still_on_disk`]).
    pub fn looks_changed(&self, meta: &std::fs::Metadata) -> bool {
        meta.len() != self.len || meta.modified().ok() != self.modified
    }
}

/// A stable 64-bit hash of file content (the same in every build), eight bytes at
/// a time. It detects changes; it is not a defence against a deliberate collision.
pub fn content_hash(bytes: &[u8]) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ u64::try_from(bytes.len()).unwrap_or(0);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        hash = (hash ^ u64::from_le_bytes(word)).wrapping_mul(PRIME);
        hash ^= hash >> 29;
    }
    for byte in chunks.remainder() {
        hash = (hash ^ u64::from(*byte)).wrapping_mul(PRIME);
    }
    hash ^ (hash >> 32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rewrite_is_a_change_and_a_touch_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("map.json");
        std::fs::write(&path, b"{\"a\": 1}").unwrap();
        let version = DiskVersion::of_file(&path).unwrap().unwrap();
        assert!(version.still_on_disk(&path).unwrap());

        // Same content, new time: not a change.
        let later = SystemTime::now() + std::time::Duration::from_secs(5);
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(later)
            .unwrap();
        assert!(version.still_on_disk(&path).unwrap());

        // Same size, other content: a change.
        std::fs::write(&path, b"{\"a\": 2}").unwrap();
        assert!(!version.still_on_disk(&path).unwrap());
        std::fs::remove_file(&path).unwrap();
        assert!(!version.still_on_disk(&path).unwrap());
        assert_eq!(DiskVersion::of_file(&path).unwrap(), None);
    }

    #[test]
    fn the_hash_sees_every_byte() {
        let base = vec![7u8; 1000];
        let h = content_hash(&base);
        for i in [0, 1, 7, 8, 500, 998, 999] {
            let mut other = base.clone();
            other[i] ^= 1;
            assert_ne!(content_hash(&other), h, "byte {i}");
        }
        assert_ne!(content_hash(&base[..999]), h);
    }
}
