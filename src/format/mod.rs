//! The file format (v1, JSON): loading with clear errors, canonical writing, atomic
//! saving. See `docs/FORMAT.md` for the field-by-field description.

mod disk;
mod error;
mod error_message;
pub mod fields;
mod lock;
mod names;
mod object_reader;
pub mod pretty_json;
mod raw;
mod read;
mod save;
mod scan;
mod write;
mod writer;

use std::path::Path;

pub use disk::{DiskVersion, content_hash};
pub use error::{LoadError, SaveError};
pub use error_message::io_reason;
pub(crate) use error_message::problems_zh;
pub use lock::{LockError, MapLock};
pub use names::backup_path;
pub use read::{from_bytes, from_value};
pub use save::{Expect, atomic_replace, atomic_write};
pub(crate) use write::{relationship_value, stakeholder_value, team_member_value};
pub use write::{to_bytes, to_value};
pub use writer::{DEFAULT_LOCK_WAIT, MapWriter};

use crate::model::limits::MAX_FILE_BYTES;
use crate::model::{Document, validate};

/// Reads and checks the map at `path`.
pub fn load_file(path: &Path) -> Result<Document, LoadError> {
    from_bytes(&read_file(path)?)
}

/// Reads and checks the map at `path`, with the version of the file that was read
/// (to notice later whether someone else changed it).
pub fn load_file_versioned(path: &Path) -> Result<(Document, DiskVersion), LoadError> {
    let (bytes, meta) = crate::files::read_limited_with_metadata(path, MAX_FILE_BYTES)
        .map_err(|err| read_error(err, path))?;
    let version = DiskVersion::of(&bytes, &meta);
    Ok((from_bytes(&bytes)?, version))
}

/// The bytes of the file at `path`, refusing files over the size limit before
/// reading them.
pub fn read_file(path: &Path) -> Result<Vec<u8>, LoadError> {
    crate::files::read_limited(path, MAX_FILE_BYTES).map_err(|err| read_error(err, path))
}

fn read_error(err: crate::files::LimitedReadError, path: &Path) -> LoadError {
    match err {
        crate::files::LimitedReadError::Io(source) => LoadError::Read {
            path: path.to_owned(),
            source,
        },
        crate::files::LimitedReadError::TooLarge(size) => LoadError::TooLarge {
            size,
            limit: MAX_FILE_BYTES,
        },
    }
}

/// Saves `doc` to `path` atomically, keeping the previous file as `NAME.bak`, while
/// holding the map's lock (waiting up to [`DEFAULT_LOCK_WAIT`] for another writer).
/// A document with problems is refused, since it would not load again.
pub fn save_file(path: &Path, doc: &Document) -> Result<(), SaveError> {
    MapWriter::lock(path, DEFAULT_LOCK_WAIT)?
        .save(doc, &Expect::Anything)
        .map(|_| ())
}

/// The canonical bytes of `doc`, refused when it has problems or is too large to
/// load again.
pub fn checked_bytes(doc: &Document) -> Result<Vec<u8>, SaveError> {
    let problems = validate(doc);
    if !problems.is_empty() {
        return Err(SaveError::Invalid(problems));
    }
    let bytes = to_bytes(doc);
    let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if size > MAX_FILE_BYTES {
        return Err(SaveError::TooLarge {
            size,
            limit: MAX_FILE_BYTES,
        });
    }
    Ok(bytes)
}

/// Whether `bytes` are exactly what saving their document would write.
pub fn is_canonical(bytes: &[u8], doc: &Document) -> bool {
    to_bytes(doc) == bytes
}
