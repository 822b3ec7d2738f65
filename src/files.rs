//! Reading user files with a size limit, so a huge or growing file cannot exhaust
//! memory: the limit is checked before reading and enforced while reading.

use std::io::Read;
use std::path::Path;

/// Why a limited read failed.
#[derive(Debug)]
pub enum LimitedReadError {
    /// The operating system refused.
    Io(std::io::Error),
    /// The file is larger than the limit.
    TooLarge(u64),
}

/// The bytes of `path`, refusing files larger than `limit` bytes.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, LimitedReadError> {
    let file = std::fs::File::open(path).map_err(LimitedReadError::Io)?;
    let size = file.metadata().map_err(LimitedReadError::Io)?.len();
    if size > limit {
        return Err(LimitedReadError::TooLarge(size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // At most one byte past the limit, in case the file grows while we read.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(LimitedReadError::Io)?;
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read > limit {
        return Err(LimitedReadError::TooLarge(read));
    }
    Ok(bytes)
}
