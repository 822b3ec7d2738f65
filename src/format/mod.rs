//! The file format (v1, JSON): loading with clear errors, canonical writing, atomic
//! saving. See `docs/FORMAT.md` for the field-by-field description.

mod error;
pub mod fields;
mod object_reader;
mod read;
mod save;
mod write;

use std::path::Path;

pub use error::{LoadError, SaveError};
pub use read::{from_bytes, from_value};
pub use save::{atomic_replace, atomic_write, backup_path};
pub use write::{to_bytes, to_value};

use crate::model::limits::MAX_FILE_BYTES;
use crate::model::{Document, validate};

/// Reads and checks the map at `path`.
pub fn load_file(path: &Path) -> Result<Document, LoadError> {
    from_bytes(&read_file(path)?)
}

/// The bytes of the file at `path`, refusing files over the size limit before
/// reading them.
pub fn read_file(path: &Path) -> Result<Vec<u8>, LoadError> {
    crate::files::read_limited(path, MAX_FILE_BYTES).map_err(|err| match err {
        crate::files::LimitedReadError::Io(source) => LoadError::Read {
            path: path.to_owned(),
            source,
        },
        crate::files::LimitedReadError::TooLarge(size) => LoadError::TooLarge {
            size,
            limit: MAX_FILE_BYTES,
        },
    })
}

/// Saves `doc` to `path` atomically, keeping the previous file as `NAME.bak`. A
/// document with problems is refused, since it would not load again.
pub fn save_file(path: &Path, doc: &Document) -> Result<(), SaveError> {
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
    atomic_write(path, &bytes)
}

/// Whether `bytes` are exactly what saving their document would write.
pub fn is_canonical(bytes: &[u8], doc: &Document) -> bool {
    to_bytes(doc) == bytes
}
